import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { http, type Federation } from '../support/federation.ts';
import { field, open, seriousViolations, visit } from '../support/browser.ts';
import { loginToken, type PortalHub } from '../support/portal.ts';
import { parisDay, portalSiteForFile, settled, type PortalSite } from './portal-site.tsx';
import { linkIn, type SmtpSink } from '../support/smtp-sink.ts';

/*
 * The regional portal end to end, in Chromium: a seeded hub process serving the built
 * web app, an aggregator worker pulling it into the national store, and the aggregator's
 * API serving the same build as the national site at the address the hub notifies
 * (portal-site.tsx). A contributor signs up, writes a recurring event,
 * submits it; a moderator approves it in the console; it then shows on the hub's agenda
 * and map and on the national ones, with the test only driving the UI. Then: the console
 * stays closed to contributors (UI and API), and an operator curates the portal (a
 * dossier, the home page's featured items and banner, the site's branding), each saved
 * through the UI and read back where citizens meet it. Any request leaving loopback is
 * refused and reported. The event form's refusals and the axe pass on the main pages are
 * in portal-accessibility.test.tsx. SCREENSHOT_DIR, when set, keeps screenshots of the
 * curation pages at 1366 and 360 px, FR and EN.
 */

let site: PortalSite;
let fed: Federation;
let hub: PortalHub;
let sink: SmtpSink;
let incidents: string[];
const newContext = () => site.newContext();
const logIn = (...args: Parameters<PortalSite['logIn']>) => site.logIn(...args);
const contributorToken = (email: string) => site.contributorToken(email);

/** Opens a list page afresh and reads the event titles it lists once it has loaded. */
async function listedTitles(page: Page, url: string, testId: 'agenda-list' | 'event-list'): Promise<string[]> {
  await visit(page, url);
  const list = page.getByTestId(testId);
  await page.locator(`[data-testid="${testId}"][aria-busy="false"]`).waitFor();
  return list.getByRole('heading', { level: 3 }).allTextContents();
}

/** The first published item of a type on the seeded hub. */
async function firstOf(type: string): Promise<{ id: string; title: string }> {
  const answer = await http<{ items: { id: string; title: string }[] }>(`${hub.url}/api/v1/${type}?limit=1`);
  const item = answer.body.items[0];
  if (item === undefined) throw new Error(`the seeded hub has no ${type}`);
  return item;
}

/** Screenshots of a page at 1366 and 360 px, in French and English, when SCREENSHOT_DIR is set; `prepare` runs before each. */
async function shoot(target: Page, name: string, prepare?: () => Promise<void>): Promise<void> {
  const shots = process.env.SCREENSHOT_DIR;
  if (shots === undefined) return;
  mkdirSync(shots, { recursive: true });
  for (const language of ['fr', 'en'] as const) {
    if (language === 'en') await target.getByRole('button', { name: 'Read in English' }).click();
    for (const width of [1366, 360]) {
      await target.setViewportSize({ width, height: 900 });
      await prepare?.();
      await target.screenshot({ path: join(shots, `${name}-${language}-${width}.png`), fullPage: true });
    }
  }
  await target.getByRole('button', { name: 'Lire en français' }).click();
  await target.setViewportSize({ width: 1200, height: 900 });
}

portalSiteForFile({ national: true }, (started) => {
  site = started;
  ({ fed, hub, sink, incidents } = started);
});

describe('from sign-up to the national map', () => {
  it('a contributor signs up and submits a recurring event, a moderator approves it, and it shows on the regional and national agenda and map, live on the open ones', { timeout: 240_000 }, async () => {
    const title = 'Club d’astronomie hebdomadaire à Bourges';
    const actorName = 'Les Astronomes de Bourges';
    const firstDay = parisDay(8);
    const sessions = 6;

    // A contributor signs up.
    const contributor = await newContext();
    const page = await open(contributor, `${hub.url}/signup`, incidents);
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await field(page, 'Nom affiché').fill('Camille Étoile');
    await field(page, 'Adresse e-mail').fill('camille.etoile@example.org');
    await field(page, 'Mot de passe').fill('une étoile filante');
    await page.getByRole('checkbox', { name: /politique de confidentialité/ }).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // Signed in, or a refusal whose words the failure then shows.
    await page.getByText('Connecté·e : Camille Étoile').or(page.locator('.error-summary')).first().waitFor();
    expect(await page.locator('.error-summary').allInnerTexts()).toEqual([]);
    await page.getByText('Connecté·e : Camille Étoile').waitFor();
    // She confirms her address from the mail the hub sent (until then she may not contribute).
    await visit(page, linkIn(await sink.waitFor('camille.etoile@example.org'), `${hub.url}/account/confirm?token=`));
    await page.getByText('Votre adresse est confirmée').waitFor();

    // Her organisation first, if the contribute page asks for one.
    await visit(page, `${hub.url}/contribute`);
    await page.getByRole('heading', { level: 1, name: 'Contribuer' }).waitFor();
    const createActor = page.getByRole('link', { name: 'Créer mon organisation' });
    await createActor.or(page.getByRole('heading', { name: 'Mes contenus' })).first().waitFor();
    const createdActor = await createActor.isVisible();
    if (createdActor) {
      await createActor.click();
      await page.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
      await field(page, 'Nom').fill(actorName);
      await field(page, 'Type').selectOption({ label: 'Association' });
      await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
      await page.getByText('Envoyé à la modération.').waitFor();
    }

    // The recurring event: weekly from a first session eight days ahead, six sessions, in Bourges.
    await visit(page, `${hub.url}/contribute/events/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await field(page, 'Titre').fill(title);
    await field(page, 'Résumé').fill('Observer le ciel ensemble, instruments fournis.');
    await field(page, 'Format').selectOption({ label: 'Atelier' });
    await page.getByRole('radio', { name: 'Récurrent' }).check();
    await field(page, 'Première séance : début').fill(`${firstDay}T18:30`);
    await field(page, 'Première séance : fin').fill(`${firstDay}T20:30`);
    await field(page, 'Répétition').selectOption({ label: 'Toutes les semaines' });
    await page.getByRole('radio', { name: 'Après un nombre de séances' }).check();
    await field(page, 'Nombre de séances').fill(String(sessions));
    // The place: the commune from the hub's search (it brings the coordinates), then the venue's name.
    await field(page, 'Nom du lieu').fill('Observatoire de Bourges');
    await page.getByRole('searchbox', { name: 'Rechercher une commune' }).fill('Bourges');
    await page.getByRole('button', { name: /^Bourges \(18\d{3}\)/ }).click();
    await expect.poll(() => field(page, 'Commune').inputValue()).toBe('Bourges');
    const latitude = Number(await field(page, 'Latitude').inputValue());
    const longitude = Number(await field(page, 'Longitude').inputValue());
    expect([Math.round(latitude * 10) / 10, Math.round(longitude * 10) / 10]).toEqual([47.1, 2.4]);
    // The preview of the next dates: every session, weekly, in French, the first on the day typed.
    const preview = page.getByRole('region', { name: 'Prochaines dates' });
    const dates = preview.getByRole('listitem');
    await expect.poll(() => dates.count()).toBe(sessions);
    const firstDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${firstDay}T12:00:00Z`));
    const spaced = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
    expect(spaced(await dates.first().textContent())).toContain(spaced(firstDate));
    expect(await dates.first().textContent()).toContain('18:30');
    expect(await preview.textContent()).not.toContain('et d’autres dates ensuite');
    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    await page.getByText('Envoyé à la modération.').waitFor();

    // Her dashboard lists it, awaiting moderation.
    await visit(page, `${hub.url}/contribute`);
    const mine = page.locator('main li', { hasText: title });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('En attente de modération');

    // A reader keeps the hub's agenda and map and the national agenda open meanwhile: they update without a reload.
    const watcher = await newContext();
    const search = `q=${encodeURIComponent('astronomie Bourges')}`;
    const openLive = async (url: string, list: string) => {
      const opened = await open(watcher, url, incidents);
      await opened.getByTestId(list).waitFor({ state: 'attached' });
      await opened.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      return { page: opened, titles: () => opened.getByTestId(list).getByRole('heading', { level: 3 }).allTextContents() };
    };
    const liveViews = [await openLive(`${hub.url}/agenda?${search}`, 'agenda-list'), await openLive(`${hub.url}/map?${search}&map=11/47.081/2.399`, 'event-list'), await openLive(`${fed.publicUrl}/agenda?${search}`, 'agenda-list')];
    for (const view of liveViews) expect(await view.titles()).not.toContain(title);

    // A moderator logs in, in another browser, and approves the actor and the event.
    const moderation = await newContext();
    const desk = await open(moderation, `${hub.url}/login`, incidents);
    await field(desk, 'Adresse e-mail').fill(hub.demo('moderator').email);
    await field(desk, 'Mot de passe').fill(hub.demo('moderator').password);
    await desk.getByRole('button', { name: 'Se connecter' }).click();
    await desk.getByText(/^Connecté·e : /).waitFor();
    await visit(desk, `${hub.url}/moderation`);
    await desk.getByRole('heading', { name: 'Contenus en attente' }).waitFor();
    const approveEvent = desk.getByRole('button', { name: `Approuver « ${title} »` });
    await approveEvent.waitFor();
    // The queue says who sent it.
    const queued = desk.getByRole('listitem').filter({ has: desk.getByRole('heading', { level: 3, name: title }) });
    await expect.poll(() => queued.textContent()).toContain('Camille Étoile');
    // Her organisation waits in the same queue when she created it here: approved first.
    const approveActor = desk.getByRole('button', { name: `Approuver « ${actorName} »` });
    expect(await approveActor.count()).toBe(createdActor ? 1 : 0);
    for (const approve of createdActor ? [approveActor, approveEvent] : [approveEvent]) {
      await approve.click();
      await approve.waitFor({ state: 'detached' });
      await desk.getByText('1 contenu approuvé et publié.').waitFor();
    }
    expect(await desk.getByRole('heading', { level: 3, name: title }).count()).toBe(0);
    // Her dashboard says so.
    await visit(page, `${hub.url}/contribute`);
    await expect.poll(async () => (await mine.textContent()) ?? '').toContain('Publié');

    // The open pages show it without a reload (the hub's from its changes feed, the national agenda from its stream).
    for (const view of liveViews) {
      await expect.poll(view.titles, { timeout: 45_000 }).toContain(title);
      expect(await view.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    }

    // The hub's agenda and map list it (once, at its next session); then the national ones.
    const reader = await open(await newContext(), 'about:blank', incidents);
    const query = `q=${encodeURIComponent('astronomie Bourges')}`;
    const around = 'map=11/47.081/2.399';
    await expect.poll(() => listedTitles(reader, `${hub.url}/agenda?${query}`, 'agenda-list')).toContain(title);
    await expect.poll(() => listedTitles(reader, `${hub.url}/map?${query}&${around}`, 'event-list')).toContain(title);
    // Its page on the hub names her organisation and links to the organisation's page there.
    await visit(reader, `${hub.url}/agenda?${query}`);
    await reader.getByRole('link', { name: title, exact: true }).first().click();
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(async () => (await reader.locator('.organiser').textContent()) ?? '').toContain(actorName);
    await expect.poll(() => listedTitles(reader, `${fed.publicUrl}/agenda?${query}`, 'agenda-list'), { timeout: 30_000 }).toContain(title);
    await expect.poll(() => listedTitles(reader, `${fed.publicUrl}/?${query}&${around}`, 'event-list'), { timeout: 30_000 }).toContain(title);
    expect(incidents).toEqual([]);
  });
});

describe('the moderation console is closed to contributors', () => {
  it('refuses the queue through the API: 401 without a token, 403 with a contributor’s', async () => {
    const token = await contributorToken('api-contributrice@example.org');
    expect((await http(`${hub.url}/api/v1/me`, { token })).body).toMatchObject({ role: 'contributor' });
    const anonymous = await http<{ error: string }>(`${hub.url}/api/v1/moderation/queue`);
    expect(anonymous.status).toBe(401);
    const refused = await http<{ error: string }>(`${hub.url}/api/v1/moderation/queue`, { token });
    expect(refused.status).toBe(403);
    const moderator = await http<{ items: unknown[] }>(`${hub.url}/api/v1/moderation/queue`, { token: await loginToken(hub.url, hub.demo('moderator')) });
    expect(moderator.status).toBe(200);
  });

  it('shows a contributor the access-denied message at /moderation, and no queue', { timeout: 60_000 }, async () => {
    const email = 'ui-contributeur@example.org';
    await contributorToken(email);
    const context = await newContext();
    await logIn(context, { email, password: 'contributeur-secret' });
    const page = await open(context, `${hub.url}/moderation`, incidents);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Votre rôle ne donne pas accès à cette page.');
    // Logged in, as a contributor: the account menu offers contributing, not moderating.
    const accountNav = page.getByRole('navigation', { name: /compte/i });
    await accountNav.getByRole('link', { name: 'Contribuer' }).waitFor();
    expect(await accountNav.getByRole('link', { name: 'Modération' }).count()).toBe(0);
    expect(await page.locator('main').getByRole('button').count()).toBe(0);
    expect(await page.locator('main').getByRole('list').count()).toBe(0);
    await page.close();
  });
});

describe('curation', () => {
  it('an operator builds a dossier by searching titles, orders it with the keyboard buttons, and saves it in that order', { timeout: 120_000 }, async () => {
    const article = await firstOf('articles');
    const project = await firstOf('projects');
    const context = await newContext();
    await logIn(context, hub.demo('admin'));
    const page = await open(context, `${hub.url}/contribute/dossiers/new`, incidents);
    await settled(page);
    await field(page, 'Titre').fill('Le ciel cet hiver');
    const search = page.getByLabel('Chercher un contenu publié par son titre');
    for (const item of [article, project]) {
      await search.fill(item.title);
      await page.getByRole('button', { name: `Ajouter « ${item.title} » au dossier` }).click();
    }
    const chosen = page.locator('.dossier-items > li strong');
    await expect.poll(() => chosen.allTextContents()).toEqual([article.title, project.title]);
    expect(await page.getByRole('button', { name: `Ajouter « ${project.title} » au dossier` }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: `Monter « ${project.title} »` }).click();
    await expect.poll(() => chosen.allTextContents()).toEqual([project.title, article.title]);
    expect(await page.locator('.dossier-announce').textContent()).toContain('position 1 sur 2');
    // And with the mouse: the second row dropped on the first takes its place, and back.
    const rows = page.locator('.dossier-items > li');
    await rows.nth(1).dragTo(rows.nth(0));
    await expect.poll(() => chosen.allTextContents()).toEqual([article.title, project.title]);
    await rows.nth(1).dragTo(rows.nth(0));
    await expect.poll(() => chosen.allTextContents()).toEqual([project.title, article.title]);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'dossier-builder', () => page.locator('.dossier-items').scrollIntoViewIfNeeded());
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => page.getByText('Brouillon enregistré.').count()).toBe(1);
    const token = await loginToken(hub.url, hub.demo('admin'));
    const mine = await http<{ items: { data: { title: string; items: { type: string; id: string }[] } }[] }>(`${hub.url}/api/v1/me/content?type=dossier`, { token });
    const saved = mine.body.items.find((item) => item.data.title === 'Le ciel cet hiver');
    expect(saved?.data.items).toEqual([{ type: 'project', id: project.id }, { type: 'article', id: article.id }]);
    await page.close();
  });

  it('an operator features two items on the home page by searching their titles, orders them, sets a last day and a banner, and the home page shows them in that order', { timeout: 120_000 }, async () => {
    const article = await firstOf('articles');
    const project = await firstOf('projects');
    const context = await newContext();
    await logIn(context, hub.demo('admin'));
    const page = await open(context, `${hub.url}/admin/home`, incidents);
    await settled(page);
    await page.getByLabel('Message en bandeau').fill('Inscriptions ouvertes pour la Fête de la science');
    const search = page.getByLabel('Chercher un contenu publié par son titre');
    for (const item of [article, project]) {
      await search.fill(item.title);
      await page.getByRole('button', { name: `Mettre « ${item.title} » à la une` }).click();
    }
    const chosen = page.locator('.dossier-items > li strong');
    await expect.poll(() => chosen.allTextContents()).toEqual([article.title, project.title]);
    await page.getByRole('button', { name: `Monter « ${project.title} »` }).click();
    await expect.poll(() => chosen.allTextContents()).toEqual([project.title, article.title]);
    // A last day before the first is refused next to its field, and nothing is saved.
    await page.getByLabel(`Premier jour à la une de « ${article.title} »`).fill('2030-01-10');
    await page.getByLabel(`Dernier jour à la une de « ${article.title} »`).fill('2030-01-01');
    await page.getByRole('button', { name: 'Enregistrer la page d’accueil' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain(`Dernier jour (${article.title}) : le dernier jour doit être le premier jour ou après.`);
    expect(await page.getByLabel(`Dernier jour à la une de « ${article.title} »`).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'home-editor');
    await page.getByLabel(`Premier jour à la une de « ${article.title} »`).fill('');
    await page.getByLabel(`Dernier jour à la une de « ${article.title} »`).fill('2099-12-31');
    await page.getByRole('button', { name: 'Enregistrer la page d’accueil' }).click();
    await expect.poll(() => page.getByText('Page d’accueil enregistrée.').count()).toBe(1);

    const home = await open(await newContext(), `${hub.url}/`, incidents);
    await settled(home);
    expect(await home.locator('.portal-banner').textContent()).toBe('Inscriptions ouvertes pour la Fête de la science');
    await expect.poll(() => home.getByTestId('home-featured').locator('.portal-card-title').allTextContents()).toEqual([project.title, article.title]);
    expect(await seriousViolations(home)).toEqual([]);
    await shoot(home, 'home-featured');
    // The change reads in words in the audit log: who, what, and the featured titles in order.
    await visit(page, `${hub.url}/moderation/audit?action=update-home`);
    await settled(page);
    await expect.poll(() => page.locator('main table').textContent()).toContain('a modifié la page d’accueil');
    expect(await page.locator('main table').textContent()).toContain(`${project.title} ; ${article.title}`);
    await home.close();
    await page.close();
  });

  it('an admin brands the site: a too light accent is refused by its field with its contrast ratio; a dark one, a logo and a social link reach every portal page', { timeout: 120_000 }, async () => {
    const token = await loginToken(hub.url, hub.demo('admin'));
    const png = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="96" height="48" fill="#1f5c3a"/><circle cx="24" cy="24" r="14" fill="#ffbf47"/></svg>')).png().toBuffer();
    const uploaded = await fetch(`${hub.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: png });
    const logoUrl = ((await uploaded.json()) as { url: string }).url;
    const context = await newContext();
    await logIn(context, hub.demo('admin'));
    const page = await open(context, `${hub.url}/admin`, incidents);
    await settled(page);
    const accent = page.getByLabel('Couleur d’accent');
    await accent.fill('#3d7bd0');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Couleur d’accent : contraste de 3,8:1 seulement avec #f4f5f8');
    expect(await accent.getAttribute('aria-invalid')).toBe('true');
    await accent.fill('#1f5c3a');
    // The refusal of the earlier value goes as the new one is typed, and its ratio shows.
    await expect.poll(() => page.locator('.error-summary').count()).toBe(0);
    await expect.poll(() => page.locator('#settings-accentColor-hint').textContent()).toContain('Contraste : 7,2:1 avec #f4f5f8.');
    await page.getByLabel('Adresse du logo (https://…)').fill(logoUrl);
    await page.getByLabel('Réseaux sociaux').fill('https://piaille.fr/@centre_sciences');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'branding-settings');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect.poll(() => page.getByText('Réglages enregistrés.').count()).toBe(1);

    const home = await open(await newContext(), `${hub.url}/`, incidents);
    await settled(home);
    expect(await home.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#1f5c3a');
    expect(await home.locator('.brand img.brand-logo').getAttribute('src')).toBe(logoUrl);
    expect(await home.locator('.site-footer-social a').textContent()).toBe('Mastodon');
    expect(await seriousViolations(home)).toEqual([]);
    await shoot(home, 'branding-home');
    await home.close();
    await page.close();
  });
});
