import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, demoAccounts, loadHubConfig, seedHub } from '@constellation/hub';
import { launchChromium, newLocalContext } from '../support/browser.ts';
import { builtWebApp } from '../support/web-build.ts';

/*
 * Pictures in the portal, in Chromium against a real hub on a port: every <img> of the
 * seeded portal's pages loads as an image (no 404, no HTML where a picture should be),
 * and a contributor puts a phone photo on an event from the form (file picker), sees it
 * previewed and is asked for its alt text; a program renamed .jpg is refused in words.
 * With MEDIA_SHOTS=<dir>, the form is also photographed at 1366 and 360 px in French and English.
 */

let dir: string;
let hub: FastifyInstance;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const shots = process.env.MEDIA_SHOTS;

async function newContext(width = 1366, language: 'fr' | 'en' = 'fr'): Promise<BrowserContext> {
  // Nothing leaves the machine.
  const context = await newLocalContext(browser, { allow: [base], viewport: { width, height: 900 }, locale: language === 'fr' ? 'fr-FR' : 'en-GB', timeoutMs: 20_000 });
  contexts.push(context);
  await context.addInitScript((lang) => localStorage.setItem('constellation.locale', lang), language);
  return context;
}

/** Every image the page asked for, with its status and type, as the browser received them. */
function watchImages(page: Page): { url: string; status: number; type: string }[] {
  const seen: { url: string; status: number; type: string }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'image') seen.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'] ?? '' });
  });
  return seen;
}

/** A phone photo: sideways pixels (EXIF orientation 6) with GPS in its EXIF. */
async function phonePhoto(): Promise<Buffer> {
  const pixels = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2f6690' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><circle cx="600" cy="450" r="300" fill="#f6ae2d"/></svg>') }])
    .jpeg()
    .toBuffer();
  return sharp(pixels)
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 54/1 900/100', GPSLongitudeRef: 'E', GPSLongitude: '1/1 54/1 1460/100' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function logIn(context: BrowserContext, role: 'contributor' | 'admin') {
  const account = demoAccounts('centre-val-de-loire').find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`no demo ${role}`);
  const answer = await context.request.post(`${base}/api/v1/auth/login`, { data: { email: account.email, password: account.password } });
  expect(answer.status()).toBe(200);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-media-e2e-'));
  const webRoot = await builtWebApp();
  const config = loadHubConfig({
    env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_DATA_DIR: join(dir, 'hub'), HUB_LOG_LEVEL: 'silent', HUB_WEB_ROOT: webRoot, HUB_PORT: '0' },
  });
  // The base URL the seed writes into image URLs must be the one the browser reaches: listen first.
  const probe = await buildApp(config);
  await probe.listen({ host: '127.0.0.1', port: 0 });
  const address = probe.server.address();
  await probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  const live = { ...config, port, baseUrl: `http://127.0.0.1:${port}` };
  base = live.baseUrl;
  await seedHub(live, { scale: 0.2, demoAccounts: true });
  hub = await buildApp(live);
  await hub.listen({ host: '127.0.0.1', port });
  browser = await launchChromium();
  if (shots !== undefined) mkdirSync(shots, { recursive: true });
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the seeded portal', () => {
  it.each(['/', '/places', '/articles', '/projects'])('every picture on %s loads as an image', { timeout: 60_000 }, async (path) => {
    const context = await newContext();
    const page = await context.newPage();
    const images = watchImages(page);
    await page.goto(`${base}${path}`);
    await page.locator('h1').first().waitFor();
    await expect.poll(() => page.locator('main img').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Lazy images load once scrolled to: bring each into view, then wait for all of them.
    for (const img of await page.locator('main img').all()) await img.scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('main img').evaluateAll((nodes) => nodes.filter((node) => !(node as HTMLImageElement).complete).length), { timeout: 20_000 }).toBe(0);
    const broken = await page.locator('main img').evaluateAll((nodes) => nodes.filter((node) => (node as HTMLImageElement).naturalWidth === 0).map((node) => (node as HTMLImageElement).currentSrc));
    expect(broken).toEqual([]);
    const media = images.filter((image) => image.url.includes('/media/'));
    expect(media.length).toBeGreaterThan(0);
    expect(media.filter((image) => image.status !== 200 || !image.type.startsWith('image/'))).toEqual([]);
    // The browser picked a WebP copy from the srcset rather than the original.
    expect(media.some((image) => image.type === 'image/webp')).toBe(true);
    if (shots !== undefined && path === '/') await page.screenshot({ path: join(shots, 'portal-home-1366-fr.png') });
    await context.close();
  });
});

describe('an image on an event, from the form', () => {
  it('a phone photo is uploaded, previewed, and its alt text asked for; a dropped file too; a renamed program is refused', { timeout: 90_000 }, async () => {
    const context = await newContext();
    await logIn(context, 'contributor');
    const page = await context.newPage();
    await page.goto(`${base}/contribute/events/new`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const picker = page.locator('input[type="file"]').first();
    await picker.setInputFiles({ name: 'IMG_2031.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
    await page.getByText('IMG_2031.jpg est envoyée. Décrivez-la ci-dessous.').waitFor();
    const url = await page.locator('input[type="url"]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLInputElement).value).find((value) => value.includes('/media/')));
    expect(url).toMatch(/\/media\/[0-9a-f]{32}\.jpg$/);
    await expect.poll(() => page.locator('.image-drop-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // Once there is an image, its alt text is marked required.
    await expect.poll(() => page.locator('input[aria-required="true"][maxlength="300"]').count()).toBe(1);
    // The file the hub kept is upright and carries no EXIF.
    const served = await context.request.get(url ?? '');
    const meta = await sharp(Buffer.from(await served.body())).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([900, 1200, undefined]);
    if (shots !== undefined) await page.locator('fieldset:has(input[type="file"])').first().screenshot({ path: join(shots, 'form-image-1366-fr.png') });

    // Dropped on the zone rather than picked: the same upload.
    const png = [...(await sharp({ create: { width: 400, height: 300, channels: 4, background: '#e76f51' } }).png().toBuffer())];
    const dropped = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'affiche.png', { type: 'image/png' }));
      return transfer;
    }, png);
    await page.locator('.image-drop').first().dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('affiche.png est envoyée. Décrivez-la ci-dessous.').waitFor();
    await expect.poll(() => page.locator('input[type="url"]').evaluateAll((nodes) => nodes.some((node) => /\/media\/[0-9a-f]{32}\.png$/.test((node as HTMLInputElement).value)))).toBe(true);

    await picker.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(2048, 1)]) });
    await page.getByText(/Ce fichier n’est pas une image acceptée/).waitFor();
    if (shots !== undefined) await page.locator('fieldset:has(input[type="file"])').first().screenshot({ path: join(shots, 'form-image-refused-1366-fr.png') });
    await context.close();
  });

  it.runIf(shots !== undefined)('photographs the image field at 1366 and 360 px, in French and English', { timeout: 90_000 }, async () => {
    for (const language of ['fr', 'en'] as const) {
      for (const width of [1366, 360]) {
        const context = await newContext(width, language);
        await logIn(context, 'contributor');
        const page = await context.newPage();
        await page.goto(`${base}/contribute/events/new`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('input[type="file"]').first().setInputFiles({ name: 'IMG_2031.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
        await page.locator('.image-drop-status:not(:empty)').waitFor();
        await expect.poll(() => page.locator('.image-drop-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        await page.locator('fieldset:has(input[type="file"])').first().screenshot({ path: join(shots ?? '', `form-image-${width}-${language}.png`) });
        const portal = await context.newPage();
        await portal.goto(`${base}/places`);
        await portal.locator('main img').first().waitFor();
        await portal.waitForTimeout(1500);
        await portal.screenshot({ path: join(shots ?? '', `portal-places-${width}-${language}.png`) });
        await context.close();
      }
    }
  });
});
