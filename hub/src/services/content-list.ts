import { LIST_LIMIT, type ContentType, type ModerationStatus } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { StatementCache } from '../db/statement-cache.ts';
import type { ContentRow } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import { toView, type ContentView, type Viewer } from './content.ts';
import { ftsQuery } from './search.ts';

/** Keyset cursors are opaque to clients: base64url of the sort key of the last item. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[], field = 'query.cursor'): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((part, index) => typeof part !== shape[index])) {
    throw new BadRequestError(`${field} is not a cursor this list gave out`, field);
  }
  return key as (string | number)[];
}

export function clampLimit(limit: number | undefined, bounds: { default: number; max: number } = LIST_LIMIT): number {
  return Math.min(Math.max(limit ?? bounds.default, 1), bounds.max);
}

/** Builds `{"items":[...],"next":...}` from stored public JSON without parsing it again. */
export function pageJson(items: readonly string[], next: string | null): string {
  return `{"items":[${items.join(',')}],"next":${next === null ? 'null' : JSON.stringify(next)}}`;
}

/** The directory filters of a public list (routes/list-filters.ts says which type takes which). */
export interface ListFilters {
  discipline?: string;
  participationType?: string;
  involvement?: string;
  audience?: string;
  region?: string;
  commune?: string;
  kind?: string;
  accessibility?: string;
  verified?: boolean;
}

/** `data` fields compared to one value. */
const SCALAR_FILTERS = { participationType: '$.participationType', involvement: '$.involvement', kind: '$.kind' } as const;
/** `data` arrays that must hold the value. */
const SET_FILTERS = { discipline: '$.disciplines', audience: '$.audiences', region: '$.regions', accessibility: '$.accessibility' } as const;
const INSEE = /^(?:\d{5}|2[AB]\d{3})$/;

/**
 * The filters as SQL over the stored document. Directories hold hundreds to a few thousand
 * items per hub and every filter narrows an index scan on (type, status), so reading the
 * JSON is cheap enough; events, the big list, have their own index table.
 */
function filterClauses(query: ListFilters, where: string[], params: Record<string, unknown>): void {
  for (const [name, path] of Object.entries(SCALAR_FILTERS)) {
    const value = query[name as keyof typeof SCALAR_FILTERS];
    if (value === undefined) continue;
    where.push(`json_extract(c.data, '${path}') = @${name}`);
    params[name] = value;
  }
  for (const [name, path] of Object.entries(SET_FILTERS)) {
    const value = query[name as keyof typeof SET_FILTERS];
    if (value === undefined) continue;
    where.push(`EXISTS (SELECT 1 FROM json_each(c.data, '${path}') WHERE json_each.value = @${name})`);
    params[name] = value;
  }
  if (query.commune !== undefined) {
    const commune = query.commune.trim();
    // The name as typed or picked from the commune search; an INSEE code names it exactly.
    where.push(INSEE.test(commune) ? "json_extract(c.data, '$.location.inseeCode') = @commune" : "lower(json_extract(c.data, '$.location.commune')) = lower(@commune)");
    params.commune = commune;
  }
  if (query.verified !== undefined) {
    where.push('c.verified = @verified');
    params.verified = query.verified ? 1 : 0;
  }
}

/** Lists of content that are not events (events have their own list with time and place). */
export class ContentListService {
  private readonly statements: StatementCache;

  constructor(store: Store) {
    this.statements = new StatementCache(store.sqlite);
  }

  /** Published content of a type, newest first, as a JSON page. */
  listPublished(type: ContentType, query: { q?: string; actor?: string; limit?: number; cursor?: string } & ListFilters): string {
    const limit = clampLimit(query.limit);
    const where = [`c.type = @type`, `c.status = 'published'`];
    const params: Record<string, unknown> = { type, limit: limit + 1 };
    if (query.actor !== undefined) {
      where.push('c.actor_id = @actor');
      params.actor = query.actor;
    }
    filterClauses(query, where, params);
    if (type === 'announcement') {
      // An ad stops being listed after its deadline day. "Today" is the UTC date 4 hours
      // ago, so the last day stays listed until it has ended in the westernmost regions
      // (Guadeloupe, Martinique: UTC-4); elsewhere it lingers a few hours more, never less.
      // Announcements are few, so reading the date from the document is cheap enough here.
      where.push("(json_extract(c.data, '$.deadline') IS NULL OR json_extract(c.data, '$.deadline') >= @today)");
      params.today = new Date(Date.now() - 4 * 3_600_000).toISOString().slice(0, 10);
    }
    if (query.q !== undefined) {
      const match = ftsQuery(query.q);
      if (match === undefined) return pageJson([], null);
      where.push('c.row_id IN (SELECT rowid FROM content_fts WHERE content_fts MATCH @match)');
      params.match = match;
    }
    if (query.cursor !== undefined) {
      const [publishedAt, id] = decodeCursor(query.cursor, ['string', 'string']);
      where.push('(c.published_at < @cursorAt OR (c.published_at = @cursorAt AND c.id < @cursorId))');
      params.cursorAt = publishedAt;
      params.cursorId = id;
    }
    const rows = this.statements.get(
      `SELECT c.id, c.published_at AS publishedAt, c.public_json AS json FROM content c WHERE ${where.join(' AND ')} ORDER BY c.published_at DESC, c.id DESC LIMIT @limit`,
    ).all(params) as { id: string; publishedAt: string; json: string }[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return pageJson(
      page.map((row) => row.json),
      rows.length > limit && last !== undefined ? encodeCursor([last.publishedAt, last.id]) : null,
    );
  }

  /** Content a viewer may manage (their actors', or everything for moderators), newest change first. */
  listManaged(viewer: Viewer, query: { type?: ContentType; status?: ModerationStatus; q?: string; actor?: string; limit?: number; cursor?: string }): { items: ContentView[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (viewer.role !== 'moderator' && viewer.role !== 'admin') {
      // What this viewer may edit (ContentService.canEdit): their actors' content, and their
      // own content that belongs to no actor.
      const own = '(c.actor_id IS NULL AND c.author_id = @viewerId)';
      if (viewer.actorIds.length === 0) where.push(own);
      else where.push(`(${own} OR c.actor_id IN (${viewer.actorIds.map((_, index) => `@actor${index}`).join(',')}))`);
      params.viewerId = viewer.id;
      viewer.actorIds.forEach((actorId, index) => (params[`actor${index}`] = actorId));
    }
    if (query.type !== undefined) {
      where.push('c.type = @type');
      params.type = query.type;
    }
    if (query.status !== undefined) {
      where.push('c.status = @status');
      params.status = query.status;
    }
    if (query.actor !== undefined) {
      where.push('c.actor_id = @actorFilter');
      params.actorFilter = query.actor;
    }
    if (query.q !== undefined) {
      // Part of the title, case ignored (for ASCII letters, as SQLite's LIKE does); % and _ are literal.
      where.push("c.title LIKE @titleLike ESCAPE '\\'");
      params.titleLike = `%${query.q.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    }
    if (query.cursor !== undefined) {
      const [updatedAt, id] = decodeCursor(query.cursor, ['string', 'string']);
      where.push('(c.updated_at < @cursorAt OR (c.updated_at = @cursorAt AND c.id < @cursorId))');
      params.cursorAt = updatedAt;
      params.cursorId = id;
    }
    const rows = this.statements.get(
      `SELECT c.row_id AS rowId, c.id, c.type, c.slug, c.actor_id AS actorId, c.author_id AS authorId, c.status, c.reject_reason AS rejectReason,
              c.version, c.title, c.data, c.public_json AS publicJson, c.verified, c.created_at AS createdAt, c.updated_at AS updatedAt, c.published_at AS publishedAt
       FROM content c ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit`,
    ).all(params) as (Omit<ContentRow, 'data' | 'verified'> & { data: string; verified: number })[];
    const page = rows.slice(0, limit).map((row) => toView({ ...row, data: JSON.parse(row.data) as unknown, verified: row.verified === 1 }));
    const last = page.at(-1);
    return { items: page, next: rows.length > limit && last !== undefined ? encodeCursor([last.updatedAt, last.id]) : null };
  }
}
