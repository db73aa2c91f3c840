import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DEFAULT_USER_AGENT, eventJsonLd, eventPageDates, guardedFetch, renderCalendar, renderEventPage } from '@constellation/shared/server';
import { fullEventPublic, fullRecurringEventPublic, ids } from './fixtures.ts';

/*
 * @constellation/shared/server called as the aggregator calls it: events of several hubs
 * published by a site that is none of them. What belongs to an event (its UID, its
 * canonical URL) comes from the event; what belongs to the site comes from the caller.
 * The hub's own use of the same writers is covered through HTTP in tests/hub.
 */

const fete: EventPublic = fullEventPublic;
const cafe: EventPublic = fullRecurringEventPublic;
const national = { name: 'Constellation — agenda national', url: 'https://agenda.constellation.example' };

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('renderCalendar for events of several hubs', () => {
  const lines = unfold(renderCalendar([fete, cafe], { host: 'agenda.constellation.example', name: national.name, organisers: new Map() }));

  it('names each event after the hub that serves it, as that hub’s own calendar does', () => {
    expect(lines.filter((line) => line.startsWith('UID:'))).toEqual([
      `UID:${ids.eventFete}@centre-val-de-loire.constellation.example`,
      `UID:${ids.eventFete}-2@centre-val-de-loire.constellation.example`,
      `UID:${ids.eventCafe}@grand-est.constellation.example`,
    ]);
  });

  it('names the publishing site in PRODID and the calendar', () => {
    expect(lines).toContain('PRODID:-//Constellation//agenda.constellation.example//FR');
    expect(lines).toContain(`X-WR-CALNAME:${national.name}`);
  });
});

describe('renderEventPage on a site other than the event’s hub', () => {
  const { dates, next } = eventPageDates(cafe, Date.parse('2026-11-15T00:00:00Z'), 3);
  const organiser = { name: 'Centre Sciences', url: 'https://centre-val-de-loire.constellation.example/acteurs/centre-sciences' };
  const input = { event: cafe, organiser, dates, jsonLd: eventJsonLd({ event: cafe, organiser, occurrence: next }), icsUrl: `${national.url}/events/${cafe.id}.ics`, site: national };

  it('gives a known price as the offer\'s price and currency, keeping the wording as its description', () => {
    expect(input.jsonLd.offers).toMatchObject({ '@type': 'Offer', price: 3.5, priceCurrency: 'EUR', description: 'Consommation au bar à la charge des participants.' });
    const unpriced = eventJsonLd({ event: { ...cafe, price: { free: false, details: 'Participation libre' } }, organiser, occurrence: next }).offers as Record<string, unknown>;
    expect(unpriced.price).toBeUndefined();
    expect(unpriced.description).toBe('Participation libre');
  });

  it('lists the next dates of a recurring event, skipping its exception', () => {
    // First Tuesdays at 19:00 in Paris (UTC+1 in winter); 1 December 2026 is excluded.
    expect(dates).toEqual([
      { start: Date.parse('2027-01-05T18:00:00Z'), end: Date.parse('2027-01-05T19:30:00Z') },
      { start: Date.parse('2027-02-02T18:00:00Z'), end: Date.parse('2027-02-02T19:30:00Z') },
      { start: Date.parse('2027-03-02T18:00:00Z'), end: Date.parse('2027-03-02T19:30:00Z') },
    ]);
    expect(next).toEqual(dates[0]);
  });

  it('lists every timing of a one-off event, even past ones, and announces the first when all are past', () => {
    const past = eventPageDates(fete, Date.parse('2027-01-01T00:00:00Z'));
    expect(past.dates).toEqual([
      { start: Date.parse('2026-10-10T12:00:00Z'), end: Date.parse('2026-10-10T16:00:00Z') },
      { start: Date.parse('2026-10-11T12:00:00Z'), end: Date.parse('2026-10-11T16:00:00Z') },
    ]);
    expect(past.next).toEqual(past.dates[0]);
  });

  it('is the site’s page, with the event’s own URL as canonical, and names the hub it comes from', () => {
    const hub = { name: 'Echosciences Grand Est', url: 'https://grand-est.constellation.example' };
    const html = renderEventPage({ ...input, publishedBy: hub });
    expect(html).toContain(`<title>${cafe.title} — ${national.name}</title>`);
    // Links go out normalised (safeUrl), hence the slash after a bare origin.
    expect(html).toContain(`<header><a href="${national.url}/">${national.name}</a></header>`);
    expect(html).toContain(`<meta property="og:site_name" content="${national.name}">`);
    expect(html).toContain(`<link rel="canonical" href="${cafe.url}">`);
    expect(html).toContain(`<meta property="og:url" content="${cafe.url}">`);
    expect(html).toContain(`<dt>Publié sur</dt><dd><a href="${hub.url}/">${hub.name}</a></dd>`);
    expect(html).toContain(`<a href="${national.url}/events.ics">`);
  });

  it('names no source when none is given, as on the hub itself', () => {
    expect(renderEventPage(input)).not.toContain('Publié sur');
  });
});

describe('guardedFetch user agent', () => {
  let server: Server;
  let url = '';
  const seen: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers['user-agent']);
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('says Constellation unless the caller says who it is', async () => {
    // Loopback: allowPrivate, as in the guarded fetcher's own tests.
    const options = { deadlineMs: 5000, maxBytes: 1024, allowPrivate: true };
    await guardedFetch(url, options);
    await guardedFetch(url, { ...options, userAgent: 'Constellation-aggregator' });
    expect(seen).toEqual([DEFAULT_USER_AGENT, 'Constellation-aggregator']);
  });
});
