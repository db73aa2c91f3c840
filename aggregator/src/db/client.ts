import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.ts';

export type NationalDb = BetterSQLite3Database<typeof schema>;

/**
 * The national store: one SQLite file shared by the worker (the only writer of
 * records) and every API process on the machine (readers; WAL lets them read while
 * the worker writes).
 */
export interface NationalStore {
  db: NationalDb;
  sqlite: Database.Database;
  /** Runs `work` in a `BEGIN IMMEDIATE` transaction; `work` must not await. */
  immediate<T>(work: () => T): T;
  close(): void;
}

// Resolved from this file, so it works from src/ (tests) and from dist/ (production).
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface StoreOptions {
  /** Page cache in MiB; the worker and each API process hold their own. */
  cacheMiB?: number;
  readonly?: boolean;
}

export function openNationalStore(file: string, options: StoreOptions = {}): NationalStore {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // The worker commits in small batches; an API process or the CLI waits its turn.
  sqlite.pragma('busy_timeout = 10000');
  // WAL + NORMAL survives an application crash; only an OS crash may lose the last
  // commits, and those are pulled again from the hubs (the cursor rolls back with them).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  const transaction = (work: () => unknown) => sqlite.transaction(work).immediate();
  return {
    db,
    sqlite,
    immediate: <T>(work: () => T) => transaction(work) as T,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
