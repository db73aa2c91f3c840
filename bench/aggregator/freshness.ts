/**
 * `npm run bench:freshness`: how long a hub's commit takes to be visible nationally.
 *
 *   npm run bench:freshness                          # 300 writes, then 300 more during a 200,000-event backfill
 *   npm run bench:freshness -- --writes 50 --backfill 20000
 *   flags: --writes 300 --backfill 200000 --gap 50 --timeout 10000 --built (run hub/dist and aggregator/dist) --echo
 *          --profile api|worker (that process under --cpu-prof, written to bench/.data/profiles/freshness-<role>/ at the end)
 *          --on-store 20x50000 (start from a copy of the store bench:ingest built: API and worker at 1M events)
 *
 * Processes, all on loopback: a private redis-server; a real hub (`hub start`) whose
 * notifier is pointed at the aggregator; a synthetic hub (feed-server.ts) holding the
 * backfill; the aggregator as two processes, `--role api` and `--role worker`, on one
 * national store. The benchmark logs into the hub as its admin and, one write at a time,
 * creates or edits a published event through the hub's API; for each it measures, from
 * the moment the hub's answer arrives (the commit is before it):
 *  - *visible*: `GET /api/v1/events/:hub/:id` on the API, asked back to back, first
 *    answers 200 with the new version;
 *  - *streamed*: an SSE client on `/api/v1/stream` receives the change (matched by id
 *    and the write's unique title).
 * Pass 1 runs alone; pass 2 starts when the synthetic hub's whole history (the backfill)
 * is being ingested by the same worker, and the backfill's progress is recorded so the
 * overlap is known.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createServices as createHubServices, loadHubConfig, openHubStore } from '@constellation/hub';
import { nationalDatabaseFile, openNationalStore, Registry, sqliteEngine } from '@constellation/aggregator';
import { NOTIFY_PATH, PROTOCOL_VERSION, type EventInput } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import { DATA_ROOT, REPO_DIR, STORE_FILE, flag, isMain, machine, memoryOf, n, numberFlag, othersMeter, percentiles, round, storeDirFor, table, verdict, writeResult } from './common.ts';
import { BENCH_KID } from './feed-server.ts';
import { childEnv, freePort, sleep, spawnChild, startRedis, tsEntry, waitFor, type Child } from './processes.ts';
import { openSse, type SseReader } from './sse.ts';

const JWT_SECRET = 'bench-freshness-secret-long-enough-for-hs256-0123456789';
const ADMIN = { email: 'admin@bench-live.example.org', password: 'correct horse battery staple' };
const LIVE_HUB = { id: 'bench-live', region: '44', name: 'Hub de mesure (écritures)' };
const BACKFILL_HUB = { id: 'bench-backfill', region: '84' };

interface Options {
  writes: number;
  backfill: number;
  gapMs: number;
  built: boolean;
  echo: boolean;
  timeoutMs: number;
  /** A built store (its directory) the national store starts as a copy of; none: empty. */
  onStore: string | undefined;
  /** Run that aggregator process under --cpu-prof (bench/.data/profiles/freshness-<role>/). */
  profile: 'api' | 'worker' | undefined;
}

interface Sample {
  write: number;
  op: 'create' | 'edit';
  /** Hub request sent → answer received, ms. */
  hubMs: number;
  visibleMs: number | null;
  streamedMs: number | null;
  /** Commit → the worker's apply of that version began (records.synced_at): notify, queue, fetch, verify. */
  appliedMs: number | null;
  polls: number;
}

async function json<T>(url: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** The version an event-detail answer states, wherever the read API puts it. */
function versionOf(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.version === 'number') return record.version;
  for (const key of ['event', 'data', 'item']) {
    const inner = record[key];
    if (inner !== null && typeof inner === 'object' && typeof (inner as Record<string, unknown>).version === 'number') return (inner as { version: number }).version;
  }
  return undefined;
}

function serverCommand(built: boolean, pkg: 'hub' | 'aggregator', args: string[], profile = false): string[] {
  // Profiles are written when the process exits (SIGTERM at the end of the run), one per
  // thread (tsx's loader has its own): Node names them CPU.<date>.<pid>.<thread>.<n>.cpuprofile.
  const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA_ROOT, 'profiles', `freshness-${args.at(-1) ?? pkg}`)}`] : [];
  return built ? [...execArgv, join(REPO_DIR, pkg, 'dist', 'main.js'), ...args] : tsEntry(`${pkg}/src/main.ts`, args, execArgv);
}

class Setup {
  readonly children: Child[] = [];
  redisUrl = '';
  apiUrl = '';
  hubUrl = '';
  feedUrl = '';
  nationalFile = '';
  api: Child | undefined;
  worker: Child | undefined;
  feedKey: KeyObject | undefined;
  token = '';
  actorId = '';

  constructor(
    readonly root: string,
    readonly options: Options,
  ) {}

  async start(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
    const redis = await startRedis();
    this.children.push(redis.child);
    this.redisUrl = redis.url;
    const apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${apiPort}`;

    // The real hub, with an admin account made as `hub create-admin` does.
    const hubPort = await freePort();
    this.hubUrl = `http://127.0.0.1:${hubPort}`;
    const hubDir = join(this.root, 'hub');
    mkdirSync(hubDir, { recursive: true });
    const hubEnv = childEnv({
      HUB_ID: LIVE_HUB.id,
      HUB_NAME: LIVE_HUB.name,
      HUB_REGION: LIVE_HUB.region,
      HUB_BASE_URL: this.hubUrl,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: String(hubPort),
      HUB_DATA_DIR: hubDir,
      HUB_JWT_SECRET: JWT_SECRET,
      HUB_LOG_LEVEL: 'warn',
      HUB_ALLOW_PRIVATE_NETWORK: 'true',
      HUB_AGGREGATOR_URLS: this.apiUrl,
      NODE_ENV: 'production',
    });
    const config = loadHubConfig({ env: hubEnv });
    const store = openHubStore(config);
    try {
      await createHubServices(store, config).accounts.register({ ...ADMIN, displayName: 'Administrateur' }, 'admin');
    } finally {
      store.close();
    }
    const hub = spawnChild('hub', process.execPath, serverCommand(this.options.built, 'hub', ['start']), hubEnv, this.options.echo);
    this.children.push(hub);
    await waitFor(async () => {
      if (!hub.alive()) throw new Error(`the hub exited:\n${hub.output()}`);
      return (await fetch(`${this.hubUrl}/.well-known/constellation`).catch(() => undefined))?.status === 200;
    }, 'the hub to start');

    // The synthetic hub holding the backfill (empty until opened).
    const feedPort = await freePort();
    this.feedUrl = `http://127.0.0.1:${feedPort}`;
    const { privateKey } = generateKeyPairSync('ed25519');
    this.feedKey = privateKey;
    const feed = spawnChild(
      'feed-server',
      process.execPath,
      tsEntry('bench/aggregator/feed-server.ts', ['--id', BACKFILL_HUB.id, '--region', BACKFILL_HUB.region, '--port', String(feedPort), '--events', String(this.options.backfill)]),
      childEnv({ BENCH_HUB_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
      this.options.echo,
    );
    this.children.push(feed);
    await waitFor(async () => {
      if (!feed.alive()) throw new Error(`the feed server exited:\n${feed.output()}`);
      return (await fetch(`${this.feedUrl}/.well-known/constellation`).catch(() => undefined))?.status === 200;
    }, 'the synthetic hub to start');

    // Both hubs registered and approved, as `add-hub` + `approve-hub` do.
    const nationalDir = join(this.root, 'national');
    mkdirSync(nationalDir, { recursive: true });
    this.nationalFile = nationalDatabaseFile({ dataDir: nationalDir });
    if (this.options.onStore !== undefined) {
      // A copy of a store bench:ingest built: the API and the worker then hold its million
      // events. Its synthetic hubs are suspended (not polled: they have no server), which
      // hides their events from answers but not from the map index each API process loads.
      const source = join(this.options.onStore, STORE_FILE);
      if (!existsSync(source)) throw new Error(`no store at ${source}: run bench:ingest first`);
      copyFileSync(source, this.nationalFile);
      if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${this.nationalFile}-wal`);
      const copy = new Database(this.nationalFile);
      copy.prepare("UPDATE hubs SET status = 'suspended', suspended_at = ?").run(Date.now());
      copy.close();
    }
    const national = openNationalStore(this.nationalFile);
    try {
      const registry = new Registry(sqliteEngine(national).hubs, { allowPrivateNetwork: true, fetchDeadlineMs: 10_000, maxPageBytes: 8 * 1024 * 1024 });
      for (const url of [this.hubUrl, this.feedUrl]) {
        const added = await registry.add(url);
        await registry.approve(added.id);
      }
    } finally {
      national.close();
    }

    const aggregatorEnv = (role: 'api' | 'worker', port: number) =>
      childEnv({
        AGGREGATOR_PUBLIC_URL: this.apiUrl,
        AGGREGATOR_HOST: '127.0.0.1',
        AGGREGATOR_PORT: String(port),
        AGGREGATOR_DATA_DIR: nationalDir,
        REDIS_URL: this.redisUrl,
        AGGREGATOR_ROLE: role,
        AGGREGATOR_JWT_SECRET: JWT_SECRET,
        AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
        AGGREGATOR_LOG_LEVEL: 'warn',
        // Polls are the safety net; the benchmark measures the notify path.
        AGGREGATOR_PULL_INTERVAL_MS: '60000',
        AGGREGATOR_PULL_JITTER_MS: '0',
        NODE_ENV: 'production',
      });
    this.api = spawnChild('aggregator api', process.execPath, serverCommand(this.options.built, 'aggregator', ['start', '--role', 'api'], this.options.profile === 'api'), aggregatorEnv('api', apiPort), this.options.echo);
    this.children.push(this.api);
    await waitFor(async () => {
      if (this.api?.alive() !== true) throw new Error(`the aggregator api exited:\n${this.api?.output() ?? ''}`);
      return (await fetch(`${this.apiUrl}/healthz`).catch(() => undefined))?.status === 200;
    }, 'the aggregator api to start');
    this.worker = spawnChild('aggregator worker', process.execPath, serverCommand(this.options.built, 'aggregator', ['start', '--role', 'worker'], this.options.profile === 'worker'), aggregatorEnv('worker', 0), this.options.echo);
    this.children.push(this.worker);
    await sleep(500);
    if (!this.worker.alive()) throw new Error(`the aggregator worker exited:\n${this.worker.output()}`);

    const login = await json<{ accessToken: string }>(`${this.hubUrl}/api/v1/auth/login`, { method: 'POST', body: ADMIN });
    if (login.status !== 200) throw new Error(`login on the hub failed: ${login.status}`);
    this.token = login.body.accessToken;
    const actor = await json<{ id: string }>(`${this.hubUrl}/api/v1/actors?submit=true`, { method: 'POST', token: this.token, body: { name: 'Centre de sciences de mesure', kind: 'ccsti' } });
    if (actor.status !== 201) throw new Error(`creating the actor failed: ${actor.status} ${JSON.stringify(actor.body)}`);
    this.actorId = actor.body.id;
  }

  /** National records of a hub and where its cursor stands, read from the store file. */
  progressOf(hubId: string): { records: number; cursor: number } {
    const db = new Database(this.nationalFile, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const records = (db.prepare('SELECT count(*) AS n FROM records WHERE hub = ?').get(hubId) as { n: number }).n;
      const cursor = Number((db.prepare('SELECT cursor FROM hubs WHERE id = ?').get(hubId) as { cursor: string } | undefined)?.cursor ?? 0);
      return { records, cursor };
    } finally {
      db.close();
    }
  }

  private national: Database.Database | undefined;

  /** When the worker applied `version` of a live-hub event (epoch ms), read from the store. */
  syncedAt(id: string, version: number): number | undefined {
    this.national ??= new Database(this.nationalFile, { readonly: true, fileMustExist: true });
    const row = this.national.prepare('SELECT synced_at, version FROM records WHERE hub = ? AND id = ?').get(LIVE_HUB.id, id) as { synced_at: number; version: number } | undefined;
    return row?.version === version ? row.synced_at : undefined;
  }

  /** Makes the synthetic hub's history available and tells the aggregator, as a joining hub would. */
  async openBackfill(): Promise<void> {
    const opened = await json<{ latest: number }>(`${this.feedUrl}/bench/open`, { method: 'POST' });
    const latest = opened.body.latest;
    const now = Math.floor(Date.now() / 1000);
    if (this.feedKey === undefined) throw new Error('no feed key');
    const token = signJwt({ iss: BACKFILL_HUB.id, aud: this.apiUrl, latest, iat: now, exp: now + 30 }, this.feedKey, BENCH_KID);
    const answer = await json(`${this.apiUrl}${NOTIFY_PATH}`, { method: 'POST', token, body: { protocol: PROTOCOL_VERSION, hub: BACKFILL_HUB.id, latest } });
    if (answer.status !== 202) throw new Error(`notify for the backfill answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  async close(): Promise<void> {
    this.national?.close();
    for (const child of [...this.children].reverse()) await child.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

function eventInput(actorId: string, title: string, write: number): EventInput {
  const start = new Date(Date.now() + (7 + (write % 60)) * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
  return {
    actorId,
    title,
    summary: 'Une soirée pour mesurer la fraîcheur de l’index national.',
    timeZone: 'Europe/Paris',
    timings: [{ start: iso(start), end: iso(end) }],
    attendanceMode: 'in-person',
    place: { name: 'Médiathèque de Nantes', commune: 'Nantes', postalCode: '44000', lat: 47.2184 + (write % 50) * 0.001, lon: -1.5536 },
    format: 'conference',
    audiences: ['adults'],
    disciplines: ['physics'],
    price: { free: true },
  };
}

/**
 * When each of the live hub's changes reached the SSE client, by "id|title" (every write
 * has a unique title, so an edit is told from the create before it).
 */
class Arrivals {
  private readonly at = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();

  constructor(stream: SseReader) {
    stream.onMessage((message) => {
      if (message.event !== 'upsert') return;
      const data = JSON.parse(message.data) as { hub?: string; id?: string; title?: string };
      if (data.hub !== LIVE_HUB.id) return;
      const key = `${data.id}|${data.title}`;
      if (!this.at.has(key)) this.at.set(key, message.at);
      this.waiters.get(key)?.();
    });
  }

  /** When `key` arrived, waiting for it until `deadline` (performance.now() time). */
  async when(key: string, deadline: number): Promise<number | undefined> {
    const known = this.at.get(key);
    if (known !== undefined) return known;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.waiters.set(key, resolve);
      timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
    });
    clearTimeout(timer);
    this.waiters.delete(key);
    return this.at.get(key);
  }
}

/** One pass of `writes` writes; each waits until visible and streamed (or timed out) before the next. */
async function pass(setup: Setup, arrivals: Arrivals, label: string, writes: number, options: Options, firstWrite: number, created: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let index = 0; index < writes; index += 1) {
    const write = firstWrite + index;
    const edit = index % 2 === 1 && created.length > 0;
    const id = edit ? created[Math.floor(index / 2) % created.length] : undefined;
    const title = `Mesure ${write} : ${edit ? 'modifiée' : 'créée'} à ${new Date().toISOString()}`;
    const sent = performance.now();
    const answer = edit && id !== undefined
      ? await json<{ id: string; version: number }>(`${setup.hubUrl}/api/v1/events/${id}`, { method: 'PUT', token: setup.token, body: eventInput(setup.actorId, title, write) })
      : await json<{ id: string; version: number }>(`${setup.hubUrl}/api/v1/events?submit=true`, { method: 'POST', token: setup.token, body: eventInput(setup.actorId, title, write) });
    const committed = performance.now();
    const committedAt = Date.now();
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`write ${write} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const eventId = answer.body.id;
    if (!edit) created.push(eventId);
    let visibleAt: number | undefined;
    let polls = 0;
    const deadline = committed + options.timeoutMs;
    while (performance.now() < deadline) {
      polls += 1;
      const detail = await fetch(`${setup.apiUrl}/api/v1/events/${LIVE_HUB.id}/${eventId}`);
      const body = detail.status === 200 ? ((await detail.json()) as unknown) : (await detail.arrayBuffer(), undefined);
      if (detail.status === 200 && versionOf(body) === answer.body.version) {
        visibleAt = performance.now();
        break;
      }
    }
    const streamedAt = await arrivals.when(`${eventId}|${title}`, deadline);
    const synced = setup.syncedAt(eventId, answer.body.version);
    samples.push({
      write,
      op: edit ? 'edit' : 'create',
      hubMs: round(committed - sent, 3),
      visibleMs: visibleAt === undefined ? null : round(visibleAt - committed, 3),
      streamedMs: streamedAt === undefined ? null : round(streamedAt - committed, 3),
      appliedMs: synced === undefined ? null : synced - committedAt,
      polls,
    });
    if ((index + 1) % 50 === 0) console.log(`${label}: ${index + 1} / ${writes} writes`);
    await sleep(options.gapMs);
  }
  return samples;
}

function summarise(samples: readonly Sample[]): {
  visible: Record<string, number>;
  streamed: Record<string, number>;
  applied: Record<string, number>;
  hub: Record<string, number>;
  timeouts: { visible: number; streamed: number };
} {
  const visible = samples.map((sample) => sample.visibleMs).filter((value): value is number => value !== null);
  const streamed = samples.map((sample) => sample.streamedMs).filter((value): value is number => value !== null);
  return {
    visible: percentiles(visible),
    streamed: percentiles(streamed),
    applied: percentiles(samples.map((sample) => sample.appliedMs).filter((value): value is number => value !== null)),
    hub: percentiles(samples.map((sample) => sample.hubMs)),
    timeouts: { visible: samples.length - visible.length, streamed: samples.length - streamed.length },
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options: Options = {
    writes: numberFlag(argv, 'writes', 300),
    backfill: numberFlag(argv, 'backfill', 200_000),
    gapMs: numberFlag(argv, 'gap', 50),
    built: argv.includes('--built'),
    echo: argv.includes('--echo'),
    timeoutMs: numberFlag(argv, 'timeout', 10_000),
    profile: ((value) => (value === 'api' || value === 'worker' ? value : undefined))(flag(argv, 'profile')),
    onStore: ((size) => {
      if (size === undefined) return undefined;
      const match = /^(\d+)x(\d+)$/.exec(size);
      if (match === null) throw new Error(`--on-store must be <hubs>x<events per hub>, e.g. 20x50000; got ${size}`);
      return storeDirFor(Number(match[1]), Number(match[2]));
    })(flag(argv, 'on-store')),
  };
  console.log(
    `bench:freshness: ${options.writes} writes alone, then ${options.writes} during a ${n(options.backfill)}-event backfill; servers from ${options.built ? 'dist' : 'sources (tsx)'}; national store ${options.onStore === undefined ? 'empty' : `a copy of ${options.onStore}`}`,
  );
  const setup = new Setup(join(DATA_ROOT, 'freshness-run'), options);
  const report: Record<string, unknown> = { benchmark: 'aggregator freshness', command: `npm run bench:freshness -- ${argv.join(' ')}`.trim(), at: new Date().toISOString(), machine: machine(), options };
  try {
    await setup.start();
    const stream = await openSse(`${setup.apiUrl}/api/v1/stream`);
    await waitFor(() => stream.messages.some((message) => message.event === 'ready'), 'the stream to be ready', 10_000).catch(() => undefined);
    const arrivals = new Arrivals(stream);
    const created: string[] = [];
    // A few writes first: connections, JIT and statement caches warm up.
    await pass(setup, arrivals, 'warm-up', 10, options, 0, created);

    const pids = () => [setup.api?.pid, setup.worker?.pid].filter((pid): pid is number => pid !== undefined);
    let meter = othersMeter(['self', ...pids()]);
    const alone = await pass(setup, arrivals, 'alone', options.writes, options, 1_000, created);
    const othersAlone = meter.stop();

    await setup.openBackfill();
    await waitFor(() => setup.progressOf(BACKFILL_HUB.id).records >= Math.min(2_000, options.backfill), 'the backfill to start', 120_000, 100);
    const before = setup.progressOf(BACKFILL_HUB.id);
    const workerDuring = setup.worker === undefined ? undefined : memoryOf(setup.worker.pid);
    const t0 = performance.now();
    meter = othersMeter(['self', ...pids()]);
    const during = await pass(setup, arrivals, 'during backfill', options.writes, options, 2_000, created);
    const othersDuring = meter.stop();
    const seconds = (performance.now() - t0) / 1000;
    const after = setup.progressOf(BACKFILL_HUB.id);
    const backfill = { before: before.records, after: after.records, seconds: round(seconds, 1), eventsPerSecond: Math.round((after.records - before.records) / seconds), stillRunning: after.records < options.backfill };

    const memory = {
      api: setup.api === undefined ? undefined : memoryOf(setup.api.pid),
      worker: setup.worker === undefined ? undefined : memoryOf(setup.worker.pid),
      workerDuringBackfill: workerDuring,
    };
    stream.close();

    const a = summarise(alone);
    const d = summarise(during);
    console.log('');
    console.log(
      table(
        ['pass', 'measure', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'timeouts', 'others'],
        [
          ['alone', 'commit → visible in API', a.visible.p50 ?? '', a.visible.p95 ?? '', a.visible.p99 ?? '', a.visible.max ?? '', a.timeouts.visible, `${round(othersAlone * 100, 1)} %`],
          ['alone', 'commit → SSE client', a.streamed.p50 ?? '', a.streamed.p95 ?? '', a.streamed.p99 ?? '', a.streamed.max ?? '', a.timeouts.streamed, ''],
          ['alone', '(commit → worker applies)', a.applied.p50 ?? '', a.applied.p95 ?? '', a.applied.p99 ?? '', a.applied.max ?? '', '', ''],
          ['during backfill', 'commit → visible in API', d.visible.p50 ?? '', d.visible.p95 ?? '', d.visible.p99 ?? '', d.visible.max ?? '', d.timeouts.visible, `${round(othersDuring * 100, 1)} %`],
          ['during backfill', 'commit → SSE client', d.streamed.p50 ?? '', d.streamed.p95 ?? '', d.streamed.p99 ?? '', d.streamed.max ?? '', d.timeouts.streamed, ''],
          ['during backfill', '(commit → worker applies)', d.applied.p50 ?? '', d.applied.p95 ?? '', d.applied.p99 ?? '', d.applied.max ?? '', '', ''],
        ],
      ),
    );
    console.log(`hub write (request → answer) p50 ${a.hub.p50} ms; backfill during pass 2: ${n(backfill.before)} → ${n(backfill.after)} records in ${backfill.seconds} s (${n(backfill.eventsPerSecond)} events/s)${backfill.stillRunning ? ', still running at the end' : ', FINISHED before the pass ended'}`);
    console.log(`RSS: api ${memory.api?.rssMb ?? '?'} MB, worker ${memory.worker?.rssMb ?? '?'} MB (peak ${memory.worker?.peakRssMb ?? '?'} MB)`);
    const worst = (s: ReturnType<typeof summarise>) => Math.max(s.visible.p95 ?? Infinity, s.streamed.p95 ?? Infinity) + (s.timeouts.visible + s.timeouts.streamed > 0 ? Infinity : 0);
    console.log('');
    console.log(
      table(
        ['target', 'figure (worse of visible / streamed p95)', ''],
        [
          ['p95 ≤ 25 ms alone', `${round(worst(a), 1)} ms`, verdict(worst(a) <= 25)],
          ['p95 ≤ 100 ms during a backfill', `${round(worst(d), 1)} ms`, verdict(worst(d) <= 100)],
        ],
      ),
    );
    Object.assign(report, { alone: { ...a, others: othersAlone, samples: alone }, duringBackfill: { ...d, others: othersDuring, backfill, samples: during }, memory });
    const size = options.writes === 300 && options.backfill === 200_000 ? '' : `-${options.writes}-${options.backfill}`;
    const base = options.onStore === undefined ? '' : `-on-${options.onStore.replace(/.*-/, '')}`;
    const name = `aggregator-freshness${base}${size}${options.profile === undefined ? '' : `.profiled-${options.profile}`}`;
    console.log(`written: ${writeResult(name, report)}`);
  } catch (error) {
    console.error(error);
    for (const child of setup.children) console.error(`--- ${child.name} (${child.alive() ? 'running' : 'exited'}) ---\n${child.output().slice(-3_000)}`);
    process.exitCode = 1;
  } finally {
    await setup.close();
  }
}

if (isMain(import.meta.url)) void main();
