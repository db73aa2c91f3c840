import { asc, eq } from 'drizzle-orm';
import type { AppliedChange, ApplyResult, FeedPosition } from '../ingest/apply.ts';
import { NationalWriter } from '../ingest/apply.ts';
import { pgDuplicateRows, sqliteDuplicateRows, type DuplicateRows } from '../ingest/duplicate-verdicts.ts';
import { PgNationalWriter } from '../ingest/pg-apply.ts';
import { ChangeLog, type LogEntry } from '../live/change-log.ts';
import { PgChangeLog } from '../live/pg-change-log.ts';
import type { BreakerPolicy } from '../pipeline/breaker.ts';
import { HubHealth, type HubBookkeeping } from '../pipeline/health.ts';
import { PgHubHealth } from '../pipeline/pg-health.ts';
import { sqliteAdminRows, type AdminStoreRows } from './admin-rows.ts';
import type { NationalStore } from './client.ts';
import { pgAdminRows } from './pg/admin-rows.ts';
import { openPgNationalStore, type PgNationalStore, type PgStoreOptions } from './pg/client.ts';
import * as pgSchema from './pg/schema.ts';
import { hubs, type HubRow, type NewHubRow } from './schema/index.ts';

/*
 * The national store as the ingest, registry, admin and live code see it, whatever the engine:
 * SQLite (one file, the embedded default) or PostgreSQL (AGGREGATOR_DATABASE_URL; several
 * machines). Both hold the same rows (the schemas mirror each other) and give the same
 * answers; the methods are asynchronous because PostgreSQL is, and the SQLite side simply
 * runs its synchronous code inside them.
 */

/** Writes a hub's changes (see NationalWriter for the rules both engines follow). */
export interface StoreWriter {
  apply(hub: { id: string; region: string }, items: readonly unknown[], position: FeedPosition, now?: number): Promise<ApplyResult>;
  removeHub(hubId: string, now?: number): Promise<AppliedChange[]>;
}

/** The national change log that API processes follow (see ChangeLog). */
export interface ChangeLogReader {
  head(): Promise<number>;
  read(after: number, upTo: number, limit: number): Promise<LogEntry[]>;
  occurrences(rowId: number): Promise<{ start: number; end: number }[]>;
}

/** The registry's rows. */
export interface HubRows {
  list(): Promise<HubRow[]>;
  get(id: string): Promise<HubRow | undefined>;
  insert(row: NewHubRow): Promise<HubRow>;
  update(id: string, values: Partial<HubRow>): Promise<HubRow | undefined>;
  delete(id: string): Promise<void>;
}

export interface NationalEngine {
  readonly kind: 'sqlite' | 'postgres';
  readonly writer: StoreWriter;
  readonly changes: ChangeLogReader;
  readonly hubs: HubRows;
  /** The admin console's and the CLI's rows: admins, audit log, campaigns, the registry's views of hubs. */
  readonly admin: AdminStoreRows;
  /** Suspected cross-hub duplicates and the national admins' verdicts on them. */
  readonly duplicates: DuplicateRows;
  /** The pull workers' bookkeeping on the hubs' rows (last pull, errors, breaker, latest seq). */
  health(policy: BreakerPolicy): HubBookkeeping;
  close(): Promise<void>;
}

/** The SQLite store behind the engine interface (the file stays usable as before). */
export function sqliteEngine(store: NationalStore, writer = new NationalWriter(store)): NationalEngine {
  const log = new ChangeLog(store.sqlite);
  const { db } = store;
  return {
    kind: 'sqlite',
    writer: {
      apply: async (hub, items, position, now) => writer.apply(hub, items, position, now),
      removeHub: async (hubId, now) => writer.removeHub(hubId, now),
    },
    changes: {
      head: async () => log.head(),
      read: async (after, upTo, limit) => log.read(after, upTo, limit),
      occurrences: async (rowId) => log.occurrences(rowId),
    },
    hubs: {
      list: async () => db.select().from(hubs).orderBy(asc(hubs.id)).all(),
      get: async (id) => db.select().from(hubs).where(eq(hubs.id, id)).get(),
      insert: async (row) => store.immediate(() => db.insert(hubs).values(row).returning().get()),
      update: async (id, values) => store.immediate(() => db.update(hubs).set(values).where(eq(hubs.id, id)).returning().get()),
      delete: async (id) => {
        store.immediate(() => db.delete(hubs).where(eq(hubs.id, id)).run());
      },
    },
    admin: sqliteAdminRows(store),
    duplicates: sqliteDuplicateRows(store),
    health: (policy) => new HubHealth(store, policy),
    close: async () => store.close(),
  };
}

/** The PostgreSQL store behind the engine interface. */
export function postgresEngine(store: PgNationalStore): NationalEngine {
  const writer = new PgNationalWriter(store);
  const log = new PgChangeLog(store.pool);
  // Registry rows are read from the primary: an operator's approval must show at once.
  const db = '$primary' in store.db ? (store.db as unknown as { $primary: PgNationalStore['db'] }).$primary : store.db;
  const table = pgSchema.hubs;
  return {
    kind: 'postgres',
    writer,
    changes: log,
    hubs: {
      list: async () => db.select().from(table).orderBy(asc(table.id)),
      get: async (id) => (await db.select().from(table).where(eq(table.id, id)))[0],
      insert: async (row) => (await db.insert(table).values(row).returning())[0] as HubRow,
      update: async (id, values) => (await db.update(table).set(values).where(eq(table.id, id)).returning())[0],
      delete: async (id) => {
        await db.delete(table).where(eq(table.id, id));
      },
    },
    admin: pgAdminRows(store),
    duplicates: pgDuplicateRows(store),
    health: (policy) => new PgHubHealth(store.pool, policy),
    close: () => store.close(),
  };
}

/** Opens the engine the configuration names: PostgreSQL when a database URL is set, else the SQLite file. */
export async function openEngine(databaseUrl: string | undefined, openSqlite: () => NationalStore, options: PgStoreOptions = {}): Promise<NationalEngine> {
  if (databaseUrl === undefined) return sqliteEngine(openSqlite());
  return postgresEngine(await openPgNationalStore(databaseUrl, options));
}
