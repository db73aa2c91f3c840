import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { accessibilityFlags, audiences, disciplines, eventFormats, validate, EventPublic as EventPublicSchema, type EventPublic } from '@constellation/shared';
import { materialise } from '@constellation/shared/server';
import { buildApp, createServices, loadAggregatorConfig, NationalWriter, openNationalStore, type AggregatorConfig, type AggregatorServices, type NationalStore } from '@constellation/aggregator';
import { startRedis, type TestRedis } from '../support/redis.ts';

/*
 * The national read API over a real national store: a temp SQLite file written through
 * NationalWriter.apply (as the worker does, on its own connection), registry rows inserted
 * directly, a real Redis, and the API built by buildApp with its own connection to the
 * store, as a separate API process would have. Events are generated as valid public
 * events (EventPublic, checked) and the reference answers come from a plain scan of them.
 */

export interface HubSpec {
  id: string;
  name: string;
  region: string;
  baseUrl: string;
}

export const HUBS: HubSpec[] = [
  { id: 'centre-val-de-loire', name: 'Echosciences Centre-Val de Loire', region: '24', baseUrl: 'https://centre.hub.test' },
  { id: 'grand-est', name: 'Echosciences Grand Est', region: '44', baseUrl: 'https://grand-est.hub.test' },
  { id: 'auvergne-rhone-alpes', name: 'Echosciences AURA', region: '84', baseUrl: 'https://aura.hub.test' },
];

export interface Response<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface NationalApi {
  app: FastifyInstance;
  services: AggregatorServices;
  config: AggregatorConfig;
  /** The worker's own connection and writer. */
  store: NationalStore;
  writer: NationalWriter;
  request<T = unknown>(options: InjectOptions | string): Promise<Response<T>>;
  /** Applies upserts of these events (each served by its own hub) as a pull would. */
  publish(events: readonly EventPublic[]): void;
  /** Applies deletions of these events. */
  remove(events: readonly EventPublic[]): void;
  close(): Promise<void>;
}

let redis: TestRedis | undefined;
let redisUsers = 0;

export async function startNational(hubs: readonly HubSpec[] = HUBS): Promise<NationalApi> {
  if (redis === undefined) redis = await startRedis();
  redisUsers += 1;
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-api-'));
  const config = loadAggregatorConfig({
    env: {
      AGGREGATOR_DATA_DIR: dataDir,
      AGGREGATOR_JWT_SECRET: 'api-test-secret-that-is-long-enough-0123456789',
      AGGREGATOR_LOG_LEVEL: 'silent',
      AGGREGATOR_PUBLIC_URL: 'https://national.test',
      REDIS_URL: redis.url,
    },
  });
  const services = createServices(config);
  const app = await buildApp(config, { services });
  await app.ready();
  const store = openNationalStore(join(dataDir, 'national.sqlite'));
  const writer = new NationalWriter(store);
  const insertHub = store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at, approved_at) VALUES (?, ?, ?, ?, 'approved', '{}', ?, ?)`);
  for (const hub of hubs) insertHub.run(hub.id, hub.baseUrl, hub.name, hub.region, Date.now(), Date.now());
  const seqs = new Map<string, number>();

  function applyItems(hubId: string, items: unknown[]): void {
    const hub = hubs.find((candidate) => candidate.id === hubId);
    if (hub === undefined) throw new Error(`no hub ${hubId}`);
    const seq = seqs.get(hubId) ?? 0;
    const result = writer.apply({ id: hub.id, region: hub.region }, items, { cursor: String(seq), latest: seq });
    if (result.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(result.rejected[0])}`);
  }

  function byHub(events: readonly EventPublic[]): Map<string, EventPublic[]> {
    const groups = new Map<string, EventPublic[]>();
    for (const event of events) groups.set(event.hub, [...(groups.get(event.hub) ?? []), event]);
    return groups;
  }

  return {
    app,
    services,
    config,
    store,
    writer,
    async request<T>(options: InjectOptions | string): Promise<Response<T>> {
      const response = await app.inject(typeof options === 'string' ? { method: 'GET', url: options } : options);
      let body: unknown;
      try {
        body = response.body === '' ? undefined : JSON.parse(response.body);
      } catch {
        body = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body: body as T, text: response.body };
    },
    publish(events) {
      for (const [hubId, group] of byHub(events)) {
        const items = group.map((event) => {
          const seq = (seqs.get(hubId) ?? 0) + 1;
          seqs.set(hubId, seq);
          return { seq, type: 'event', id: event.id, op: 'upsert', version: event.version, updatedAt: event.updatedAt, data: event };
        });
        applyItems(hubId, items);
      }
    },
    remove(events) {
      for (const [hubId, group] of byHub(events)) {
        const items = group.map((event) => {
          const seq = (seqs.get(hubId) ?? 0) + 1;
          seqs.set(hubId, seq);
          return { seq, type: 'event', id: event.id, op: 'delete', version: event.version + 1, updatedAt: event.updatedAt };
        });
        applyItems(hubId, items);
      }
    },
    async close() {
      await app.close();
      await services.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
      redisUsers -= 1;
      if (redisUsers === 0 && redis !== undefined) {
        await redis.close();
        redis = undefined;
      }
    },
  };
}

/** A small seeded generator, so a failing case can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const PLACES = [
  { name: 'MOBE', commune: 'Orléans', postalCode: '45000', inseeCode: '45234', lat: 47.90248, lon: 1.90407 },
  { name: 'Muséum de Tours', commune: 'Tours', postalCode: '37000', inseeCode: '37261', lat: 47.39414, lon: 0.68484 },
  { name: 'Le Shadok', commune: 'Strasbourg', postalCode: '67000', inseeCode: '67482', lat: 48.58392, lon: 7.74553 },
  { name: 'Planétarium', commune: 'Vaulx-en-Velin', postalCode: '69120', inseeCode: '69256', lat: 45.7786, lon: 4.9219 },
  { name: 'Cité des sciences', commune: 'Paris', postalCode: '75019', inseeCode: '75119', lat: 48.8957, lon: 2.3879 },
  { name: 'Quai des Savoirs', commune: 'Toulouse', postalCode: '31000', inseeCode: '31555', lat: 43.5953, lon: 1.4526 },
] as const;

const TITLES = ['Nuit des étoiles', 'Atelier robotique', 'Conférence climat', 'Café des sciences : océans', 'Exposition Fossiles', 'Sortie géologie', 'Fête de la science', 'Projection débat énergie', 'Éclipse et planètes', 'Jeu de piste biodiversité'];
const ACTORS = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

function some<T>(next: () => number, values: readonly T[], max: number): T[] {
  return [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(next, values)))];
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Wall-clock "YYYY-MM-DDTHH:MM" in Paris for an instant (the tests only need a valid one). */
function parisLocal(ms: number): string {
  return new Date(ms + 2 * HOUR).toISOString().slice(0, 16);
}

export interface EventOptions {
  hub?: HubSpec;
  title?: string;
  place?: { name: string; commune: string; postalCode: string; inseeCode: string; lat: number; lon: number } | null;
  start?: number;
  hours?: number;
  overrides?: Partial<EventPublic>;
}

/** A valid public event as hub `hub` would serve it, with sensible randomised facets. */
export function makeEvent(next: () => number, base: number, options: EventOptions = {}): EventPublic {
  const hub = options.hub ?? pick(next, HUBS);
  const id = randomUUID();
  const title = options.title ?? `${pick(next, TITLES)} ${Math.floor(next() * 1000)}`;
  const start = options.start ?? base + Math.floor(next() * 120 - 40) * 12 * HOUR;
  const hours = options.hours ?? pick(next, [1, 2, 3, 0, 30 * 24]);
  const place = options.place === undefined ? (next() < 0.15 ? null : pick(next, PLACES)) : options.place;
  const kind = next();
  const schedule: Partial<EventPublic> =
    kind < 0.15
      ? { recurrence: { start: parisLocal(start), end: parisLocal(start + Math.min(hours, 3) * HOUR), rrule: `FREQ=WEEKLY;COUNT=${2 + Math.floor(next() * 5)}` } }
      : kind < 0.25
        ? { timings: [{ start: iso(start), end: iso(start + hours * HOUR) }, { start: iso(start + 3 * DAY), end: iso(start + 3 * DAY + 2 * HOUR) }] }
        : { timings: [{ start: iso(start), end: iso(start + hours * HOUR) }] };
  const event: EventPublic = {
    id,
    hub: hub.id,
    slug: `evenement-${id.slice(0, 8)}`,
    version: 1,
    createdAt: iso(base - 10 * DAY),
    updatedAt: iso(base - 5 * DAY),
    url: `${hub.baseUrl}/events/evenement-${id.slice(0, 8)}`,
    actorId: pick(next, ACTORS),
    title,
    summary: `${title} : une rencontre avec les scientifiques.`,
    timeZone: 'Europe/Paris',
    ...schedule,
    attendanceMode: place === null ? 'online' : next() < 0.2 ? 'mixed' : 'in-person',
    ...(place === null ? {} : { place: { ...place } }),
    format: pick(next, eventFormats.values),
    eventStatus: 'scheduled',
    ...(next() < 0.8 ? { audiences: some(next, audiences.values, 2) } : {}),
    ...(next() < 0.8 ? { disciplines: some(next, disciplines.values, 3) } : {}),
    ...(next() < 0.5 ? { accessibility: some(next, accessibilityFlags.values, 3) } : {}),
    ...(next() < 0.7 ? { price: { free: next() < 0.5 } } : {}),
    ...(next() < 0.2 ? { campaign: 'fete-de-la-science-2026' } : {}),
    ...options.overrides,
  };
  if (event.attendanceMode !== 'in-person') event.onlineUrl = 'https://visio.example.org/salle';
  const checked = validate(EventPublicSchema, event);
  if (!checked.ok) throw new Error(`generated an invalid event: ${JSON.stringify(checked.issues[0])}`);
  return event;
}

/** The event's occurrences, as the national index materialises them (epoch ms). */
export function occurrencesOf(event: EventPublic, now: number): { start: number; end: number }[] {
  return materialise({ timeZone: event.timeZone, ...(event.timings === undefined ? {} : { timings: event.timings }), ...(event.recurrence === undefined ? {} : { recurrence: event.recurrence }) }, now + 2 * 366 * DAY).occurrences;
}

/** Folded words, as FTS5's unicode61 tokenizer with remove_diacritics cuts them. */
function wordsOf(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface Reference {
  from: number;
  to: number;
  bbox?: [number, number, number, number];
  near?: { lat: number; lon: number; radius: number };
  q?: string;
  discipline?: string[];
  audience?: string[];
  format?: string[];
  accessibility?: string[];
  free?: boolean;
  online?: boolean;
  actor?: string;
  campaign?: string;
  /** An umbrella's id: its programme only. */
  parent?: string;
  region?: string[];
  hub?: string[];
}

/**
 * The plain scan the API must agree with: each visible event (listed, of a shown hub)
 * with an occurrence in [from, to) passing every filter, with that first occurrence, in
 * (start, then insertion) order. `listed` maps an event to whether the national list shows it.
 */
export function referenceList(events: readonly EventPublic[], filter: Reference, now: number, listed: (event: EventPublic) => boolean = () => true): { event: EventPublic; start: number; end: number }[] {
  const out: { event: EventPublic; start: number; end: number }[] = [];
  for (const event of events) {
    if (!listed(event)) continue;
    const occurrence = occurrencesOf(event, now).find((o) => (o.end > filter.from || o.start === filter.from) && o.start < filter.to);
    if (occurrence === undefined) continue;
    const place = event.place;
    const lat = place?.lat;
    const lon = place?.lon;
    if (filter.bbox !== undefined) {
      const [west, south, east, north] = filter.bbox;
      if (lat === undefined || lon === undefined || lat < south || lat > north || lon < west || lon > east) continue;
    }
    if (filter.near !== undefined) {
      if (lat === undefined || lon === undefined) continue;
      const dLat = filter.near.radius / 111.32;
      const scale = Math.max(Math.cos((filter.near.lat * Math.PI) / 180), 0.01);
      const a = lat - filter.near.lat;
      const b = lon - filter.near.lon;
      if (a * a + b * b * scale * scale > dLat * dLat) continue;
    }
    if (filter.q !== undefined) {
      const text = wordsOf([event.title, event.summary ?? '', event.description ?? '', place?.name ?? '', place?.commune ?? '', place?.postalCode ?? ''].join(' '));
      const terms = wordsOf(filter.q);
      const last = terms.length - 1;
      if (!terms.every((term, i) => text.some((word) => word === term || (i === last && term.length >= 3 && word.startsWith(term))))) continue;
    }
    if (filter.discipline !== undefined && !(event.disciplines ?? []).some((value) => filter.discipline?.includes(value))) continue;
    if (filter.audience !== undefined && !(event.audiences ?? []).some((value) => filter.audience?.includes(value))) continue;
    if (filter.accessibility !== undefined && !filter.accessibility.every((value) => (event.accessibility ?? []).includes(value as never))) continue;
    if (filter.format !== undefined && !filter.format.includes(event.format)) continue;
    if (filter.free !== undefined && (event.price?.free ?? false) !== filter.free) continue;
    if (filter.online !== undefined && (event.attendanceMode !== 'in-person') !== filter.online) continue;
    if (filter.actor !== undefined && event.actorId !== filter.actor) continue;
    if (filter.campaign !== undefined && event.campaign !== filter.campaign) continue;
    if (filter.parent !== undefined && event.parentEventId !== filter.parent) continue;
    if (filter.region !== undefined && !filter.region.includes(HUBS.find((hub) => hub.id === event.hub)?.region ?? '')) continue;
    if (filter.hub !== undefined && !filter.hub.includes(event.hub)) continue;
    out.push({ event, start: occurrence.start, end: occurrence.end });
  }
  return out;
}

/** The reference filter as the API's query string. */
export function queryOf(filter: Reference, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: new Date(filter.from).toISOString(), to: new Date(filter.to).toISOString(), ...extra });
  if (filter.bbox !== undefined) params.set('bbox', filter.bbox.join(','));
  if (filter.near !== undefined) {
    params.set('near', `${filter.near.lat},${filter.near.lon}`);
    params.set('radius', String(filter.near.radius));
  }
  for (const key of ['q', 'actor', 'campaign', 'parent'] as const) if (filter[key] !== undefined) params.set(key, filter[key] as string);
  for (const key of ['discipline', 'audience', 'format', 'accessibility', 'region', 'hub'] as const) if (filter[key] !== undefined) params.set(key, (filter[key] as string[]).join(','));
  for (const key of ['free', 'online'] as const) if (filter[key] !== undefined) params.set(key, String(filter[key]));
  return params.toString();
}
