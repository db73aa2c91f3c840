import Database from 'better-sqlite3';
import pg from 'pg';
import type { HubProcess } from './hub-process.ts';

/*
 * The national store read directly, beside the running processes: read-only on the
 * SQLite file, or a short PostgreSQL connection when the federation runs on one.
 */

/** Where a federation's national store is: its SQLite file, or the PostgreSQL database it was given. */
export interface NationalStoreAt {
  file: string;
  databaseUrl?: string | undefined;
}

export interface NationalRecord {
  hub: string;
  id: string;
  type: string;
  version: number;
  deleted: boolean;
  /** What the stored data says of itself. */
  dataHub: string | null;
  dataVersion: number | null;
}

export interface IndexDifferences {
  /** Public on a hub, absent (or a tombstone) nationally. */
  missing: string[];
  /** Live nationally, not public on its hub (deleted there, or never its). */
  extra: string[];
  /** Live on both sides with different versions: "hub/id national≠hub". */
  stale: string[];
  /** Records whose stored data names another hub than the one they are filed under. */
  wrongHub: string[];
  /** Events indexed more than once, or indexed without a live record, or live without an index row. */
  indexMismatches: string[];
}

/** Runs `read` on a read-only connection to the national SQLite file. */
export function readNational<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return read(db);
  } finally {
    db.close();
  }
}

/** Every record of the national SQLite file. */
export function nationalRecords(file: string): NationalRecord[] {
  return readNational(file, (db) =>
    (db.prepare(
      `SELECT hub, id, type, version, deleted, json_extract(data, '$.hub') AS dataHub, json_extract(data, '$.version') AS dataVersion FROM records`,
    ).all() as (Omit<NationalRecord, 'deleted'> & { deleted: number })[]).map((row) => ({ ...row, deleted: row.deleted === 1 })),
  );
}

/** Rows of a query on the national store, whichever the engine (read-only). */
export async function queryNational<Row>(store: NationalStoreAt, sql: string): Promise<Row[]> {
  if (store.databaseUrl === undefined) return readNational(store.file, (db) => db.prepare(sql).all() as Row[]);
  const client = new pg.Client({ connectionString: store.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** nationalRecords() on either engine. */
export async function nationalRecordsOfEither(store: NationalStoreAt): Promise<NationalRecord[]> {
  if (store.databaseUrl === undefined) return nationalRecords(store.file);
  const rows = await queryNational<Omit<NationalRecord, 'deleted' | 'dataVersion'> & { deleted: boolean; dataVersion: string | null }>(
    store,
    `SELECT hub, id, type, version::int AS version, deleted, data::jsonb ->> 'hub' AS "dataHub", data::jsonb ->> 'version' AS "dataVersion" FROM records`,
  );
  return rows.map((row) => ({ ...row, dataVersion: row.dataVersion === null ? null : Number(row.dataVersion) }) as NationalRecord);
}

/**
 * Compares the national store with what the hubs publish now: every public item of every
 * hub (its feed from 0, upserts) against the store's live records, by (hub, id, version).
 */
export async function indexDifferences(store: NationalStoreAt, hubs: readonly HubProcess[]): Promise<IndexDifferences> {
  const expected = new Map<string, number>();
  for (const hub of hubs) {
    for (const item of await hub.feed()) if (item.op === 'upsert') expected.set(`${hub.id}/${item.id}`, item.version);
  }
  const records = await nationalRecordsOfEither(store);
  const live = new Map<string, number>();
  const wrongHub: string[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    live.set(`${record.hub}/${record.id}`, record.version);
    if (record.dataHub !== record.hub || record.dataVersion !== record.version) wrongHub.push(`${record.hub}/${record.id} says ${record.dataHub}/v${record.dataVersion}`);
  }
  const missing = [...expected.keys()].filter((key) => !live.has(key));
  const extra = [...live.keys()].filter((key) => !expected.has(key));
  const stale = [...expected].filter(([key, version]) => live.has(key) && live.get(key) !== version).map(([key, version]) => `${key} ${live.get(key)}≠${version}`);
  // Portable SQL (NOT deleted reads SQLite's 0/1 and PostgreSQL's booleans alike).
  const unindexed = await queryNational<{ key: string }>(store, `SELECT r.hub || '/' || r.id AS key FROM records r LEFT JOIN events_index e ON e.row_id = r.row_id WHERE r.type = 'event' AND NOT r.deleted AND e.row_id IS NULL`);
  const orphans = await queryNational<{ key: string }>(store, `SELECT e.hub || ' row ' || e.row_id AS key FROM events_index e LEFT JOIN records r ON r.row_id = e.row_id WHERE r.row_id IS NULL OR r.deleted OR r.hub <> e.hub`);
  const indexMismatches = [...unindexed.map((row) => `${row.key} live but not indexed`), ...orphans.map((row) => `${row.key} indexed without a live record of that hub`)];
  return { missing, extra, stale, wrongHub, indexMismatches };
}
