import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessibilityFlags,
  ActorInput,
  ActorPublic,
  AnnouncementInput,
  AnnouncementPublic,
  ArticleInput,
  ArticlePublic,
  attendanceModes,
  audiences,
  ChangeItem,
  ChangesPage,
  ChangesQuery,
  disciplines,
  DossierInput,
  DossierPublic,
  ErrorBody,
  eventFormats,
  EventInput,
  EventPublic,
  eventStatuses,
  HubDescriptor,
  isTimeZone,
  isValidRRule,
  LIMITS,
  MemberProfileInput,
  MemberProfileView,
  NotifyBody,
  NotifyClaims,
  PageSignatureClaims,
  PlaceInput,
  PlacePublic,
  ProjectInput,
  ProjectPublic,
  ResourceInput,
  ResourcePublic,
  validate,
  validateChangeItem,
  type EventInput as EventInputValue,
  type EventPublic as EventPublicValue,
  type Location,
  type Recurrence,
  type Registration,
  type Timing,
} from '@constellation/shared';
import {
  changed,
  clone,
  fullActorInput,
  fullActorPublic,
  fullAnnouncementInput,
  fullAnnouncementPublic,
  fullArticleInput,
  fullArticlePublic,
  fullDossierInput,
  fullDossierPublic,
  fullEventInput,
  fullEventPublic,
  fullHubDescriptor,
  fullMemberProfileInput,
  fullMemberProfileView,
  fullPlaceInput,
  fullPlacePublic,
  fullProjectInput,
  fullProjectPublic,
  fullRecurringEventInput,
  fullRecurringEventPublic,
  fullResourceInput,
  fullResourcePublic,
  getPath,
  schemaNodes,
  type JsonSchemaNode,
} from './fixtures.ts';

type Schema = Parameters<typeof validate>[0];

function describeResult(result: ReturnType<typeof validate>): string {
  return result.ok ? 'valid' : JSON.stringify(result.issues);
}

// ---------------------------------------------------------------- Arbitraries

/** Real IANA names, including overseas France, a three-part name, an Etc zone and UTC. */
const IANA_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
  'Europe/Brussels',
  'Europe/London',
  'America/Toronto',
  'America/Argentina/Buenos_Aires',
  'Asia/Kolkata',
  'Etc/GMT-14',
  'UTC',
] as const;

/** Rules valid on their own; a COUNT or an UNTIL may be appended. */
const RRULE_BASES = [
  'FREQ=DAILY',
  'FREQ=DAILY;INTERVAL=3',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
  'FREQ=WEEKLY;WKST=MO;BYDAY=SA,SU',
  'FREQ=MONTHLY;BYDAY=1TU',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;BYMONTHDAY=15',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=YEARLY;BYMONTH=10;BYDAY=2SA',
  'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
  'FREQ=YEARLY;BYYEARDAY=100',
  'FREQ=HOURLY;INTERVAL=6;BYHOUR=8,14,20',
] as const;

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâçîïôùûüœÉÀÇŒ'];
const LINE_CHARS = [...LETTERS, ...'0123456789 ’\'"«»-–—,.;:!?()[]&@#€$%*/+=_~'];

/** One character of a single line, now and then outside the BMP (two UTF-16 code units). */
const lineUnit = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...LINE_CHARS) }, { weight: 1, arbitrary: fc.constantFrom('🔭', '🦋', '𝔸') });
const textUnit = fc.oneof({ weight: 20, arbitrary: lineUnit }, { weight: 2, arbitrary: fc.constantFrom('\n', '\t', '\r\n', '\n\n') });

/** Joins units without passing `max` UTF-16 code units. */
function upTo(units: fc.Arbitrary<string>, max: number, min = 0): fc.Arbitrary<string> {
  return fc.array(units, { minLength: min, maxLength: Math.min(max, 400) }).map((parts) => {
    let text = '';
    for (const part of parts) {
      if (text.length + part.length > max) break;
      text += part;
    }
    return text;
  });
}

/** A single line up to `max`, sometimes exactly at the cap. */
function line(max: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: 9, arbitrary: upTo(lineUnit, max) }, { weight: 1, arbitrary: fc.constant('é'.repeat(max)) });
}

/** A single line that says something: it starts with a letter. */
function requiredLine(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...LETTERS), upTo(lineUnit, max - 1)).map(([first, rest]) => first + rest) },
    { weight: 1, arbitrary: fc.constant(`${'🔭'.repeat(Math.floor((max - 1) / 2))}a`) },
  );
}

function text(max: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: 9, arbitrary: upTo(textUnit, max) }, { weight: 1, arbitrary: fc.constant(`${'ligne\n'.repeat(Math.floor(max / 6))}${'a'.repeat(max % 6)}`) });
}

const id = fc.uuid({ version: 7 });
const slugWord = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const campaign = fc.array(slugWord, { minLength: 1, maxLength: 5 }).map((words) => words.join('-')).filter((slug) => slug.length >= 2 && slug.length <= 64);
const hubId = fc.array(slugWord, { minLength: 1, maxLength: 4 }).map((words) => words.join('-')).filter((slug) => slug.length >= 2);

const httpUrl = fc
  .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true })
  .filter((url) => url.length <= LIMITS.url);

const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,20}([._-][a-z0-9]{1,20}){0,3}$/), fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,2}$/), fc.constantFrom('fr', 'org', 'eu', 'com'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
  .filter((address) => address.length <= LIMITS.email);

const phone = fc.stringMatching(/^\+?[0-9][0-9 .()-]{3,30}$/);
const languageTag = fc.stringMatching(/^[a-z]{2,3}(-[A-Z]{2})?$/);
const insee = fc.tuple(fc.constantFrom('2A', '2B', ...Array.from({ length: 95 }, (_, n) => String(n + 1).padStart(2, '0'))), fc.integer({ min: 0, max: 999 })).map(([dep, n]) => `${dep}${String(n).padStart(3, '0')}`);
const postalCode = fc.integer({ min: 1000, max: 99999 }).map((n) => String(n).padStart(5, '0'));

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });

const location: fc.Arbitrary<Location> = fc
  .record(
    {
      name: line(LIMITS.name),
      address: line(LIMITS.address),
      postalCode,
      commune: line(LIMITS.commune),
      inseeCode: insee,
      coordinates: fc.tuple(latitude, longitude),
    },
    { requiredKeys: [] },
  )
  .map(({ coordinates, ...rest }) => (coordinates === undefined ? rest : { ...rest, lat: coordinates[0], lon: coordinates[1] }));

const image = fc.record({ url: httpUrl, alt: line(LIMITS.alt), credit: line(LIMITS.credit) }, { requiredKeys: ['url'] });
const price = fc.record({ free: fc.boolean(), details: line(LIMITS.note) }, { requiredKeys: ['free'] });

const registration: fc.Arbitrary<Registration> = fc
  .record({ required: fc.boolean(), url: httpUrl, email, phone }, { requiredKeys: ['required'] })
  .chain((value) =>
    value.required && value.url === undefined && value.email === undefined && value.phone === undefined
      ? fc.oneof(httpUrl.map((url) => ({ ...value, url })), email.map((address) => ({ ...value, email: address })), phone.map((number) => ({ ...value, phone: number })))
      : fc.constant(value),
  );

const ageRange = fc
  .record({ a: fc.integer({ min: 0, max: 120 }), b: fc.integer({ min: 0, max: 120 }), keep: fc.constantFrom('both', 'min', 'max', 'none') })
  .map(({ a, b, keep }) => {
    const [min, max] = a <= b ? [a, b] : [b, a];
    if (keep === 'both') return { min, max };
    if (keep === 'min') return { min };
    if (keep === 'max') return { max };
    return {};
  });

// Instants between 2020 and 2036, in whole seconds, written with a real-world offset.
const FIRST_SECOND = Date.UTC(2020, 0, 1) / 1000;
const LAST_SECOND = Date.UTC(2036, 0, 1) / 1000;
const OFFSETS_MINUTES = [-600, -300, -240, -180, 0, 60, 120, 180, 240, 330, 600, 660, 840];
const DAY_SECONDS = 86_400;

function instant(seconds: number, offsetMinutes: number, zulu: boolean): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  if (offsetMinutes === 0 && zulu) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`;
}

const timing: fc.Arbitrary<Timing> = fc
  .record({
    start: fc.integer({ min: FIRST_SECOND, max: LAST_SECOND }),
    duration: fc.oneof(fc.integer({ min: 0, max: 12 * 3600 }), fc.integer({ min: 0, max: LIMITS.timingDays * DAY_SECONDS })),
    startOffset: fc.constantFrom(...OFFSETS_MINUTES),
    endOffset: fc.constantFrom(...OFFSETS_MINUTES),
    zulu: fc.boolean(),
  })
  .map(({ start, duration, startOffset, endOffset, zulu }) => ({ start: instant(start, startOffset, zulu), end: instant(start + duration, endOffset, zulu) }));

/** A wall-clock time "YYYY-MM-DDTHH:MM", with ":00" seconds or without. */
function localDateTime(minutes: number, withSeconds: boolean): string {
  const text = new Date(minutes * 60_000).toISOString().slice(0, 16);
  return withSeconds ? `${text}:00` : text;
}

function untilDate(minutes: number, plusDays: number, utcTime: boolean): string {
  const day = new Date((minutes + plusDays * 1440) * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
  return utcTime ? `${day}T235959Z` : day;
}

const recurrence: fc.Arbitrary<Recurrence> = fc
  .record({
    start: fc.integer({ min: FIRST_SECOND / 60, max: LAST_SECOND / 60 }),
    duration: fc.oneof(fc.integer({ min: 0, max: 6 * 60 }), fc.integer({ min: 0, max: LIMITS.timingDays * 1440 })),
    startSeconds: fc.boolean(),
    endSeconds: fc.boolean(),
    base: fc.constantFrom(...RRULE_BASES),
    end: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 1, max: 3660 }).map((count) => `;COUNT=${count}`),
      fc.record({ days: fc.integer({ min: 0, max: 3650 }), utc: fc.boolean() }).map(({ days, utc }) => ({ days, utc })),
    ),
    exdates: fc.uniqueArray(fc.record({ days: fc.integer({ min: 0, max: 400 }), seconds: fc.boolean() }), { maxLength: 5, selector: (exdate) => exdate.days }),
  })
  .map(({ start, duration, startSeconds, endSeconds, base, end, exdates }) => {
    const rule = typeof end === 'string' ? `${base}${end}` : `${base};UNTIL=${untilDate(start, end.days, end.utc)}`;
    const value: Recurrence = { start: localDateTime(start, startSeconds), end: localDateTime(start + duration, endSeconds), rrule: rule };
    if (exdates.length > 0) value.exdates = exdates.map((exdate) => localDateTime(start + exdate.days * 1440, exdate.seconds));
    return value;
  });

/** Any event the contract accepts: random vocabularies, timings or a recurrence, optional fields present or not. */
const validEvent: fc.Arbitrary<EventInputValue> = fc
  .record({
    required: fc.record({
      actorId: id,
      title: requiredLine(LIMITS.title),
      timeZone: fc.constantFrom(...IANA_ZONES),
      attendanceMode: fc.constantFrom(...attendanceModes.values),
      format: fc.constantFrom(...eventFormats.values),
    }),
    when: fc.oneof(fc.array(timing, { minLength: 1, maxLength: 6 }).map((timings) => ({ timings })), recurrence.map((value) => ({ recurrence: value }))),
    onlineUrl: httpUrl,
    place: location,
    includeOnlineUrl: fc.boolean(),
    includePlace: fc.boolean(),
    optional: fc.record(
      {
        summary: line(LIMITS.summary),
        description: text(LIMITS.description),
        placeId: id,
        audiences: fc.subarray([...audiences.values]),
        ageRange,
        disciplines: fc.subarray([...disciplines.values], { maxLength: LIMITS.disciplines }),
        price,
        registration,
        accessibility: fc.shuffledSubarray([...accessibilityFlags.values]),
        image,
        languages: fc.uniqueArray(languageTag, { maxLength: LIMITS.languages }),
        keywords: fc.array(requiredLine(LIMITS.keyword), { maxLength: LIMITS.keywords }),
        campaign,
        parentEventId: id,
        eventStatus: fc.constantFrom(...eventStatuses.values),
        contactEmail: email,
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ required, when, onlineUrl, place, includeOnlineUrl, includePlace, optional }) => {
    const event: EventInputValue = { ...required, ...when, ...optional };
    if (required.attendanceMode !== 'in-person' || includeOnlineUrl) event.onlineUrl = onlineUrl;
    if (required.attendanceMode !== 'online' || includePlace) event.place = place;
    return event;
  });

/** A valid event that has a place with coordinates. */
const eventWithCoordinates = fc.tuple(validEvent, latitude, longitude).map(([event, lat, lon]): EventInputValue => ({ ...event, place: { ...event.place, lat, lon } }));

function asPublic(event: EventInputValue, identity: { id: string; hub: string; version: number }): EventPublicValue {
  const { contactEmail: _private, eventStatus, ...content } = event;
  return {
    ...content,
    ...identity,
    slug: 'evenement',
    createdAt: '2026-09-01T09:12:45Z',
    updatedAt: '2026-10-02T08:15:00+02:00',
    url: `https://${identity.hub}.example/evenements/${identity.id}`,
    eventStatus: eventStatus ?? 'scheduled',
  };
}

// ---------------------------------------------------------------- (1) generated events

describe('generated valid events', () => {
  it('the generators only use names and rules the contract accepts', () => {
    for (const zone of IANA_ZONES) expect(isTimeZone(zone), zone).toBe(true);
    for (const rule of RRULE_BASES) expect(isValidRRule(rule), rule).toBe(true);
  });

  it('every generated event validates as an EventInput', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        const result = validate(EventInput, event);
        if (!result.ok) throw new Error(describeResult(result));
      }),
    );
  });

  it('the generator covers both kinds of schedule and every attendance mode', () => {
    const sample = fc.sample(validEvent, { numRuns: 300, seed: 42 });
    expect(sample.some((event) => event.recurrence !== undefined)).toBe(true);
    expect(sample.some((event) => event.timings !== undefined)).toBe(true);
    expect(new Set(sample.map((event) => event.attendanceMode))).toEqual(new Set(attendanceModes.values));
    expect(sample.some((event) => event.place?.lat !== undefined)).toBe(true);
    expect(sample.some((event) => event.recurrence?.rrule.includes('UNTIL') === true)).toBe(true);
    expect(sample.some((event) => (event.title.match(/[\uD800-\uDBFF]/g) ?? []).length > 0)).toBe(true);
  });

  it('every generated event, served by a hub, is a valid EventPublic and a valid change item', () => {
    fc.assert(
      fc.property(validEvent, id, hubId, fc.integer({ min: 1, max: 10_000 }), (event, eventId, hub, version) => {
        const data = asPublic(event, { id: eventId, hub, version });
        const result = validate(EventPublic, data);
        if (!result.ok) throw new Error(describeResult(result));
        const item = { seq: 1, type: 'event', id: eventId, op: 'upsert', version, updatedAt: data.updatedAt, data };
        const checked = validateChangeItem(item, hub);
        if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
      }),
      { numRuns: 50 },
    );
  });

  it('a generated event whose timing ends before it starts fails at that timing', () => {
    const withLongTiming = fc.tuple(validEvent, fc.array(timing, { minLength: 1, maxLength: 4 }), fc.nat()).map(([event, timings, pick]) => {
      const { recurrence: _recurrence, ...rest } = event;
      return { event: { ...rest, timings }, index: pick % timings.length };
    });
    fc.assert(
      fc.property(withLongTiming, fc.integer({ min: 1, max: 400 * DAY_SECONDS }), ({ event, index }, seconds) => {
        const victim = event.timings[index];
        if (victim === undefined) throw new Error('no timing to break');
        const end = instant(Date.parse(victim.start) / 1000 - seconds, 0, true);
        const result = validate(EventInput, changed(event, ['timings', String(index), 'end'], end));
        return !result.ok && result.issues.every((issue) => issue.field === `timings.${index}.end`);
      }),
    );
  });
});

// ---------------------------------------------------------------- (2) caps

interface Target {
  name: string;
  schema: Schema;
  /** Complete fixtures; together they reach every field. */
  fixtures: readonly unknown[];
  /** How many capped paths the walk must find at least, so the test cannot pass vacuously. */
  minCapped: number;
}

const targets: Target[] = [
  { name: 'EventInput', schema: EventInput, fixtures: [fullEventInput, fullRecurringEventInput], minCapped: 35 },
  { name: 'ActorInput', schema: ActorInput, fixtures: [fullActorInput], minCapped: 13 },
  { name: 'PlaceInput', schema: PlaceInput, fixtures: [fullPlaceInput], minCapped: 24 },
  { name: 'ArticleInput', schema: ArticleInput, fixtures: [fullArticleInput], minCapped: 11 },
  { name: 'ProjectInput', schema: ProjectInput, fixtures: [fullProjectInput], minCapped: 18 },
  { name: 'AnnouncementInput', schema: AnnouncementInput, fixtures: [fullAnnouncementInput], minCapped: 11 },
  { name: 'DossierInput', schema: DossierInput, fixtures: [fullDossierInput], minCapped: 11 },
  { name: 'ResourceInput', schema: ResourceInput, fixtures: [fullResourceInput], minCapped: 15 },
  { name: 'MemberProfileInput', schema: MemberProfileInput, fixtures: [fullMemberProfileInput], minCapped: 9 },
  { name: 'EventPublic', schema: EventPublic, fixtures: [fullEventPublic, fullRecurringEventPublic], minCapped: 40 },
  { name: 'ActorPublic', schema: ActorPublic, fixtures: [fullActorPublic], minCapped: 18 },
  { name: 'PlacePublic', schema: PlacePublic, fixtures: [fullPlacePublic], minCapped: 29 },
  { name: 'ArticlePublic', schema: ArticlePublic, fixtures: [fullArticlePublic], minCapped: 18 },
  { name: 'ProjectPublic', schema: ProjectPublic, fixtures: [fullProjectPublic], minCapped: 24 },
  { name: 'AnnouncementPublic', schema: AnnouncementPublic, fixtures: [fullAnnouncementPublic], minCapped: 16 },
  { name: 'DossierPublic', schema: DossierPublic, fixtures: [fullDossierPublic], minCapped: 17 },
  { name: 'ResourcePublic', schema: ResourcePublic, fixtures: [fullResourcePublic], minCapped: 21 },
  { name: 'MemberProfileView', schema: MemberProfileView, fixtures: [fullMemberProfileView], minCapped: 11 },
  { name: 'HubDescriptor', schema: HubDescriptor, fixtures: [fullHubDescriptor], minCapped: 8 },
];

interface CappedPath {
  target: Target;
  path: string[];
  field: string;
  node: JsonSchemaNode;
  cap: number;
  kind: 'string' | 'array';
}

function cappedPaths(target: Target): CappedPath[] {
  return schemaNodes(target.schema).flatMap(({ path, node }): CappedPath[] => {
    if (node.maxLength !== undefined) return [{ target, path, field: path.join('.'), node, cap: node.maxLength, kind: 'string' }];
    if (node.maxItems !== undefined) return [{ target, path, field: path.join('.'), node, cap: node.maxItems, kind: 'array' }];
    return [];
  });
}

/** The first fixture of the target in which the path exists. */
function fixtureReaching(capped: CappedPath): unknown {
  return capped.target.fixtures.find((fixture) => getPath(fixture, capped.path) !== undefined);
}

const TWO_LETTER_WORDS = Array.from({ length: 26 * 26 }, (_, n) => String.fromCharCode(97 + Math.floor(n / 26), 97 + (n % 26)));

/**
 * Distinct valid items for an array, as many as can be made up to `wanted`: the
 * vocabulary's values, short words that pass the item schema, or copies of the seed
 * item with fresh ids. Empty when the item has no natural way to vary.
 */
function distinctItems(itemNode: JsonSchemaNode, seed: unknown, wanted: number): unknown[] {
  if (itemNode.enum !== undefined) return [...itemNode.enum];
  if (typeof seed === 'string') return TWO_LETTER_WORDS.filter((word) => validate(itemNode as Schema, word).ok).slice(0, wanted);
  if (seed !== null && typeof seed === 'object' && 'id' in seed) {
    return Array.from({ length: wanted }, (_, n) => ({ ...(clone(seed) as object), id: `01935c1e-0000-7000-8000-${String(n).padStart(12, '0')}` }));
  }
  return [];
}

const MAX_EXTRA = 50;

/** A plan for filling an array past its cap, or the reason it cannot be. */
function arrayPlan(capped: CappedPath, fixture: unknown): { items: (count: number) => unknown[]; maxExtra: number } | { vocabularySize: number } {
  const itemNode = capped.node.items;
  if (itemNode === undefined) throw new Error(`${capped.field} has maxItems but no items schema`);
  const seed = getPath(fixture, [...capped.path, '0']);
  if (seed === undefined) throw new Error(`the fixture of ${capped.target.name} has an empty ${capped.field}; fill it so the cap can be tested`);
  const pool = distinctItems(itemNode, seed, capped.cap + MAX_EXTRA);
  if (pool.length >= capped.cap + MAX_EXTRA) return { items: (count) => pool.slice(0, count), maxExtra: MAX_EXTRA };
  if (capped.node.uniqueItems !== true) return { items: (count) => Array.from({ length: count }, () => clone(seed)), maxExtra: MAX_EXTRA };
  if (pool.length > capped.cap) return { items: (count) => pool.slice(0, count), maxExtra: pool.length - capped.cap };
  return { vocabularySize: pool.length };
}

const allCapped = targets.flatMap(cappedPaths);

describe('every capped field refuses one past its cap', () => {
  it.each(targets)('the walk finds at least $minCapped capped paths in $name, all reachable from its fixtures', (target) => {
    const capped = cappedPaths(target);
    expect(capped.length).toBeGreaterThanOrEqual(target.minCapped);
    const unreachable = capped.filter((path) => fixtureReaching(path) === undefined).map((path) => path.field);
    expect(unreachable).toEqual([]);
  });

  it('finds the caps of LIMITS where they are meant to be', () => {
    const capOf = (name: string, field: string) => allCapped.find((capped) => capped.target.name === name && capped.field === field)?.cap;
    expect(capOf('EventInput', 'title')).toBe(LIMITS.title);
    expect(capOf('EventInput', 'description')).toBe(LIMITS.description);
    expect(capOf('EventInput', 'timings')).toBe(LIMITS.timings);
    expect(capOf('EventInput', 'recurrence.exdates')).toBe(LIMITS.exdates);
    expect(capOf('EventInput', 'keywords.0')).toBe(LIMITS.keyword);
    expect(capOf('ArticleInput', 'body')).toBe(LIMITS.articleBody);
    expect(capOf('PlaceInput', 'openingHours')).toBe(LIMITS.openingHours);
    expect(capOf('DossierInput', 'items')).toBe(LIMITS.dossierItems);
    expect(capOf('MemberProfileInput', 'skills.0')).toBe(LIMITS.skill);
  });

  it.each(allCapped.filter((capped) => capped.kind === 'string').map((capped) => ({ ...capped, label: `${capped.target.name} ${capped.field}` })))(
    '$label (maxLength $cap)',
    (capped) => {
      const fixture = fixtureReaching(capped);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: MAX_EXTRA }), (extra) => {
          const result = validate(capped.target.schema, changed(fixture, capped.path, 'a'.repeat(capped.cap + extra)));
          if (result.ok) return false;
          return result.issues.some((issue) => issue.field === capped.field && issue.message.startsWith(`${capped.field} `));
        }),
        { numRuns: 10 },
      );
    },
  );

  it.each(allCapped.filter((capped) => capped.kind === 'array').map((capped) => ({ ...capped, label: `${capped.target.name} ${capped.field}` })))(
    '$label (maxItems $cap)',
    (capped) => {
      const fixture = fixtureReaching(capped);
      const plan = arrayPlan(capped, fixture);
      if ('vocabularySize' in plan) {
        // Distinct values run out before the cap: the cap must then admit the whole vocabulary.
        expect(plan.vocabularySize).toBeGreaterThan(0);
        expect(capped.cap).toBeGreaterThanOrEqual(plan.vocabularySize);
        const everything = distinctItems(capped.node.items ?? {}, getPath(fixture, [...capped.path, '0']), capped.cap);
        expect(describeResult(validate(capped.target.schema, changed(fixture, capped.path, everything)))).toBe('valid');
        return;
      }
      expect(describeResult(validate(capped.target.schema, changed(fixture, capped.path, plan.items(capped.cap))))).toBe('valid');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: plan.maxExtra }), (extra) => {
          const result = validate(capped.target.schema, changed(fixture, capped.path, plan.items(capped.cap + extra)));
          if (result.ok) return false;
          return result.issues.some((issue) => issue.field === capped.field && issue.message.startsWith(`${capped.field} `));
        }),
        { numRuns: 10 },
      );
    },
  );
});

// ---------------------------------------------------------------- (3) robustness

const robustnessTargets: { name: string; schema: Schema; fixture: unknown }[] = [
  ...targets.map((target) => ({ name: target.name, schema: target.schema, fixture: target.fixtures[0] })),
  { name: 'ChangeItem', schema: ChangeItem, fixture: { seq: 1, type: 'event', id: fullEventPublic.id, op: 'upsert', version: 3, updatedAt: fullEventPublic.updatedAt, data: fullEventPublic } },
  { name: 'ChangesPage', schema: ChangesPage, fixture: { protocol: 'constellation/1', hub: 'centre-val-de-loire', items: [], next: '0', hasMore: false, latest: 0 } },
  { name: 'ChangesQuery', schema: ChangesQuery, fixture: { after: '0', limit: 100 } },
  { name: 'NotifyBody', schema: NotifyBody, fixture: { protocol: 'constellation/1', hub: 'grand-est', latest: 7 } },
  { name: 'NotifyClaims', schema: NotifyClaims, fixture: { iss: 'grand-est', aud: 'https://constellation.example', latest: 7, iat: 1, exp: 61 } },
  { name: 'PageSignatureClaims', schema: PageSignatureClaims, fixture: { iss: 'grand-est', digest: `sha-256=${'A'.repeat(43)}=`, iat: 1, exp: 2 } },
  { name: 'ErrorBody', schema: ErrorBody, fixture: { error: 'not_found', message: 'introuvable' } },
];

/** Odd values JSON cannot carry but a JavaScript caller can. */
const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, undefined, 2 ** 53, 'a'.repeat(100_001), '\u0000', '🔭'),
);

function issuesAreWellFormed(result: ReturnType<typeof validate>): boolean {
  if (result.ok) return true;
  return result.issues.length > 0 && result.issues.every((issue) => issue.message.startsWith(issue.field === '' ? 'the value ' : `${issue.field} `));
}

describe('validate never throws', () => {
  it.each(robustnessTargets)('on arbitrary JSON for $name', ({ schema }) => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validate(schema, value);
        return typeof result.ok === 'boolean' && issuesAreWellFormed(result);
      }),
    );
  });

  it.each(robustnessTargets)('on a $name fixture with one field replaced by anything, and names a field when it refuses', ({ schema, fixture }) => {
    const paths = schemaNodes(schema)
      .map(({ path }) => path)
      .filter((path) => path.length > 0 && getPath(fixture, path.slice(0, -1)) !== undefined);
    expect(paths.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...paths), oddValue, (path, value) => {
        const result = validate(schema, changed(fixture, path, value));
        // The root is still an object of the right shape, so any refusal must name a field.
        return issuesAreWellFormed(result) && (result.ok || result.issues.every((issue) => issue.field !== ''));
      }),
    );
  });

  it('validateChangeItem never throws on arbitrary JSON, nor on an item with arbitrary data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('event', 'actor', 'dossier'), (value, type) => {
        const bare = validateChangeItem(value);
        const wrapped = validateChangeItem({ seq: 1, type, id: fullEventPublic.id, op: 'upsert', version: 3, updatedAt: fullEventPublic.updatedAt, data: value }, 'centre-val-de-loire');
        return typeof bare.ok === 'boolean' && !wrapped.ok && wrapped.issues.length > 0;
      }),
    );
  });
});

// ---------------------------------------------------------------- (4) coordinates

const outOfRange = (limit: number) =>
  fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.double({ min: limit, max: Number.MAX_VALUE, minExcluded: true, noNaN: true }),
    fc.double({ min: -Number.MAX_VALUE, max: -limit, maxExcluded: true, noNaN: true }),
  );
const badCoordinate = fc.oneof(
  outOfRange(90).map((value) => ({ name: 'lat' as const, value })),
  outOfRange(180).map((value) => ({ name: 'lon' as const, value })),
);

describe('coordinates out of range', () => {
  it('a generated event with one coordinate out of range, NaN or infinite fails on that coordinate', () => {
    fc.assert(
      fc.property(eventWithCoordinates, badCoordinate, (event, bad) => {
        const result = validate(EventInput, changed(event, ['place', bad.name], bad.value));
        return !result.ok && result.issues.every((issue) => issue.field === `place.${bad.name}`);
      }),
    );
  });

  it('a generated event with coordinates in range keeps validating', () => {
    fc.assert(
      fc.property(eventWithCoordinates, (event) => validate(EventInput, event).ok),
      { numRuns: 50 },
    );
  });

  it.each([
    { name: 'PlaceInput', schema: PlaceInput as Schema, fixture: fullPlaceInput as unknown },
    { name: 'PlacePublic', schema: PlacePublic, fixture: fullPlacePublic },
    { name: 'ActorInput', schema: ActorInput, fixture: fullActorInput },
    { name: 'ProjectPublic', schema: ProjectPublic, fixture: fullProjectPublic },
  ])('a $name location with one coordinate out of range fails on that coordinate', ({ schema, fixture }) => {
    fc.assert(
      fc.property(badCoordinate, (bad) => {
        const result = validate(schema, changed(fixture, ['location', bad.name], bad.value));
        return !result.ok && result.issues.every((issue) => issue.field === `location.${bad.name}`);
      }),
    );
  });
});
