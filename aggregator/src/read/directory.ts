import type Database from 'better-sqlite3';
import { LIST_LIMIT } from '@constellation/shared';
import type { NationalStore } from '../db/client.ts';
import { BadRequestError } from '../http-errors.ts';

/**
 * The national directories of places to visit and participatory projects: every approved
 * hub's items, as their hubs served them (the records the pull already holds, validated at
 * ingest). There are thousands of them nationally, not millions (a region has hundreds), so
 * each API process keeps them parsed in memory, read again when the national change seq or
 * the set of approved hubs moves, and filters them in JavaScript: accents and case ignored
 * in the text search, the hub list's filter names and meanings, plus `hub` and `bbox`.
 */
export type DirectoryKind = 'place' | 'project';

export interface DirectoryQuery {
  q?: string;
  discipline?: string;
  audience?: string;
  participationType?: string;
  involvement?: string;
  kind?: string;
  accessibility?: string;
  region?: string;
  commune?: string;
  hub?: string;
  bbox?: string;
  limit?: number;
  cursor?: string;
}

/** One item on the national map's layers of places and projects. */
export interface DirectoryPoint {
  type: DirectoryKind;
  hub: string;
  id: string;
  title: string;
  lat: number;
  lon: number;
  /** A place's kind, a project's participation type. */
  kind: string;
  commune?: string;
  /** Its page on its hub. */
  url: string;
}

/** An item as the exports read it: its hub's document, parsed. */
export interface DirectoryRecord {
  hub: string;
  id: string;
  data: Record<string, unknown>;
}

interface Item {
  hub: string;
  hubRegion: string;
  id: string;
  /** The stored public JSON, sent as is. */
  json: string;
  title: string;
  /** Title, summary, keywords and commune, without accents, lower case. */
  text: string;
  data: Record<string, unknown>;
  lat: number | undefined;
  lon: number | undefined;
}

const INSEE = /^(?:\d{5}|2[AB]\d{3})$/;
const CURSOR = /^(?:0|[1-9]\d{0,8})$/;

export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

export class NationalDirectory {
  private readonly rows: Database.Statement<[string], { hub: string; region: string; id: string; data: string }>;
  private readonly version: Database.Statement<[], { version: string }>;
  private readonly cache = new Map<DirectoryKind, { version: string; items: Item[] }>();

  constructor(store: NationalStore) {
    this.rows = store.sqlite.prepare(
      `SELECT r.hub, h.region, r.id, r.data FROM records r JOIN hubs h ON h.id = r.hub
        WHERE r.type = ? AND r.deleted = 0 AND r.data IS NOT NULL AND h.status = 'approved'`,
    );
    // A suspension hides a hub's items without a change of theirs: the approved set is part of the version.
    this.version = store.sqlite.prepare(
      `SELECT (SELECT value FROM national_state WHERE key = 'nseq') || ':' || (SELECT coalesce(group_concat(id), '') FROM (SELECT id FROM hubs WHERE status = 'approved' ORDER BY id)) AS version`,
    );
  }

  /** A page of the directory, as `{"items":[...],"next":...}` text (the items are the hubs' own JSON). */
  list(type: DirectoryKind, query: DirectoryQuery): string {
    const limit = Math.min(Math.max(query.limit ?? LIST_LIMIT.default, LIST_LIMIT.min), LIST_LIMIT.max);
    if (query.cursor !== undefined && !CURSOR.test(query.cursor)) throw new BadRequestError('query.cursor must be a `next` value from a previous page', 'query.cursor');
    const offset = query.cursor === undefined ? 0 : Number(query.cursor);
    const matching = this.filtered(type, query);
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return `{"items":[${page.map((item) => item.json).join(',')}],"next":${JSON.stringify(next)}}`;
  }

  /** The items the list would give for this query, from the first, at most `max` (the exports). */
  records(type: DirectoryKind, query: DirectoryQuery, max: number): DirectoryRecord[] {
    return this.filtered(type, query).slice(0, max);
  }

  /** Moves when any item or the set of approved hubs does: the exports' ETag. */
  currentVersion(): string {
    return this.version.get()?.version ?? '';
  }

  /** Every item of these types with coordinates, filtered as the lists are: the map's layers. */
  points(types: readonly DirectoryKind[], query: DirectoryQuery): DirectoryPoint[] {
    return types.flatMap((type) =>
      this.filtered(type, query).flatMap((item) => {
        if (item.lat === undefined || item.lon === undefined) return [];
        const location = record(item.data['location']);
        const commune = typeof location['commune'] === 'string' ? location['commune'] : undefined;
        const kind = String(item.data[type === 'place' ? 'kind' : 'participationType'] ?? '');
        return [{ type, hub: item.hub, id: item.id, title: item.title, lat: item.lat, lon: item.lon, kind, ...(commune === undefined ? {} : { commune }), url: String(item.data['url'] ?? '') }];
      }),
    );
  }

  private filtered(type: DirectoryKind, query: DirectoryQuery): Item[] {
    const tests: ((item: Item) => boolean)[] = [];
    if (query.q !== undefined && query.q.trim() !== '') {
      const words = folded(query.q).split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
      tests.push((item) => words.every((word) => item.text.includes(word)));
    }
    const scalar = (name: 'participationType' | 'involvement' | 'kind') => {
      const value = query[name];
      if (value !== undefined) tests.push((item) => item.data[name] === value);
    };
    const set = (name: 'discipline' | 'audience' | 'accessibility', path: string) => {
      const value = query[name];
      if (value !== undefined) tests.push((item) => strings(item.data[path]).includes(value));
    };
    scalar('participationType');
    scalar('involvement');
    scalar('kind');
    set('discipline', 'disciplines');
    set('audience', 'audiences');
    set('accessibility', 'accessibility');
    if (query.region !== undefined) {
      const region = query.region;
      // A project names the regions it runs in; otherwise (and for places) its hub's region.
      tests.push((item) => (type === 'project' && strings(item.data['regions']).length > 0 ? strings(item.data['regions']).includes(region) : item.hubRegion === region));
    }
    if (query.commune !== undefined) {
      const commune = query.commune.trim();
      const byCode = INSEE.test(commune);
      const name = folded(commune);
      tests.push((item) => {
        const location = record(item.data['location']);
        return byCode ? location['inseeCode'] === commune : typeof location['commune'] === 'string' && folded(location['commune']) === name;
      });
    }
    if (query.hub !== undefined) {
      const hubs = new Set(query.hub.split(',').map((hub) => hub.trim()));
      tests.push((item) => hubs.has(item.hub));
    }
    if (query.bbox !== undefined) {
      const parts = query.bbox.split(',').map((part) => Number(part.trim()));
      const [west, south, east, north] = parts as [number, number, number, number];
      if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part)) || south > north || west > east) {
        throw new BadRequestError('query.bbox must be west,south,east,north in degrees, e.g. 1.8,47.8,2.0,48.0', 'query.bbox');
      }
      tests.push((item) => item.lat !== undefined && item.lon !== undefined && item.lat >= south && item.lat <= north && item.lon >= west && item.lon <= east);
    }
    const items = this.items(type);
    return tests.length === 0 ? items : items.filter((item) => tests.every((test) => test(item)));
  }

  private items(type: DirectoryKind): Item[] {
    const version = this.currentVersion();
    const cached = this.cache.get(type);
    if (cached?.version === version) return cached.items;
    const items = this.rows.all(type).map((row): Item => {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const title = String(data[type === 'place' ? 'name' : 'title'] ?? '');
      const location = record(data['location']);
      const lat = typeof location['lat'] === 'number' ? location['lat'] : undefined;
      const lon = typeof location['lon'] === 'number' ? location['lon'] : undefined;
      const words = [title, data['summary'], ...strings(data['keywords']), location['commune'], location['name']].filter((part): part is string => typeof part === 'string');
      return { hub: row.hub, hubRegion: row.region, id: row.id, json: row.data, title, text: folded(words.join(' ')), data, lat, lon };
    });
    // By name, as a directory reads; then hub and id, so pages never overlap.
    const collator = new Intl.Collator('fr', { sensitivity: 'base' });
    items.sort((a, b) => collator.compare(a.title, b.title) || a.hub.localeCompare(b.hub) || a.id.localeCompare(b.id));
    this.cache.set(type, { version, items });
    return items;
  }
}
