import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_APP_CSP } from '@constellation/aggregator';
import type { Viewer } from '@constellation/hub';
import { eventInput } from '../hub/event-inputs.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startLiveHub, startTestAggregator, until, type LiveHub, type TestAggregator } from './pipeline-support.ts';

/*
 * The national site's pictures: a real hub on a port with an uploaded photo (GPS in its
 * EXIF) on a published event, a real aggregator pulling it through Redis-driven workers.
 * The national JSON points at a thumbnail of its own, made through the guarded fetcher
 * from the hub's copy; it is a small WebP without metadata, and it goes with the event.
 */

let redis: TestRedis;
let hub: LiveHub;
let aggregator: TestAggregator;
let admin: Viewer;
let webRoot: string;

async function photo(): Promise<Buffer> {
  const pixels = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#386641' } }).jpeg().toBuffer();
  return sharp(pixels)
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 54/1 900/100' } })
    .jpeg()
    .toBuffer();
}

async function detail(id: string) {
  const response = await fetch(`${aggregator.url}/api/v1/events/${hub.id}/${id}`);
  return (await response.json()) as { provenance: { thumbnail?: string } };
}

beforeAll(async () => {
  redis = await startRedis();
  // A stand-in for the built app: enough for the national site's headers.
  webRoot = mkdtempSync(join(tmpdir(), 'constellation-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>national</title>');
  aggregator = await startTestAggregator(redis.url, { pullIntervalMs: 3_600_000, webRoot });
  hub = await startLiveHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [aggregator.url] });
  const account = await hub.app.services.accounts.register({ email: 'photo@example.org', password: 'correct horse battery 2', displayName: 'Photo' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  await aggregator.startWorkers();
  await aggregator.addHub(hub.url);
}, 60_000);

afterAll(async () => {
  await aggregator?.close();
  await hub?.close();
  await redis?.close();
  if (webRoot !== undefined) rmSync(webRoot, { recursive: true, force: true });
});

describe('thumbnails on the national site', () => {
  let eventId: string;
  let thumbnail: string;

  it('an event with an uploaded image gets a thumbnail of the national site, made from the hub\'s copy', { timeout: 60_000 }, async () => {
    const uploaded = await hub.app.services.media.upload(await photo(), admin.id);
    const input = { ...eventInput(hub.actorId, 'Balade naturaliste au bord de la Loire', '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00'), image: { url: uploaded.url, alt: 'Des promeneurs au bord de la Loire' } };
    eventId = hub.app.services.content.create('event', input, admin, { submit: true }).id;
    await until(() => aggregator.records(hub.id).has(eventId), 'the event reaches the national store');

    const answer = await detail(eventId);
    thumbnail = answer.provenance.thumbnail ?? '';
    expect(thumbnail).toMatch(new RegExp(`^/media/thumbnails/${hub.id}/${eventId}-[0-9a-f]{16}\\.webp$`));
    const response = await fetch(`${aggregator.url}${thumbnail}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['webp', 480, 360, undefined]);
    // The list carries it too.
    const list = (await (await fetch(`${aggregator.url}/api/v1/events?limit=10`)).json()) as { items: { event: { id: string }; provenance: { thumbnail?: string } }[] };
    expect(list.items.find((item) => item.event.id === eventId)?.provenance.thumbnail).toBe(thumbnail);
  });

  it('a stale or unknown name is a JSON 404, and the national app lets pictures load from itself only', async () => {
    for (const path of [thumbnail.replace(/-[0-9a-f]{16}\.webp$/, '-0000000000000000.webp'), `/media/thumbnails/${hub.id}/nope.webp`, '/media/thumbnails/x/y', '/media/other.jpg']) {
      const response = await fetch(`${aggregator.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    expect(NATIONAL_APP_CSP).toContain("img-src 'self' data: blob:;");
    expect(NATIONAL_APP_CSP).not.toMatch(/img-src[^;]*https?:/);
    for (const path of ['/', '/agenda']) {
      const page = await fetch(`${aggregator.url}${path}`);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy'), path).toBe(NATIONAL_APP_CSP);
    }
  });

  it('goes with its event', { timeout: 60_000 }, async () => {
    const folder = join(aggregator.config.dataDir, 'thumbnails', hub.id);
    expect(readdirSync(folder).some((name) => name.startsWith(eventId))).toBe(true);
    hub.remove(eventId);
    await until(() => !aggregator.records(hub.id).has(eventId), 'the deletion reaches the national store');
    expect((await fetch(`${aggregator.url}${thumbnail}`)).status).toBe(404);
    expect(existsSync(folder) && readdirSync(folder).some((name) => name.startsWith(eventId))).toBe(false);
  });
});
