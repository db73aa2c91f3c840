/**
 * The list query under the microscope, without HTTP: for each benchmark URL, the plan
 * SQLite picks (EXPLAIN QUERY PLAN), the time of the query on one read-only connection,
 * and how many index entries the plan walks compared with the rows it needs.
 *
 *   npx tsx --conditions=@constellation/source bench/hub/explain.ts [--events 100000] [--repeats 10]
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { LIST_SQL, paramsFor } from './bare-server.ts';
import { dataDirFor, isMain, numberFlag, readMeta } from './common.ts';
import { benchmarkPaths, listParams } from './urls.ts';

export interface Explained {
  kind: string;
  path: string;
  ms: number;
  items: number;
  /** events_index rows in the box's latitude band: what the (lat, lon) B-tree range of the plan before the R*Tree walked. */
  eventsInLatBand: number;
  eventsInBox: number;
  /** Occurrences of events in the box that overlap the window: the rows actually wanted. */
  matchingOccurrences: number;
}

export function explain(file: string, paths: readonly { path: string; kind: string }[], repeats = 10): { plan: string[]; rows: Explained[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const list = db.prepare(LIST_SQL);
    const latBand = db.prepare('SELECT count(*) AS n FROM events_index e WHERE e.lat BETWEEN @south AND @north');
    const inBox = db.prepare('SELECT count(*) AS n FROM events_index e WHERE e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east');
    const matching = db.prepare(
      'SELECT count(*) AS n FROM event_occurrences o JOIN events_index e ON e.id = o.event_id WHERE (o.end > @from OR o.start = @from) AND o.start < @to AND e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east',
    );
    const count = (statement: Database.Statement, params: Record<string, number>) => (statement.get(paramsFor(statement.source, params)) as { n: number }).n;
    const first = paths[0];
    const plan = first === undefined ? [] : (db.prepare(`EXPLAIN QUERY PLAN ${LIST_SQL}`).all(listParams(first.path)) as { parent: number; detail: string }[]).map((row) => `${row.parent === 0 ? '' : '  '}${row.detail}`);
    const rows = paths.map(({ path, kind }) => {
      const params = listParams(path);
      const items = Math.min(list.all(params).length, (params.limit ?? 21) - 1);
      const started = performance.now();
      for (let index = 0; index < repeats; index += 1) list.all(params);
      const ms = (performance.now() - started) / repeats;
      return { kind, path, ms: Math.round(ms * 100) / 100, items, eventsInLatBand: count(latBand, params), eventsInBox: count(inBox, params), matchingOccurrences: count(matching, params) };
    });
    return { plan, rows };
  } finally {
    db.close();
  }
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const dataDir = dataDirFor(numberFlag(argv, 'events', 100_000));
  const meta = readMeta(dataDir);
  if (meta === undefined) {
    console.error(`no complete data in ${dataDir}: run populate.ts (or npm run bench:hub) first`);
    process.exit(2);
  }
  const { plan, rows } = explain(join(dataDir, 'hub.sqlite'), benchmarkPaths(meta), numberFlag(argv, 'repeats', 10));
  console.log(`EXPLAIN QUERY PLAN (same for every URL of this shape):\n${plan.map((line) => `  ${line}`).join('\n')}\n`);
  console.log('     ms  items  lat band  events in box  occurrences wanted  url');
  for (const row of rows) {
    console.log(`${row.ms.toFixed(2).padStart(7)} ${String(row.items).padStart(6)} ${String(row.eventsInLatBand).padStart(9)} ${String(row.eventsInBox).padStart(14)} ${String(row.matchingOccurrences).padStart(19)}  ${row.kind}`);
  }
  const mean = rows.reduce((sum, row) => sum + row.ms, 0) / Math.max(rows.length, 1);
  console.log(`mean ${mean.toFixed(2)} ms per query`);
}
