import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import { Federation, waitFor, type HubProcess } from '../support/federation.ts';
import { launchChromium, newLocalContext, watchPage } from '../support/browser.ts';
import { builtWebApp } from '../support/web-build.ts';
import { XSS } from './fixtures.tsx';

/*
 * The web app against real processes: a regional hub and an aggregator worker (separate
 * processes, a private Redis), and the aggregator's API serving the built app on the same
 * national store. What an admin publishes on the hub shows on the open national page
 * without a reload; markup the hub accepted in an event's text shows as text there.
 * The worker pulls on a one-second schedule: the hub's notify goes to an address no
 * process of this test listens on, so nothing here depends on it.
 */

let dir: string;
let fed: Federation;
let hub: HubProcess;
let services: AggregatorServices;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let context: BrowserContext;
const dialogs: string[] = [];

async function openPage(path: string): Promise<Page> {
  const page = watchPage(await context.newPage(), dialogs, { errors: false });
  await page.goto(`${base}${path}`);
  return page;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-web-fed-'));
  const build = builtWebApp();
  fed = await Federation.create();
  hub = await fed.startHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [fed.publicUrl] });
  await hub.actor();
  await fed.startAggregator('worker', { pullIntervalMs: 1_000, pullJitterMs: 0 });
  await fed.registerHubs([hub], { via: 'cli' });
  await waitFor(() => fed.nationalRecords().some((record) => record.type === 'actor'), { what: 'the first pull', timeoutMs: 30_000 });
  const webRoot = await build;
  const config = {
    ...loadAggregatorConfig({ env: { AGGREGATOR_DATA_DIR: fed.nationalDir, AGGREGATOR_JWT_SECRET: 'web-federation-secret-long-enough-0123456789', AGGREGATOR_LOG_LEVEL: 'silent', REDIS_URL: fed.redis.url } }),
    webRoot,
  };
  services = createServices(config);
  app = await buildApp(config, { services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  browser = await launchChromium();
  // Loopback only: nothing may leave the machine.
  context = await newLocalContext(browser, { allow: [base], viewport: { width: 1200, height: 800 } });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await services?.close();
  await fed?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the national page with a real hub behind it', () => {
  it('shows an event published on the hub within seconds, without a reload, and drops it when deleted', async () => {
    const page = await openPage('/?map=7/47.6/1.8');
    const titles = () => page.getByTestId('event-list').getByRole('heading', { level: 3 }).allTextContents();
    await page.locator('[data-map-ready="true"]').waitFor();
    await expect.poll(async () => page.getByTestId('event-list').getAttribute('aria-busy')).toBe('false');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const created = await hub.createEvent('Nuit des étoiles au MOBE');
    await expect.poll(titles, { timeout: 20_000 }).toContain('Nuit des étoiles au MOBE');
    expect(await page.locator('.live-notice').textContent()).toContain('Nuit des étoiles au MOBE');
    await hub.deleteEvent(created.id);
    await expect.poll(titles, { timeout: 20_000 }).not.toContain('Nuit des étoiles au MOBE');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
  });

  it('renders markup in every text field of a hub’s event as text, in the app and on the event page', async () => {
    const created = await hub.createEvent(XSS, {
      summary: XSS,
      description: `${XSS}\n\n[lien](javascript:window.__pwned=1)`,
      place: { name: XSS, address: XSS, commune: XSS, lat: 47.90248, lon: 1.90407 },
      price: { free: false, details: XSS },
    });
    await waitFor(() => fed.nationalRecords().some((record) => record.id === created.id && !record.deleted), { what: 'the event in the national store', timeoutMs: 20_000 });
    const page = await openPage('/?map=9/47.9/1.9');
    const link = page.getByTestId('event-list').getByRole('link', { name: XSS });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: XSS }).waitFor();
    const article = page.locator('article.event-page');
    expect(await article.locator('script, img[src="x"]').count()).toBe(0);
    expect(await article.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await article.textContent()).toContain(XSS);
    // The server-rendered page of the same event.
    const server = await openPage(`/events/centre-val-de-loire/${created.id}`);
    expect(await server.locator('h1').textContent()).toBe(XSS);
    expect(await server.locator('main img[src="x"], main script, a[href^="javascript:"]').count()).toBe(0);
    for (const opened of [page, server]) expect(await opened.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
    await server.close();
  });
});
