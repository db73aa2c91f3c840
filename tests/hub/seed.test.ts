import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import {
  accessibilityFlags,
  ActorInput,
  AnnouncementInput,
  ArticleInput,
  audiences,
  DossierInput,
  eventFormats,
  EventInput,
  MemberProfileInput,
  PlaceInput,
  ProjectInput,
  REGION_FACTS,
  regions,
  ResourceInput,
  validate,
  type ContentType,
  type RegionCode,
} from '@constellation/shared';
import { communesOfRegion, generateSeed, normaliseCommuneName, type EventSeed, type SeedContent } from '@constellation/hub/seed';

// A fixed instant four months before the Fête de la science 2026, so dates are reproducible.
const NOW = new Date('2026-06-15T08:00:00Z');
const BASE_URL = 'https://hub.constellation.example';
const DEMO_REGIONS: readonly RegionCode[] = ['44', '24', '84'];

const seeds = new Map<RegionCode, SeedContent>();

function seedOf(region: RegionCode): SeedContent {
  let content = seeds.get(region);
  if (content === undefined) {
    content = generateSeed({ region, hubBaseUrl: BASE_URL, now: NOW });
    seeds.set(region, content);
  }
  return content;
}

/** A lower-case UUID per (type, index): what the storing code would mint, stable so duplicates stay duplicates. */
function idOf(type: ContentType, index: number): string {
  const typeNumber = ['actor', 'event', 'place', 'article', 'project', 'announcement', 'dossier', 'resource'].indexOf(type);
  return `00000000-0000-4000-8${String(typeNumber).padStart(3, '0')}-${String(index).padStart(12, '0')}`;
}

/** Every input of a seed with its ids filled in the way the storing code does, and the issues of those that fail. */
function invalidInputs(content: SeedContent): string[] {
  const failures: string[] = [];
  const check = (label: string, schema: Parameters<typeof validate>[0], value: unknown) => {
    const result = validate(schema, value);
    if (!result.ok) failures.push(`${label}: ${JSON.stringify(result.issues)}`);
  };
  content.actors.forEach((actor, i) => check(`actor ${i}`, ActorInput, actor.input));
  content.places.forEach((place, i) => check(`place ${i}`, PlaceInput, { ...place.input, ...(place.actor === undefined ? {} : { actorId: idOf('actor', place.actor) }) }));
  content.events.forEach((event, i) =>
    check(`event ${i} ${event.input.title}`, EventInput, {
      ...event.input,
      actorId: idOf('actor', event.actor),
      ...(event.place === undefined ? {} : { placeId: idOf('place', event.place) }),
      ...(event.parent === undefined ? {} : { parentEventId: idOf('event', event.parent) }),
    }),
  );
  content.articles.forEach((article, i) =>
    check(`article ${i}`, ArticleInput, { ...article.input, actorId: idOf('actor', article.actor), ...(article.event === undefined ? {} : { eventId: idOf('event', article.event) }) }),
  );
  content.projects.forEach((project, i) => check(`project ${i}`, ProjectInput, { ...project.input, actorId: idOf('actor', project.actor) }));
  content.announcements.forEach((announcement, i) => check(`announcement ${i}`, AnnouncementInput, { ...announcement.input, actorId: idOf('actor', announcement.actor) }));
  content.dossiers.forEach((dossier, i) =>
    check(`dossier ${i}`, DossierInput, {
      ...dossier.input,
      ...(dossier.actor === undefined ? {} : { actorId: idOf('actor', dossier.actor) }),
      items: dossier.items.map((item) => ({ type: item.type, id: idOf(item.type, item.index), ...(item.note === undefined ? {} : { note: item.note }) })),
    }),
  );
  content.resources.forEach((resource, i) => check(`resource ${i}`, ResourceInput, { ...resource.input, ...(resource.actor === undefined ? {} : { actorId: idOf('actor', resource.actor) }) }));
  content.members.forEach((member, i) => check(`member ${i}`, MemberProfileInput, member.input));
  return failures;
}

/** References by index that point nowhere, or at something they must not. */
function badReferences(content: SeedContent): string[] {
  const problems: string[] = [];
  const inRange = (label: string, index: number | undefined, length: number) => {
    if (index !== undefined && !(Number.isInteger(index) && index >= 0 && index < length)) problems.push(`${label} → ${index} (of ${length})`);
  };
  const sizes: Record<ContentType, number> = {
    actor: content.actors.length,
    event: content.events.length,
    place: content.places.length,
    article: content.articles.length,
    project: content.projects.length,
    announcement: content.announcements.length,
    dossier: content.dossiers.length,
    resource: content.resources.length,
  };
  const publishable: Partial<Record<ContentType, readonly { publish: boolean }[]>> = {
    event: content.events,
    place: content.places,
    article: content.articles,
    project: content.projects,
    announcement: content.announcements,
    dossier: content.dossiers,
    resource: content.resources,
  };
  content.places.forEach((place, i) => inRange(`place ${i} actor`, place.actor, sizes.actor));
  content.events.forEach((event, i) => {
    inRange(`event ${i} actor`, event.actor, sizes.actor);
    inRange(`event ${i} place`, event.place, sizes.place);
    // Parents come first so the storing code can insert in array order.
    inRange(`event ${i} parent`, event.parent, i);
    if (event.place !== undefined && JSON.stringify(event.input.place) !== JSON.stringify(content.places[event.place]?.input.location)) {
      problems.push(`event ${i} is at place ${event.place} but gives another location`);
    }
  });
  content.articles.forEach((article, i) => {
    inRange(`article ${i} actor`, article.actor, sizes.actor);
    inRange(`article ${i} event`, article.event, sizes.event);
  });
  content.projects.forEach((project, i) => inRange(`project ${i} actor`, project.actor, sizes.actor));
  content.announcements.forEach((announcement, i) => inRange(`announcement ${i} actor`, announcement.actor, sizes.actor));
  content.resources.forEach((resource, i) => inRange(`resource ${i} actor`, resource.actor, sizes.actor));
  content.members.forEach((member, i) => inRange(`member ${i} actor`, member.actor, sizes.actor));
  content.dossiers.forEach((dossier, i) => {
    inRange(`dossier ${i} actor`, dossier.actor, sizes.actor);
    for (const item of dossier.items) {
      inRange(`dossier ${i} ${item.type}`, item.index, sizes[item.type]);
      if (publishable[item.type]?.[item.index]?.publish === false) problems.push(`dossier ${i} lists unpublished ${item.type} ${item.index}`);
    }
  });
  return problems;
}

function titlesOf(content: SeedContent): string[] {
  return [
    ...content.events.map((event) => event.input.title),
    ...content.articles.map((article) => article.input.title),
    ...content.projects.map((project) => project.input.title),
    ...content.announcements.map((announcement) => announcement.input.title),
    ...content.dossiers.map((dossier) => dossier.input.title),
    ...content.resources.map((resource) => resource.input.title),
  ];
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/** When an event (first) starts: timings are instants, recurrences wall-clock times in the event's zone. */
function startOf(event: EventSeed): number {
  const first = event.input.timings?.[0]?.start;
  if (first !== undefined) return Date.parse(first);
  const local = event.input.recurrence?.start ?? '';
  const offset = event.input.timeZone.startsWith('Europe/') ? 1 : 0;
  // An hour's precision is plenty to tell past from future here.
  return Date.parse(`${local}Z`) - offset * 3_600_000;
}

function degreesApart(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return Math.max(Math.abs(a.lat - b.lat), Math.abs(a.lon - b.lon));
}

function metresApart(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

describe('communesOfRegion', () => {
  it.each(regions.values)('region %s: most populous first, real INSEE codes of the region, deduplicated', (region) => {
    const communes = communesOfRegion(region, 10_000);
    expect(communes.length).toBeGreaterThanOrEqual(region.startsWith('0') ? 10 : 40);
    expect(new Set(communes.map((commune) => commune.inseeCode)).size).toBe(communes.length);
    for (const [i, commune] of communes.entries()) {
      if (i > 0) expect(commune.population).toBeLessThanOrEqual((communes[i - 1] as typeof commune).population);
      expect(commune.inseeCode.startsWith(commune.departement)).toBe(true);
      expect(Number.isFinite(commune.lat) && Number.isFinite(commune.lon)).toBe(true);
      // Within a few hundred kilometres of the region's map centre: no namesake from another region slipped in.
      expect(degreesApart(commune, REGION_FACTS[region].center)).toBeLessThan(6);
    }
    expect(communesOfRegion(region, 3)).toEqual(communes.slice(0, 3));
  });

  it('places known communes where they are', () => {
    const orleans = communesOfRegion('24', 10).find((commune) => commune.inseeCode === '45234');
    expect(orleans).toMatchObject({ name: 'Orléans', departement: '45', postalCode: '45000' });
    expect(metresApart(orleans ?? { lat: 0, lon: 0 }, { lat: 47.90289, lon: 1.90389 })).toBeLessThan(2_000);
    expect(communesOfRegion('84', 1)[0]).toMatchObject({ name: 'Lyon', inseeCode: '69123' });
    expect(communesOfRegion('06', 1)[0]).toMatchObject({ name: 'Mamoudzou', inseeCode: '97611', departement: '976' });
  });

  it('returns copies, so a caller cannot corrupt the cache', () => {
    const first = communesOfRegion('44', 1)[0];
    if (first !== undefined) first.name = 'Ailleurs';
    expect(communesOfRegion('44', 1)[0]?.name).toBe('Strasbourg');
  });

  it('refuses unknown regions and bad counts', () => {
    expect(() => communesOfRegion('99' as RegionCode, 5)).toThrow(RangeError);
    expect(() => communesOfRegion('24', -1)).toThrow(RangeError);
    expect(communesOfRegion('24', 0)).toEqual([]);
  });

  it('folds the spelling differences between the datasets', () => {
    expect(normaliseCommuneName('Saint-Étienne-du-Rouvray')).toBe(normaliseCommuneName('St Etienne du Rouvray'));
    expect(normaliseCommuneName("L'Haÿ-les-Roses")).toBe(normaliseCommuneName('L’Haÿ les Roses'));
    expect(normaliseCommuneName('Schœlcher')).toBe('schoelcher');
  });
});

describe('generateSeed', () => {
  describe.each(regions.values)('region %s', (region) => {
    it('produces inputs that all pass the contract, once ids are filled in', () => {
      expect(invalidInputs(seedOf(region))).toEqual([]);
    });

    it('refers to content by indices that exist', () => {
      expect(badReferences(seedOf(region))).toEqual([]);
    });

    it('has the expected amount of each kind of content', () => {
      const content = seedOf(region);
      expect(content.region).toBe(region);
      expect(content.actors.length).toBeGreaterThanOrEqual(10);
      expect(content.events.length).toBeGreaterThanOrEqual(55);
      expect(content.events.length).toBeLessThanOrEqual(70);
      expect(content.places.length).toBeGreaterThanOrEqual(8);
      expect(content.articles.length).toBeGreaterThanOrEqual(8);
      expect(content.projects.length).toBeGreaterThanOrEqual(5);
      expect(content.announcements.length).toBeGreaterThanOrEqual(5);
      expect(content.dossiers).toHaveLength(2);
      expect(content.resources.length).toBeGreaterThanOrEqual(4);
      expect(content.members.length).toBeGreaterThanOrEqual(6);
      expect(content.actors.some((actor) => actor.verified)).toBe(true);
      expect(content.actors.some((actor) => !actor.verified)).toBe(true);
      expect(content.actors.map((actor) => actor.input.kind)).toEqual(expect.arrayContaining(['ccsti', 'museum', 'lab', 'university', 'association', 'library', 'independent']));
    });

    it('covers every format (twice), audience and accessibility flag', () => {
      const events = seedOf(region).events.map((event) => event.input);
      for (const format of eventFormats.values) expect(events.filter((event) => event.format === format).length, format).toBeGreaterThanOrEqual(2);
      const seenAudiences = new Set(events.flatMap((event) => event.audiences ?? []));
      expect([...seenAudiences].sort()).toEqual([...audiences.values].sort());
      const seenFlags = new Set(events.flatMap((event) => event.accessibility ?? []));
      expect([...seenFlags].sort()).toEqual([...accessibilityFlags.values].sort());
      const modes = new Set(events.map((event) => event.attendanceMode));
      expect([...modes].sort()).toEqual(['in-person', 'mixed', 'online']);
      expect(events.some((event) => event.price?.free === true)).toBe(true);
      expect(events.some((event) => event.price?.free === false)).toBe(true);
      expect(events.some((event) => event.registration?.required === true)).toBe(true);
      expect(events.some((event) => event.registration?.required !== true)).toBe(true);
    });

    it('mixes single dates, several timings and recurrence rules whose exceptions are real occurrences', () => {
      const events = seedOf(region).events.map((event) => event.input);
      expect(events.filter((event) => (event.timings?.length ?? 0) >= 2 && (event.timings?.length ?? 0) <= 4).length).toBeGreaterThanOrEqual(3);
      const recurring = events.flatMap((event) => (event.recurrence === undefined ? [] : [event.recurrence]));
      expect(recurring.length).toBeGreaterThanOrEqual(8);
      expect(recurring.some((rule) => rule.rrule.startsWith('FREQ=WEEKLY'))).toBe(true);
      expect(recurring.some((rule) => /^FREQ=MONTHLY;BYDAY=-?\d(MO|TU|WE|TH|FR|SA|SU)/.test(rule.rrule))).toBe(true);
      expect(recurring.some((rule) => rule.rrule.includes('COUNT='))).toBe(true);
      expect(recurring.some((rule) => rule.rrule.includes('UNTIL='))).toBe(true);
      expect(recurring.some((rule) => (rule.exdates?.length ?? 0) > 0)).toBe(true);
      for (const rule of recurring) {
        const [date, time] = rule.start.split('T') as [string, string];
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        const [hour, minute] = time.split(':').map(Number) as [number, number];
        const start = new ICAL.Time({ year, month, day, hour, minute, second: 0, isDate: false }, ICAL.Timezone.localTimezone);
        const iterator = ICAL.Recur.fromString(rule.rrule).iterator(start);
        const occurrences: string[] = [];
        for (let next = iterator.next() as ICAL.Time | null; next !== null && occurrences.length < 400; next = iterator.next() as ICAL.Time | null) {
          occurrences.push(next.toString().slice(0, 16));
        }
        // The start is the rule's first occurrence, and each exception cancels one that exists.
        expect(occurrences[0], rule.rrule).toBe(rule.start);
        for (const exdate of rule.exdates ?? []) expect(occurrences, `${rule.rrule} ${exdate}`).toContain(exdate);
      }
    });

    it('has a cancelled and a full event, umbrella festivals with three children, and a Fête de la science running on the seed day', () => {
      const { events } = seedOf(region);
      expect(events.filter((event) => event.input.eventStatus === 'cancelled').length).toBeGreaterThanOrEqual(1);
      expect(events.filter((event) => event.input.eventStatus === 'full').length).toBeGreaterThanOrEqual(1);
      const parents = new Set(events.flatMap((event) => (event.parent === undefined ? [] : [event.parent])));
      expect(parents.size).toBeGreaterThanOrEqual(2);
      for (const parent of parents) {
        expect(events[parent]?.input.format).toBe('festival');
        expect(events.filter((event) => event.parent === parent)).toHaveLength(3);
      }
      // Begun three days before the seed day (2026-06-15), fifteen days long: what bin/demo.js defines nationally.
      const campaign = events.filter((event) => event.input.campaign === 'fete-de-la-science-2026');
      expect(campaign.length).toBeGreaterThanOrEqual(5);
      for (const event of campaign) {
        const day = (event.input.timings?.[0]?.start ?? '').slice(0, 10);
        expect(day >= '2026-06-12' && day <= '2026-06-26', `${event.input.title} on ${day}`).toBe(true);
      }
      // The village is still to come, within the edition, with its programme; last year's a year earlier.
      const village = events.findIndex((event) => event.input.campaign === 'fete-de-la-science-2026' && event.input.format === 'festival');
      const starts = (events[village]?.input.timings ?? []).map((timing) => timing.start.slice(0, 10));
      expect(starts[0] !== undefined && starts[0] > '2026-06-15' && (starts.at(-1) ?? '') <= '2026-06-26', starts.join()).toBe(true);
      expect(events.filter((event) => event.parent === village)).toHaveLength(3);
      const previous = events[events[village]?.previousEdition ?? -1];
      expect(previous?.input.campaign).toBe('fete-de-la-science-2025');
      expect(previous?.input.timings?.[0]?.start.slice(0, 10)).toBe(new Date(Date.parse(starts[0] ?? '') - 364 * 86_400_000).toISOString().slice(0, 10));
    });

    it('places about a third of the events in the past and the rest in the next four months', () => {
      const starts = seedOf(region).events.map(startOf);
      const past = starts.filter((start) => start < NOW.getTime()).length;
      expect(past).toBeGreaterThan(starts.length * 0.2);
      expect(past).toBeLessThan(starts.length * 0.45);
      const fourMonths = NOW.getTime() + 140 * 86_400_000;
      // The Fête de la science is the one planned further ahead.
      const later = seedOf(region).events.filter((event, i) => (starts[i] ?? 0) > fourMonths && event.input.campaign === undefined);
      expect(later.map((event) => event.input.title)).toEqual([]);
    });

    it('uses the region time zone and puts venues in real communes of the region', () => {
      const content = seedOf(region);
      const communes = communesOfRegion(region, 10_000);
      const byCode = new Map(communes.map((commune) => [commune.inseeCode, commune]));
      const located = [
        ...content.events.flatMap((event) => (event.input.place === undefined ? [] : [event.input.place])),
        ...content.places.map((place) => place.input.location),
        ...content.actors.flatMap((actor) => (actor.input.location === undefined ? [] : [actor.input.location])),
      ];
      expect(located.length).toBeGreaterThan(50);
      for (const place of located) {
        const point = { lat: place.lat ?? Number.NaN, lon: place.lon ?? Number.NaN };
        expect(communes.some((commune) => degreesApart(commune, point) <= 0.5), place.name).toBe(true);
        const commune = byCode.get(place.inseeCode ?? '');
        expect(commune?.name, place.name).toBe(place.commune);
        expect(metresApart(commune ?? { lat: 0, lon: 0 }, point), place.name).toBeLessThanOrEqual(310);
      }
      for (const event of content.events) expect(event.input.timeZone).toBe(REGION_FACTS[region].timeZone);
    });

    it('never repeats a title or a name', () => {
      const content = seedOf(region);
      expect(duplicates(titlesOf(content))).toEqual([]);
      expect(duplicates(content.actors.map((actor) => actor.input.name))).toEqual([]);
      expect(duplicates(content.places.map((place) => place.input.name))).toEqual([]);
      expect(duplicates(content.members.map((member) => member.input.displayName))).toEqual([]);
      expect(duplicates(content.members.map((member) => member.email))).toEqual([]);
    });
  });

  it.each(DEMO_REGIONS)('spreads the demo region %s over at least ten communes', (region) => {
    const codes = new Set(seedOf(region).events.flatMap((event) => (event.input.place?.inseeCode === undefined ? [] : [event.input.place.inseeCode])));
    expect(codes.size).toBeGreaterThanOrEqual(10);
  });

  it('writes French content with Markdown articles and no placeholder text', () => {
    const content = seedOf('24');
    const text = JSON.stringify(content);
    expect(text).not.toMatch(/lorem|ipsum|undefined|NaN|\[object /);
    for (const article of content.articles) {
      expect(article.input.body).toMatch(/^#{2,3} /m);
      expect(article.input.body).toMatch(/^(- |\d\. )/m);
      expect(article.input.body).toMatch(/\]\(https?:\/\//);
    }
    expect(content.articles.some((article) => /!\[[^\]]*\]\(https:\/\//.test(article.input.body))).toBe(true);
    expect(content.actors[0]?.input.name).toContain('Centre-Val de Loire');
  });

  it('is deterministic for a seed and differs for another', () => {
    const options = { region: '24' as const, hubBaseUrl: BASE_URL, now: NOW };
    expect(generateSeed({ ...options, seed: 1 })).toEqual(generateSeed(options));
    expect(JSON.stringify(generateSeed({ ...options, seed: 7 }))).toBe(JSON.stringify(generateSeed({ ...options, seed: 7 })));
    expect(JSON.stringify(generateSeed({ ...options, seed: 2 }))).not.toBe(JSON.stringify(generateSeed(options)));
    // Hubs of one demo federation do not run the same programme.
    const eventTitles = (content: SeedContent) => content.events.map((event) => event.input.title);
    const other = new Set(eventTitles(generateSeed({ ...options, region: '44' })));
    expect(eventTitles(generateSeed(options)).filter((title) => other.has(title)).length).toBeLessThan(8);
  });

  it('scales events tenfold in well under a second, still valid and unique', () => {
    generateSeed({ region: '84', hubBaseUrl: BASE_URL, now: NOW }); // loads the commune datasets
    const started = performance.now();
    const content = generateSeed({ region: '84', hubBaseUrl: BASE_URL, now: NOW, scale: 10 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(content.events.length).toBeGreaterThanOrEqual(540);
    expect(content.events.length).toBeLessThanOrEqual(660);
    expect(content.events.filter((event) => event.input.recurrence !== undefined).length).toBeGreaterThanOrEqual(80);
    expect(invalidInputs(content)).toEqual([]);
    expect(badReferences(content)).toEqual([]);
    expect(duplicates(titlesOf(content))).toEqual([]);
  });

  it('stays valid for any seed, date and region', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...regions.values),
        fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true }),
        (region, seed, now) => {
          const content = generateSeed({ region, hubBaseUrl: BASE_URL, seed, now });
          expect(invalidInputs(content)).toEqual([]);
          expect(badReferences(content)).toEqual([]);
          expect(duplicates(titlesOf(content))).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateSeed({ region: '24', hubBaseUrl: 'ftp://hub.example', now: NOW })).toThrow(RangeError);
    expect(() => generateSeed({ region: '24', hubBaseUrl: BASE_URL, now: NOW, scale: 0 })).toThrow(RangeError);
    expect(() => generateSeed({ region: '24', hubBaseUrl: BASE_URL, now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
