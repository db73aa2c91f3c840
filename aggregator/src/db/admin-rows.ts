import { and, desc, eq, gte, lt, asc, sql } from 'drizzle-orm';
import type { AppliedChange } from '../ingest/apply.ts';
import type { NationalStore } from './client.ts';
import { adminAudit, admins, campaigns, hubHealthSamples, rejectedItems, type AdminAuditRow, type AdminRow, type CampaignRow, type HubHealthSampleRow } from './schema/index.ts';

/*
 * What the national admin console and the CLI's registry commands keep in the national
 * store besides the hubs' rows: admin accounts, their audit log, campaigns, and the
 * registry's views of a hub (counts, refused items, health hours, republishing its records
 * when its status changes). One interface, implemented here for SQLite and in
 * pg/admin-rows.ts for PostgreSQL, so the console and the CLI never know the engine.
 * Everything goes to the primary: an admin's change must show in the next answer.
 */

export type NewAdminRow = AdminRow;
export type NewAuditRow = Omit<AdminAuditRow, 'rowId'>;

export interface AdminRows {
  byId(id: string): Promise<AdminRow | undefined>;
  byEmail(email: string): Promise<AdminRow | undefined>;
  /** Every admin, oldest first. */
  list(): Promise<AdminRow[]>;
  /** Inserts `row`, or sets the password of the admin that already has its email (atomically). */
  upsert(row: NewAdminRow): Promise<{ row: AdminRow; created: boolean }>;
  /** Deletes an admin unless it is the last one (checked in the same transaction). */
  remove(id: string): Promise<'removed' | 'last' | 'missing'>;
}

export interface AuditRows {
  append(entry: NewAuditRow): Promise<void>;
  /** Newest first: entries below `before` (a row id), about `hub` when given. */
  list(query: { hub?: string | undefined; before?: number | undefined; limit: number }): Promise<AdminAuditRow[]>;
}

export type CampaignValues = Omit<CampaignRow, 'slug' | 'createdBy' | 'createdAt' | 'updatedAt'>;

export interface CampaignRows {
  /** Newest start first. */
  list(): Promise<CampaignRow[]>;
  get(slug: string): Promise<CampaignRow | undefined>;
  /** Inserts unless the slug is taken or `max` campaigns exist already (checked in the same transaction). */
  insert(row: CampaignRow, max: number): Promise<'inserted' | 'taken' | 'full'>;
  /** Replaces the values; updatedAt moves strictly forward (an ETag changes even within one millisecond). */
  update(slug: string, values: CampaignValues, now: number): Promise<CampaignRow | undefined>;
}

export interface HubCounts {
  records: number;
  events: number;
}

export type RejectedRow = { seq: number | null; itemId: string | null; field: string; message: string; at: number };
export type HealthSampleRow = Omit<HubHealthSampleRow, 'hub'>;

/** The registry's views of hubs and the consequences of their status changes. */
export interface HubOperationRows {
  /** Live records and indexed events per hub. */
  counts(): Promise<Map<string, HubCounts>>;
  /** The last items refused from a hub, newest first. */
  rejected(hubId: string, limit: number): Promise<RejectedRow[]>;
  /** A hub's hourly samples from `since` (an hour's start), oldest first. */
  healthSamples(hubId: string, since: number): Promise<HealthSampleRow[]>;
  /**
   * Moves every live record of a hub, and other hubs' copies of its events, to the head of
   * the change log (new nseqs, in chunks so readers are not held back): nothing in them
   * changed but whether they are shown, and readers of the log (the live stream, API
   * processes' read models) read each one again against the hub's status.
   */
  republish(hubId: string): Promise<AppliedChange[]>;
  /** What a removed hub leaves besides its records: its health history (a hub added again starts afresh). */
  forget(hubId: string): Promise<void>;
}

export interface AdminStoreRows {
  readonly admins: AdminRows;
  readonly audit: AuditRows;
  readonly campaigns: CampaignRows;
  readonly hubOperations: HubOperationRows;
}

/** Republish's chunk: one transaction each, so readers never wait long. */
export const REPUBLISH_CHUNK = 500;

export function sqliteAdminRows(store: NationalStore): AdminStoreRows {
  const { db, sqlite } = store;
  return {
    admins: {
      byId: async (id) => db.select().from(admins).where(eq(admins.id, id)).get(),
      byEmail: async (email) => db.select().from(admins).where(eq(admins.email, email)).get(),
      list: async () => db.select().from(admins).orderBy(asc(admins.createdAt), asc(admins.email)).all(),
      upsert: async (row) =>
        store.immediate(() => {
          const existing = db.select().from(admins).where(eq(admins.email, row.email)).get();
          if (existing !== undefined) {
            const updated = db.update(admins).set({ passwordHash: row.passwordHash }).where(eq(admins.id, existing.id)).returning().get();
            return { row: updated ?? existing, created: false };
          }
          return { row: db.insert(admins).values(row).returning().get(), created: true };
        }),
      remove: async (id) =>
        store.immediate(() => {
          if (db.select({ id: admins.id }).from(admins).where(eq(admins.id, id)).get() === undefined) return 'missing' as const;
          if (db.select({ id: admins.id }).from(admins).all().length <= 1) return 'last' as const;
          db.delete(admins).where(eq(admins.id, id)).run();
          return 'removed' as const;
        }),
    },
    audit: {
      append: async (entry) => {
        db.insert(adminAudit).values(entry).run();
      },
      list: async ({ hub, before, limit }) =>
        db
          .select()
          .from(adminAudit)
          .where(and(hub === undefined ? undefined : eq(adminAudit.targetId, hub), lt(adminAudit.rowId, before ?? Number.MAX_SAFE_INTEGER)))
          .orderBy(desc(adminAudit.rowId))
          .limit(limit)
          .all(),
    },
    campaigns: {
      list: async () => db.select().from(campaigns).orderBy(desc(campaigns.startDate), campaigns.slug).all(),
      get: async (slug) => db.select().from(campaigns).where(eq(campaigns.slug, slug)).get(),
      insert: async (row, max) =>
        store.immediate(() => {
          if (db.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.slug, row.slug)).get() !== undefined) return 'taken';
          const count = db.select({ n: sql<number>`count(*)` }).from(campaigns).get()?.n ?? 0;
          if (count >= max) return 'full';
          db.insert(campaigns).values(row).run();
          return 'inserted';
        }),
      update: async (slug, values, now) =>
        store.immediate(() => {
          const row = db.select({ updatedAt: campaigns.updatedAt }).from(campaigns).where(eq(campaigns.slug, slug)).get();
          if (row === undefined) return undefined;
          return db.update(campaigns).set({ ...values, updatedAt: Math.max(now, row.updatedAt + 1) }).where(eq(campaigns.slug, slug)).returning().get();
        }),
    },
    hubOperations: {
      counts: async () => {
        const counts = new Map<string, HubCounts>();
        const at = (hub: string) => {
          let entry = counts.get(hub);
          if (entry === undefined) counts.set(hub, (entry = { records: 0, events: 0 }));
          return entry;
        };
        for (const row of sqlite.prepare('SELECT hub, count(*) AS n FROM records WHERE deleted = 0 GROUP BY hub').all() as { hub: string; n: number }[]) at(row.hub).records = row.n;
        for (const row of sqlite.prepare('SELECT hub, count(*) AS n FROM events_index GROUP BY hub').all() as { hub: string; n: number }[]) at(row.hub).events = row.n;
        return counts;
      },
      rejected: async (hubId, limit) =>
        db
          .select({ seq: rejectedItems.seq, itemId: rejectedItems.itemId, field: rejectedItems.field, message: rejectedItems.message, at: rejectedItems.at })
          .from(rejectedItems)
          .where(eq(rejectedItems.hub, hubId))
          .orderBy(desc(rejectedItems.rowId))
          .limit(limit)
          .all(),
      healthSamples: async (hubId, since) =>
        db
          .select({ hour: hubHealthSamples.hour, pulls: hubHealthSamples.pulls, failures: hubHealthSamples.failures, applied: hubHealthSamples.applied, rejected: hubHealthSamples.rejected, maxLagSeq: hubHealthSamples.maxLagSeq })
          .from(hubHealthSamples)
          .where(and(eq(hubHealthSamples.hub, hubId), gte(hubHealthSamples.hour, since)))
          .orderBy(asc(hubHealthSamples.hour))
          .all(),
      republish: async (hubId) => sqliteRepublish(store, hubId),
      forget: async (hubId) => {
        db.delete(hubHealthSamples).where(eq(hubHealthSamples.hub, hubId)).run();
      },
    },
  };
}

function sqliteRepublish(store: NationalStore, hubId: string, chunk = REPUBLISH_CHUNK): AppliedChange[] {
  const { sqlite } = store;
  const select = sqlite.prepare<[string, number, string, number, number], { row_id: number; hub: string; id: string; type: string }>(
    `SELECT row_id, hub, id, type FROM (
       SELECT row_id, hub, id, type FROM records WHERE hub = ? AND deleted = 0 AND row_id > ?
       UNION
       SELECT r.row_id, r.hub, r.id, r.type FROM events_index copy JOIN records r ON r.row_id = copy.row_id
       WHERE copy.duplicate_of IN (SELECT row_id FROM events_index WHERE hub = ?) AND r.row_id > ?
     ) ORDER BY row_id LIMIT ?`,
  );
  const head = sqlite.prepare<[], { value: number }>("SELECT value FROM national_state WHERE key = 'nseq'");
  const setHead = sqlite.prepare<[number]>("UPDATE national_state SET value = ? WHERE key = 'nseq'");
  const touch = sqlite.prepare<[number, number]>('UPDATE records SET nseq = ? WHERE row_id = ?');
  const changes: AppliedChange[] = [];
  let after = 0;
  for (;;) {
    const batch = store.immediate(() => {
      const rows = select.all(hubId, after, hubId, after, chunk);
      let nseq = head.get()?.value ?? 0;
      const done: AppliedChange[] = rows.map((row) => {
        touch.run(++nseq, row.row_id);
        return { nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' as const };
      });
      if (rows.length > 0) setHead.run(nseq);
      after = rows.at(-1)?.row_id ?? after;
      return done;
    });
    changes.push(...batch);
    if (batch.length < chunk) return changes;
  }
}
