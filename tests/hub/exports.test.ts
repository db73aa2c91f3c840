import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { Ajv } from 'ajv';
import type { ContentView } from '@constellation/hub';
import type { EventInput, EventPublic } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput, onlineEventInput, recurringEventInput, sqlite } from './event-inputs.ts';

/*
 * The open-data exports (/events.ics, /feed.rss, /feed.atom, /feed.json, /events.csv),
 * each read back by an independent parser (ical.js, fast-xml-parser, ajv, csv-parse) and
 * compared field by field with the events as GET /api/v1/events/:id serves them.
 * Upcoming events are in 2030 so that the default window (from the current hour) keeps them.
 */

type User = Awaited<ReturnType<TestHub['user']>>;

let hub: TestHub;
let moderator: User;
let actorId: string;
const ids = {} as Record<'fish' | 'club' | 'twice' | 'formula' | 'cancelled' | 'online' | 'past', string>;

const XML_TITLE = 'Fish & <chips> "quoted" \'single\' — café ]]> ]]>';
const INJECTION = 'ATTENDEE:mailto:evil@example.org';
const CLUB = { start: '2030-03-05T18:00', end: '2030-03-05T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20300430', exdates: ['2030-03-19T18:00'] };

async function publish(input: EventInput): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: moderator.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function publicEvent(id: string): Promise<EventPublic> {
  const response = await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${id}` });
  expect(response.status).toBe(200);
  return response.body;
}

async function get(url: string, headers: Record<string, string> = {}) {
  return hub.request({ method: 'GET', url, headers });
}

/** The calendar's VEVENTs, with its VTIMEZONEs registered so zoned times resolve. */
function calendar(text: string): { root: ICAL.Component; events: ICAL.Event[] } {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { root, events: root.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

function byUid(events: ICAL.Event[], uid: string): ICAL.Event {
  const found = events.find((event) => event.uid === uid);
  expect(found, uid).toBeDefined();
  return found as ICAL.Event;
}

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum d’Orléans'), token: moderator.token });
  actorId = actor.body.id;
  ids.fish = (await publish(eventInput(actorId, XML_TITLE, '2030-05-14T18:00:00+02:00', '2030-05-14T20:00:00+02:00', {
    disciplines: ['astronomy'],
    description: `Une soirée.\r\n${INJECTION}\r\n\nAvec **des étoiles**; des virgules, et un \\ antislash.\n\n<script>alert(1)</script>`,
    image: { url: 'https://images.example.org/nuit.jpg', alt: 'Le ciel' },
    price: { free: true },
  }))).id;
  ids.club = (await publish(recurringEventInput(actorId, 'Club d’astronomie du mardi', CLUB, { disciplines: ['biology'] }))).id;
  ids.twice = (await publish({
    ...eventInput(actorId, 'Atelier en deux séances', '2030-06-10T14:00:00+02:00', '2030-06-10T16:00:00+02:00'),
    timings: [
      { start: '2030-06-10T14:00:00+02:00', end: '2030-06-10T16:00:00+02:00' },
      { start: '2030-06-12T09:30:00+02:00', end: '2030-06-12T12:00:00+02:00' },
    ],
  })).id;
  ids.formula = (await publish(eventInput(actorId, '=HYPERLINK("http://evil.example","Écologie à Orléans")', '2030-07-01T10:00:00+02:00', '2030-07-01T12:00:00+02:00', { summary: '+33 bientôt', place: { name: '@lieu', commune: 'Orléans', lat: 47.9, lon: -1.5 } }))).id;
  ids.cancelled = (await publish(eventInput(actorId, 'Conférence annulée', '2030-08-01T18:00:00+02:00', '2030-08-01T19:00:00+02:00', { eventStatus: 'cancelled' }))).id;
  // The contract parses URLs with URL(), which drops CR/LF: such a URL is accepted and stored as sent.
  ids.online = (await publish(onlineEventInput(actorId, 'Webinaire', '2030-09-01T12:00:00+02:00', '2030-09-01T13:00:00+02:00', { onlineUrl: 'https://visio.example.org/salle' }))).id;
  // The contract refuses control characters in URLs (tested below); the exports must still
  // hold if one ever got into storage, so plant one there directly.
  sqlite(hub).prepare("UPDATE content SET public_json = json_set(public_json, '$.onlineUrl', ?) WHERE id = ?").run(`https://visio.example.org/salle\r\n${INJECTION}`, ids.online);
  ids.past = (await publish(eventInput(actorId, 'Soirée passée', '2025-06-01T18:00:00+02:00', '2025-06-01T20:00:00+02:00'))).id;
});

afterAll(async () => {
  await hub.close();
});

describe('GET /events.ics', () => {
  it('starts from data the API checked: a URL with CR/LF in it is refused at the door', async () => {
    const refused = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/events', token: moderator.token, payload: onlineEventInput(actorId, 'Webinaire piégé', '2030-09-02T12:00:00+02:00', '2030-09-02T13:00:00+02:00', { onlineUrl: `https://visio.example.org/salle\r\n${INJECTION}` }) });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('onlineUrl');
  });

  it('is an RFC 5545 calendar with one VEVENT per upcoming event (two for two timings), each line folded at 75 octets', async () => {
    const response = await get('/events.ics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.text.endsWith('\r\n')).toBe(true);
    for (const line of response.text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const { events } = calendar(response.text);
    expect(events.map((event) => event.uid).sort()).toEqual(
      [ids.fish, ids.club, ids.twice, `${ids.twice}-2`, ids.formula, ids.cancelled, ids.online].map((id) => `${id}@hub.test`).sort(),
    );
  });

  it('says what the API says: summary, sequence, location, geo, url, categories, last-modified, status', async () => {
    const { events } = calendar((await get('/events.ics')).text);
    for (const key of ['fish', 'formula', 'cancelled'] as const) {
      const api = await publicEvent(ids[key]);
      const vevent = byUid(events, `${api.id}@hub.test`);
      expect(vevent.summary).toBe(api.title);
      expect(vevent.sequence).toBe(api.version - 1);
      expect(vevent.location).toBe([api.place?.name, api.place?.address, [api.place?.postalCode, api.place?.commune].filter(Boolean).join(' ')].filter(Boolean).join(', '));
      expect(vevent.component.getFirstPropertyValue('geo')).toEqual([api.place?.lat, api.place?.lon]);
      expect(vevent.component.getFirstPropertyValue('url')).toBe(api.url);
      expect(vevent.component.getFirstPropertyValue('last-modified')?.toString()).toBe(api.updatedAt.slice(0, 19) + 'Z');
      expect(vevent.component.getFirstPropertyValue('status')).toBe(api.eventStatus === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
      expect(vevent.startDate.toJSDate().getTime()).toBe(Date.parse(api.timings?.[0]?.start ?? ''));
      expect(vevent.endDate.toJSDate().getTime()).toBe(Date.parse(api.timings?.[0]?.end ?? ''));
      expect(vevent.startDate.zone?.tzid).toBe('Europe/Paris');
    }
    const fish = byUid(events, `${ids.fish}@hub.test`);
    expect(fish.component.getFirstProperty('categories')?.getValues()).toEqual(['Atelier', 'Astronomie et espace']);
    expect(fish.description).toContain('des étoiles; des virgules, et un \\ antislash.');
    expect(fish.description).not.toContain('<script>');
  });

  it('keeps a recurring event as one VEVENT with its RRULE, EXDATE and a zoned DTSTART, and a VTIMEZONE for the zone', async () => {
    const { root, events } = calendar((await get('/events.ics')).text);
    expect(root.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Paris']);
    const club = byUid(events, `${ids.club}@hub.test`);
    expect(club.isRecurring()).toBe(true);
    const rule = club.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.freq).toBe('WEEKLY');
    expect(rule.parts.BYDAY).toEqual(['TU']);
    // A date UNTIL (the whole local day for the hub) goes out as the UTC end of that day.
    expect(rule.until?.toString()).toBe('2030-04-30T21:59:59Z');
    const dtstart = club.component.getFirstProperty('dtstart');
    expect(dtstart?.getParameter('tzid')).toBe('Europe/Paris');
    expect(club.startDate.toString()).toBe('2030-03-05T18:00:00');
    const exdate = club.component.getFirstProperty('exdate');
    expect(exdate?.getParameter('tzid')).toBe('Europe/Paris');
    expect((exdate?.getFirstValue() as ICAL.Time).toString()).toBe('2030-03-19T18:00:00');
  });

  it('expands (with ical.js) to the same occurrences as the API lists, across the DST change', async () => {
    const { events } = calendar((await get('/events.ics')).text);
    const iterator = byUid(events, `${ids.club}@hub.test`).iterator();
    const expanded: string[] = [];
    for (let next = iterator.next(); next !== undefined && next !== null && expanded.length < 20; next = iterator.next()) expanded.push(next.toJSDate().toISOString().replace('.000', ''));

    const listed: string[] = [];
    let from = '2030-01-01T00:00:00Z';
    for (;;) {
      const page = await hub.request<{ items: { occurrence: { start: string; end: string } }[] }>({ method: 'GET', url: `/api/v1/events?discipline=biology&from=${from}` });
      const item = page.body.items[0];
      if (item === undefined) break;
      listed.push(item.occurrence.start);
      from = item.occurrence.end;
    }
    expect(listed).toEqual(['2030-03-05T17:00:00Z', '2030-03-12T17:00:00Z', '2030-03-26T17:00:00Z', '2030-04-02T16:00:00Z', '2030-04-09T16:00:00Z', '2030-04-16T16:00:00Z', '2030-04-23T16:00:00Z', '2030-04-30T16:00:00Z']);
    expect(expanded).toEqual(listed);
  });

  it('gives each timing of an event its own VEVENT and stable UID', async () => {
    const { events } = calendar((await get('/events.ics')).text);
    const api = await publicEvent(ids.twice);
    const first = byUid(events, `${ids.twice}@hub.test`);
    const second = byUid(events, `${ids.twice}-2@hub.test`);
    expect([first, second].map((event) => [event.startDate.toJSDate().getTime(), event.endDate.toJSDate().getTime()])).toEqual(
      (api.timings ?? []).map((timing) => [Date.parse(timing.start), Date.parse(timing.end)]),
    );
    expect(second.summary).toBe(api.title);
  });

  it('cannot be made to carry a property by a line break in a title, a description or a URL', async () => {
    // A title with CR/LF is refused by the contract; stored data from before that rule may still hold one.
    sqlite(hub).prepare("UPDATE content SET public_json = json_set(public_json, '$.title', ?) WHERE id = ?").run(`Piège\r\n${INJECTION}\r\nEND:VEVENT`, ids.cancelled);
    const text = (await get('/events.ics')).text;
    const { events } = calendar(text);
    for (const event of events) expect(event.component.getAllProperties('attendee')).toEqual([]);
    expect(text).not.toMatch(/^ATTENDEE/m);
    expect(byUid(events, `${ids.cancelled}@hub.test`).summary).toBe(`Piège\r\n${INJECTION}\r\nEND:VEVENT`.replace(/\r\n/g, '\n'));
    expect(byUid(events, `${ids.fish}@hub.test`).description).toContain(`Une soirée.\n${INJECTION}`);
    expect(byUid(events, `${ids.online}@hub.test`).component.getFirstPropertyValue('conference')).toBe(`https://visio.example.org/salle${INJECTION}`);
  });

  it('raises SEQUENCE and keeps the UID when the event is edited', async () => {
    const before = calendar((await get(`/events/${ids.formula}.ics`)).text).events[0];
    const api = await publicEvent(ids.formula);
    const { id: _id, hub: _hub, slug: _slug, version: _version, createdAt: _c, updatedAt: _u, url: _url, ...input } = api;
    const edit = await hub.request({ method: 'PUT', url: `/api/v1/events/${ids.formula}`, payload: { ...input, description: 'Nouvelle description.' }, token: moderator.token });
    expect(edit.status, edit.text).toBe(200);
    const after = calendar((await get(`/events/${ids.formula}.ics`)).text).events[0];
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBe((before?.sequence ?? 0) + 1);
  });

  it('serves one event by slug or id, and 404 for an unknown one', async () => {
    const api = await publicEvent(ids.club);
    for (const key of [api.slug, api.id]) {
      const response = await get(`/events/${key}.ics`);
      expect(response.status).toBe(200);
      expect(calendar(response.text).events.map((event) => event.uid)).toEqual([`${api.id}@hub.test`]);
    }
    expect((await get('/events/nope.ics')).status).toBe(404);
  });
});

describe('the feeds', () => {
  const lists = new Set(['rss.channel.item', 'rss.channel.item.category', 'feed.entry', 'feed.entry.link', 'feed.entry.category']);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, jPath: true, isArray: (_name, path) => lists.has(String(path)) });

  it('RSS 2.0: items with title, link, guid, dates, summary and sanitised content; the past event left out', async () => {
    const response = await get('/feed.rss');
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const channel = xml.parse(response.text).rss.channel;
    const items = channel.item as Record<string, unknown>[];
    expect(items.map((item) => item.guid)).not.toContainEqual(expect.objectContaining({ '#text': `urn:uuid:${ids.past}` }));
    expect(items).toHaveLength(6);
    const fish = items.find((item) => (item.guid as Record<string, string>)['#text'] === `urn:uuid:${ids.fish}`) as Record<string, unknown>;
    const api = await publicEvent(ids.fish);
    expect(fish.title).toBe(XML_TITLE);
    expect(fish.link).toBe(api.url);
    expect(new Date(fish.pubDate as string).getTime()).toBeGreaterThan(0);
    expect(fish['content:encoded']).toContain('<strong>des étoiles</strong>');
    expect(fish['content:encoded']).not.toContain('<script');
    expect(fish.enclosure).toMatchObject({ '@url': 'https://images.example.org/nuit.jpg', '@type': 'image/jpeg' });
  });

  it('Atom 1.0: entries with text titles, ids, links, dates, summary and HTML content', async () => {
    const response = await get('/feed.atom');
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = xml.parse(response.text).feed;
    const entries = feed.entry as Record<string, unknown>[];
    expect(entries).toHaveLength(6);
    const api = await publicEvent(ids.fish);
    const fish = entries.find((entry) => entry.id === `urn:uuid:${ids.fish}`) as Record<string, unknown>;
    expect(fish.title).toEqual({ '#text': XML_TITLE, '@type': 'text' });
    expect((fish.link as Record<string, string>[])[0]).toMatchObject({ '@rel': 'alternate', '@href': api.url });
    expect(fish.updated).toBe(api.updatedAt);
    expect(fish.summary).toEqual({ '#text': api.summary, '@type': 'text' });
    expect((fish.content as Record<string, string>)['#text']).not.toContain('<script');
  });

  it('JSON Feed 1.1: valid against the spec’s required fields, items matching the API', async () => {
    const response = await get('/feed.json');
    expect(response.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const item = {
      type: 'object',
      required: ['id', 'url', 'title', 'content_html', 'date_published'],
      properties: { id: { type: 'string' }, url: { type: 'string', format: 'uri' }, title: { type: 'string' }, content_html: { type: 'string' }, summary: { type: 'string' }, image: { type: 'string' }, date_published: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' }, date_modified: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
    };
    const schema = {
      type: 'object',
      required: ['version', 'title', 'items'],
      properties: { version: { const: 'https://jsonfeed.org/version/1.1' }, title: { type: 'string' }, home_page_url: { type: 'string' }, feed_url: { type: 'string' }, items: { type: 'array', items: item } },
    };
    const ajv = new Ajv({ formats: { uri: (text: string) => URL.canParse(text) } });
    const body = response.body as { items: { id: string; title: string; url: string; date_modified: string; content_html: string }[] };
    expect(ajv.validate(schema, body), JSON.stringify(ajv.errors)).toBe(true);
    const api = await publicEvent(ids.fish);
    const fish = body.items.find((entry) => entry.id === `urn:uuid:${ids.fish}`);
    expect(fish).toMatchObject({ title: XML_TITLE, url: api.url, date_modified: api.updatedAt, image: 'https://images.example.org/nuit.jpg' });
    expect(fish?.content_html).not.toContain('<script');
  });

  it('takes the list’s filters: a past window, a discipline, a limit', async () => {
    const past = (await get('/feed.json?from=2025-01-01&to=2025-12-31')).body as { items: { id: string }[] };
    expect(past.items.map((entry) => entry.id)).toEqual([`urn:uuid:${ids.past}`]);
    const biology = (await get('/feed.json?discipline=biology')).body as { items: { id: string }[] };
    expect(biology.items.map((entry) => entry.id)).toEqual([`urn:uuid:${ids.club}`]);
    expect(((await get('/feed.json?limit=2')).body as { items: unknown[] }).items).toHaveLength(2);
    const refused = await get('/feed.rss?discipline=alchemy');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'query.discipline' });
  });

  it('can be read whole: limit means what it means in the list, and each page links the next (JSON Feed next_url, RFC 5005 in Atom and RSS)', async () => {
    const list = (await get('/api/v1/events?limit=1000')).body as { items: { event: { id: string } }[] };
    const everything = list.items.map((item) => `urn:uuid:${item.event.id}`);
    expect(everything.length).toBeGreaterThan(2);
    // JSON Feed, two a page, followed from next_url to next_url.
    const read: string[] = [];
    let url: string | undefined = '/feed.json?limit=2';
    for (let guard = 0; url !== undefined && guard < 20; guard += 1) {
      const page = (await get(url)).body as { items: { id: string }[]; next_url?: string };
      expect(page.items.length).toBeLessThanOrEqual(2);
      read.push(...page.items.map((item) => item.id));
      url = page.next_url === undefined ? undefined : new URL(page.next_url).pathname + new URL(page.next_url).search;
    }
    expect(read).toEqual(everything);
    // The first page is the list's first page, in its order.
    const firstOfList = (await get('/api/v1/events?limit=2')).body as { items: { event: { id: string } }[] };
    expect(((await get('/feed.json?limit=2')).body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual(firstOfList.items.map((item) => `urn:uuid:${item.event.id}`));
    // Atom: RFC 5005 first and next links; the next page goes on where this one stopped.
    const atom = xml.parse((await get('/feed.atom?limit=2')).text).feed as { link: Record<string, string>[]; entry: { id: string }[] };
    const next = atom.link.find((link) => link['@rel'] === 'next')?.['@href'];
    expect(atom.link.find((link) => link['@rel'] === 'first')?.['@href']).toMatch(/\/feed\.atom\?limit=2$/);
    expect(next).toMatch(/\/feed\.atom\?limit=2&cursor=[^&]+$/);
    const second = xml.parse((await get(new URL(next ?? '').pathname + new URL(next ?? '').search)).text).feed as { entry: { id: string }[] };
    expect([...atom.entry, ...second.entry].map((entry) => entry.id)).toEqual(everything.slice(0, 4));
    // RSS carries the same link as atom:link; the last page carries none.
    expect((await get('/feed.rss?limit=2')).text).toMatch(/<atom:link rel="next" type="application\/rss\+xml" href="[^"]+cursor=/);
    expect((await get('/feed.rss?limit=1000')).text).not.toContain('rel="next"');
  });
});

describe('GET /events.csv', () => {
  const HEADER = 'id,url,title,summary,start,end,time_zone,recurrence_rule,place_name,address,commune,insee_code,lat,lon,format,audiences,disciplines,free,price_details,accessibility,registration_url,organiser_actor_id,status,updated,campaign,parent_event_id,previous_edition_id,all_day,price_amount,price_currency';

  it('has a BOM, the documented header, and one row per event matching the API', async () => {
    const response = await get('/events.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.text.startsWith(`\ufeff${HEADER}\r\n`)).toBe(true);
    const rows = parseCsv(response.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id).sort()).toEqual([ids.fish, ids.club, ids.twice, ids.formula, ids.cancelled, ids.online].sort());
    const api = await publicEvent(ids.club);
    expect(rows.find((row) => row.id === ids.club)).toMatchObject({
      url: api.url,
      title: api.title,
      start: '2030-03-05T18:00:00+01:00',
      end: '2030-03-05T20:00:00+01:00',
      time_zone: 'Europe/Paris',
      recurrence_rule: CLUB.rrule,
      commune: 'Orléans',
      insee_code: '45234',
      lat: '47.90248',
      lon: '1.90407',
      format: 'science-cafe',
      disciplines: 'biology',
      organiser_actor_id: actorId,
      status: 'scheduled',
      updated: api.updatedAt,
    });
    expect(rows.find((row) => row.id === ids.fish)).toMatchObject({ title: XML_TITLE, free: 'true', disciplines: 'astronomy', start: '2030-05-14T18:00:00+02:00' });
  });

  it('neutralises cells a spreadsheet would run as formulas, keeps accents and leaves numbers alone', async () => {
    const rows = parseCsv((await get('/events.csv')).text, { bom: true, columns: true }) as Record<string, string>[];
    const formula = rows.find((row) => row.id === ids.formula);
    expect(formula).toMatchObject({ title: `'=HYPERLINK("http://evil.example","Écologie à Orléans")`, summary: "'+33 bientôt", place_name: "'@lieu", lon: '-1.5' });
  });

  it('takes the list’s filters', async () => {
    const rows = parseCsv((await get('/events.csv?discipline=astronomy')).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([ids.fish]);
  });
});

describe('conditional GET', () => {
  it.each(['/events.ics', '/feed.rss', '/feed.atom', '/feed.json', '/events.csv', '/events.csv?discipline=biology'])('%s answers 304 for its ETag, and changes its ETag after a write', async (url) => {
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

    await publish(eventInput(actorId, `Nouveauté pour ${url}`, '2030-10-01T18:00:00+02:00', '2030-10-01T19:00:00+02:00'));
    const after = await get(url, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('gives each query its own ETag', async () => {
    const all = await get('/events.ics');
    const filtered = await get('/events.ics?discipline=biology');
    expect(all.headers.etag).not.toBe(filtered.headers.etag);
    expect((await get('/events.ics?discipline=biology', { 'if-none-match': String(all.headers.etag) })).status).toBe(200);
  });
});
