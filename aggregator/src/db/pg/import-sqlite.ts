import Database from 'better-sqlite3';
import pg from 'pg';
import { migratePgStore } from './client.ts';

/*
 * Moves a national store from SQLite to PostgreSQL, whole: every row with its row id and
 * national seq, so the hubs' cursors, the change log positions live clients resume from
 * (Last-Event-ID) and duplicate links all stay valid, and nothing is pulled again. The
 * source is a file (a `constellation aggregator backup`, or the store of a stopped
 * aggregator); the target must be empty. One transaction: an interrupted import leaves
 * nothing behind.
 */

/** Table, its columns in both stores, and the SQLite query reading them in row order. */
const TABLES: { table: string; columns: string[]; from: string }[] = [
  { table: 'hubs', columns: ['id', 'base_url', 'name', 'region', 'status', 'descriptor', 'cursor', 'etag', 'latest', 'added_at', 'approved_at', 'suspended_at', 'suspend_reason', 'last_pull_at', 'last_success_at', 'caught_up_at', 'last_error', 'last_error_at', 'consecutive_failures', 'breaker_until', 'applied_count', 'rejected_count'], from: 'hubs ORDER BY id' },
  { table: 'admins', columns: ['id', 'email', 'password_hash', 'created_at'], from: 'admins ORDER BY id' },
  { table: 'campaigns', columns: ['slug', 'name', 'start_date', 'end_date', 'description', 'logo', 'regions', 'created_by', 'created_at', 'updated_at'], from: 'campaigns ORDER BY slug' },
  { table: 'hub_health_samples', columns: ['hub', 'hour', 'pulls', 'failures', 'applied', 'rejected', 'max_lag_seq'], from: 'hub_health_samples ORDER BY hub, hour' },
  { table: 'admin_audit', columns: ['row_id', 'at', 'admin_id', 'admin_email', 'action', 'target_id', 'target_name', 'detail'], from: 'admin_audit ORDER BY row_id' },
  { table: 'duplicate_reviews', columns: ['left_hub', 'left_id', 'right_hub', 'right_id', 'verdict', 'at', 'admin_email'], from: 'duplicate_reviews ORDER BY left_hub, left_id, right_hub, right_id' },
  { table: 'rejected_items', columns: ['row_id', 'hub', 'seq', 'item_id', 'field', 'message', 'at'], from: 'rejected_items ORDER BY row_id' },
  { table: 'records', columns: ['row_id', 'hub', 'id', 'type', 'version', 'updated_at', 'synced_at', 'hub_seq', 'nseq', 'first_nseq', 'deleted', 'data'], from: 'records ORDER BY row_id' },
  { table: 'events_index', columns: ['row_id', 'hub', 'region', 'actor_id', 'format', 'audiences', 'disciplines', 'accessibility', 'free', 'online', 'lat', 'lon', 'first_start', 'last_end', 'title_key', 'campaign', 'parent', 'duplicate_of'], from: 'events_index ORDER BY row_id' },
  { table: 'event_occurrences', columns: ['id', 'event_row', 'start', 'end'], from: 'event_occurrences ORDER BY id' },
  // The text index's source columns; PostgreSQL computes the search document itself.
  { table: 'events_text', columns: ['row_id', 'title', 'summary', 'body', 'place'], from: "(SELECT rowid AS row_id, title, summary, body, place FROM events_fts) ORDER BY row_id" },
];

const CHUNK = 5_000;

export interface ImportReport {
  rows: Record<string, number>;
  nseq: number;
}

export async function importSqliteStore(file: string, url: string, progress: (line: string) => void = () => undefined): Promise<ImportReport> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records'").get() === undefined) throw new Error(`${file} is not a national store (no records table)`);
    await migratePgStore(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const { rows: held } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM hubs) AS n');
      if (Number(held[0]?.n ?? 0) > 0) throw new Error('the PostgreSQL national store is not empty: import into a new database');
      const report: ImportReport = { rows: {}, nseq: 0 };
      for (const { table, columns, from } of TABLES) {
        const quoted = columns.map((column) => `"${column}"`).join(', ');
        const insert = `INSERT INTO ${table} (${quoted}) SELECT ${quoted} FROM json_populate_recordset(null::${table}, $1::json)`;
        let chunk: unknown[] = [];
        let count = 0;
        const flush = async () => {
          if (chunk.length === 0) return;
          await client.query(insert, [JSON.stringify(chunk)]);
          count += chunk.length;
          chunk = [];
        };
        // A file from before a column was added (the store migrates itself at its next start,
        // not here: the file is opened read-only) gives NULL for it, as its migration would.
        // (events_text is read from a subquery that names its columns.)
        const held = table === 'events_text' ? undefined : new Set(source.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
        const selected = columns.map((column) => (held === undefined || held.has(column) ? `"${column}"` : `NULL AS "${column}"`)).join(', ');
        for (const row of source.prepare(`SELECT ${selected} FROM ${from}`).iterate()) {
          chunk.push(row);
          if (chunk.length >= CHUNK) await flush();
        }
        await flush();
        report.rows[table] = count;
        progress(`${table}: ${count} rows`);
      }
      // New rows continue after the imported ids.
      for (const [table, column] of [['records', 'row_id'], ['rejected_items', 'row_id'], ['event_occurrences', 'id'], ['admin_audit', 'row_id']] as const) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), greatest(1, (SELECT coalesce(max(${column}), 0) FROM ${table})), (SELECT count(*) > 0 FROM ${table}))`);
      }
      const nseq = (source.prepare("SELECT value FROM national_state WHERE key = 'nseq'").get() as { value: number } | undefined)?.value ?? 0;
      await client.query("UPDATE national_state SET value = $1 WHERE key = 'nseq'", [nseq]);
      report.nseq = nseq;
      await client.query('COMMIT');
      return report;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  } finally {
    source.close();
  }
}
