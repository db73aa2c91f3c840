/**
 * `npm run bench:national`: the national read API on the store bench:ingest built
 * (1,000,000 events from 20 hubs), in two ways:
 *
 *  1. *direct*: `NationalRead` (the read side the routes call) in this process, one call
 *     at a time, every call timed: the cost of the answer itself, no HTTP;
 *  2. *HTTP*: an aggregator process `start --role api` on the same store, loaded by
 *     autocannon from another process (bench/hub/load.ts): 1 connection (each request's
 *     own latency), then 8 connections (throughput and queueing on the 2 cores).
 *
 *   npm run bench:national                              # the 20 × 50,000 store (built first if missing: long)
 *   npm run bench:national -- --hubs 4 --events 5000    # the store of a quick bench:ingest run
 *   flags: --seconds 10 --warmup 3 --connections 8 --built (the API from aggregator/dist) --skip-http
 *          --engines sqlite,postgres (the HTTP part on each: PostgreSQL gets the same store by
 *          `import-store` into a private server, and the API process answers from its read model)
 *
 * Queries (rotating so caches do not answer everything):
 *  - *viewport list*: `GET /api/v1/events?from&to&bbox&limit=50`, a city-sized box
 *    (0.16° × 0.10°) around the largest towns of the hubs' regions, a 1-month window
 *    starting 0 to 10 months after the data's anchor date;
 *  - *clusters*: `GET /api/v1/clusters?bbox=<metropolitan France>&zoom=5|6`, with no window
 *    (from now on), a month, three months and a year;
 *  - *ranked text*: `GET /api/v1/events?q=<common word>&limit=50` (relevance order),
 *    words found in 8 to 40 % of the events.
 */
import { fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migratePgStore, NationalRead, openNationalStore, runAggregatorCli, type ClusterQuery, type EventListQuery } from '@constellation/aggregator';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { communesOfRegion } from '@constellation/hub/seed';
import { REGION_FACTS } from '@constellation/shared';
import type { LoadRequest, LoadResult } from '../hub/load.ts';
import {
  DEFAULT_EVENTS_PER_HUB,
  DEFAULT_HUBS,
  REPO_DIR,
  STORE_FILE,
  flag,
  isMain,
  machine,
  memoryOf,
  n,
  numberFlag,
  othersMeter,
  percentiles,
  readStoreMeta,
  round,
  storeDirFor,
  table,
  verdict,
  writeResult,
} from './common.ts';
import { benchHubs } from './events.ts';
import { buildStore } from './ingest.ts';
import { childEnv, freePort, spawnChild, startRedis, tsEntry, waitFor, type Child } from './processes.ts';

const DAY_MS = 86_400_000;
const FRANCE = '-5.2,41.3,9.6,51.1';
const TEXT_WORDS = ['atelier', 'conférence', 'exposition', 'découverte', 'observation'];

type Kind = 'list' | 'clusters' | 'text';

interface Workload {
  list: EventListQuery[];
  clusters: ClusterQuery[];
  text: EventListQuery[];
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function workload(hubCount: number, anchor: number): Workload {
  const towns = benchHubs(hubCount)
    .filter((hub) => !REGION_FACTS[hub.region].overseas)
    .flatMap((hub) => communesOfRegion(hub.region, 3));
  const unique = [...new Map(towns.map((town) => [town.inseeCode, town])).values()];
  const list: EventListQuery[] = [];
  for (let index = 0; index < 40; index += 1) {
    const town = unique[index % unique.length];
    if (town === undefined) break;
    const from = anchor + ((index * 37) % 300) * DAY_MS;
    const bbox = [town.lon - 0.08, town.lat - 0.05, town.lon + 0.08, town.lat + 0.05].map((value) => value.toFixed(4)).join(',');
    list.push({ from: day(from), to: day(from + 30 * DAY_MS), bbox, limit: 50 });
  }
  const clusters: ClusterQuery[] = [];
  for (const zoom of [5, 6]) {
    clusters.push({ bbox: FRANCE, zoom });
    for (const days of [30, 91, 365]) clusters.push({ bbox: FRANCE, zoom, from: day(anchor), to: day(anchor + days * DAY_MS) });
  }
  const text: EventListQuery[] = TEXT_WORDS.map((q) => ({ q, limit: 50 }));
  return { list, clusters, text };
}

function pathOf(kind: Kind, query: EventListQuery | ClusterQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return `/api/v1/${kind === 'clusters' ? 'clusters' : 'events'}?${params.toString()}`;
}

interface DirectFigures {
  calls: number;
  ms: Record<string, number>;
  /** Items per answer (list, text) or clusters + points (clusters), mean. */
  itemsMean: number;
}

function direct(read: NationalRead, kind: Kind, queries: readonly (EventListQuery | ClusterQuery)[], calls: number): DirectFigures {
  const run = (query: EventListQuery | ClusterQuery): number => {
    if (kind === 'clusters') return read.clusters(query as ClusterQuery).items.length;
    const page = JSON.parse(read.list(query as EventListQuery)) as { items: unknown[] };
    return page.items.length;
  };
  for (let index = 0; index < Math.min(20, calls); index += 1) run(queries[index % queries.length] as EventListQuery | ClusterQuery);
  const samples: number[] = [];
  let items = 0;
  for (let index = 0; index < calls; index += 1) {
    const query = queries[index % queries.length] as EventListQuery | ClusterQuery;
    const t0 = performance.now();
    items += run(query);
    samples.push(performance.now() - t0);
  }
  return { calls, ms: percentiles(samples), itemsMean: round(items / calls, 1) };
}

function loadProcess(): Promise<{ pid: number; run(request: Omit<LoadRequest, 'type'>): Promise<LoadResult>; close(): void }> {
  const child = fork(join(REPO_DIR, 'bench', 'hub', 'load.ts'), [], { execArgv: ['--conditions=@constellation/source', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () =>
      resolve({
        pid: child.pid ?? 0,
        run: (request) =>
          new Promise((done) => {
            const listener = (message: { type: string }) => {
              if (message.type !== 'result') return;
              child.off('message', listener);
              done(message as LoadResult);
            };
            child.on('message', listener);
            child.send({ type: 'run', ...request });
          }),
        close: () => child.kill(),
      }),
    );
  });
}

type Engine = 'sqlite' | 'postgres';

interface HttpFigures {
  results: Record<string, LoadResult>;
  memory: { rssMb: number; peakRssMb: number };
  startMs: number;
  coldMs: number;
  others: number;
  /** PostgreSQL: `import-store` of the SQLite store into an empty database. */
  importMs?: number;
}

/**
 * One API process (`start --role api`) on the store, loaded by autocannon from another
 * process. On PostgreSQL the built SQLite store is first imported whole (`import-store`)
 * into a private server's database, and the API process then fills its local read model
 * from it at start: what an API process on PostgreSQL does.
 */
async function httpPass(
  engine: Engine,
  setup: { dir: string; file: string; queries: Workload; built: boolean; warmup: number; seconds: number; connections: number },
): Promise<HttpFigures> {
  const { dir, file, queries, built, warmup, seconds, connections } = setup;
  const children: Child[] = [];
  const runDir = join(dir, 'api-run');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  let postgres: TestPostgres | undefined;
  try {
    let databaseUrl: string | undefined;
    let importMs: number | undefined;
    if (engine === 'postgres') {
      postgres = process.env.BENCH_DATABASE_URL === undefined ? await startPostgres() : undefined;
      databaseUrl = process.env.BENCH_DATABASE_URL ?? (await postgres?.database('national'));
      if (databaseUrl === undefined) throw new Error('no PostgreSQL');
      await migratePgStore(databaseUrl);
      const t0 = performance.now();
      const lines: string[] = [];
      const code = await runAggregatorCli(['import-store', file, '--database-url', databaseUrl, '--data-dir', runDir], {}, { out: (line) => lines.push(line), err: (line) => lines.push(line), env: {}, stdin: () => '' });
      if (code !== 0) throw new Error(`import-store failed:\n${lines.join('\n')}`);
      importMs = performance.now() - t0;
      console.log(`import-store into PostgreSQL: ${n(importMs)} ms`);
    }
    const redis = await startRedis();
    children.push(redis.child);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = childEnv({
      AGGREGATOR_PUBLIC_URL: origin,
      AGGREGATOR_HOST: '127.0.0.1',
      AGGREGATOR_PORT: String(port),
      AGGREGATOR_DATA_DIR: engine === 'postgres' ? runDir : dir,
      REDIS_URL: redis.url,
      AGGREGATOR_ROLE: 'api',
      AGGREGATOR_JWT_SECRET: 'bench-national-secret-long-enough-for-hs256-0123456789',
      AGGREGATOR_LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(databaseUrl === undefined ? {} : { AGGREGATOR_DATABASE_URL: databaseUrl, AGGREGATOR_READ_MODEL_FILE: join(runDir, 'read-model.sqlite') }),
    });
    const args = built ? [join(REPO_DIR, 'aggregator', 'dist', 'main.js'), 'start', '--role', 'api'] : tsEntry('aggregator/src/main.ts', ['start', '--role', 'api']);
    const spawned = performance.now();
    const api = spawnChild('aggregator api', process.execPath, args, env);
    children.push(api);
    await waitFor(async () => {
      if (!api.alive()) throw new Error(`the API exited:\n${api.output()}`);
      return (await fetch(`${origin}/healthz`).catch(() => undefined))?.status === 200;
    }, 'the API to start', 1_800_000);
    // The API loads its map index (and on PostgreSQL fills its read model) before it answers /healthz.
    const startMs = performance.now() - spawned;
    const cold = performance.now();
    const first = await fetch(`${origin}${pathOf('list', queries.list[0] as EventListQuery)}`);
    await first.arrayBuffer();
    const coldMs = performance.now() - cold;
    if (first.status !== 200) throw new Error(`the first list answered ${first.status}`);
    const load = await loadProcess();
    const meterHttp = othersMeter(['self', api.pid, load.pid]);
    const results: Record<string, LoadResult> = {};
    for (const kind of ['list', 'clusters', 'text'] as const) {
      const paths = (queries[kind] as (EventListQuery | ClusterQuery)[]).map((query) => pathOf(kind, query));
      for (const count of [1, connections]) {
        const result = await load.run({ label: `${kind} ×${count}`, origin, paths, connections: count, connectPath: '/healthz', maxConnectSeconds: 30, warmupSeconds: warmup, seconds });
        results[`${kind}-${count}`] = result;
        console.log(`${engine}: ${kind} × ${count} connection(s): ${n(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} / p95 ${result.latencyMs.p95} / p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}`);
      }
    }
    const others = meterHttp.stop();
    load.close();
    return { results, memory: memoryOf(api.pid), startMs: round(startMs, 1), coldMs: round(coldMs, 1), others, ...(importMs === undefined ? {} : { importMs: round(importMs, 1) }) };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await postgres?.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const hubs = numberFlag(argv, 'hubs', DEFAULT_HUBS);
  const eventsPerHub = numberFlag(argv, 'events', DEFAULT_EVENTS_PER_HUB);
  const seconds = numberFlag(argv, 'seconds', 10);
  const warmup = numberFlag(argv, 'warmup', 3);
  const connections = numberFlag(argv, 'connections', 8);
  const built = argv.includes('--built');
  const skipHttp = argv.includes('--skip-http');
  const engines = (flag(argv, 'engines') ?? 'sqlite').split(',').filter((engine): engine is Engine => engine === 'sqlite' || engine === 'postgres');
  const dir = storeDirFor(hubs, eventsPerHub);
  let meta = readStoreMeta(dir);
  if (meta === undefined || meta.hubs !== hubs || meta.eventsPerHub !== eventsPerHub) {
    console.log(`no complete store in ${dir}: building it (the writer pass of bench:ingest)`);
    const built_ = buildStore({ hubs, eventsPerHub, page: 1_000, batch: 250, log: (line) => console.log(line) });
    built_.store.close();
    meta = built_.meta;
  }
  const file = join(dir, STORE_FILE);
  const anchor = Date.parse(meta.anchor);
  const queries = workload(hubs, anchor);
  console.log(`bench:national on ${dir}: ${n(meta.events)} events, ${n(meta.occurrences)} occurrences, ${n(meta.bytes / 1e6)} MB, anchor ${meta.anchor.slice(0, 10)}`);

  // 1. Direct calls.
  const rssBefore = memoryOf();
  const store = openNationalStore(file);
  const read = new NationalRead(store);
  const t0 = performance.now();
  read.hubs();
  const loadMs = performance.now() - t0;
  const rssLoaded = memoryOf();
  console.log(`map index loaded in ${n(loadMs)} ms; this process RSS ${rssBefore.rssMb} → ${rssLoaded.rssMb} MB`);
  const meter = othersMeter();
  const directFigures = {
    list: direct(read, 'list', queries.list, 800),
    clusters: direct(read, 'clusters', queries.clusters, 200),
    text: direct(read, 'text', queries.text, 300),
  };
  const othersDirect = meter.stop();
  const rssDirect = memoryOf();
  store.close();

  console.log('');
  console.log('direct calls (NationalRead in this process, one at a time):');
  console.log(
    table(
      ['query', 'calls', 'items/answer', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      (Object.entries(directFigures) as [Kind, DirectFigures][]).map(([kind, figures]) => [kind, figures.calls, figures.itemsMean, figures.ms.p50 ?? '', figures.ms.p95 ?? '', figures.ms.p99 ?? '', figures.ms.max ?? '']),
    ),
  );
  console.log(`others used ${round(othersDirect * 100, 1)} % of the machine meanwhile; this process RSS ${rssDirect.rssMb} MB (peak ${rssDirect.peakRssMb} MB)`);

  // 2. Over HTTP, on each engine asked for (PostgreSQL: the same store imported whole).
  const byEngine: Partial<Record<Engine, HttpFigures>> = {};
  if (!skipHttp) {
    for (const engine of engines) {
      const figures = await httpPass(engine, { dir, file, queries, built, warmup, seconds, connections });
      byEngine[engine] = figures;
      console.log('');
      console.log(
        `over HTTP on ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL (the API answers from its local read model, filled from PostgreSQL at start)'} (aggregator --role api from ${built ? 'dist' : 'sources'}, autocannon in another process; API start to /healthz ${n(figures.startMs)} ms incl. ${engine === 'postgres' ? 'filling its read model and ' : ''}loading the map index, first list ${n(figures.coldMs)} ms${figures.importMs === undefined ? '' : `; import-store into PostgreSQL ${n(figures.importMs)} ms`}):`,
      );
      console.log(
        table(
          ['query', 'connections', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx', 'KiB/answer'],
          Object.values(figures.results).map((result) => {
            const [kind, count] = result.label.split(' ×');
            return [kind ?? '', count ?? '', n(result.requestsPerSecond), result.latencyMs.p50, result.latencyMs.p95, result.latencyMs.p99, result.latencyMs.max, result.non2xx, round(result.bytesPerResponse / 1024, 1)];
          }),
        ),
      );
      console.log(`others used ${round(figures.others * 100, 1)} % of the machine meanwhile; API RSS after the queries ${figures.memory.rssMb} MB (peak ${figures.memory.peakRssMb} MB)`);
    }
    const sqliteHttp = byEngine.sqlite;
    const pgHttp = byEngine.postgres;
    if (sqliteHttp !== undefined && pgHttp !== undefined) {
      console.log('');
      console.log(
        table(
          ['query (1 connection)', 'p95 SQLite ms', 'p95 PostgreSQL ms', 'PG / SQLite', `req/s ×${connections} SQLite`, `req/s ×${connections} PostgreSQL`, 'PG / SQLite'],
          (['list', 'clusters', 'text'] as const).map((kind) => {
            const s1 = sqliteHttp.results[`${kind}-1`];
            const p1 = pgHttp.results[`${kind}-1`];
            const sN = sqliteHttp.results[`${kind}-${connections}`];
            const pN = pgHttp.results[`${kind}-${connections}`];
            return [kind, s1?.latencyMs.p95 ?? '', p1?.latencyMs.p95 ?? '', round((p1?.latencyMs.p95 ?? 0) / (s1?.latencyMs.p95 ?? 1), 2), n(sN?.requestsPerSecond ?? 0), n(pN?.requestsPerSecond ?? 0), round((pN?.requestsPerSecond ?? 0) / (sN?.requestsPerSecond ?? 1), 2)];
          }),
        ),
      );
    }
  }
  const http = byEngine.sqlite?.results ?? byEngine.postgres?.results ?? {};
  const apiMemory = byEngine.sqlite?.memory ?? byEngine.postgres?.memory;

  const p95 = (kind: Kind) => http[`${kind}-1`]?.latencyMs.p95 ?? directFigures[kind].ms.p95 ?? Number.NaN;
  console.log('');
  console.log(
    table(
      ['target', skipHttp ? 'figure (direct)' : 'figure (HTTP, 1 connection)', ''],
      [
        ['viewport list p95 ≤ 10 ms', `${p95('list')} ms`, verdict(p95('list') <= 10)],
        ['clusters of France p95 ≤ 50 ms', `${p95('clusters')} ms`, verdict(p95('clusters') <= 50)],
        ['ranked text p95 ≤ 50 ms', `${p95('text')} ms`, verdict(p95('text') <= 50)],
        ...(apiMemory === undefined ? [] : [['API RSS after the queries ≤ 400 MB', `${apiMemory.rssMb} MB (peak ${apiMemory.peakRssMb} MB, while loading the index)`, verdict(apiMemory.rssMb <= 400)]]),
      ],
    ),
  );

  const suffix = engines.join('-') === 'sqlite' ? '' : `-${engines.join('-')}`;
  const name = `${hubs === DEFAULT_HUBS && eventsPerHub === DEFAULT_EVENTS_PER_HUB ? 'aggregator-national' : `aggregator-national-${hubs}x${eventsPerHub}`}${suffix}`;
  const out = writeResult(name, {
    benchmark: 'aggregator national queries',
    command: `npm run bench:national -- ${argv.join(' ')}`.trim(),
    at: new Date().toISOString(),
    machine: machine(),
    store: meta,
    queries,
    direct: { indexLoadMs: round(loadMs, 1), rss: { before: rssBefore, loaded: rssLoaded, after: rssDirect }, others: othersDirect, ...directFigures },
    http: skipHttp ? null : { server: built ? 'dist' : 'sources', engines: byEngine },
  });
  console.log(`written: ${out}`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
