import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, ConfigError, createServices, loadAggregatorConfig } from '@constellation/aggregator';
import { startRedis, type TestRedis } from '../support/redis.ts';

/* What the web app reads first: the mode it runs in and the base map it draws. */

let redis: TestRedis;
const dirs: string[] = [];

function env(extra: Record<string, string> = {}): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-config-'));
  dirs.push(dataDir);
  return { AGGREGATOR_DATA_DIR: dataDir, AGGREGATOR_JWT_SECRET: 'config-test-secret-that-is-long-enough-0123', AGGREGATOR_LOG_LEVEL: 'silent', REDIS_URL: redis.url, ...extra };
}

async function configOf(extra: Record<string, string>): Promise<unknown> {
  const config = loadAggregatorConfig({ env: env(extra) });
  const app = await buildApp(config, { services: createServices(config) });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/config' });
    expect(response.statusCode).toBe(200);
    return response.json();
  } finally {
    await app.close();
    await app.national.close();
  }
}

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/config', () => {
  it('says national, with the bundled basemap by default', async () => {
    expect(await configOf({})).toEqual({ mode: 'national', name: 'Constellation' });
  });

  it('passes the configured map style on to the web', async () => {
    expect(await configOf({ AGGREGATOR_MAP_STYLE: 'https://tiles.example.org/styles/liberty.json' })).toEqual({
      mode: 'national',
      name: 'Constellation',
      mapStyle: 'https://tiles.example.org/styles/liberty.json',
    });
  });

  it('refuses a map style that is not an http(s) URL, naming the setting', () => {
    expect(() => loadAggregatorConfig({ env: env({ AGGREGATOR_MAP_STYLE: 'javascript:alert(1)' }) })).toThrow(ConfigError);
    try {
      loadAggregatorConfig({ env: env({ AGGREGATOR_MAP_STYLE: 'javascript:alert(1)' }) });
    } catch (error) {
      expect((error as ConfigError).field).toBe('mapStyle');
    }
  });
});
