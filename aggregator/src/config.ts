import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Type, { type Static } from 'typebox';
import { HttpUrl, validate } from '@constellation/shared';
import { parseRedisTarget, REDIS_URL_PATTERN, RedisUrlError } from './redis/redis-target.ts';

/**
 * Everything the aggregator needs to know, read once at start from (in order of
 * precedence) command-line flags, the environment (AGGREGATOR_*, REDIS_URL) and a JSON
 * file, then checked. Nothing else in the aggregator reads process.env.
 */
export const AggregatorSettings = Type.Object(
  {
    /** Public URL of the national site and API; hubs put it in their notify tokens' `aud`. */
    publicUrl: HttpUrl,
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65_535 }),
    dataDir: Type.String({ minLength: 1 }),
    /**
     * The national store on PostgreSQL (`postgres://user:password@host:5432/db`); unset,
     * the SQLite file in dataDir (the embedded default, one machine).
     */
    databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
    /** Read replicas of that database, comma-separated, for reads that may lag (docs/scaling.md). */
    databaseReplicaUrls: Type.Optional(Type.String({ pattern: '^postgres(ql)?://[^,]+(,postgres(ql)?://[^,]+)*$' })),
    /**
     * With PostgreSQL, an API process's local read model (a SQLite file of its own, kept in
     * step with PostgreSQL's change log; docs/scaling.md). Unset: a new file in the system's
     * temporary folder, filled whole at each start. One file per process.
     */
    readModelFile: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * One Redis server (redis://, rediss://), a Redis Cluster (redis+cluster://h1:p1,h2:p2,...)
     * or a primary found through Sentinel (redis+sentinel://s1:p1,.../<master name>): see
     * redis/redis-target.ts.
     */
    redisUrl: Type.String({ pattern: REDIS_URL_PATTERN }),
    /** Which half this process runs: the HTTP API, the pull workers, or both. */
    role: Type.Enum(['api', 'worker', 'all']),
    /** Signs admin access tokens (HS256). At least 32 bytes. */
    jwtSecret: Type.String({ minLength: 32 }),
    /** How often each approved hub is polled, and the random spread added per hub. */
    pullIntervalMs: Type.Integer({ minimum: 1_000, maximum: 86_400_000 }),
    pullJitterMs: Type.Integer({ minimum: 0, maximum: 3_600_000 }),
    /**
     * How long a hub stays locked after its pull stopped renewing the lock (a worker killed
     * or cut off from Redis): the wait before another worker takes the hub over. Kept near
     * BullMQ's job lock (10 s), see pipeline/hub-lock.ts.
     */
    pullLockTtlMs: Type.Integer({ minimum: 2_000, maximum: 600_000 }),
    /**
     * How often a worker re-makes the pull schedulers from the registry in the store, which
     * is how polling comes back after Redis was restarted empty or flushed. Unset: every
     * poll interval, at least every 10 s.
     */
    schedulerResyncMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 86_400_000 })),
    /** Items asked for per page (the protocol caps it at 1000). */
    pageLimit: Type.Integer({ minimum: 1, maximum: 1_000 }),
    /** Items committed per transaction, so readers and live pulls never wait long. */
    batchSize: Type.Integer({ minimum: 1, maximum: 1_000 }),
    /** A hub further behind than this many changes is caught up by the bulk queue. */
    bulkThreshold: Type.Integer({ minimum: 1 }),
    liveConcurrency: Type.Integer({ minimum: 1, maximum: 256 }),
    bulkConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
    /** Deadline for one outbound request (DNS, connect, redirects, body). */
    fetchDeadlineMs: Type.Integer({ minimum: 100, maximum: 300_000 }),
    /** Largest decoded body of one page or descriptor. */
    maxPageBytes: Type.Integer({ minimum: 1_024, maximum: 256 * 1024 * 1024 }),
    /** Failures in a row before the circuit breaker stops pulling a hub for a while. */
    breakerThreshold: Type.Integer({ minimum: 1, maximum: 100 }),
    /** Live stream: a `: ping` comment this often keeps proxies from closing an idle stream. */
    liveHeartbeatMs: Type.Integer({ minimum: 10, maximum: 300_000 }),
    /** Live stream: how often each API process reads the change log when no Redis wake-up came. */
    livePollMs: Type.Integer({ minimum: 10, maximum: 60_000 }),
    /** Live stream: open streams one API process serves at most. */
    liveMaxClients: Type.Integer({ minimum: 1, maximum: 100_000 }),
    /** Live stream: changes replayed to a resuming client at most; further behind, it is told to reload. */
    liveMaxReplay: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    /** Local development only: lets the guarded fetcher reach loopback and private addresses. */
    allowPrivateNetwork: Type.Boolean(),
    logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    trustProxy: Type.Boolean(),
    /** Where the built web app is, served at `/` (national mode); none when unset. */
    webRoot: Type.Optional(Type.String({ minLength: 1 })),
    /** The operator's about, legal, privacy and accessibility pages: `<slug>.<fr|en>.md` files; the defaults otherwise. */
    pagesDir: Type.Optional(Type.String({ minLength: 1 })),
    /** A MapLibre style URL for the web map ; unset: IGN's Plan IGN, or the bundled offline basemap when it cannot be reached. */
    mapStyle: Type.Optional(HttpUrl),
  },
  { additionalProperties: false },
);
export type AggregatorConfig = Static<typeof AggregatorSettings>;

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`config ${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Kind = 'string' | 'number' | 'boolean';

/** Each setting's flag, environment variable and help line (the CLI prints these). */
export const SETTING_SOURCES: Record<keyof AggregatorConfig, { flag: string; env: string; kind: Kind; help: string }> = {
  publicUrl: { flag: 'public-url', env: 'AGGREGATOR_PUBLIC_URL', kind: 'string', help: 'public URL (default http://localhost:<port>)' },
  host: { flag: 'host', env: 'AGGREGATOR_HOST', kind: 'string', help: 'address to listen on (default 127.0.0.1)' },
  port: { flag: 'port', env: 'AGGREGATOR_PORT', kind: 'number', help: 'port to listen on (default 3000)' },
  dataDir: { flag: 'data-dir', env: 'AGGREGATOR_DATA_DIR', kind: 'string', help: 'folder of the national store (default ./data/aggregator)' },
  databaseUrl: { flag: 'database-url', env: 'AGGREGATOR_DATABASE_URL', kind: 'string', help: 'PostgreSQL national store, postgres://... (default: national.sqlite in the data dir)' },
  readModelFile: { flag: 'read-model-file', env: 'AGGREGATOR_READ_MODEL_FILE', kind: 'string', help: 'with PostgreSQL: this API process\'s local read model, a SQLite file of its own (default: a new file in the temporary folder)' },
  databaseReplicaUrls: { flag: 'database-replica-urls', env: 'AGGREGATOR_DATABASE_REPLICA_URLS', kind: 'string', help: 'read replicas of that database, comma-separated' },
  redisUrl: { flag: 'redis-url', env: 'REDIS_URL', kind: 'string', help: 'Redis for jobs and live updates (default redis://127.0.0.1:6379); a cluster: redis+cluster://host:port,host:port,...; Sentinel: redis+sentinel://host:port,.../<master name>' },
  role: { flag: 'role', env: 'AGGREGATOR_ROLE', kind: 'string', help: 'api, worker or all (default all)' },
  jwtSecret: { flag: 'jwt-secret', env: 'AGGREGATOR_JWT_SECRET', kind: 'string', help: 'at least 32 bytes; generated into the data dir when unset' },
  pullIntervalMs: { flag: 'pull-interval', env: 'AGGREGATOR_PULL_INTERVAL_MS', kind: 'number', help: 'poll each hub every N ms (default 60000)' },
  pullJitterMs: { flag: 'pull-jitter', env: 'AGGREGATOR_PULL_JITTER_MS', kind: 'number', help: 'random spread of each hub\'s polls, ms (default 10000)' },
  pullLockTtlMs: { flag: 'pull-lock-ttl', env: 'AGGREGATOR_PULL_LOCK_TTL_MS', kind: 'number', help: 'a killed worker\'s hubs are taken over after N ms (default 10000)' },
  schedulerResyncMs: { flag: 'scheduler-resync', env: 'AGGREGATOR_SCHEDULER_RESYNC_MS', kind: 'number', help: 'workers re-make the pull schedulers from the store every N ms, so polling resumes after Redis lost them (default: the pull interval, at least 10000)' },
  pageLimit: { flag: 'page-limit', env: 'AGGREGATOR_PAGE_LIMIT', kind: 'number', help: 'items per page asked of hubs (default 1000)' },
  batchSize: { flag: 'batch-size', env: 'AGGREGATOR_BATCH_SIZE', kind: 'number', help: 'items per store transaction (default 250)' },
  bulkThreshold: { flag: 'bulk-threshold', env: 'AGGREGATOR_BULK_THRESHOLD', kind: 'number', help: 'lag (changes) above which a hub is caught up in bulk (default 2000)' },
  liveConcurrency: { flag: 'live-concurrency', env: 'AGGREGATOR_LIVE_CONCURRENCY', kind: 'number', help: 'live pulls at once (default 16)' },
  bulkConcurrency: { flag: 'bulk-concurrency', env: 'AGGREGATOR_BULK_CONCURRENCY', kind: 'number', help: 'bulk catch-ups at once (default 2)' },
  fetchDeadlineMs: { flag: 'fetch-deadline', env: 'AGGREGATOR_FETCH_DEADLINE_MS', kind: 'number', help: 'deadline of one request to a hub, ms (default 15000)' },
  maxPageBytes: { flag: 'max-page-bytes', env: 'AGGREGATOR_MAX_PAGE_BYTES', kind: 'number', help: 'largest decoded page, bytes (default 16 MiB)' },
  breakerThreshold: { flag: 'breaker-threshold', env: 'AGGREGATOR_BREAKER_THRESHOLD', kind: 'number', help: 'failures in a row before a hub is paused (default 5)' },
  liveHeartbeatMs: { flag: 'live-heartbeat', env: 'AGGREGATOR_LIVE_HEARTBEAT_MS', kind: 'number', help: 'live stream keep-alive comment every N ms (default 15000)' },
  livePollMs: { flag: 'live-poll', env: 'AGGREGATOR_LIVE_POLL_MS', kind: 'number', help: 'live stream reads the change log every N ms without Redis (default 2000)' },
  liveMaxClients: { flag: 'live-max-clients', env: 'AGGREGATOR_LIVE_MAX_CLIENTS', kind: 'number', help: 'open live streams per API process (default 2000)' },
  liveMaxReplay: { flag: 'live-max-replay', env: 'AGGREGATOR_LIVE_MAX_REPLAY', kind: 'number', help: 'changes replayed to a resuming stream before it must reload (default 10000)' },
  allowPrivateNetwork: { flag: 'allow-private-network', env: 'AGGREGATOR_ALLOW_PRIVATE_NETWORK', kind: 'boolean', help: 'local development only: reach hubs on private addresses' },
  logLevel: { flag: 'log-level', env: 'AGGREGATOR_LOG_LEVEL', kind: 'string', help: 'fatal, error, warn, info (default), debug, trace or silent' },
  trustProxy: { flag: 'trust-proxy', env: 'AGGREGATOR_TRUST_PROXY', kind: 'boolean', help: 'trust X-Forwarded-For from a reverse proxy' },
  webRoot: { flag: 'web-root', env: 'AGGREGATOR_WEB_ROOT', kind: 'string', help: 'folder of the built web app to serve at /' },
  pagesDir: { flag: 'pages-dir', env: 'AGGREGATOR_PAGES_DIR', kind: 'string', help: 'folder of the site pages the footer links, as about.fr.md, legal.en.md, ... (default: texts that say what to fill in)' },
  mapStyle: { flag: 'map-style', env: 'AGGREGATOR_MAP_STYLE', kind: 'string', help: 'MapLibre style URL for the web map (default: the Plan IGN style of IGN, the bundled offline basemap when unreachable)' },
};

function fromText(kind: Kind, text: string): unknown {
  if (kind === 'number') return /^\d+$/.test(text) ? Number(text) : text;
  if (kind === 'boolean') return ['1', 'true', 'yes', 'on'].includes(text.toLowerCase());
  return text;
}

export interface ConfigSources {
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

const FLAGS = Object.fromEntries([
  ['config', { type: 'string' }],
  ...Object.values(SETTING_SOURCES).map((source) => [source.flag, { type: source.kind === 'boolean' ? 'boolean' : 'string' }]),
]) as Record<string, { type: 'string' | 'boolean' }>;

/** Reads and checks the configuration; throws ConfigError naming the setting at fault. */
export function loadAggregatorConfig({ argv = [], env = {}, cwd = process.cwd() }: ConfigSources): AggregatorConfig {
  let flags: Record<string, unknown>;
  try {
    flags = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError('flags', (error as Error).message);
  }
  const raw: Record<string, unknown> = {};
  const file = (flags.config as string | undefined) ?? env.AGGREGATOR_CONFIG;
  if (file !== undefined) Object.assign(raw, readSettingsFile(resolve(cwd, file)));
  for (const [key, source] of Object.entries(SETTING_SOURCES)) {
    const fromEnv = env[source.env];
    if (fromEnv !== undefined && fromEnv !== '') raw[key] = fromText(source.kind, fromEnv);
    const fromFlag = flags[source.flag];
    if (fromFlag !== undefined) raw[key] = typeof fromFlag === 'string' ? fromText(source.kind, fromFlag) : fromFlag;
  }
  const port = typeof raw.port === 'number' && Number.isInteger(raw.port) && raw.port >= 0 && raw.port <= 65_535 ? raw.port : 3000;
  const withDefaults: Record<string, unknown> = {
    publicUrl: `http://localhost:${port}`,
    host: '127.0.0.1',
    port,
    dataDir: join('data', 'aggregator'),
    redisUrl: 'redis://127.0.0.1:6379',
    role: 'all',
    pullIntervalMs: 60_000,
    pullJitterMs: 10_000,
    pullLockTtlMs: 10_000,
    pageLimit: 1_000,
    batchSize: 250,
    bulkThreshold: 2_000,
    liveConcurrency: 16,
    bulkConcurrency: 2,
    fetchDeadlineMs: 15_000,
    maxPageBytes: 16 * 1024 * 1024,
    breakerThreshold: 5,
    liveHeartbeatMs: 15_000,
    livePollMs: 2_000,
    liveMaxClients: 2_000,
    liveMaxReplay: 10_000,
    allowPrivateNetwork: false,
    logLevel: 'info',
    trustProxy: false,
    ...raw,
  };
  withDefaults.dataDir = resolve(cwd, String(withDefaults.dataDir));
  if (typeof withDefaults.webRoot === 'string') withDefaults.webRoot = resolve(cwd, withDefaults.webRoot);
  if (typeof withDefaults.pagesDir === 'string') withDefaults.pagesDir = resolve(cwd, withDefaults.pagesDir);
  if (withDefaults.jwtSecret === undefined) withDefaults.jwtSecret = persistedSecret(String(withDefaults.dataDir));
  const checked = validate(AggregatorSettings, withDefaults);
  if (!checked.ok) {
    const issue = checked.issues[0] ?? { field: '', message: 'is invalid' };
    throw new ConfigError(issue.field, issue.message);
  }
  try {
    parseRedisTarget(checked.value.redisUrl);
  } catch (error) {
    if (error instanceof RedisUrlError) throw new ConfigError('redisUrl', error.message);
    throw error;
  }
  return { ...checked.value, publicUrl: checked.value.publicUrl.replace(/\/+$/, '') };
}

function readSettingsFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('config', `cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('config', `${path} must hold a JSON object of settings`);
  return parsed as Record<string, unknown>;
}

/** A secret generated on first start and kept in the data dir, so a fresh install is secure without set-up. */
function persistedSecret(dataDir: string): string {
  const path = join(dataDir, 'jwt-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The replicas' URLs, as a list. */
export function replicaUrls(config: Pick<AggregatorConfig, 'databaseReplicaUrls'>): string[] {
  return config.databaseReplicaUrls === undefined ? [] : config.databaseReplicaUrls.split(',');
}

export function nationalDatabaseFile(config: Pick<AggregatorConfig, 'dataDir'>): string {
  return join(config.dataDir, 'national.sqlite');
}
