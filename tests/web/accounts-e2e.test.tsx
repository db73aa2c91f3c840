import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildHubApp, demoAccounts, loadHubConfig, seedHub, type HubConfig } from '@constellation/hub';
import { buildApp as buildNationalApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import { sitePageSlugs } from '@constellation/shared';
import { http } from '../support/federation.ts';
import { field, launchChromium, newLocalContext, open, visit, watchPage } from '../support/browser.ts';
import { loginToken } from '../support/portal.ts';
import { builtWebApp } from '../support/web-build.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { linkIn, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

/*
 * Issue #16's "done when", in Chromium against two hubs and the national site, with every
 * mail going through a real SMTP server (smtp-server on loopback) and read from there: a
 * new member signs up, confirms the address from the mail, resets the password from the
 * mail, submits an event; the moderator gets the mail, sees the pending count in the menu
 * and rejects with a reason; the author gets the reason by mail. A fresh, unapproved
 * account finds no member's e-mail or phone in any page or API answer. The footer of every
 * hub and of the national site links the four pages its operator writes.
 */

const NOW = Date.now();
let dir: string;
let sink: SmtpSink;
let redis: TestRedis;
let browser: Browser;
let national: FastifyInstance;
let nationalServices: AggregatorServices;
let nationalUrl: string;
const hubs: { app: FastifyInstance; url: string; config: HubConfig }[] = [];
const contexts: BrowserContext[] = [];
const incidents: string[] = [];

/** Listens on a free port first, so the hub's base URL (in its mails and pages) is the one the browser reaches. */
async function startHub(id: string, region: string, name: string, webRoot: string, seed: boolean) {
  const config = loadHubConfig({
    env: {
      HUB_ID: id,
      HUB_NAME: name,
      HUB_REGION: region,
      HUB_DATA_DIR: join(dir, id),
      HUB_LOG_LEVEL: 'silent',
      HUB_WEB_ROOT: webRoot,
      HUB_PORT: '0',
      HUB_SMTP_HOST: '127.0.0.1',
      HUB_SMTP_PORT: String(sink.port),
      HUB_SMTP_SECURITY: 'none',
      HUB_MAIL_FROM: `no-reply@${id}.test`,
    },
  });
  const probe = await buildHubApp(config);
  await probe.listen({ host: '127.0.0.1', port: 0 });
  const address = probe.server.address();
  await probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const live = { ...config, port: address.port, baseUrl: `http://127.0.0.1:${address.port}` };
  if (seed) await seedHub(live, { scale: 0.1, demoAccounts: true });
  const app = await buildHubApp(live);
  await app.listen({ host: '127.0.0.1', port: address.port });
  const hub = { app, url: live.baseUrl, config: live };
  hubs.push(hub);
  return hub;
}

async function newContext(): Promise<BrowserContext> {
  const context = await newLocalContext(browser, { allow: [...hubs.map((hub) => hub.url), nationalUrl], viewport: { width: 1280, height: 900 }, timeoutMs: 20_000 });
  contexts.push(context);
  return context;
}

/** YYYY-MM-DD of the day `days` from now, in Paris. */
function parisDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(NOW + days * 86_400_000));
}

/** A demo login the first hub's seed made. */
function demoLogin(role: 'admin' | 'moderator'): { email: string; password: string } {
  const account = demoAccounts('centre-val-de-loire').find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`the seed has no demo ${role}`);
  return { email: account.email, password: account.password };
}

/**
 * With SCREENSHOT_DIR set: the page at 1366 and 360 px, in French and English (the
 * language switch in the header), scrolled to `around` when given.
 */
async function shoot(page: Page, name: string, around?: ReturnType<Page['locator']>): Promise<void> {
  const shots = process.env.SCREENSHOT_DIR;
  if (shots === undefined) return;
  mkdirSync(shots, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const language of ['fr', 'en'] as const) {
    if (language === 'en') await page.getByRole('button', { name: 'Read in English' }).click();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      if (around !== undefined) await around.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `${name}-${language}-${width}.png`) });
    }
  }
  await page.getByRole('button', { name: 'Lire en français' }).click();
  await page.setViewportSize(size);
}

const mailTo = (address: string, subject: string) => (mail: ReceivedMail) => mail.to.includes(address) && mail.subject.includes(subject);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-accounts-e2e-'));
  const build = builtWebApp();
  build.catch(() => undefined);
  [sink, redis] = await Promise.all([startSmtpSink(), startRedis()]);
  // The national operator's own texts for two of its pages; the other two are the defaults.
  const pagesDir = join(dir, 'national-pages');
  mkdirSync(pagesDir);
  writeFileSync(join(pagesDir, 'about.fr.md'), '# À propos du réseau national\n\nLe réseau des sites régionaux de culture scientifique.\n');
  writeFileSync(join(pagesDir, 'legal.fr.md'), '# Mentions légales nationales\n\nÉditeur : l’association nationale des CCSTI.\n');
  // The hubs and the national site list the built files when they start: build first.
  const webRoot = await build;
  await startHub('centre-val-de-loire', '24', 'Echosciences Centre-Val de Loire', webRoot, true);
  await startHub('bretagne', '53', 'Echosciences Bretagne', webRoot, false);
  const config = {
    ...loadAggregatorConfig({
      env: { AGGREGATOR_DATA_DIR: join(dir, 'national'), AGGREGATOR_JWT_SECRET: 'accounts-e2e-secret-long-enough-0123456789', AGGREGATOR_LOG_LEVEL: 'silent', REDIS_URL: redis.url, AGGREGATOR_PAGES_DIR: pagesDir },
    }),
    webRoot,
  };
  nationalServices = createServices(config);
  national = await buildNationalApp(config, { services: nationalServices });
  await national.listen({ host: '127.0.0.1', port: 0 });
  const address = national.server.address();
  nationalUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await national?.close();
  await nationalServices?.close();
  for (const hub of hubs) await hub.app.close();
  await redis?.close();
  await sink?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('accounts that real people can use', () => {
  it('a new member confirms the address and resets the password from the mails, submits an event; the moderator hears of it, sees the count, rejects with a reason, and the author gets the reason by mail', { timeout: 120_000 }, async () => {
    const hub = hubs[0];
    if (hub === undefined) throw new Error('no hub');
    const email = 'lea.comete@example.org';
    const title = 'Nuit des comètes à Blois';
    const reason = 'Merci de préciser le lieu exact et l’heure de fin de la soirée.';

    // She signs up.
    const member = await newContext();
    const page = await open(member, `${hub.url}/signup`, incidents);
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await field(page, 'Nom affiché').fill('Léa Comète');
    await field(page, 'Adresse e-mail').fill(email);
    await field(page, 'Mot de passe').fill('premier mot de passe');
    await page.getByRole('checkbox', { name: /politique de confidentialité/ }).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Connecté·e : Léa Comète').or(page.locator('.error-summary')).first().waitFor();
    expect(await page.locator('.error-summary').allInnerTexts()).toEqual([]);

    // She confirms her address from the mail.
    const welcome = await sink.waitFor(email);
    await visit(page, linkIn(welcome, `${hub.url}/account/confirm?token=`));
    await page.getByText('Votre adresse est confirmée').waitFor();

    // She logs out, has forgotten her password, and chooses a new one from the mail's link.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await visit(page, `${hub.url}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await field(page, 'Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Si un compte utilise cette adresse').waitFor();
    const resetMail = await sink.waitFor((mail) => mail.to.includes(email) && mail.text.includes('/account/reset?token='));
    await visit(page, linkIn(resetMail, `${hub.url}/account/reset?token=`));
    await field(page, 'Mot de passe').fill('nouveau mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre mot de passe est changé').waitFor();
    // The old password is refused, the new one opens her account (through the login form).
    expect((await http(`${hub.url}/api/v1/auth/login`, { method: 'POST', body: { email, password: 'premier mot de passe' } })).status).toBe(401);
    await visit(page, `${hub.url}/login`);
    await field(page, 'Adresse e-mail').fill(email);
    await field(page, 'Mot de passe').fill('nouveau mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Connecté·e : Léa Comète').waitFor();

    // Her organisation, then the event, both to moderation.
    await visit(page, `${hub.url}/contribute`);
    const createActor = page.getByRole('link', { name: 'Créer mon organisation' });
    await createActor.click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
    await field(page, 'Nom').fill('Club d’astronomie de Blois');
    await field(page, 'Type').selectOption({ label: 'Association' });
    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    await page.getByText('Envoyé à la modération.').waitFor();
    await visit(page, `${hub.url}/contribute/events/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await field(page, 'Titre').fill(title);
    await field(page, 'Résumé').fill('Observer les comètes de l’hiver au bord de la Loire.');
    await field(page, 'Format').selectOption({ label: 'Sortie de terrain' });
    const day = parisDay(12);
    await field(page, 'Début').first().fill(`${day}T20:30`);
    await field(page, 'Fin').first().fill(`${day}T23:00`);
    await field(page, 'Nom du lieu').fill('Quai de la Loire');
    await page.getByRole('searchbox', { name: 'Rechercher une commune' }).fill('Blois');
    await page.getByRole('button', { name: /^Blois \(41\d{3}\)/ }).click();
    await expect.poll(() => field(page, 'Commune').inputValue()).toBe('Blois');
    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    await page.getByText('Envoyé à la modération.').waitFor();

    // The moderator gets a mail for it, with the queue's link.
    const moderatorLogin = demoLogin('moderator');
    const notice = await sink.waitFor(mailTo(moderatorLogin.email, title));
    const queueLink = linkIn(notice, `${hub.url}/moderation`);

    // They log in: the menu says how much waits, as the API does; the mail's link opens the queue.
    const desk = await open(await newContext(), `${hub.url}/login`, incidents);
    await field(desk, 'Adresse e-mail').fill(moderatorLogin.email);
    await field(desk, 'Mot de passe').fill(moderatorLogin.password);
    await desk.getByRole('button', { name: 'Se connecter' }).click();
    await desk.getByText(/^Connecté·e : /).waitFor();
    const workload = await http<{ pending: number }>(`${hub.url}/api/v1/moderation/workload`, { token: await loginToken(hub.url, moderatorLogin) });
    expect(workload.body.pending).toBeGreaterThanOrEqual(2);
    const menu = desk.getByRole('navigation', { name: /compte/i }).getByRole('link', { name: /^Modération/ });
    await expect.poll(() => menu.textContent()).toBe(`Modération (${workload.body.pending} en attente)`);
    await visit(desk, queueLink);
    await desk.getByRole('heading', { name: 'Contenus en attente' }).waitFor();
    await desk.getByRole('button', { name: `Refuser… « ${title} »` }).click();
    await desk.getByLabel(/^Motif du refus \(envoyé à l’auteur·rice\)/).fill(reason);
    await desk.getByRole('button', { name: 'Confirmer le refus' }).click();
    await desk.getByText('1 contenu refusé.').waitFor();
    expect(await desk.getByRole('heading', { level: 3, name: title }).count()).toBe(0);
    await expect.poll(() => menu.textContent()).toBe(`Modération (${workload.body.pending - 1} en attente)`);

    // She gets the decision with the reason, by mail.
    const decision = await sink.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(title));
    expect(decision.text).toContain(reason);
    expect(incidents).toEqual([]);
  });

  it('shows a fresh, unapproved account no member’s e-mail or phone, in any page or API answer', { timeout: 60_000 }, async () => {
    const hub = hubs[0];
    if (hub === undefined) throw new Error('no hub');
    // Every member's contact details and login address, as the hub stores them.
    const sqlite = (hub.app as unknown as { store: { sqlite: Database.Database } }).store.sqlite;
    const secrets = new Set<string>();
    for (const row of sqlite.prepare('SELECT data FROM member_profiles').all() as { data: string }[]) {
      const contact = (JSON.parse(row.data) as { contact?: { email?: string; phone?: string } }).contact;
      if (contact?.email !== undefined) secrets.add(contact.email);
      if (contact?.phone !== undefined) secrets.add(contact.phone);
    }
    const phones = [...secrets].filter((value) => !value.includes('@'));
    expect(phones.length).toBeGreaterThan(0);
    const email = 'nouveau.venu@example.org';
    for (const row of sqlite.prepare('SELECT email FROM users WHERE email != ?').all(email) as { email: string }[]) secrets.add(row.email);
    const leaks = (text: string) => {
      const flat = text.replace(/[\s\u00a0\u202f.-]/g, '');
      return [...secrets].filter((secret) => text.includes(secret) || (!secret.includes('@') && flat.includes(secret.replace(/[\s.-]/g, ''))));
    };

    // A fresh account: signed up, address confirmed, membership never asked for.
    expect((await http(`${hub.url}/api/v1/auth/register`, { method: 'POST', body: { email, password: 'un compte tout neuf', displayName: 'Nouveau venu', acceptPrivacy: true } })).status).toBe(201);
    const confirm = new URL(linkIn(await sink.waitFor(email), `${hub.url}/account/confirm?token=`));
    expect((await http(`${hub.url}/api/v1/auth/confirm-email`, { method: 'POST', body: { token: confirm.searchParams.get('token') } })).status).toBe(200);
    const token = await loginToken(hub.url, { email, password: 'un compte tout neuf' });

    // The API: the directory page by page, and every profile in it.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: Awaited<ReturnType<typeof http<{ items: { userId: string }[]; next: string | null }>>> = await http(`${hub.url}/api/v1/members?limit=50${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { token });
      expect(answer.status).toBe(200);
      expect(leaks(answer.text)).toEqual([]);
      ids.push(...answer.body.items.map((item) => item.userId));
      cursor = answer.body.next;
    } while (cursor !== null);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      const profile = await http(`${hub.url}/api/v1/members/${id}`, { token });
      expect(profile.status).toBe(200);
      expect(leaks(profile.text)).toEqual([]);
    }

    // The pages, as the browser gets them, and every answer it receives meanwhile.
    const context = await newContext();
    const login = await context.request.post(`${hub.url}/api/v1/auth/login`, { data: { email, password: 'un compte tout neuf' } });
    expect(login.status()).toBe(200);
    const answers: Promise<string>[] = [];
    context.on('response', (response) => {
      if (response.url().startsWith(hub.url) && /json|html/.test(response.headers()['content-type'] ?? '')) answers.push(response.text().catch(() => ''));
    });
    const page = await open(context, `${hub.url}/members`, incidents);
    const names = page.locator('main h2 a, main h3 a');
    await expect.poll(() => names.count()).toBeGreaterThan(3);
    expect(leaks(await page.locator('body').innerText())).toEqual([]);
    const memberLinks = await page.locator('main a[href^="/members/"]').evaluateAll((links) => [...new Set(links.map((link) => (link as HTMLAnchorElement).href))]);
    expect(memberLinks.length).toBeGreaterThan(3);
    for (const link of memberLinks) {
      await visit(page, link);
      await page.locator('main h1').waitFor();
      expect(leaks(await page.locator('body').innerText())).toEqual([]);
    }
    const received = await Promise.all(answers);
    expect(received.length).toBeGreaterThan(memberLinks.length);
    expect(received.flatMap(leaks)).toEqual([]);

    // The same account once approved reads what members share with the network: the check above could see a leak.
    sqlite.prepare("UPDATE users SET membership = 'approved' WHERE email = ?").run(email);
    const approved = await http(`${hub.url}/api/v1/members?limit=50`, { token });
    expect(leaks(approved.text).length).toBeGreaterThan(0);
  });

  it('lets a visitor without an account follow an actor by e-mail, confirmed from the mail (double opt-in)', { timeout: 60_000 }, async () => {
    const hub = hubs[0];
    if (hub === undefined) throw new Error('no hub');
    const actors = await http<{ items: { name: string; slug: string }[] }>(`${hub.url}/api/v1/actors?limit=1`);
    const actor = actors.body.items[0];
    if (actor === undefined) throw new Error('the seeded hub has no actor');
    const email = 'sans.compte@example.org';
    const page = await open(await newContext(), `${hub.url}/actors/${actor.slug}`, incidents);
    const form = page.locator('form.follow-by-mail');
    await form.waitFor();
    await shoot(page, 'follow-by-mail', form);
    // Nothing ticked, no address: both refused in words, before anything is sent.
    await form.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await form.getByText('Cochez au moins une chose à suivre.').first().waitFor();
    await form.getByRole('checkbox', { name: new RegExp(actor.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
    await field(page, 'Votre adresse e-mail').fill(email);
    await form.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await page.getByText(`Si l’adresse ${email} est valide`).waitFor();
    const mail = await sink.waitFor((received) => received.to.includes(email) && received.text.includes('/account/follow?token='));
    expect(mail.text).toContain(actor.name);
    const link = linkIn(mail, `${hub.url}/account/follow?token=`);
    await visit(page, link);
    await page.getByText('C’est confirmé').waitFor();
    expect(await page.locator('main').innerText()).toContain(actor.name);
    await shoot(page, 'follow-confirmed');
    // The link works once.
    await visit(page, link);
    await page.getByRole('alert').waitFor();
    expect(incidents).toEqual([]);
  });

  it('links the four pages its operator writes from the footer of every hub and of the national site', { timeout: 60_000 }, async () => {
    const [first, second] = hubs;
    if (first === undefined || second === undefined) throw new Error('no hubs');
    // The first hub's operator writes its legal notice in the console's API.
    const admin = demoLogin('admin');
    const saved = await http(`${first.url}/api/v1/admin/pages/legal/fr`, { method: 'PUT', token: await loginToken(first.url, admin), body: { title: 'Mentions légales du Centre', body: 'Éditeur : Centre Sciences, Orléans.' } });
    expect(saved.status, saved.text).toBe(200);
    const expected: Record<string, Partial<Record<string, string>>> = {
      [first.url]: { legal: 'Mentions légales du Centre' },
      [second.url]: {},
      [nationalUrl]: { about: 'À propos du réseau national', legal: 'Mentions légales nationales' },
    };
    const page = watchPage(await (await newContext()).newPage(), incidents);
    for (const [site, edited] of Object.entries(expected)) {
      await visit(page, `${site}/`);
      const footer = page.locator('footer.site-footer');
      const links = footer.getByRole('navigation').first().getByRole('link');
      await expect.poll(() => links.allTextContents()).toEqual(sitePageSlugs.values.map((slug) => sitePageSlugs.label(slug, 'fr')));
      for (const slug of sitePageSlugs.values) {
        await footer.getByRole('link', { name: sitePageSlugs.label(slug, 'fr'), exact: true }).click();
        await expect.poll(() => new URL(page.url()).pathname).toBe(`/${slug}`);
        const heading = page.getByRole('heading', { level: 1 });
        await heading.waitFor();
        const words = await page.locator('main').innerText();
        if (edited[slug] !== undefined) expect(await heading.textContent()).toBe(edited[slug]);
        // A default says what its operator must fill in; no page is empty.
        expect(words.length).toBeGreaterThan(40);
      }
    }
    expect(incidents).toEqual([]);
  });
});
