/**
 * `npm run bench:peak-day`: a Fête de la science afternoon on the national site, on the
 * SQLite store and on the PostgreSQL store in the same run (the same sizes, one after the
 * other), with the ratio PostgreSQL / SQLite:
 *
 *  - two API processes (`start --role api`) behind one address (round-robin-proxy.ts, a
 *    small load balancer in its own process) and two workers (`--role worker`), all
 *    separate processes sharing only the national store (the SQLite file, or PostgreSQL)
 *    and a private Redis;
 *  - a hub already ingested (`--base` events) that the readers browse;
 *  - `--sse` live-stream clients connected through the proxy for the whole measurement,
 *    each following a viewport around a town (as the map page does), a share of them
 *    (`--national-share`) the whole country; they run in a process of their own
 *    (sse-crowd.ts), so their parsing does not slow the readers' event loop;
 *  - a second hub joining with its whole history (`--backfill` events), ingested by the
 *    workers during the measurement;
 *  - `--connections` readers, back to back for `--seconds`, at the mix 60 % national list
 *    (a viewport and a month), 30 % clusters (all France, zoom 5-6, with or without a
 *    window), 10 % event detail.
 *
 * Reported: p50/p95/p99 per route, requests/s, errors (non-2xx, transport errors), live
 * streams dropped (ended before the benchmark closed them), changes the streams received,
 * the backfill's progress during the measurement.
 *
 *   npm run bench:peak-day                                   # 20,000 + 60,000 events, 1,000 streams, 60 s per engine
 *   npm run bench:peak-day -- --base 5000 --backfill 20000 --sse 200 --seconds 20 --engines sqlite
 *   BENCH_DATABASE_URL=postgres://... uses that (empty) database; otherwise a private server
 *   is started as the tests start theirs (Debian's PostgreSQL, fsync off: a test server).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migratePgStore, nationalDatabaseFile, openEngine, openNationalStore, Registry } from '@constellation/aggregator';
import { communesOfRegion } from '@constellation/hub/seed';
import type { RegionCode } from '@constellation/shared';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { DATA_ROOT, REPO_DIR, flag, isMain, machine, memoryOf, n, numberFlag, othersMeter, percentiles, round, table, writeResult } from './common.ts';
import { eventId, todayAnchor } from './events.ts';
import { childEnv, freePort, sleep, spawnChild, startRedis, tsEntry, waitFor, type Child } from './processes.ts';
import type { CrowdReport } from './sse-crowd.ts';

const JWT_SECRET = 'bench-peak-day-secret-long-enough-for-hs256-0123456789';
const BASE_HUB = { id: 'bench-base', region: '84' as RegionCode, index: 1 };
const BACKFILL_HUB = { id: 'bench-backfill', region: '76' as RegionCode, index: 2 };
const FRANCE = '-5.2,41.3,9.6,51.1';
const DAY_MS = 86_400_000;

type Engine = 'sqlite' | 'postgres';
type Route = 'list' | 'clusters' | 'detail';

interface Options {
  base: number;
  backfill: number;
  sse: number;
  nationalShare: number;
  connections: number;
  seconds: number;
  engines: Engine[];
  echo: boolean;
}

interface RouteFigures {
  requests: number;
  errors: number;
  ms: Record<string, number>;
}

interface EngineFigures {
  routes: Record<Route, RouteFigures>;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  statuses: Record<string, number>;
  sse: { opened: number; openAtEnd: number; dropped: number; refused: number; changes: number; clientsWithChanges: number };
  backfill: { before: number; after: number; eventsPerSecond: number; finished: boolean };
  proxyErrors: number;
  others: number;
  memory: Record<string, { rssMb: number; peakRssMb: number } | undefined>;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Viewports around the towns of both hubs' regions (a city and its surroundings). */
function viewports(): string[] {
  const towns = [...communesOfRegion(BASE_HUB.region, 12), ...communesOfRegion(BACKFILL_HUB.region, 12)];
  return towns.map((town) => [town.lon - 0.25, town.lat - 0.15, town.lon + 0.25, town.lat + 0.15].map((value) => value.toFixed(4)).join(','));
}

/** The readers' requests, drawn at the mix 60 / 30 / 10. */
function workload(options: Options, anchor: number): () => { route: Route; path: string } {
  const boxes = viewports();
  let draw = 0;
  return () => {
    draw += 1;
    const pick = (draw * 7_919) % 100;
    if (pick < 60) {
      const box = boxes[draw % boxes.length] as string;
      const from = anchor + ((draw * 37) % 200) * DAY_MS;
      return { route: 'list', path: `/api/v1/events?bbox=${box}&from=${day(from)}&to=${day(from + 30 * DAY_MS)}&limit=50` };
    }
    if (pick < 90) {
      const zoom = 5 + (draw % 2);
      const window = draw % 3 === 0 ? '' : `&from=${day(anchor)}&to=${day(anchor + (draw % 3 === 1 ? 30 : 91) * DAY_MS)}`;
      return { route: 'clusters', path: `/api/v1/clusters?bbox=${FRANCE}&zoom=${zoom}${window}` };
    }
    return { route: 'detail', path: `/api/v1/events/${BASE_HUB.id}/${eventId(BASE_HUB.index, (draw * 104_729) % options.base)}` };
  };
}

async function getStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return response.status;
}

/** The live-stream clients' process (sse-crowd.ts), asked by message. */
function startCrowd(): Promise<{ pid: number; ask<T>(message: object, answer: string): Promise<T> }> {
  const child = fork(join(REPO_DIR, 'bench', 'aggregator', 'sse-crowd.ts'), [], { execArgv: ['--conditions=@constellation/source', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () =>
      resolve({
        pid: child.pid ?? 0,
        ask: <T,>(message: object, answer: string) =>
          new Promise<T>((done) => {
            const listener = (reply: { type: string }) => {
              if (reply.type !== answer) return;
              child.off('message', listener);
              done(reply as T);
            };
            child.on('message', listener);
            child.send(message);
          }),
      }),
    );
  });
}

class Run {
  readonly children: Child[] = [];
  apis: Child[] = [];
  workers: Child[] = [];
  proxyUrl = '';
  dataDir = '';
  databaseUrl: string | undefined;
  feedUrls: { base: string; backfill: string } = { base: '', backfill: '' };

  constructor(
    readonly engine: Engine,
    readonly options: Options,
    readonly root: string,
    readonly postgres: TestPostgres | undefined,
  ) {}

  private spawn(name: string, args: string[], env: Record<string, string>): Child {
    const child = spawnChild(name, process.execPath, args, env, this.options.echo);
    this.children.push(child);
    return child;
  }

  private async feedServer(hub: typeof BASE_HUB, events: number): Promise<string> {
    const port = await freePort();
    const { privateKey } = generateKeyPairSync('ed25519');
    const child = this.spawn(
      `feed ${hub.id}`,
      tsEntry('bench/aggregator/feed-server.ts', ['--id', hub.id, '--region', hub.region, '--index', String(hub.index), '--port', String(port), '--events', String(events)]),
      childEnv({ BENCH_HUB_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
    );
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      if (!child.alive()) throw new Error(`${child.name} exited:\n${child.output()}`);
      return (await fetch(`${url}/.well-known/constellation`).catch(() => undefined))?.status === 200;
    }, `${child.name} to start`);
    return url;
  }

  async start(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
    this.dataDir = join(this.root, 'national');
    mkdirSync(this.dataDir, { recursive: true });
    const redis = await startRedis();
    this.children.push(redis.child);
    this.feedUrls = { base: await this.feedServer(BASE_HUB, this.options.base), backfill: await this.feedServer(BACKFILL_HUB, this.options.backfill) };
    if (this.engine === 'postgres') {
      this.databaseUrl = process.env.BENCH_DATABASE_URL ?? (await this.postgres?.database(`peak_${Date.now()}`));
      if (this.databaseUrl === undefined) throw new Error('no PostgreSQL');
      await migratePgStore(this.databaseUrl);
    }
    // Both hubs registered and approved, as `add-hub` + `approve-hub` do; the base hub's history opened at once.
    const engine = await openEngine(this.databaseUrl, () => openNationalStore(nationalDatabaseFile({ dataDir: this.dataDir })));
    try {
      const registry = new Registry(engine.hubs, { allowPrivateNetwork: true, fetchDeadlineMs: 10_000, maxPageBytes: 8 * 1024 * 1024 });
      for (const url of [this.feedUrls.base, this.feedUrls.backfill]) await registry.approve((await registry.add(url)).id);
    } finally {
      await engine.close();
    }
    await fetch(`${this.feedUrls.base}/bench/open`, { method: 'POST' });

    const env = (role: 'api' | 'worker', port: number) =>
      childEnv({
        AGGREGATOR_PUBLIC_URL: this.proxyUrl,
        AGGREGATOR_HOST: '127.0.0.1',
        AGGREGATOR_PORT: String(port),
        AGGREGATOR_DATA_DIR: this.dataDir,
        REDIS_URL: redis.url,
        AGGREGATOR_ROLE: role,
        AGGREGATOR_JWT_SECRET: JWT_SECRET,
        AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
        AGGREGATOR_LOG_LEVEL: 'warn',
        // The base hub is pulled by the schedule; the backfill by a notify-like poll a second later.
        AGGREGATOR_PULL_INTERVAL_MS: '2000',
        AGGREGATOR_PULL_JITTER_MS: '0',
        NODE_ENV: 'production',
        ...(this.databaseUrl === undefined ? {} : { AGGREGATOR_DATABASE_URL: this.databaseUrl }),
      });
    const proxyPort = await freePort();
    this.proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const apiPorts = [await freePort(), await freePort()];
    this.apis = apiPorts.map((port, index) => this.spawn(`api ${index + 1}`, tsEntry('aggregator/src/main.ts', ['start', '--role', 'api']), env('api', port)));
    this.workers = [1, 2].map((index) => this.spawn(`worker ${index}`, tsEntry('aggregator/src/main.ts', ['start', '--role', 'worker']), env('worker', 0)));
    for (const [index, port] of apiPorts.entries()) {
      const api = this.apis[index] as Child;
      await waitFor(async () => {
        if (!api.alive()) throw new Error(`${api.name} exited:\n${api.output()}`);
        return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200;
      }, `${api.name} to answer`, 180_000);
    }
    const proxy = this.spawn('proxy', tsEntry('bench/aggregator/round-robin-proxy.ts', ['--port', String(proxyPort), ...apiPorts.flatMap((port) => ['--upstream', `http://127.0.0.1:${port}`])]), childEnv({}));
    await waitFor(async () => {
      if (!proxy.alive()) throw new Error(`the proxy exited:\n${proxy.output()}`);
      return (await fetch(`${this.proxyUrl}/proxy/status`).catch(() => undefined))?.status === 200;
    }, 'the proxy to start');
  }

  /** Events of a hub in the national store. */
  async count(hub: string): Promise<number> {
    if (this.databaseUrl !== undefined) {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      await client.connect();
      try {
        return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE hub = $1', [hub])).rows[0]?.n ?? 0;
      } finally {
        await client.end();
      }
    }
    const db = new Database(nationalDatabaseFile({ dataDir: this.dataDir }), { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return (db.prepare('SELECT count(*) AS n FROM records WHERE hub = ?').get(hub) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    for (const child of [...this.children].reverse()) await child.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

async function measure(run: Run, options: Options, log: (line: string) => void): Promise<EngineFigures> {
  // The base hub ingested, and both API processes holding it.
  await waitFor(async () => (await run.count(BASE_HUB.id)) >= options.base, 'the base hub to be ingested', 900_000, 500);
  const last = `${run.proxyUrl}/api/v1/events/${BASE_HUB.id}/${eventId(BASE_HUB.index, options.base - 1)}`;
  await waitFor(async () => (await getStatus(last)) === 200 && (await getStatus(last)) === 200, 'both API processes to hold the base hub', 120_000, 200);
  log(`${run.engine}: base hub ingested (${n(options.base)} events); opening ${n(options.sse)} live streams`);

  const boxes = viewports();
  const urls = Array.from({ length: options.sse }, (_, index) => `${run.proxyUrl}/api/v1/stream${index < Math.round(options.sse * options.nationalShare) ? '' : `?bbox=${boxes[index % boxes.length]}`}`);
  const crowd = await startCrowd();
  const ready = await crowd.ask<{ ready: number; refused: number }>({ type: 'open', urls }, 'opened');
  const opened = ready.ready;
  log(`${run.engine}: ${opened} / ${options.sse} live streams ready (in their own process); the backfill hub joins (${n(options.backfill)} events) and ${options.connections} readers start for ${options.seconds} s`);

  await fetch(`${run.feedUrls.backfill}/bench/open`, { method: 'POST' });
  await waitFor(async () => (await run.count(BACKFILL_HUB.id)) > 0, 'the backfill to start', 60_000, 200);
  const before = await run.count(BACKFILL_HUB.id);
  const next = workload(options, todayAnchor());
  const samples: Record<Route, number[]> = { list: [], clusters: [], detail: [] };
  const errors: Record<Route, number> = { list: 0, clusters: 0, detail: 0 };
  const statuses: Record<string, number> = {};
  const pids = ['self' as const, crowd.pid, ...run.children.map((child) => child.pid)];
  const meter = othersMeter(pids);
  const t0 = performance.now();
  const deadline = t0 + options.seconds * 1000;
  const reader = async () => {
    while (performance.now() < deadline) {
      const { route, path } = next();
      const start = performance.now();
      // 0: no answer at all (a transport error).
      const status = await getStatus(`${run.proxyUrl}${path}`).catch(() => 0);
      samples[route].push(performance.now() - start);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status < 200 || status >= 300) errors[route] += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, reader));
  const seconds = (performance.now() - t0) / 1000;
  const others = meter.stop();
  const after = await run.count(BACKFILL_HUB.id);
  const memory: EngineFigures['memory'] = {};
  for (const child of [...run.apis, ...run.workers]) memory[child.name] = child.alive() ? memoryOf(child.pid) : undefined;
  const proxyStatus = (await (await fetch(`${run.proxyUrl}/proxy/status`)).json()) as { errors: number };
  const sse = await crowd.ask<CrowdReport>({ type: 'report' }, 'report');
  const routes = Object.fromEntries(
    (['list', 'clusters', 'detail'] as const).map((route) => [route, { requests: samples[route].length, errors: errors[route], ms: percentiles(samples[route]) }]),
  ) as Record<Route, RouteFigures>;
  const requests = samples.list.length + samples.clusters.length + samples.detail.length;
  return {
    routes,
    requests,
    requestsPerSecond: round(requests / seconds, 1),
    errors: errors.list + errors.clusters + errors.detail,
    statuses,
    sse,
    backfill: { before, after, eventsPerSecond: Math.round((after - before) / seconds), finished: after >= options.backfill },
    proxyErrors: proxyStatus.errors,
    others,
    memory,
  };
}

async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const options: Options = {
    base: numberFlag(argv, 'base', 20_000),
    backfill: numberFlag(argv, 'backfill', 60_000),
    sse: numberFlag(argv, 'sse', 1_000),
    nationalShare: numberFlag(argv, 'national-share', 0.02),
    connections: numberFlag(argv, 'connections', 16),
    seconds: numberFlag(argv, 'seconds', 60),
    engines: (flag(argv, 'engines') ?? 'sqlite,postgres').split(',').filter((engine): engine is Engine => engine === 'sqlite' || engine === 'postgres'),
    echo: argv.includes('--echo'),
  };
  const log = (line: string) => console.log(line);
  log(
    `bench:peak-day: ${options.engines.join(' then ')}; 2 API processes behind one proxy, 2 workers; ${n(options.base)} events browsed, ${n(options.backfill)} backfilled; ${n(options.sse)} live streams (${options.nationalShare * 100} % national); ${options.connections} readers for ${options.seconds} s at 60/30/10 list/clusters/detail`,
  );
  const postgres = options.engines.includes('postgres') && process.env.BENCH_DATABASE_URL === undefined ? await startPostgres() : undefined;
  const report: Record<string, unknown> = { benchmark: 'aggregator peak day', command: `npm run bench:peak-day -- ${argv.join(' ')}`.trim(), at: new Date().toISOString(), machine: machine(), options };
  const figures: Partial<Record<Engine, EngineFigures>> = {};
  try {
    for (const engine of options.engines) {
      const run = new Run(engine, options, join(DATA_ROOT, `peak-day-${engine}`), postgres);
      try {
        await run.start();
        figures[engine] = await measure(run, options, log);
      } catch (error) {
        for (const child of run.children) console.error(`--- ${child.name} (${child.alive() ? 'running' : 'exited'}) ---\n${child.output().slice(-3_000)}`);
        throw error;
      } finally {
        await run.close();
      }
      await sleep(1_000);
    }
  } finally {
    await postgres?.close();
  }
  const engines = options.engines.filter((engine) => figures[engine] !== undefined);
  const cell = (engine: Engine, get: (f: EngineFigures) => number | string) => String(get(figures[engine] as EngineFigures));
  const ratio = (get: (f: EngineFigures) => number) => {
    const s = figures.sqlite;
    const p = figures.postgres;
    return s === undefined || p === undefined || get(s) === 0 ? '' : String(round(get(p) / get(s), 2));
  };
  const rows: (string | number)[][] = [];
  for (const route of ['list', 'clusters', 'detail'] as const) {
    for (const rank of ['p50', 'p95', 'p99'] as const) {
      const get = (f: EngineFigures) => f.routes[route].ms[rank] ?? Number.NaN;
      rows.push([`${route} ${rank} ms`, ...engines.map((engine) => cell(engine, get)), ratio(get)]);
    }
    rows.push([`${route} requests (errors)`, ...engines.map((engine) => cell(engine, (f) => `${n(f.routes[route].requests)} (${f.routes[route].errors})`)), ratio((f) => f.routes[route].requests)]);
  }
  rows.push(['requests/s, all routes', ...engines.map((engine) => cell(engine, (f) => f.requestsPerSecond)), ratio((f) => f.requestsPerSecond)]);
  rows.push(['errors (non-2xx, transport)', ...engines.map((engine) => cell(engine, (f) => `${f.errors} (proxy ${f.proxyErrors})`)), '']);
  rows.push(['live streams ready / open at end / dropped', ...engines.map((engine) => cell(engine, (f) => `${f.sse.opened} / ${f.sse.openAtEnd} / ${f.sse.dropped}`)), '']);
  rows.push(['changes received by the streams (clients with any)', ...engines.map((engine) => cell(engine, (f) => `${n(f.sse.changes)} (${f.sse.clientsWithChanges})`)), ratio((f) => f.sse.changes)]);
  rows.push(['backfill during the measurement, events/s', ...engines.map((engine) => cell(engine, (f) => `${n(f.backfill.eventsPerSecond)} (${n(f.backfill.before)} → ${n(f.backfill.after)}${f.backfill.finished ? ', finished' : ''})`)), ratio((f) => f.backfill.eventsPerSecond)]);
  rows.push(['others on the machine', ...engines.map((engine) => cell(engine, (f) => `${round(f.others * 100, 1)} %`)), '']);
  log('');
  log(table(['figure', ...engines.map((engine) => (engine === 'sqlite' ? 'SQLite' : 'PostgreSQL')), 'PG / SQLite'], rows));
  Object.assign(report, { figures });
  const name = options.base === 20_000 && options.backfill === 60_000 && options.sse === 1_000 && options.seconds === 60 ? 'aggregator-peak-day' : `aggregator-peak-day-${options.base}-${options.backfill}-${options.sse}-${options.seconds}s`;
  log(`written: ${writeResult(name, report)}`);
}

if (isMain(import.meta.url))
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
