import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.ts';

export type HubDb = BetterSQLite3Database<typeof schema>;
export type HubTx = Parameters<Parameters<HubDb['transaction']>[0]>[0];

/** The hub's one SQLite file, opened and migrated. All SQLite settings live here. */
export interface Store {
  db: HubDb;
  sqlite: Database.Database;
  /**
   * Runs `work` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front,
   * so a read-then-write never fails half-way with SQLITE_BUSY, and seq order is
   * commit order. better-sqlite3 is synchronous: `work` must not await.
   */
  immediate<T>(work: (tx: HubTx) => T): T;
  close(): void;
}

// Resolved from this file, so it works from src/ (tests) and from dist/ (production).
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export function openStore(file: string): Store {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable across application crashes; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    sqlite,
    immediate: (work) => db.transaction(work, { behavior: 'immediate' }),
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
