import type { Store } from '@constellation/hub';
import type { ActorInput, ArticleInput, ContentInput, ContentType, EventInput, PlaceInput } from '@constellation/shared';
import type { TestHub } from './support.ts';

/*
 * Builders of valid inputs for the hub's integration tests. Shapes follow the contract
 * fixtures (tests/shared/fixtures.ts) but nothing is imported from there: every builder
 * returns a fresh object, so a test may change what it gets.
 */

/** Real places (commune coordinates, INSEE codes) used to place events. */
export const places = {
  orleans: { name: 'MOBE', address: '6 rue Marcel Proust', commune: 'Orléans', inseeCode: '45234', postalCode: '45000', lat: 47.90248, lon: 1.90407 },
  tours: { name: 'Muséum de Tours', commune: 'Tours', inseeCode: '37261', postalCode: '37000', lat: 47.39414, lon: 0.68484 },
  strasbourg: { name: 'Le Shadok', commune: 'Strasbourg', inseeCode: '67482', postalCode: '67000', lat: 48.58392, lon: 7.74553 },
} as const;

/** One kilometre of latitude, in degrees (111.32 km a degree, as the hub's distance uses). */
export const KM_IN_LAT = 1 / 111.32;

export function actorInput(name: string, overrides: Partial<ActorInput> = {}): ActorInput {
  return { name, kind: 'museum', summary: `${name}, acteur de la culture scientifique.`, ...overrides };
}

/** A one-off in-person event at the MOBE in Orléans, from `start` to `end` (RFC 3339). */
export function eventInput(actorId: string, title: string, start: string, end: string, overrides: Partial<EventInput> = {}): EventInput {
  return {
    actorId,
    title,
    summary: `${title} : une rencontre avec les scientifiques.`,
    timeZone: 'Europe/Paris',
    timings: [{ start, end }],
    attendanceMode: 'in-person',
    place: { ...places.orleans },
    format: 'workshop',
    ...overrides,
  };
}

/** An online-only event (no place), e.g. a webinar. */
export function onlineEventInput(actorId: string, title: string, start: string, end: string, overrides: Partial<EventInput> = {}): EventInput {
  const { place: _place, ...base } = eventInput(actorId, title, start, end);
  return { ...base, attendanceMode: 'online', onlineUrl: 'https://visio.centre-sciences.org/webinaire', format: 'conference', ...overrides };
}

/** A recurring event: wall-clock start and end of the first occurrence, an RRULE, and exceptions. */
export function recurringEventInput(
  actorId: string,
  title: string,
  recurrence: { start: string; end: string; rrule: string; exdates?: string[] },
  overrides: Partial<EventInput> = {},
): EventInput {
  const { timings: _timings, ...base } = eventInput(actorId, title, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z');
  return { ...base, recurrence, format: 'science-cafe', ...overrides };
}

/** The same event as `event`, placed at a point `km` kilometres north of `from`. */
export function placedNorthOf(from: { lat: number; lon: number }, km: number): { name: string; lat: number; lon: number } {
  return { name: `À ${km} km au nord`, lat: from.lat + km * KM_IN_LAT, lon: from.lon };
}

export function articleInput(actorId: string, title: string, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return { actorId, title, summary: `${title}, notre reportage.`, body: `# ${title}\n\nUn article du magazine.`, ...overrides };
}

export function placeInput(actorId: string, name: string, overrides: Partial<PlaceInput> = {}): PlaceInput {
  return { actorId, name, kind: 'museum', summary: `${name}, à visiter.`, location: { ...places.tours }, ...overrides };
}

/**
 * A valid input of any type for `actorId`, titled `title`; `variant` changes the schedule
 * of events (timings, recurrence, online) and the optional fields of the others, so edits
 * change more than the title.
 */
export function inputFor(type: ContentType, actorId: string, title: string, variant = 0): ContentInput[ContentType] {
  const summary = variant % 2 === 0 ? { summary: `${title} : en bref.` } : {};
  switch (type) {
    case 'actor':
      return actorInput(title, { ...summary, email: `contact-${variant}@acteur.example`, ...(variant % 2 === 0 ? { disciplines: ['biology'] } : {}) });
    case 'event':
      if (variant % 3 === 0) return eventInput(actorId, title, '2027-05-12T18:00:00+02:00', '2027-05-12T20:00:00+02:00', { contactEmail: 'orga@evenement.example' });
      if (variant % 3 === 1) return recurringEventInput(actorId, title, { start: '2027-05-04T18:00', end: '2027-05-04T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6', exdates: ['2027-05-18T18:00'] });
      return onlineEventInput(actorId, title, '2027-05-20T12:30:00+02:00', '2027-05-20T13:30:00+02:00', { disciplines: ['astronomy'] });
    case 'place':
      return placeInput(actorId, title, { ...summary, email: 'accueil@lieu.example' });
    case 'article':
      return articleInput(actorId, title, summary);
    case 'project':
      return { actorId, title, ...summary, participationType: 'field', involvement: 'case-by-case', scope: 'national', website: 'https://www.sauvagesdemarue.fr/' };
    case 'announcement':
      return { actorId, kind: 'call-for-volunteers', title, ...summary, contactEmail: 'benevoles@annonce.example' };
    case 'dossier':
      return { actorId, title, ...summary, items: [] };
    case 'resource':
      return { actorId, kind: 'tool', title, ...summary, link: 'https://www.centre-sciences.org/ressources/kit-climat' };
  }
}

/**
 * The hub's SQLite handle, for assertions on the feed and index tables. The hub decorates
 * `app.store` in its store plugin, but that module's type augmentation of FastifyInstance
 * does not reach code that builds against the hub's declarations, so `hub.app.store` does
 * not type-check from tests: hence the cast.
 */
export function sqlite(hub: TestHub): Store['sqlite'] {
  return (hub.app as unknown as { store: Store }).store.sqlite;
}
