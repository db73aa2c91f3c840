import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, demoAccounts, loadHubConfig, seedHub } from '@constellation/hub';
import type { StatsReport } from '@constellation/shared';
import { http } from '../support/federation.ts';
import { actorInput, eventInput } from '../hub/event-inputs.ts';
import { launchChromium, newLocalContext, open as openWatched, seriousViolations } from '../support/browser.ts';
import { loginToken } from '../support/portal.ts';
import { builtWebApp } from '../support/web-build.ts';

/*
 * Issue #17's "done when" for a regional operator, in Chromium against one seeded hub
 * serving the built web app (in this process: no Redis, no aggregator): a contributor's
 * event is approved by a moderator, and the operator reads that approval in the audit log
 * in words (who and their role, the verb, the event's title as a link, a local time, the
 * publication state before and after), in French then English; then this month's
 * statistics, whose chart and table agree.
 */

const HUB_ID = 'centre-val-de-loire';
const TITLE = 'Nuit des chauves-souris au Muséum';
let dir: string;
let hub: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const incidents: string[] = [];

function demo(role: 'admin' | 'moderator' | 'contributor'): { email: string; password: string } {
  const account = demoAccounts(HUB_ID).find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`the seed has no demo ${role}`);
  return { email: account.email, password: account.password };
}

/** A fresh browser profile, French, in Paris, logged in as `login` (the refresh cookie restores the session). */
async function loggedIn(login: { email: string; password: string }): Promise<BrowserContext> {
  const context = await newLocalContext(browser, { allow: [url], timeoutMs: 20_000 });
  contexts.push(context);
  const answer = await context.request.post(`${url}/api/v1/auth/login`, { data: login });
  if (answer.status() !== 200) throw new Error(`login of ${login.email}: ${answer.status()}`);
  return context;
}

/** The page at `path` once its code runs; its dialogs and errors go to `incidents`. */
function open(context: BrowserContext, path: string): Promise<Page> {
  return openWatched(context, `${url}${path}`, incidents);
}

/** Words of the visible elements in `scope` that the layout broke across two lines (a column name wrapping mid-word). */
async function brokenWords(scope: Locator): Promise<string[]> {
  return scope.evaluateAll((elements) =>
    elements.flatMap((element) => {
      if (element.getClientRects().length === 0) return [];
      const broken: string[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // Split at hyphens and slashes too: a line may rightly end after one ("chauves-/souris").
        for (const match of text.matchAll(/[^\s\-\u2010\u2011/]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          // A word on one line has one box (or none when hidden); a word cut by the layout has two.
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
      return broken;
    }),
  );
}

/** The text a sighted reader sees in `scope` (what is there for screen readers only left out), spaces folded. */
async function seen(scope: Locator): Promise<string> {
  return scope.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** With SCREENSHOT_DIR set: the page at 1366 and 360 px, in French and English. */
async function shoot(page: Page, name: string): Promise<void> {
  const shots = process.env.SCREENSHOT_DIR;
  if (shots === undefined) return;
  mkdirSync(shots, { recursive: true });
  for (const language of ['fr', 'en'] as const) {
    if (language === 'en') await page.getByRole('button', { name: 'Read in English' }).click();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(shots, `${name}-${language}-${width}.png`), fullPage: true });
    }
  }
  await page.getByRole('button', { name: 'Lire en français' }).click();
  await page.setViewportSize({ width: 1366, height: 900 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-operator-e2e-'));
  const build = builtWebApp();
  build.catch(() => undefined);
  const config = loadHubConfig({ env: { HUB_ID: HUB_ID, HUB_NAME: 'Centre-Sciences', HUB_REGION: '24', HUB_DATA_DIR: join(dir, 'hub'), HUB_LOG_LEVEL: 'silent', HUB_PORT: '0' } });
  // The base URL is the one the browser reaches: listen on a free port first.
  const probe = await buildApp(config);
  await probe.listen({ host: '127.0.0.1', port: 0 });
  const address = probe.server.address();
  await probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  const live = { ...config, port: address.port, baseUrl: url };
  await seedHub(live, { scale: 0.05, demoAccounts: true });
  // The hub lists the built files when it starts.
  hub = await buildApp({ ...live, webRoot: await build });
  await hub.listen({ host: '127.0.0.1', port: address.port });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a regional operator', () => {
  let eventId: string;

  it('reads a moderator’s approval in the audit log in words, in French and in English', { timeout: 90_000 }, async () => {
    // A contributor submits an event; the moderator approves it (API: the queue's UI is proven elsewhere).
    const contributor = await loginToken(url, demo('contributor'));
    // Under a club of its own: the seed's science centre is verified, and its events skip moderation.
    const actor = await http<{ id: string }>(`${url}/api/v1/actors`, { method: 'POST', token: contributor, body: actorInput('Club d’astronomie de Blois') });
    expect(actor.status).toBe(201);
    const actorId = actor.body.id;
    const start = new Date(Date.now() + 10 * 86_400_000);
    const created = await http<{ id: string }>(`${url}/api/v1/events`, { method: 'POST', token: contributor, body: eventInput(actorId, TITLE, start.toISOString(), new Date(start.getTime() + 7_200_000).toISOString()) });
    expect(created.status).toBe(201);
    eventId = created.body.id;
    expect((await http(`${url}/api/v1/events/${eventId}/submit`, { method: 'POST', token: contributor })).status).toBe(200);
    const moderator = await loginToken(url, demo('moderator'));
    const approved = await http(`${url}/api/v1/moderation/approve`, { method: 'POST', token: moderator, body: { ids: [eventId] } });
    expect(approved.status).toBe(200);

    const page = await open(await loggedIn(demo('admin')), '/moderation/audit');
    const row = page.locator('.audit-table tbody tr').filter({ hasText: TITLE });
    await row.waitFor();
    const cells = row.locator('td');
    // Who, with their role.
    expect(await cells.nth(1).locator('.audit-who').textContent()).toBe('Nadia Lefèvre (démo)');
    expect(await cells.nth(1).locator('.audit-role').textContent()).toBe('Modérateur·rice');
    // What, in words.
    expect(await cells.nth(2).textContent()).toBe('Approbation');
    // On what: the event's title, a link to its page.
    const link = cells.nth(3).getByRole('link', { name: TITLE });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/events/${HUB_ID}/${eventId}`));
    expect(await cells.nth(3).locator('.audit-role').textContent()).toBe('Événement');
    // When: the moment in Paris, as a reader writes it, with the instant for machines.
    const time = cells.nth(0).locator('time');
    const instant = await time.getAttribute('datetime');
    expect(instant).not.toBeNull();
    const local = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(instant ?? ''));
    expect(await time.textContent()).toBe(local);
    // The change: the publication state before and after, in words.
    const change = cells.nth(4);
    expect(await seen(change)).toBe('État de publication : En attente de modération → Publié');
    // A screen reader hears which is which.
    expect((await change.locator('del').textContent())?.trim()).toBe('avant : En attente de modération');
    expect((await change.locator('ins').textContent())?.trim()).toBe('après : Publié');
    // Nothing raw: no id, no JSON, no code.
    const text = await row.innerText();
    expect(text).not.toContain(eventId);
    expect(text).not.toMatch(/[{}"]|pending|published|approve\b/);
    // No column name or cell word cut in two, wide or on a phone.
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await brokenWords(page.locator('.audit-table th, .audit-table td'))).toEqual([]);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'operator-audit');

    // The same entry in English.
    await page.getByRole('button', { name: 'Read in English' }).click();
    await expect.poll(() => cells.nth(2).textContent()).toBe('Approved');
    expect(await cells.nth(1).locator('.audit-role').textContent()).toBe('Moderator');
    expect(await cells.nth(3).locator('.audit-role').textContent()).toBe('Event');
    expect(await cells.nth(0).locator('time').textContent()).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(instant ?? '')));
    expect(await seen(change)).toBe('Publication status: Awaiting moderation → Published');
    expect(await brokenWords(page.locator('.audit-table th, .audit-table td'))).toEqual([]);
    await page.getByRole('button', { name: 'Lire en français' }).click();
    await page.close();
  });

  it('sees this month’s statistics: published per type, the chart and its table agreeing', { timeout: 60_000 }, async () => {
    const admin = await loginToken(url, demo('admin'));
    const report = await http<StatsReport>(`${url}/api/v1/moderation/stats`, { token: admin });
    const month = new Date().toISOString().slice(0, 7);
    const events = report.body.published.find((row) => row.month === month && row.type === 'event')?.count ?? 0;
    // At least the event approved above was published this month.
    expect(events).toBeGreaterThanOrEqual(1);
    const total = report.body.published.filter((row) => row.month === month).reduce((sum, row) => sum + row.count, 0);

    const page = await open(await loggedIn(demo('admin')), '/moderation/stats');
    const section = page.locator('section#published, section[aria-labelledby="published-title"]');
    const table = section.getByRole('table', { name: 'Contenus publiés par type et par mois' });
    await table.waitFor();
    const label = new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    await row.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    const values = await row.locator('td').allInnerTexts();
    const column = (name: string) => values[headers.indexOf(name) - 1];
    expect(column('Événement')).toBe(String(events));
    expect(column('Total')).toBe(String(total));
    // The chart's bar for this month says the same number as the table's total.
    expect(await section.locator('svg.bar-chart text').allTextContents()).toContain(`${label} · ${total}`);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'operator-stats');
    await page.close();
    expect(incidents).toEqual([]);
  });

  it('adds a partner with its uploaded logo in the settings, and every page’s footer shows it linked to its site', { timeout: 60_000 }, async () => {
    const logo = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#1f5c3a' } }).png().toBuffer();
    const page = await open(await loggedIn(demo('admin')), '/admin');
    await page.getByRole('button', { name: 'Ajouter un partenaire' }).click();
    const partner = page.getByRole('group', { name: 'Partenaire 1' });
    await partner.getByLabel(/^Nom/).fill('Région Centre-Val de Loire');
    await partner.getByLabel(/^Lien/).fill('https://www.centre-valdeloire.fr/');
    await partner.getByLabel(/^Logo/).setInputFiles({ name: 'region.png', mimeType: 'image/png', buffer: logo });
    // The uploaded logo is previewed under its alt text, the partner's name.
    await partner.getByRole('img', { name: 'Région Centre-Val de Loire' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await partner.scrollIntoViewIfNeeded();
    await shoot(page, 'operator-partners-settings');

    const home = await open(await loggedIn(demo('contributor')), '/');
    const footer = home.getByRole('region', { name: 'Nos partenaires' });
    const link = footer.getByRole('link', { name: 'Région Centre-Val de Loire' });
    expect(await link.getAttribute('href')).toBe('https://www.centre-valdeloire.fr/');
    const src = await link.locator('img').getAttribute('src');
    expect(src).toMatch(new RegExp(`^${url}/media/[0-9a-f]{32}`));
    // The image the browser loads is the hub's re-encoded copy.
    await expect.poll(() => link.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await home.getByRole('button', { name: 'Read in English' }).click();
    await home.getByRole('region', { name: 'Our partners' }).waitFor();
    await home.getByRole('button', { name: 'Lire en français' }).click();
    await footer.scrollIntoViewIfNeeded();
    await shoot(home, 'operator-partners-footer');
    expect(incidents).toEqual([]);
  });
});
