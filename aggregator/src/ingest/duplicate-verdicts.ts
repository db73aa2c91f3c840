import type { NationalStore } from '../db/client.ts';
import type { PgNationalStore } from '../db/pg/client.ts';
import type { DuplicateReviewRow } from '../db/schema/index.ts';
import type { AppliedChange } from './apply.ts';
import { DuplicateFinder } from './dedupe.ts';
import { lockSeq } from './pg-apply.ts';
import { regroup } from './pg-dedupe.ts';

/*
 * Where a national admin's verdict on a suspected cross-hub duplicate is written, on
 * either engine. A confirmation only records the verdict. A split records it, then the
 * copy looks for its twin again (the finder now skips the split partner), and the copy's
 * change is announced in the national change log: it is listed on its own again, so live
 * maps and every API process's index must learn it. All in one transaction.
 */

/** The store side of the duplicates review (admin/duplicate-review.ts holds the rules). */
export interface DuplicateRows {
  /** Rows of a read-only query written portably (`?` placeholders, no engine-only functions). */
  all<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Records `review` (replacing an earlier verdict on the pair); a split regroups `copyRow`. Returns the changes to announce. */
  decide(review: DuplicateReviewRow, copyRow: number): Promise<AppliedChange[]>;
}

const UPSERT_REVIEW = `INSERT INTO duplicate_reviews (left_hub, left_id, right_hub, right_id, verdict, at, admin_email) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (left_hub, left_id, right_hub, right_id) DO UPDATE SET verdict = excluded.verdict, at = excluded.at, admin_email = excluded.admin_email`;

function reviewParams(review: DuplicateReviewRow): unknown[] {
  return [review.leftHub, review.leftId, review.rightHub, review.rightId, review.verdict, review.at, review.adminEmail];
}

/** `?` placeholders as PostgreSQL's `$n`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function sqliteDuplicateRows(store: NationalStore): DuplicateRows {
  let finder: DuplicateFinder | undefined;
  return {
    all: async <Row>(sql: string, params: readonly unknown[] = []) => store.sqlite.prepare(sql).all(...params) as Row[],
    decide: async (review, copyRow) =>
      store.immediate(() => {
        const { sqlite } = store;
        sqlite.prepare(UPSERT_REVIEW).run(...reviewParams(review));
        if (review.verdict !== 'split') return [];
        finder ??= new DuplicateFinder(sqlite);
        sqlite.prepare('UPDATE events_index SET duplicate_of = NULL WHERE row_id = ?').run(copyRow);
        const touched = [copyRow, ...finder.regroup(copyRow, true)];
        let nseq = (sqlite.prepare("SELECT value FROM national_state WHERE key = 'nseq'").get() as { value: number } | undefined)?.value ?? 0;
        const changes: AppliedChange[] = [];
        const touch = sqlite.prepare<[number, number], { hub: string; id: string; type: string }>('UPDATE records SET nseq = ? WHERE row_id = ? RETURNING hub, id, type');
        for (const rowId of touched) {
          const row = touch.get(nseq + 1, rowId);
          if (row !== undefined) changes.push({ nseq: ++nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' });
        }
        sqlite.prepare("UPDATE national_state SET value = ? WHERE key = 'nseq'").run(nseq);
        return changes;
      }),
  };
}

export function pgDuplicateRows(store: PgNationalStore): DuplicateRows {
  return {
    // The primary: a verdict just given must show in the next list.
    all: async <Row>(sql: string, params: readonly unknown[] = []) => (await store.pool.query(numbered(sql), [...params])).rows as Row[],
    decide: async (review, copyRow) => {
      const client = await store.pool.connect();
      try {
        await client.query('BEGIN');
        // Writers queue on the national seq (see PgNationalWriter), a verdict too.
        let nseq = await lockSeq(client);
        await client.query(numbered(UPSERT_REVIEW), reviewParams(review));
        const changes: AppliedChange[] = [];
        if (review.verdict === 'split') {
          await client.query('UPDATE events_index SET duplicate_of = NULL WHERE row_id = $1', [copyRow]);
          const touched = [copyRow, ...(await regroup(client, copyRow, true))];
          for (const rowId of touched) {
            const { rows } = await client.query<{ hub: string; id: string; type: string }>('UPDATE records SET nseq = $1 WHERE row_id = $2 RETURNING hub, id, type', [nseq + 1, rowId]);
            const row = rows[0];
            if (row !== undefined) changes.push({ nseq: ++nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' });
          }
          await client.query("UPDATE national_state SET value = $1 WHERE key = 'nseq'", [nseq]);
        }
        await client.query('COMMIT');
        return changes;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
