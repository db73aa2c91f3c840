import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisTarget, type RedisCredentials } from './redis-target.ts';

/** A connection to the aggregator's Redis: one server (or a Sentinel-found primary), or a cluster. */
export type RedisConnection = Redis | Cluster;

/**
 * What a connection is for, which decides how it behaves while Redis is away:
 * - `commands`: request handlers. No offline queue and one retry, so a dead Redis fails
 *   a request at once (the API answers 503) instead of hanging it.
 * - `blocking`: the workers' queues and BullMQ Workers. Commands wait for Redis to come
 *   back (BullMQ requires `maxRetriesPerRequest: null`).
 * - `subscriber`: a live-stream process's pub/sub connection, opened on first use.
 */
export type RedisRole = 'commands' | 'blocking' | 'subscriber';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  commands: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  blocking: { maxRetriesPerRequest: null },
  subscriber: { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true },
};

/**
 * Opens a connection to REDIS_URL (see redis-target.ts for its three forms). Every Redis
 * connection of the aggregator is made here, so a cluster or Sentinel deployment is
 * one setting. Nothing here sets ioredis's `keyPrefix`: BullMQ refuses it, and the keys
 * carry their own hash tags instead (pipeline/jobs.ts, pipeline/hub-lock.ts).
 */
export function connectRedis(url: string, role: RedisRole): RedisConnection {
  const target = parseRedisTarget(url);
  const { enableOfflineQueue, lazyConnect, ...perRequest } = ROLE_OPTIONS[role];
  switch (target.kind) {
    case 'single':
      return new Redis(url, ROLE_OPTIONS[role]);
    case 'sentinel':
      return new Redis({
        ...ROLE_OPTIONS[role],
        ...auth(target),
        sentinels: target.sentinels,
        name: target.name,
        db: target.db,
        ...(target.tls ? { tls: {} } : {}),
      });
    case 'cluster': {
      const options: ClusterOptions = {
        ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
        ...(lazyConnect === undefined ? {} : { lazyConnect }),
        redisOptions: { ...perRequest, ...auth(target), ...(target.tls ? { tls: {} } : {}) },
        // Managed clusters behind TLS announce node names their certificates were issued
        // for: connect by those names rather than by the addresses they resolve to.
        ...(target.tls ? { dnsLookup: (hostname: string, callback: (error: null, address: string) => void) => callback(null, hostname) } : {}),
      };
      return new Cluster(target.nodes, options);
    }
  }
}

function auth(credentials: RedisCredentials): Pick<RedisOptions, 'username' | 'password'> {
  return {
    ...(credentials.username === undefined ? {} : { username: credentials.username }),
    ...(credentials.password === undefined ? {} : { password: credentials.password }),
  };
}

