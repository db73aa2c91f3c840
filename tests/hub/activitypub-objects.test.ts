/**
 * Events and articles as ActivityPub objects (hub/src/activitypub/event-object.ts):
 * what a Mastodon reader sees in the summary, and the FEP-8a8e fields other servers read.
 */
import { describe, expect, it } from 'vitest';
import type { ArticlePublic, EventPublic } from '@constellation/shared';
import { articleObject, eventObject, hashtagOf } from '@constellation/hub';

const site = { baseUrl: 'https://hub.example', hubId: 'centre-val-de-loire', hubName: 'Echosciences Centre-Val de Loire', domain: 'hub.example' };
const actor = 'https://hub.example/ap/actors/maison-des-sciences';
// Thursday 3 December 2026, 12:00 UTC.
const NOW = Date.UTC(2026, 11, 3, 12);
/** Intl writes thin and narrow no-break spaces around the dash: compare words, not space kinds. */
const words = (text: unknown) => String(text).replace(/\s/g, ' ');

function event(overrides: Partial<EventPublic>): EventPublic {
  return {
    id: '01935c1e-7a3b-7c4d-8e5f-0a1b2c3d4e5f',
    hub: 'centre-val-de-loire',
    slug: 'cafe-des-sciences',
    version: 2,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-02T10:00:00Z',
    url: 'https://hub.example/events/cafe-des-sciences',
    actorId: '01935c1e-0000-7000-8000-000000000001',
    title: 'Café des sciences',
    summary: 'On parle climat autour d’un café.',
    timeZone: 'Europe/Paris',
    attendanceMode: 'in-person',
    place: { name: 'Le Petit Café', address: '3 rue de Bourgogne', postalCode: '45000', commune: 'Orléans', lat: 47.9, lon: 1.91 },
    format: 'science-cafe',
    eventStatus: 'scheduled',
    timings: [{ start: '2026-12-10T17:30:00Z', end: '2026-12-10T19:00:00Z' }],
    ...overrides,
  } as EventPublic;
}

describe('an Event object', () => {
  it('says date, time and place in words in its summary, and carries the FEP-8a8e fields', () => {
    const object = eventObject(event({ disciplines: ['astronomy'], image: { url: 'https://hub.example/media/cafe.webp', alt: 'Tasses sur le comptoir' } }), site, actor, NOW);
    expect(words(object.summary)).toBe('jeudi 10 décembre 2026, 18:30 – 20:00 · Le Petit Café, 3 rue de Bourgogne, 45000 Orléans · On parle climat autour d’un café.');
    expect(object).toMatchObject({
      type: 'Event',
      name: 'Café des sciences',
      startTime: '2026-12-10T17:30:00.000Z',
      endTime: '2026-12-10T19:00:00.000Z',
      timezone: 'Europe/Paris',
      url: 'https://hub.example/events/cafe-des-sciences',
      attributedTo: actor,
      location: { type: 'Place', name: 'Le Petit Café', latitude: 47.9, longitude: 1.91, address: { type: 'PostalAddress', streetAddress: '3 rue de Bourgogne', postalCode: '45000', addressLocality: 'Orléans' } },
      attachment: [{ type: 'Image', url: 'https://hub.example/media/cafe.webp', mediaType: 'image/webp', name: 'Tasses sur le comptoir' }],
      tag: [{ type: 'Hashtag', name: '#AstronomieEtEspace', href: 'https://hub.example/events?discipline=astronomy' }],
    });
  });

  it('is one object for a recurring event, naming its next three dates', () => {
    const object = eventObject(event({ timings: undefined, recurrence: { start: '2026-11-05T18:30:00', end: '2026-11-05T20:00:00', rrule: 'FREQ=WEEKLY;BYDAY=TH' } }), site, actor, NOW);
    expect(words(object.summary)).toContain('Événement récurrent. Prochaines dates : jeudi 3 décembre 2026, 18:30 – 20:00 ; jeudi 10 décembre 2026, 18:30 – 20:00 ; jeudi 17 décembre 2026, 18:30 – 20:00');
    expect(object.startTime).toBe('2026-12-03T17:30:00.000Z');
  });

  it('locates an online event by its link, and a mixed one both ways', () => {
    const online = eventObject(event({ attendanceMode: 'online', place: undefined, onlineUrl: 'https://visio.example.org/cafe' }), site, actor, NOW);
    expect(online.location).toEqual({ type: 'VirtualLocation', url: 'https://visio.example.org/cafe' });
    expect(online.summary).toContain('En ligne');
    const mixed = eventObject(event({ attendanceMode: 'mixed', onlineUrl: 'https://visio.example.org/cafe' }), site, actor, NOW);
    expect((mixed.location as { type: string }[]).map((place) => place.type)).toEqual(['Place', 'VirtualLocation']);
  });

  it('says a cancellation first, in words and as ical:status', () => {
    const object = eventObject(event({ eventStatus: 'cancelled' }), site, actor, NOW);
    expect(String(object.summary)).toMatch(/^ANNULÉ · jeudi 10 décembre/);
    expect(object['ical:status']).toBe('CANCELLED');
  });

  it('escapes what contributors wrote', () => {
    const object = eventObject(event({ summary: '<script>alert(1)</script>' }), site, actor, NOW);
    expect(String(object.summary)).not.toContain('<script>');
    expect(String(object.content)).not.toContain('<script>');
  });
});

describe('an Article object', () => {
  it('carries the body as sanitised HTML and a link to its page', () => {
    const article: ArticlePublic = { id: '01935c1e-7a3b-7c4d-8e5f-000000000002', hub: 'centre-val-de-loire', slug: 'retour', version: 1, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', url: 'https://hub.example/articles/retour', actorId: '01935c1e-0000-7000-8000-000000000001', title: 'Retour sur la Fête de la science', body: 'Merci aux **bénévoles** !<img src=x onerror=alert(1)>', publishedAt: '2026-11-01T10:00:00Z' } as ArticlePublic;
    const object = articleObject(article, site, actor);
    expect(object).toMatchObject({ type: 'Article', name: 'Retour sur la Fête de la science', url: 'https://hub.example/articles/retour', attributedTo: actor });
    expect(String(object.content)).toContain('<strong>bénévoles</strong>');
    expect(String(object.content)).not.toContain('onerror');
  });
});

describe('hashtags', () => {
  it('joins words and keeps accents', () => {
    expect(hashtagOf('Sciences de la vie')).toBe('#SciencesDeLaVie');
    expect(hashtagOf('écologie')).toBe('#Écologie');
  });
});
