import type Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices as createHubServices, demoAccounts, loadHubConfig, openHubStore } from '@constellation/hub';
import { migratePgStore, nationalDatabaseFile, openNationalStore, openPgNationalStore, postgresEngine, Registry, sqliteEngine, type NationalEngine } from '@constellation/aggregator';
import { NOTIFY_PATH } from '@constellation/shared';
import { childEnv, nodeTsArgs, REPO_ROOT, runToEnd, spawnManaged } from '../processes.ts';
import { freePort, startRedis, type TestRedis } from '../redis.ts';
import { openSse, type SseClient, type SseOptions } from '../sse.ts';
import { sleep, waitFor } from '../wait.ts';
import { AGGREGATOR_MAIN, AggregatorProcess, settingsEnv, type AggregatorRole, type AggregatorSettings } from './aggregator-process.ts';
import { http, type HttpAnswer } from './http.ts';
import { HUB_MAIN, HubProcess, JWT_SECRET, type AdminLogin, type HubSpec } from './hub-process.ts';
import { indexDifferences, nationalRecords, nationalRecordsOfEither, queryNational, readNational, type IndexDifferences, type NationalRecord, type NationalStoreAt } from './national-store.ts';

/*
 * A whole federation on one machine, as separate processes on real ports: regional hubs
 * (`hub/src/main.ts start`), aggregator processes (`aggregator/src/main.ts start --role
 * api|worker|all`) sharing one national store and one private Redis. Tests drive hubs
 * through their HTTP API as an admin would, read the national API and stream, and kill
 * or restart any piece. `close()` leaves no process and no temporary file behind.
 */

const ADMIN_PASSWORD = 'correct horse battery staple';

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
    return childEnv({ ...env, ...settingsEnv(all) });
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

  /** Where the national store is, for the readers of national-store.ts. */
  private get store(): NationalStoreAt {
    return { file: this.nationalFile, databaseUrl: this.options.databaseUrl };
  }

  /** Every record of the national store, read from the file (read-only, alongside the running processes). */
  nationalRecords(): NationalRecord[] {
    return nationalRecords(this.nationalFile);
  }

  /** Runs `read` on a read-only connection to the national store. */
  readNational<T>(read: (db: Database.Database) => T): T {
    return readNational(this.nationalFile, read);
  }

  /** See indexDifferences in national-store.ts. */
  indexDifferences(hubs: readonly HubProcess[] = this.hubs): Promise<IndexDifferences> {
    return indexDifferences(this.store, hubs);
  }

  /** Rows of a query on the national store, whichever the engine (read-only). */
  queryNational<Row>(sql: string): Promise<Row[]> {
    return queryNational<Row>(this.store, sql);
  }

  /** nationalRecords() on either engine. */
  nationalRecordsOfEither(): Promise<NationalRecord[]> {
    return nationalRecordsOfEither(this.store);
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
