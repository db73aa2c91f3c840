/**
 * The state one seed run shares between its builders (the random generator, the region, the
 * titles and venues claimed so far, the content built so far) and the helpers they all use.
 */
import { REGION_FACTS, regions, type ActorKind, type Discipline, type Image, type RegionCode } from '@constellation/shared';
import { communesOfRegion, type Commune } from '../communes.ts';
import { A, type ActorProfile } from './actor-profiles.ts';
import { DAY_MS, dayOf, pad, yearMonthOf, type Day } from './calendar.ts';
import { at, slugify } from './french.ts';
import { mixSeed, Random } from './random.ts';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, type Person } from './texts/people.ts';
import { PHONE_BLOCK, REGION_PHRASES } from './texts/regions.ts';
import { TOPICS, type Topic } from './texts/topics.ts';
import type { SeedContent, SeedOptions } from './types.ts';
import type { Venue } from './venue-kinds.ts';

/** The seeded Fête de la science began this many days before the seed day and lasts this many days (bin/demo.js agrees). */
export const FDS_DAYS_BEFORE = 3;
export const FDS_LENGTH_DAYS = 15;

export class SeedContext {
  readonly rng: Random;
  readonly region: RegionCode;
  readonly phrases: { de: string; in: string };
  readonly timeZone: string;
  readonly base: string;
  readonly today: Day;
  readonly scale: number;
  readonly communes: Commune[];
  readonly titles = new Set<string>();
  readonly venues = new Map<string, Venue>();
  /** What each event is about, for the articles that report on it; undefined for festivals and meetings. */
  readonly eventTopics: (Topic | undefined)[] = [];
  readonly profiles: ActorProfile[] = [];
  readonly content: SeedContent;
  readonly fdsYear: number;
  /** The first and last days (UTC) of the seeded edition of the Fête de la science: it runs as the demo starts. */
  readonly fdsStart: Day;
  readonly fdsEnd: Day;
  private imageCount = 0;
  /** Share of freely dated events put in the past; tuned so about a third of all events are. */
  pastShare = 1 / 3;

  constructor(options: SeedOptions) {
    if (!regions.has(options.region)) throw new RangeError(`unknown region code ${JSON.stringify(options.region)}`);
    const scale = options.scale ?? 1;
    if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
    const now = options.now ?? new Date();
    if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
    const base = new URL(options.hubBaseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new RangeError('hubBaseUrl must be an http(s) URL');

    this.region = options.region;
    this.rng = new Random(mixSeed(options.seed ?? 1, options.region));
    this.phrases = REGION_PHRASES[options.region];
    this.timeZone = REGION_FACTS[options.region].timeZone;
    this.base = base.href.replace(/\/+$/, '');
    this.today = dayOf(now, this.timeZone);
    this.scale = scale;
    // More communes at larger scales, so a benchmark hub is not 600 events in a dozen towns.
    this.communes = communesOfRegion(options.region, Math.round(30 + 10 * Math.sqrt(scale)));
    if (this.communes.length === 0) throw new Error(`no commune with coordinates found for region ${options.region}`);
    // The seeded edition runs now, whatever the day: it began three days ago and lasts fifteen
    // days, so a visitor of a fresh demo finds a live campaign, some of it past, most to come.
    // bin/demo.js defines the national campaign with the same rule (UTC days, so both agree).
    this.fdsStart = Math.floor(now.getTime() / DAY_MS) - FDS_DAYS_BEFORE;
    this.fdsEnd = this.fdsStart + FDS_LENGTH_DAYS - 1;
    this.fdsYear = yearMonthOf(this.fdsStart).year;
    this.content = { region: options.region, actors: [], places: [], events: [], articles: [], projects: [], announcements: [], dossiers: [], resources: [], members: [] };
  }

  /** The i-th most populous commune; small regions wrap around rather than fail. */
  commune(index: number): Commune {
    return this.communes[index % this.communes.length] as Commune;
  }

  /** A commune for an event away from its organiser: mostly towns, sometimes villages. */
  anyCommune(): Commune {
    return this.commune(Math.floor(this.communes.length * this.rng.next() ** 1.6));
  }

  person(feminine = this.rng.chance(0.55)): Person {
    return { first: this.rng.pick(feminine ? FIRST_NAMES_F : FIRST_NAMES_M), last: this.rng.pick(LAST_NAMES), feminine };
  }

  phone(): string {
    return `${PHONE_BLOCK[this.region]} ${pad(this.rng.int(0, 99))} ${pad(this.rng.int(0, 99))}`;
  }

  /** Claims a title, or returns undefined when another piece of content already has it. */
  claim(title: string): string | undefined {
    if (this.titles.has(title)) return undefined;
    this.titles.add(title);
    return title;
  }

  uniqueTitle(candidate: string, commune: Commune): string {
    const claimed = this.claim(candidate) ?? this.claim(`${candidate} ${at(commune.name)}`);
    if (claimed !== undefined) return claimed;
    for (let edition = 2; ; edition++) {
      const numbered = this.claim(`${candidate} ${at(commune.name)} (session ${edition})`);
      if (numbered !== undefined) return numbered;
    }
  }

  image(name: string, alt: string, credit: string): Image {
    this.imageCount += 1;
    return { url: `${this.base}/media/seed/${slugify(name, 40)}-${this.imageCount}.jpg`, alt, credit };
  }

  actorsOfKind(kinds: readonly ActorKind[]): number[] {
    return this.profiles.flatMap((profile, index) => (kinds.includes(profile.kind) ? [index] : []));
  }

  profile(index: number): ActorProfile {
    const profile = this.profiles[index];
    if (profile === undefined) throw new Error(`no actor ${index}`);
    return profile;
  }

  /** Researchers work in a lab of their field when the region has one; the university covers every field. */
  employerOf(discipline: Discipline): number {
    const labs = this.actorsOfKind(['lab']).filter((index) => this.profile(index).disciplines.includes(discipline));
    return labs.length > 0 && this.rng.chance(0.6) ? this.rng.pick(labs) : A.university;
  }

  pickTopic(filter: (topic: Topic) => boolean = () => true): Topic {
    const topics = TOPICS.filter(filter);
    return this.rng.pick(topics.length > 0 ? topics : TOPICS);
  }

  /** How many events of a kind to make: `base` at scale 1, never none. */
  count(base: number): number {
    return Math.max(1, Math.round(base * this.scale));
  }

  get campaign(): string {
    return `fete-de-la-science-${this.fdsYear}`;
  }
}
