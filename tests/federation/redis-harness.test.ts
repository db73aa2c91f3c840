import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../support/redis.ts';

/*
 * The harness's own Redis: the federation tests rely on a restart keeping the port and
 * losing every key, and on FLUSHALL emptying a live server.
 */

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.close();
});

describe('test redis', () => {
  it('runs without eviction or persistence, on loopback', async () => {
    expect(await redis.command('CONFIG', 'GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await redis.command('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await redis.command('CONFIG', 'GET', 'save')).toEqual(['save', '']);
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
  });

  it('flushes every key while staying up', async () => {
    expect(await redis.command('SET', 'clé', 'valeur é')).toBe('OK');
    expect(await redis.command('GET', 'clé')).toBe('valeur é');
    await redis.flushAll();
    expect(await redis.command('DBSIZE')).toBe(0);
  });

  it('restarts empty on the same port', async () => {
    await redis.command('SET', 'before', '1');
    await redis.stop();
    await expect(redis.command('PING')).rejects.toThrow();
    await redis.start();
    expect(await redis.command('PING')).toBe('PONG');
    expect(await redis.command('EXISTS', 'before')).toBe(0);
    await redis.restart();
    expect(await redis.command('PING')).toBe('PONG');
  });
});
