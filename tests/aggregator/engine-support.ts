import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migratePgStore, openNationalStore, openPgNationalStore, postgresEngine, sqliteEngine, type NationalEngine, type NationalStore, type PgNationalStore } from '@constellation/aggregator';
import type { TestPostgres } from '../support/postgres.ts';

/*
 * The national store under test on either engine, for files that run the same behaviour
 * against both (describe.each over ENGINES). `all` runs portable SQL with `?` placeholders
 * (booleans compared with NOT, no JSON functions), so a test reads the same rows on both.
 */

export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineKind = (typeof ENGINES)[number];

export interface EngineUnderTest {
  readonly kind: EngineKind;
  readonly engine: NationalEngine;
  all<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** Empties every table (a fresh store, without a new file or database). */
  reset(): Promise<void>;
  /** Makes inserting an occurrence of the event titled `title` fail with `message` (a real fault inside the store); returns the undo. */
  trapOccurrences(title: string, message: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const TABLES = ['records', 'events_index', 'event_occurrences', 'hubs', 'rejected_items', 'duplicate_reviews'];

function sqliteUnderTest(): EngineUnderTest {
  let dir = mkdtempSync(join(tmpdir(), 'constellation-national-'));
  let store: NationalStore = openNationalStore(join(dir, 'national.sqlite'));
  let engine = sqliteEngine(store);
  return {
    kind: 'sqlite',
    get engine() {
      return engine;
    },
    all: async <Row>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).all(...params) as Row[],
    reset: async () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'constellation-national-'));
      store = openNationalStore(join(dir, 'national.sqlite'));
      engine = sqliteEngine(store);
    },
    trapOccurrences: async (title, message) => {
      store.sqlite.exec(`CREATE TEMP TRIGGER refuse_trap BEFORE INSERT ON event_occurrences
        WHEN (SELECT json_extract(data, '$.title') FROM records WHERE row_id = NEW.event_row) = '${title}' BEGIN SELECT RAISE(ABORT, '${message}'); END`);
      return async () => {
        store.sqlite.exec('DROP TRIGGER refuse_trap');
      };
    },
    close: async () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUnderTest(server: TestPostgres): Promise<EngineUnderTest> {
  const url = await server.database();
  await migratePgStore(url);
  const store: PgNationalStore = await openPgNationalStore(url, { poolSize: 4 });
  const engine = postgresEngine(store);
  const all = async <Row>(sql: string, ...params: unknown[]) => {
    let n = 0;
    return (await store.pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as Row[];
  };
  return {
    kind: 'postgres',
    engine,
    all,
    reset: async () => {
      await store.pool.query(`TRUNCATE ${[...TABLES, 'events_text'].join(', ')} RESTART IDENTITY; UPDATE national_state SET value = 0 WHERE key = 'nseq'`);
    },
    trapOccurrences: async (title, message) => {
      await store.pool.query(`CREATE FUNCTION refuse_trap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          IF (SELECT data::jsonb ->> 'title' FROM records WHERE row_id = NEW.event_row) = '${title}' THEN RAISE EXCEPTION '${message}'; END IF;
          RETURN NEW; END $$;
        CREATE TRIGGER refuse_trap BEFORE INSERT ON event_occurrences FOR EACH ROW EXECUTE FUNCTION refuse_trap()`);
      return async () => {
        await store.pool.query('DROP TRIGGER refuse_trap ON event_occurrences; DROP FUNCTION refuse_trap()');
      };
    },
    close: () => store.close(),
  };
}

/** A fresh national store on `kind`; `server` is the file's PostgreSQL (started only when a test needs it). */
export async function engineUnderTest(kind: EngineKind, server: () => Promise<TestPostgres>): Promise<EngineUnderTest> {
  return kind === 'sqlite' ? sqliteUnderTest() : postgresUnderTest(await server());
}
