/**
 * Synthetic hubs and their changes feeds for the aggregator benchmarks: change items as a
 * hub serves them (`{ seq, type, id, op, version, updatedAt, data }` with `data` the
 * public `EventPublic` shape), for any number of hubs and events, quickly.
 *
 * Every event is a pure function of (hub index, event index, anchor): any page can be
 * generated again, identical, without keeping the others (the re-sync replays them all).
 * Hubs are the French regions (the big ones twice, to reach 20 and more), events sit at
 * real communes of the hub's region (`communesOfRegion` from `@constellation/hub/seed`),
 * weighted by population, with a few hundred metres of jitter. About 1 % of a hub's events
 * are the same event as the previous hub lists at the same index (same place, same times,
 * a title written a little differently): the cross-hub duplicates the aggregator groups.
 */
import { communesOfRegion, type Commune } from '@constellation/hub/seed';
import { REGION_FACTS, accessibilityFlags, audiences, disciplines, eventFormats, regions, type EventPublic, type RegionCode } from '@constellation/shared';
import { gaussian, pick, seededRandom, some, type Random } from '../hub/common.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Share of events a hub lists that the previous hub lists too (the same event, posted twice). */
export const DUPLICATE_SHARE = 0.01;
/** Share of events given as a weekly rule rather than 1 to 3 timings. */
export const RECURRING_SHARE = 0.1;

export interface BenchHub {
  index: number;
  id: string;
  name: string;
  region: RegionCode;
  baseUrl: string;
  timeZone: string;
}

/** Metropolitan regions first (the most populous twice), then overseas; hub n takes entry n modulo the list. */
const REGION_ORDER: readonly RegionCode[] = ['11', '84', '76', '75', '93', '32', '44', '52', '53', '28', '27', '24', '94', '04', '01', '02', '03', '06'];
const SECOND_HUBS: readonly RegionCode[] = ['11', '84', '76', '75', '93', '32', '44', '52'];

function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function benchHubs(count: number): BenchHub[] {
  const order = [...REGION_ORDER, ...SECOND_HUBS];
  const hubs: BenchHub[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const region = order[index % order.length] as RegionCode;
    const regionName = regions.label(region, 'fr');
    const base = slugify(regionName);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    hubs.push({
      index,
      id,
      name: n === 1 ? `Culture scientifique ${regionName}` : `Culture scientifique ${regionName} (${n})`,
      region,
      baseUrl: `https://${id}.example.org`,
      timeZone: REGION_FACTS[region].timeZone,
    });
  }
  return hubs;
}

/** A change item as a hub serves it. */
export interface EventChangeItem {
  seq: number;
  type: 'event';
  id: string;
  op: 'upsert';
  version: number;
  updatedAt: string;
  data: EventPublic;
}

const TOPICS = [
  'les trous noirs', 'la chimie des couleurs', 'le climat de demain', 'les abeilles sauvages', 'l’intelligence artificielle', 'les volcans d’Auvergne',
  'le cerveau et la mémoire', 'les océans profonds', 'la lumière', 'les robots', 'les fossiles', 'l’énergie solaire', 'les vaccins',
  'les mathématiques du hasard', 'les étoiles filantes', 'la biodiversité urbaine', 'les champignons', 'la fusion nucléaire',
  'les exoplanètes', 'le sommeil', 'l’eau potable', 'les séismes', 'la génétique', 'les algorithmes', 'la préhistoire', 'les insectes pollinisateurs',
  'la cuisine moléculaire', 'les glaciers', 'les matériaux du futur', 'la radioactivité', 'le microbiote', 'les forêts anciennes', 'les nombres premiers',
  'la photosynthèse', 'les satellites', 'les langues du monde', 'la cryptographie', 'les oiseaux migrateurs', 'les jeux vidéo', 'le son et la musique',
  'les chauves-souris', 'la Lune', 'les marées', 'les dinosaures', 'le plancton', 'les zones humides', 'la vigne et le vin', 'les éclipses',
  'la physique quantique', 'les météorites', 'les cellules souches', 'les épidémies', 'la mer Méditerranée', 'les fourmis', 'les comètes',
];

const FORMAT_WORDS: Record<string, readonly string[]> = {
  conference: ['Conférence', 'Rencontre avec une chercheuse', 'Grande conférence'],
  workshop: ['Atelier', 'Atelier en famille', 'Atelier découverte'],
  exhibition: ['Exposition', 'Exposition temporaire'],
  'science-cafe': ['Café des sciences', 'Bar des sciences'],
  'lab-visit': ['Visite de laboratoire', 'Portes ouvertes du laboratoire'],
  festival: ['Festival', 'Village des sciences'],
  'field-survey': ['Sortie nature', 'Balade naturaliste', 'Nuit d’observation'],
  screening: ['Projection-débat', 'Ciné-sciences'],
  game: ['Escape game', 'Jeu d’enquête'],
  other: ['Rencontre', 'Animation'],
};

const FORMAT_WEIGHTS: Record<string, number> = { conference: 5, workshop: 5, exhibition: 2, 'science-cafe': 2, 'lab-visit': 1, festival: 0.5, 'field-survey': 1, screening: 1, game: 0.7, other: 0.8 };

const VENUES = ['Médiathèque', 'Muséum d’histoire naturelle', 'Université', 'Maison des sciences', 'Planétarium', 'Salle des fêtes', 'Lycée', 'Jardin botanique', 'Centre culturel', 'Fab lab', 'Observatoire', 'Bibliothèque municipale'];
const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'place de la Mairie', 'rue Victor Hugo', 'boulevard Pasteur', 'rue du Moulin', 'chemin des Écoliers', 'rue de l’Église'];

const SENTENCES = [
  'Une rencontre ouverte à toutes et à tous pour découvrir la recherche en train de se faire et poser ses questions aux scientifiques.',
  'Entrée libre dans la limite des places disponibles ; les enfants doivent être accompagnés.',
  'Manipulations, expériences et démonstrations ponctuent la séance, pensée pour les curieux de tous âges.',
  'La séance se termine par un temps d’échange avec le public autour d’un verre.',
  'Le matériel d’observation est fourni ; prévoyez des vêtements adaptés à la météo.',
  'Cette animation est proposée dans le cadre de la programmation culturelle de la ville.',
  'Les intervenants présentent des résultats récents et les questions encore ouvertes.',
  'Une bibliographie et des ressources pour aller plus loin sont distribuées à la fin.',
];

const FORMATS = eventFormats.values;
const FORMAT_TOTAL = FORMATS.reduce((sum, format) => sum + (FORMAT_WEIGHTS[format] ?? 1), 0);

function pickFormat(random: Random): EventPublic['format'] {
  let left = random() * FORMAT_TOTAL;
  for (const format of FORMATS) {
    left -= FORMAT_WEIGHTS[format] ?? 1;
    if (left < 0) return format;
  }
  return 'other';
}

/** Communes of a region with cumulative weights (population^0.7: big towns host more, not all). */
interface Gazetteer {
  communes: readonly Commune[];
  cumulative: Float64Array;
}

const gazetteers = new Map<RegionCode, Gazetteer>();

function gazetteerOf(region: RegionCode): Gazetteer {
  let gazetteer = gazetteers.get(region);
  if (gazetteer === undefined) {
    const communes = communesOfRegion(region, 400);
    if (communes.length === 0) throw new Error(`no commune known for region ${region}`);
    const cumulative = new Float64Array(communes.length);
    let total = 0;
    communes.forEach((commune, index) => {
      total += Math.max(commune.population, 500) ** 0.7;
      cumulative[index] = total;
    });
    gazetteer = { communes, cumulative };
    gazetteers.set(region, gazetteer);
  }
  return gazetteer;
}

function pickCommune(random: Random, gazetteer: Gazetteer): Commune {
  const target = random() * (gazetteer.cumulative.at(-1) ?? 0);
  let low = 0;
  let high = gazetteer.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((gazetteer.cumulative[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return gazetteer.communes[low] as Commune;
}

/** Loads the communes of every hub's region (reads two datasets once; about a second). */
export function prepareGazetteers(hubs: readonly BenchHub[]): void {
  for (const hub of hubs) gazetteerOf(hub.region);
}

function round(value: number, digits = 5): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** "2026-05-10T16:00:00Z". */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Wall-clock "2026-05-10T18:00" of an epoch read as UTC. */
function wall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

const HEX = '0123456789abcdef';

function hex(value: number, digits: number): string {
  let text = '';
  let rest = value;
  for (let index = 0; index < digits; index += 1) {
    text = HEX[rest & 15] + text;
    rest = Math.floor(rest / 16);
  }
  return text;
}

/**
 * A lower-case UUID in v7 layout that names (hub, event) and nothing else, rising with the
 * event index as a hub's UUIDv7 ids rise with creation time (so the national (hub, id)
 * index is appended to, not written at random places, as with real hubs).
 */
export function eventId(hubIndex: number, eventIndex: number): string {
  // The index's bits, most significant first, in the fixed-width groups (version 7, variant 8).
  const g2 = hex(Math.floor(eventIndex / 2 ** 28), 4);
  const g3 = hex(Math.floor(eventIndex / 2 ** 16) % 4096, 3);
  const g4 = hex(Math.floor(eventIndex / 16) % 4096, 3);
  return `0198${hex(hubIndex, 4)}-${g2}-7${g3}-8${g4}-${hex(eventIndex % 16, 1)}${hex(hubIndex * 7919 + eventIndex, 11)}`;
}

/** The seed of one event's random stream: hub and index mixed (a 32-bit hash). */
function eventSeed(hubIndex: number, eventIndex: number): number {
  let h = Math.imul(hubIndex + 1, 0x9e3779b1) ^ Math.imul(eventIndex + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** What an event is about and where and when it happens: the part two hubs' copies share. */
interface Happening {
  format: EventPublic['format'];
  topic: string;
  formatWord: string;
  commune: Commune;
  lat: number;
  lon: number;
  venue: string;
  timings?: { start: string; end: string }[];
  recurrence?: NonNullable<EventPublic['recurrence']>;
  attendanceMode: EventPublic['attendanceMode'];
  timeZone: string;
  day: number;
}

function happening(random: Random, hub: BenchHub, anchor: number): Happening {
  const format = pickFormat(random);
  const topic = pick(random, TOPICS);
  const formatWord = pick(random, FORMAT_WORDS[format] ?? ['Rencontre']);
  const commune = pickCommune(random, gazetteerOf(hub.region));
  // Within a few hundred metres of the town hall, a little wider in big towns.
  const spread = 0.004 + 0.002 * Math.log10(Math.max(commune.population, 1000));
  const lat = round(commune.lat + gaussian(random) * spread);
  const lon = round(commune.lon + gaussian(random) * spread * 1.4);
  const modeRoll = random();
  const attendanceMode: EventPublic['attendanceMode'] = modeRoll < 0.88 ? 'in-person' : modeRoll < 0.96 ? 'mixed' : 'online';
  // A local day in [anchor - 3 months, anchor + 12 months); times are read as UTC wall clocks, close enough.
  const day = anchor + Math.floor(random() * 456 - 91) * DAY_MS;
  const startHour = 9 + Math.floor(random() * 11);
  const hours = format === 'exhibition' ? 0 : 1 + Math.floor(random() * 3);
  const base: Happening = { format, topic, formatWord, commune, lat, lon, venue: `${pick(random, VENUES)} de ${commune.name}`, attendanceMode, timeZone: hub.timeZone, day };
  if (random() >= RECURRING_SHARE) {
    const count = 1 + Math.floor(random() * random() * 3);
    const timings: { start: string; end: string }[] = [];
    let start = day + (startHour - 1) * HOUR_MS;
    for (let index = 0; index < count; index += 1) {
      const end = hours === 0 ? start + (3 + Math.floor(random() * 60)) * DAY_MS : start + hours * HOUR_MS;
      timings.push({ start: utc(start), end: utc(end) });
      start = end + (1 + Math.floor(random() * 14)) * DAY_MS;
    }
    base.timings = timings;
  } else {
    const start = day + startHour * HOUR_MS;
    const end = start + Math.max(hours, 2) * HOUR_MS;
    const count = 2 + Math.floor(random() * 19);
    base.recurrence = { start: wall(start), end: wall(end), rrule: `FREQ=WEEKLY;COUNT=${count}` };
    if (count > 4 && random() < 0.3) base.recurrence.exdates = [wall(start + 7 * DAY_MS * (1 + Math.floor(random() * (count - 1))))];
  }
  return base;
}

function replay(hubIndex: number, eventIndex: number): Random {
  const random = seededRandom(eventSeed(hubIndex, eventIndex));
  random();
  return random;
}

/** "de" + the topic, contracted: des abeilles, du climat, de la Lune, de l’eau. */
function deTopic(topic: string): string {
  if (topic.startsWith('les ')) return `des ${topic.slice(4)}`;
  if (topic.startsWith('le ')) return `du ${topic.slice(3)}`;
  return `de ${topic}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Event `eventIndex` of `hub`: its change item at feed position `seq` (= eventIndex + 1:
 * the feed of a hub that only ever created, each event edited a few times at most).
 */
export function eventItem(hub: BenchHub, eventIndex: number, anchor: number, previous?: BenchHub): EventChangeItem {
  const random = seededRandom(eventSeed(hub.index, eventIndex));
  const twin = random() < DUPLICATE_SHARE && previous !== undefined;
  // A twin replays the previous hub's stream (past the same first draw) for what happens where and when.
  const what = twin ? happening(replay(previous.index, eventIndex), previous, anchor) : happening(random, hub, anchor);
  const title = twin
    ? `${capitalise(what.topic)} : ${what.formatWord.toLowerCase()} à ${what.commune.name} !`
    : `${what.formatWord} : ${what.topic}${random() < 0.5 ? ` à ${what.commune.name}` : ''}`;
  const id = eventId(hub.index, eventIndex);
  const version = random() < 0.8 ? 1 : 2 + Math.floor(random() * 4);
  // Posted weeks before it happens, and never after today; edits follow within days.
  const created = Math.min(what.day - (10 + Math.floor(random() * 80)) * DAY_MS, anchor - Math.floor(random() * 30 * DAY_MS));
  const updated = Math.min(created + (version - 1) * (1 + Math.floor(random() * 5)) * DAY_MS + Math.floor(random() * DAY_MS), anchor);
  const slug = `${slugify(title).slice(0, 100)}-${hex(eventIndex, 5)}`;
  const description = [
    `${capitalise(what.topic)} : ${what.formatWord.toLowerCase()} à ${what.commune.name}.`,
    ...some(random, SENTENCES, 2, 6),
  ].join('\n\n');
  const data: EventPublic = {
    id,
    hub: hub.id,
    slug,
    version,
    createdAt: utc(created),
    updatedAt: utc(updated),
    url: `${hub.baseUrl}/events/${slug}`,
    actorId: eventId(hub.index, 10_000_000 + Math.floor(random() * 400)),
    title,
    summary: `${what.formatWord} autour ${deTopic(what.topic)}, pour petits et grands.`,
    description,
    timeZone: what.timeZone,
    attendanceMode: what.attendanceMode,
    format: what.format,
    audiences: some(random, audiences.values, 1, 3),
    disciplines: some(random, disciplines.values, 1, 3),
    price: random() < 0.62 ? { free: true } : { free: false, details: `${3 + Math.floor(random() * 10)} €, tarif réduit disponible` },
    languages: ['fr'],
    keywords: [what.topic.replace(/^(les|la|le|l’)\s*/u, '')],
    eventStatus: random() < 0.97 ? 'scheduled' : 'cancelled',
  };
  if (what.timings !== undefined) data.timings = what.timings;
  if (what.recurrence !== undefined) data.recurrence = what.recurrence;
  if (random() < 0.5) data.accessibility = some(random, accessibilityFlags.values, 1, 3);
  if (random() < 0.3) data.registration = { required: true, url: `https://billetterie.example.org/${Math.floor(random() * 1e6)}` };
  if (what.attendanceMode !== 'in-person') data.onlineUrl = `https://visio.example.org/${Math.floor(random() * 1e6)}`;
  if (what.attendanceMode !== 'online') {
    data.place = {
      name: what.venue,
      address: `${1 + Math.floor(random() * 120)} ${pick(random, STREETS)}`,
      commune: what.commune.name,
      ...(what.commune.postalCode === undefined ? {} : { postalCode: what.commune.postalCode }),
      inseeCode: what.commune.inseeCode,
      lat: what.lat,
      lon: what.lon,
    };
  }
  return { seq: eventIndex + 1, type: 'event', id, op: 'upsert', version, updatedAt: data.updatedAt, data };
}

/** One page of a hub's feed: events [from, to). */
export function feedPage(hub: BenchHub, from: number, to: number, anchor: number, previous?: BenchHub): EventChangeItem[] {
  const items: EventChangeItem[] = [];
  for (let index = from; index < to; index += 1) items.push(eventItem(hub, index, anchor, previous));
  return items;
}

/** UTC midnight today: events spread from three months before to a year after it. */
export function todayAnchor(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** A descriptor for the registry row (the benchmark never fetches it; the key is a placeholder). */
export function descriptorOf(hub: BenchHub): string {
  return JSON.stringify({
    protocol: 'constellation/1',
    id: hub.id,
    name: hub.name,
    region: hub.region,
    baseUrl: hub.baseUrl,
    keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), kid: 'bench' }],
  });
}
