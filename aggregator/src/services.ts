import type { AddressCheck } from '@constellation/shared/server';
import type { AggregatorConfig } from './config.ts';
import { ConfigError, nationalDatabaseFile, replicaUrls } from './config.ts';
import { openNationalStore, type NationalStore } from './db/client.ts';
import { openEngine, sqliteEngine, type NationalEngine } from './db/engine.ts';
import { NationalWriter } from './ingest/apply.ts';
import { PullQueues } from './pipeline/queues.ts';
import { connectRedis, type RedisConnection } from './redis/connect.ts';
import { Registry } from './registry/registry.ts';
import { mkdirSync } from 'node:fs';

/** What routes, workers and the CLI share; built once per process. */
export interface AggregatorServices {
  config: AggregatorConfig;
  /**
   * The national store whatever the engine: what the pull workers, the registry and the
   * change log use. Chosen once here, from AGGREGATOR_DATABASE_URL.
   */
  engine: NationalEngine;
  /**
   * The SQLite store itself, for the parts still written against it (the API's read side,
   * admin accounts, campaigns). On PostgreSQL only a worker runs, and reading this throws.
   */
  store: NationalStore;
  registry: Registry;
  /** SQLite's writer (the admin's hub removal); pulls write through `engine.writer`. */
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

/** Refused with PostgreSQL: the part that needs SQLite (docs/scaling.md, "PostgreSQL"). */
function sqliteOnly(what: string): ConfigError {
  // Never fall back to a SQLite file silently when the operator named PostgreSQL.
  return new ConfigError(
    'databaseUrl',
    `in this version PostgreSQL holds the ingest writer, the change log, the registry and the pull workers; ${what} still runs on the SQLite store: unset AGGREGATOR_DATABASE_URL to run it, or run this process as a worker (docs/scaling.md, "PostgreSQL")`,
  );
}

export function openNational(config: AggregatorConfig): NationalStore {
  if (config.databaseUrl !== undefined) throw sqliteOnly('the API (its read side, admin accounts and campaigns)');
  mkdirSync(config.dataDir, { recursive: true });
  // An API-only process answers lists and clusters from its in-memory map index
  // (read/map-index.ts): its page cache only serves record lookups.
  return openNationalStore(nationalDatabaseFile(config), config.role === 'api' ? { cacheMiB: 16 } : {});
}

export interface ServicesOptions {
  store?: NationalStore;
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
    close: async () => {
      await queues.close();
      redis.disconnect();
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
    return { engine: options.engine, store: refuse, writer: refuse };
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
 * The services on the engine the configuration names: PostgreSQL (opened here, its
 * schema checked) when AGGREGATOR_DATABASE_URL is set, for a worker process only until the
 * API's read side is ported; else the SQLite file, as createServices.
 */
export async function openServices(config: AggregatorConfig, options: Omit<ServicesOptions, 'engine'> = {}): Promise<AggregatorServices> {
  if (config.databaseUrl === undefined || options.store !== undefined) return createServices(config, options);
  if (config.role !== 'worker') throw sqliteOnly('the API (its read side, admin accounts and campaigns)');
  const engine = await openEngine(config.databaseUrl, () => openNational(config), { replicaUrls: replicaUrls(config) });
  try {
    return createServices(config, { ...options, engine });
  } catch (error) {
    await engine.close();
    throw error;
  }
}
