import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Image, ImageVariant } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { content, hubSettings, media, type MediaRow } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import { processImage, type ImageLimits, type StoredExt } from './process.ts';

/** What an upload answers, and what content carries once it refers to the image. */
export interface MediaView {
  id: string;
  url: string;
  width: number;
  height: number;
  variants: ImageVariant[];
  bytes: number;
  /** True when these bytes were already on the hub: nothing was processed or written. */
  existing: boolean;
}

/** The served names: `<id>.<ext>` (the original) and `<id>-<width>.webp` (a copy). */
export const MEDIA_FILE = /^([0-9a-f]{32})(?:-(\d{1,5}))?\.(jpg|png|webp)$/;
const CONTENT_TYPES: Record<StoredExt, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** An id anywhere in a JSON document or a Markdown body: `/media/<id>` as it appears in URLs. */
const REFERENCE = /\/media\/([0-9a-f]{32})[-.]/g;

/** A day: an upload precedes the form that refers to it, and a form can stay open a while. */
export const ORPHAN_GRACE_MS = 86_400_000;

/**
 * Uploaded images: processed by sharp in memory, then written to `<dataDir>/media` under
 * names derived from the uploaded bytes' SHA-256. Files are written to a temporary name
 * and renamed into place, and the row is inserted last, so a failed upload leaves
 * nothing and a row always has its files. Uploads are processed one at a time: sharp
 * uses every core for one image, and a hub shares its machine with its API.
 */
export class MediaService {
  readonly dir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: { dataDir: string; baseUrl: string; limits: ImageLimits },
  ) {
    this.dir = join(options.dataDir, 'media');
  }

  get limits(): ImageLimits {
    return this.options.limits;
  }

  /** Stores an image (or finds it, for bytes already uploaded) and describes it. */
  async upload(bytes: Buffer, uploadedBy: string | null, options: { widths?: readonly number[] } = {}): Promise<MediaView> {
    const id = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    const known = this.row(id);
    if (known !== undefined) return this.view(known, true);
    const run = this.queue.then(() => this.process(id, bytes, uploadedBy, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(id: string, bytes: Buffer, uploadedBy: string | null, options: { widths?: readonly number[] }): Promise<MediaView> {
    const again = this.row(id);
    if (again !== undefined) return this.view(again, true);
    const image = await processImage(bytes, this.options.limits, options);
    mkdirSync(this.dir, { recursive: true });
    const files: [string, Buffer][] = [[`${id}.${image.ext}`, image.original], ...image.variants.map((variant): [string, Buffer] => [`${id}-${variant.width}.webp`, variant.data])];
    const written: string[] = [];
    try {
      for (const [name, data] of files) {
        const temporary = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
        writeFileSync(temporary, data);
        renameSync(temporary, join(this.dir, name));
        written.push(name);
      }
      const row: MediaRow = {
        id,
        ext: image.ext,
        sourceFormat: image.sourceFormat,
        width: image.width,
        height: image.height,
        widths: image.variants.map((variant) => variant.width).join(','),
        bytes: files.reduce((sum, [, data]) => sum + data.length, 0),
        uploadedBy,
        createdAt: new Date().toISOString(),
      };
      this.store.db.insert(media).values(row).onConflictDoNothing().run();
      return this.view(row, false);
    } catch (error) {
      for (const name of written) rmSync(join(this.dir, name), { force: true });
      throw error;
    }
  }

  row(id: string): MediaRow | undefined {
    return this.store.db.select().from(media).where(eq(media.id, id)).get();
  }

  view(row: MediaRow, existing = false): MediaView {
    const base = `${this.options.baseUrl}/media/${row.id}`;
    const variants = row.widths
      .split(',')
      .filter((w) => w !== '')
      .map((w) => {
        const width = Number(w);
        return { url: `${base}-${width}.webp`, width, height: Math.max(1, Math.round((width * row.height) / row.width)) };
      });
    return { id: row.id, url: `${base}.${row.ext}`, width: row.width, height: row.height, variants, bytes: row.bytes, existing };
  }

  /** The file behind a served name, with its type; undefined when there is no such image or copy. */
  file(name: string): { path: string; type: string } | undefined {
    const match = MEDIA_FILE.exec(name);
    if (match === null) return undefined;
    const [, id = '', width, ext = ''] = match;
    const row = this.row(id);
    if (row === undefined) return undefined;
    if (width === undefined ? ext !== row.ext : ext !== 'webp' || !row.widths.split(',').includes(width)) return undefined;
    return { path: join(this.dir, name), type: CONTENT_TYPES[ext as StoredExt] };
  }

  /**
   * An image as content stores it. One of this hub's uploads gets its size and copies from
   * the media table (whatever the client sent for them); an upload that does not exist is
   * refused, naming `field`, and so is one without alt text. An image hosted elsewhere keeps
   * only what the client can know.
   */
  resolveImage(image: Image, field: string): Image {
    const prefix = `${this.options.baseUrl}/media/`;
    const { width: _width, height: _height, variants: _variants, ...given } = image;
    if (!image.url.startsWith(prefix)) return given;
    const match = MEDIA_FILE.exec(image.url.slice(prefix.length));
    const row = match === null ? undefined : this.row(match[1] ?? '');
    if (row === undefined) throw new BadRequestError(`${field}.url is not an image uploaded to this hub; upload it first (POST /api/v1/media)`, `${field}.url`);
    // The upload form asks for it; an image put up here is described for people who cannot see it.
    if (given.alt === undefined || given.alt.trim() === '') throw new BadRequestError(`${field}.alt is required for an image uploaded to this hub`, `${field}.alt`);
    const view = this.view(row);
    return { ...given, url: view.url, width: view.width, height: view.height, variants: view.variants };
  }

  /** Fills in size and copies of the images a content document carries (`image`, and an actor's `logo`). */
  resolveImages(data: Record<string, unknown>): void {
    for (const key of ['image', 'logo']) {
      const value = data[key];
      if (value !== null && typeof value === 'object' && typeof (value as Image).url === 'string') data[key] = this.resolveImage(value as Image, key);
    }
  }

  /**
   * Removes images no content refers to (in an image field, a Markdown body or a setting)
   * and older than the grace period, with their files; then files no row owns (left by a
   * crash between write and insert, or by a restore). Returns the ids removed.
   */
  sweepOrphans(options: { graceMs?: number; now?: number } = {}): { removed: string[]; strayFiles: number } {
    const cutoff = new Date((options.now ?? Date.now()) - (options.graceMs ?? ORPHAN_GRACE_MS)).toISOString();
    const referenced = new Set<string>();
    const collect = (text: string | null) => {
      if (text !== null) for (const match of text.matchAll(REFERENCE)) referenced.add(match[1] ?? '');
    };
    // The stored JSON text as it is: no parse, and a Markdown body's links count like image fields.
    for (const row of this.store.db.select({ data: sql<string>`${content.data}` }).from(content).all()) collect(row.data);
    for (const row of this.store.db.select().from(hubSettings).all()) collect(JSON.stringify(row));
    const candidates = this.store.db.select({ id: media.id }).from(media).where(lt(media.createdAt, cutoff)).all();
    const removed = candidates.map((row) => row.id).filter((id) => !referenced.has(id));
    for (let start = 0; start < removed.length; start += 500) this.store.db.delete(media).where(inArray(media.id, removed.slice(start, start + 500))).run();

    let strayFiles = 0;
    const names = existsSync(this.dir) ? readdirSync(this.dir) : [];
    const known = new Set(this.store.db.select({ id: media.id }).from(media).all().map((row) => row.id));
    const cutoffMs = Date.parse(cutoff);
    for (const name of names) {
      const id = MEDIA_FILE.exec(name)?.[1];
      if (id !== undefined && known.has(id)) continue;
      // A temporary file may belong to an upload under way: only old ones are strays.
      if (id === undefined && statSync(join(this.dir, name)).mtimeMs > cutoffMs) continue;
      rmSync(join(this.dir, name), { force: true, recursive: true });
      if (id === undefined || !removed.includes(id)) strayFiles += 1;
    }
    return { removed, strayFiles };
  }

  /** Ids of the images a content row refers to (for tests and tools). */
  static referencesIn(text: string): string[] {
    return [...new Set([...text.matchAll(REFERENCE)].map((match) => match[1] ?? ''))];
  }

  /** How many images and bytes the hub holds. */
  totals(): { images: number; bytes: number } {
    const row = this.store.db.select({ images: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${media.bytes}), 0)` }).from(media).get();
    return row ?? { images: 0, bytes: 0 };
  }
}
