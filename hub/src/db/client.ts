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
  /**
   * Runs `effect` once the outermost transaction commits (at once when none is open);
   * dropped if it rolls back. Side effects (notify, publish) go here, never inside.
   */
  afterCommit(effect: () => void): void;
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
  // 32 MiB of page cache (the default is 2 MiB): the event list re-read pages from the OS
  // on every query at 100k events (bench/README.md).
  sqlite.pragma('cache_size = -32768');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  let depth = 0;
  let pending: (() => void)[] = [];
  const runPending = () => {
    const effects = pending;
    pending = [];
    for (const effect of effects) effect();
  };
  return {
    db,
    sqlite,
    immediate: (work) => {
      // Nested calls become savepoints (better-sqlite3); effects wait for the outermost commit.
      depth += 1;
      try {
        const result = db.transaction(work, { behavior: 'immediate' });
        depth -= 1;
        if (depth === 0) runPending();
        return result;
      } catch (error) {
        depth -= 1;
        if (depth === 0) pending = [];
        throw error;
      }
    },
    afterCommit: (effect) => {
      if (depth === 0 && !sqlite.inTransaction) effect();
      else pending.push(effect);
    },
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
