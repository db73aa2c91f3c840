import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts, buildApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import { demoAccounts } from '@constellation/hub';
import { DEFAULT_MAP_STYLE } from '@constellation/web';
import { Federation, http, waitFor } from '../support/federation.ts';
import { eventInput, places } from '../hub/event-inputs.ts';
import { field, launchChromium, newLocalContext, open as openWatched, visit } from '../support/browser.ts';
import { loginToken, startPortalHub, type PortalHub } from '../support/portal.ts';
import { builtWebApp } from '../support/web-build.ts';

/*
 * Issue 20's "done when", in Chromium against real processes: a seeded hub serving the built
 * portal (its seed holds this year's village des sciences and its programme, labelled for the
 * Fête de la science), an aggregator worker on a private Redis, and the national API serving
 * the same build at the address the hub notifies and reads its campaign list from.
 * A national admin creates the campaign in the national console; the region's coordinator
 * reads the national list again; a contributor submits a new event to it and repeats last
 * year's event for this edition; once moderated, the coordinator labels both in the hub's
 * console while a citizen keeps the campaign's map and programme open: both events appear
 * there without a reload, and the village opens into its programme on the map.
 * SCREENSHOT_DIR, when set, keeps screenshots of the pages at 1366 and 360 px, FR and EN.
 */

const HUB = { id: 'centre-val-de-loire', region: '24', name: 'Centre-Sciences' };
const NATIONAL_ADMIN = { email: 'admin@national.example.org', password: 'demo-national-admin' };
const SHOTS = process.env.SCREENSHOT_DIR;
const DAY_MS = 86_400_000;
const NEW_TITLE = 'Les abeilles au microscope';
const LAST_YEAR_TITLE = 'Nuit des chauves-souris à Tours';

/** The edition the hub's seed labelled its events for (bin/demo.js defines it the same way): begun three days ago, fifteen days long. */
function thisEdition(now = Date.now()) {
  const start = Math.floor(now / DAY_MS) - 3;
  const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const year = new Date(start * DAY_MS).getUTCFullYear();
  return { slug: `fete-de-la-science-${year}`, name: `Fête de la science ${year}`, startDate: isoDay(start), endDate: isoDay(start + 14) };
}
const EDITION = thisEdition();

let dir: string;
let fed: Federation;
let hub: PortalHub;
let services: AggregatorServices;
let national: FastifyInstance;
let browser: Browser;
const contexts: BrowserContext[] = [];
const incidents: string[] = [];

/** A demo login of the hub's seed, coordinator included. */
function demo(role: 'moderator' | 'coordinator' | 'contributor') {
  const account = demoAccounts(HUB.id).find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`the seed has no demo ${role}`);
  return { email: account.email, password: account.password };
}

/** YYYY-MM-DD of the day `days` from now, in Paris. */
function parisDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY_MS));
}

/** A fresh browser profile (one person), French, in Paris; nothing leaves loopback. */
async function newContext(): Promise<BrowserContext> {
  const context = await newLocalContext(browser, {
    allow: [hub.url, fed.publicUrl],
    // The default basemap's style, tried first: refused here as offline, the maps fall back to their own.
    onOffsite: (url) => {
      if (url.href !== DEFAULT_MAP_STYLE) incidents.push(`offsite request: ${url.href}`);
    },
    timeoutMs: 20_000,
  });
  contexts.push(context);
  return context;
}

/** Opens a page once its code runs (a form clicked before would be sent by the browser itself); its dialogs and errors go to `incidents`. */
function open(context: BrowserContext, url: string): Promise<Page> {
  return openWatched(context, url, incidents);
}

/** Logs in through a site's login form. */
async function logIn(page: Page, base: string, login: { email: string; password: string }): Promise<void> {
  await visit(page, `${base}/login`);
  await field(page, 'Adresse e-mail').fill(login.email);
  await field(page, 'Mot de passe').fill(login.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(/^Connecté(·e)? : /).first().waitFor();
}

/** Submits the form open on the page (the seed's contributor is trusted: published at once); a refusal fails with what the page said. */
async function submitForModeration(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
  const sent = page.getByText(/^(Envoyé à la modération|Publié)\.$/);
  await sent
    .or(page.locator('.error-summary'))
    .first()
    .waitFor()
    .catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message.split('\n')[0] ?? ''}; the page said: ${(await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 1500)}`);
    });
  if (!(await sent.isVisible())) throw new Error(`the form was refused: ${(await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 1500)}`);
}

/** Screenshots of the page as it is, at both widths and in both languages (when SCREENSHOT_DIR is set). */
async function shoot(page: Page, name: string): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1366, height: 900 };
  for (const language of ['fr', 'en'] as const) {
    const current = await page.evaluate(() => document.documentElement.lang);
    if (current !== language) await page.getByRole('button', { name: language === 'en' ? 'Read in English' : 'Lire en français' }).click();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SHOTS, `${name}-${language}-${width}.png`), fullPage: true });
    }
  }
  await page.getByRole('button', { name: 'Lire en français' }).click();
  await page.setViewportSize(size);
}

/** The map's MapLibre instance, as the app exposes it on its element. */
type MapHandle = { queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[]; project(lngLat: [number, number]): { x: number; y: number }; jumpTo(options: { center: [number, number]; zoom: number }): void };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-campaign-e2e-'));
  const build = builtWebApp();
  build.catch(() => undefined);
  fed = await Federation.create();
  // The hub and the national API list the built files when they start: build first.
  const webRoot = await build;
  hub = await startPortalHub(fed, { ...HUB, aggregatorUrls: [fed.publicUrl], webRoot, scale: 0.1 });
  await fed.startAggregator('worker', { pullIntervalMs: 1_000, pullJitterMs: 0 });
  const config = { ...loadAggregatorConfig({ env: { ...fed.aggregatorEnv('api', fed.apiPort, {}), AGGREGATOR_LOG_LEVEL: 'silent' } }), webRoot };
  services = createServices(config);
  await new AdminAccounts(services.engine.admin.admins).createOrReset(NATIONAL_ADMIN.email, NATIONAL_ADMIN.password);
  national = await buildApp(config, { services });
  await national.listen({ host: '127.0.0.1', port: fed.apiPort });
  await fed.registerHubs([hub], { via: 'cli' });
  browser = await launchChromium();
  await waitFor(() => fed.nationalRecords().some((record) => record.type === 'event'), { what: 'the first pull of the seeded hub', timeoutMs: 30_000 });
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await national?.close();
  await services?.close();
  await fed?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a national campaign from its creation to its national map', () => {
  it('a national admin creates it; a contributor submits an event and repeats last year\'s; the coordinator labels both; the open campaign page shows them live, the village opening into its programme', { timeout: 240_000 }, async () => {
    // Last year's edition of the contributor's event, published (the seed's moderator approves it).
    const contributorToken = await loginToken(hub.url, demo('contributor'));
    const me = await http<{ actorIds: string[] }>(`${hub.url}/api/v1/me`, { token: contributorToken });
    const actorId = me.body.actorIds[0];
    if (actorId === undefined) throw new Error(`the demo contributor acts for no organisation: ${me.text}`);
    const lastYear = new Date(Date.now() + 2 * DAY_MS - 364 * DAY_MS);
    lastYear.setUTCHours(18, 0, 0, 0);
    const previous = await http<{ id: string; status: string }>(`${hub.url}/api/v1/events?submit=true`, { method: 'POST', token: contributorToken, body: eventInput(actorId, LAST_YEAR_TITLE, lastYear.toISOString(), new Date(lastYear.getTime() + 2 * 3_600_000).toISOString(), { place: { ...places.tours }, audiences: ['families'] }) });
    expect(previous.status, previous.text).toBe(201);
    const moderatorToken = await loginToken(hub.url, demo('moderator'));
    const approve = async (ids: string[]) => {
      const approved = await http(`${hub.url}/api/v1/moderation/approve`, { method: 'POST', token: moderatorToken, body: { ids } });
      expect(approved.status, approved.text).toBe(200);
    };
    if (previous.body.status === 'pending') await approve([previous.body.id]);

    // 1. The national admin creates the campaign in the national console.
    const admin = await open(await newContext(), `${fed.publicUrl}/`);
    await logIn(admin, fed.publicUrl, NATIONAL_ADMIN);
    await visit(admin, `${fed.publicUrl}/admin/campagnes`);
    await admin.locator('#campaign-name').waitFor();
    await admin.locator('#campaign-name').fill(EDITION.name);
    await expect.poll(() => admin.locator('#campaign-slug').inputValue()).toBe(EDITION.slug);
    await admin.locator('#campaign-start').fill(EDITION.startDate);
    await admin.locator('#campaign-end').fill(EDITION.endDate);
    await admin.locator('#campaign-description').fill('Chaque année, la **Fête de la science** ouvre les laboratoires au public.');
    await admin.getByRole('checkbox', { name: 'Centre-Val de Loire' }).check();
    await admin.getByRole('button', { name: 'Créer la campagne' }).click();
    await admin.getByText(`Campagne créée : ${EDITION.name}`).waitFor();
    await shoot(admin, 'campaign-national-console');

    // A citizen opens the campaign's map and its programme, and keeps them open from now on.
    const citizen = await newContext();
    const mapPage = await open(citizen, `${fed.publicUrl}/campagnes/${EDITION.slug}`);
    const agendaPage = await open(citizen, `${fed.publicUrl}/campagnes/${EDITION.slug}`);
    await agendaPage.getByRole('link', { name: 'Programme', exact: true }).click();
    await agendaPage.getByTestId('agenda-list').waitFor({ state: 'attached' });
    for (const page of [mapPage, agendaPage]) await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const titles = (page: Page, list: 'event-list' | 'agenda-list') => page.getByTestId(list).getByRole('heading', { level: 3 }).allTextContents();
    // The seeded labelled events are there already, not the contributor's.
    await expect.poll(() => titles(agendaPage, 'agenda-list'), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Fête de la science')]));
    expect(await titles(agendaPage, 'agenda-list')).not.toContain(NEW_TITLE);

    // 2. The coordinator reads the national list again, so the hub offers the new campaign.
    const coordination = await open(await newContext(), `${hub.url}/`);
    await logIn(coordination, hub.url, demo('coordinator'));
    await visit(coordination, `${hub.url}/coordination`);
    await coordination.getByRole('button', { name: 'Relire la liste nationale' }).click();
    await coordination.getByText('Liste nationale relue : 1 campagne(s).').waitFor();

    // 3. The contributor submits a new event to it.
    const contributor = await open(await newContext(), `${hub.url}/`);
    await logIn(contributor, hub.url, demo('contributor'));
    await visit(contributor, `${hub.url}/contribute/events/new`);
    await contributor.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await field(contributor, 'Titre').fill(NEW_TITLE);
    await field(contributor, 'Résumé').fill('Observer les abeilles de près avec les chercheurs du laboratoire.');
    await field(contributor, 'Format').selectOption({ label: 'Atelier' });
    await field(contributor, 'Campagne nationale').selectOption({ value: EDITION.slug });
    await field(contributor, 'Début').fill(`${parisDay(1)}T14:00`);
    await field(contributor, 'Fin').fill(`${parisDay(1)}T16:00`);
    await field(contributor, 'Nom du lieu').fill('Muséum d’Orléans');
    await contributor.getByRole('searchbox', { name: 'Rechercher une commune' }).fill('Orléans');
    await contributor.getByRole('button', { name: /^Orléans \(45\d{3}\)/ }).click();
    await expect.poll(() => field(contributor, 'Commune').inputValue()).toBe('Orléans');
    await submitForModeration(contributor);

    // 4. ...and repeats last year's event for this year's edition from their dashboard, by keyboard, in the same campaign.
    await visit(contributor, `${hub.url}/contribute`);
    const lastYearRow = contributor.locator('li.content-item', { has: contributor.getByRole('heading', { level: 3, name: LAST_YEAR_TITLE }) });
    await lastYearRow.getByRole('button', { name: 'Reconduire pour l’édition de cette année' }).focus();
    await contributor.keyboard.press('Enter');
    await contributor.getByText('Nouvelle édition créée en brouillon').waitFor();
    await expect.poll(() => field(contributor, 'Titre').inputValue()).toBe(LAST_YEAR_TITLE);
    expect(await field(contributor, 'Début').inputValue()).toMatch(new RegExp(`^${parisDay(2)}T`));
    await field(contributor, 'Campagne nationale').selectOption({ value: EDITION.slug });
    await submitForModeration(contributor);

    // Moderation is apart (the moderator publishes what awaits); published but unlabelled, neither is on the campaign's pages.
    const submissions = await http<{ items: { id: string; title: string; state: string; status: string }[] }>(`${hub.url}/api/v1/campaign-submissions?state=submitted&campaign=${EDITION.slug}`, { token: await loginToken(hub.url, demo('coordinator')) });
    const ours = submissions.body.items.filter((item) => item.title === NEW_TITLE || item.title === LAST_YEAR_TITLE);
    expect(ours.map((item) => item.title).sort()).toEqual([LAST_YEAR_TITLE, NEW_TITLE].sort());
    const pending = ours.filter((item) => item.status === 'pending').map((item) => item.id);
    if (pending.length > 0) await approve(pending);
    // Saved through the form, this year's edition still names last year's as its previous edition (the form once dropped it).
    const editions = await http<{ editions: { id: string }[] }>(`${hub.url}/api/v1/events/${previous.body.id}/related`);
    expect(editions.body.editions.map((edition) => edition.id)).toEqual([ours.find((item) => item.title === LAST_YEAR_TITLE)?.id]);
    await waitFor(() => fed.nationalRecords().filter((record) => record.type === 'event' && ours.some((item) => item.id === record.id)).length === 2, { what: 'both published events on the national store', timeoutMs: 60_000 });
    expect(await titles(agendaPage, 'agenda-list')).not.toContain(NEW_TITLE);

    // 5. The coordinator labels both in the hub's console.
    await coordination.reload();
    for (const title of [NEW_TITLE, LAST_YEAR_TITLE]) {
      await coordination.getByRole('button', { name: `Labelliser « ${title} »` }).click();
      await coordination.getByText(`Labellisé : ${title}.`).waitFor();
    }
    await shoot(coordination, 'campaign-coordination');

    // The contributor's dashboard says the decision on each (the page read afresh: it is not live).
    await visit(contributor, `${hub.url}/contribute`);
    for (const title of [NEW_TITLE, LAST_YEAR_TITLE]) {
      const row = contributor.locator('li.content-item', { has: contributor.getByRole('heading', { level: 3, name: title }) });
      await expect.poll(() => row.locator('.campaign-answer').first().textContent()).toBe(`Labellisé pour la campagne ${EDITION.name} par la coordination régionale.`);
    }
    await contributor.setViewportSize({ width: 360, height: 740 });
    expect(await contributor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await contributor.setViewportSize({ width: 1366, height: 900 });
    await shoot(contributor, 'campaign-contributor-dashboard');

    // 6. Both appear on the open campaign pages without a reload: the programme and the map's list.
    await expect.poll(() => titles(agendaPage, 'agenda-list'), { timeout: 60_000 }).toEqual(expect.arrayContaining([NEW_TITLE, LAST_YEAR_TITLE]));
    await expect.poll(() => titles(mapPage, 'event-list'), { timeout: 60_000 }).toEqual(expect.arrayContaining([NEW_TITLE, LAST_YEAR_TITLE]));
    for (const page of [mapPage, agendaPage]) expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shoot(agendaPage, 'campaign-agenda');

    // 7. On the map, the village is one entry that opens into its programme.
    const village = (await http<{ items: { event: { title: string; parentEventId?: string; place?: { lat: number; lon: number } } }[] }>(`${fed.publicUrl}/api/v1/events?campaign=${EDITION.slug}&limit=100`)).body.items.map((item) => item.event);
    const umbrella = village.find((event) => event.title.startsWith('Village des sciences'));
    if (umbrella?.place === undefined) throw new Error(`no village on the campaign: ${village.map((event) => event.title).join(', ')}`);
    const at: [number, number] = [umbrella.place.lon, umbrella.place.lat];
    // The map loads after the list (the list is the primary view): wait for it as a reader would.
    await mapPage.locator('[data-map-ready="true"]').waitFor({ timeout: 60_000 });
    await mapPage.evaluate((center) => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: MapHandle }).maplibre.jumpTo({ center, zoom: 12 }), at);
    const villages = () => mapPage.evaluate(() => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: MapHandle }).maplibre.queryRenderedFeatures({ layers: ['event-village-names'] }).map((feature) => String(feature.properties.umbrellaTitle)));
    await expect.poll(villages, { timeout: 30_000 }).toEqual([umbrella.title]);
    const spot = await mapPage.evaluate((center) => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: MapHandle }).maplibre.project(center), at);
    const box = await mapPage.locator('[data-testid="map"]').boundingBox();
    if (box === null) throw new Error('no map');
    await mapPage.mouse.click(box.x + spot.x, box.y + spot.y);
    const popup = mapPage.locator('.maplibregl-popup');
    await expect.poll(() => popup.locator('.map-popup-title').first().textContent(), { timeout: 15_000 }).toBe(umbrella.title);
    await expect.poll(() => popup.textContent(), { timeout: 15_000 }).toContain('Rencontre avec une astrophysicienne au village des sciences');
    expect(await popup.textContent()).toContain('Escape game scientifique en famille au village des sciences');
    expect(await mapPage.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shoot(mapPage, 'campaign-map-village');
    expect(incidents).toEqual([]);
  });
});
