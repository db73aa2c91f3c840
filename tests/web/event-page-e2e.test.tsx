import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventPublic } from '@constellation/shared';
import { actorInput, eventInput, recurringEventInput } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';
import { launchChromium, newLocalContext, open as openWatched } from '../support/browser.ts';
import { builtWebApp } from '../support/web-build.ts';
import { freePort } from '../support/redis.ts';

/*
 * Issue #14's "a hub's recurring event page lists its dates in words and adds its rule to
 * a calendar", in Chromium against a hub on a port serving the built portal: the rule in
 * French words, the next dates first and the past ones folded, the same in English after
 * the language switch, and the add-to-calendar file, downloaded as a reader would, whose
 * VEVENT carries the RRULE (every date, not the first one). An event of several dates gets
 * them all listed and all of them in its file. With EVENT_SHOTS=<dir>, both pages are
 * photographed at 1366 and 360 px in French and English.
 */

const NOW = Date.now();
const DAY = 86_400_000;
const shots = process.env.EVENT_SHOTS;
const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

let dir: string;
let hub: TestHub;
let base: string;
let browser: Browser;
let recurring: EventPublic;
let several: EventPublic;
const contexts: BrowserContext[] = [];
const incidents: string[] = [];

/** The day of the month of the second Saturday of `month` (0-based, may overflow into other years). */
function secondSaturday(year: number, month: number): { year: number; month: number; day: number } {
  const first = new Date(Date.UTC(year, month, 1));
  const day = 1 + ((6 - first.getUTCDay() + 7) % 7) + 7;
  return { year: first.getUTCFullYear(), month: first.getUTCMonth(), day };
}

const pad = (n: number) => String(n).padStart(2, '0');
const wall = (date: { year: number; month: number; day: number }, time: string) => `${date.year}-${pad(date.month + 1)}-${pad(date.day)}T${time}`;
/** A Paris wall-clock time as an instant (the offset of that day in Paris). */
function parisInstant(local: string): number {
  const guess = Date.parse(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(new Date(guess));
  const offset = /GMT([+-]\d\d):(\d\d)/.exec(parts.find((part) => part.type === 'timeZoneName')?.value ?? '') ?? ['', '+00', '00'];
  return guess - Math.sign(Number(offset[1])) * (Math.abs(Number(offset[1])) * 60 + Number(offset[2])) * 60_000;
}

const today = new Date(NOW);
/** The series: the 2nd Saturday of each month, 14:00-16:00 in Paris, from four months ago to seven months ahead. */
const firstDate = secondSaturday(today.getUTCFullYear(), today.getUTCMonth() - 4);
const lastDate = secondSaturday(today.getUTCFullYear(), today.getUTCMonth() + 7);
const series = Array.from({ length: 12 }, (_, index) => secondSaturday(firstDate.year, firstDate.month + index)).map((date) => ({ start: parisInstant(wall(date, '14:00')), end: parisInstant(wall(date, '16:00')) }));
const pastOnes = series.filter((occurrence) => occurrence.end <= NOW);
const upcomingOnes = series.filter((occurrence) => occurrence.end > NOW);
const words = {
  fr: `Se répète : le 2e samedi de chaque mois, de 14:00 à 16:00, jusqu’au ${lastDate.day} ${MONTHS.fr[lastDate.month]} ${lastDate.year}.`,
  // Intl's English, as the list under it: thin and narrow spaces, compared as plain ones.
  en: `Repeats on the 2nd Saturday of every month, 2:00 – 4:00 PM, until ${MONTHS.en[lastDate.month]} ${lastDate.day}, ${lastDate.year}.`,
};

/** Three dates of a workshop: one gone a week ago, two to come. */
const timings = [-7, 9, 23].map((days) => {
  const day = new Date(NOW + days * DAY);
  const local = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return { start: new Date(parisInstant(`${local}T10:00`)).toISOString(), end: new Date(parisInstant(`${local}T12:00`)).toISOString() };
});

/** Intl's thin and narrow no-break spaces as plain ones. */
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');

async function newContext(language: 'fr' | 'en' = 'fr', width = 1366): Promise<BrowserContext> {
  // Nothing leaves the machine (the map's Plan IGN style is refused: the page needs no map).
  const context = await newLocalContext(browser, { allow: [base], viewport: { width, height: 900 }, locale: language === 'fr' ? 'fr-FR' : 'en-GB', timeoutMs: 20_000 });
  contexts.push(context);
  return context;
}

/** The page at `path` once hydrated (its own code runs: the language switch and the links work); its dialogs and errors go to `incidents`. */
function open(context: BrowserContext, path: string): Promise<Page> {
  return openWatched(context, `${base}${path}`, incidents);
}

/** The starts of the dates listed in `list` (a locator of <ul>), as instants. */
async function listedStarts(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((nodes) => nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')));
}

/** The file behind the "iCal file" link, downloaded by clicking it, parsed. */
async function downloadCalendar(page: Page, name: string | RegExp): Promise<ICAL.Component> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await download.path();
  return new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
}

async function photograph(page: Page, name: string): Promise<void> {
  if (shots === undefined) return;
  for (const language of ['fr', 'en'] as const) {
    if (language === 'en') await page.getByRole('button', { name: 'Read in English' }).click();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('#dates-title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `${name}-${width}-${language}.png`), fullPage: true });
    }
  }
  await page.getByRole('button', { name: 'Lire en français' }).click();
  await page.setViewportSize({ width: 1366, height: 900 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-event-page-e2e-'));
  // The hub lists the built files when it starts: build first.
  const webRoot = await builtWebApp();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  hub = await startTestHub({ HUB_WEB_ROOT: webRoot, HUB_PORT: String(port), HUB_BASE_URL: base });
  await hub.app.listen({ host: '127.0.0.1', port });
  const moderator = await hub.user('moderator');
  const create = async (path: string, payload: object): Promise<ContentView> => {
    const created = await hub.request<ContentView>({ method: 'POST', url: `${path}?submit=true`, payload, token: moderator.token });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };
  const actor = await create('/api/v1/actors', actorInput('Muséum d’Orléans'));
  const made = await create(
    '/api/v1/events',
    recurringEventInput(actor.id, 'Club astronomie du samedi', { start: wall(firstDate, '14:00'), end: wall(firstDate, '16:00'), rrule: `FREQ=MONTHLY;BYDAY=2SA;UNTIL=${lastDate.year}${pad(lastDate.month + 1)}${pad(lastDate.day)}T215959Z` }, {
      price: { free: true, details: 'Gratuit' },
    }),
  );
  recurring = (await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${made.id}` })).body;
  const other = await create('/api/v1/events', { ...eventInput(actor.id, 'Atelier fusées à eau', timings[0]?.start ?? '', timings[0]?.end ?? ''), timings });
  several = (await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${other.id}` })).body;
  browser = await launchChromium();
  if (shots !== undefined) mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a recurring event’s page on its hub, in Chromium', () => {
  it('says its rule in words, lists the next dates first and folds the past ones, in French then in English', { timeout: 60_000 }, async () => {
    const page = await open(await newContext(), `/events/${recurring.slug}`);
    await page.getByRole('heading', { level: 1, name: 'Club astronomie du samedi' }).waitFor();
    await expect.poll(() => page.locator('.date-rule').innerText()).toBe(words.fr);
    expect(await page.locator('main').innerText()).not.toMatch(/FREQ=|RRULE|BYDAY/);
    // The next dates first, in order; the ones beyond the first six behind a fold; the past ones folded, latest first.
    const shown = await listedStarts(page, 'ul.dates:not(details ul) time');
    expect(shown).toEqual(upcomingOnes.slice(0, 6).map((occurrence) => occurrence.start));
    // The fold counts what it reveals: the dates after the first six.
    const folded = upcomingOnes.length - 6;
    await expect.poll(() => page.locator('details.dates-more summary').allInnerTexts()).toEqual(folded <= 0 ? [] : [folded === 1 ? '1 autre date' : `${folded} autres dates`]);
    if (folded > 0) expect(await page.locator('details.dates-more time').count()).toBe(folded);
    const past = page.locator('details.dates-past');
    expect(await past.evaluate((node) => (node as HTMLDetailsElement).open)).toBe(false);
    expect(await past.locator('summary').innerText()).toBe(`Dates passées (${pastOnes.length})`);
    expect(await listedStarts(page, 'details.dates-past time')).toEqual(pastOnes.map((occurrence) => occurrence.start).reverse());
    // The price is said once.
    expect(await page.locator('.facts').innerText()).toMatch(/Tarif\s+Gratuit$/);
    // The hub's own page names no "Provenance" (it is the source): its last section shares and subscribes.
    expect(await page.getByRole('heading', { name: 'Provenance' }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: 'Partager et s’abonner' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Read in English' }).click();
    await expect.poll(async () => plain(await page.locator('.date-rule').innerText())).toBe(words.en);
    expect(await page.getByRole('heading', { level: 3, name: 'Next dates' }).count()).toBe(1);
    // One clock on the page: the dates under the rule say its times as it does.
    expect(plain(await page.locator('ul.dates li').first().innerText())).toMatch(/, 2:00 – 4:00 PM$/);
    expect(await page.locator('details.dates-past summary').innerText()).toBe(`Past dates (${pastOnes.length})`);
    expect(await listedStarts(page, 'ul.dates:not(details ul) time')).toEqual(shown);
    expect(incidents).toEqual([]);
  });

  it('adds its rule to a calendar: the downloaded file’s VEVENT repeats, and Google gets the rule in the event’s zone', { timeout: 60_000 }, async () => {
    const page = await open(await newContext(), `/events/${recurring.slug}`);
    const calendar = await downloadCalendar(page, 'Fichier iCal (.ics), toutes les dates');
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(1);
    const vevent = new ICAL.Event(vevents[0]);
    expect(vevent.summary).toBe('Club astronomie du samedi');
    expect(vevent.isRecurring()).toBe(true);
    const rule = vevents[0]?.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.freq).toBe('MONTHLY');
    expect(rule.parts.BYDAY).toEqual(['2SA']);
    expect(vevents[0]?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
    // Expanded as a calendar app does, the file gives every date of the series, no more.
    const expansion = vevent.iterator();
    const dates: number[] = [];
    for (let next = expansion.next(); next !== null && next !== undefined && dates.length < 50; next = expansion.next()) dates.push(next.toJSDate().getTime());
    expect(dates).toEqual(series.map((occurrence) => occurrence.start));

    const google = new URL((await page.getByRole('link', { name: 'Google Agenda (toutes les dates)' }).getAttribute('href')) ?? '');
    expect(google.searchParams.get('recur')).toMatch(/^RRULE:FREQ=MONTHLY;BYDAY=2SA;UNTIL=/);
    expect(google.searchParams.get('ctz')).toBe('Europe/Paris');
    // Outlook's link holds one date: not offered for a series.
    expect(await page.getByRole('link', { name: 'Outlook' }).count()).toBe(0);
    await photograph(page, 'event-recurring');
  });
});

describe('an event of several dates on its hub, in Chromium', () => {
  it('lists its dates, folds the past one, and its calendar file holds every date', { timeout: 60_000 }, async () => {
    const page = await open(await newContext(), `/events/${several.slug}`);
    await page.getByRole('heading', { level: 1, name: 'Atelier fusées à eau' }).waitFor();
    expect(await page.locator('.date-rule').count()).toBe(0);
    expect(await listedStarts(page, 'ul.dates:not(details ul) time')).toEqual(timings.slice(1).map((timing) => Date.parse(timing.start)));
    expect(await page.locator('details.dates-past summary').innerText()).toBe('Dates passées (1)');
    const calendar = await downloadCalendar(page, 'Fichier iCal (.ics), toutes les dates');
    const starts = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).startDate.toJSDate().getTime());
    expect(starts.sort()).toEqual(timings.map((timing) => Date.parse(timing.start)));
    await photograph(page, 'event-several');
    await page.getByRole('button', { name: 'Read in English' }).click();
    await page.getByRole('heading', { level: 3, name: 'Next dates' }).waitFor();
    expect(await page.locator('details.dates-past summary').innerText()).toBe('Past dates (1)');
    expect(await page.getByRole('link', { name: 'iCal file (.ics), every date' }).count()).toBe(1);
    expect(incidents).toEqual([]);
  });
});
