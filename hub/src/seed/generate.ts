/**
 * Realistic seed content for a regional hub (`constellation hub seed`): French text, real
 * communes with their coordinates, a spread of formats, audiences and dates around `now`.
 *
 * The generator is deterministic: the same options give the same content, so demos and
 * benchmarks are reproducible (its only I/O is reading the commune datasets, once a process). It mints no ids: content refers to other content by its
 * index in the arrays of `SeedContent`, and the code that stores it maps indices to the ids
 * it mints (storing actors first, then places, events in array order — a parent always comes
 * before its children — then the rest, dossiers last).
 *
 * Links to organisations use reserved `example.org` domains and phone numbers come from the
 * ranges ARCEP keeps for fiction, so seeded content never points at a real third party.
 * Images point at `<hubBaseUrl>/media/seed/<name>-<n>.jpg`: the hub's own origin, the one place
 * a demo can serve placeholder pictures from.
 */
import {
  eventFormats,
  REGION_FACTS,
  regions,
  type AccessibilityFlag,
  type ActorInput,
  type ActorKind,
  type AnnouncementInput,
  type AnnouncementKind,
  type ArticleInput,
  type AttendanceMode,
  type Audience,
  type ContentType,
  type Discipline,
  type DossierInput,
  type EventFormat,
  type EventInput,
  type EventStatus,
  type GeographicScope,
  type Image,
  type InvolvementLevel,
  type Location,
  type MemberProfileInput,
  type OpeningHours,
  type ParticipationType,
  type PlaceInput,
  type Price,
  type ProjectInput,
  type RegionCode,
  type Registration,
  type ResourceInput,
  type ResourceKind,
  type Role,
  type Timing,
} from '@constellation/shared';
import { communesOfRegion, type Commune } from './communes.ts';

// ---------------------------------------------------------------- Public shapes

/** An organisation or person who posts. `verified` is the operator's call, so it sits beside the input. */
export interface ActorSeed {
  input: ActorInput;
  verified: boolean;
}

/** Every seed below but actors and members says whether to publish it or leave it pending moderation. */
interface Publishable {
  publish: boolean;
}

export interface EventSeed extends Publishable {
  /** Index into `actors`: the organiser. */
  actor: number;
  input: Omit<EventInput, 'actorId' | 'placeId' | 'parentEventId'>;
  /** Index into `places` when the event happens at a place to visit (`input.place` is then that place's location). */
  place?: number;
  /** Index into `events` of the umbrella event; always lower than the event's own index. */
  parent?: number;
}

export interface PlaceSeed extends Publishable {
  /** Index into `actors` of the actor running the place, if any. */
  actor?: number;
  input: Omit<PlaceInput, 'actorId'>;
}

export interface ArticleSeed extends Publishable {
  /** Index into `actors`: the author. */
  actor: number;
  input: Omit<ArticleInput, 'actorId' | 'eventId'>;
  /** Index into `events` of the event the article reports on. */
  event?: number;
}

export interface ProjectSeed extends Publishable {
  actor: number;
  input: Omit<ProjectInput, 'actorId'>;
}

export interface AnnouncementSeed extends Publishable {
  actor: number;
  input: Omit<AnnouncementInput, 'actorId'>;
}

/** A dossier entry: content of `type` at `index` in the matching array (`event` → `events`, ...). */
export interface DossierItemSeed {
  type: ContentType;
  index: number;
  note?: string;
}

export interface DossierSeed extends Publishable {
  /** Index into `actors` of the curator; absent when the hub's editors curate it. */
  actor?: number;
  input: Omit<DossierInput, 'actorId' | 'items'>;
  /** In display order; every item is published content. */
  items: DossierItemSeed[];
}

export interface ResourceSeed extends Publishable {
  actor?: number;
  input: Omit<ResourceInput, 'actorId'>;
}

/** A member of the professional network: an account (login email, role) with its profile. */
export interface MemberSeed {
  input: MemberProfileInput;
  /** The account's login address, on a reserved domain; not shown to other members. */
  email: string;
  role: Role;
  /** Index into `actors` of the organisation the member posts for. */
  actor?: number;
}

export interface SeedContent {
  region: RegionCode;
  actors: ActorSeed[];
  places: PlaceSeed[];
  events: EventSeed[];
  articles: ArticleSeed[];
  projects: ProjectSeed[];
  announcements: AnnouncementSeed[];
  dossiers: DossierSeed[];
  resources: ResourceSeed[];
  members: MemberSeed[];
}

export interface SeedOptions {
  region: RegionCode;
  /** The hub's public origin: media and agenda links point there. */
  hubBaseUrl: string;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Dates are placed around this instant; default the current date. */
  now?: Date;
  /** Multiplies the number of events (10 gives about 600); other content keeps its size. Default 1. */
  scale?: number;
}

// ---------------------------------------------------------------- Randomness

/** mulberry32: tiny, fast and good enough to shuffle demo content; not for anything secret. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/** Mixes the region into the seed so the hubs of one demo federation do not carry the same titles. */
function mixSeed(seed: number, region: string): number {
  let hash = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  for (const char of region) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

// ---------------------------------------------------------------- Calendar

const DAY_MS = 86_400_000;
/** A calendar day in the region, counted from 1970-01-01. */
type Day = number;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let formatter = partFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

function offsetMinutes(ms: number, timeZone: string): number {
  const wall = wallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

function dayOf(instant: Date, timeZone: string): Day {
  const wall = wallClock(instant.getTime(), timeZone);
  return Math.floor(Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isoDate(day: Day): string {
  const date = new Date(day * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * An RRULE UNTIL for the end of a local day, as a UTC date-time: RFC 5545 wants UNTIL in UTC
 * when DTSTART carries a time zone, and calendar apps are stricter about it than the contract.
 */
function untilEndOf(day: Day, timeZone: string): string {
  const ms = (day * 1440 + 23 * 60 + 59) * 60_000 - zoneOffset(day, 23 * 60 + 59, timeZone) * 60_000;
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}59Z`;
}

/** "2026-10-10T14:30": the wall-clock form recurrences are written in. */
function localDateTime(day: Day, minutes: number): string {
  const d = day + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  return `${isoDate(d)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

function zoneOffset(day: Day, minutes: number, timeZone: string): number {
  const wall = (day * 1440 + minutes) * 60_000;
  // The offset at the wall time read as UTC can differ from the one at the real instant near a DST change.
  return offsetMinutes(wall - offsetMinutes(wall, timeZone) * 60_000, timeZone);
}

/** The instant of a wall-clock time in the region's zone, with its offset, "2026-10-10T14:30:00+02:00". */
function zonedDateTime(day: Day, minutes: number, timeZone: string): string {
  const offset = zoneOffset(day, minutes, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${localDateTime(day, minutes)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayOf(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

function yearMonthOf(day: Day): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The `ordinal`-th given weekday of a month (-1 for the last), or undefined when the month has none. */
function nthWeekday(year: number, month: number, weekday: number, ordinal: number): Day | undefined {
  const first = Math.floor(Date.UTC(year, month - 1, 1) / DAY_MS);
  const next = Math.floor(Date.UTC(year, month, 1) / DAY_MS);
  if (ordinal < 0) {
    const last = next - 1;
    return last - ((weekdayOf(last) - weekday + 7) % 7);
  }
  const day = first + ((weekday - weekdayOf(first) + 7) % 7) + (ordinal - 1) * 7;
  return day < next ? day : undefined;
}

/** Public holidays with a fixed date, and the days around Christmas and New Year nobody schedules a talk on. */
function isHoliday(day: Day): boolean {
  const date = new Date(day * DAY_MS);
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  if ((month === 12 && dayOfMonth >= 24) || (month === 1 && dayOfMonth <= 2)) return true;
  return [[5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11]].some(([m, d]) => m === month && d === dayOfMonth);
}

const FRENCH_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

function frenchDay(day: Day): string {
  return FRENCH_DAY.format(day * DAY_MS);
}

// ---------------------------------------------------------------- French

const VOWEL_START = /^[AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouàâéèêîôûœ]/;

/** "de Tours", "d'Orléans", "du Mans", "des Abymes". */
function de(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  return VOWEL_START.test(name) ? `d'${name}` : `de ${name}`;
}

/** "à Tours", "au Mans", "aux Abymes". */
function at(name: string): string {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** For noun phrases that carry their article: "les trous noirs" → "des trous noirs", "le sommeil" → "du sommeil". */
function deNp(np: string): string {
  if (np.startsWith('les ')) return `des ${np.slice(4)}`;
  if (np.startsWith('le ')) return `du ${np.slice(3)}`;
  return `de ${np}`;
}

function aNp(np: string): string {
  if (np.startsWith('les ')) return `aux ${np.slice(4)}`;
  if (np.startsWith('le ')) return `au ${np.slice(3)}`;
  return `à ${np}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('œ', 'oe').replaceAll('Œ', 'Oe').replaceAll('æ', 'ae');
}

/** "Institut de recherche en environnement de Bourges" → "institut-recherche-environnement-bourges": a DNS label (at most 63 characters). */
function domainLabel(name: string): string {
  const words = slugify(name, 200).split('-').filter((word) => !['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en'].includes(word));
  let label = '';
  for (const word of words) if (`${label}-${word}`.length <= 63) label = label === '' ? word : `${label}-${word}`;
  return label;
}

function slugify(text: string, max = 60): string {
  const slug = ascii(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug.slice(0, max).replace(/-$/, '');
}

/** How each region is named inside a sentence; the vocabulary's label alone cannot say "du" or "dans les". */
const REGION_PHRASES: Readonly<Record<RegionCode, { de: string; in: string }>> = {
  '01': { de: 'de la Guadeloupe', in: 'en Guadeloupe' },
  '02': { de: 'de la Martinique', in: 'en Martinique' },
  '03': { de: 'de la Guyane', in: 'en Guyane' },
  '04': { de: 'de La Réunion', in: 'à La Réunion' },
  '06': { de: 'de Mayotte', in: 'à Mayotte' },
  '11': { de: "d'Île-de-France", in: 'en Île-de-France' },
  '24': { de: 'du Centre-Val de Loire', in: 'en Centre-Val de Loire' },
  '27': { de: 'de Bourgogne-Franche-Comté', in: 'en Bourgogne-Franche-Comté' },
  '28': { de: 'de Normandie', in: 'en Normandie' },
  '32': { de: 'des Hauts-de-France', in: 'dans les Hauts-de-France' },
  '44': { de: 'du Grand Est', in: 'dans le Grand Est' },
  '52': { de: 'des Pays de la Loire', in: 'dans les Pays de la Loire' },
  '53': { de: 'de Bretagne', in: 'en Bretagne' },
  '75': { de: 'de Nouvelle-Aquitaine', in: 'en Nouvelle-Aquitaine' },
  '76': { de: "d'Occitanie", in: 'en Occitanie' },
  '84': { de: "d'Auvergne-Rhône-Alpes", in: 'en Auvergne-Rhône-Alpes' },
  '93': { de: "de Provence-Alpes-Côte d'Azur", in: "en Provence-Alpes-Côte d'Azur" },
  '94': { de: 'de Corse', in: 'en Corse' },
};

/*
 * ARCEP keeps one block per zone for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71,
 * 05 36 49): numbers that reach nobody. Overseas regions borrow the block of their zone.
 */
const PHONE_BLOCK: Readonly<Record<RegionCode, string>> = {
  '01': '05 36 49', '02': '05 36 49', '03': '05 36 49', '04': '02 61 91', '06': '02 61 91',
  '11': '01 99 00', '24': '02 61 91', '27': '03 53 01', '28': '02 61 91', '32': '03 53 01',
  '44': '03 53 01', '52': '02 61 91', '53': '02 61 91', '75': '05 36 49', '76': '05 36 49',
  '84': '04 65 71', '93': '04 65 71', '94': '04 65 71',
};

interface Person {
  first: string;
  last: string;
  feminine: boolean;
}

const FIRST_NAMES_F = ['Camille', 'Léa', 'Manon', 'Chloé', 'Sarah', 'Inès', 'Julie', 'Claire', 'Élodie', 'Nadia', 'Sophie', 'Aurélie', 'Marion', 'Hélène', 'Fatou', 'Mathilde', 'Anaïs', 'Lucie', 'Amandine', 'Yasmine', 'Agathe', 'Justine'];
const FIRST_NAMES_M = ['Thomas', 'Nicolas', 'Julien', 'Antoine', 'Karim', 'Maxime', 'Hugo', 'Romain', 'Mathieu', 'Olivier', 'Pierre', 'Sébastien', 'Yannick', 'Bastien', 'Mehdi', 'François', 'Vincent', 'Loïc', 'Arnaud', 'Samuel', 'Théo', 'Gaël'];
const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Bertrand', 'Roux',
  'Fournier', 'Morel', 'Girard', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Perrin',
  'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Benali', 'Nguyen', 'Diallo', 'Haddad', 'Le Goff', 'Keller', 'Schmitt', 'Hoarau', 'Jean-Baptiste',
];

/** What a researcher of each discipline calls their field in a job title. */
const FIELD_OF: Readonly<Record<Discipline, string>> = {
  mathematics: 'mathématiques', physics: 'physique', chemistry: 'chimie', astronomy: 'astrophysique', 'earth-sciences': 'géologie',
  climate: 'climatologie', ecology: 'écologie', ocean: 'océanographie', biology: 'biologie', health: 'santé publique',
  neuroscience: 'neurosciences', agriculture: 'agronomie', 'computer-science': 'informatique', engineering: "sciences de l'ingénieur",
  energy: 'énergétique', history: 'archéologie', 'social-sciences': 'sociologie', economics: 'économie', linguistics: 'linguistique',
  'arts-sciences': "histoire de l'art", 'science-society': 'sociologie des sciences',
};

function researcherRole(person: Person, discipline: Discipline, rng: Random): string {
  const field = FIELD_OF[discipline];
  const roles = person.feminine
    ? ['chercheuse', 'enseignante-chercheuse', 'doctorante', 'ingénieure de recherche', 'maîtresse de conférences', 'directrice de recherche']
    : ['chercheur', 'enseignant-chercheur', 'doctorant', 'ingénieur de recherche', 'maître de conférences', 'directeur de recherche'];
  return `${rng.pick(roles)} en ${field}`;
}

function naturalistRole(person: Person, rng: Random): string {
  return rng.pick(person.feminine ? ['animatrice nature', 'naturaliste bénévole', 'guide naturaliste', 'éducatrice à l’environnement'] : ['animateur nature', 'naturaliste bénévole', 'guide naturaliste', 'éducateur à l’environnement']);
}

const fullName = (person: Person): string => `${person.first} ${person.last}`;

// ---------------------------------------------------------------- Topics

interface Topic {
  /** The subject with its article, lower-case: "les trous noirs". */
  np: string;
  disciplines: readonly Discipline[];
  keywords: readonly string[];
  /** One sentence a science writer would open with. */
  hook: string;
  /** Can be observed outdoors: field surveys. */
  outdoor?: boolean;
  /** Studied in labs that open to the public: lab visits. */
  lab?: boolean;
  /** Observed at night. */
  night?: boolean;
}

const TOPICS: readonly Topic[] = [
  { np: 'les trous noirs', disciplines: ['astronomy', 'physics'], keywords: ['trous noirs', 'astrophysique'], lab: true, hook: "Invisibles par nature, ils courbent l'espace-temps au point de piéger la lumière, et les télescopes commencent à peine à en photographier l'ombre." },
  { np: 'les exoplanètes', disciplines: ['astronomy'], keywords: ['exoplanètes', 'télescopes'], lab: true, hook: "Plus de cinq mille planètes ont déjà été découvertes autour d'autres étoiles que le Soleil, et certaines pourraient abriter de l'eau liquide." },
  { np: 'la Lune', disciplines: ['astronomy'], keywords: ['Lune', 'observation du ciel'], outdoor: true, night: true, hook: "Notre satellite n'a pas fini de livrer ses secrets : son origine, ses cratères et son influence sur les marées restent des sujets de recherche actifs." },
  { np: 'les étoiles filantes', disciplines: ['astronomy'], keywords: ['météores', 'ciel nocturne'], outdoor: true, night: true, hook: "Ces traînées lumineuses sont des poussières de comètes qui se consument en entrant dans l'atmosphère à plusieurs dizaines de kilomètres par seconde." },
  { np: 'le Système solaire', disciplines: ['astronomy'], keywords: ['planètes', 'exploration spatiale'], hook: "Des sondes explorent aujourd'hui les lunes glacées de Jupiter et de Saturne, où des océans pourraient se cacher sous la glace." },
  { np: 'les volcans', disciplines: ['earth-sciences'], keywords: ['volcans', 'géologie'], hook: "Un volcan n'est pas qu'une montagne qui crache du feu : c'est une fenêtre ouverte sur les profondeurs de la Terre." },
  { np: 'les paysages géologiques', disciplines: ['earth-sciences'], keywords: ['géologie', 'paysages'], outdoor: true, hook: "Chaque paysage raconte une histoire géologique de plusieurs millions d'années, qu'il suffit d'apprendre à lire." },
  { np: 'les fossiles', disciplines: ['earth-sciences', 'biology'], keywords: ['fossiles', 'paléontologie'], outdoor: true, lab: true, hook: "Empreintes, coquillages et ossements pétrifiés permettent de reconstituer des écosystèmes disparus depuis des millions d'années." },
  { np: 'les séismes', disciplines: ['earth-sciences'], keywords: ['séismes', 'sismologie'], lab: true, hook: 'Les sismomètres enregistrent chaque jour des centaines de petits tremblements de terre, pour la plupart imperceptibles.' },
  { np: 'le changement climatique', disciplines: ['climate'], keywords: ['climat', 'GIEC'], hook: 'Les rapports du GIEC décrivent un réchauffement rapide, dont les effets se mesurent déjà à l’échelle de nos territoires.' },
  { np: 'les nuages', disciplines: ['climate', 'physics'], keywords: ['météorologie', 'nuages'], outdoor: true, hook: "Les nuages jouent un rôle encore mal compris dans l'équilibre du climat : selon leur altitude, ils réchauffent ou refroidissent la planète." },
  { np: 'les îlots de chaleur urbains', disciplines: ['climate', 'ecology'], keywords: ['ville', 'canicule'], outdoor: true, hook: "En été, le centre d'une ville peut être plusieurs degrés plus chaud que la campagne voisine, surtout la nuit." },
  { np: 'les abeilles sauvages', disciplines: ['ecology', 'biology'], keywords: ['pollinisateurs', 'abeilles'], outdoor: true, hook: "On compte près de mille espèces d'abeilles sauvages en France, bien plus discrètes que l'abeille domestique et tout aussi indispensables." },
  { np: 'les oiseaux des jardins', disciplines: ['ecology'], keywords: ['ornithologie', 'oiseaux'], outdoor: true, hook: 'Mésanges, rougegorges et moineaux sont de bons indicateurs de la santé de notre environnement proche.' },
  { np: 'les zones humides', disciplines: ['ecology'], keywords: ['zones humides', 'amphibiens'], outdoor: true, hook: 'Les zones humides abritent une biodiversité exceptionnelle, mais une grande partie a disparu au cours du siècle dernier.' },
  { np: 'les chauves-souris', disciplines: ['ecology', 'biology'], keywords: ['chauves-souris', 'faune nocturne'], outdoor: true, night: true, hook: "Les chauves-souris se repèrent dans le noir grâce à l'écholocation et peuvent dévorer des milliers d'insectes en une seule nuit." },
  { np: 'les arbres en ville', disciplines: ['ecology', 'climate'], keywords: ['arbres', 'nature en ville'], outdoor: true, hook: "Un arbre adulte rafraîchit l'air, stocke du carbone et héberge toute une faune, à condition qu'on lui laisse de la place." },
  { np: 'les champignons', disciplines: ['ecology', 'biology'], keywords: ['mycologie', 'forêt'], outdoor: true, hook: "La partie visible d'un champignon n'est que la face émergée d'un immense réseau souterrain qui relie les arbres entre eux." },
  { np: 'les insectes', disciplines: ['ecology', 'biology'], keywords: ['entomologie', 'insectes'], outdoor: true, hook: 'Les insectes représentent plus de la moitié des espèces animales connues, et leur déclin inquiète les écologues.' },
  { np: 'les rivières', disciplines: ['ecology', 'earth-sciences'], keywords: ['eau', 'rivières'], outdoor: true, hook: 'Une rivière en bonne santé se reconnaît aux petites bêtes qui vivent sous ses cailloux.' },
  { np: 'le plancton', disciplines: ['ocean', 'biology'], keywords: ['plancton', 'océan'], lab: true, hook: "Invisible à l'œil nu, le plancton produit une grande partie de l'oxygène que nous respirons." },
  { np: 'les océans', disciplines: ['ocean', 'climate'], keywords: ['océan', 'climat'], hook: "L'océan absorbe une large part de la chaleur et du carbone que nous émettons, ce qui modifie sa chimie et ses courants." },
  { np: "l'ADN", disciplines: ['biology'], keywords: ['génétique', 'ADN'], lab: true, hook: "La molécule d'ADN contient les instructions de fabrication de tout être vivant, et l'on sait aujourd'hui la lire et la modifier." },
  { np: 'le microbiote intestinal', disciplines: ['biology', 'health'], keywords: ['microbiote', 'santé'], lab: true, hook: 'Des milliards de bactéries vivent dans notre intestin et influencent notre digestion, notre immunité et peut-être même notre humeur.' },
  { np: "l'évolution", disciplines: ['biology'], keywords: ['évolution', 'Darwin'], hook: "De Darwin à la génomique, la théorie de l'évolution explique la diversité du vivant et continue de s'enrichir." },
  { np: 'le sommeil', disciplines: ['health', 'neuroscience'], keywords: ['sommeil', 'santé'], hook: 'Nous passons un tiers de notre vie à dormir, et les chercheurs découvrent sans cesse de nouvelles fonctions au sommeil.' },
  { np: 'les vaccins', disciplines: ['health'], keywords: ['vaccination', 'immunologie'], hook: 'Comprendre comment un vaccin entraîne le système immunitaire aide à démêler le vrai du faux dans un débat souvent passionné.' },
  { np: 'le cerveau', disciplines: ['neuroscience'], keywords: ['cerveau', 'neurosciences'], lab: true, hook: "Avec ses quatre-vingt-six milliards de neurones, le cerveau reste l'un des objets les plus complexes que la science étudie." },
  { np: 'la mémoire', disciplines: ['neuroscience'], keywords: ['mémoire', 'cognition'], hook: 'Se souvenir, c’est reconstruire : notre mémoire est bien plus malléable que nous le pensons.' },
  { np: "les illusions d'optique", disciplines: ['neuroscience', 'physics'], keywords: ['perception', 'illusions'], hook: "Les illusions d'optique révèlent les raccourcis que prend notre cerveau pour interpréter ce que voient nos yeux." },
  { np: 'les sols vivants', disciplines: ['agriculture', 'ecology'], keywords: ['sols', 'agroécologie'], outdoor: true, hook: "Une poignée de terre contient plus d'êtres vivants qu'il n'y a d'humains sur la planète." },
  { np: "l'alimentation de demain", disciplines: ['agriculture', 'health'], keywords: ['alimentation', 'agriculture'], hook: 'Nourrir dix milliards d’humains sans épuiser la planète oblige à repenser nos cultures comme nos assiettes.' },
  { np: 'les nombres premiers', disciplines: ['mathematics'], keywords: ['arithmétique', 'nombres premiers'], hook: "Simples à définir mais imprévisibles, les nombres premiers protègent aujourd'hui nos échanges sur internet." },
  { np: 'les fractales', disciplines: ['mathematics', 'arts-sciences'], keywords: ['fractales', 'géométrie'], hook: 'Chou romanesco, côtes rocheuses, flocons de neige : les fractales se cachent partout dans la nature.' },
  { np: 'le hasard', disciplines: ['mathematics'], keywords: ['probabilités', 'hasard'], hook: "Le hasard obéit à des lois : les probabilités permettent de prévoir l'imprévisible, du loto à la météo." },
  { np: 'la lumière', disciplines: ['physics'], keywords: ['optique', 'lumière'], lab: true, hook: 'Onde ou particule ? La lumière a longtemps divisé les physiciens avant de révéler sa double nature.' },
  { np: 'le son', disciplines: ['physics', 'arts-sciences'], keywords: ['acoustique', 'musique'], hook: "Le son est une vibration de l'air, et la façon dont elle se propage explique aussi bien l'écho que la beauté d'un violon." },
  { np: 'la physique quantique', disciplines: ['physics'], keywords: ['quantique', 'physique'], lab: true, hook: "Superposition, intrication : la physique quantique défie l'intuition mais fait déjà fonctionner nos lasers et nos téléphones." },
  { np: 'la chimie des couleurs', disciplines: ['chemistry', 'arts-sciences'], keywords: ['chimie', 'pigments'], hook: 'Des pigments de la préhistoire aux encres modernes, la couleur est avant tout une affaire de molécules.' },
  { np: 'la chimie en cuisine', disciplines: ['chemistry'], keywords: ['chimie', 'cuisine'], hook: 'Une mayonnaise qui prend, un gâteau qui gonfle, une viande qui dore : la cuisine est un laboratoire à part entière.' },
  { np: "l'intelligence artificielle", disciplines: ['computer-science', 'science-society'], keywords: ['IA', 'algorithmes'], lab: true, hook: "Les systèmes d'intelligence artificielle s'invitent dans notre quotidien ; encore faut-il comprendre ce qu'ils savent faire, et ce qu'ils ne savent pas faire." },
  { np: 'la cryptographie', disciplines: ['computer-science', 'mathematics'], keywords: ['cryptographie', 'sécurité numérique'], hook: "De César aux messageries chiffrées, l'art de cacher des messages repose sur des mathématiques élégantes." },
  { np: 'les robots', disciplines: ['engineering', 'computer-science'], keywords: ['robotique', 'programmation'], lab: true, hook: 'Un robot, ce sont des capteurs, des moteurs et un programme : de quoi apprendre la logique en s’amusant.' },
  { np: "l'impression 3D", disciplines: ['engineering'], keywords: ['fabrication numérique', 'impression 3D'], hook: "L'impression 3D fabrique une pièce couche par couche, du prototype industriel à la prothèse sur mesure." },
  { np: "l'énergie solaire", disciplines: ['energy'], keywords: ['énergie solaire', 'transition énergétique'], hook: "Le Soleil envoie chaque heure sur Terre plus d'énergie que l'humanité n'en consomme en un an." },
  { np: "l'hydrogène", disciplines: ['energy', 'chemistry'], keywords: ['hydrogène', 'énergie'], lab: true, hook: "Présenté comme un carburant d'avenir, l'hydrogène pose de vraies questions de production, de stockage et de sécurité." },
  { np: "l'archéologie", disciplines: ['history'], keywords: ['archéologie', 'fouilles'], hook: 'Les archéologues fouillent aussi nos villes : chaque chantier peut révéler les traces de nos lointains ancêtres.' },
  { np: "l'histoire des sciences", disciplines: ['history', 'science-society'], keywords: ['histoire des sciences'], hook: 'Les grandes découvertes sont souvent le fruit de tâtonnements, de controverses et de hasards heureux.' },
  { np: 'les fausses informations', disciplines: ['social-sciences', 'science-society'], keywords: ['esprit critique', 'médias'], hook: "Face aux rumeurs qui circulent en ligne, quelques réflexes scientifiques aident à trier l'information." },
  { np: 'les langues régionales', disciplines: ['linguistics', 'social-sciences'], keywords: ['langues', 'linguistique'], hook: 'Les langues régionales sont un patrimoine vivant que les linguistes documentent et aident à transmettre.' },
  { np: "l'économie circulaire", disciplines: ['economics', 'ecology'], keywords: ['économie circulaire', 'déchets'], hook: "Réparer, réutiliser, recycler : l'économie circulaire cherche à faire de nos déchets des ressources." },
  { np: 'les femmes de science', disciplines: ['science-society', 'history'], keywords: ['égalité', 'portraits'], hook: "De Marie Curie à aujourd'hui, les femmes scientifiques ont souvent dû se battre pour être reconnues." },
];

type TitlePattern = (topic: Topic) => string;

/** Title patterns per format: with 50-odd topics each format has a few hundred distinct titles. */
const TITLES: Readonly<Record<EventFormat, readonly TitlePattern[]>> = {
  conference: [
    (t) => `${cap(t.np)} : ce que nous apprend la recherche`,
    (t) => `Conférence : ${t.np}`,
    (t) => `Que savons-nous vraiment ${deNp(t.np)} ?`,
    (t) => `${cap(t.np)}, idées reçues et découvertes récentes`,
    (t) => `${cap(t.np)} : où en est la recherche ?`,
    (t) => `${cap(t.np)} : une heure pour comprendre`,
  ],
  workshop: [
    (t) => `Atelier : ${t.np}`,
    (t) => `Atelier en famille : à la découverte ${deNp(t.np)}`,
    (t) => `Expériences autour ${deNp(t.np)}`,
    (t) => `Mains à la pâte : ${t.np}`,
    (t) => `Petits curieux : ${t.np} en expériences`,
  ],
  exhibition: [
    (t) => `Exposition « ${cap(t.np)} »`,
    (t) => `${cap(t.np)} : l'exposition`,
    (t) => `Voyage au cœur ${deNp(t.np)}`,
    (t) => `Exposition : l'étonnante histoire ${deNp(t.np)}`,
  ],
  'science-cafe': [
    (t) => `Café des sciences : ${t.np}`,
    (t) => `Bar des sciences : parlons ${deNp(t.np)}`,
    (t) => `Café-débat : ${t.np} en questions`,
    (t) => `Apéro-sciences : ${t.np}`,
  ],
  'lab-visit': [
    (t) => `Visite de laboratoire : la recherche sur ${t.np}`,
    (t) => `Dans les coulisses d'un labo : ${t.np}`,
    (t) => `Rencontrez les chercheurs qui étudient ${t.np}`,
    (t) => `Un après-midi au labo : ${t.np}`,
  ],
  festival: [(t) => `Festival : ${t.np} à l'honneur`],
  'field-survey': [
    (t) => (t.night ? `Soirée d'observation : ${t.np}` : `Sortie nature : ${t.np}`),
    (t) => (t.night ? `Nuit sur le terrain : ${t.np}` : `Balade naturaliste : sur la piste ${deNp(t.np)}`),
    (t) => `Inventaire participatif : ${t.np}`,
    (t) => `Sur le terrain avec les scientifiques : ${t.np}`,
  ],
  screening: [
    (t) => `Ciné-débat : ${t.np}`,
    (t) => `Projection du documentaire « ${cap(t.np)} »`,
    (t) => `Ciné-sciences : ${t.np} sur grand écran`,
  ],
  game: [
    (t) => `Escape game : le mystère ${deNp(t.np)}`,
    (t) => `Jeu de piste : sur les traces ${deNp(t.np)}`,
    (t) => `Quiz géant : ${t.np}`,
    (t) => `Soirée jeux de société autour ${deNp(t.np)}`,
  ],
  other: [
    (t) => `Rencontre-lecture autour ${deNp(t.np)}`,
    (t) => `Table ronde : ${t.np}, quels enjeux pour notre territoire ?`,
    (t) => `Club sciences : ${t.np}`,
    (t) => `Rencontre-dédicace : un livre sur ${t.np}`,
  ],
};

const SUMMARIES: Readonly<Record<EventFormat, readonly TitlePattern[]>> = {
  conference: [(t) => `Une conférence pour comprendre ${t.np}, suivie d'un temps d'échange avec le public.`, (t) => `Les dernières avancées de la recherche sur ${t.np}, expliquées simplement.`],
  workshop: [(t) => `Un atelier pour découvrir ${t.np} en expérimentant.`, (t) => `Manipuler, observer, comprendre : un atelier pratique sur ${t.np}.`],
  exhibition: [(t) => `Une exposition pour explorer ${t.np}, entre objets, manipulations et vidéos.`, (t) => `Un parcours d'exposition consacré ${aNp(t.np)}.`],
  'science-cafe': [(t) => `Une discussion ouverte sur ${t.np}, autour d'un verre.`, (t) => `Un chercheur, un bar, vos questions : ${t.np} en débat.`],
  'lab-visit': [(t) => `Visite des coulisses de la recherche sur ${t.np}.`, (t) => `Les portes d'un laboratoire s'ouvrent : ${t.np} comme vous ne l'avez jamais vu.`],
  festival: [() => 'Ateliers, conférences, spectacles et animations pour tous les âges.'],
  'field-survey': [(t) => `Une sortie sur le terrain pour observer ${t.np}.`, (t) => `Observer et noter : une sortie participative consacrée ${aNp(t.np)}.`],
  screening: [(t) => `Projection d'un documentaire suivie d'un débat sur ${t.np}.`],
  game: [(t) => `Un jeu en équipe pour explorer ${t.np}.`, (t) => `Énigmes et défis scientifiques autour ${deNp(t.np)}.`],
  other: [(t) => `Une rencontre autour ${deNp(t.np)}.`, (t) => `Échanges, lectures et démonstrations sur ${t.np}.`],
};

// ---------------------------------------------------------------- Actors and venues

type VenueKind = 'science-centre' | 'museum' | 'university' | 'lab' | 'library' | 'hall' | 'cafe' | 'cinema' | 'park' | 'observatory' | 'fablab' | 'school' | 'festival';

interface Venue {
  location: Location;
  /** Index into `places` when the venue is a place to visit. */
  place?: number;
  outdoor: boolean;
}

interface ActorProfile {
  kind: ActorKind;
  name: string;
  /** "l'Université de Tours", "le Club d'astronomie de Bourges": the name inside a sentence. */
  theName: string;
  /** "de l'Université de Tours", "du Club d'astronomie de Bourges": the name after "de". */
  deName: string;
  /** "à l'Université de Tours": where someone works. */
  atName: string;
  commune: Commune;
  venue?: VenueKind;
  website: string;
  email: string;
  phone: string;
  disciplines: Discipline[];
  person?: Person;
}

/** Overseas regions each have one university, named after the territory rather than a town. */
const OVERSEAS_UNIVERSITIES: Readonly<Partial<Record<RegionCode, string>>> = {
  '01': 'Université des Antilles',
  '02': 'Université des Antilles',
  '03': 'Université de Guyane',
  '04': 'Université de La Réunion',
  '06': 'Université de Mayotte',
};

/** Indices of the actors `buildActors` creates, in its order. */
const A = { ccsti: 0, museum: 1, university: 2, envLab: 3, csLab: 4, astronomy: 5, naturalists: 6, makers: 7, libraries: 8, smallLibrary: 9, independent: 10, industry: 11 } as const;

/** Which kinds of actor organise which formats. */
const ORGANISERS: Readonly<Record<EventFormat, readonly ActorKind[]>> = {
  conference: ['university', 'museum', 'library', 'ccsti', 'lab', 'association'],
  workshop: ['library', 'association', 'ccsti', 'museum', 'independent'],
  exhibition: ['museum', 'ccsti', 'library'],
  'science-cafe': ['association', 'ccsti', 'independent', 'university'],
  'lab-visit': ['lab', 'university'],
  festival: ['ccsti', 'association'],
  'field-survey': ['association', 'museum', 'ccsti'],
  screening: ['library', 'association', 'ccsti'],
  game: ['ccsti', 'library', 'association', 'independent'],
  other: ['library', 'museum', 'ccsti', 'independent', 'association'],
};

const VENUES_FOR: Readonly<Record<EventFormat, readonly VenueKind[]>> = {
  conference: ['university', 'library', 'museum', 'science-centre', 'hall'],
  workshop: ['library', 'fablab', 'science-centre', 'museum', 'hall', 'school'],
  exhibition: ['museum', 'science-centre', 'library'],
  'science-cafe': ['cafe'],
  'lab-visit': ['lab', 'university'],
  festival: ['festival'],
  'field-survey': ['park'],
  screening: ['cinema', 'library'],
  game: ['library', 'science-centre', 'hall'],
  other: ['hall', 'library', 'museum'],
};

const FESTIVAL_NAMES = ['Festival Sciences en fête', 'Festival Curiosités', 'Festival Image et science', 'Les Rencontres du ciel', 'Festival Nature en ville', 'Festival du film scientifique', 'Festival Eurêka', 'Festival Science en scène'];

const STREETS = [
  'rue Victor-Hugo', 'avenue Jean-Jaurès', 'place de la République', 'rue Pasteur', 'boulevard Gambetta', 'rue du Général-Leclerc', "place de l'Hôtel-de-Ville",
  'rue des Écoles', 'avenue de la Libération', 'rue Jules-Ferry', 'rue de la Gare', 'allée des Tilleuls', 'rue du Moulin', 'rue Marie-Curie', 'place du Marché',
  'rue Nationale', 'quai des Tanneurs', 'rue de la Paix', 'avenue des Sciences', 'rue Lavoisier', 'chemin des Prés', 'rue Condorcet',
];
const CAFES = ['Café Le Central', 'Brasserie du Théâtre', 'Café de la Gare', 'Le Comptoir', 'Café associatif La Fabrique', 'Bar Le Bon Coin', 'Brasserie des Halles'];
const CINEMAS = ['Cinéma Le Rex', 'Cinéma Les Variétés', 'Ciné-Lumière', 'Cinéma Le Palace', "Cinéma L'Alhambra", 'Cinéma Le Studio'];
const HALLS = ['Salle des fêtes', 'Espace culturel', 'Salle polyvalente', 'Maison des associations', 'Centre social'];
const PARKS = ['Parc municipal', 'Jardin public', 'Base de loisirs', 'Forêt communale', 'Étang communal', 'Coulée verte'];
const SCHOOLS = ['Lycée Jean-Moulin', 'Lycée Marie-Curie', 'Collège Jules-Ferry', 'Lycée Louis-Pasteur', 'Collège Simone-Veil', 'Lycée Condorcet'];
const AMPHIS = ['Marie-Curie', 'Louis-Pasteur', 'Sophie-Germain', 'Henri-Poincaré', 'Émilie-du-Châtelet', 'Paul-Langevin', 'Ada-Lovelace'];

// ---------------------------------------------------------------- Recurring events

interface RecurringSpec {
  format: EventFormat;
  /** RRULE weekday and its index (0 = Monday). */
  byDay: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
  weekday: number;
  /** Weekly every `interval` weeks, or monthly on the `ordinal`-th weekday (-1: last). */
  every: { weeks: number } | { ordinal: number };
  end: { count: number } | { untilDays: number };
  start: number;
  minutes: number;
  exdates: number;
  topics: (topic: Topic) => boolean;
  /** Who runs it, at their own venue; otherwise any organiser of the format, anywhere. */
  organisers?: readonly ActorKind[];
  actor?: number;
  title: TitlePattern;
  schedule: string;
}

const isSkyTopic = (topic: Topic): boolean => topic.night === true && topic.disciplines.includes('astronomy');

const RECURRING: readonly RecurringSpec[] = [
  { format: 'workshop', byDay: 'WE', weekday: 2, every: { weeks: 1 }, end: { count: 10 }, start: 14 * 60 + 30, minutes: 90, exdates: 1, topics: () => true, title: (t) => `Les mercredis des sciences : ${t.np}`, schedule: "Rendez-vous chaque mercredi à 14 h 30 pendant dix semaines (pas de séance pendant les vacances scolaires)." },
  { format: 'science-cafe', byDay: 'TH', weekday: 3, every: { ordinal: 3 }, end: { untilDays: 240 }, start: 18 * 60 + 30, minutes: 90, exdates: 0, topics: () => true, title: (t) => `Café des sciences du troisième jeudi : ${t.np}`, schedule: 'Un rendez-vous mensuel, le troisième jeudi de chaque mois à 18 h 30.' },
  { format: 'game', byDay: 'SA', weekday: 5, every: { weeks: 1 }, end: { untilDays: 120 }, start: 15 * 60, minutes: 120, exdates: 2, topics: () => true, title: (t) => `Club sciences du samedi : ${t.np}`, schedule: 'Le club se réunit chaque samedi à 15 h, sauf les samedis de jours fériés.' },
  { format: 'conference', byDay: 'TU', weekday: 1, every: { weeks: 2 }, end: { count: 8 }, start: 18 * 60 + 30, minutes: 90, exdates: 0, topics: () => true, title: (t) => `Cycle de conférences : ${t.np}`, schedule: 'Huit conférences, un mardi sur deux à 18 h 30.' },
  { format: 'field-survey', byDay: 'FR', weekday: 4, every: { ordinal: -1 }, end: { count: 6 }, start: 21 * 60 + 30, minutes: 120, exdates: 0, topics: isSkyTopic, actor: A.astronomy, title: (t) => `Soirées d'observation du dernier vendredi : ${t.np}`, schedule: 'Observation le dernier vendredi de chaque mois à 21 h 30, si la météo le permet.' },
  { format: 'field-survey', byDay: 'SA', weekday: 5, every: { ordinal: 2 }, end: { untilDays: 180 }, start: 9 * 60, minutes: 150, exdates: 1, topics: (t) => t.outdoor === true && t.night !== true, actor: A.naturalists, title: (t) => `Comptage participatif mensuel : ${t.np}`, schedule: 'Relevés le deuxième samedi de chaque mois à 9 h, rendez-vous sur le parking.' },
  { format: 'other', byDay: 'SU', weekday: 6, every: { ordinal: 1 }, end: { count: 5 }, start: 14 * 60, minutes: 180, exdates: 0, topics: () => true, organisers: ['museum'], title: (t) => `Premier dimanche au musée : ${t.np}`, schedule: 'Entrée libre et animations le premier dimanche de chaque mois, de 14 h à 17 h.' },
  { format: 'lab-visit', byDay: 'WE', weekday: 2, every: { ordinal: 1 }, end: { count: 6 }, start: 14 * 60, minutes: 120, exdates: 1, topics: (t) => t.lab === true, organisers: ['lab', 'university'], title: (t) => `Visite mensuelle du laboratoire : ${t.np}`, schedule: 'Visite guidée le premier mercredi de chaque mois à 14 h.' },
  { format: 'exhibition', byDay: 'SU', weekday: 6, every: { weeks: 1 }, end: { count: 12 }, start: 15 * 60, minutes: 60, exdates: 1, topics: () => true, organisers: ['museum', 'ccsti'], title: (t) => `Visite guidée du dimanche : ${t.np}`, schedule: "Une médiatrice vous guide dans l'exposition chaque dimanche à 15 h." },
];

/** Start times and durations (minutes) per format, and the weekdays each prefers (0 = Monday). */
const SLOTS: Readonly<Record<EventFormat, { times: readonly (readonly [number, number])[]; weekdays: readonly number[] }>> = {
  conference: { times: [[18 * 60 + 30, 90], [20 * 60, 90], [14 * 60 + 30, 90]], weekdays: [1, 2, 3, 4] },
  workshop: { times: [[10 * 60, 120], [14 * 60, 90], [14 * 60 + 30, 120], [15 * 60, 90]], weekdays: [2, 5] },
  exhibition: { times: [[10 * 60, 480]], weekdays: [0, 1, 2, 3, 4, 5, 6] },
  'science-cafe': { times: [[18 * 60 + 30, 90], [19 * 60, 120]], weekdays: [1, 3] },
  'lab-visit': { times: [[9 * 60 + 30, 120], [14 * 60, 120], [10 * 60, 90]], weekdays: [0, 1, 2, 3, 4] },
  festival: { times: [[10 * 60, 480]], weekdays: [5] },
  'field-survey': { times: [[9 * 60, 180], [14 * 60, 150]], weekdays: [5, 6] },
  screening: { times: [[20 * 60, 150], [18 * 60, 120]], weekdays: [3, 4] },
  game: { times: [[14 * 60, 180], [19 * 60 + 30, 150]], weekdays: [2, 5, 6] },
  other: { times: [[18 * 60, 120], [10 * 60, 360]], weekdays: [0, 1, 2, 3, 4, 5] },
};

const NIGHT_SLOTS = { times: [[21 * 60, 120], [21 * 60 + 30, 120]], weekdays: [4, 5] } as const;

const AUDIENCES_FOR: Readonly<Record<EventFormat, readonly (readonly Audience[])[]>> = {
  conference: [['adults'], ['adults', 'teens'], ['adults', 'families']],
  workshop: [['children'], ['children', 'families'], ['families'], ['teens'], ['children', 'school-groups']],
  exhibition: [['families', 'adults', 'school-groups'], ['adults', 'teens'], ['families', 'children']],
  'science-cafe': [['adults'], ['adults', 'teens']],
  'lab-visit': [['adults', 'teens'], ['school-groups', 'teens'], ['families']],
  festival: [['families', 'children', 'teens', 'adults']],
  'field-survey': [['families'], ['adults'], ['children', 'families'], ['adults', 'teens']],
  screening: [['adults'], ['adults', 'teens'], ['families']],
  game: [['teens', 'adults'], ['families', 'children'], ['teens']],
  other: [['adults'], ['adults', 'professionals'], ['families']],
};

const PAID_PRICES = ['5 € ; 3 € pour les moins de 18 ans', 'Plein tarif 8 €, tarif réduit 5 €', 'Participation aux frais : 2 €', 'Adhérents gratuit, non-adhérents 4 €'];
const PAID_SHARE: Readonly<Record<EventFormat, number>> = { conference: 0.15, workshop: 0.3, exhibition: 0.6, 'science-cafe': 0, 'lab-visit': 0, festival: 0, 'field-survey': 0.2, screening: 0.5, game: 0.4, other: 0.3 };
const REGISTRATION_SHARE: Readonly<Record<EventFormat, number>> = { conference: 0.2, workshop: 0.85, exhibition: 0, 'science-cafe': 0.1, 'lab-visit': 0.9, festival: 0, 'field-survey': 0.8, screening: 0.15, game: 0.7, other: 0.4 };

// ---------------------------------------------------------------- Generator

interface EventSpec {
  format: EventFormat;
  topic?: Topic;
  topics?: (topic: Topic) => boolean;
  titlePattern?: TitlePattern;
  title?: string;
  organisers?: readonly ActorKind[];
  /** At the organiser's own venue when it suits the format. */
  atHome?: boolean;
  /** Appended to the title: the campaign's name. */
  titleSuffix?: string;
  actor?: number;
  commune?: Commune;
  venue?: Venue;
  attendance?: AttendanceMode;
  /** Day relative to today for single-day events; ignored when `when` is given. */
  offset?: number;
  when?: { timings: Timing[] } | { recurrence: NonNullable<EventInput['recurrence']> };
  status?: EventStatus;
  campaign?: string;
  parent?: number;
  audiences?: readonly Audience[];
  accessibility?: readonly AccessibilityFlag[];
  languages?: readonly string[];
  registrationRequired?: boolean;
  /** For events that are not about one topic (festivals, meetings): replaces the topic's text and facets. */
  about?: { summary: string; description: string; keywords: string[]; disciplines: Discipline[] };
  price?: Price;
  extra?: string;
  publish?: boolean;
}

class SeedBuilder {
  private readonly rng: Random;
  private readonly region: RegionCode;
  private readonly phrases: { de: string; in: string };
  private readonly timeZone: string;
  private readonly base: string;
  private readonly today: Day;
  private readonly scale: number;
  private readonly communes: Commune[];
  private readonly titles = new Set<string>();
  private readonly venues = new Map<string, Venue>();
  /** What each event is about, for the articles that report on it; undefined for festivals and meetings. */
  private readonly eventTopics: (Topic | undefined)[] = [];
  private readonly profiles: ActorProfile[] = [];
  private readonly content: SeedContent;
  private readonly fdsYear: number;
  private imageCount = 0;
  /** Share of freely dated events put in the past; tuned so about a third of all events are. */
  private pastShare = 1 / 3;

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
    this.fdsYear = this.nearestFeteDeLaScience();
    this.content = { region: options.region, actors: [], places: [], events: [], articles: [], projects: [], announcements: [], dossiers: [], resources: [], members: [] };
  }

  build(): SeedContent {
    this.buildActors();
    this.buildPlaces();
    this.locateActors();
    this.buildEvents();
    this.buildArticles();
    this.buildProjects();
    this.buildAnnouncements();
    this.buildDossiers();
    this.buildResources();
    this.buildMembers();
    return this.content;
  }

  // ------------------------------------------------------------ helpers

  /** The i-th most populous commune; small regions wrap around rather than fail. */
  private commune(index: number): Commune {
    return this.communes[index % this.communes.length] as Commune;
  }

  /** A commune for an event away from its organiser: mostly towns, sometimes villages. */
  private anyCommune(): Commune {
    return this.commune(Math.floor(this.communes.length * this.rng.next() ** 1.6));
  }

  private person(feminine = this.rng.chance(0.55)): Person {
    return { first: this.rng.pick(feminine ? FIRST_NAMES_F : FIRST_NAMES_M), last: this.rng.pick(LAST_NAMES), feminine };
  }

  private phone(): string {
    return `${PHONE_BLOCK[this.region]} ${pad(this.rng.int(0, 99))} ${pad(this.rng.int(0, 99))}`;
  }

  /** Claims a title, or returns undefined when another piece of content already has it. */
  private claim(title: string): string | undefined {
    if (this.titles.has(title)) return undefined;
    this.titles.add(title);
    return title;
  }

  private uniqueTitle(candidate: string, commune: Commune): string {
    const claimed = this.claim(candidate) ?? this.claim(`${candidate} ${at(commune.name)}`);
    if (claimed !== undefined) return claimed;
    for (let edition = 2; ; edition++) {
      const numbered = this.claim(`${candidate} ${at(commune.name)} (session ${edition})`);
      if (numbered !== undefined) return numbered;
    }
  }

  private image(name: string, alt: string, credit: string): Image {
    this.imageCount += 1;
    return { url: `${this.base}/media/seed/${slugify(name, 40)}-${this.imageCount}.jpg`, alt, credit };
  }

  /** A point within ~300 m of the commune's centre: venues of one town do not stack on one pixel. */
  private jitter(commune: Commune): { lat: number; lon: number } {
    const radius = 300 * Math.sqrt(this.rng.next());
    const angle = 2 * Math.PI * this.rng.next();
    const lat = commune.lat + (radius * Math.cos(angle)) / 111_320;
    const lon = commune.lon + (radius * Math.sin(angle)) / (111_320 * Math.cos((commune.lat * Math.PI) / 180));
    return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
  }

  private location(name: string, commune: Commune): Location {
    return {
      name,
      address: `${this.rng.int(1, 84)} ${this.rng.pick(STREETS)}`,
      ...(commune.postalCode === undefined ? {} : { postalCode: commune.postalCode }),
      commune: commune.name,
      inseeCode: commune.inseeCode,
      ...this.jitter(commune),
    };
  }

  private venueName(kind: VenueKind, commune: Commune): string {
    switch (kind) {
      case 'science-centre':
        return `Maison des sciences ${this.phrases.de}`;
      case 'museum':
        return `Musée municipal ${de(commune.name)}`;
      case 'university':
        return `Amphithéâtre ${this.rng.pick(AMPHIS)}, Université ${de(commune.name)}`;
      case 'lab':
        return `Campus scientifique ${de(commune.name)}`;
      case 'library':
        return `Médiathèque ${de(commune.name)}`;
      case 'hall':
        return `${this.rng.pick(HALLS)} ${de(commune.name)}`;
      case 'cafe':
        return this.rng.pick(CAFES);
      case 'cinema':
        return this.rng.pick(CINEMAS);
      case 'park':
        return `${this.rng.pick(PARKS)} ${de(commune.name)}`;
      case 'observatory':
        return `Terrain d'observation du club d'astronomie ${de(commune.name)}`;
      case 'fablab':
        return `Fablab ${de(commune.name)}`;
      case 'school':
        return this.rng.pick(SCHOOLS);
      case 'festival':
        return `Parc des expositions ${de(commune.name)}`;
    }
  }

  /** One venue per kind and commune, created on first use so every event there shares its address. */
  private venue(kind: VenueKind, commune: Commune): Venue {
    const key = `${kind}|${commune.inseeCode}`;
    let venue = this.venues.get(key);
    if (venue === undefined) {
      venue = { location: this.location(this.venueName(kind, commune), commune), outdoor: kind === 'park' || kind === 'observatory' || kind === 'festival' };
      this.venues.set(key, venue);
    }
    return venue;
  }

  private registerPlaceVenue(kind: VenueKind, commune: Commune, location: Location, place: number, outdoor = false): void {
    this.venues.set(`${kind}|${commune.inseeCode}`, { location, place, outdoor });
  }

  /** Venue kinds that exist in a commune: a university or a lab only where one was seeded. */
  private venueAvailable(kind: VenueKind, commune: Commune): boolean {
    if (kind === 'science-centre' || kind === 'lab' || kind === 'university') return this.venues.has(`${kind}|${commune.inseeCode}`);
    if (kind === 'museum') return this.venues.has(`${kind}|${commune.inseeCode}`) || this.communes.indexOf(commune) < 12;
    return true;
  }

  private actorsOfKind(kinds: readonly ActorKind[]): number[] {
    return this.profiles.flatMap((profile, index) => (kinds.includes(profile.kind) ? [index] : []));
  }

  private profile(index: number): ActorProfile {
    const profile = this.profiles[index];
    if (profile === undefined) throw new Error(`no actor ${index}`);
    return profile;
  }

  private nearestFeteDeLaScience(): number {
    const { year } = yearMonthOf(this.today);
    const distance = (y: number) => Math.abs(Math.floor(Date.UTC(y, 9, 7) / DAY_MS) - this.today);
    return [year - 1, year, year + 1].reduce((best, y) => (distance(y) < distance(best) ? y : best));
  }

  private get campaign(): string {
    return `fete-de-la-science-${this.fdsYear}`;
  }

  // ------------------------------------------------------------ actors

  private addActor(profile: ActorProfile, input: Omit<ActorInput, 'name' | 'kind' | 'website' | 'email' | 'phone' | 'disciplines' | 'location'>, verified: boolean): number {
    const index = this.profiles.length;
    this.profiles.push(profile);
    this.content.actors.push({
      input: {
        name: profile.name,
        kind: profile.kind,
        ...input,
        disciplines: profile.disciplines,
        website: profile.website,
        email: profile.email,
        phone: profile.phone,
      },
      verified,
    });
    return index;
  }

  /** Actors are located at their building, known once places to visit have claimed theirs. */
  private locateActors(): void {
    for (const [index, profile] of this.profiles.entries()) {
      const actor = this.content.actors[index];
      if (actor === undefined || profile.venue === undefined) continue;
      actor.input.location = { ...this.venue(profile.venue, profile.commune).location };
    }
  }

  private organisation(kind: ActorKind, name: string, article: 'le' | 'la' | "l'" | 'les', commune: Commune, venue: VenueKind | undefined, disciplines: Discipline[]): ActorProfile {
    const slug = domainLabel(name);
    const theName = article === "l'" ? `l'${name}` : `${article} ${name}`;
    const deName = article === 'le' ? `du ${name}` : article === 'les' ? `des ${name}` : `de ${theName}`;
    const atName = article === 'le' ? `au ${name}` : article === 'les' ? `aux ${name}` : `à ${theName}`;
    return { kind, name, theName, deName, atName, commune, ...(venue === undefined ? {} : { venue }), website: `https://${slug}.example.org`, email: `contact@${slug}.example.org`, phone: this.phone(), disciplines };
  }

  private buildActors(): void {
    const [c0, c1, c2, c3, c4, c5, c6] = [0, 1, 2, 3, 4, 5, 6].map((i) => this.commune(i)) as [Commune, Commune, Commune, Commune, Commune, Commune, Commune];
    const region = this.phrases.de;

    const ccsti = this.organisation('ccsti', `Maison des sciences ${region}`, 'la', c0, 'science-centre', ['science-society', 'astronomy', 'ecology', 'physics']);
    this.addActor(ccsti, {
      summary: `Centre de culture scientifique, technique et industrielle ${region} : expositions, ateliers, Fête de la science et animation du réseau régional.`,
      description: `## Qui sommes-nous ?\n\nLa Maison des sciences anime le réseau de la culture scientifique ${region}. Elle conçoit des expositions itinérantes, coordonne la Fête de la science et accompagne les acteurs locaux.\n\n- expositions et ateliers toute l'année ;\n- prêt d'expositions aux communes et aux établissements scolaires ;\n- formation des médiateurs et des bénévoles.`,
      logo: this.image('logo-maison-des-sciences', 'Logo de la Maison des sciences', 'Maison des sciences'),
    }, true);

    const museum = this.organisation('museum', `Muséum d'histoire naturelle ${de(c1.name)}`, 'le', c1, 'museum', ['biology', 'ecology', 'earth-sciences', 'history']);
    this.addActor(museum, {
      summary: `Collections naturalistes, expositions temporaires et ateliers pour découvrir la biodiversité ${region}.`,
      description: `Le muséum conserve plus de cent mille spécimens, des herbiers du XIXe siècle aux collections de minéraux. Il propose chaque saison une exposition temporaire et des ateliers pour tous les publics.`,
    }, true);

    const university = this.organisation('university', OVERSEAS_UNIVERSITIES[this.region] ?? `Université ${de(c0.name)}`, "l'", c0, 'university', ['physics', 'biology', 'computer-science', 'social-sciences', 'history']);
    this.addActor(university, {
      summary: `L'université ouvre ses amphithéâtres et ses laboratoires au public : conférences, visites et rencontres avec les chercheurs.`,
      description: `Le service culture scientifique de l'université organise des conférences grand public, des visites de laboratoires et la participation des équipes de recherche à la Fête de la science.`,
    }, true);

    const envLab = this.organisation('lab', `Institut de recherche en environnement ${de(c2.name)}`, "l'", c2, 'lab', ['ecology', 'climate', 'earth-sciences', 'agriculture']);
    this.addActor(envLab, {
      summary: "Un laboratoire de recherche sur les écosystèmes, les sols et l'eau, qui ouvre régulièrement ses portes au public.",
      description: "Les équipes de l'institut étudient l'effet du changement climatique sur les rivières, les sols et la biodiversité. Elles accueillent des classes et proposent des visites de leurs serres expérimentales.",
    }, false);

    const csLab = this.organisation('lab', `Laboratoire d'informatique et de robotique ${de(c0.name)}`, 'le', c0, 'lab', ['computer-science', 'engineering', 'mathematics']);
    this.addActor(csLab, {
      summary: 'Intelligence artificielle, robotique et sécurité numérique : un laboratoire qui aime partager ses recherches.',
      description: "Le laboratoire réunit une centaine de chercheurs et d'ingénieurs. Ses doctorants animent des ateliers de programmation et des visites de la salle des robots.",
    }, true);

    const astro = this.organisation('association', `Club d'astronomie ${de(c3.name)}`, 'le', c3, 'observatory', ['astronomy', 'physics']);
    this.addActor(astro, {
      summary: 'Observations du ciel, initiation aux télescopes et soirées étoilées ouvertes à tous.',
      description: "Fondé il y a plus de trente ans, le club réunit des passionnés d'astronomie. Il organise des soirées d'observation, prête du matériel à ses adhérents et intervient dans les écoles.",
    }, false);

    const naturalists = this.organisation('association', `Société des naturalistes ${de(c4.name)}`, 'la', c4, 'park', ['ecology', 'biology', 'earth-sciences']);
    this.addActor(naturalists, {
      summary: 'Sorties nature, inventaires participatifs et conférences naturalistes.',
      description: 'La société fédère botanistes, ornithologues et entomologistes amateurs. Ses bénévoles animent des sorties tout au long de l’année et contribuent aux inventaires de la faune et de la flore.',
    }, true);

    const makers = this.organisation('association', `Atelier des sciences ${de(c2.name)}`, "l'", c2, 'fablab', ['engineering', 'computer-science', 'chemistry', 'physics']);
    this.addActor(makers, {
      summary: 'Une association de médiation scientifique qui fait expérimenter petits et grands.',
      description: "L'Atelier des sciences anime des ateliers d'expériences, des clubs de robotique et des stages pendant les vacances scolaires, dans les quartiers comme dans les villages.",
    }, false);

    const libraries = this.organisation('library', `Réseau des médiathèques ${de(c0.name)}`, 'le', c0, 'library', ['science-society', 'history', 'linguistics']);
    this.addActor(libraries, {
      summary: 'Rencontres, ateliers et expositions scientifiques dans les médiathèques du réseau.',
      description: 'Les médiathèques proposent toute l’année des rendez-vous scientifiques : clubs de lecture, ateliers numériques, expositions et rencontres avec des auteurs.',
    }, true);

    const smallLibrary = this.organisation('library', `Médiathèque ${de(c6.name)}`, 'la', c6, 'library', ['science-society', 'ecology']);
    this.addActor(smallLibrary, {
      summary: 'Une médiathèque de proximité qui accueille ateliers, expositions et cafés des sciences.',
    }, false);

    const communicator = this.person();
    const independentName = fullName(communicator);
    const independentSlug = domainLabel(independentName);
    this.addActor({
      kind: 'independent',
      name: independentName,
      theName: independentName,
      deName: `de ${independentName}`,
      atName: `avec ${independentName}`,
      commune: c5,
      website: `https://${independentSlug}.example.org`,
      email: `bonjour@${independentSlug}.example.org`,
      phone: this.phone(),
      disciplines: ['science-society', 'chemistry', 'mathematics'],
      person: communicator,
    }, {
      summary: `${communicator.feminine ? 'Médiatrice scientifique indépendante' : 'Médiateur scientifique indépendant'} : spectacles, ateliers et cafés des sciences partout ${this.phrases.in}.`,
      description: `${communicator.feminine ? 'Ancienne chercheuse' : 'Ancien chercheur'} en chimie, ${communicator.first} conçoit des ateliers et des spectacles scientifiques pour les médiathèques, les écoles et les festivals.`,
    }, false);

    const industry = this.organisation('museum', `Musée de l'industrie et des techniques ${de(c3.name)}`, 'le', c3, 'museum', ['engineering', 'history', 'energy']);
    this.addActor(industry, {
      summary: "Machines, savoir-faire et patrimoine industriel : l'histoire des techniques racontée par ceux qui l'ont faite.",
      description: "Installé dans une ancienne usine, le musée présente machines-outils, moteurs et objets du quotidien. Des démonstrations ont lieu chaque week-end.",
    }, false);
  }

  // ------------------------------------------------------------ places

  private addPlace(actor: number | undefined, venueKind: VenueKind | undefined, commune: Commune, input: Omit<PlaceInput, 'actorId' | 'location'>, outdoor = false): number {
    const index = this.content.places.length;
    const location = this.location(input.name, commune);
    if (venueKind !== undefined) this.registerPlaceVenue(venueKind, commune, location, index, outdoor);
    this.content.places.push({ ...(actor === undefined ? {} : { actor }), input: { ...input, location: { ...location } }, publish: true });
    return index;
  }

  private buildPlaces(): void {
    const year = yearMonthOf(this.today).year;
    const tuesdayToSaturday: OpeningHours[] = [
      { days: ['tu', 'we', 'th', 'fr'], opens: '10:00', closes: '18:00' },
      { days: ['sa', 'su'], opens: '14:00', closes: '18:30' },
    ];
    const accessible: AccessibilityFlag[] = ['motor', 'hearing', 'visual'];
    const ccsti = this.profile(A.ccsti);
    this.addPlace(A.ccsti, 'science-centre', ccsti.commune, {
      name: ccsti.name,
      kind: 'science-centre',
      summary: 'Expositions interactives, planétarium numérique et ateliers pour toute la famille.',
      description: "Trois salles d'exposition, un espace pour les tout-petits et un planétarium numérique de quarante places. Les expositions changent deux fois par an.\n\n- ateliers le mercredi et le samedi ;\n- visites de groupes sur réservation.",
      openingHours: tuesdayToSaturday,
      openingNotes: 'Fermé le lundi et les jours fériés.',
      accessibility: [...accessible, 'intellectual'],
      price: { free: false, details: 'Plein tarif 7 €, réduit 4 €, gratuit pour les moins de 6 ans' },
      audiences: ['families', 'children', 'school-groups', 'adults'],
      disciplines: ccsti.disciplines,
      website: ccsti.website,
      phone: ccsti.phone,
      email: ccsti.email,
      image: this.image('maison-des-sciences', "Le hall d'exposition de la Maison des sciences", 'Maison des sciences'),
    });

    const museum = this.profile(A.museum);
    this.addPlace(A.museum, 'museum', museum.commune, {
      name: museum.name,
      kind: 'museum',
      summary: 'Galerie de la biodiversité, minéraux, fossiles et expositions temporaires.',
      description: "La galerie permanente présente la faune et la flore de la région, des grands mammifères aux insectes. Un cabinet de curiosités reconstitué rappelle l'histoire des collections.",
      openingHours: [{ days: ['tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '10:00', closes: '18:00' }],
      openingNotes: 'Gratuit le premier dimanche du mois.',
      accessibility: accessible,
      price: { free: false, details: 'Plein tarif 6 €, gratuit pour les moins de 18 ans' },
      audiences: ['families', 'children', 'adults', 'school-groups'],
      disciplines: museum.disciplines,
      website: museum.website,
      phone: museum.phone,
      image: this.image('museum', 'Squelette de mammifère dans la galerie du muséum', museum.name),
    });

    const industry = this.profile(A.industry);
    this.addPlace(A.industry, 'museum', industry.commune, {
      name: industry.name,
      kind: 'museum',
      summary: "Machines en fonctionnement et patrimoine industriel de la région.",
      description: "Le parcours suit deux siècles d'histoire industrielle, de la machine à vapeur à l'électronique. Des bénévoles, anciens ouvriers et ingénieurs, font fonctionner les machines chaque week-end.",
      openingHours: [{ days: ['we', 'sa', 'su'], opens: '14:00', closes: '18:00' }],
      accessibility: ['motor'],
      price: { free: false, details: 'Plein tarif 5 €, réduit 3 €' },
      audiences: ['families', 'adults', 'school-groups'],
      disciplines: industry.disciplines,
      website: industry.website,
    });

    const astro = this.profile(A.astronomy);
    this.addPlace(A.astronomy, 'observatory', astro.commune, {
      name: `Planétarium et observatoire ${de(astro.commune.name)}`,
      kind: 'planetarium',
      summary: 'Séances de planétarium et observations aux télescopes les soirs de beau temps.',
      description: "Une coupole équipée d'un télescope de 400 mm et une salle de planétarium accueillent le public. Les soirées d'observation sont animées par les membres du club d'astronomie.",
      openingHours: [{ days: ['we', 'sa'], opens: '14:00', closes: '18:00' }, { days: ['fr'], opens: '20:30', closes: '23:30' }],
      openingNotes: 'Soirées d’observation annulées en cas de ciel couvert.',
      accessibility: ['motor'],
      price: { free: false, details: 'Séance de planétarium : 5 € ; observations gratuites' },
      audiences: ['families', 'children', 'teens', 'adults'],
      disciplines: ['astronomy'],
      website: astro.website,
    }, true);

    const c0 = this.commune(0);
    this.addPlace(undefined, 'park', c0, {
      name: `Jardin botanique ${de(c0.name)}`,
      kind: 'garden',
      summary: 'Serres tropicales, plantes médicinales et arboretum en plein cœur de la ville.',
      description: 'Plus de quatre mille espèces végétales sont cultivées dans le jardin et ses serres. Des panneaux expliquent la classification des plantes et leurs usages.',
      openingHours: [
        { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '08:00', closes: '20:00', validFrom: `${year}-04-01`, validThrough: `${year}-09-30` },
        { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '08:30', closes: '17:30', validFrom: `${year}-10-01`, validThrough: `${year + 1}-03-31` },
      ],
      openingNotes: 'Serres fermées le lundi matin.',
      accessibility: ['motor', 'visual'],
      price: { free: true },
      audiences: ['families', 'children', 'adults', 'school-groups'],
      disciplines: ['biology', 'ecology'],
      image: this.image('jardin-botanique', 'Allée bordée de massifs fleuris au jardin botanique', `Ville ${de(c0.name)}`),
    }, true);

    const envLab = this.profile(A.envLab);
    this.addPlace(A.envLab, 'lab', envLab.commune, {
      name: `Serres expérimentales de l'Institut de recherche en environnement`,
      kind: 'lab',
      summary: 'Un laboratoire ouvert au public : serres, rivière artificielle et collections de sols.',
      description: "Les chercheurs y étudient la réponse des plantes à la sécheresse. Des visites guidées montrent les dispositifs expérimentaux et les mesures en cours.",
      openingHours: [{ days: ['we'], opens: '14:00', closes: '17:00' }],
      openingNotes: 'Visites guidées sur réservation uniquement.',
      accessibility: ['motor'],
      price: { free: true },
      audiences: ['adults', 'teens', 'school-groups'],
      disciplines: ['ecology', 'agriculture', 'climate'],
      website: envLab.website,
      email: envLab.email,
    });

    const c7 = this.commune(7);
    this.addPlace(undefined, undefined, c7, {
      name: `Parc animalier ${de(c7.name)}`,
      kind: 'aquarium',
      summary: 'Espèces locales et programmes de conservation dans un parc de vingt hectares.',
      description: 'Loutres, cigognes, lynx et tortues : le parc accueille des animaux de la faune européenne et participe à des programmes de réintroduction.',
      openingHours: [{ days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '09:30', closes: '18:30' }],
      accessibility: ['motor', 'intellectual', 'psychic'],
      price: { free: false, details: 'Adulte 14 €, enfant 9 €' },
      audiences: ['families', 'children', 'school-groups'],
      disciplines: ['biology', 'ecology'],
      phone: this.phone(),
    }, true);

    const c8 = this.commune(8);
    const heritage = this.rng.pick(['Moulin à papier', 'Ancienne filature', 'Ancienne centrale hydroélectrique', 'Ancienne tuilerie', 'Forge-musée']);
    this.addPlace(undefined, undefined, c8, {
      name: `${heritage} ${de(c8.name)}`,
      kind: 'heritage-site',
      summary: 'Un site industriel restauré où les machines fonctionnent encore.',
      description: 'Le site raconte le travail des ouvriers et l’ingéniosité des techniques d’autrefois. Des démonstrations ont lieu lors des visites guidées.',
      openingHours: [{ days: ['sa', 'su'], opens: '14:00', closes: '18:00', validFrom: `${year}-04-01`, validThrough: `${year}-10-31` }],
      openingNotes: 'Ouvert en semaine pour les groupes, sur réservation.',
      price: { free: false, details: 'Visite guidée : 5 €' },
      audiences: ['families', 'adults'],
      disciplines: ['history', 'engineering'],
    });

    const libraries = this.profile(A.libraries);
    this.addPlace(A.libraries, 'library', libraries.commune, {
      name: `Médiathèque centrale ${de(libraries.commune.name)}`,
      kind: 'library',
      summary: 'Fonds scientifique, espace numérique et expositions temporaires.',
      description: 'La médiathèque centrale accueille un fonds de vulgarisation scientifique, un fablab ouvert le samedi et une salle d’exposition.',
      openingHours: [{ days: ['tu', 'th', 'fr'], opens: '13:00', closes: '19:00' }, { days: ['we', 'sa'], opens: '10:00', closes: '18:00' }],
      accessibility: ['motor', 'hearing', 'visual', 'intellectual', 'psychic'],
      price: { free: true },
      audiences: ['families', 'children', 'teens', 'adults'],
      disciplines: ['science-society', 'computer-science'],
      website: libraries.website,
    });

    const naturalists = this.profile(A.naturalists);
    this.addPlace(A.naturalists, 'park', naturalists.commune, {
      name: `Maison de la nature ${de(naturalists.commune.name)}`,
      kind: 'other',
      summary: 'Un espace naturel sensible avec sentier pédagogique, mare et observatoire à oiseaux.',
      description: 'Le sentier de deux kilomètres traverse prairies, haies et zones humides. La maison de la nature propose des expositions et des sorties accompagnées.',
      openingHours: [{ days: ['we', 'sa', 'su'], opens: '10:00', closes: '17:00' }],
      accessibility: ['motor'],
      price: { free: true },
      audiences: ['families', 'children', 'adults', 'school-groups'],
      disciplines: ['ecology', 'biology'],
      website: naturalists.website,
    }, true);
  }

  // ------------------------------------------------------------ events

  private pickTopic(filter: (topic: Topic) => boolean = () => true): Topic {
    const topics = TOPICS.filter(filter);
    return this.rng.pick(topics.length > 0 ? topics : TOPICS);
  }

  /** What the event may be about: what its format allows and, mostly, what its organiser works on. */
  private topicFilter(spec: EventSpec, actor: ActorProfile): (topic: Topic) => boolean {
    const format = spec.format;
    const allowed = spec.topics ?? (format === 'lab-visit' ? (t: Topic) => t.lab === true : format === 'field-survey' ? (t: Topic) => t.outdoor === true : () => true);
    const own = (t: Topic) => allowed(t) && t.disciplines.some((discipline) => actor.disciplines.includes(discipline));
    const preferOwn = format === 'lab-visit' || this.rng.chance(actor.kind === 'library' || actor.kind === 'ccsti' ? 0.3 : 0.75);
    return preferOwn && TOPICS.some(own) ? own : allowed;
  }

  /** A topic whose title under this spec is still free, when a few draws find one. */
  private freshTopic(spec: EventSpec, filter: ((topic: Topic) => boolean) | undefined): Topic {
    let topic = this.pickTopic(filter);
    if (spec.title !== undefined) return topic;
    const patterns = spec.titlePattern === undefined ? TITLES[spec.format] : [spec.titlePattern];
    const suffix = spec.titleSuffix ?? '';
    for (let attempt = 0; attempt < 8 && patterns.every((pattern) => this.titles.has(`${pattern(topic)}${suffix}`)); attempt++) topic = this.pickTopic(filter);
    return topic;
  }

  /** The nearest day on or after (future) or before (past) `offset` that falls on one of `weekdays`. */
  private dayNear(offset: number, weekdays: readonly number[]): Day {
    const start = this.today + offset;
    for (let shift = 0; shift < 21; shift++) {
      const day = offset < 0 ? start - shift : start + shift;
      if (weekdays.includes(weekdayOf(day)) && !isHoliday(day)) return day;
    }
    return start;
  }

  private randomOffset(): number {
    return this.rng.chance(this.pastShare) ? -this.rng.int(2, 90) : this.rng.int(1, 120);
  }

  private singleTimings(format: EventFormat, offset: number, topic: Topic): Timing[] {
    const slots = format === 'field-survey' && topic.night === true ? NIGHT_SLOTS : SLOTS[format];
    if (format === 'exhibition') {
      let start = this.today + offset - (offset < 0 ? this.rng.int(0, 60) : 0);
      while (isHoliday(start)) start += 1;
      const end = start + this.rng.int(45, 150);
      return [{ start: zonedDateTime(start, 10 * 60, this.timeZone), end: zonedDateTime(end, 18 * 60, this.timeZone) }];
    }
    const day = this.dayNear(offset, slots.weekdays);
    const [start, minutes] = this.rng.pick(slots.times);
    return [{ start: zonedDateTime(day, start, this.timeZone), end: zonedDateTime(day, start + minutes, this.timeZone) }];
  }

  private multiTimings(format: EventFormat, offset: number): Timing[] {
    const slots = SLOTS[format];
    const count = this.rng.int(2, 4);
    const [start, minutes] = this.rng.pick(slots.times);
    const sameDay = format === 'lab-visit' || (format === 'workshop' && this.rng.chance(0.5));
    const first = this.dayNear(offset, slots.weekdays);
    const timings: Timing[] = [];
    for (let i = 0; i < count; i++) {
      // Two sessions a day (morning and afternoon), or the same slot on following weeks.
      const day = sameDay ? first + Math.floor(i / 2) * 7 : first + i * 7;
      const at = sameDay ? (i % 2 === 0 ? 10 * 60 : 14 * 60) : start;
      const length = sameDay ? Math.min(minutes, 150) : minutes;
      timings.push({ start: zonedDateTime(day, at, this.timeZone), end: zonedDateTime(day, at + length, this.timeZone) });
    }
    return timings;
  }

  private recurrence(spec: RecurringSpec, past: boolean): NonNullable<EventInput['recurrence']> {
    const base = this.today + (past ? -this.rng.int(20, 60) : this.rng.int(3, 45));
    const occurrences: Day[] = [];
    const limit = 'count' in spec.end ? spec.end.count : 400;
    const untilDay = 'untilDays' in spec.end ? base + spec.end.untilDays : undefined;
    if ('weeks' in spec.every) {
      const first = base + ((spec.weekday - weekdayOf(base) + 7) % 7);
      for (let i = 0; i < Math.min(limit, 60); i++) occurrences.push(first + i * 7 * spec.every.weeks);
    } else {
      let { year, month } = yearMonthOf(base);
      while (occurrences.length < Math.min(limit, 24)) {
        const day = nthWeekday(year, month, spec.weekday, spec.every.ordinal);
        if (day !== undefined && day >= base) occurrences.push(day);
        month += 1;
        if (month > 12) [year, month] = [year + 1, 1];
      }
    }
    // Nobody launches a series on a public holiday: the series starts at the next occurrence.
    while (occurrences.length > 1 && isHoliday(occurrences[0] as Day)) occurrences.shift();
    const within = occurrences.filter((day) => untilDay === undefined || day <= untilDay);
    const first = within[0] ?? base;
    const endPart = 'count' in spec.end ? `COUNT=${spec.end.count}` : `UNTIL=${untilEndOf(untilDay ?? first, this.timeZone)}`;
    const every = 'weeks' in spec.every ? `FREQ=WEEKLY${spec.every.weeks > 1 ? `;INTERVAL=${spec.every.weeks}` : ''};BYDAY=${spec.byDay}` : `FREQ=MONTHLY;BYDAY=${spec.every.ordinal}${spec.byDay}`;
    // Cancelled sessions are real occurrences of the rule, never the first one.
    const candidates = within.slice(1, -1);
    const holidays = candidates.filter(isHoliday);
    const chosen = [...holidays, ...this.rng.shuffle(candidates.filter((day) => !isHoliday(day)))].slice(0, spec.exdates);
    const exdates = chosen.sort((a, b) => a - b).map((day) => localDateTime(day, spec.start));
    return {
      start: localDateTime(first, spec.start),
      end: localDateTime(first, spec.start + spec.minutes),
      rrule: `${every};${endPart}`,
      ...(exdates.length > 0 ? { exdates } : {}),
    };
  }

  private chooseVenue(format: EventFormat, commune: Commune, topic: Topic): Venue {
    if (format === 'field-survey' && isSkyTopic(topic)) return this.venue('observatory', this.profile(A.astronomy).commune);
    const kinds = VENUES_FOR[format].filter((kind) => this.venueAvailable(kind, commune));
    return this.venue(kinds.length > 0 ? this.rng.pick(kinds) : 'hall', commune);
  }

  private speakerLine(person: Person, format: EventFormat, topic: Topic, actor: ActorProfile): string {
    if (actor.kind === 'independent') return `${fullName(person)}, ${person.feminine ? 'médiatrice scientifique' : 'médiateur scientifique'}`;
    if (format === 'field-survey' && isSkyTopic(topic)) return `${fullName(person)}, ${person.feminine ? 'astronome amatrice' : 'astronome amateur'} ${actor.deName}`;
    if (format === 'field-survey') return `${fullName(person)}, ${naturalistRole(person, this.rng)} ${actor.deName}`;
    // Researchers speak for a lab that works on the subject; the university covers every field.
    const discipline = topic.disciplines[0] ?? 'science-society';
    return `${fullName(person)}, ${researcherRole(person, discipline, this.rng)} ${this.profile(this.employerOf(discipline)).atName}`;
  }

  /** Researchers work in a lab of their field when the region has one; the university covers every field. */
  private employerOf(discipline: Discipline): number {
    const labs = this.actorsOfKind(['lab']).filter((index) => this.profile(index).disciplines.includes(discipline));
    return labs.length > 0 && this.rng.chance(0.6) ? this.rng.pick(labs) : A.university;
  }

  private intro(format: EventFormat, topic: Topic, speaker: string, actor: ActorProfile): string {
    const np = topic.np;
    const team = actor.kind === 'independent' ? actor.name : `les médiateurs ${actor.deName}`;
    const variants: Record<EventFormat, readonly string[]> = {
      conference: [
        `${speaker}, fait le point sur ${np} à partir des recherches les plus récentes.`,
        `Que sait-on aujourd'hui ${deNp(np)} ? ${speaker}, partage les résultats de ses travaux et répond à vos questions.`,
        `Pendant une heure, ${speaker}, nous emmène à la découverte ${deNp(np)}.`,
      ],
      workshop: [
        `Petits et grands sont invités à manipuler, observer et expérimenter pour mieux comprendre ${np}.`,
        `Un atelier pratique pour découvrir ${np} en réalisant de vraies expériences, avec ${team}.`,
        `Loupes, maquettes et défis à relever : cet atelier fait découvrir ${np} par le jeu et la manipulation.`,
      ],
      exhibition: [
        `L'exposition propose un parcours en ${this.rng.pick(['quatre', 'cinq', 'six'])} espaces autour ${deNp(np)}, entre objets de collection, manipulations et vidéos.`,
        `Conçue avec des chercheurs de la région, cette exposition invite à explorer ${np} sous un angle inattendu.`,
      ],
      'science-cafe': [
        `Installez-vous autour d'un verre pour discuter ${deNp(np)} avec ${speaker}.`,
        `Le principe est simple : une courte introduction ${de(speaker)}, puis la parole est à la salle. Au menu : ${np}.`,
      ],
      'lab-visit': [
        `Les équipes ${actor.deName} ouvrent leurs portes pour montrer comment la recherche sur ${np} se fait au quotidien : instruments, échantillons et expériences en cours.`,
        `Une occasion rare de rencontrer les chercheurs qui travaillent sur ${np} et de découvrir les coulisses de leurs expériences.`,
      ],
      festival: [`Ateliers, conférences et animations autour ${deNp(np)}.`],
      'field-survey': isSkyTopic(topic)
        ? [`Télescopes et lunettes seront installés pour observer ${np} sous la conduite ${de(speaker)}.`]
        : topic.night === true
          ? [`À la tombée de la nuit, partez observer ${np} avec ${speaker}, lampes et détecteurs à la main.`]
          : [
            `Accompagnés par ${speaker}, partez sur le terrain pour observer ${np} et apprendre les bons gestes de l'observateur.`,
            `Jumelles, carnets et bonne humeur : cette sortie propose d'observer ${np} en pleine nature et de noter vos observations pour les scientifiques.`,
          ],
      screening: [
        `La projection d'un documentaire consacré ${aNp(np)} est suivie d'un échange avec ${speaker}.`,
        `Un film, un chercheur, un débat : la soirée commence par un documentaire sur ${np} et se poursuit par une discussion avec la salle.`,
      ],
      game: [
        `Par équipes, résolvez des énigmes scientifiques autour ${deNp(np)} avant la fin du temps imparti.`,
        `Un jeu grandeur nature pour explorer ${np} en s'amusant, conçu par ${team}.`,
      ],
      other: [
        `Une rencontre conviviale autour ${deNp(np)}, avec lectures, échanges et démonstrations.`,
        `${speaker}, présente son travail sur ${np} et répond aux questions du public.`,
      ],
    };
    return this.rng.pick(variants[format]);
  }

  private practical(input: EventSeed['input'], online: boolean): string {
    const lines: string[] = [];
    const audiences = input.audiences ?? [];
    if (audiences.includes('professionals') && audiences.length === 1) lines.push('Rencontre réservée aux professionnels de la médiation et de la recherche.');
    else if (audiences.includes('school-groups') && !audiences.includes('families')) lines.push('Les classes sont accueillies sur réservation, du CM1 au lycée.');
    else if (input.ageRange?.min !== undefined) lines.push(`À partir de ${input.ageRange.min} ans${input.ageRange.max === undefined ? '' : ` et jusqu'à ${input.ageRange.max} ans`}.`);
    else if (audiences.includes('families')) lines.push('Pour toute la famille.');
    if (input.registration?.required === true) lines.push('Inscription obligatoire, places limitées.');
    else if (!online) lines.push('Entrée libre dans la limite des places disponibles.');
    if (input.attendanceMode === 'mixed') lines.push('La séance est aussi retransmise en direct en ligne.');
    if (input.attendanceMode === 'online') lines.push("L'événement a lieu en ligne ; le lien de connexion est indiqué ci-dessous.");
    const access = input.accessibility ?? [];
    if (access.includes('motor')) lines.push('Le lieu est accessible aux personnes à mobilité réduite.');
    if (access.includes('hearing')) lines.push('Une boucle magnétique est à disposition.');
    if (access.includes('visual')) lines.push('Des supports en gros caractères et en braille sont prévus.');
    return lines.join(' ');
  }

  private price(format: EventFormat, venue: Venue | undefined, audiences: readonly Audience[]): Price {
    if (!this.rng.chance(PAID_SHARE[format])) {
      if (format === 'science-cafe') return { free: true, details: 'Entrée libre, consommations à la charge des participants' };
      return this.rng.chance(0.5) ? { free: true } : { free: true, details: venue === undefined ? 'Gratuit, sur inscription' : 'Gratuit' };
    }
    const name = venue?.location.name ?? '';
    if (name.startsWith('Cinéma') || name.startsWith('Ciné-')) return { free: false, details: 'Tarif cinéma habituel : 6,50 €' };
    if (/^(Musée|Muséum|Maison des sciences)/.test(name)) return { free: false, details: this.rng.pick(["Compris dans le billet d'entrée", 'Entrée : 6 €, gratuit pour les moins de 18 ans']) };
    if (audiences.includes('children')) return { free: false, details: '3 € par enfant, gratuit pour les accompagnateurs' };
    return { free: false, details: this.rng.pick(PAID_PRICES) };
  }

  private accessibility(venue: Venue | undefined): AccessibilityFlag[] {
    if (venue === undefined) return this.rng.chance(0.4) ? ['hearing'] : [];
    const flags: AccessibilityFlag[] = [];
    if (this.rng.chance(venue.outdoor ? 0.3 : 0.8)) flags.push('motor');
    if (this.rng.chance(0.25)) flags.push('hearing');
    if (this.rng.chance(0.2)) flags.push('visual');
    if (this.rng.chance(0.2)) flags.push('intellectual');
    if (this.rng.chance(0.12)) flags.push('psychic');
    return flags;
  }

  private registration(required: boolean, actor: ActorProfile, slug: string, format: EventFormat): Registration | undefined {
    if (!required) return this.rng.chance(0.25) ? { required: false, url: `${actor.website}/agenda/${slug}` } : undefined;
    const how = this.rng.next();
    if (how < 0.5) return { required: true, url: `${actor.website}/inscriptions/${slug}` };
    if (how < 0.8 || format === 'festival') return { required: true, email: actor.email };
    return { required: true, phone: actor.phone };
  }

  private addEvent(spec: EventSpec): number {
    const format = spec.format;
    const actorIndex = spec.actor ?? this.rng.pick(this.actorsOfKind(spec.organisers ?? ORGANISERS[format]));
    const actor = this.profile(actorIndex);
    const topic = spec.topic ?? this.freshTopic(spec, this.topicFilter(spec, actor));
    // Lab visits happen in labs; other organisers host at home often, and tour the region too.
    const home = actor.venue !== undefined && VENUES_FOR[format].includes(actor.venue) && (spec.atHome === true || format === 'lab-visit' || this.rng.chance(0.45)) ? actor.venue : undefined;
    const commune = spec.commune ?? (spec.venue !== undefined ? this.communeOf(spec.venue) : home !== undefined ? actor.commune : actor.kind === 'independent' || this.rng.chance(0.5) ? this.anyCommune() : actor.commune);
    const attendance = spec.attendance ?? 'in-person';
    const venue = attendance === 'online' ? undefined : (spec.venue ?? (home !== undefined && spec.commune === undefined ? this.venue(home, actor.commune) : this.chooseVenue(format, commune, topic)));
    const where = venue === undefined ? commune : this.communeOf(venue);

    const title = this.eventTitle(spec, topic, where);
    const slug = slugify(title);

    const offset = spec.offset ?? this.randomOffset();
    const when = spec.when ?? { timings: this.singleTimings(format, offset, topic) };
    const audiences = [...(spec.audiences ?? this.rng.pick(AUDIENCES_FOR[format]))];
    const childrenOnly = audiences.includes('children') && !audiences.includes('adults');
    const ageRange = childrenOnly ? (audiences.includes('families') ? { min: 5 } : { min: 6, max: 12 }) : audiences.length === 1 && audiences[0] === 'teens' ? { min: 12, max: 17 } : format === 'field-survey' && topic.night === true ? { min: 8 } : undefined;
    const price = spec.price ?? this.price(format, venue, audiences);
    const required = spec.registrationRequired ?? (spec.status === 'full' || this.rng.chance(REGISTRATION_SHARE[format]));
    const registration = this.registration(required, actor, slug, format);
    const accessibility = [...(spec.accessibility ?? this.accessibility(venue))];
    const speakerPerson = actor.person ?? this.person();
    const speaker = this.speakerLine(speakerPerson, format, topic, actor);
    const onlineUrl = attendance === 'in-person' ? undefined : `${actor.website}/direct/${slug}`;
    const keywords = [...new Set([...(spec.about?.keywords ?? topic.keywords), ...(spec.campaign === undefined ? [] : ['Fête de la science'])])];
    // A summary that is the topic's opening sentence is not repeated in the description.
    const hookAsSummary = spec.about === undefined && this.rng.chance(0.35);
    const summary = spec.about?.summary ?? (hookAsSummary ? topic.hook : this.rng.pick(SUMMARIES[format])(topic));
    const languages = spec.languages ?? (this.rng.chance(0.1) ? ['fr', 'en'] : ['fr']);

    const input: EventSeed['input'] = {
      title,
      summary,
      timeZone: this.timeZone,
      ...when,
      attendanceMode: attendance,
      ...(onlineUrl === undefined ? {} : { onlineUrl }),
      ...(venue === undefined ? {} : { place: { ...venue.location } }),
      format,
      audiences,
      ...(ageRange === undefined ? {} : { ageRange }),
      disciplines: [...(spec.about?.disciplines ?? topic.disciplines)],
      price,
      ...(registration === undefined ? {} : { registration }),
      ...(accessibility.length > 0 ? { accessibility } : {}),
      languages: [...languages],
      keywords,
      ...(spec.campaign === undefined ? {} : { campaign: spec.campaign }),
      ...(spec.status === undefined ? {} : { eventStatus: spec.status }),
      contactEmail: actor.email,
    };
    if (this.rng.chance(0.45)) input.image = this.image(keywords[0] ?? 'evenement', spec.about === undefined ? `Illustration de l'événement : ${topic.np}` : `Affiche de l'événement « ${title} »`, actor.name);

    const paragraphs = [spec.about?.description ?? (hookAsSummary ? this.intro(format, topic, speaker, actor) : `${this.intro(format, topic, speaker, actor)} ${topic.hook}`)];
    if (spec.extra !== undefined) paragraphs.push(spec.extra);
    paragraphs.push(this.practical(input, venue === undefined));
    if (spec.status === 'cancelled') paragraphs.unshift(`**Annulé.** ${this.rng.pick(["En raison de l'indisponibilité de l'intervenant, l'événement est annulé. Il sera reprogrammé dans les prochains mois.", "L'événement est annulé en raison d'une alerte météo. Les personnes inscrites ont été prévenues par courriel."])}`);
    if (spec.status === 'full') paragraphs.unshift("**Complet.** Toutes les places ont trouvé preneur ; vous pouvez vous inscrire sur liste d'attente.");
    input.description = paragraphs.filter((paragraph) => paragraph !== '').join('\n\n');

    const index = this.content.events.length;
    this.eventTopics[index] = spec.about === undefined ? topic : undefined;
    this.content.events.push({
      actor: actorIndex,
      input,
      ...(venue?.place === undefined ? {} : { place: venue.place }),
      ...(spec.parent === undefined ? {} : { parent: spec.parent }),
      publish: spec.publish ?? true,
    });
    return index;
  }

  /**
   * A title no other content has. Without a fixed topic, `addEvent` already drew one; when its
   * title is taken, other patterns are tried before the topic is dropped for the commune's name.
   */
  private eventTitle(spec: EventSpec, topic: Topic, where: Commune): string {
    const dress = (title: string) => (spec.titleSuffix === undefined ? title : `${title}${spec.titleSuffix}`);
    if (spec.title !== undefined) return this.uniqueTitle(dress(spec.title), where);
    const patterns = spec.titlePattern === undefined ? this.rng.shuffle(TITLES[spec.format]) : [spec.titlePattern];
    for (const pattern of patterns) {
      const claimed = this.claim(dress(pattern(topic)));
      if (claimed !== undefined) return claimed;
    }
    return this.uniqueTitle(dress((patterns[0] as TitlePattern)(topic)), where);
  }

  private communeOf(venue: Venue): Commune {
    return this.communes.find((commune) => commune.inseeCode === venue.location.inseeCode) ?? this.commune(0);
  }

  private count(base: number): number {
    return Math.max(1, Math.round(base * this.scale));
  }

  private buildEvents(): void {
    const target = Math.round(60 * this.scale);
    const ccsti = A.ccsti;

    for (let i = 0; i < this.count(1); i++) this.buildFestival(i);
    this.buildFeteDeLaScience(this.count(6));

    const recurring = this.count(9);
    for (let i = 0; i < recurring; i++) {
      const spec = RECURRING[i % RECURRING.length] as RecurringSpec;
      const past = this.rng.chance(0.4);
      this.addEvent({
        format: spec.format,
        topics: spec.topics,
        titlePattern: spec.title,
        ...(spec.actor === undefined ? {} : { actor: spec.actor, atHome: true }),
        ...(spec.organisers === undefined ? {} : { organisers: spec.organisers, atHome: true }),
        when: { recurrence: this.recurrence(spec, past) },
        // A lecture series is the kind of thing streamed as well as given in the room.
        ...(spec.format === 'conference' ? { attendance: 'mixed' as const } : {}),
        extra: spec.schedule,
      });
    }

    for (let i = 0; i < this.count(1); i++) {
      this.addEvent({ format: 'conference', offset: this.rng.int(5, 60), status: 'cancelled' });
      this.addEvent({ format: 'workshop', offset: this.rng.int(3, 40), status: 'full', registrationRequired: true });
      this.addEvent({
        format: 'other',
        title: `Rencontres régionales de la médiation scientifique ${this.phrases.de}`,
        actor: ccsti,
        commune: this.commune(0),
        attendance: 'mixed',
        audiences: ['professionals'],
        registrationRequired: true,
        price: { free: true, details: 'Gratuit pour les membres du réseau, déjeuner offert' },
        offset: this.rng.int(10, 100),
        about: {
          summary: 'La journée annuelle des professionnels de la culture scientifique de la région.',
          description: `Médiateurs, chercheurs, bibliothécaires, animateurs associatifs et élus se retrouvent pour une journée d'échanges sur les pratiques de la médiation scientifique ${this.phrases.in}.`,
          keywords: ['médiation scientifique', 'réseau professionnel'],
          disciplines: ['science-society'],
        },
        extra: "Au programme :\n\n- retours d'expériences de médiateurs et de chercheurs ;\n- ateliers sur l'évaluation des actions ;\n- temps d'échange entre structures du réseau.",
      });
      this.addEvent({
        format: 'lab-visit',
        titlePattern: (t) => `Journée des scolaires au laboratoire : ${t.np}`,
        audiences: ['school-groups', 'teens'],
        registrationRequired: true,
        offset: this.rng.int(1, 90),
      });
      this.addEvent({
        format: 'other',
        titlePattern: (t) => `Visite adaptée en langue des signes et audiodescription : ${t.np}`,
        actor: A.museum,
        venue: this.venue('museum', this.profile(A.museum).commune),
        accessibility: ['motor', 'hearing', 'visual', 'intellectual', 'psychic'],
        languages: ['fr', 'fsl'],
        audiences: ['adults', 'families'],
        registrationRequired: true,
        extra: 'La visite est traduite en langue des signes française et accompagnée d’une audiodescription ; des objets peuvent être touchés.',
      });
      this.addEvent({ format: 'conference', attendance: 'online', titlePattern: (t) => `Webinaire : ${t.np}`, audiences: ['adults', 'professionals'], registrationRequired: true, offset: this.rng.int(1, 100) });
    }

    // Whether the Fête de la science is behind or ahead of `now` shifts the balance: the
    // freely dated events make up for it, so about a third of all events are past.
    const today = isoDate(this.today);
    const pastSoFar = this.content.events.filter((event) => this.firstStart(event).slice(0, 10) < today).length;
    const free = Math.max(1, target - this.content.events.length);
    this.pastShare = Math.min(0.6, Math.max(0.15, (target / 3 - pastSoFar) / free));

    const multi = this.count(8);
    const multiFormats: EventFormat[] = ['workshop', 'lab-visit', 'game', 'field-survey', 'conference', 'screening', 'workshop', 'science-cafe'];
    for (let i = 0; i < multi; i++) {
      const format = multiFormats[i % multiFormats.length] as EventFormat;
      const offset = this.randomOffset();
      this.addEvent({ format, offset, when: { timings: this.multiTimings(format, offset) }, extra: 'Plusieurs séances au choix : inscrivez-vous à celle qui vous convient.' });
    }

    // Every format at least twice among the ordinary events, then a realistic mix.
    const remaining = Math.max(target - this.content.events.length, eventFormats.values.length * 2);
    const weights: Readonly<Record<EventFormat, number>> = { conference: 8, workshop: 9, exhibition: 4, 'science-cafe': 5, 'lab-visit': 4, festival: 1, 'field-survey': 5, screening: 4, game: 4, other: 3 };
    const deck: EventFormat[] = [...eventFormats.values, ...eventFormats.values];
    const weighted = eventFormats.values.flatMap((format) => Array.from({ length: weights[format] }, () => format));
    while (deck.length < remaining) deck.push(this.rng.pick(weighted));
    for (const format of this.rng.shuffle(deck)) {
      if (format === 'festival') {
        let commune = this.anyCommune();
        let title = '';
        for (let attempt = 0; attempt < 20 && (title === '' || this.titles.has(title)); attempt++) {
          commune = this.anyCommune();
          title = `${this.rng.pick(FESTIVAL_NAMES)} ${de(commune.name)}`;
        }
        this.addEvent({
          format,
          title,
          commune,
          actor: ccsti,
          about: {
            summary: 'Une journée de sciences pour tous, en plein centre-ville.',
            description: `Le temps d'une journée, ${commune.name} accueille des stands de laboratoires et d'associations, des spectacles scientifiques et des rencontres avec des chercheurs.`,
            keywords: ['festival', 'culture scientifique'],
            disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
          },
          extra: 'Au programme : ateliers, expositions, spectacles et rencontres avec des scientifiques, pour tous les âges.',
        });
        continue;
      }
      this.addEvent({ format, attendance: this.attendanceFor(format), publish: this.rng.chance(0.9) });
    }
  }

  private attendanceFor(format: EventFormat): AttendanceMode {
    if (format !== 'conference' && format !== 'science-cafe' && format !== 'other' && format !== 'screening') return 'in-person';
    const roll = this.rng.next();
    return roll < 0.12 ? 'online' : roll < 0.3 ? 'mixed' : 'in-person';
  }

  /** An umbrella festival over a weekend, with three events of its programme. */
  private buildFestival(n: number): void {
    const commune = this.commune(n === 0 ? 1 : this.rng.int(0, Math.min(5, this.communes.length - 1)));
    let friday = this.dayNear(this.rng.int(20, 70), [4]);
    while (isHoliday(friday + 1) || isHoliday(friday + 2)) friday += 7;
    const timings: Timing[] = [
      { start: zonedDateTime(friday, 18 * 60, this.timeZone), end: zonedDateTime(friday, 23 * 60, this.timeZone) },
      { start: zonedDateTime(friday + 1, 10 * 60, this.timeZone), end: zonedDateTime(friday + 1, 19 * 60, this.timeZone) },
      { start: zonedDateTime(friday + 2, 10 * 60, this.timeZone), end: zonedDateTime(friday + 2, 18 * 60, this.timeZone) },
    ];
    const venue = this.venue('festival', commune);
    const parent = this.addEvent({
      format: 'festival',
      title: `Festival des sciences ${de(commune.name)}`,
      actor: A.ccsti,
      venue,
      when: { timings },
      audiences: ['families', 'children', 'teens', 'adults'],
      registrationRequired: false,
      price: { free: true },
      about: {
        summary: `Trois jours de sciences pour tous ${at(commune.name)} : ateliers, conférences, jeux et spectacles.`,
        description: `Pendant trois jours, ${commune.name} vit au rythme des sciences : chercheurs, associations, musées et médiathèques de la région vous donnent rendez-vous pour expérimenter, débattre et s'émerveiller.`,
        keywords: ['festival', 'culture scientifique'],
        disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
      },
      extra: `Au programme :\n\n- un village des sciences avec une trentaine de stands ;\n- des conférences et des projections ;\n- des ateliers pour les enfants dès 4 ans.\n\nRetrouvez le détail du programme dans l'[agenda du festival](${this.base}/agenda?recherche=festival).`,
    });
    const children: [EventFormat, Day, number, number, readonly Audience[]][] = [
      ['conference', friday, 20 * 60, 90, ['adults', 'teens']],
      ['workshop', friday + 1, 14 * 60, 120, ['children', 'families']],
      ['game', friday + 2, 10 * 60 + 30, 180, ['families', 'teens']],
    ];
    for (const [format, day, start, minutes, audiences] of children) {
      this.addEvent({
        format,
        venue,
        actor: this.rng.pick(this.actorsOfKind(ORGANISERS[format])),
        parent,
        when: { timings: [{ start: zonedDateTime(day, start, this.timeZone), end: zonedDateTime(day, start + minutes, this.timeZone) }] },
        audiences,
        extra: `Dans le cadre du Festival des sciences ${de(commune.name)}.`,
      });
    }
  }

  /** The national campaign in early October: a village des sciences and events across the region. */
  private buildFeteDeLaScience(count: number): void {
    const first = Math.floor(Date.UTC(this.fdsYear, 9, 2) / DAY_MS);
    const host = this.commune(0);
    const friday = first + ((4 - weekdayOf(first) + 7) % 7);
    this.addEvent({
      format: 'festival',
      title: `Village des sciences ${de(host.name)} – Fête de la science ${this.fdsYear}`,
      actor: A.ccsti,
      venue: this.venue('festival', host),
      campaign: this.campaign,
      when: {
        timings: [0, 1, 2].map((i) => ({ start: zonedDateTime(friday + i, i === 0 ? 9 * 60 : 10 * 60, this.timeZone), end: zonedDateTime(friday + i, 18 * 60, this.timeZone) })),
      },
      audiences: ['school-groups', 'families', 'children', 'teens', 'adults'],
      registrationRequired: false,
      price: { free: true },
      about: {
        summary: 'Le plus grand rendez-vous de la Fête de la science dans la région : une quarantaine de stands pour tous les âges.',
        description: `Laboratoires, associations, musées et entreprises ${this.phrases.de} installent leurs stands au village des sciences : expériences, démonstrations, jeux et rencontres avec celles et ceux qui font la recherche.`,
        keywords: ['village des sciences', 'culture scientifique'],
        disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
      },
      extra: 'Le vendredi est réservé aux classes ; le week-end, le village est ouvert à tous.',
    });
    const formats: EventFormat[] = ['lab-visit', 'conference', 'workshop', 'exhibition', 'science-cafe', 'field-survey', 'game', 'screening'];
    for (let i = 1; i < count; i++) {
      const format = formats[(i - 1) % formats.length] as EventFormat;
      const day = first + this.rng.int(0, 10);
      const [start, minutes] = this.rng.pick(SLOTS[format].times);
      const timings = format === 'exhibition'
        ? [{ start: zonedDateTime(first, 10 * 60, this.timeZone), end: zonedDateTime(first + 10, 18 * 60, this.timeZone) }]
        : [{ start: zonedDateTime(day, start, this.timeZone), end: zonedDateTime(day, start + minutes, this.timeZone) }];
      this.addEvent({ format, campaign: this.campaign, titleSuffix: ' – Fête de la science', when: { timings }, price: { free: true }, extra: `Un rendez-vous de la Fête de la science ${this.fdsYear}, gratuit et ouvert à tous.` });
    }
  }

  // ------------------------------------------------------------ articles

  private eventsWhere(test: (event: EventSeed) => boolean): number[] {
    return this.content.events.flatMap((event, index) => (event.publish && test(event) ? [index] : []));
  }

  private firstStart(event: EventSeed): string {
    return event.input.timings?.[0]?.start ?? event.input.recurrence?.start ?? '';
  }

  private isPast(event: EventSeed): boolean {
    const start = this.firstStart(event);
    return start.slice(0, 10) < isoDate(this.today);
  }

  private eventTopic(index: number): Topic {
    return this.eventTopics[index] ?? this.pickTopic();
  }

  private addArticle(actor: number, title: string, summary: string, body: string, topic: Topic | undefined, event?: number, publish = true): number {
    const claimed = this.uniqueTitle(title, this.profile(actor).commune);
    const index = this.content.articles.length;
    this.content.articles.push({
      actor,
      input: {
        title: claimed,
        summary,
        body,
        disciplines: [...(topic?.disciplines ?? this.profile(actor).disciplines.slice(0, 2))],
        keywords: [...(topic?.keywords ?? ['culture scientifique'])],
        image: this.image(topic?.keywords[0] ?? 'article', topic === undefined ? `Illustration : ${claimed}` : `Illustration : ${topic.np}`, this.profile(actor).name),
      },
      ...(event === undefined ? {} : { event }),
      publish,
    });
    return index;
  }

  private buildArticles(): void {
    const agenda = `${this.base}/agenda`;
    const pastEvents = this.rng.shuffle(this.eventsWhere((event) => this.isPast(event) && event.parent === undefined && event.input.format !== 'festival' && event.input.format !== 'exhibition' && event.input.eventStatus === undefined));
    const futureEvents = this.eventsWhere((event) => !this.isPast(event) && event.input.eventStatus === undefined).sort((a, b) => this.firstStart(this.content.events[a] as EventSeed).localeCompare(this.firstStart(this.content.events[b] as EventSeed)));

    for (const eventIndex of pastEvents.slice(0, 2)) {
      const event = this.content.events[eventIndex] as EventSeed;
      const topic = this.eventTopic(eventIndex);
      const actor = this.profile(event.actor);
      const image = this.image(topic.keywords[0] ?? 'retour', `Le public pendant l'événement « ${event.input.title} »`, actor.name);
      this.addArticle(event.actor, `Retour sur « ${event.input.title} »`, `Le public était au rendez-vous pour parler ${deNp(topic.np)}.`, [
        `Le public a répondu présent pour « ${event.input.title} », proposé par ${actor.theName}. ${topic.hook}`,
        '## Ce qu’il fallait retenir',
        `- les questions du public ont porté sur ${topic.np} au quotidien ;\n- les intervenants ont présenté des résultats de recherche obtenus ${this.phrases.in} ;\n- plusieurs participants ont demandé une suite : elle est en préparation.`,
        `![${image.alt ?? ''}](${image.url})`,
        '## Pour aller plus loin',
        `Les prochains rendez-vous sont annoncés dans [l'agenda](${agenda}) et sur [le site de l'organisateur](${actor.website}).`,
      ].join('\n\n'), topic, eventIndex);
    }

    const researcher = this.person();
    const interviewTopic = this.pickTopic((t) => t.lab === true);
    const discipline = interviewTopic.disciplines[0] ?? 'biology';
    const labIndex = this.employerOf(discipline);
    const lab = this.profile(labIndex);
    const role = researcherRole(researcher, discipline, this.rng);
    this.addArticle(labIndex, `Trois questions à ${fullName(researcher)}, ${role}`, `${researcher.first} ${researcher.last} travaille sur ${interviewTopic.np} ${lab.atName}.`, [
      `${fullName(researcher)} est ${role} ${lab.atName}. Nous l'avons rencontré${researcher.feminine ? 'e' : ''} entre deux expériences.`,
      '## Son parcours en bref',
      `- une thèse en ${FIELD_OF[discipline]} soutenue il y a ${this.rng.int(2, 15)} ans ;\n- plusieurs années de recherche à l'étranger ;\n- des interventions régulières dans les écoles ${this.phrases.de}.`,
      '### Sur quoi portent vos recherches ?',
      `« Je travaille sur ${interviewTopic.np}. ${interviewTopic.hook} Notre équipe cherche à mieux comprendre les mécanismes en jeu. »`,
      '### Pourquoi partager votre travail avec le public ?',
      '« Parce que la recherche est financée par tous, et que les questions du public nous obligent à clarifier nos idées. »',
      '### Un conseil pour les curieux ?',
      `« Poussez la porte d'un laboratoire ! Beaucoup ouvrent pendant la Fête de la science. » Retrouvez les visites dans [l'agenda](${agenda}?format=lab-visit).`,
    ].join('\n\n'), interviewTopic);

    const csLab = this.profile(A.csLab);
    const labTopic = this.pickTopic((t) => t.lab === true && t.disciplines.some((discipline) => csLab.disciplines.includes(discipline)));
    const labImage = this.image('laboratoire', "Une doctorante programme un robot dans la salle d'expérimentation", csLab.name);
    this.addArticle(A.csLab, `Dans les coulisses ${csLab.deName}`, `Une journée avec les équipes qui travaillent sur ${labTopic.np}.`, [
      `Derrière les portes ${csLab.deName}, une centaine de chercheurs, d'ingénieurs et de doctorants travaillent sur ${labTopic.np}. ${labTopic.hook}`,
      '## Une journée au labo',
      '- 9 h : réunion d’équipe autour des résultats de la veille ;\n- 11 h : essais dans la salle des robots ;\n- 14 h : accueil d’une classe de lycéens ;\n- 17 h : séminaire d’une chercheuse invitée.',
      `![${labImage.alt ?? ''}](${labImage.url})`,
      '## Venir visiter',
      `Le laboratoire ouvre régulièrement ses portes : les prochaines visites sont dans [l'agenda](${agenda}?format=lab-visit), et tout sur ses recherches sur [son site](${csLab.website}).`,
    ].join('\n\n'), labTopic);

    const fdsEvents = this.eventsWhere((event) => event.input.campaign === this.campaign);
    const fdsList = fdsEvents.slice(0, 5).map((index) => `- ${(this.content.events[index] as EventSeed).input.title}`).join('\n');
    const fdsPast = Math.floor(Date.UTC(this.fdsYear, 9, 12) / DAY_MS) < this.today;
    this.addArticle(A.ccsti, fdsPast ? `Fête de la science ${this.fdsYear} : le bilan ${this.phrases.de}` : `Fête de la science ${this.fdsYear} : le programme ${this.phrases.de}`,
      fdsPast ? 'Villages des sciences, labos ouverts et ateliers : retour sur une édition riche en rencontres.' : 'Villages des sciences, labos ouverts et ateliers : tout le programme de la prochaine édition.', [
        `Début octobre, la Fête de la science investit les villes et les villages ${this.phrases.in}. Chercheurs, associations, musées et médiathèques proposent des rendez-vous gratuits pour tous les publics.`,
        '## Quelques temps forts',
        fdsList,
        '## Comment participer ?',
        `Tous les événements sont gratuits. Consultez [le programme complet](${agenda}?campagne=${this.campaign}) et filtrez par commune ou par public.`,
      ].join('\n\n'), undefined, undefined);

    const agendaTopic = this.pickTopic();
    const upcoming = futureEvents.slice(0, 6).map((index) => {
      const event = this.content.events[index] as EventSeed;
      const day = Math.floor(Date.parse(this.firstStart(event).slice(0, 10)) / DAY_MS);
      return `- **${cap(frenchDay(day))}** : ${event.input.title}${event.input.place?.commune === undefined ? ' (en ligne)' : `, ${event.input.place.commune}`}`;
    }).join('\n');
    this.addArticle(A.ccsti, `Agenda : nos coups de cœur des prochaines semaines ${this.phrases.in}`, 'Une sélection de rendez-vous scientifiques à ne pas manquer.', [
      'Conférences, ateliers, sorties nature : voici une sélection de la rédaction pour les semaines à venir.',
      '## À noter dans vos agendas',
      upcoming,
      `Toute la programmation est dans [l'agenda](${agenda}). ${agendaTopic.hook}`,
    ].join('\n\n'), undefined);

    // A review is of an exhibition one can still go to: running now if there is one.
    const today = isoDate(this.today);
    const exhibitions = this.eventsWhere((event) => event.input.format === 'exhibition' && event.input.recurrence === undefined && event.input.eventStatus === undefined);
    const running = exhibitions.filter((index) => {
      const timing = (this.content.events[index] as EventSeed).input.timings?.[0];
      return timing !== undefined && timing.start.slice(0, 10) <= today && timing.end.slice(0, 10) >= today;
    });
    const exhibition = running[0] ?? exhibitions.find((index) => !this.isPast(this.content.events[index] as EventSeed)) ?? exhibitions[0];
    if (exhibition !== undefined) {
      const event = this.content.events[exhibition] as EventSeed;
      const topic = this.eventTopic(exhibition);
      const commune = event.input.place?.commune;
      this.addArticle(event.actor, `Exposition : nous avons visité « ${event.input.title} »`, `Notre avis sur l'exposition consacrée ${aNp(topic.np)}.`, [
        `${topic.hook} C'est le point de départ de l'exposition à découvrir ${commune === undefined ? 'en ligne' : at(commune)}.`,
        '## Ce que nous avons aimé',
        '- les manipulations, qui plaisent autant aux enfants qu’aux adultes ;\n- les objets de collection rarement montrés ;\n- les témoignages vidéo de chercheurs de la région.',
        '## Infos pratiques',
        `Horaires et tarifs sur [la page de l'événement](${agenda}).`,
      ].join('\n\n'), topic, exhibition);
    }

    const portrait = this.person();
    const portraitTopic = this.pickTopic((t) => t.outdoor === true);
    this.addArticle(A.naturalists, `Portrait : ${fullName(portrait)}, ${naturalistRole(portrait, this.rng)}`, `Depuis vingt ans, ${portrait.first} partage sa passion pour ${portraitTopic.np}.`, [
      `Tous les week-ends, ${portrait.first} ${portrait.last} emmène petits et grands à la découverte ${deNp(portraitTopic.np)}. ${portraitTopic.hook}`,
      '## Une vocation née sur le terrain',
      `${portrait.feminine ? 'Elle' : 'Il'} a commencé par noter ses observations dans des carnets, avant de rejoindre ${this.profile(A.naturalists).theName}.`,
      '## Ses conseils pour débuter',
      '1. s’équiper simplement : une loupe, un carnet, des jumelles ;\n2. sortir à différentes heures de la journée ;\n3. partager ses observations sur les plateformes de sciences participatives.',
      `Pour l'accompagner sur le terrain, consultez [les prochaines sorties nature](${agenda}?format=field-survey).`,
    ].join('\n\n'), portraitTopic);

    const schoolTopic = this.pickTopic();
    this.addArticle(A.ccsti, `Ressources pour les enseignants : ${schoolTopic.np}`, `Des pistes pour aborder ${schoolTopic.np} en classe.`, [
      `${schoolTopic.hook} Voici quelques pistes pour en parler en classe, du cycle 3 au lycée.`,
      '## Activités proposées',
      '- une expérience simple à réaliser avec du matériel courant ;\n- une analyse de documents scientifiques ;\n- un débat argumenté pour développer l’esprit critique.',
      '## Emprunter une exposition',
      `Les expositions itinérantes de la Maison des sciences se réservent sur [son site](${this.profile(A.ccsti).website}).`,
    ].join('\n\n'), schoolTopic);

    const debateTopic = this.pickTopic((t) => t.disciplines.includes('science-society') || t.disciplines.includes('health') || t.disciplines.includes('climate'));
    this.addArticle(this.rng.pick(this.actorsOfKind(['independent', 'association'])), `${cap(debateTopic.np)} : démêler le vrai du faux`, `Trois réflexes pour trier les informations sur ${debateTopic.np}.`, [
      `${debateTopic.hook} Encore faut-il savoir à qui se fier.`,
      '## Trois réflexes à adopter',
      '1. chercher la source de l’information ;\n2. distinguer une étude isolée d’un consensus scientifique ;\n3. se méfier des chiffres sans contexte.',
      `Pour en débattre, rendez-vous aux prochains [cafés des sciences](${agenda}?format=science-cafe).`,
    ].join('\n\n'), debateTopic, undefined, false);
  }

  // ------------------------------------------------------------ projects

  private buildProjects(): void {
    const year = yearMonthOf(this.today).year;
    const c0 = this.commune(0);
    const projects: { actor: number; title: string; summary: string; description: string; disciplines: Discipline[]; participationType: ParticipationType; involvement: InvolvementLevel; audiences: Audience[]; scope: GeographicScope; local?: Commune; keywords: string[]; start?: string; end?: string }[] = [
      { actor: A.naturalists, title: `Sentinelles des mares ${this.phrases.de}`, summary: 'Recenser les amphibiens des mares pour suivre leur état de santé.', description: 'Chaque printemps, les volontaires visitent une mare près de chez eux et notent les espèces observées. Une formation est proposée aux débutants.\n\n- protocole simple, accessible dès 10 ans ;\n- données partagées avec les gestionnaires d’espaces naturels.', disciplines: ['ecology', 'biology'], participationType: 'field', involvement: 'seasonal', audiences: ['families', 'adults'], scope: 'regional', keywords: ['amphibiens', 'mares'], start: `${year}-02-01` },
      { actor: A.astronomy, title: 'Chasseurs de météores', summary: 'Photographier le ciel nocturne pour calculer la trajectoire des météores.', description: "Les participants installent un appareil photo pointé vers le ciel ou analysent en ligne les images du réseau de caméras. Les trajectoires calculées aident à retrouver des météorites.", disciplines: ['astronomy'], participationType: 'both', involvement: 'case-by-case', audiences: ['teens', 'adults'], scope: 'national', keywords: ['météores', 'astronomie'] },
      { actor: A.csLab, title: `Air citoyen ${de(c0.name)}`, summary: "Mesurer la qualité de l'air à vélo avec des capteurs fabriqués en atelier.", description: "Les volontaires assemblent un capteur de particules fines, puis l'emportent lors de leurs trajets. Les cartes produites sont discutées avec la ville.", disciplines: ['engineering', 'health', 'climate'], participationType: 'field', involvement: 'weekly', audiences: ['adults', 'teens'], scope: 'local', local: c0, keywords: ['qualité de l’air', 'capteurs'], start: `${year}-03-15`, end: `${year + 1}-06-30` },
      { actor: A.museum, title: 'Carnets de naturalistes à transcrire', summary: 'Transcrire en ligne les carnets manuscrits des naturalistes du XIXe siècle.', description: "Les carnets conservés par le muséum sont numérisés page par page. En les transcrivant, les volontaires rendent ces observations anciennes utilisables par les chercheurs qui étudient l'évolution de la biodiversité.", disciplines: ['history', 'biology'], participationType: 'online', involvement: 'ongoing', audiences: ['adults'], scope: 'national', keywords: ['archives', 'transcription'] },
      { actor: A.envLab, title: 'Mon sol est vivant', summary: 'Enterrer un sachet de thé et mesurer la vie du sol de son jardin.', description: "Le protocole est simple : deux sachets de thé enterrés puis pesés trois mois plus tard. La perte de masse renseigne sur l'activité des organismes du sol.", disciplines: ['agriculture', 'ecology'], participationType: 'field', involvement: 'one-off', audiences: ['families', 'school-groups', 'adults'], scope: 'regional', keywords: ['sols', 'jardins'], start: `${year}-04-01`, end: `${year}-11-30` },
      { actor: A.naturalists, title: `Le printemps des arbres ${this.phrases.in}`, summary: 'Noter les dates de floraison et de feuillaison pour suivre le changement climatique.', description: 'Les observateurs choisissent quelques arbres près de chez eux et notent chaque semaine, au printemps, l’apparition des bourgeons, des feuilles et des fleurs.', disciplines: ['climate', 'ecology'], participationType: 'both', involvement: 'weekly', audiences: ['families', 'adults', 'school-groups'], scope: 'regional', keywords: ['phénologie', 'arbres'] },
    ];
    for (const project of projects) {
      const actor = this.profile(project.actor);
      const title = this.uniqueTitle(project.title, actor.commune);
      this.content.projects.push({
        actor: project.actor,
        input: {
          title,
          summary: project.summary,
          description: project.description,
          disciplines: project.disciplines,
          participationType: project.participationType,
          involvement: project.involvement,
          audiences: project.audiences,
          scope: project.scope,
          ...(project.scope === 'national' ? {} : { regions: [this.region] }),
          ...(project.local === undefined ? {} : { location: { commune: project.local.name, inseeCode: project.local.inseeCode, lat: project.local.lat, lon: project.local.lon } }),
          website: `${actor.website}/projets/${slugify(title)}`,
          ...(project.start === undefined ? {} : { startDate: project.start }),
          ...(project.end === undefined ? {} : { endDate: project.end }),
          keywords: project.keywords,
          image: this.image(project.keywords[0] ?? 'projet', `Des participants au projet « ${title} »`, actor.name),
        },
        publish: true,
      });
    }
  }

  // ------------------------------------------------------------ announcements

  private buildAnnouncements(): void {
    const ann: { actor: number; kind: AnnouncementKind; title: string; summary: string; description: string; deadline: number; disciplines: Discipline[] }[] = [
      { actor: A.ccsti, kind: 'job', title: 'Médiateur ou médiatrice scientifique (CDD de 12 mois)', summary: 'La Maison des sciences recrute pour ses ateliers et ses expositions itinérantes.', description: "Vous animerez des ateliers pour les scolaires et le grand public, et participerez à la conception d'une nouvelle exposition.\n\n**Profil :** formation scientifique, goût pour la transmission, permis B.", deadline: this.rng.int(15, 40), disciplines: ['science-society'] },
      { actor: A.museum, kind: 'internship', title: "Stage : conception d'un atelier sur la biodiversité urbaine", summary: 'Stage de six mois au service des publics du muséum.', description: 'Vous concevrez et testerez un atelier pour les 8-12 ans, en lien avec les collections et les scientifiques partenaires.', deadline: this.rng.int(20, 60), disciplines: ['ecology', 'biology'] },
      { actor: A.ccsti, kind: 'call-for-projects', title: `Appel à projets : Fête de la science ${this.fdsYear + (Math.floor(Date.UTC(this.fdsYear, 9, 12) / DAY_MS) < this.today ? 1 : 0)}`, summary: 'Associations, laboratoires, médiathèques : proposez vos événements.', description: 'La coordination régionale accompagne les porteurs de projets : conseils, prêt de matériel et communication commune.', deadline: this.rng.int(30, 90), disciplines: ['science-society'] },
      { actor: A.naturalists, kind: 'call-for-volunteers', title: 'Bénévoles recherchés pour les inventaires de printemps', summary: 'Rejoignez les équipes de terrain, aucune compétence préalable requise.', description: 'Une formation est assurée en début de saison. Les sorties ont lieu le week-end, par petits groupes.', deadline: this.rng.int(10, 50), disciplines: ['ecology'] },
      { actor: A.smallLibrary, kind: 'call-for-volunteers', title: 'Festival des sciences : devenez bénévole', summary: "Accueil du public, tenue des stands, logistique : le festival a besoin de vous.", description: 'Un repas et un t-shirt sont offerts aux bénévoles. Deux demi-journées minimum.', deadline: this.rng.int(5, 30), disciplines: ['science-society'] },
      { actor: A.industry, kind: 'other', title: 'Exposition itinérante à prêter : deux siècles d’innovations', summary: 'Douze panneaux et quatre manipulations, prêtés gratuitement aux communes et aux écoles.', description: "L'exposition tient dans une camionnette et s'installe en une heure. Elle est accompagnée d'un livret pédagogique.", deadline: this.rng.int(30, 120), disciplines: ['engineering', 'history'] },
    ];
    for (const item of ann) {
      const actor = this.profile(item.actor);
      this.content.announcements.push({
        actor: item.actor,
        input: {
          kind: item.kind,
          title: this.uniqueTitle(item.title, actor.commune),
          summary: item.summary,
          description: item.description,
          deadline: isoDate(this.today + item.deadline),
          applyUrl: `${actor.website}/annonces/${slugify(item.title)}`,
          location: { commune: actor.commune.name, inseeCode: actor.commune.inseeCode, ...(actor.commune.postalCode === undefined ? {} : { postalCode: actor.commune.postalCode }) },
          disciplines: item.disciplines,
          contactEmail: actor.email,
        },
        publish: true,
      });
    }
  }

  // ------------------------------------------------------------ dossiers

  private buildDossiers(): void {
    const published = <T extends Publishable>(items: readonly T[], test: (item: T) => boolean = () => true) => items.flatMap((item, index) => (item.publish && test(item) ? [index] : []));

    const fdsEvents = published(this.content.events, (event) => event.input.campaign === this.campaign).slice(0, 8);
    const fdsArticle = published(this.content.articles, (article) => article.input.title.startsWith('Fête de la science'));
    this.content.dossiers.push({
      actor: A.ccsti,
      input: {
        title: this.uniqueTitle(`Fête de la science ${this.fdsYear} ${this.phrases.in}`, this.commune(0)),
        summary: 'Le meilleur de la Fête de la science dans la région : villages, labos ouverts et ateliers.',
        description: `Chaque année en octobre, la Fête de la science met la recherche à portée de tous. Cette sélection rassemble les temps forts ${this.phrases.de}.`,
        disciplines: ['science-society'],
        image: this.image('fete-de-la-science', 'Stand animé lors du village des sciences', this.profile(A.ccsti).name),
      },
      items: [
        ...fdsArticle.slice(0, 1).map((index) => ({ type: 'article' as const, index, note: 'Pour commencer : l’édition en un coup d’œil.' })),
        ...fdsEvents.map((index) => ({ type: 'event' as const, index })),
        { type: 'actor', index: 0, note: 'La coordination régionale de la Fête de la science.' },
      ],
      publish: true,
    });

    const natureEvents = published(this.content.events, (event) => event.input.disciplines?.includes('ecology') === true && event.input.format === 'field-survey').slice(0, 5);
    const naturePlaces = published(this.content.places, (place) => place.input.kind === 'garden' || place.input.kind === 'other' || place.input.kind === 'aquarium');
    const natureProjects = published(this.content.projects, (project) => project.input.disciplines?.includes('ecology') === true);
    const natureArticles = published(this.content.articles, (article) => article.input.disciplines?.includes('ecology') === true).slice(0, 2);
    this.content.dossiers.push({
      input: {
        title: this.uniqueTitle('Biodiversité : agir près de chez soi', this.commune(0)),
        summary: 'Sorties, lieux à visiter et projets participatifs pour observer et protéger la nature de proximité.',
        description: 'Pas besoin de partir loin pour observer la biodiversité. Ce dossier réunit des sorties accompagnées, des lieux à visiter et des projets où chacun peut contribuer à la recherche.',
        disciplines: ['ecology', 'biology'],
      },
      items: [
        ...natureProjects.map((index, i) => ({ type: 'project' as const, index, ...(i === 0 ? { note: 'Le plus simple pour débuter.' } : {}) })),
        ...naturePlaces.map((index) => ({ type: 'place' as const, index })),
        ...natureEvents.map((index) => ({ type: 'event' as const, index })),
        ...natureArticles.map((index) => ({ type: 'article' as const, index })),
      ],
      publish: true,
    });
  }

  // ------------------------------------------------------------ resources

  private buildResources(): void {
    const { year } = yearMonthOf(this.today);
    const list: { actor?: number; kind: ResourceKind; title: string; summary: string; description: string; file: string; disciplines: Discipline[]; audiences: Audience[]; keywords: string[]; daysAgo: number }[] = [
      { actor: A.ccsti, kind: 'guide', title: 'Guide pratique : organiser un café des sciences', summary: 'Trouver un lieu, inviter un chercheur, animer le débat : toutes les étapes.', description: 'Ce guide de vingt pages rassemble les conseils des organisateurs du réseau régional, avec des modèles de communication.', file: 'guide-cafe-des-sciences.pdf', disciplines: ['science-society'], audiences: ['professionals'], keywords: ['café des sciences', 'médiation'], daysAgo: 200 },
      { actor: A.ccsti, kind: 'report', title: `Baromètre de la culture scientifique ${this.phrases.de} ${year - 1}`, summary: 'Fréquentation, publics et actions du réseau sur une année.', description: "Le rapport présente les chiffres clés de l'année écoulée et les tendances observées par les acteurs du réseau.", file: `barometre-${year - 1}.pdf`, disciplines: ['science-society', 'social-sciences'], audiences: ['professionals'], keywords: ['évaluation', 'publics'], daysAgo: 120 },
      { actor: A.makers, kind: 'tool', title: 'Kit d’animation : la chimie en cuisine', summary: 'Fiches d’expériences et liste de matériel pour animer un atelier.', description: 'Le kit contient huit expériences testées avec des enfants de 8 à 12 ans, avec les consignes de sécurité.', file: 'kit-chimie-en-cuisine.zip', disciplines: ['chemistry'], audiences: ['professionals', 'school-groups'], keywords: ['atelier', 'chimie'], daysAgo: 60 },
      { actor: A.naturalists, kind: 'dataset', title: 'Inventaire participatif des mares : données ouvertes', summary: 'Les observations des volontaires, téléchargeables au format CSV.', description: 'Chaque ligne correspond à une visite de mare : date, commune, espèces observées. Les données sont publiées sous licence ouverte.', file: 'inventaire-mares.csv', disciplines: ['ecology'], audiences: ['professionals', 'adults'], keywords: ['données ouvertes', 'amphibiens'], daysAgo: 30 },
      { kind: 'training', title: 'Formation : rendre un événement scientifique accessible', summary: 'Une journée pour adapter ses animations aux personnes en situation de handicap.', description: 'La formation aborde l’accueil, la langue des signes, l’audiodescription et le facile à lire et à comprendre.', file: 'formation-accessibilite', disciplines: ['science-society'], audiences: ['professionals'], keywords: ['accessibilité', 'formation'], daysAgo: 15 },
    ];
    for (const item of list) {
      const owner = item.actor === undefined ? this.base : this.profile(item.actor).website;
      this.content.resources.push({
        ...(item.actor === undefined ? {} : { actor: item.actor }),
        input: {
          kind: item.kind,
          title: this.uniqueTitle(item.title, this.commune(0)),
          summary: item.summary,
          description: item.description,
          link: `${owner}/ressources/${item.file}`,
          disciplines: item.disciplines,
          audiences: item.audiences,
          languages: ['fr'],
          keywords: item.keywords,
          publishedOn: isoDate(this.today - item.daysAgo),
        },
        publish: true,
      });
    }
  }

  // ------------------------------------------------------------ members

  private buildMembers(): void {
    const skills = ["animation d'ateliers", "conception d'expositions", 'écriture scientifique', 'vulgarisation', 'montage de projets européens', 'photographie naturaliste', 'programmation Python', 'gestion de bénévoles', 'médiation numérique', 'prise de parole en public', 'accessibilité des publics', 'animation de débats', 'podcast', 'impression 3D', 'relations presse', 'évaluation des publics'];
    const years = () => this.rng.int(3, 20);
    const staffBio = (p: Person, a: ActorProfile) => this.rng.pick([
      `${p.first} travaille depuis ${years()} ans ${a.atName}. ${p.feminine ? 'Elle' : 'Il'} aime faire dialoguer chercheurs et publics ${this.phrases.in}.`,
      `Après des études de ${FIELD_OF[this.rng.pick(a.disciplines)]}, ${p.first} a rejoint ${a.theName} il y a ${years()} ans. ${p.feminine ? 'Elle' : 'Il'} coordonne des projets avec les écoles et les associations.`,
      `${p.first} conçoit des animations ${a.atName} depuis ${years()} ans et partage volontiers ses outils avec le réseau.`,
    ]);
    const roster: { role: Role; actor?: number; headline: (p: Person, actor?: ActorProfile) => string; bio?: (p: Person) => string }[] = [
      { role: 'admin', actor: A.ccsti, headline: (p, a) => `${p.feminine ? 'Coordinatrice' : 'Coordinateur'} du réseau régional ${a?.atName ?? ''}`.trim() },
      { role: 'moderator', actor: A.ccsti, headline: (p, a) => `${p.feminine ? 'Chargée' : 'Chargé'} de communication ${a?.atName ?? ''}`.trim() },
      { role: 'contributor', actor: A.museum, headline: (_p, a) => `Responsable des publics ${a?.atName ?? ''}`.trim() },
      { role: 'contributor', actor: A.university, headline: (p, a) => `${p.feminine ? 'Chargée' : 'Chargé'} de culture scientifique ${a?.atName ?? ''}`.trim() },
      { role: 'contributor', actor: A.naturalists, headline: (p, a) => `${p.feminine ? 'Animatrice' : 'Animateur'} nature ${a?.atName ?? ''}`.trim() },
      { role: 'contributor', actor: A.libraries, headline: (p, a) => `Bibliothécaire, ${p.feminine ? 'référente' : 'référent'} sciences ${a?.atName ?? ''}`.trim() },
      {
        role: 'contributor',
        actor: A.independent,
        headline: (p) => `${p.feminine ? 'Médiatrice scientifique indépendante' : 'Médiateur scientifique indépendant'}`,
        bio: (p) => `${p.feminine ? 'Ancienne chercheuse' : 'Ancien chercheur'}, ${p.first} crée depuis ${years()} ans des spectacles et des ateliers scientifiques pour les médiathèques, les écoles et les festivals.`,
      },
      {
        role: 'member',
        headline: (p) => `${p.feminine ? 'Professeure' : 'Professeur'} de sciences de la vie et de la Terre`,
        bio: (p) => `${p.first} enseigne depuis ${years()} ans et emmène ses classes au laboratoire dès que possible. ${p.feminine ? 'Elle' : 'Il'} cherche des partenaires pour un projet sur la biodiversité du collège.`,
      },
    ];
    const used = new Set<string>();
    for (const [i, entry] of roster.entries()) {
      const actor = entry.actor === undefined ? undefined : this.profile(entry.actor);
      let person = actor?.person ?? this.person();
      while (used.has(fullName(person))) person = this.person(person.feminine);
      used.add(fullName(person));
      const local = ascii(`${person.first}.${person.last}`).toLowerCase().replace(/[^a-z.]+/g, '-');
      const domain = actor === undefined ? 'example.org' : new URL(actor.website).hostname;
      const disciplines = actor?.disciplines.slice(0, 3) ?? (['biology', 'earth-sciences'] as Discipline[]);
      this.content.members.push({
        input: {
          displayName: fullName(person),
          headline: entry.headline(person, actor),
          bio: entry.bio?.(person) ?? (actor === undefined ? '' : staffBio(person, actor)),
          skills: this.rng.sample(skills, this.rng.int(3, 5)),
          disciplines,
          region: this.region,
          contact: { email: `${local}@${domain}`, ...(i % 3 === 0 ? { phone: this.phone() } : {}), ...(actor === undefined ? {} : { website: actor.website }) },
          listed: i !== roster.length - 1,
        },
        email: `${local}@example.org`,
        role: entry.role,
        ...(entry.actor === undefined ? {} : { actor: entry.actor }),
      });
    }
  }
}

/** Builds a hub's worth of seed content for a region; see the module comment for how references work. */
export function generateSeed(options: SeedOptions): SeedContent {
  return new SeedBuilder(options).build();
}
