/**
 * What the list query could cost with other indexes: on a throw-away copy of the
 * benchmark database, adds an R*Tree and times each alternative against the hub's
 * current SQL over the benchmark URLs, checking that every alternative returns the very
 * same page. Evidence for a change to the hub, not a change itself.
 *
 *   npx tsx --conditions=@constellation/source bench/hub/sql-alternatives.ts [--events 100000] [--repeats 10]
 *
 * - current: hub/src/services/event-list.ts as of commit 4713c34 (the hub's own R*Tree of
 *   occurrence boxes, time x place, in minutes and degrees).
 * - before-rtree: the list SQL before that commit (the (lat, lon) B-tree walks every event
 *   in the box's latitude band, then each one's occurrences).
 * - events-rtree: a 2-D R*Tree of event positions, joined from the R*Tree side
 *   (CROSS JOIN, see shared/STACK.md), then each event's occurrences.
 * - occurrences-rtree: this benchmark's own 3-D R*Tree of occurrences (lon, lat, time in
 *   minutes), measured before the hub had one; the hub's is the same idea.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { LIST_SQL, LIST_SQL_BEFORE_RTREE, paramsFor } from './bare-server.ts';
import { DATA_ROOT, dataDirFor, isMain, numberFlag, readMeta } from './common.ts';
import { SIZES, benchmarkPaths, listParams } from './urls.ts';

const PAGE = (from: string) => `
  SELECT g.id, g.start, json_object(
    'event', json(c.public_json),
    'occurrence', json_object('start', strftime('%Y-%m-%dT%H:%M:%SZ', g.start / 1000, 'unixepoch'), 'end', strftime('%Y-%m-%dT%H:%M:%SZ', g.end / 1000, 'unixepoch'))
  ) AS item
  FROM (${from}) g JOIN content c ON c.id = g.id
  ORDER BY g.start, g.id`;

const EXACT = '(o.end > @from OR o.start = @from) AND o.start < @to AND e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east';

const ALTERNATIVES: Record<string, string> = {
  current: LIST_SQL,
  'before-rtree': LIST_SQL_BEFORE_RTREE,
  'events-rtree': PAGE(`
    SELECT o.event_id AS id, min(o.start) AS start, o.end AS end
    FROM bench_events_geo r CROSS JOIN events_index e ON e.rowid = r.id CROSS JOIN event_occurrences o ON o.event_id = e.id
    WHERE r.minX <= @east AND r.maxX >= @west AND r.minY <= @north AND r.maxY >= @south AND ${EXACT}
    GROUP BY o.event_id ORDER BY start, o.event_id LIMIT @limit`),
  'occurrences-rtree': PAGE(`
    SELECT o.event_id AS id, min(o.start) AS start, o.end AS end
    FROM bench_occurrences_st r CROSS JOIN event_occurrences o ON o.rowid = r.id CROSS JOIN events_index e ON e.id = o.event_id
    WHERE r.minX <= @east AND r.maxX >= @west AND r.minY <= @north AND r.maxY >= @south AND r.minT <= @toMinutes AND r.maxT >= @fromMinutes AND ${EXACT}
    GROUP BY o.event_id ORDER BY start, o.event_id LIMIT @limit`),
};

export interface AlternativeTimes {
  name: string;
  meanMs: number;
  bySize: Record<string, number>;
  plan: string[];
}

export function compareAlternatives(source: string, paths: readonly { path: string; kind: string }[], repeats = 10): { buildMs: Record<string, number>; results: AlternativeTimes[] } {
  const copy = join(DATA_ROOT, 'sql-alternatives.sqlite');
  rmSync(copy, { force: true });
  copyFileSync(source, copy);
  const db = new Database(copy);
  try {
    const buildMs: Record<string, number> = {};
    let started = performance.now();
    db.exec(`
      CREATE VIRTUAL TABLE bench_events_geo USING rtree(id, minX, maxX, minY, maxY);
      INSERT INTO bench_events_geo SELECT rowid, lon, lon, lat, lat FROM events_index WHERE lat IS NOT NULL;`);
    buildMs['events-rtree'] = Math.round(performance.now() - started);
    started = performance.now();
    db.exec(`
      CREATE VIRTUAL TABLE bench_occurrences_st USING rtree(id, minX, maxX, minY, maxY, minT, maxT);
      INSERT INTO bench_occurrences_st
        SELECT o.rowid, e.lon, e.lon, e.lat, e.lat, o.start / 60000, (o.end + 59999) / 60000
        FROM event_occurrences o JOIN events_index e ON e.id = o.event_id WHERE e.lat IS NOT NULL;
      ANALYZE;`);
    buildMs['occurrences-rtree'] = Math.round(performance.now() - started);
    const results = Object.entries(ALTERNATIVES).map(([name, sql]) => {
      const statement = db.prepare(sql);
      const times: { kind: string; ms: number }[] = [];
      const page = (rows: unknown[]) => JSON.stringify((rows as { id: string; start: number; item: Buffer | string }[]).map((row) => [row.id, row.start, String(row.item)]));
      for (const { path, kind } of paths) {
        const params = listParams(path);
        const used = paramsFor(sql, params);
        if (page(statement.all(used)) !== page(db.prepare(LIST_SQL).all(paramsFor(LIST_SQL, params)))) throw new Error(`${name} gives a different page for ${path}`);
        const at = performance.now();
        for (let index = 0; index < repeats; index += 1) statement.all(used);
        times.push({ kind, ms: (performance.now() - at) / repeats });
      }
      const mean = (values: number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1)) * 100) / 100;
      const first = paths[0];
      const planParams = first === undefined ? {} : paramsFor(sql, listParams(first.path));
      return {
        name,
        meanMs: mean(times.map((entry) => entry.ms)),
        bySize: Object.fromEntries(SIZES.map((size) => [size.name, mean(times.filter((entry) => entry.kind.startsWith(`${size.name} `)).map((entry) => entry.ms))])),
        plan: (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(planParams) as { detail: string }[]).map((row) => row.detail),
      };
    });
    return { buildMs, results };
  } finally {
    db.close();
    rmSync(copy, { force: true });
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
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
  const { buildMs, results } = compareAlternatives(join(dataDir, 'hub.sqlite'), benchmarkPaths(meta), numberFlag(argv, 'repeats', 10));
  console.log(`R*Tree builds on ${meta.events} events / ${meta.occurrences} occurrences: ${Object.entries(buildMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
  console.log('every alternative returned the same pages as the current SQL\n');
  for (const result of results) {
    console.log(`${result.name.padEnd(18)} mean ${result.meanMs.toFixed(2).padStart(7)} ms  ${Object.entries(result.bySize).map(([size, ms]) => `${size} ${ms.toFixed(2)}`).join(', ')}`);
    for (const line of result.plan) console.log(`${''.padEnd(20)}${line}`);
  }
}
