import { describe, expect, it } from 'vitest';
import { ConfigError, loadAggregatorConfig, parseRedisTarget, QUEUE_PREFIX } from '@constellation/aggregator';

/*
 * REDIS_URL's three forms (one server, a Redis Cluster, Sentinel), read once at start: a
 * malformed one stops the aggregator naming the setting, rather than failing at the first
 * job. Connecting to each form for real is the federation tests' part
 * (tests/federation/redis-cluster.test.ts for a cluster).
 */

const BASE = { AGGREGATOR_DATA_DIR: '/tmp/constellation-redis-url-test', AGGREGATOR_JWT_SECRET: 'redis-url-test-secret-that-is-long-enough-01' };

function fieldOf(url: string): string | undefined {
  try {
    loadAggregatorConfig({ env: { ...BASE, REDIS_URL: url } });
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.field).toBe('redisUrl');
    return error.message;
  }
}

describe('REDIS_URL', () => {
  it('names one server as a redis:// or rediss:// URL, as before', () => {
    expect(parseRedisTarget('redis://127.0.0.1:6379')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisTarget('rediss://:secret@redis.example.org:6380/2')).toEqual({ kind: 'single', url: 'rediss://:secret@redis.example.org:6380/2' });
  });

  it('names a Redis Cluster by some of its nodes, with credentials and TLS for all of them', () => {
    expect(parseRedisTarget('redis+cluster://10.0.0.1:7000,10.0.0.2:7000,[::1]:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      tls: false,
    });
    expect(parseRedisTarget('rediss+cluster://constellation:p%40ss@node-1.cache.example.org:6379')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'node-1.cache.example.org', port: 6379 }],
      username: 'constellation',
      password: 'p@ss',
      tls: true,
    });
  });

  it('names a Sentinel-managed primary by its sentinels and master name', () => {
    expect(parseRedisTarget('redis+sentinel://:secret@10.0.0.1:26379,10.0.0.2:26379/mymaster/3')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'mymaster',
      db: 3,
      password: 'secret',
      tls: false,
    });
  });

  it('is checked once, at start, naming the setting and what is wrong', () => {
    expect(loadAggregatorConfig({ env: { ...BASE, REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' } }).redisUrl).toBe('redis+cluster://127.0.0.1:7000,127.0.0.1:7001');
    expect(fieldOf('http://127.0.0.1:6379')).toMatch(/^config redisUrl: /);
    expect(fieldOf('redis://10.0.0.1:6379,10.0.0.2:6379')).toBe('config redisUrl: lists several hosts: write redis+cluster:// for a Redis Cluster or redis+sentinel:// for Sentinel');
    expect(fieldOf('redis+cluster://10.0.0.1')).toBe('config redisUrl: "10.0.0.1" is not host:port');
    expect(fieldOf('redis+cluster://10.0.0.1:7000/0')).toBe('config redisUrl: a Redis Cluster has no database number or name: drop the path');
    expect(fieldOf('redis+sentinel://10.0.0.1:26379')).toMatch(/^config redisUrl: redis\+sentinel:\/\/ needs the master name/);
    expect(fieldOf('redis+sentinel://10.0.0.1:26379/mymaster/x')).toBe('config redisUrl: "mymaster/x" is not <master name> or <master name>/<db>');
  });

  it('puts every BullMQ key of the pull queues in one cluster slot (a hash-tagged prefix)', () => {
    expect(QUEUE_PREFIX).toBe('{constellation}');
  });
});
