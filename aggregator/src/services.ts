import type { AddressCheck } from '@constellation/shared/server';
import type { AggregatorConfig } from './config.ts';
import { ConfigError, nationalDatabaseFile } from './config.ts';
import { openNationalStore, type NationalStore } from './db/client.ts';
import { NationalWriter } from './ingest/apply.ts';
import { PullQueues } from './pipeline/queues.ts';
import { connectRedis, type RedisConnection } from './redis/connect.ts';
import { Registry } from './registry/registry.ts';
import { mkdirSync } from 'node:fs';

/** What routes, workers and the CLI share; built once per process. */
export interface AggregatorServices {
  config: AggregatorConfig;
  store: NationalStore;
  registry: Registry;
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

export function openNational(config: AggregatorConfig): NationalStore {
  if (config.databaseUrl !== undefined) {
    // Never fall back to a SQLite file silently when the operator named PostgreSQL.
    throw new ConfigError(
      'databaseUrl',
      'in this version PostgreSQL holds the ingest writer, the change log, `migrate` and `import-store`; the API, the workers and the registry commands still run on the SQLite store: unset AGGREGATOR_DATABASE_URL to run them (docs/scaling.md, "PostgreSQL")',
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  // An API-only process answers lists and clusters from its in-memory map index
  // (read/map-index.ts): its page cache only serves record lookups.
  return openNationalStore(nationalDatabaseFile(config), config.role === 'api' ? { cacheMiB: 16 } : {});
}

export interface ServicesOptions {
  store?: NationalStore;
  /** Tests only: see AggregatorServices.addressCheck. */
  addressCheck?: (check: AddressCheck) => boolean;
}

export function createServices(config: AggregatorConfig, options: ServicesOptions = {}): AggregatorServices {
  const store = options.store ?? openNational(config);
  const redis = connectRedis(config.redisUrl, 'commands');
  // A dead Redis is reported by health and by 503s, not by an unhandled 'error' event.
  redis.on('error', () => undefined);
  const registry = new Registry(store, config);
  const queues = new PullQueues(config, redis);
  return {
    config,
    store,
    registry,
    writer: new NationalWriter(store),
    redis,
    queues,
    ...(options.addressCheck === undefined ? {} : { addressCheck: options.addressCheck }),
    close: async () => {
      await queues.close();
      redis.disconnect();
      store.close();
    },
  };
}
