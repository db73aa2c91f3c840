import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventInput, EventPublic } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput, onlineEventInput, recurringEventInput } from './event-inputs.ts';

/*
 * GET /events/:slug: the server-rendered page of a published event, for people and
 * crawlers. Its JSON-LD is read back and checked against the API's view of the event;
 * XSS payloads in every free-text field must come out only as text.
 */

type User = Awaited<ReturnType<TestHub['user']>>;

let hub: TestHub;
let moderator: User;
let actorId: string;

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</script><script>alert(1)</script>'];

async function create(input: EventInput, submit = true): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/events${submit ? '?submit=true' : ''}`, payload: input, token: moderator.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function page(slug: string, headers: Record<string, string> = {}) {
  return hub.request({ method: 'GET', url: `/events/${slug}`, headers });
}

/** The page's text with Intl's thin and narrow no-break spaces read as plain spaces. */
function spaced(html: string): string {
  return html.replace(/[\u2009\u202f\u00a0]/g, ' ');
}

/** Every tag of the page: escaped text holds no "<", so each "<" starts real markup. */
function tags(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

function jsonLd(html: string): Record<string, unknown> {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]?.[1] ?? '') as Record<string, unknown>;
}

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function metaContent(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(html);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum d’Orléans'), token: moderator.token });
  actorId = actor.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('the page of a one-off event', () => {
  let event: EventPublic;

  beforeAll(async () => {
    const view = await create(eventInput(actorId, 'Nuit des étoiles au Muséum', '2030-08-10T21:00:00+02:00', '2030-08-10T23:30:00+02:00', {
      description: 'Une **nuit** d’observation.\n\n[Programme](https://programme.example.org) [piège](javascript:alert(1))\n\n<iframe src="https://evil.example.org"></iframe>',
      disciplines: ['astronomy'],
      audiences: ['families'],
      price: { free: true },
      image: { url: 'https://images.example.org/nuit.jpg', alt: 'Le ciel étoilé' },
    }));
    event = (await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${view.id}` })).body;
  });

  it('is French HTML under a strict Content-Security-Policy, with its dates in the event’s zone', async () => {
    const response = await page(event.slug);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toMatch(/^<!doctype html>\n<html lang="fr">/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(spaced(response.text)).toContain('samedi 10 août 2030, 21:00 – 23:30');
    expect(response.text).toContain(`href="http://hub.test/events/${event.slug}.ics"`);
  });

  it('renders the Markdown description through the allow-list', async () => {
    const html = (await page(event.slug)).text;
    expect(html).toContain('Une <strong>nuit</strong> d’observation.');
    expect(html).toContain('<a href="https://programme.example.org" rel="nofollow ugc noopener">Programme</a>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<iframe');
  });

  it('carries a schema.org Event in JSON-LD that matches the API', async () => {
    const ld = jsonLd((await page(event.slug)).text);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: event.title,
      description: event.summary,
      url: event.url,
      startDate: '2030-08-10T21:00:00+02:00',
      endDate: '2030-08-10T23:30:00+02:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: event.place?.name,
        address: { '@type': 'PostalAddress', streetAddress: event.place?.address, postalCode: event.place?.postalCode, addressLocality: event.place?.commune, addressRegion: 'Centre-Val de Loire', addressCountry: 'FR' },
        geo: { '@type': 'GeoCoordinates', latitude: event.place?.lat, longitude: event.place?.lon },
      },
      organizer: { '@type': 'Organization', name: 'Muséum d’Orléans' },
      offers: { '@type': 'Offer', price: 0, priceCurrency: 'EUR' },
      isAccessibleForFree: true,
      image: ['https://images.example.org/nuit.jpg'],
      inLanguage: 'fr',
      audience: { '@type': 'PeopleAudience', audienceType: 'Familles' },
    });
    expect(ld.eventSchedule).toBeUndefined();
  });

  it('has OpenGraph and Twitter tags', async () => {
    const html = (await page(event.slug)).text;
    expect(metaContent(html, 'og:title')).toBe(event.title);
    expect(metaContent(html, 'og:description')).toBe(event.summary);
    expect(metaContent(html, 'og:url')).toBe(event.url);
    expect(metaContent(html, 'og:image')).toBe('https://images.example.org/nuit.jpg');
    expect(metaContent(html, 'twitter:card')).toBe('summary_large_image');
  });

  it('answers 304 to its ETag, until the event changes', async () => {
    const first = await page(event.slug);
    const etag = String(first.headers.etag);
    expect((await page(event.slug, { 'if-none-match': etag })).status).toBe(304);
    const { id, hub: _hub, slug: _slug, version: _version, createdAt: _c, updatedAt: _u, url: _url, ...input } = event;
    expect((await hub.request({ method: 'PUT', url: `/api/v1/events/${id}`, payload: { ...input, title: 'Nuit des étoiles (complet)', eventStatus: 'full' }, token: moderator.token })).status).toBe(200);
    const after = await page(event.slug, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(jsonLd(after.text)).toMatchObject({ name: 'Nuit des étoiles (complet)', offers: { availability: 'https://schema.org/SoldOut' } });
  });
});

describe('a recurring event', () => {
  it('has an eventSchedule mapping its rule, and its next dates listed', async () => {
    const view = await create(recurringEventInput(actorId, 'Club du mardi', { start: '2030-03-05T18:00', end: '2030-03-05T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8', exdates: ['2030-03-19T18:00'] }));
    const html = (await page(view.slug)).text;
    const ld = jsonLd(html);
    expect(ld.startDate).toBe('2030-03-05T18:00:00+01:00');
    expect(ld.endDate).toBe('2030-03-05T20:00:00+01:00');
    expect(ld.eventSchedule).toEqual({
      '@type': 'Schedule',
      scheduleTimezone: 'Europe/Paris',
      startDate: '2030-03-05',
      startTime: '18:00:00',
      endTime: '20:00:00',
      duration: 'PT2H',
      repeatFrequency: 'P1W',
      byDay: ['https://schema.org/Tuesday'],
      repeatCount: 8,
      exceptDate: ['2030-03-19T18:00:00+01:00'],
    });
    // After the DST change (31 March 2030) the page still says 18:00.
    expect(spaced(html)).toContain('mardi 2 avril 2030, 18:00 – 20:00');
    expect(html).not.toContain('mardi 19 mars 2030');
  });

  it('maps a monthly "second Thursday" rule with byMonthWeek', async () => {
    const view = await create(recurringEventInput(actorId, 'Café du deuxième jeudi', { start: '2030-01-10T19:00', end: '2030-01-10T21:30', rrule: 'FREQ=MONTHLY;BYDAY=2TH;UNTIL=20301231' }));
    expect(jsonLd((await page(view.slug)).text).eventSchedule).toMatchObject({ repeatFrequency: 'P1M', byDay: ['https://schema.org/Thursday'], byMonthWeek: 2, endDate: '2030-12-31', duration: 'PT2H30M' });
  });
});

describe('other shapes', () => {
  it('gives an online event a VirtualLocation, and an event with several timings its next one as startDate and its subEvents with their location', async () => {
    const online = await create(onlineEventInput(actorId, 'Webinaire', '2030-09-01T12:00:00+02:00', '2030-09-01T13:00:00+02:00'));
    expect(jsonLd((await page(online.slug)).text)).toMatchObject({ eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode', location: { '@type': 'VirtualLocation', url: 'https://visio.centre-sciences.org/webinaire' } });
    const twice = await create({
      ...eventInput(actorId, 'Atelier en deux séances', '2025-06-10T14:00:00+02:00', '2025-06-10T16:00:00+02:00'),
      // The first session is past: search engines must be shown the coming one.
      timings: [
        { start: '2025-06-10T14:00:00+02:00', end: '2025-06-10T16:00:00+02:00' },
        { start: '2030-06-12T09:30:00+02:00', end: '2030-06-12T12:00:00+02:00' },
      ],
    });
    const ld = jsonLd((await page(twice.slug)).text);
    expect(ld).toMatchObject({ startDate: '2030-06-12T09:30:00+02:00', endDate: '2030-06-12T12:00:00+02:00' });
    const where = { '@type': 'Place', name: 'MOBE', address: expect.objectContaining({ addressLocality: 'Orléans', addressRegion: 'Centre-Val de Loire' }) as unknown };
    const mode = { eventStatus: 'https://schema.org/EventScheduled', eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode' };
    expect(ld.subEvent).toEqual([
      { '@type': 'Event', name: 'Atelier en deux séances', startDate: '2025-06-10T14:00:00+02:00', endDate: '2025-06-10T16:00:00+02:00', ...mode, location: expect.objectContaining(where) as unknown },
      { '@type': 'Event', name: 'Atelier en deux séances', startDate: '2030-06-12T09:30:00+02:00', endDate: '2030-06-12T12:00:00+02:00', ...mode, location: expect.objectContaining(where) as unknown },
    ]);
  });
});

describe('hostile text', () => {
  it('shows XSS payloads in the title, description and place name only as text', async () => {
    const title = PAYLOADS.join(' ');
    const view = await create(eventInput(actorId, title, '2030-05-01T18:00:00+02:00', '2030-05-01T19:00:00+02:00', {
      summary: PAYLOADS.join(' '),
      description: PAYLOADS.join('\n\n'),
      place: { name: PAYLOADS.join(' '), commune: 'Orléans' },
    }));
    const html = (await page(view.slug)).text;
    expect(html).not.toContain('<script>alert');
    const markup = tags(html);
    expect(markup.filter((tag) => /^<script/i.test(tag))).toEqual(['<script type="application/ld+json">']);
    expect(markup.filter((tag) => /^<\/script/i.test(tag))).toEqual(['</script>']);
    // Attribute values are escaped (no raw quote inside), so a handler can only be an attribute of its own.
    for (const tag of markup) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
    expect(markup.filter((tag) => /^<img/i.test(tag))).toEqual([]);
    // The texts survive, as text: in the heading, the meta tags and the JSON-LD.
    expect(unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '')).toBe(title);
    expect(metaContent(html, 'og:title')).toBe(title);
    const ld = jsonLd(html);
    expect(ld.name).toBe(title);
    expect((ld.location as { name: string }).name).toBe(PAYLOADS.join(' '));
  });
});

describe('pages that do not exist', () => {
  it('answer 404 in HTML for a draft, an unpublished event and an unknown slug', async () => {
    const draft = await create(eventInput(actorId, 'Brouillon secret', '2030-04-01T18:00:00+02:00', '2030-04-01T19:00:00+02:00'), false);
    const published = await create(eventInput(actorId, 'Bientôt retiré', '2030-04-02T18:00:00+02:00', '2030-04-02T19:00:00+02:00'));
    expect((await page(published.slug)).status).toBe(200);
    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${published.id}/unpublish`, token: moderator.token })).status).toBe(200);
    for (const slug of [draft.slug, published.slug, 'pas-un-evenement']) {
      const response = await page(slug);
      expect(response.status, slug).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain('<html lang="fr">');
      expect(response.text).toContain('Événement introuvable');
      expect(response.text).not.toContain('Brouillon secret');
    }
  });
});
