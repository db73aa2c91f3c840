import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { AppliedChange } from '../../ingest/apply.ts';
import { REPUBLISH_CHUNK, type AdminStoreRows, type HubCounts } from '../admin-rows.ts';
import type { CampaignRow } from '../schema/index.ts';
import type { PgNationalStore } from './client.ts';
import { adminAudit, admins, campaigns, hubHealthSamples, rejectedItems } from './schema.ts';

/*
 * The admin console's rows on PostgreSQL (see ../admin-rows.ts). Always the primary: an
 * admin who was just created logs in, a campaign just saved is listed, at once. Writes that
 * read first (a campaign's slug and the list's size, an admin's email) run in one
 * transaction; the email and the slug are unique in the schema, so two machines racing
 * end with one row, and the loser's statement is retried as an update or said as taken.
 */

type PgCampaignRow = typeof campaigns.$inferSelect;

/** PostgreSQL keeps a campaign's logo and regions as JSON text (so a store moves between engines unchanged). */
function campaignOf(row: PgCampaignRow): CampaignRow {
  return { ...row, logo: row.logo === null ? null : (JSON.parse(row.logo) as unknown), regions: JSON.parse(row.regions) as unknown };
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

export function pgAdminRows(store: PgNationalStore): AdminStoreRows {
  const db = '$primary' in store.db ? (store.db as unknown as { $primary: PgNationalStore['db'] }).$primary : store.db;
  return {
    admins: {
      byId: async (id) => (await db.select().from(admins).where(eq(admins.id, id)))[0],
      byEmail: async (email) => (await db.select().from(admins).where(eq(admins.email, email)))[0],
      list: async () => db.select().from(admins).orderBy(asc(admins.createdAt), asc(admins.email)),
      upsert: async (row) => {
        // One statement: inserted, or the existing admin's password set; `xmax = 0` tells which.
        const result = await db
          .insert(admins)
          .values(row)
          .onConflictDoUpdate({ target: admins.email, set: { passwordHash: row.passwordHash } })
          .returning({ id: admins.id, email: admins.email, passwordHash: admins.passwordHash, createdAt: admins.createdAt, inserted: sql<boolean>`(xmax = 0)` });
        const saved = result[0];
        if (saved === undefined) throw new Error('the admin row was not written');
        const { inserted, ...adminRow } = saved;
        return { row: adminRow, created: inserted };
      },
      remove: async (id) =>
        db.transaction(async (tx) => {
          // Serialises removals: two admins removing each other at once leave one.
          await tx.execute(sql`LOCK TABLE admins IN SHARE ROW EXCLUSIVE MODE`);
          if ((await tx.select({ id: admins.id }).from(admins).where(eq(admins.id, id))).length === 0) return 'missing' as const;
          const count = (await tx.select({ n: sql<number>`count(*)::int` }).from(admins))[0]?.n ?? 0;
          if (count <= 1) return 'last' as const;
          await tx.delete(admins).where(eq(admins.id, id));
          return 'removed' as const;
        }),
    },
    audit: {
      append: async (entry) => {
        await db.insert(adminAudit).values(entry);
      },
      list: async ({ hub, before, limit }) =>
        db
          .select()
          .from(adminAudit)
          .where(and(hub === undefined ? undefined : eq(adminAudit.targetId, hub), lt(adminAudit.rowId, before ?? 2_147_483_647)))
          .orderBy(desc(adminAudit.rowId))
          .limit(limit),
    },
    campaigns: {
      list: async () => (await db.select().from(campaigns).orderBy(desc(campaigns.startDate), campaigns.slug)).map(campaignOf),
      get: async (slug) => {
        const row = (await db.select().from(campaigns).where(eq(campaigns.slug, slug)))[0];
        return row === undefined ? undefined : campaignOf(row);
      },
      insert: async (row, max) =>
        db.transaction(async (tx) => {
          // Serialises campaign creations (the list's size is checked against them).
          await tx.execute(sql`LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE`);
          if ((await tx.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.slug, row.slug))).length > 0) return 'taken' as const;
          const count = (await tx.select({ n: sql<number>`count(*)::int` }).from(campaigns))[0]?.n ?? 0;
          if (count >= max) return 'full' as const;
          await tx.insert(campaigns).values({ ...row, logo: row.logo === null ? null : textOf(row.logo), regions: textOf(row.regions) });
          return 'inserted' as const;
        }),
      update: async (slug, values, now) => {
        const updated = await db
          .update(campaigns)
          .set({ ...values, logo: values.logo === null ? null : textOf(values.logo), regions: textOf(values.regions), updatedAt: sql`greatest(${now}::bigint, ${campaigns.updatedAt} + 1)` })
          .where(eq(campaigns.slug, slug))
          .returning();
        return updated[0] === undefined ? undefined : campaignOf(updated[0]);
      },
    },
    hubOperations: {
      counts: async () => {
        const counts = new Map<string, HubCounts>();
        const { rows } = await store.pool.query<{ hub: string; records: number; events: number }>(
          `SELECT hub, sum(records)::int AS records, sum(events)::int AS events FROM (
             SELECT hub, count(*) AS records, 0 AS events FROM records WHERE NOT deleted GROUP BY hub
             UNION ALL SELECT hub, 0, count(*) FROM events_index GROUP BY hub
           ) c GROUP BY hub`,
        );
        for (const row of rows) counts.set(row.hub, { records: row.records, events: row.events });
        return counts;
      },
      rejected: async (hubId, limit) =>
        db
          .select({ seq: rejectedItems.seq, itemId: rejectedItems.itemId, field: rejectedItems.field, message: rejectedItems.message, at: rejectedItems.at })
          .from(rejectedItems)
          .where(eq(rejectedItems.hub, hubId))
          .orderBy(desc(rejectedItems.rowId))
          .limit(limit),
      healthSamples: async (hubId, since) =>
        db
          .select({ hour: hubHealthSamples.hour, pulls: hubHealthSamples.pulls, failures: hubHealthSamples.failures, applied: hubHealthSamples.applied, rejected: hubHealthSamples.rejected, maxLagSeq: hubHealthSamples.maxLagSeq })
          .from(hubHealthSamples)
          .where(and(eq(hubHealthSamples.hub, hubId), gte(hubHealthSamples.hour, since)))
          .orderBy(asc(hubHealthSamples.hour)),
      republish: async (hubId) => pgRepublish(store.pool, hubId),
      forget: async (hubId) => {
        await db.delete(hubHealthSamples).where(eq(hubHealthSamples.hub, hubId));
      },
    },
  };
}

/** SQLite's republish (../admin-rows.ts) on PostgreSQL: each chunk takes the national seq's lock, as every writer does. */
async function pgRepublish(pool: pg.Pool, hubId: string, chunk = REPUBLISH_CHUNK): Promise<AppliedChange[]> {
  const changes: AppliedChange[] = [];
  let after = 0;
  for (;;) {
    const client = await pool.connect();
    let batch: AppliedChange[];
    try {
      await client.query('BEGIN');
      const head = await client.query<{ value: number }>("SELECT value FROM national_state WHERE key = 'nseq' FOR UPDATE");
      let nseq = head.rows[0]?.value ?? 0;
      const { rows } = await client.query<{ row_id: number; hub: string; id: string; type: string }>(
        `SELECT row_id, hub, id, type FROM (
           SELECT row_id, hub, id, type FROM records WHERE hub = $1 AND NOT deleted AND row_id > $2
           UNION
           SELECT r.row_id, r.hub, r.id, r.type FROM events_index copy JOIN records r ON r.row_id = copy.row_id
           WHERE copy.duplicate_of IN (SELECT row_id FROM events_index WHERE hub = $1) AND r.row_id > $2
         ) c ORDER BY row_id LIMIT $3`,
        [hubId, after, chunk],
      );
      batch = rows.map((row) => ({ nseq: ++nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' as const }));
      if (rows.length > 0) {
        await client.query('UPDATE records SET nseq = v.nseq FROM unnest($1::int[], $2::bigint[]) AS v(row_id, nseq) WHERE records.row_id = v.row_id', [rows.map((row) => row.row_id), batch.map((change) => change.nseq)]);
        await client.query("UPDATE national_state SET value = $1 WHERE key = 'nseq'", [nseq]);
      }
      await client.query('COMMIT');
      after = rows.at(-1)?.row_id ?? after;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    changes.push(...batch);
    if (batch.length < chunk) return changes;
  }
}
