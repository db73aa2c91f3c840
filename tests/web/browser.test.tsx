import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { COMMUNE_LABEL_LAYERS, COMMUNE_LABELS_LAYER, DEFAULT_MAP_STYLE } from '@constellation/web';
import { newLocalContext, seriousViolations, watchPage } from '../support/browser.ts';
import { colourCount, mapParam, pixelOf } from '../support/map-view.ts';
import { NationalSite } from '../support/national-site.ts';
import { XSS } from './fixtures.tsx';

/*
 * The web app in Debian's Chromium, served by a real aggregator (static files, the app's
 * fallback, server-rendered event pages) on a temporary national store holding a hub's
 * events whose every text field is an XSS payload. No network beyond loopback: any other
 * request is refused and counted, so "the map renders offline" is checked, not assumed (the
 * one request out is the default Plan IGN style, refused: the map falls back to its own).
 * The site's setup is tests/support/national-site.ts.
 */

const HUB = { id: 'centre-val-de-loire', region: '24', name: 'Centre-Sciences' };

function uuid(n: number): string {
  return `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** Three events around Orléans (one cluster at a national zoom), the first with markup in every text field. */
function events(): EventPublic[] {
  const day = 86_400_000;
  const start = (offset: number) => new Date(Math.ceil(Date.now() / day) * day + offset * day + 15 * 3_600_000).toISOString();
  const end = (offset: number) => new Date(Math.ceil(Date.now() / day) * day + offset * day + 17 * 3_600_000).toISOString();
  const common = (n: number, title: string, lat: number, lon: number): EventPublic => ({
    id: uuid(n),
    hub: HUB.id,
    slug: `evenement-${n}`,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    url: `https://centre.example/events/evenement-${n}`,
    actorId: uuid(900),
    title,
    timeZone: 'Europe/Paris',
    timings: [{ start: start(n), end: end(n) }],
    attendanceMode: 'in-person',
    place: { name: 'Muséum', commune: 'Orléans', lat, lon },
    format: 'workshop',
    eventStatus: 'scheduled',
    price: { free: n !== 3 },
  });
  return [
    {
      ...common(1, XSS, 47.9025, 1.9041),
      summary: XSS,
      description: `${XSS}\n\n[click](javascript:window.__pwned=1)`,
      place: { name: XSS, address: XSS, commune: XSS, lat: 47.9025, lon: 1.9041 },
      price: { free: true, details: XSS },
      keywords: ['<b onclick=x>k</b>'],
    },
    common(2, 'Nuit des étoiles', 47.91, 1.92),
    common(3, 'Atelier fossiles', 47.89, 1.89),
  ];
}

const EVENTS = events();

const site = new NationalSite(HUB);
beforeAll(() => site.start(EVENTS), 120_000);
afterAll(() => site.close());

describe('the aggregator serves the app', () => {
  it('at / and for the app’s own paths, and answers JSON 404 for API misses', async () => {
    for (const path of ['/', '/agenda?free=true', '/hubs']) {
      const response = await fetch(`${site.base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="app">');
    }
    const miss = await fetch(`${site.base}/api/v1/nothing-here`);
    expect(miss.status).toBe(404);
    expect(((await miss.json()) as { error: string }).error).toBeTruthy();
    const html = await (await fetch(`${site.base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${site.base}${script ?? '/missing'}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Read every body: an unread one keeps its connection busy, and the server's close waits for it.
    await asset.arrayBuffer();
  });

  it('renders event pages on the server, with JSON-LD, OpenGraph, its hub and links to the app', async () => {
    const event = EVENTS[1] as EventPublic;
    const response = await fetch(`${site.base}/events/${HUB.id}/${event.id}`);
    expect(response.status).toBe(200);
    // The app's own page, rendered by its components on the server (then hydrated): the app's policy.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<script type="application/ld+json">');
    expect(html).toContain('<meta property="og:title" content="Nuit des étoiles · Constellation" />');
    expect(html).toContain('<link rel="canonical" href="https://centre.example/events/evenement-2" />');
    expect(html).toContain('Centre-Sciences');
    expect(html).toMatch(/<a href="\/\?map=15\/47\.9\d*\/1\.9\d*">/);
    const hostile = await (await fetch(`${site.base}/events/${HUB.id}/${uuid(1)}`)).text();
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).not.toContain('<script>window');
    const missing = await fetch(`${site.base}/events/${HUB.id}/${uuid(404)}`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });
});

describe('in Chromium', () => {
  it('draws the offline basemap with no network at all', async () => {
    const page = await site.openPage('/?map=5/46.6/2.4');
    await page.locator('[data-map-ready="true"]').waitFor();
    // Let the first frames with land and labels land.
    await page.waitForFunction(() => document.querySelector('.maplibregl-canvas') !== null);
    await page.waitForTimeout(500);
    const shot = await page.locator('[data-testid="map"]').screenshot();
    // Water, land, borders, rivers, labels and a cluster: many colours, not a blank canvas.
    expect(await colourCount(site.context, shot)).toBeGreaterThan(20);
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('offline');
    expect(site.offsite.filter((url) => url !== DEFAULT_MAP_STYLE)).toEqual([]);
    await page.close();
  });

  it('shows a reloaded event link without JavaScript: title, dates and place, with the site\'s styles', async () => {
    const event = EVENTS[1] as EventPublic;
    const still = await newLocalContext(site.browser, { allow: [site.base], javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    try {
      const page = await still.newPage();
      await page.goto(`${site.base}/events/${HUB.id}/${event.id}`);
      await expect(page.locator('h1').first().innerText()).resolves.toBe('Nuit des étoiles');
      const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'Europe/Paris' }).format(new Date(event.timings?.[0]?.start ?? ''));
      const text = await page.locator('main').innerText();
      expect(text).toContain(day);
      expect(text).toContain('Muséum');
      expect(text).toContain('Orléans');
      // The app's stylesheet applies: the header is the dark band, not the browser's default.
      expect(await page.evaluate(() => document.querySelector('link[rel="stylesheet"]') !== null && getComputedStyle(document.querySelector('header') as Element).backgroundColor)).not.toMatch(/^(rgba\(0, 0, 0, 0\)|transparent|false)$/);
    } finally {
      await still.close();
    }
  });

  it('falls back from the unreachable real style to the offline basemap, which names communes at city zoom', { timeout: 90_000 }, async () => {
    const page = await site.openPage('/?map=13/45.76/4.85');
    await page.locator('[data-map-ready="true"]').waitFor();
    expect(site.offsite).toContain(DEFAULT_MAP_STYLE);
    expect(await page.locator('[data-testid="map"]').getAttribute('data-basemap')).toBe('offline');
    const rendered = (layers: readonly string[]) =>
      page.evaluate((ids) => {
        const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { queryRenderedFeatures(options: { layers: string[] }): { properties: { name?: string } }[] } }).maplibre;
        return map.queryRenderedFeatures({ layers: ids }).map((feature) => feature.properties.name ?? '');
      }, [...layers]);
    // Lyon and its neighbours, drawn as labels (not merely present in a source).
    await expect.poll(() => rendered(COMMUNE_LABEL_LAYERS), { timeout: 20_000 }).toEqual(expect.arrayContaining(['Lyon', 'Villeurbanne']));
    // Further out, départements and the larger towns; Lyon still named under its cluster.
    await page.goto(`${site.base}/?map=8/45.76/4.85`);
    await page.locator('[data-map-ready="true"]').waitFor();
    await expect.poll(async () => (await rendered(['departement-labels'])).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await rendered(COMMUNE_LABEL_LAYERS)).toEqual(expect.arrayContaining(['Lyon', 'Saint-Étienne', 'Grenoble']));
    // Zoomed in from there over the Beaujolais, the villages' names (held back at zoom 8) are drawn too.
    await page.evaluate(() => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { jumpTo(options: { center: [number, number]; zoom: number }): void } }).maplibre.jumpTo({ center: [4.62, 46.0], zoom: 11.5 }));
    await expect.poll(async () => (await rendered([COMMUNE_LABELS_LAYER])).length, { timeout: 20_000 }).toBeGreaterThan(0);
    // At street level each event's place is named under its dot.
    await page.goto(`${site.base}/?map=14/47.91/1.92`);
    await page.locator('[data-map-ready="true"]').waitFor();
    const placeNames = () =>
      page.evaluate(() => {
        const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { queryRenderedFeatures(options: { layers: string[] }): { properties: { place?: string } }[] } }).maplibre;
        return map.queryRenderedFeatures({ layers: ['event-place-names'] }).map((feature) => feature.properties.place ?? '');
      });
    await expect.poll(placeNames, { timeout: 20_000 }).toContain('Muséum');
    expect(site.offsite.filter((url) => url !== DEFAULT_MAP_STYLE)).toEqual([]);
    await page.close();
  });

  it('on a phone, the map tab fills the screen under the header, and the legend starts folded', { timeout: 60_000 }, async () => {
    const page = watchPage(await site.context.newPage(), site.offsite, { errors: false });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.base}/?map=13/45.76/4.85`);
    await page.getByRole('button', { name: 'Carte', exact: true }).click();
    await page.locator('[data-map-ready="true"]').waitFor();
    const map = await page.locator('[data-testid="map"]').boundingBox();
    if (map === null) throw new Error('no map box');
    // The whole map on screen (it ran 270 px past the bottom, and the address's centre with
    // it), and most of the screen, not a strip.
    expect(map.y + map.height).toBeLessThanOrEqual(740 + 1);
    expect(map.height).toBeGreaterThan(740 / 2);
    expect(map.width).toBe(360);
    // The sections are one line of the header, not a quarter of the screen.
    expect((await page.locator('.site-header').boundingBox())?.height).toBeLessThan(120);
    const legend = page.getByTestId('map-legend');
    expect(await legend.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect((await legend.boundingBox())?.height).toBeLessThan(60);
    // Folded, not gone: its title opens it, and its switches still work.
    await legend.getByText('Sur la carte').click();
    await expect.poll(() => page.getByLabel('Lieux à visiter').isVisible()).toBe(true);
    await page.close();
  });

  it('zooms in on a cluster when it is clicked', async () => {
    const { page, clusters } = await site.openMapPage('/?map=5/46.6/2.4');
    await page.locator('[data-map-ready="true"]').waitFor();
    const body = await clusters;
    const cluster = (body.items ?? []).find((item) => item.kind === 'cluster' || (item.count ?? 1) > 1);
    expect(cluster, JSON.stringify(body)).toBeDefined();
    await page.waitForTimeout(300);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (box === null || cluster === undefined) throw new Error('no map box or cluster');
    const at = pixelOf({ zoom: 5, lat: 46.6, lon: 2.4 }, box, cluster.lat, cluster.lon);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => /[?&]map=([0-9.]+)\//.exec(location.search)?.[1] !== undefined && Number(/[?&]map=([0-9.]+)\//.exec(location.search)?.[1]) > 5.5);
    expect(mapParam(page)?.zoom).toBeGreaterThan(5.5);
    await page.close();
  });

  it('puts filters in the URL, narrows the list, and restores both on reload', async () => {
    const page = await site.openPage('/?map=8/47.9/1.9');
    const list = page.getByTestId('event-list');
    await expect.poll(async () => list.getByRole('heading', { level: 3 }).count()).toBe(3);
    await page.getByRole('button', { name: 'Gratuit', exact: true }).click();
    await page.waitForURL(/free=true/);
    await expect.poll(async () => list.getByRole('heading', { level: 3 }).count()).toBe(2);
    await page.reload();
    await expect.poll(async () => list.getByRole('heading', { level: 3 }).count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Gratuit', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('free')).toBe('true');
    await page.close();
  });

  it('shows markup from a hub as text in the list, the popup and the event page', async () => {
    const { page, clusters } = await site.openMapPage('/?map=14/47.9025/1.9041');
    const title = page.getByTestId('event-list').getByRole('link', { name: XSS });
    await title.waitFor();
    await page.locator('[data-map-ready="true"]').waitFor();
    await clusters;
    await page.waitForTimeout(300);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (box === null) throw new Error('no map');
    const at = pixelOf({ zoom: 14, lat: 47.9025, lon: 1.9041 }, box, 47.9025, 1.9041);
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('.maplibregl-popup');
    await popup.waitFor();
    expect(await popup.locator('.map-popup-title').textContent()).toBe(XSS);
    expect(await popup.locator('img, script').count()).toBe(0);
    await title.click();
    await page.getByRole('heading', { level: 1, name: XSS }).waitFor();
    const article = page.locator('article.event-page');
    expect(await article.locator('img[src="x"], script').count()).toBe(0);
    expect(await article.textContent()).toContain(XSS);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(site.offsite.filter((entry) => entry.startsWith('dialog'))).toEqual([]);
    await page.close();
  });

  it('shows an event published on a hub, and drops a removed one, without a reload', async () => {
    const page = await site.openPage('/?map=8/47.9/1.9');
    const titles = () => page.getByTestId('event-list').getByRole('heading', { level: 3 }).allTextContents();
    await expect.poll(async () => (await titles()).length).toBe(3);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.waitForFunction(() => (window as unknown as { __streamOpen?: boolean }).__streamOpen === true, undefined, { timeout: 15_000 });
    const model = EVENTS[1] as EventPublic;
    const live: EventPublic = { ...model, id: uuid(50), slug: 'en-direct', url: 'https://centre.example/events/en-direct', title: 'Atelier publié en direct' };
    await site.applyFromHub([{ type: 'event', id: live.id, op: 'upsert', version: 1, updatedAt: live.updatedAt, data: live }]);
    // Polls wait up to 15 s (vitest's default is 1 s): on a loaded machine the change goes
    // worker → Redis → stream → page, and the stream may be on its log-poll fallback.
    await expect.poll(titles, { timeout: 15_000 }).toContain('Atelier publié en direct');
    expect(await page.locator('.live-notice').textContent()).toContain('Atelier publié en direct');
    await site.applyFromHub([{ type: 'event', id: live.id, op: 'delete', version: 2, updatedAt: live.updatedAt }]);
    await expect.poll(titles, { timeout: 15_000 }).not.toContain('Atelier publié en direct');
    // Still the same document: nothing reloaded the page.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
  });

  it('shows new, changed, cancelled and removed events on the open agenda, without a reload', { timeout: 90_000 }, async () => {
    const page = await site.openPage('/agenda');
    const titles = () => page.getByTestId('agenda-list').getByRole('heading', { level: 3 }).allTextContents();
    await expect.poll(async () => (await titles()).length).toBe(3);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.waitForFunction(() => (window as unknown as { __streamOpen?: boolean }).__streamOpen === true, undefined, { timeout: 15_000 });
    const model = EVENTS[1] as EventPublic;
    const live: EventPublic = { ...model, id: uuid(70), slug: 'agenda-direct', url: 'https://centre.example/events/agenda-direct', title: 'Conférence ajoutée en direct' };
    await site.applyFromHub([{ type: 'event', id: live.id, op: 'upsert', version: 1, updatedAt: live.updatedAt, data: live }]);
    await expect.poll(titles, { timeout: 15_000 }).toContain('Conférence ajoutée en direct');
    expect(await page.locator('.result-count').textContent()).toBe('4 événements');
    const card = page.locator('.event-card', { hasText: 'Conférence' });
    await site.applyFromHub([{ type: 'event', id: live.id, op: 'upsert', version: 2, updatedAt: '2026-01-02T00:00:00Z', data: { ...live, version: 2, updatedAt: '2026-01-02T00:00:00Z', title: 'Conférence annulée', eventStatus: 'cancelled' } }]);
    await expect.poll(async () => card.locator('.tag-status').textContent().catch(() => ''), { timeout: 15_000 }).toBe('Annulé');
    expect(await titles()).toContain('Conférence annulée');
    await site.applyFromHub([{ type: 'event', id: live.id, op: 'delete', version: 3, updatedAt: '2026-01-03T00:00:00Z' }]);
    await expect.poll(async () => (await titles()).length, { timeout: 15_000 }).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
  });

  it('at street level: a venue’s events open as one list, the selected event stays drawn over clusters, dots stay under counts', { timeout: 90_000 }, async () => {
    // Three events at one venue in Strasbourg (two at the same point, one two metres away): out of the other tests' views.
    const model = EVENTS[1] as EventPublic;
    const venue = [uuid(60), uuid(61), uuid(62)];
    const at = (n: number, title: string, lat: number, lon: number): EventPublic => ({ ...model, id: venue[n] ?? '', slug: `lieu-${n}`, url: `https://centre.example/events/lieu-${n}`, title, place: { name: 'Le Vaisseau', commune: 'Strasbourg', lat, lon } });
    const atVenue = [at(0, 'Robots au Vaisseau', 48.5734, 7.7521), at(1, 'Planétarium mobile', 48.5734, 7.7521), at(2, 'Chimie amusante', 48.57342, 7.75212)];
    await site.applyFromHub(atVenue.map((event) => ({ type: 'event' as const, id: event.id, op: 'upsert' as const, version: 1, updatedAt: event.updatedAt, data: event })));
    try {
      const { page, clusters } = await site.openMapPage('/?map=17/48.5734/7.7521');
      await page.locator('[data-map-ready="true"]').waitFor();
      await clusters;
      await page.waitForTimeout(300);
      const box = await page.locator('[data-testid="map"]').boundingBox();
      if (box === null) throw new Error('no map');
      const spot = pixelOf({ zoom: 17, lat: 48.5734, lon: 7.7521 }, box, 48.5734, 7.7521);
      await page.mouse.click(spot.x, spot.y);
      const popup = page.locator('.maplibregl-popup');
      await expect.poll(async () => popup.locator('.map-popup-title').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Robots au Vaisseau', 'Planétarium mobile', 'Chimie amusante']));
      expect(await popup.locator('.map-popup-heading').textContent()).toBe('3 événements à cet endroit');
      // The clusters and their counts are drawn above the single dots.
      const order = await page.evaluate(() => ((document.querySelector('[data-testid="map"]') as unknown as { maplibre: { getStyle(): { layers: { id: string }[] } } }).maplibre.getStyle().layers.map((layer) => layer.id)));
      expect(order.indexOf('event-cluster-counts')).toBeGreaterThan(order.indexOf('event-points'));
      expect(order.indexOf('event-selected')).toBe(order.length - 1);
      // One of them chosen from the list, zoomed out: still drawn, over the cluster that now holds it.
      await page.close();
      const single = await site.openMapPage('/?map=14/47.9025/1.9041');
      const other = single.page;
      await other.locator('[data-map-ready="true"]').waitFor();
      await single.clusters;
      await other.waitForTimeout(300);
      const otherBox = await other.locator('[data-testid="map"]').boundingBox();
      if (otherBox === null) throw new Error('no map');
      const dot = pixelOf({ zoom: 14, lat: 47.9025, lon: 1.9041 }, otherBox, 47.9025, 1.9041);
      await other.mouse.click(dot.x, dot.y);
      await other.locator('.maplibregl-popup .map-popup-title').waitFor();
      const selectedDrawn = () =>
        other.evaluate(() => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { queryRenderedFeatures(options: { layers: string[] }): unknown[] } }).maplibre.queryRenderedFeatures({ layers: ['event-selected'] }).length);
      await expect.poll(selectedDrawn, { timeout: 15_000 }).toBe(1);
      await other.evaluate(() => (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { jumpTo(options: { zoom: number }): void } }).maplibre.jumpTo({ zoom: 7 }));
      await expect.poll(selectedDrawn, { timeout: 15_000 }).toBe(1);
      await other.close();
    } finally {
      await site.applyFromHub(atVenue.map((event) => ({ type: 'event' as const, id: event.id, op: 'delete' as const, version: 2, updatedAt: event.updatedAt })));
    }
  });

  it('offers a commune search when the position is refused; facet menus close with Escape and stay inside the list', { timeout: 60_000 }, async () => {
    const page = await site.openPage('/?map=8/47.9/1.9');
    const list = page.getByTestId('event-list');
    await expect.poll(async () => list.getByRole('heading', { level: 3 }).count()).toBe(3);
    // No permission was granted: the browser refuses the position.
    await page.getByRole('button', { name: 'Près de moi' }).click();
    const search = page.getByLabel('Choisissez plutôt une commune');
    await search.fill('orlea');
    await page.getByRole('button', { name: 'Orléans', exact: true }).click();
    await page.waitForURL(/near=/);
    const near = new URL(page.url()).searchParams.get('near') ?? '';
    expect(near.split(',').map((value) => Math.round(Number(value) * 10) / 10)).toEqual([47.9, 1.9]);
    await expect.poll(async () => list.getByRole('heading', { level: 3 }).count()).toBe(3);
    // The last facet's menu: within the list's column (the map's would cut it), closed by Escape.
    const facet = page.locator('details.facet').last();
    await facet.locator('summary').click();
    await facet.locator('.facet-body').waitFor();
    const menu = await facet.locator('.facet-body').boundingBox();
    const panel = await page.locator('.list-panel').boundingBox();
    if (menu === null || panel === null) throw new Error('no menu or panel');
    expect(menu.x + menu.width).toBeLessThanOrEqual(panel.x + panel.width);
    await page.keyboard.press('Escape');
    await expect.poll(async () => facet.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await facet.locator('summary').click();
    await page.getByTestId('map').click({ position: { x: 20, y: 300 } });
    await expect.poll(async () => facet.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await page.close();
  });

  it('has no serious or critical accessibility violation on the map, agenda, hubs and event pages', { timeout: 120_000 }, async () => {
    const pages: [string, string][] = [
      ['/?map=8/47.9/1.9', '[data-testid="event-list"] h3'],
      ['/agenda', '[data-testid="agenda-list"] h3'],
      ['/hubs', 'h1'],
      [`/events/${HUB.id}/${uuid(2)}`, 'h1'],
    ];
    for (const [path, ready] of pages) {
      const page = await site.openPage(path);
      await page.locator(ready).first().waitFor();
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
      await page.close();
    }
    // The same event page inside the app (client-side route).
    const page = await site.openPage('/?map=8/47.9/1.9');
    await page.getByRole('link', { name: 'Nuit des étoiles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuit des étoiles' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
