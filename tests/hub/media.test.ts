import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadedImage } from '@constellation/shared';
import { actorInput, eventInput } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * Image uploads through real HTTP (the hub listens on a port; fetch sends real bytes),
 * processed by the real sharp into files in the hub's data dir, read back and decoded.
 */

let hub: TestHub;
let base: string;
let contributor: string;
let member: string;
let webRoot: string;

const mediaDir = () => join(hub.dataDir, 'media');
const filesOnDisk = () => {
  try {
    return readdirSync(mediaDir()).sort();
  } catch {
    return [];
  }
};

async function upload(bytes: Buffer | Uint8Array, options: { token?: string; type?: string } = {}) {
  const response = await fetch(`${base}/api/v1/media`, {
    method: 'POST',
    headers: { 'content-type': options.type ?? 'image/jpeg', ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? contributor}` }) },
    // A copy on its own ArrayBuffer: what fetch's body type takes.
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as UploadedImage & { error?: string; message?: string; field?: string } };
}

/** The EXIF tag that points at the GPS data (0x8825), in either byte order. */
const hasGpsTag = (exif: Buffer | undefined) => exif !== undefined && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

/** A phone-like photo: landscape pixels stored sideways (EXIF orientation 6) with GPS and camera tags. */
async function phonePhoto(): Promise<Buffer> {
  const pixels = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3a7d44' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><circle cx="200" cy="150" r="120" fill="#f4d35e"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .toBuffer();
  return sharp(pixels)
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Pocket 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 54/1 900/100', GPSLongitudeRef: 'E', GPSLongitude: '1/1 54/1 1460/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG that only claims its size: a valid header and one deflated row, whatever width x height says. */
function pngClaiming(width: number, height: number, idat = deflateSync(Buffer.alloc(width + 1))): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'constellation-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>portal</title>');
  hub = await startTestHub({ HUB_WEB_ROOT: webRoot, HUB_MEDIA_MAX_BYTES: String(3 * 1024 * 1024), HUB_MEDIA_MAX_PIXELS: '40000000' });
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
  contributor = (await hub.user('contributor')).token;
  member = (await hub.user('member')).token;
}, 60_000);

afterAll(async () => {
  await hub.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('bad input: each refused with a clear 4xx naming the reason, nothing written', () => {
  const cases: [string, () => Buffer | Promise<Buffer>, number, string, RegExp][] = [
    ['a Windows program renamed .jpg', () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(4096, 7)]), 415, 'unsupported_image', /Windows program/],
    ['an SVG with a script', () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'), 415, 'unsupported_image', /SVG/],
    ['a truncated JPEG', async () => (await phonePhoto()).subarray(0, 6000), 422, 'corrupt_image', /damaged or incomplete/],
    ['a 30,000 x 30,000 PNG', () => pngClaiming(30_000, 30_000), 413, 'too_many_pixels', /30000 x 30000 pixels/],
    // 100 MB of zero rows deflate to about 100 KB: the header is read, the pixels never are.
    ['a decompression bomb', () => pngClaiming(10_000, 10_000, deflateSync(Buffer.alloc(10_001 * 10_000), { level: 9 })), 413, 'too_many_pixels', /megapixels/],
    ['a ZIP archive', () => Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), deflateSync(Buffer.alloc(1_000_000))]), 415, 'unsupported_image', /ZIP archive/],
    ['bytes past the limit', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3 * 1024 * 1024 + 10)]), 413, 'payload_too_large', /larger than this hub accepts \(3 MB\)/],
  ];
  it.each(cases)('%s', async (_label, make, status, code, message) => {
    const response = await upload(await make());
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(code);
    expect(response.body.message).toMatch(message);
    expect(response.body.field).toBe('file');
    expect(filesOnDisk()).toEqual([]);
    expect(hub.app.services.media.totals().images).toBe(0);
  });

  it('an upload needs an account that may post content', async () => {
    const photo = await phonePhoto();
    expect((await upload(photo, { token: null as unknown as string })).status).toBe(401);
    const asMember = await upload(photo, { token: member });
    expect(asMember.status).toBe(403);
    expect(filesOnDisk()).toEqual([]);
  });

  it('a JSON or form body is refused by its Content-Type', async () => {
    const response = await fetch(`${base}/api/v1/media`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${contributor}` }, body: 'hello' });
    expect([400, 415]).toContain(response.status);
    expect(filesOnDisk()).toEqual([]);
  });
});

describe('a phone photo', () => {
  let photo: Buffer;
  let uploaded: UploadedImage;

  beforeAll(async () => {
    photo = await phonePhoto();
    const meta = await sharp(photo).metadata();
    // The fixture is what a phone sends: sideways pixels, GPS in its EXIF.
    expect(meta.orientation).toBe(6);
    expect(hasGpsTag(meta.exif)).toBe(true);
    expect(photo.includes(Buffer.from('PhoneMaker'))).toBe(true);
    const response = await upload(photo, { type: 'application/octet-stream' });
    expect(response.status).toBe(201);
    uploaded = response.body;
  });

  it('is kept upright, in its own format, with WebP copies for a srcset', () => {
    expect(uploaded).toMatchObject({ url: `http://hub.test/media/${uploaded.id}.jpg`, width: 1200, height: 1600, existing: false });
    expect(uploaded.variants.map((variant) => [variant.width, variant.height])).toEqual([[320, 427], [640, 853], [1200, 1600]]);
    expect(filesOnDisk()).toEqual([`${uploaded.id}-1200.webp`, `${uploaded.id}-320.webp`, `${uploaded.id}-640.webp`, `${uploaded.id}.jpg`]);
  });

  it('is served with long immutable caching, and no served file carries EXIF or GPS', async () => {
    for (const url of [uploaded.url, ...uploaded.variants.map((variant) => variant.url)]) {
      const response = await fetch(url.replace('http://hub.test', base));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toBe(url.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
      const bytes = Buffer.from(await response.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height).toBeGreaterThan(meta.width ?? 0);
      expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
      expect(hasGpsTag(bytes)).toBe(false);
      const again = await fetch(url.replace('http://hub.test', base), { headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
      expect(again.status).toBe(304);
    }
  });

  it('uploaded again costs nothing: the same image, no new file', async () => {
    const before = filesOnDisk();
    const again = await upload(photo);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: uploaded.id, url: uploaded.url, existing: true });
    expect(filesOnDisk()).toEqual(before);
  });

  it('a missing file is a JSON 404, never the portal page', async () => {
    for (const path of [`/media/${'0'.repeat(32)}.jpg`, `/media/${uploaded.id}-999.webp`, `/media/${uploaded.id}.png`, '/media/seed/museum-1.jpg', '/media/', '/media/..%2Fhub.sqlite', '/media/x.jpg']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    // The portal still answers its own paths.
    expect((await fetch(`${base}/agenda`)).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('content that carries it gets its size and copies in the public JSON; an unknown upload is refused', async () => {
    const admin = (await hub.user('admin')).token;
    const actor = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors', token: admin, payload: actorInput() });
    expect(actor.status).toBe(201);
    // What the client claims about size is replaced by what the hub knows.
    const image = { url: uploaded.url, alt: 'Le jardin au soleil', credit: 'Photo : Centre•Sciences', width: 5, height: 5 };
    const created = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/events?submit=true', token: admin, payload: { ...eventInput(actor.body.id), image } });
    expect(created.status).toBe(201);
    const published = await hub.request<{ image: unknown }>({ method: 'GET', url: `/api/v1/events/${created.body.id}` });
    expect(published.body.image).toEqual({ url: uploaded.url, alt: 'Le jardin au soleil', credit: 'Photo : Centre•Sciences', width: 1200, height: 1600, variants: uploaded.variants });

    const missing = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/events', token: admin, payload: { ...eventInput(actor.body.id, 'Autre'), image: { url: `http://hub.test/media/${'a'.repeat(32)}.jpg`, alt: 'x' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('image.url');
    // An upload is described for people who cannot see it.
    const noAlt = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/events', token: admin, payload: { ...eventInput(actor.body.id, 'Sans texte'), image: { url: uploaded.url } } });
    expect(noAlt.status).toBe(400);
    expect(noAlt.body.field).toBe('image.alt');
  });

  it('an AVIF or WebP upload is read from its bytes whatever its Content-Type says; AVIF is kept as JPEG', async () => {
    const base = sharp({ create: { width: 800, height: 600, channels: 3, background: '#1d3557' } });
    const avif = await upload(await base.clone().avif({ quality: 50 }).toBuffer(), { type: 'image/png' });
    expect(avif.status).toBe(201);
    expect(avif.body.url.endsWith('.jpg')).toBe(true);
    expect(avif.body.variants.map((variant) => variant.width)).toEqual([320, 640, 800]);
    const webp = await upload(await base.clone().webp().toBuffer(), { type: 'application/octet-stream' });
    expect(webp.status).toBe(201);
    expect(webp.body.url.endsWith('.webp')).toBe(true);
  });

  it('the orphan sweep removes images no content refers to, after the grace period', async () => {
    const other = await upload(await sharp({ create: { width: 500, height: 300, channels: 3, background: '#aa3355' } }).png().toBuffer(), { type: 'image/png' });
    expect(other.status).toBe(201);
    expect(other.body.url.endsWith('.png')).toBe(true);
    const media = hub.app.services.media;
    // Within the grace period a fresh upload stays: its form may not be saved yet.
    expect(media.sweepOrphans().removed).toEqual([]);
    const swept = media.sweepOrphans({ graceMs: 0, now: Date.now() + 1000 });
    // The PNG and the two uploads of the test before, none of them on any content.
    expect(swept.removed).toContain(other.body.id);
    expect(swept.removed).toHaveLength(3);
    expect(filesOnDisk().some((name) => name.startsWith(other.body.id))).toBe(false);
    expect(filesOnDisk().filter((name) => name.startsWith(uploaded.id))).toHaveLength(4);
    expect((await fetch(other.body.url.replace('http://hub.test', base))).status).toBe(404);
  });
});

describe('images of content that changes', () => {
  it('a replaced image, then the image of deleted content, is swept; the image in use stays', async () => {
    const admin = (await hub.user('admin')).token;
    const actor = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors', token: admin, payload: actorInput('Muséum d’Orléans') });
    const first = await upload(await sharp({ create: { width: 640, height: 480, channels: 3, background: '#264653' } }).jpeg().toBuffer());
    const input = eventInput(actor.body.id, 'Atelier fossiles');
    const created = await hub.request<{ id: string; version: number }>({ method: 'POST', url: '/api/v1/events', token: admin, payload: { ...input, image: { url: first.body.url, alt: 'Une ammonite' } } });
    expect(created.status).toBe(201);
    const later = Date.now() + 1000;
    const media = hub.app.services.media;
    expect(media.sweepOrphans({ graceMs: 0, now: later }).removed).not.toContain(first.body.id);

    const second = await upload(await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e9c46a' } }).jpeg().toBuffer());

    const replaced = await hub.request({ method: 'PUT', url: `/api/v1/events/${created.body.id}`, token: admin, payload: { ...input, image: { url: second.body.url, alt: 'Un trilobite' } } });
    expect(replaced.status, replaced.text).toBe(200);
    const afterReplace = media.sweepOrphans({ graceMs: 0, now: later }).removed;
    expect(afterReplace).toContain(first.body.id);
    expect(afterReplace).not.toContain(second.body.id);
    expect(filesOnDisk().some((name) => name.startsWith(first.body.id))).toBe(false);
    expect(filesOnDisk().some((name) => name.startsWith(second.body.id))).toBe(true);

    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${created.body.id}`, token: admin })).status).toBe(204);
    expect(media.sweepOrphans({ graceMs: 0, now: later }).removed).toContain(second.body.id);
    expect(filesOnDisk().some((name) => name.startsWith(second.body.id))).toBe(false);
  });
});
