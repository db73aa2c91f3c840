import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp as buildHub, loadHubConfig, loadKeyRing, type HubConfig, type Viewer } from '@constellation/hub';
import { buildApp, createServices, loadAggregatorConfig, migratePgStore, openServices, startWorkers, type AggregatorConfig, type AggregatorServices, type RunningWorkers } from '@constellation/aggregator';
import { CHANGES_PATH, DESCRIPTOR_PATH, PROTOCOL_VERSION, type HubDescriptor, type RegionCode } from '@constellation/shared';
import { signJwt, type AddressCheck } from '@constellation/shared/server';
import { eventInput } from '../hub/event-inputs.ts';
import { freePort } from '../support/redis.ts';

/*
 * The pieces the pipeline tests put together: an aggregator (API on a real port, pull
 * workers, its own store) on a test's private Redis, real hubs on real ports, and small
 * node:http servers that pose as hubs and misbehave on purpose.
 */

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ------------------------------------------------------------------ aggregator

export interface TestAggregator {
  config: AggregatorConfig;
  services: AggregatorServices;
  app: FastifyInstance;
  url: string;
  workers: RunningWorkers | undefined;
  startWorkers(): Promise<RunningWorkers>;
  stopWorkers(): Promise<void>;
  /** Adds a hub by URL (its descriptor is fetched), approves it, makes its scheduler and asks for a first pull. */
  addHub(url: string, options?: { approve?: boolean }): Promise<string>;
  hub(id: string): NonNullable<Awaited<ReturnType<AggregatorServices['registry']['get']>>>;
  /** The hub's live records in the national store: id → version. */
  records(hubId: string): Map<string, number>;
  record(hubId: string, id: string): { version: number; deleted: number; data: string | null } | undefined;
  /** Whether the event is listed in the national index (events_index). */
  indexed(hubId: string, id: string): boolean;
  close(): Promise<void>;
}

/**
 * An aggregator (API and workers in this process). With `databaseUrl` its national store is
 * that PostgreSQL database (migrated here), and the reads below (`hub`, `records`, ...) go
 * to the API's local read model, which follows PostgreSQL a step behind (every 100 ms, and
 * at each worker's announcement): poll them with `until`, as the tests do on both engines.
 */
export async function startTestAggregator(redisUrl: string, settings: Partial<AggregatorConfig> = {}, options: { addressCheck?: (check: AddressCheck) => boolean; workers?: boolean; databaseUrl?: string } = {}): Promise<TestAggregator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-aggregator-'));
  const port = await freePort();
  const config: AggregatorConfig = {
    ...loadAggregatorConfig({
      env: {
        AGGREGATOR_PORT: String(port),
        AGGREGATOR_PUBLIC_URL: `http://127.0.0.1:${port}`,
        AGGREGATOR_DATA_DIR: dataDir,
        AGGREGATOR_JWT_SECRET: 'aggregator-test-secret-long-enough-0123456789',
        AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
        AGGREGATOR_LOG_LEVEL: 'silent',
        REDIS_URL: redisUrl,
      },
    }),
    pullJitterMs: 0,
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl, livePollMs: 100 }),
    ...settings,
  };
  const serviceOptions = options.addressCheck === undefined ? {} : { addressCheck: options.addressCheck };
  if (options.databaseUrl !== undefined) await migratePgStore(options.databaseUrl);
  const services = options.databaseUrl === undefined ? createServices(config, serviceOptions) : await openServices(config, serviceOptions);
  const app = await buildApp(config, { services });
  await app.listen({ host: '127.0.0.1', port });
  const sqlite = services.store.sqlite;

  const aggregator: TestAggregator = {
    config,
    services,
    app,
    url: config.publicUrl,
    workers: undefined,
    async startWorkers() {
      const workers = await startWorkers(services, { resyncIntervalMs: 3_600_000 });
      aggregator.workers = workers;
      await workers.ready;
      return workers;
    },
    async stopWorkers() {
      const workers = aggregator.workers;
      aggregator.workers = undefined;
      await workers?.close();
    },
    async addHub(url, { approve = true } = {}) {
      const row = await services.registry.add(url);
      if (approve) {
        await services.registry.approve(row.id);
        await services.queues.syncSchedulers(await services.registry.approved());
        await services.queues.requestPull(row.id, 'approved');
      }
      return row.id;
    },
    hub(id) {
      // Read synchronously from the SQLite file, so a test can poll it in a plain condition.
      const row = services.store.db.query.hubs.findFirst({ where: (hub, { eq }) => eq(hub.id, id) }).sync();
      if (row === undefined) throw new Error(`no hub ${id}`);
      return row;
    },
    records(hubId) {
      const rows = sqlite.prepare('SELECT id, version FROM records WHERE hub = ? AND deleted = 0').all(hubId) as { id: string; version: number }[];
      return new Map(rows.map((row) => [row.id, row.version]));
    },
    record(hubId, id) {
      return sqlite.prepare('SELECT version, deleted, data FROM records WHERE hub = ? AND id = ?').get(hubId, id) as { version: number; deleted: number; data: string | null } | undefined;
    },
    indexed(hubId, id) {
      return sqlite.prepare('SELECT 1 FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE r.hub = ? AND r.id = ?').get(hubId, id) !== undefined;
    },
    async close() {
      await aggregator.stopWorkers();
      await app.close();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (options.workers !== false) await aggregator.startWorkers();
  return aggregator;
}

// ------------------------------------------------------------------ real hubs

export interface LiveHub {
  id: string;
  url: string;
  app: FastifyInstance;
  config: HubConfig;
  dataDir: string;
  actorId: string;
  publish(title: string): string;
  edit(id: string, title: string): void;
  remove(id: string): void;
  /** The hub's published content: id → version (what the national store must hold). */
  publicState(): Map<string, number>;
  latest(): number;
  close(): Promise<void>;
}

/** A real hub on a real port, notifying `aggregatorUrls`, with an admin and one actor. */
export async function startLiveHub(options: { id: string; region: RegionCode; aggregatorUrls?: string[] }): Promise<LiveHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadHubConfig({
    env: {
      HUB_ID: options.id,
      HUB_NAME: `Echosciences ${options.id}`,
      HUB_REGION: options.region,
      HUB_BASE_URL: url,
      HUB_DATA_DIR: dataDir,
      HUB_JWT_SECRET: 'hub-test-secret-that-is-long-enough-0123456789',
      HUB_LOG_LEVEL: 'silent',
      HUB_AGGREGATOR_URLS: (options.aggregatorUrls ?? []).join(','),
    },
  });
  const app = await buildHub(config);
  await app.listen({ host: '127.0.0.1', port });
  const account = await app.services.accounts.register({ email: `admin@${options.id}.example.org`, password: 'correct horse battery 1', displayName: 'Admin' }, 'admin');
  const admin: Viewer = { id: account.id, role: 'admin', actorIds: [] };
  const content = app.services.content;
  const actorId = content.create('actor', { name: `Centre de sciences ${options.id}`, kind: 'ccsti' }, admin, { submit: true }).id;
  const input = (title: string) => eventInput(actorId, title, '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00');
  return {
    id: options.id,
    url,
    app,
    config,
    dataDir,
    actorId,
    publish: (title) => content.create('event', input(title), admin, { submit: true }).id,
    edit: (id, title) => {
      content.update('event', id, input(title), admin);
    },
    remove: (id) => content.remove('event', id, admin),
    publicState() {
      const rows = app.store.sqlite.prepare(`SELECT id, version FROM content WHERE status = 'published'`).all() as { id: string; version: number }[];
      return new Map(rows.map((row) => [row.id, row.version]));
    },
    latest: () => (app.store.sqlite.prepare(`SELECT value FROM hub_state WHERE key = 'seq'`).pluck().get() as number | undefined) ?? 0,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The hub's current signing key, to forge (or rightly sign) notify tokens in tests. */
export function hubSigningKey(hub: LiveHub): { privateKey: KeyObject; kid: string } {
  const { current } = loadKeyRing(hub.dataDir);
  return { privateKey: current.privateKey, kid: current.kid };
}

// ------------------------------------------------------------------ fake hubs

export type ChangesHandler = (request: IncomingMessage, response: ServerResponse, after: string, fake: FakeHub) => void | Promise<void>;

/**
 * A node:http server posing as a hub: a real descriptor with its own Ed25519 key, and a
 * changes feed whose behaviour each test sets (`onChanges`). `page()` answers a signed
 * page the way a hub does.
 */
export class FakeHub {
  readonly keys = generateKeyPairSync('ed25519');
  readonly kid = 'fake-key-1';
  url = '';
  port = 0;
  /** Requests to the changes feed so far, and how many are being answered right now. */
  requests = 0;
  active = 0;
  maxActive = 0;
  onChanges: ChangesHandler = (_request, response) => this.page(response, { items: [], next: '0', hasMore: false, latest: 0 });
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly id: string,
    readonly region: RegionCode = '24',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  descriptor(): HubDescriptor {
    const { x } = this.keys.publicKey.export({ format: 'jwk' });
    return { protocol: PROTOCOL_VERSION, id: this.id, name: `Faux hub ${this.id}`, region: this.region, baseUrl: this.url, keys: [{ kty: 'OKP', crv: 'Ed25519', x: String(x), kid: this.kid, alg: 'EdDSA', use: 'sig' }] };
  }

  /** A page signature as a hub makes it; `key`/`kid`/`iss` let a test forge a wrong one. */
  signature(body: Buffer, options: { key?: KeyObject; kid?: string; iss?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const digest = `sha-256=${createHash('sha256').update(body).digest('base64')}`;
    return signJwt({ iss: options.iss ?? this.id, digest, iat: now, exp: now + 60 }, options.key ?? this.keys.privateKey, options.kid ?? this.kid);
  }

  /** Answers a signed page; `page.hub` defaults to this hub's id. */
  page(response: ServerResponse, page: { hub?: string; items: unknown[]; next: string; hasMore: boolean; latest: number }, sign: { key?: KeyObject; kid?: string; iss?: string } = {}): void {
    const body = Buffer.from(JSON.stringify({ protocol: PROTOCOL_VERSION, hub: page.hub ?? this.id, items: page.items, next: page.next, hasMore: page.hasMore, latest: page.latest }));
    this.raw(response, body, sign);
  }

  /** Answers any bytes with a valid signature over them. */
  raw(response: ServerResponse, body: Buffer, sign: { key?: KeyObject; kid?: string; iss?: string } = {}): void {
    response.writeHead(200, { 'content-type': 'application/json', 'constellation-signature': this.signature(body, sign), 'content-length': body.length });
    response.end(body);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname === DESCRIPTOR_PATH) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(this.descriptor()));
      return;
    }
    if (url.pathname !== CHANGES_PATH) {
      response.writeHead(404).end();
      return;
    }
    this.requests += 1;
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    response.once('close', () => (this.active -= 1));
    try {
      await this.onChanges(request, response, url.searchParams.get('after') ?? '0', this);
    } catch {
      response.destroy();
    }
  }
}

/**
 * A valid upsert item of an event served by `hub`, at `seq`, built like a hub's feed row.
 * Dates and places vary with `seq`, so a long synthetic feed does not look like one event
 * posted many times (which the cross-hub duplicate finder would have to compare).
 */
export function eventItem(hub: string, id: string, seq: number, title: string, version = 1): Record<string, unknown> {
  const updatedAt = '2026-10-02T08:15:00Z';
  const day = new Date(Date.UTC(2027, 0, 1) + (seq % 700) * 86_400_000).toISOString().slice(0, 10);
  const hour = String(8 + (seq % 12)).padStart(2, '0');
  return {
    seq,
    type: 'event',
    id,
    op: 'upsert',
    version,
    updatedAt,
    data: {
      id,
      hub,
      slug: `evenement-${seq}`,
      version,
      createdAt: '2026-09-01T09:12:45Z',
      updatedAt,
      url: `https://${hub}.example.org/evenements/evenement-${seq}`,
      actorId: '01935c1e-4b2a-7f10-9c3d-2e8f5a6b7c01',
      title,
      timeZone: 'Europe/Paris',
      timings: [{ start: `${day}T${hour}:00:00+01:00`, end: `${day}T${hour}:45:00+01:00` }],
      attendanceMode: 'in-person',
      place: { commune: 'Orléans', inseeCode: '45234', lat: 43 + ((seq * 7919) % 5000) / 1000, lon: -1 + ((seq * 104729) % 7000) / 1000 },
      format: 'other',
      eventStatus: 'scheduled',
    },
  };
}

/** Ids shaped like a hub's UUIDv7, distinct per (n). */
export function fakeId(n: number): string {
  return `01935c1e-${n.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

/**
 * Makes `fake` serve `items` (sorted by seq) as a compacted feed does: pages after the
 * cursor, at most `limit` long, `latest` the last seq. The page is cut when the request
 * arrives; `delayMs` then holds the answer back (a slow hub).
 */
export function serveFeed(fake: FakeHub, items: Record<string, unknown>[], options: { delayMs?: number } = {}): void {
  fake.onChanges = async (request, response, after) => {
    const limit = Number(new URL(request.url ?? '/', fake.url).searchParams.get('limit') ?? '100');
    const seqOf = (item: Record<string, unknown>) => Number(item.seq);
    const latest = items.length === 0 ? 0 : Math.max(...items.map(seqOf));
    const page = items.filter((item) => seqOf(item) > Number(after)).slice(0, limit);
    const last = page.at(-1);
    const next = last === undefined ? after : String(seqOf(last));
    const hasMore = page.length === limit && Number(next) < latest;
    if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    fake.page(response, { items: page, next, hasMore, latest });
  };
}

/** `count` valid event items of `hub`, seq `from`..`from + count - 1`. */
export function eventItems(hub: string, count: number, from = 1): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => eventItem(hub, fakeId(from + index), from + index, `Événement ${(from + index).toString(36)} ${hub}`));
}
