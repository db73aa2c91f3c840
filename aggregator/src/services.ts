import type { AddressCheck } from '@constellation/shared/server';
import type { AggregatorConfig } from './config.ts';
import { ConfigError, nationalDatabaseFile, replicaUrls } from './config.ts';
import { openNationalStore, type NationalStore } from './db/client.ts';
import { openEngine, postgresEngine, sqliteEngine, type NationalEngine } from './db/engine.ts';
import { openPgNationalStore } from './db/pg/client.ts';
import { PgReadModel, type ReadModelSources } from './db/pg/read-model.ts';
import { CHANGES_CHANNEL } from './live/changes-bus.ts';
import { NationalWriter } from './ingest/apply.ts';
import { PullQueues } from './pipeline/queues.ts';
import { connectRedis, type RedisConnection } from './redis/connect.ts';
import { Registry } from './registry/registry.ts';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What routes, workers and the CLI share; built once per process. */
export interface AggregatorServices {
  config: AggregatorConfig;
  /**
   * The national store whatever the engine: what the pull workers, the registry and the
   * change log use. Chosen once here, from AGGREGATOR_DATABASE_URL.
   */
  engine: NationalEngine;
  /**
   * The SQLite store the API's read side (public campaigns' reads included) is written against.
   * On PostgreSQL, in an API process: its local read model (`readModel`), a copy kept in
   * step with PostgreSQL's change log; in a worker process reading this throws.
   */
  store: NationalStore;
  /**
   * On PostgreSQL, in an API process: the local read model behind `store` (docs/scaling.md,
   * "API processes on PostgreSQL"). Unset on SQLite, where `store` is the national file.
   */
  readModel?: LocalReadModel;
  registry: Registry;
  /** SQLite's writer (tests fill a store with it); pulls and the admin write through `engine.writer`. */
  writer: NationalWriter;
  /**
   * Commands from request handlers: no offline queue, so a dead Redis fails a request
   * at once (503) instead of hanging it.
   */
  redis: RedisConnection;
  queues: PullQueues;
  /** Tests only: an extra veto on the addresses pulls connect to (e.g. only the test hubs' ports). */
  addressCheck?: (check: AddressCheck) => boolean;
  close(): Promise<void>;
}

/** What the routes see of an API process's local read model on PostgreSQL. */
export interface LocalReadModel {
  /** The national seq the local copy holds. */
  head(): number;
  /** Catches up with PostgreSQL if the local copy is below `nseq`; resolves with the local head. */
  reach(nseq: number): Promise<number>;
  /** Called after the local copy moved (the live stream wakes on it). */
  onAdvance(listener: (nseq: number) => void): () => void;
  /** How many steps each server served (the primary, or a read replica that held the primary's head). */
  readonly sources: ReadModelSources;
}

/** Refused with PostgreSQL: the part that needs SQLite (docs/scaling.md, "PostgreSQL"). */
export function sqliteOnly(what: string): ConfigError {
  // Never fall back to a SQLite file silently when the operator named PostgreSQL.
  return new ConfigError(
    'databaseUrl',
    `${what} runs on the SQLite national store only: unset AGGREGATOR_DATABASE_URL to run it (docs/scaling.md, "PostgreSQL")`,
  );
}

export function openNational(config: AggregatorConfig): NationalStore {
  if (config.databaseUrl !== undefined) throw sqliteOnly('this command');
  mkdirSync(config.dataDir, { recursive: true });
  // An API-only process answers lists and clusters from its in-memory map index
  // (read/map-index.ts): its page cache only serves record lookups.
  return openNationalStore(nationalDatabaseFile(config), config.role === 'api' ? { cacheMiB: 16 } : {});
}

export interface ServicesOptions {
  store?: NationalStore;
  /** On PostgreSQL, an API process's local read model (its `store`); opened by openServices. */
  readModel?: { model: LocalReadModel; store: NationalStore; close(): Promise<void> };
  /** The PostgreSQL engine, opened (asynchronously) by the caller: see openServices. */
  engine?: NationalEngine;
  /** Tests only: see AggregatorServices.addressCheck. */
  addressCheck?: (check: AddressCheck) => boolean;
}

export function createServices(config: AggregatorConfig, options: ServicesOptions = {}): AggregatorServices {
  const { engine, store, writer } = chooseStore(config, options);
  const redis = connectRedis(config.redisUrl, 'commands');
  // A dead Redis is reported by health and by 503s, not by an unhandled 'error' event.
  redis.on('error', () => undefined);
  const registry = new Registry(engine.hubs, config);
  const queues = new PullQueues(config, redis);
  return {
    config,
    engine,
    get store() {
      return store();
    },
    registry,
    get writer() {
      return writer();
    },
    redis,
    queues,
    ...(options.addressCheck === undefined ? {} : { addressCheck: options.addressCheck }),
    ...(options.readModel === undefined ? {} : { readModel: options.readModel.model }),
    close: async () => {
      await queues.close();
      redis.disconnect();
      await options.readModel?.close();
      await engine.close();
    },
  };
}

/** The engine, and the SQLite-only handles (which throw on PostgreSQL). */
function chooseStore(config: AggregatorConfig, options: ServicesOptions): { engine: NationalEngine; store: () => NationalStore; writer: () => NationalWriter } {
  if (options.engine !== undefined && options.engine.kind === 'postgres') {
    const refuse = (): never => {
      throw sqliteOnly('this part');
    };
    // An API process reads its local copy; nothing writes national content through it.
    const local = options.readModel?.store;
    return { engine: options.engine, store: local === undefined ? refuse : () => local, writer: refuse };
  }
  if (config.databaseUrl !== undefined && options.store === undefined) {
    throw options.engine === undefined ? new ConfigError('databaseUrl', 'a PostgreSQL store is opened with openServices (asynchronous), not createServices') : sqliteOnly('this part');
  }
  const store = options.store ?? openNational(config);
  const writer = new NationalWriter(store);
  const engine = sqliteEngine(store, writer);
  return { engine, store: () => store, writer: () => writer };
}

/**
 * The services a command needs (the CLI's registry and admin commands): the engine the
 * configuration names and Redis, never an API process's read model (a command reads and
 * writes the national store itself, through the engine).
 */
export async function openCommandServices(config: AggregatorConfig): Promise<AggregatorServices> {
  if (config.databaseUrl === undefined) return createServices(config);
  const engine = await openEngine(config.databaseUrl, () => openNational(config));
  try {
    return createServices(config, { engine });
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/**
 * The services on the engine the configuration names: PostgreSQL (opened here, its
 * schema checked) when AGGREGATOR_DATABASE_URL is set, else the SQLite file, as
 * createServices. On PostgreSQL an API process (`api` or `all`) also gets its local read
 * model, filled before this resolves and then following PostgreSQL's change log.
 */
export async function openServices(config: AggregatorConfig, options: Omit<ServicesOptions, 'engine' | 'readModel'> = {}): Promise<AggregatorServices> {
  if (config.databaseUrl === undefined || options.store !== undefined) return createServices(config, options);
  if (config.role === 'worker') {
    const engine = await openEngine(config.databaseUrl, () => openNational(config), { replicaUrls: replicaUrls(config) });
    try {
      return createServices(config, { ...options, engine });
    } catch (error) {
      await engine.close();
      throw error;
    }
  }
  const pgStore = await openPgNationalStore(config.databaseUrl, { replicaUrls: replicaUrls(config) });
  const engine = postgresEngine(pgStore);
  let readModel: ServicesOptions['readModel'];
  try {
    readModel = await openReadModel(config, pgStore);
    return createServices(config, { ...options, engine, readModel });
  } catch (error) {
    await readModel?.close();
    await engine.close();
    throw error;
  }
}

/**
 * The API process's local read model: a SQLite file of its own, filled from PostgreSQL,
 * then kept in step by a step at each worker announcement (Redis) and every livePollMs.
 */
async function openReadModel(config: AggregatorConfig, pgStore: Awaited<ReturnType<typeof openPgNationalStore>>): Promise<NonNullable<ServicesOptions['readModel']>> {
  const folder = config.readModelFile === undefined ? mkdtempSync(join(tmpdir(), 'constellation-read-model-')) : undefined;
  const file = config.readModelFile ?? join(folder ?? '', 'national.sqlite');
  const store = openNationalStore(file, { cacheMiB: 16 });
  const model = new PgReadModel(pgStore, store);
  const subscriber = connectRedis(config.redisUrl, 'subscriber');
  const close = async () => {
    model.close();
    subscriber.disconnect();
    store.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  };
  try {
    await model.sync();
    const step = () => {
      model.sync().catch(() => undefined);
    };
    // Redis down: the poll below still follows PostgreSQL, a little later.
    subscriber.on('error', () => undefined);
    subscriber.on('ready', step);
    subscriber.on('message', step);
    await subscriber.subscribe(CHANGES_CHANNEL).catch(() => undefined);
    model.follow(config.livePollMs, () => undefined);
    return { model, store, close };
  } catch (error) {
    await close();
    throw error;
  }
}
