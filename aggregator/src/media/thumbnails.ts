import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Image } from '@constellation/shared';
import { guardedFetch, type AddressCheck } from '@constellation/shared/server';
import type { AggregatorConfig } from '../config.ts';
import { sameOrigin, thumbnailKey } from './thumbnail-path.ts';

/*
 * The national site's pictures of events. A hub's image is fetched by the aggregator
 * (through the guarded fetcher, only from that hub's registered origin), re-encoded by
 * sharp into one small WebP and kept in `<dataDir>/thumbnails/<hub>/`, so citizens'
 * browsers load pictures from the national site only: a hub never learns who looks at
 * the national map. The file name carries a hash of the hub's image URL (which changes
 * when the image does), so a thumbnail never changes under its URL; an event that goes
 * (deleted, unpublished, its hub suspended) loses its thumbnail at the next request or sweep.
 */

/** Thumbnails are this wide at most: a list card or a popup, twice over for dense screens. */
export const THUMBNAIL_WIDTH = 480;
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
const MAX_SOURCE_PIXELS = 50_000_000;
/** A failed fetch is not retried for this long (a broken image must not make every page view call the hub). */
const FAILURE_MS = 10 * 60_000;

export const THUMBNAIL_FILE = /^([A-Za-z0-9][A-Za-z0-9._~-]{0,199})-([0-9a-f]{16})\.webp$/;

interface SourceRow {
  image: string | null;
  baseUrl: string;
}

/** The copy to fetch: the narrowest at least as wide as a thumbnail, else the image itself. */
export function sourceOf(image: Image): string {
  const wide = (image.variants ?? []).filter((variant) => variant.width >= THUMBNAIL_WIDTH).sort((a, b) => a.width - b.width)[0];
  return wide?.url ?? image.url;
}

export class Thumbnails {
  readonly dir: string;
  private readonly source;
  private readonly live;
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private readonly failures = new Map<string, number>();

  constructor(
    sqlite: Database.Database,
    private readonly config: Pick<AggregatorConfig, 'dataDir' | 'fetchDeadlineMs' | 'allowPrivateNetwork'>,
    private readonly addressCheck?: (check: AddressCheck) => boolean,
  ) {
    this.dir = join(config.dataDir, 'thumbnails');
    // Only approved hubs' live events, as every national read.
    this.source = sqlite.prepare<[string, string], SourceRow>(
      `SELECT json_extract(r.data, '$.image') AS image, h.base_url AS baseUrl
         FROM records r JOIN hubs h ON h.id = r.hub
        WHERE r.hub = ? AND r.id = ? AND r.type = 'event' AND r.deleted = 0 AND h.status = 'approved'`,
    );
    this.live = sqlite.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM records r JOIN hubs h ON h.id = r.hub WHERE r.hub = ? AND r.id = ? AND r.type = 'event' AND r.deleted = 0 AND h.status = 'approved'`);
  }

  /**
   * The file of `<id>-<key>.webp` for an event of `hub`, made on first request; undefined
   * when there is none to make (no such live event, no image on its hub, a stale key, a
   * fetch or decode that failed). Drops the event's thumbnails when the event is gone.
   */
  async file(hub: string, name: string): Promise<string | undefined> {
    const match = THUMBNAIL_FILE.exec(name);
    if (match === null || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(hub)) return undefined;
    const [, id = '', key = ''] = match;
    const row = this.source.get(hub, id);
    const image = row?.image === null || row?.image === undefined ? undefined : (JSON.parse(row.image) as Image);
    if (row === undefined || image === undefined) {
      this.drop(hub, id);
      return undefined;
    }
    if (thumbnailKey(image.url) !== key) return undefined;
    const path = join(this.dir, hub, name);
    if (existsSync(path)) return path;
    const source = sourceOf(image);
    if (!sameOrigin(source, row.baseUrl)) return undefined;
    const flightKey = `${hub}/${name}`;
    if ((this.failures.get(flightKey) ?? 0) > Date.now()) return undefined;
    let flight = this.inFlight.get(flightKey);
    if (flight === undefined) {
      flight = this.make(source, hub, id, path)
        .catch(() => {
          this.failures.set(flightKey, Date.now() + FAILURE_MS);
          return undefined;
        })
        .finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, flight);
    }
    return flight;
  }

  private async make(source: string, hub: string, id: string, path: string): Promise<string> {
    const response = await guardedFetch(source, {
      deadlineMs: this.config.fetchDeadlineMs,
      maxBytes: MAX_SOURCE_BYTES,
      allowPrivate: this.config.allowPrivateNetwork,
      accept: 'image/webp,image/png,image/jpeg;q=0.9',
      ...(this.addressCheck === undefined ? {} : { isAllowedAddress: this.addressCheck }),
    });
    // Re-encoded from pixels: whatever the hub sent (metadata, a format browsers mishandle) stays here.
    const webp = await sharp(response.body, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: 'error' }).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 75, effort: 2 }).toBuffer();
    const folder = join(this.dir, hub);
    mkdirSync(folder, { recursive: true });
    const temporary = join(folder, `.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(temporary, webp);
    renameSync(temporary, path);
    // An older image's thumbnail of the same event is stale now.
    for (const other of readdirSync(folder)) if (other.startsWith(`${id}-`) && join(folder, other) !== path) rmSync(join(folder, other), { force: true });
    return path;
  }

  /** Removes every thumbnail of an event. */
  drop(hub: string, id: string): void {
    const folder = join(this.dir, hub);
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) if (name.startsWith(`${id}-`) && THUMBNAIL_FILE.exec(name)?.[1] === id) rmSync(join(folder, name), { force: true });
  }

  /** Removes the thumbnails of events that are no longer shown; returns how many files went. */
  sweep(): number {
    if (!existsSync(this.dir)) return 0;
    let removed = 0;
    for (const hub of readdirSync(this.dir)) {
      const folder = join(this.dir, hub);
      for (const name of readdirSync(folder)) {
        // A dot file is a thumbnail being written.
        if (name.startsWith('.')) continue;
        const id = THUMBNAIL_FILE.exec(name)?.[1];
        if (id !== undefined && (this.live.get(hub, id)?.n ?? 0) > 0) continue;
        rmSync(join(folder, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
