import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices as createHubServices, demoAccounts, loadHubConfig, loadKeyRing, openHubStore } from '@constellation/hub';
import { migratePgStore, nationalDatabaseFile, openNationalStore, openPgNationalStore, postgresEngine, Registry, sqliteEngine, type NationalEngine } from '@constellation/aggregator';
import pg from 'pg';
import { CHANGES_PATH, DESCRIPTOR_PATH, NOTIFY_PATH, PROTOCOL_VERSION, type ChangesPage, type EventInput } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import { eventInput } from '../hub/event-inputs.ts';
import { childEnv, nodeTsArgs, REPO_ROOT, runToEnd, spawnManaged, type Exit, type ManagedProcess } from './processes.ts';
import { freePort, startRedis, type TestRedis } from './redis.ts';
import { openSse, type SseClient, type SseOptions } from './sse.ts';
import { sleep, waitFor } from './wait.ts';

export { waitFor, sleep } from './wait.ts';
export { openSse, type SseClient, type SseEvent } from './sse.ts';
export type { ManagedProcess } from './processes.ts';

/*
 * A whole federation on one machine, as separate processes on real ports: regional hubs
 * (`hub/src/main.ts start`), aggregator processes (`aggregator/src/main.ts start --role
 * api|worker|all`) sharing one national store and one private Redis. Tests drive hubs
 * through their HTTP API as an admin would, read the national API and stream, and kill
 * or restart any piece. `close()` leaves no process and no temporary file behind.
 */

const HUB_MAIN = 'hub/src/main.ts';
const AGGREGATOR_MAIN = 'aggregator/src/main.ts';
const JWT_SECRET = 'federation-test-secret-long-enough-for-hs256-0123456789';
const ADMIN_PASSWORD = 'correct horse battery staple';

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A JSON request with a deadline; the body is parsed when it is JSON. */
export async function http<T = unknown>(url: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

// ---------------------------------------------------------------------------------------
// Hubs

export interface HubSpec {
  /** Hub id (a slug), e.g. grand-est. */
  id: string;
  /** INSEE region code, e.g. 44. */
  region: string;
  name?: string;
  /** Aggregator URLs this hub notifies after each write; none: the hub is only polled. */
  aggregatorUrls?: readonly string[];
  /** Fill the hub with `constellation hub seed` (about 60 events per unit of scale). */
  seed?: { scale: number; seed?: number };
  logLevel?: string;
  /** More settings for the hub process, as HUB_* variables (an SMTP relay, for instance). */
  env?: Readonly<Record<string, string>>;
}

export interface AdminLogin {
  email: string;
  password: string;
}

/** The fields of a hub's moderation view the tests use. */
export interface HubItem {
  id: string;
  version: number;
  status: string;
  data: Record<string, unknown>;
}

export interface FeedItem {
  seq: number;
  type: string;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  data?: Record<string, unknown>;
}

export class HubProcess {
  process: ManagedProcess | undefined;
  private accessToken: string | undefined;
  private actorId: string | undefined;

  constructor(
    readonly spec: HubSpec,
    readonly port: number,
    readonly dataDir: string,
    readonly admin: AdminLogin,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  get region(): string {
    return this.spec.region;
  }

  /** Its base URL, which is also the origin the aggregator registers. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return childEnv({
      HUB_ID: this.spec.id,
      HUB_NAME: this.spec.name ?? `Echosciences ${this.spec.id}`,
      HUB_REGION: this.spec.region,
      HUB_BASE_URL: this.url,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: String(this.port),
      HUB_DATA_DIR: this.dataDir,
      HUB_JWT_SECRET: JWT_SECRET,
      HUB_LOG_LEVEL: this.spec.logLevel ?? 'warn',
      HUB_ALLOW_PRIVATE_NETWORK: 'true',
      HUB_AGGREGATOR_URLS: (this.spec.aggregatorUrls ?? []).join(','),
      ...this.spec.env,
    });
  }

  /** Starts (or restarts) the hub process and waits until it serves its descriptor. */
  async start(): Promise<void> {
    if (this.process?.alive() === true) throw new Error(`hub ${this.id} is already running`);
    const started = spawnManaged(`hub ${this.id}`, process.execPath, nodeTsArgs(HUB_MAIN, ['start']), { env: this.env() });
    this.process = started;
    await waitFor(
      async () => {
        if (!started.alive()) throw new Error(`hub ${this.id} exited:\n${started.output()}`);
        return (await http(`${this.url}${DESCRIPTOR_PATH}`, { timeoutMs: 2_000 })).status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 50, what: `hub ${this.id} to serve its descriptor` },
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n--- hub output ---\n${started.output()}`);
    });
  }

  async stop(): Promise<Exit | undefined> {
    return this.process?.stop();
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit | undefined> {
    return this.process?.kill(signal);
  }

  async token(): Promise<string> {
    if (this.accessToken !== undefined) return this.accessToken;
    const login = await http<{ accessToken: string }>(`${this.url}/api/v1/auth/login`, { method: 'POST', body: this.admin });
    if (login.status !== 200) throw new Error(`login on ${this.id} failed: ${login.status} ${login.text}`);
    this.accessToken = login.body.accessToken;
    return this.accessToken;
  }

  /** A request to the hub's API as its admin. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    return http<T>(`${this.url}${path}`, { method, token: await this.token(), ...(body === undefined ? {} : { body }) });
  }

  private async expect<T>(method: string, path: string, status: number, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path} on ${this.id}: expected ${status}, got ${answer.status} ${answer.text}`);
    return answer.body;
  }

  /** The actor the tests post events for (created, published, on first use). */
  async actor(): Promise<string> {
    this.actorId ??= (await this.expect<HubItem>('POST', '/api/v1/actors?submit=true', 201, { name: `Centre de sciences ${this.id}`, kind: 'ccsti' })).id;
    return this.actorId;
  }

  /** A published one-off event, `inDays` days ahead, built by the hub tests' `eventInput`. */
  async eventInput(title: string, overrides: Partial<EventInput> = {}, inDays = 30): Promise<EventInput> {
    const start = new Date(Date.now() + inDays * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    return eventInput(await this.actor(), title, iso(start), iso(end), overrides);
  }

  async createEvent(title: string, overrides: Partial<EventInput> = {}): Promise<HubItem> {
    const created = await this.expect<HubItem>('POST', '/api/v1/events?submit=true', 201, await this.eventInput(title, overrides));
    if (created.status !== 'published') throw new Error(`event ${created.id} on ${this.id} is ${created.status}, not published`);
    return created;
  }

  async updateEvent(id: string, title: string, overrides: Partial<EventInput> = {}): Promise<HubItem> {
    return this.expect<HubItem>('PUT', `/api/v1/events/${id}`, 200, await this.eventInput(title, overrides));
  }

  async deleteEvent(id: string): Promise<void> {
    await this.expect('DELETE', `/api/v1/events/${id}`, 204);
  }

  /** The hub's latest seq (the feed's ETag). */
  async latest(): Promise<number> {
    const answer = await http(`${this.url}${CHANGES_PATH}?limit=1`);
    return Number(String(answer.headers.get('etag')).replaceAll('"', ''));
  }

  /** Its whole changes feed from 0: with compaction, exactly its current public state plus tombstones. */
  async feed(): Promise<FeedItem[]> {
    const items: FeedItem[] = [];
    let after = '0';
    for (;;) {
      const page = await http<ChangesPage>(`${this.url}${CHANGES_PATH}?after=${after}&limit=1000`, { timeoutMs: 60_000 });
      if (page.status !== 200) throw new Error(`feed of ${this.id} answered ${page.status}: ${page.text}`);
      items.push(...(page.body.items as FeedItem[]));
      if (!page.body.hasMore) return items;
      after = page.body.next;
    }
  }

  /** A notify token as the hub itself signs it (for tests that call notify by hand). */
  notifyToken(audience: string, latest: number): string {
    const key = loadKeyRing(this.dataDir).current;
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: this.id, aud: audience, latest, iat: now, exp: now + 30 }, key.privateKey, key.kid);
  }

  notifyBody(latest: number): { protocol: string; hub: string; latest: number } {
    return { protocol: PROTOCOL_VERSION, hub: this.id, latest };
  }
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------------------------------
// Aggregator processes

export type AggregatorRole = 'api' | 'worker' | 'all';

/** Aggregator settings by config key, passed as the environment variables config.ts reads. */
export interface AggregatorSettings {
  pullIntervalMs?: number;
  pullJitterMs?: number;
  pullLockTtlMs?: number;
  pageLimit?: number;
  batchSize?: number;
  bulkThreshold?: number;
  liveConcurrency?: number;
  bulkConcurrency?: number;
  fetchDeadlineMs?: number;
  breakerThreshold?: number;
  logLevel?: string;
}

const SETTING_ENV: Record<keyof AggregatorSettings, string> = {
  pullIntervalMs: 'AGGREGATOR_PULL_INTERVAL_MS',
  pullJitterMs: 'AGGREGATOR_PULL_JITTER_MS',
  pullLockTtlMs: 'AGGREGATOR_PULL_LOCK_TTL_MS',
  pageLimit: 'AGGREGATOR_PAGE_LIMIT',
  batchSize: 'AGGREGATOR_BATCH_SIZE',
  bulkThreshold: 'AGGREGATOR_BULK_THRESHOLD',
  liveConcurrency: 'AGGREGATOR_LIVE_CONCURRENCY',
  bulkConcurrency: 'AGGREGATOR_BULK_CONCURRENCY',
  fetchDeadlineMs: 'AGGREGATOR_FETCH_DEADLINE_MS',
  breakerThreshold: 'AGGREGATOR_BREAKER_THRESHOLD',
  logLevel: 'AGGREGATOR_LOG_LEVEL',
};

export class AggregatorProcess {
  constructor(
    readonly role: AggregatorRole,
    readonly process: ManagedProcess,
    /** Where its API listens (api and all roles). */
    readonly port: number | undefined,
  ) {}

  get url(): string {
    if (this.port === undefined) throw new Error(`a ${this.role} process serves no HTTP`);
    return `http://127.0.0.1:${this.port}`;
  }

  get(path: string): Promise<HttpAnswer> {
    return http(`${this.url}${path}`);
  }

  getJson<T>(path: string): Promise<HttpAnswer<T>> {
    return http<T>(`${this.url}${path}`);
  }

  alive(): boolean {
    return this.process.alive();
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    return this.process.kill(signal);
  }

  stop(): Promise<Exit> {
    return this.process.stop();
  }
}

// ---------------------------------------------------------------------------------------
// The national store, read directly

export interface NationalRecord {
  hub: string;
  id: string;
  type: string;
  version: number;
  deleted: boolean;
  /** What the stored data says of itself. */
  dataHub: string | null;
  dataVersion: number | null;
}

export interface IndexDifferences {
  /** Public on a hub, absent (or a tombstone) nationally. */
  missing: string[];
  /** Live nationally, not public on its hub (deleted there, or never its). */
  extra: string[];
  /** Live on both sides with different versions: "hub/id national≠hub". */
  stale: string[];
  /** Records whose stored data names another hub than the one they are filed under. */
  wrongHub: string[];
  /** Events indexed more than once, or indexed without a live record, or live without an index row. */
  indexMismatches: string[];
}

// ---------------------------------------------------------------------------------------
// The federation

export interface FederationOptions {
  /** Settings of every aggregator process (each start may override them). */
  aggregator?: AggregatorSettings;
  /** Echo every child's output to stderr (debugging). */
  echo?: boolean;
  /**
   * The Redis to use, started by the test (a Redis Cluster: tests/support/redis-cluster.ts);
   * closed with the federation. Default: a private single server.
   */
  redis?: TestRedis;
  /**
   * A PostgreSQL database for the national store (AGGREGATOR_DATABASE_URL of every
   * aggregator process; migrated by create). Default: the SQLite file in nationalDir.
   */
  databaseUrl?: string;
}

export class Federation {
  readonly hubs: HubProcess[] = [];
  readonly aggregators: AggregatorProcess[] = [];
  private readonly streams: SseClient[] = [];
  private apiPortTaken = false;

  private constructor(
    readonly root: string,
    readonly redis: TestRedis,
    /** The port of the first API process, known before it starts, so hubs can be told where to notify. */
    readonly apiPort: number,
    private readonly options: FederationOptions,
  ) {}

  /** Starts the private Redis and reserves the aggregator's public address. */
  static async create(options: FederationOptions = {}): Promise<Federation> {
    const root = mkdtempSync(join(tmpdir(), 'constellation-federation-'));
    try {
      if (options.databaseUrl !== undefined) await migratePgStore(options.databaseUrl);
      const redis = options.redis ?? (await startRedis());
      return new Federation(root, redis, await freePort(), options);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  /** The national site's public URL: every API process answers as this (the `aud` of notify tokens). */
  get publicUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  get nationalDir(): string {
    return join(this.root, 'national');
  }

  get nationalFile(): string {
    return nationalDatabaseFile({ dataDir: this.nationalDir });
  }

  /** Creates a hub's data (an admin account, or seeded content with demo accounts) and starts it. */
  async startHub(spec: HubSpec): Promise<HubProcess> {
    const port = await freePort();
    const dataDir = join(this.root, 'hubs', spec.id);
    mkdirSync(dataDir, { recursive: true });
    let admin: AdminLogin;
    const hub = (login: AdminLogin) => new HubProcess(spec, port, dataDir, login);
    if (spec.seed !== undefined) {
      const demo = demoAccounts(spec.id).find((account) => account.role === 'admin');
      if (demo === undefined) throw new Error('the seed has no demo admin');
      admin = { email: demo.email, password: demo.password };
      const seedArgs = ['seed', '--scale', String(spec.seed.scale), '--seed', String(spec.seed.seed ?? 1), '--demo-accounts'];
      await runToEnd(`seed ${spec.id}`, process.execPath, nodeTsArgs(HUB_MAIN, seedArgs), { env: hub(admin).env() });
    } else {
      // What `constellation hub create-admin` does, without paying a process start for it.
      admin = { email: `admin@${spec.id}.example.org`, password: ADMIN_PASSWORD };
      const config = loadHubConfig({ env: hub(admin).env() });
      const store = openHubStore(config);
      try {
        await createHubServices(store, config).accounts.register({ ...admin, displayName: 'Administrateur' }, 'admin');
      } finally {
        store.close();
      }
    }
    const started = hub(admin);
    this.hubs.push(started);
    await started.start();
    return started;
  }

  /**
   * Adds hubs to the national registry and approves them. By default through the registry
   * on the store, in this process (the descriptor is fetched from the running hub, as
   * `add-hub` does): workers started afterwards schedule them from the store. With
   * `via: 'cli'`, by `constellation aggregator add-hub` and `approve-hub` processes, which
   * also schedule and request a pull through Redis when workers already run.
   */
  async registerHubs(hubs: readonly Pick<HubProcess, 'id' | 'url'>[], options: { via?: 'store' | 'cli' } = {}): Promise<void> {
    mkdirSync(this.nationalDir, { recursive: true });
    if (options.via === 'cli') {
      await Promise.all(hubs.map((hub) => this.cli('add-hub', hub.url)));
      await Promise.all(hubs.map((hub) => this.cli('approve-hub', hub.id)));
      return;
    }
    const engine: NationalEngine = this.options.databaseUrl === undefined ? sqliteEngine(openNationalStore(this.nationalFile)) : postgresEngine(await openPgNationalStore(this.options.databaseUrl, { poolSize: 2 }));
    try {
      const registry = new Registry(engine.hubs, { allowPrivateNetwork: true, fetchDeadlineMs: 10_000, maxPageBytes: 1024 * 1024 });
      for (const hub of hubs) {
        await registry.add(hub.url);
        await registry.approve(hub.id);
      }
    } finally {
      await engine.close();
    }
  }

  /** Runs `constellation aggregator <args>` on this federation's store and Redis; returns its output. */
  async cli(...args: string[]): Promise<string> {
    return runToEnd(`aggregator ${args[0] ?? ''}`, process.execPath, nodeTsArgs(AGGREGATOR_MAIN, args), { env: this.aggregatorEnv('all', undefined, {}), timeoutMs: 60_000 });
  }

  /** The environment of an aggregator process (or CLI command) of this federation. */
  aggregatorEnv(role: AggregatorRole, port: number | undefined, settings: AggregatorSettings): Record<string, string> {
    const all = { pullIntervalMs: 60_000, pullJitterMs: 0, logLevel: 'warn', ...this.options.aggregator, ...settings };
    const env: Record<string, string> = {
      AGGREGATOR_PUBLIC_URL: this.publicUrl,
      AGGREGATOR_HOST: '127.0.0.1',
      AGGREGATOR_PORT: String(port ?? 0),
      AGGREGATOR_DATA_DIR: this.nationalDir,
      REDIS_URL: this.redis.url,
      AGGREGATOR_ROLE: role,
      AGGREGATOR_JWT_SECRET: JWT_SECRET,
      AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
      ...(this.options.databaseUrl === undefined ? {} : { AGGREGATOR_DATABASE_URL: this.options.databaseUrl }),
    };
    for (const [key, value] of Object.entries(all)) if (value !== undefined) env[SETTING_ENV[key as keyof AggregatorSettings]] = String(value);
    return childEnv(env);
  }

  /** Starts an aggregator process on the shared store and Redis; API roles are awaited until /healthz answers. */
  async startAggregator(role: AggregatorRole, settings: AggregatorSettings = {}): Promise<AggregatorProcess> {
    const serves = role !== 'worker';
    let port: number | undefined;
    if (serves) {
      port = this.apiPortTaken ? await freePort() : this.apiPort;
      this.apiPortTaken = true;
    }
    mkdirSync(this.nationalDir, { recursive: true });
    const name = `aggregator ${role}${port === undefined ? '' : ` :${port}`} #${this.aggregators.length + 1}`;
    const managed = spawnManaged(name, process.execPath, nodeTsArgs(AGGREGATOR_MAIN, ['start', '--role', role]), {
      env: this.aggregatorEnv(role, port, settings),
      cwd: REPO_ROOT,
      echo: this.options.echo === true,
    });
    const aggregator = new AggregatorProcess(role, managed, port);
    this.aggregators.push(aggregator);
    if (serves) {
      await waitFor(
        async () => {
          if (!managed.alive()) throw new Error(`${name} exited`);
          return (await aggregator.get('/healthz')).status === 200;
        },
        { timeoutMs: 60_000, intervalMs: 50, what: `${name} to answer /healthz` },
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${managed.output()}`);
      });
    } else {
      // A worker has no port: give it a moment to fail loudly at start (bad config, no Redis).
      await Promise.race([managed.exited.then(() => undefined), sleep(200)]);
      if (!managed.alive()) throw new Error(`${name} exited at start:\n${managed.output()}`);
    }
    return aggregator;
  }

  /** The first API process started (the one at the public URL). */
  api(): AggregatorProcess {
    const api = this.aggregators.find((aggregator) => aggregator.port === this.apiPort);
    if (api === undefined) throw new Error('no API process has been started');
    return api;
  }

  /** Opens a stream on an API process; closed with the federation. */
  async stream(on: AggregatorProcess, path = '/api/v1/stream', options: SseOptions = {}): Promise<SseClient> {
    const client = await openSse(`${on.url}${path}`, options);
    this.streams.push(client);
    return client;
  }

  /** Every record of the national store, read from the file (read-only, alongside the running processes). */
  nationalRecords(): NationalRecord[] {
    return this.readNational((db) =>
      (db.prepare(
        `SELECT hub, id, type, version, deleted, json_extract(data, '$.hub') AS dataHub, json_extract(data, '$.version') AS dataVersion FROM records`,
      ).all() as (Omit<NationalRecord, 'deleted'> & { deleted: number })[]).map((row) => ({ ...row, deleted: row.deleted === 1 })),
    );
  }

  /** Runs `read` on a read-only connection to the national store. */
  readNational<T>(read: (db: Database.Database) => T): T {
    const db = new Database(this.nationalFile, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      return read(db);
    } finally {
      db.close();
    }
  }

  /**
   * Compares the national store with what the hubs publish now: every public item of every
   * hub (its feed from 0, upserts) against the store's live records, by (hub, id, version).
   */
  async indexDifferences(hubs: readonly HubProcess[] = this.hubs): Promise<IndexDifferences> {
    const expected = new Map<string, number>();
    for (const hub of hubs) {
      for (const item of await hub.feed()) if (item.op === 'upsert') expected.set(`${hub.id}/${item.id}`, item.version);
    }
    const records = await this.nationalRecordsOfEither();
    const live = new Map<string, number>();
    const wrongHub: string[] = [];
    for (const record of records) {
      if (record.deleted) continue;
      live.set(`${record.hub}/${record.id}`, record.version);
      if (record.dataHub !== record.hub || record.dataVersion !== record.version) wrongHub.push(`${record.hub}/${record.id} says ${record.dataHub}/v${record.dataVersion}`);
    }
    const missing = [...expected.keys()].filter((key) => !live.has(key));
    const extra = [...live.keys()].filter((key) => !expected.has(key));
    const stale = [...expected].filter(([key, version]) => live.has(key) && live.get(key) !== version).map(([key, version]) => `${key} ${live.get(key)}≠${version}`);
    // Portable SQL (NOT deleted reads SQLite's 0/1 and PostgreSQL's booleans alike).
    const unindexed = await this.queryNational<{ key: string }>(`SELECT r.hub || '/' || r.id AS key FROM records r LEFT JOIN events_index e ON e.row_id = r.row_id WHERE r.type = 'event' AND NOT r.deleted AND e.row_id IS NULL`);
    const orphans = await this.queryNational<{ key: string }>(`SELECT e.hub || ' row ' || e.row_id AS key FROM events_index e LEFT JOIN records r ON r.row_id = e.row_id WHERE r.row_id IS NULL OR r.deleted OR r.hub <> e.hub`);
    const indexMismatches = [...unindexed.map((row) => `${row.key} live but not indexed`), ...orphans.map((row) => `${row.key} indexed without a live record of that hub`)];
    return { missing, extra, stale, wrongHub, indexMismatches };
  }

  /** Rows of a query on the national store, whichever the engine (read-only). */
  async queryNational<Row>(sql: string): Promise<Row[]> {
    if (this.options.databaseUrl === undefined) return this.readNational((db) => db.prepare(sql).all() as Row[]);
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** nationalRecords() on either engine. */
  async nationalRecordsOfEither(): Promise<NationalRecord[]> {
    if (this.options.databaseUrl === undefined) return this.nationalRecords();
    const rows = await this.queryNational<Omit<NationalRecord, 'deleted' | 'dataVersion'> & { deleted: boolean; dataVersion: string | null }>(
      `SELECT hub, id, type, version::int AS version, deleted, data::jsonb ->> 'hub' AS "dataHub", data::jsonb ->> 'version' AS "dataVersion" FROM records`,
    );
    return rows.map((row) => ({ ...row, dataVersion: row.dataVersion === null ? null : Number(row.dataVersion) }) as NationalRecord);
  }

  /** POSTs a notify for `hub` to an API process, signed with the hub's key, as the hub would. */
  async notify(on: AggregatorProcess, hub: HubProcess, options: { timeoutMs?: number } = {}): Promise<HttpAnswer> {
    const latest = await hub.latest();
    return http(`${on.url}${NOTIFY_PATH}`, {
      method: 'POST',
      token: hub.notifyToken(this.publicUrl, latest),
      body: hub.notifyBody(latest),
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  }

  /** Stops everything: streams, aggregator processes, hubs, Redis; then removes the files. */
  async close(): Promise<void> {
    for (const stream of this.streams) stream.close();
    await Promise.all(this.aggregators.map((aggregator) => aggregator.stop()));
    await Promise.all(this.hubs.map((hub) => hub.stop()));
    await this.redis.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The output of every process, for a failure message. */
  outputs(): string {
    return [...this.aggregators.map((aggregator) => aggregator.process), ...this.hubs.flatMap((hub) => (hub.process === undefined ? [] : [hub.process]))]
      .map((managed) => `--- ${managed.name} (${managed.alive() ? 'running' : 'exited'}) ---\n${managed.output().slice(-4_000)}`)
      .join('\n');
  }
}
