import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHubConfig } from '@constellation/hub';
import { actorInput, create, eventInput } from './fixtures.ts';
import { startTestHub, TEST_SECRET, type TestHub } from './support.ts';

/*
 * The hub serves the web app as its regional portal: the built files as they are, the
 * app's index.html for every path the app owns, and JSON 404s under /api; its own pages
 * (an event's SSR page, the feeds, the docs) keep answering. The "built app" here is a
 * small folder shaped like Vite's output.
 */

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';

let webRoot: string;
let hub: TestHub;
let bare: TestHub;
let eventSlug = '';

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'constellation-web-'));
  mkdirSync(join(webRoot, 'assets'));
  mkdirSync(join(webRoot, 'basemap/fonts/Noto Sans Regular'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  writeFileSync(join(webRoot, 'assets/index-abc123.js'), 'console.log("portal");');
  writeFileSync(join(webRoot, 'basemap/land.json'), '{"type":"FeatureCollection","features":[]}');
  writeFileSync(join(webRoot, 'basemap/fonts/Noto Sans Regular/0-255.pbf'), Buffer.from([1, 2, 3]));
  hub = await startTestHub({ HUB_WEB_ROOT: webRoot });
  bare = await startTestHub();
  const admin = await hub.user('admin');
  const actor = await create(hub, admin.token, 'actor', actorInput());
  const event = await create(hub, admin.token, 'event', eventInput(actor.id, 'Nuit des étoiles à Orléans'), { submit: true });
  eventSlug = String((event as unknown as { slug: string }).slug);
});

afterAll(async () => {
  await hub.close();
  await bare.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** Every path the portal routes in the browser (issue 8): each must get the app. */
const PORTAL_PATHS = [
  '/',
  '/map',
  '/agenda?discipline=astronomy',
  '/events/centre-val-de-loire/0190a1b2-0000-7000-8000-000000000001',
  '/articles',
  '/articles/retour-sur-la-fete-de-la-science',
  '/actors/centre-sciences',
  '/places/museum',
  '/projects/sauvages-de-ma-rue',
  '/announcements/benevoles',
  '/dossiers/sciences-participatives',
  '/resources/guide',
  '/login',
  '/signup',
  '/account',
  '/members',
  '/members/0190a1b2-0000-7000-8000-000000000002',
  '/contribute',
  '/contribute/event/new',
  '/contribute/article/0190a1b2-0000-7000-8000-000000000003',
  '/contribute/import',
  '/moderation',
  '/moderation/reports',
  '/moderation/audit',
  '/admin',
  '/admin/users',
  '/admin/actors',
];

describe('the portal served by the hub', () => {
  it.each(PORTAL_PATHS)('answers %s with the app, uncached, scripts only from the site', async (path) => {
    const response = await hub.request({ method: 'GET', url: path });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('serves hashed assets for a year, immutable, and other files for an hour, with their types', async () => {
    const script = await hub.request({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(script.status).toBe(200);
    expect(script.text).toBe('console.log("portal");');
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const font = await hub.request({ method: 'GET', url: '/basemap/fonts/Noto%20Sans%20Regular/0-255.pbf' });
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('application/x-protobuf');
    expect(font.headers['cache-control']).toBe('public, max-age=3600');
    const land = await hub.request<{ type: string }>({ method: 'GET', url: '/basemap/land.json' });
    expect(land.body.type).toBe('FeatureCollection');
  });

  it('answers a conditional GET with 304 when the file has not changed', async () => {
    const first = await hub.request({ method: 'GET', url: '/assets/index-abc123.js' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await hub.request({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('keeps JSON 404s for the API, federation, and files that are not there', async () => {
    for (const path of ['/api/v1/nothing-here', '/api', '/federation/v1/nothing', '/assets/index-old.js', '/feed.nothing', '/.well-known/nothing']) {
      const response = await hub.request<{ error: string }>({ method: 'GET', url: path });
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^application\/json/);
      expect(response.body.error, path).toBe('not_found');
    }
  });

  it('does not let a path climb out of the web root', async () => {
    for (const path of ['/../package.json', '/assets/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await hub.request({ method: 'GET', url: path });
      expect(response.text, path).not.toContain('"name"');
      expect(response.text, path).not.toContain('root:');
    }
  });

  it("keeps the hub's own pages: an event's SSR page, the feeds, the OpenAPI docs, the API", async () => {
    const page = await hub.request({ method: 'GET', url: `/events/${eventSlug}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nuit des étoiles à Orléans');
    expect(page.text).toContain('application/ld+json');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const missing = await hub.request({ method: 'GET', url: '/events/no-such-event' });
    expect(missing.status).toBe(404);
    expect(missing.text).not.toBe(INDEX);
    expect((await hub.request({ method: 'GET', url: `/events/${eventSlug}.ics` })).text).toContain('BEGIN:VCALENDAR');
    expect((await hub.request({ method: 'GET', url: '/events.ics' })).text).toContain('BEGIN:VCALENDAR');
    expect((await hub.request({ method: 'GET', url: '/feed.rss' })).text).toContain('<rss');
    expect((await hub.request<{ openapi: string }>({ method: 'GET', url: '/docs/json' })).body.openapi).toMatch(/^3\./);
    expect((await hub.request({ method: 'GET', url: '/.well-known/constellation' })).status).toBe(200);
    expect((await hub.request<{ mode: string }>({ method: 'GET', url: '/api/v1/config' })).body.mode).toBe('regional');
  });

  it('leaves the portal out of the OpenAPI document', async () => {
    const doc = await hub.request<{ paths: Record<string, unknown> }>({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(doc.body.paths)).not.toContain('/*');
    expect(Object.keys(doc.body.paths)).not.toContain('/');
  });
});

describe('a rebuild of the web app while the hub runs', () => {
  it('serves the new index.html and its new assets without a restart, and never a stale length', async () => {
    const before = await hub.request({ method: 'GET', url: '/map' });
    expect(before.text).toBe(INDEX);
    // `npm run build`: index.html names new hashed files, the old ones are gone.
    const rebuilt = INDEX.replace('index-abc123', 'index-def4567890');
    rmSync(join(webRoot, 'assets/index-abc123.js'));
    writeFileSync(join(webRoot, 'index.html'), rebuilt);
    await expect.poll(async () => (await hub.request({ method: 'GET', url: '/map' })).text).toBe(rebuilt);
    const after = await hub.request({ method: 'GET', url: '/agenda' });
    expect(after.headers['content-length']).toBe(String(Buffer.byteLength(rebuilt)));
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // An asset written after index.html (the build still writing) is found when asked for.
    writeFileSync(join(webRoot, 'assets/index-def4567890.js'), 'console.log("rebuilt");');
    await expect.poll(async () => (await hub.request({ method: 'GET', url: '/assets/index-def4567890.js' })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: '/assets/index-def4567890.js' })).text).toBe('console.log("rebuilt");');
    expect((await hub.request({ method: 'GET', url: '/assets/index-abc123.js' })).status).toBe(404);
  });
});

describe('a hub without a web root', () => {
  it('serves the API only: / and the app paths are JSON 404s', async () => {
    for (const path of ['/', '/agenda', '/admin/users']) {
      const response = await bare.request<{ error: string }>({ method: 'GET', url: path });
      expect(response.status, path).toBe(404);
      expect(response.body.error, path).toBe('not_found');
    }
  });
});

describe('the webRoot setting', () => {
  it('is read from --web-root or HUB_WEB_ROOT and resolved from the working directory', () => {
    const base = { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Hub', HUB_REGION: '24', HUB_JWT_SECRET: TEST_SECRET, HUB_DATA_DIR: webRoot };
    expect(loadHubConfig({ env: { ...base, HUB_WEB_ROOT: 'web/dist' }, cwd: '/srv/constellation' }).webRoot).toBe('/srv/constellation/web/dist');
    expect(loadHubConfig({ argv: ['--web-root', '../site'], env: base, cwd: '/srv/constellation' }).webRoot).toBe('/srv/site');
    expect(loadHubConfig({ env: base }).webRoot).toBeUndefined();
  });
});
