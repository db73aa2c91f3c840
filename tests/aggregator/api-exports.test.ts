import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DAY, HOUR, HUBS, makeEvent, queryOf, random, referenceList, startNational, type NationalApi, type Reference } from './api-support.ts';

/*
 * The national exports (iCalendar, RSS, Atom, JSON Feed, CSV) for any national filter,
 * each read back by an independent parser: the events are those of the list for the same
 * filter, each keeps its own hub's page (and its hub's UID), and conditional GETs work.
 */

let national: NationalApi;
const UMBRELLA = '01890a5d-ac96-774b-bcce-b302099a8057';
let events: EventPublic[] = [];
const base = Date.now() - (Date.now() % HOUR);
const filter: Reference = { from: base, to: base + 40 * DAY, region: ['24', '44'] };
const lists = new Set(['rss.channel.item', 'feed.entry', 'feed.entry.link']);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, jPath: true, isArray: (_name, path) => lists.has(String(path)) });

function expectedEvents(reference: Reference): EventPublic[] {
  const hidden = new Set(
    (national.store.sqlite.prepare('SELECT r.hub, r.id FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE e.duplicate_of IS NOT NULL').all() as { hub: string; id: string }[]).map((row) => `${row.hub}/${row.id}`),
  );
  return referenceList(events, reference, base, (event) => !hidden.has(`${event.hub}/${event.id}`)).map((entry) => entry.event);
}

beforeAll(async () => {
  national = await startNational();
  const next = random(77);
  // Some events are a village des sciences' activities: the exports take its programme alone.
  events = Array.from({ length: 120 }, (_, index) => makeEvent(next, base, index % 5 === 1 ? { overrides: { parentEventId: UMBRELLA } } : {}));
  national.publish(events);
});

afterAll(async () => {
  await national?.close();
});

describe('national exports', () => {
  it('iCalendar: one calendar, each event under its own hub\'s UID and page', async () => {
    const response = await national.request(`/events.ics?${queryOf(filter)}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const root = new ICAL.Component(ICAL.parse(response.text) as unknown[]);
    const vevents = root.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const want = expectedEvents(filter);
    expect(want.length).toBeGreaterThan(10);
    const byId = new Map(want.map((event) => [event.id, event]));
    // An event with several timings has a VEVENT per timing: <id>@host, <id>-2@host...
    const ids = new Set(vevents.map((vevent) => vevent.uid.slice(0, 36)));
    expect([...ids].sort()).toEqual([...byId.keys()].sort());
    for (const vevent of vevents) {
      const event = byId.get(vevent.uid.slice(0, 36)) as EventPublic;
      const hub = HUBS.find((candidate) => candidate.id === event.hub);
      expect(vevent.uid.endsWith(`@${new URL(hub?.baseUrl ?? '').host}`)).toBe(true);
      expect(vevent.component.getFirstPropertyValue('url')).toBe(event.url);
      expect(vevent.summary).toBe(event.title);
    }
  });

  it('RSS, Atom and JSON Feed: the filter\'s events, linking to their hubs\' pages', async () => {
    const want = expectedEvents(filter);
    const urls = new Set(want.map((event) => event.url));
    const rss = await national.request(`/feed.rss?${queryOf(filter, { limit: '500' })}`);
    expect(rss.status).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const items = xml.parse(rss.text).rss.channel.item as { link: string; title: string }[];
    expect(items.map((item) => item.link).sort()).toEqual([...urls].sort());

    const atom = await national.request(`/feed.atom?${queryOf(filter, { limit: '500' })}`);
    expect(atom.status).toBe(200);
    const entries = xml.parse(atom.text).feed.entry as { link: { '@href': string; '@rel': string }[] }[];
    expect(entries.map((entry) => entry.link.find((link) => link['@rel'] === 'alternate')?.['@href']).sort()).toEqual([...urls].sort());

    const json = await national.request<{ version: string; items: { url: string; id: string }[] }>(`/feed.json?${queryOf(filter)}`);
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    expect(json.body.version).toBe('https://jsonfeed.org/version/1.1');
    // 50 by default, at most.
    expect(json.body.items).toHaveLength(Math.min(50, want.length));
    for (const item of json.body.items) expect(urls.has(item.url)).toBe(true);
  });

  it('feeds can be read whole: pages of limit in the list\'s date order, each linking the next', async () => {
    const list = await national.request<{ items: { event: { url: string } }[] }>(`/api/v1/events?${queryOf(filter, { limit: '1000', sort: 'date' })}`);
    const order = list.body.items.map((item) => item.event.url);
    expect(order.length).toBeGreaterThan(20);
    const read: string[] = [];
    let url: string | undefined = `/feed.json?${queryOf(filter, { limit: '7' })}`;
    for (let guard = 0; url !== undefined && guard < 100; guard += 1) {
      const page: { body: { items: { url: string }[]; next_url?: string } } = await national.request(url);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      read.push(...page.body.items.map((item) => item.url));
      url = page.body.next_url === undefined ? undefined : new URL(page.body.next_url).pathname + new URL(page.body.next_url).search;
    }
    expect(read).toEqual(order);
    const atom = xml.parse((await national.request(`/feed.atom?${queryOf(filter, { limit: '7' })}`)).text).feed as { link: { '@rel': string; '@href': string }[] };
    expect(atom.link.map((link) => link['@rel'])).toEqual(expect.arrayContaining(['self', 'first', 'next']));
  });

  it('CSV: a row per event with its hub page, capped by limit', async () => {
    const response = await national.request(`/events.csv?${queryOf(filter)}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(response.text, { columns: true, bom: true }) as Record<string, string>[];
    const want = expectedEvents(filter);
    expect(rows.map((row) => row.id).sort()).toEqual(want.map((event) => event.id).sort());
    for (const row of rows) expect(row.url).toBe(want.find((event) => event.id === row.id)?.url);
    const few = parseCsv((await national.request(`/events.csv?${queryOf(filter, { limit: '5' })}`)).text, { columns: true, bom: true }) as unknown[];
    expect(few).toHaveLength(5);
    const many = parseCsv((await national.request(`/events.csv?${queryOf({ from: base - 30 * DAY, to: base + 90 * DAY }, { limit: '100000' })}`)).text, { columns: true, bom: true }) as unknown[];
    expect(many.length).toBe(expectedEvents({ from: base - 30 * DAY, to: base + 90 * DAY }).length);
  });

  it('CSV and iCalendar of an umbrella\'s programme: its children only (parent=)', async () => {
    const programme: Reference = { from: base - 30 * DAY, to: base + 90 * DAY, parent: UMBRELLA };
    const want = expectedEvents(programme).map((event) => event.id).sort();
    expect(want.length).toBeGreaterThan(3);
    expect(want.length).toBeLessThan(expectedEvents({ from: programme.from, to: programme.to }).length);
    const rows = parseCsv((await national.request(`/events.csv?${queryOf(programme)}`)).text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id).sort()).toEqual(want);
    const ics = (await national.request(`/events.ics?${queryOf(programme)}`)).text;
    // Each child's UID is there (a recurring one may have more than one VEVENT), no other event's.
    for (const event of events) expect(ics.includes(event.id), event.id).toBe(want.includes(event.id));
    const bad = await national.request<{ field?: string }>(`/events.csv?parent=village`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('parent');
  });

  it('answers 304 while nothing changed, and a new ETag after a change or a suspension', async () => {
    const url = `/feed.json?${queryOf(filter)}`;
    const first = await national.request(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"\d+-[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const again = await national.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    national.publish([makeEvent(random(1), base, { hub: HUBS[0], start: base + DAY })]);
    const changed = await national.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    const fresh = changed.headers.etag as string;
    expect(fresh).not.toBe(etag);
    await national.services.registry.suspend('grand-est');
    const suspended = await national.request({ method: 'GET', url, headers: { 'if-none-match': fresh } });
    expect(suspended.status).toBe(200);
    expect((suspended.body as { items: { url: string }[] }).items.some((item) => item.url.startsWith('https://grand-est.'))).toBe(false);
    await national.services.registry.approve('grand-est');
  });

  it('refuses a bad filter naming the field', async () => {
    for (const [path, field] of [['/events.ics?discipline=alchemy', 'query.discipline'], ['/feed.rss?bbox=1,2', 'query.bbox'], ['/events.csv?cursor=x', 'query.cursor'], ['/feed.atom?limit=0', 'query.limit']] as const) {
      const response = await national.request<{ field: string }>(path);
      expect(response.status, path).toBe(400);
      expect(response.body.field).toBe(field);
    }
  });
});
