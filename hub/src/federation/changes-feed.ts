import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CHANGES_LIMIT, PROTOCOL_VERSION } from '@constellation/shared';
import type { Store } from '../db/client.ts';

export interface FeedPage {
  /** The exact bytes served (and digested for the signature), encoded once. */
  body: Buffer;
  latest: number;
  count: number;
}

interface PageRow {
  /** UTF-8 bytes straight from SQLite (a BLOB): never decoded into a JavaScript string. */
  items: Buffer | null;
  last: number | null;
  count: number;
}

export function clampFeedLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? CHANGES_LIMIT.default, CHANGES_LIMIT.min), CHANGES_LIMIT.max);
}

/**
 * Pages of the compacted changes feed. The page and `latest` are read in one
 * transaction, so they describe the same snapshot; each upsert carries the stored
 * public JSON as is (it is the object's latest state, since a change and its seq
 * are written together).
 */
export class ChangesFeed {
  private readonly pageStatement: Database.Statement;
  private readonly latestStatement: Database.Statement;
  private readonly readSnapshot: (after: number, limit: number) => { row: PageRow; latest: number };

  constructor(
    store: Store,
    private readonly hubId: string,
  ) {
    // SQLite writes each item's JSON and joins the page itself: the stored public JSON is
    // spliced in as text, never parsed, and JavaScript handles one string per page.
    this.pageStatement = store.sqlite.prepare(
      `SELECT CAST(group_concat(item, ',' ORDER BY seq) AS BLOB) AS items, max(seq) AS last, count(*) AS count FROM (
         SELECT ch.seq,
                '{"seq":' || ch.seq || ',"type":"' || ch.type || '","id":"' || ch.id || '","op":"' || ch.op || '","version":' || ch.version
                  || ',"updatedAt":' || json_quote(ch.updated_at)
                  || CASE WHEN ch.op = 'upsert' AND c.public_json IS NOT NULL THEN ',"data":' || c.public_json ELSE '' END || '}' AS item
         FROM changes ch LEFT JOIN content c ON c.id = ch.id
         WHERE ch.seq > ? ORDER BY ch.seq LIMIT ?)`,
    );
    this.latestStatement = store.sqlite.prepare(`SELECT value FROM hub_state WHERE key = 'seq'`).pluck();
    this.readSnapshot = store.sqlite.transaction((after: number, limit: number) => ({
      row: this.pageStatement.get(after, limit) as PageRow,
      latest: (this.latestStatement.get() as number | undefined) ?? 0,
    }));
  }

  latest(): number {
    return (this.latestStatement.get() as number | undefined) ?? 0;
  }

  page(after: number, limit: number): FeedPage {
    const { row, latest } = this.readSnapshot(after, limit);
    const last = row.last ?? after;
    const hasMore = row.count === limit && last < latest;
    // Types, ids and ops are the hub's own slugs, UUIDs and enum values: safe inside quotes.
    const body = Buffer.concat([
      Buffer.from(`{"protocol":"${PROTOCOL_VERSION}","hub":${JSON.stringify(this.hubId)},"items":[`),
      row.items ?? Buffer.alloc(0),
      Buffer.from(`],"next":"${last}","hasMore":${hasMore},"latest":${latest}}`),
    ]);
    return { body, latest, count: row.count };
  }
}

/** The page digest the signature carries: "sha-256=" + base64 of SHA-256 over the body bytes. */
export function bodyDigest(body: string | Buffer): string {
  return `sha-256=${createHash('sha256').update(body).digest('base64')}`;
}
