/**
 * Fills a hub data dir with N published events (default 100,000) and a few hundred
 * actors, through the hub's own ContentService, so the content rows, public JSON, event
 * index, occurrences, full-text index and changes feed are exactly what the hub writes.
 *
 *   npx tsx --conditions=@constellation/source bench/hub/populate.ts [--events N] [--batch N] [--force]
 *
 * The data dir (bench/.data/hub-<version>-<N>/) is reused while its population.json
 * says it is complete and of the current DATA_VERSION.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ActorInput, EventInput, accessibilityFlags, actorKinds, audiences, disciplines, eventFormats, validate } from '@constellation/shared';
import { createServices, loadHubConfig, openHubStore, uuidv7, type Viewer } from '@constellation/hub';
import {
  BENCH_HUB,
  CITIES,
  DATA_VERSION,
  FRANCE_BBOX,
  META_FILE,
  dataDirFor,
  flag,
  gaussian,
  isMain,
  numberFlag,
  pick,
  pickWeighted,
  readMeta,
  seededRandom,
  some,
  type City,
  type PopulationMeta,
  type Random,
} from './common.ts';

const DAY_MS = 86_400_000;
const SEED = 20_260_401;

export interface PopulateOptions {
  events: number;
  actors?: number;
  /** Events created per outer transaction (each create is still its own service call). 1 = one transaction per event, as over HTTP. */
  batch?: number;
  force?: boolean;
  log?: (line: string) => void;
}

const TOPICS = [
  'les trous noirs', 'la chimie des couleurs', 'le climat de demain', 'les abeilles', 'l’intelligence artificielle', 'les volcans',
  'le cerveau et la mémoire', 'les océans profonds', 'la lumière', 'les robots', 'les fossiles', 'l’énergie solaire', 'les vaccins',
  'les mathématiques du hasard', 'les étoiles filantes', 'la biodiversité urbaine', 'les champignons', 'la fusion nucléaire',
  'les exoplanètes', 'le sommeil', 'l’eau potable', 'les séismes', 'la génétique', 'les algorithmes', 'la préhistoire', 'les insectes',
  'la cuisine moléculaire', 'les glaciers', 'les matériaux du futur', 'la radioactivité', 'le microbiote', 'les forêts', 'les nombres premiers',
  'la photosynthèse', 'les satellites', 'les langues du monde', 'la cryptographie', 'les oiseaux migrateurs', 'les jeux vidéo', 'le son',
];

const FORMAT_WORDS: Record<string, string> = {
  conference: 'Conférence', workshop: 'Atelier', exhibition: 'Exposition', 'science-cafe': 'Café des sciences', 'lab-visit': 'Visite de laboratoire',
  festival: 'Festival', 'field-survey': 'Sortie nature', screening: 'Projection-débat', game: 'Escape game', other: 'Rencontre',
};

const FORMAT_WEIGHTS: { value: string; weight: number }[] = eventFormats.values.map((value) => ({
  value,
  weight: ({ conference: 5, workshop: 5, exhibition: 2, 'science-cafe': 2, 'lab-visit': 1, festival: 0.5, 'field-survey': 1, screening: 1, game: 0.7, other: 0.8 } as Record<string, number>)[value] ?? 1,
}));

const PLACE_WORDS = ['Médiathèque', 'Muséum', 'Université', 'Maison des sciences', 'Planétarium', 'Salle des fêtes', 'Lycée', 'Jardin botanique', 'Centre culturel', 'Fab lab'];

const LOREM =
  'Une rencontre ouverte à toutes et à tous pour découvrir la recherche en train de se faire, poser ses questions aux scientifiques et manipuler. ' +
  'Entrée libre dans la limite des places disponibles. Les enfants doivent être accompagnés. ';

function round(value: number, digits = 5): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A point: mostly around a city centre, some across its département, a few anywhere in France. */
function pointNear(random: Random, city: City): { lat: number; lon: number } {
  const roll = random();
  const [west, south, east, north] = FRANCE_BBOX;
  if (roll < 0.04) return { lat: round(south + random() * (north - south)), lon: round(west + random() * (east - west)) };
  const spread = roll < 0.8 ? 0.025 + 0.012 * Math.sqrt(city.weight) : 0.3;
  const lat = Math.min(Math.max(city.lat + gaussian(random) * spread, south), north);
  const lon = Math.min(Math.max(city.lon + gaussian(random) * spread * 1.45, west), east);
  return { lat: round(lat), lon: round(lon) };
}

/** "2026-05-10T16:00:00Z", whole seconds. */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Wall-clock "2026-05-10T18:00" of an epoch read as UTC. */
function wall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

function actorInput(random: Random, index: number, city: City): ActorInput {
  const kind = pick(random, actorKinds.values);
  const place = pointNear(random, city);
  return {
    name: `${pick(random, PLACE_WORDS)} ${city.name} ${index + 1}`,
    kind,
    summary: `Un acteur de la culture scientifique à ${city.name}.`,
    disciplines: some(random, disciplines.values, 1, 3),
    website: `https://acteur-${index + 1}.example.org/`,
    location: { name: `${pick(random, PLACE_WORDS)} de ${city.name}`, commune: city.name, postalCode: city.postalCode, lat: place.lat, lon: place.lon },
  };
}

interface ActorRef {
  id: string;
  city: City;
}

function eventInput(random: Random, actor: ActorRef, anchor: number): EventInput {
  const city = random() < 0.7 ? actor.city : pickWeighted(random, CITIES);
  const format = pickWeighted(random, FORMAT_WEIGHTS).value as EventInput['format'];
  const topic = pick(random, TOPICS);
  const modeRoll = random();
  const attendanceMode: EventInput['attendanceMode'] = modeRoll < 0.86 ? 'in-person' : modeRoll < 0.95 ? 'mixed' : 'online';
  // Local day in [anchor - 3 months, anchor + 12 months), local hour 9..20 (Europe/Paris is UTC+1/+2).
  const day = anchor + Math.floor((random() * 456 - 91)) * DAY_MS;
  const startHour = 8 + Math.floor(random() * 12);
  const hours = format === 'exhibition' ? 0 : 1 + Math.floor(random() * 3);
  const event: EventInput = {
    actorId: actor.id,
    title: `${FORMAT_WORDS[format] ?? 'Rencontre'} : ${topic} à ${city.name}`,
    summary: `${FORMAT_WORDS[format] ?? 'Rencontre'} autour de ${topic}, pour petits et grands.`,
    description: `${LOREM}${random() < 0.5 ? LOREM : ''}`,
    timeZone: 'Europe/Paris',
    attendanceMode,
    format,
    audiences: some(random, audiences.values, 1, 3),
    disciplines: some(random, disciplines.values, 1, 3),
    price: random() < 0.62 ? { free: true } : { free: false, details: `${3 + Math.floor(random() * 10)} €, tarif réduit disponible` },
    languages: ['fr'],
    keywords: [topic.replace(/^(les|la|le|l’)\s*/u, '')],
  };
  if (random() < 0.5) event.accessibility = some(random, accessibilityFlags.values, 1, 3);
  if (random() < 0.3) event.registration = { required: true, url: `https://billetterie.example.org/${Math.floor(random() * 1e6)}` };
  if (attendanceMode !== 'in-person') event.onlineUrl = `https://visio.example.org/${Math.floor(random() * 1e6)}`;
  if (attendanceMode !== 'online') {
    const point = pointNear(random, city);
    event.place = { name: `${pick(random, PLACE_WORDS)} de ${city.name}`, address: `${1 + Math.floor(random() * 120)} rue de la République`, commune: city.name, postalCode: city.postalCode, lat: point.lat, lon: point.lon };
  }
  if (random() < 0.8) {
    // One to three timings; an exhibition runs for days or weeks.
    const count = 1 + Math.floor(random() * random() * 3);
    const timings: { start: string; end: string }[] = [];
    let start = day + (startHour - 1) * 3_600_000;
    for (let index = 0; index < count; index += 1) {
      const end = hours === 0 ? start + (3 + Math.floor(random() * 60)) * DAY_MS : start + hours * 3_600_000;
      timings.push({ start: utc(start), end: utc(end) });
      start = end + (1 + Math.floor(random() * 14)) * DAY_MS;
    }
    event.timings = timings;
  } else {
    const start = day + startHour * 3_600_000;
    const end = start + Math.max(hours, 2) * 3_600_000;
    const weekly = random() < 0.7;
    const count = weekly ? 2 + Math.floor(random() * 19) : 2 + Math.floor(random() * 11);
    event.recurrence = { start: wall(start), end: wall(end), rrule: weekly ? `FREQ=WEEKLY;COUNT=${count}` : `FREQ=MONTHLY;COUNT=${count}` };
    if (weekly && count > 4 && random() < 0.3) event.recurrence.exdates = [wall(start + 7 * DAY_MS * (1 + Math.floor(random() * (count - 1))))];
  }
  return event;
}

function checked(schema: Parameters<typeof validate>[0], value: unknown, what: string): void {
  const result = validate(schema, value);
  if (!result.ok) throw new Error(`the generator made an invalid ${what}: ${JSON.stringify(result.issues)}\n${JSON.stringify(value)}`);
}

/**
 * Written after every committed batch, so a population that was interrupted (it takes a
 * while through the service) resumes where it stopped instead of starting over.
 */
interface Progress {
  version: string;
  events: number;
  actors: number;
  done: number;
  anchor: string;
  seconds: { actors: number; events: number };
  resumed?: number;
}

const PROGRESS_FILE = 'progress.json';

function readProgress(dataDir: string, events: number): Progress | undefined {
  const file = join(dataDir, PROGRESS_FILE);
  if (!existsSync(file) || !existsSync(join(dataDir, 'hub.sqlite'))) return undefined;
  const progress = JSON.parse(readFileSync(file, 'utf8')) as Progress;
  return progress.version === DATA_VERSION && progress.events === events ? progress : undefined;
}

/** Creates (or reuses, or finishes) the data dir; returns its path and what it holds. */
export function populate(options: PopulateOptions): { dataDir: string; meta: PopulationMeta; reused: boolean } {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = dataDirFor(options.events);
  const existing = readMeta(dataDir);
  if (options.force !== true && existing !== undefined && existing.version === DATA_VERSION && existing.events === options.events) {
    return { dataDir, meta: existing, reused: true };
  }
  // Only one process fills a data dir: a second one (another benchmark calling populate) waits its turn or fails here.
  const lock = join(dataDir, 'populating.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive: boolean;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`${dataDir} is being populated by process ${pid}; run again when it has finished`);
  }
  const resume = options.force === true ? undefined : readProgress(dataDir, options.events);
  if (resume === undefined) rmSync(dataDir, { recursive: true, force: true });
  const actorCount = resume?.actors ?? options.actors ?? Math.min(400, Math.max(20, Math.round(options.events / 250)));
  const batch = Math.max(1, Math.floor(options.batch ?? 500));
  const config = loadHubConfig({
    argv: ['--hub-id', BENCH_HUB.hubId, '--name', BENCH_HUB.name, '--region', BENCH_HUB.region, '--data-dir', dataDir, '--jwt-secret', BENCH_HUB.jwtSecret, '--log-level', 'warn'],
    env: {},
  });
  const store = openHubStore(config);
  writeFileSync(lock, String(process.pid));
  const services = createServices(store, config);
  const admin: Viewer = { id: uuidv7(), role: 'admin', actorIds: [] };
  const random = seededRandom(SEED);
  const today = new Date();
  const anchor = resume === undefined ? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) : Date.parse(resume.anchor);
  const started = performance.now();

  const actors: ActorRef[] = [];
  let startAt = 0;
  if (resume !== undefined) {
    // Replay the seeded generator up to where the last run stopped, so the data is what one run would have made.
    const ids = (store.sqlite.prepare("SELECT id FROM content WHERE type = 'actor' ORDER BY row_id").all() as { id: string }[]).map((row) => row.id);
    if (ids.length !== actorCount) throw new Error(`cannot resume: ${ids.length} actors stored, expected ${actorCount}; use --force`);
    for (let index = 0; index < actorCount; index += 1) {
      const city = pickWeighted(random, CITIES);
      actorInput(random, index, city);
      actors.push({ id: ids[index] ?? '', city });
    }
    const stored = (store.sqlite.prepare("SELECT count(*) AS n FROM content WHERE type = 'event'").get() as { n: number }).n;
    let last: EventInput | undefined;
    for (let index = 0; index < stored; index += 1) last = eventInput(random, pick(random, actors), anchor);
    const lastStored = store.sqlite.prepare("SELECT data FROM content WHERE type = 'event' ORDER BY row_id DESC LIMIT 1").get() as { data: string } | undefined;
    if (last !== undefined && lastStored?.data !== JSON.stringify(last)) throw new Error('cannot resume: the generator does not replay to the stored events; use --force');
    startAt = stored;
    log(`populate: resuming at ${stored} / ${options.events} events (earlier runs: ${resume.seconds.events} s)`);
  } else {
    store.immediate(() => {
      for (let index = 0; index < actorCount; index += 1) {
        const city = pickWeighted(random, CITIES);
        const input = actorInput(random, index, city);
        checked(ActorInput, input, 'actor');
        actors.push({ id: services.content.create('actor', input, admin, { submit: true }).id, city });
      }
    });
  }
  const actorsDone = performance.now();
  const actorSeconds = resume?.seconds.actors ?? round((actorsDone - started) / 1000, 1);
  const earlierSeconds = resume?.seconds.events ?? 0;
  if (resume === undefined) log(`populate: ${actorCount} actors in ${actorSeconds} s`);
  const saveProgress = (done: number) => {
    const progress: Progress = {
      version: DATA_VERSION,
      events: options.events,
      actors: actorCount,
      done,
      anchor: new Date(anchor).toISOString(),
      seconds: { actors: actorSeconds, events: round(earlierSeconds + (performance.now() - actorsDone) / 1000, 1) },
      resumed: (resume?.resumed ?? 0) + (resume === undefined ? 0 : 1),
    };
    writeFileSync(join(dataDir, PROGRESS_FILE), `${JSON.stringify(progress)}\n`);
  };
  saveProgress(startAt);

  let lastReport = actorsDone;
  let reportedAt = startAt;
  for (let done = startAt; done < options.events; ) {
    const size = Math.min(batch, options.events - done);
    const inputs: EventInput[] = [];
    for (let index = 0; index < size; index += 1) {
      const input = eventInput(random, pick(random, actors), anchor);
      checked(EventInput, input, 'event');
      inputs.push(input);
    }
    const create = () => {
      for (const input of inputs) {
        const view = services.content.create('event', input, admin, { submit: true });
        if (view.status !== 'published') throw new Error(`event ${view.id} is ${view.status}, not published`);
      }
    };
    if (batch === 1) create();
    else store.immediate(create);
    done += size;
    saveProgress(done);
    const at = performance.now();
    if (at - lastReport > 10_000 || done === options.events) {
      const rate = ((done - reportedAt) / (at - lastReport)) * 1000;
      log(`populate: ${done} / ${options.events} events, ${(earlierSeconds + (at - actorsDone) / 1000).toFixed(1)} s, ${rate.toFixed(0)} events/s lately`);
      lastReport = at;
      reportedAt = done;
    }
  }
  const eventsDone = performance.now();
  const occurrences = (store.sqlite.prepare('SELECT count(*) AS n FROM event_occurrences').get() as { n: number }).n;
  const indexed = (store.sqlite.prepare('SELECT count(*) AS n FROM events_index').get() as { n: number }).n;
  if (indexed !== options.events) throw new Error(`events_index holds ${indexed} events, expected ${options.events}`);
  store.sqlite.pragma('optimize');
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  rmSync(lock, { force: true });
  rmSync(join(dataDir, PROGRESS_FILE), { force: true });
  const eventSeconds = earlierSeconds + (eventsDone - actorsDone) / 1000;
  const total = actorSeconds + eventSeconds + (performance.now() - eventsDone) / 1000;
  const meta: PopulationMeta = {
    version: DATA_VERSION,
    events: options.events,
    actors: actorCount,
    seed: SEED,
    anchor: new Date(anchor).toISOString(),
    occurrences,
    populatedAt: new Date().toISOString(),
    seconds: { actors: actorSeconds, events: round(eventSeconds, 1), total: round(total, 1) },
    batchSize: batch,
    eventsPerSecond: Math.round(options.events / eventSeconds),
    databaseBytes: statSync(join(dataDir, 'hub.sqlite')).size,
    ...(resume === undefined ? {} : { resumedRuns: (resume.resumed ?? 0) + 1 }),
  };
  writeFileSync(join(dataDir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  log(`populate: ${options.events} events (${occurrences} occurrences) in ${total.toFixed(1)} s, ${meta.eventsPerSecond} events/s; ${(meta.databaseBytes / 1e6).toFixed(0)} MB`);
  return { dataDir, meta, reused: false };
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const events = numberFlag(argv, 'events', 100_000);
  const result = populate({ events, batch: numberFlag(argv, 'batch', 500), force: argv.includes('--force'), ...(flag(argv, 'actors') === undefined ? {} : { actors: numberFlag(argv, 'actors', 0) }) });
  console.log(`${result.reused ? 'reused' : 'created'} ${result.dataDir}`);
  console.log(JSON.stringify(result.meta));
}
