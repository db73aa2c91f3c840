import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CHANGES_LIMIT, PROTOCOL_VERSION } from '@constellation/shared';
import type { Store } from '../db/client.ts';

export interface FeedPage {
  /** The exact bytes served (and digested for the signature). */
  body: string;
  latest: number;
  count: number;
}

interface FeedRow {
  seq: number;
  type: string;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  updatedAt: string;
  data: string | null;
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
  private readonly readSnapshot: (after: number, limit: number) => { rows: FeedRow[]; latest: number };

  constructor(
    store: Store,
    private readonly hubId: string,
  ) {
    this.pageStatement = store.sqlite.prepare(
      `SELECT ch.seq, ch.type, ch.id, ch.op, ch.version, ch.updated_at AS updatedAt,
              CASE WHEN ch.op = 'upsert' THEN c.public_json END AS data
       FROM changes ch LEFT JOIN content c ON c.id = ch.id
       WHERE ch.seq > ? ORDER BY ch.seq LIMIT ?`,
    );
    this.latestStatement = store.sqlite.prepare(`SELECT value FROM hub_state WHERE key = 'seq'`).pluck();
    this.readSnapshot = store.sqlite.transaction((after: number, limit: number) => ({
      rows: this.pageStatement.all(after, limit) as FeedRow[],
      latest: (this.latestStatement.get() as number | undefined) ?? 0,
    }));
  }

  latest(): number {
    return (this.latestStatement.get() as number | undefined) ?? 0;
  }

  page(after: number, limit: number): FeedPage {
    const { rows, latest } = this.readSnapshot(after, limit);
    const items = rows.map((row) => {
      const head = `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"id":${JSON.stringify(row.id)},"op":"${row.op}","version":${row.version},"updatedAt":${JSON.stringify(row.updatedAt)}`;
      return row.op === 'upsert' && row.data !== null ? `${head},"data":${row.data}}` : `${head}}`;
    });
    const last = rows.at(-1)?.seq ?? after;
    const hasMore = rows.length === limit && last < latest;
    const body = `{"protocol":"${PROTOCOL_VERSION}","hub":${JSON.stringify(this.hubId)},"items":[${items.join(',')}],"next":"${last}","hasMore":${hasMore},"latest":${latest}}`;
    return { body, latest, count: rows.length };
  }
}

/** The page digest the signature carries: "sha-256=" + base64 of SHA-256 over the body bytes. */
export function bodyDigest(body: string | Buffer): string {
  return `sha-256=${createHash('sha256').update(body).digest('base64')}`;
}
