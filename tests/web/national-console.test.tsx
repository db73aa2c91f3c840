import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts, buildApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import { Federation, waitFor, type HubProcess } from '../support/federation.ts';
import { launchChromium, newLocalContext, seriousViolations } from '../support/browser.ts';
import { builtWebApp } from '../support/web-build.ts';

/*
 * The national console in Chromium against real processes: a hub already in the network,
 * a new hub not yet registered, an aggregator worker (its own process, a private Redis)
 * and the aggregator's API serving the built app. A national admin logs in, previews the
 * new hub's descriptor, registers and approves it and sees its events arrive, suspends it
 * with a reason (an empty one is refused by its field), and reads the refused items.
 * SCREENSHOT_DIR, when set, keeps screenshots of each page at 1366 and 360 px, FR and EN.
 */

const EMAIL = 'admin@national.example.org';
const PASSWORD = 'demo-national-admin';
const SHOTS = process.env.SCREENSHOT_DIR;

let dir: string;
let fed: Federation;
let known: HubProcess;
let fresh: HubProcess;
let services: AggregatorServices;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Screenshots of the page as it is, at both widths and in both languages (when SCREENSHOT_DIR is set). */
async function shoot(name: string): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const language of ['fr', 'en'] as const) {
    const current = await page.evaluate(() => document.documentElement.lang);
    if (current !== language) await page.getByRole('button', { name: language === 'en' ? 'Read in English' : 'Lire en français' }).click();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `${name}-${language}-${width}.png`), fullPage: true });
    }
  }
  await page.getByRole('button', { name: 'Lire en français' }).click();
  await page.setViewportSize({ width: 1366, height: 900 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-national-console-'));
  const build = builtWebApp();
  fed = await Federation.create();
  known = await fed.startHub({ id: 'grand-est', region: '44', name: 'Echosciences Grand Est' });
  fresh = await fed.startHub({ id: 'bretagne', region: '53', name: 'Echosciences Bretagne' });
  await known.createEvent('Nuit des étoiles à Strasbourg');
  for (const title of ['Atelier robotique à Rennes', 'Café des sciences à Brest']) await fresh.createEvent(title);
  await fed.registerHubs([known]);
  await fed.startAggregator('worker', { pullIntervalMs: 1_000, pullJitterMs: 0 });
  const webRoot = await build;
  const config = {
    ...loadAggregatorConfig({
      env: { AGGREGATOR_DATA_DIR: fed.nationalDir, AGGREGATOR_JWT_SECRET: 'national-console-secret-long-enough-0123456789', AGGREGATOR_LOG_LEVEL: 'silent', REDIS_URL: fed.redis.url, AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true', AGGREGATOR_PULL_INTERVAL_MS: '1000' },
    }),
    webRoot,
  };
  services = createServices(config);
  await new AdminAccounts(services.engine.admin.admins).createOrReset(EMAIL, PASSWORD);
  app = await buildApp(config, { services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  browser = await launchChromium();
  // Loopback only: nothing may leave the machine.
  context = await newLocalContext(browser, { allow: (url) => url.hostname === '127.0.0.1' });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await services?.close();
  await fed?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the national console', () => {
  it('keeps /admin to national admins and serves the queue dashboard apart', async () => {
    await page.goto(`${base}/admin`);
    await expect.poll(() => page.getByText('Connectez-vous comme administrateur national').count()).toBe(1);
    const dashboard = await fetch(`${base}/admin/queues`);
    expect(dashboard.status).toBe(401);
  });

  it('logs a national admin in, refusing an empty form by its fields and a wrong password plainly', async () => {
    await page.goto(`${base}/login?next=/admin`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Adresse e-mail');
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Mot de passe').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-login');
    await page.getByLabel('Adresse e-mail').fill(EMAIL);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Adresse e-mail ou mot de passe incorrect');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/admin`);
    await expect.poll(() => page.getByRole('heading', { name: 'Echosciences Grand Est' }).count()).toBe(1);
    expect(await page.getByText(`Connecté : ${EMAIL}`).count()).toBe(1);
  });

  it('previews a new hub by URL, registers it, approves it and sees its events arrive', async () => {
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await expect.poll(() => page.getByLabel('Adresse de la plateforme').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Adresse de la plateforme').fill(`${fresh.url}/`);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = page.locator('.national-preview');
    await expect.poll(() => preview.textContent()).toContain('Echosciences Bretagne');
    expect(await preview.textContent()).toContain('Bretagne');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-preview');
    await page.getByRole('button', { name: 'Inscrire cette plateforme' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Echosciences Bretagne est inscrite');
    const card = page.locator('li.national-hub', { has: page.getByRole('heading', { name: 'Echosciences Bretagne' }) });
    await expect.poll(() => card.locator('.national-status').textContent()).toBe('En attente');
    await card.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Echosciences Bretagne est validée');
    // The worker pulls it (approval asked for a pull at once); the card says so after a reload.
    await waitFor(() => fed.nationalRecords().filter((record) => record.hub === 'bretagne' && record.type === 'event').length === 2, { what: 'the new hub\'s events', timeoutMs: 60_000 });
    await page.reload();
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('événements : 2');
    expect(await card.textContent()).toContain('à jour');
    // Its health over time: the pull that brought its two events, hour by hour, charted with its table.
    await card.getByRole('button', { name: 'Santé dans le temps' }).click();
    const history = card.locator('.hub-history');
    await expect.poll(() => history.locator('.hour-legend').first().textContent()).toMatch(/réussies : [1-9]/);
    expect(await history.locator('.hour-legend').nth(1).textContent()).toContain('Intégrés : 3'); // its two events and their organiser
    expect(await history.locator('svg.hour-chart').count()).toBe(3);
    await history.getByText('Voir les chiffres heure par heure').click();
    const rows = history.locator('table tbody tr');
    expect(await rows.count()).toBe(48);
    // Newest hour first; summed, so a pull on either side of an hour's turn still counts.
    const applied = await rows.evaluateAll((cells) => cells.reduce((sum, row) => sum + Number(row.querySelectorAll('td')[2]?.textContent ?? 0), 0));
    expect(applied).toBe(3);
    await history.getByLabel('7 jours').check();
    await expect.poll(() => rows.count()).toBe(168);
    await history.getByLabel('48 heures').check();
    // The log says who registered and approved it.
    const audit = page.locator('.national-audit');
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(2);
    expect(await audit.locator('tbody tr').first().textContent()).toContain('Validation');
    expect(await audit.locator('tbody tr').first().textContent()).toContain(EMAIL);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-console');
    await card.getByRole('button', { name: 'Santé dans le temps' }).click();
  });

  it('shows a cross-hub duplicate side by side in the Doublons tab and splits it for good, audit-logged', async () => {
    // Grand Est posts the event Bretagne already has: same place, same hour, same title.
    await known.createEvent('Atelier robotique à Rennes');
    await waitFor(() => fed.nationalRecords().filter((record) => record.hub === 'grand-est' && record.type === 'event').length === 2, { what: 'the copy on the national store', timeoutMs: 60_000 });
    const national = async () => (await fetch(`${base}/api/v1/events?limit=50`).then((response) => response.json() as Promise<{ items: { event: { title: string } }[] }>)).items.filter((item) => item.event.title === 'Atelier robotique à Rennes').length;
    await expect.poll(national, { timeout: 30_000 }).toBe(1);

    await page.getByRole('link', { name: 'Doublons' }).click();
    await page.waitForURL(`${base}/admin/doublons`);
    const group = page.locator('li.dup-group', { has: page.getByRole('heading', { name: 'Atelier robotique à Rennes' }) });
    await expect.poll(() => group.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'À examiner (1)' }).getAttribute('aria-pressed')).toBe('true');
    const cards = group.locator('.dup-card');
    expect(await cards.count()).toBe(2);
    // Side by side: the event shown on the map (the older record) and the copy, each with its hub, dates and place.
    expect(await cards.nth(0).textContent()).toContain('Affiché sur la carte');
    expect(await cards.nth(0).textContent()).toContain('Echosciences Bretagne');
    expect(await cards.nth(1).textContent()).toContain('Echosciences Grand Est');
    const [left, right] = await Promise.all([cards.nth(0).boundingBox(), cards.nth(1).boundingBox()]);
    expect(Math.abs((left?.y ?? 0) - (right?.y ?? 1))).toBeLessThan(2);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-duplicates');

    const copy = group.getByRole('group', { name: /Copie de Echosciences Grand Est/ });
    await copy.getByRole('button', { name: 'Séparer : événements différents' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.console-notice').textContent()).toContain('est de nouveau affiché à part');
    // Both are listed nationally now, and the finder does not match them again.
    await expect.poll(national, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByRole('button', { name: 'Séparés (1)' }).count()).toBe(1);
    expect(await page.getByText('Aucun doublon à examiner.').count()).toBe(1);
    await page.getByRole('button', { name: 'Séparés (1)' }).click();
    await expect.poll(() => page.locator('.dup-verdict-split').textContent()).toContain(`Séparé par ${EMAIL}`);
    await shoot('national-duplicates-split');

    await page.locator('.console-tabs').getByRole('link', { name: 'Plateformes' }).click();
    await page.waitForURL(`${base}/admin`);
    const entry = page.locator('.national-audit tbody tr').first();
    await expect.poll(() => entry.textContent()).toContain('Doublon séparé');
    expect(await entry.textContent()).toContain('Distinct de « Echosciences Bretagne · Atelier robotique à Rennes »');
  }, 120_000);

  it('adds a national admin (refusing bad input by its field) and removes them, never oneself, audit-logged', async () => {
    await page.locator('.console-tabs').getByRole('link', { name: 'Administrateurs' }).click();
    await page.waitForURL(`${base}/admin/administrateurs`);
    const list = page.locator('.na-list > li');
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.first().textContent()).toContain(`${EMAIL} (vous)`);
    // Nobody may remove themselves: no button on one's own line.
    expect(await list.first().getByRole('button').count()).toBe(0);
    await page.getByLabel('Adresse e-mail').fill('pas une adresse');
    await page.getByLabel('Mot de passe initial').fill('court');
    await page.getByRole('button', { name: 'Ajouter cet administrateur' }).click();
    await expect.poll(() => page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Mot de passe initial').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').textContent()).toContain('Au moins 12 caractères.');
    await page.getByLabel('Adresse e-mail').fill(EMAIL);
    await page.getByLabel('Mot de passe initial').fill('un mot de passe assez long');
    await page.getByRole('button', { name: 'Ajouter cet administrateur' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('déjà celle d’un administrateur national');
    await page.getByLabel('Adresse e-mail').fill('seconde@national.example.org');
    await page.getByRole('button', { name: 'Ajouter cet administrateur' }).click();
    await expect.poll(() => page.locator('.console-notice').textContent()).toContain('seconde@national.example.org est maintenant administrateur national');
    await expect.poll(() => list.count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-admins');
    // The new admin can log in (from another browser context: this one stays logged in).
    const theirs = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'seconde@national.example.org', password: 'un mot de passe assez long' }) });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Retirer seconde@national.example.org' }).click();
    await page.getByRole('button', { name: 'Retirer cet administrateur' }).click();
    await expect.poll(() => page.locator('.console-notice').textContent()).toContain('seconde@national.example.org n’est plus administrateur national');
    await expect.poll(() => list.count()).toBe(1);
    await page.locator('.console-tabs').getByRole('link', { name: 'Plateformes' }).click();
    await page.waitForURL(`${base}/admin`);
    await expect.poll(() => page.locator('.national-audit tbody tr').first().textContent()).toContain('Administrateur retiré');
    expect(await page.locator('.national-audit tbody tr').nth(1).textContent()).toContain('Administrateur ajouté');
  });

  it('suspends a hub with a reason said by its field, shows the reason, and lists refused items', async () => {
    const card = page.locator('li.national-hub', { has: page.getByRole('heading', { name: 'Echosciences Bretagne' }) });
    await card.getByRole('button', { name: 'Suspendre…' }).click();
    await card.getByRole('button', { name: 'Suspendre la plateforme' }).click();
    await expect.poll(() => card.getByLabel('Motif').getAttribute('aria-invalid')).toBe('true');
    expect(await card.locator('.field-error').textContent()).toContain('Indiquez le motif');
    await card.getByLabel('Motif').fill('Flux signé avec une clé révoquée');
    await card.getByRole('button', { name: 'Suspendre la plateforme' }).click();
    await expect.poll(() => card.locator('.national-status').textContent()).toBe('Suspendue');
    expect(await card.locator('.national-reason').textContent()).toBe('Flux signé avec une clé révoquée');
    await expect.poll(() => page.locator('.national-audit tbody tr').first().textContent()).toContain('Motif : Flux signé avec une clé révoquée');
    const national = await fetch(`${base}/api/v1/events?limit=50`).then((response) => response.json() as Promise<{ items: { provenance: { hub: string } }[] }>);
    expect(national.items.length).toBeGreaterThan(0);
    expect(national.items.some((item) => item.provenance.hub === 'bretagne')).toBe(false);

    services.store.sqlite.prepare('INSERT INTO rejected_items (hub, seq, item_id, field, message, at) VALUES (?, ?, ?, ?, ?, ?)').run('grand-est', 12, 'ev-bad', 'data.timings', 'must have at least 1 item', Date.now());
    const other = page.locator('li.national-hub', { has: page.getByRole('heading', { name: 'Echosciences Grand Est' }) });
    await other.getByRole('button', { name: /Voir les éléments refusés/ }).click();
    await expect.poll(() => other.locator('table').textContent()).toContain('must have at least 1 item');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('national-suspended');
  });
});
