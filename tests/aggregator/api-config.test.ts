import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe("the national site's pages (footer)", () => {
  async function pagesOf(extra: Record<string, string>, url: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const config = loadAggregatorConfig({ env: env(extra) });
    const app = await buildApp(config, { services: createServices(config) });
    try {
      const response = await app.inject({ method: 'GET', url });
      return { status: response.statusCode, body: response.json() };
    } finally {
      await app.close();
      await app.national.close();
    }
  }

  it('serves the four pages with default texts that say what to fill in, in French and English', async () => {
    for (const slug of ['about', 'legal', 'privacy', 'accessibility']) {
      const fr = await pagesOf({}, `/api/v1/pages/${slug}`);
      expect(fr.status).toBe(200);
      expect(fr.body).toMatchObject({ slug, lang: 'fr', edited: false, updatedAt: null });
      const en = await pagesOf({}, `/api/v1/pages/${slug}?lang=en`);
      expect(en.body.lang).toBe('en');
      expect(String(en.body.body)).toContain('[to fill in');
    }
    const about = await pagesOf({}, '/api/v1/pages/about');
    expect(String(about.body.body)).toContain('plateformes régionales');
    expect(String(about.body.body)).not.toContain('région undefined');
  });

  it("serves the operator's Markdown file where there is one, and names a bad slug", async () => {
    const pages = mkdtempSync(join(tmpdir(), 'constellation-pages-'));
    dirs.push(pages);
    writeFileSync(join(pages, 'legal.fr.md'), '# Mentions légales du site national\n\nÉditeur : Association Constellation, 1 rue des Sciences, Paris.\n');
    const legal = await pagesOf({ AGGREGATOR_PAGES_DIR: pages }, '/api/v1/pages/legal?lang=fr');
    expect(legal.body).toMatchObject({ title: 'Mentions légales du site national', body: 'Éditeur : Association Constellation, 1 rue des Sciences, Paris.', edited: true });
    // The English one was not written: the default, not the French file.
    expect((await pagesOf({ AGGREGATOR_PAGES_DIR: pages }, '/api/v1/pages/legal?lang=en')).body.edited).toBe(false);
    const bad = await pagesOf({}, '/api/v1/pages/cookies');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('slug');
  });
});
