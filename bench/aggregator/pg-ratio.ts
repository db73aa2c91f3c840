/**
 * `npm run bench:pg`: the PostgreSQL national store against the SQLite one, in the same
 * process run on the same generated feed, each as a ratio PostgreSQL / SQLite:
 *  1. first ingest through each engine's writer (events/s, time inside `apply` only);
 *  2. re-sync of the same, unchanged pages;
 *  3. ranked text search, a common and a rare word, top 20 (p95 over repeated queries):
 *     FTS5 bm25 on SQLite, the French tsvector (unaccent + stemming) with ts_rank on
 *     PostgreSQL, and pg_trgm similarity on titles;
 *  4. the duplicate finder's place query (the one spatial query the store answers: lists,
 *     viewports and clusters come from each API process's in-memory map index, whichever
 *     the engine), the GiST point index against a scan.
 *
 *   npm run bench:pg -- --hubs 4 --events 5000
 *   BENCH_DATABASE_URL=postgres://... uses that (empty) database; otherwise a private server
 *   is started as the tests start theirs (Debian's PostgreSQL, fsync off: a test server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migratePgStore, NationalWriter, openNationalStore, openPgNationalStore, PgNationalWriter } from '@constellation/aggregator';
import { startPostgres } from '../../tests/support/postgres.ts';
import { flag, isMain, machine, n, numberFlag, percentiles, round, table, writeResult } from './common.ts';
import { benchHubs, feedPage, prepareGazetteers, todayAnchor } from './events.ts';
import { registerHubs } from './ingest.ts';

const QUERIES = 200;

async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const hubCount = numberFlag(argv, 'hubs', 4);
  const eventsPerHub = numberFlag(argv, 'events', 5_000);
  const pageSize = numberFlag(argv, 'page', 1_000);
  const batch = numberFlag(argv, 'batch', 250);
  const log = (line: string) => console.log(line);
  const hubs = benchHubs(hubCount);
  prepareGazetteers(hubs);
  const anchor = todayAnchor();
  const total = hubCount * eventsPerHub;
  log(`bench:pg: ${hubCount} hubs × ${n(eventsPerHub)} events = ${n(total)} events, pages of ${pageSize}, batches of ${batch}`);

  const dir = mkdtempSync(join(tmpdir(), 'constellation-bench-pg-'));
  const server = flag(argv, 'database-url') === undefined && process.env.BENCH_DATABASE_URL === undefined ? await startPostgres() : undefined;
  const url = (flag(argv, 'database-url')) ?? process.env.BENCH_DATABASE_URL ?? (await server?.database('bench')) ?? '';
  try {
    await migratePgStore(url);
    const sqlite = openNationalStore(join(dir, 'national.sqlite'));
    const pg = await openPgNationalStore(url, { poolSize: 2 });
    registerHubs(sqlite, hubs);
    for (const hub of hubs) {
      await pg.pool.query(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at, approved_at) VALUES ($1, $2, $3, $4, 'approved', '{}', 0, 0)`, [hub.id, hub.baseUrl, hub.name, hub.region]);
    }
    const sqliteWriter = new NationalWriter(sqlite);
    const pgWriter = new PgNationalWriter(pg);

    /** One pass over every hub's feed through `apply`; seconds inside apply. */
    const pass = async (apply: (hub: { id: string; region: string }, items: unknown[], cursor: string) => Promise<unknown> | unknown): Promise<number> => {
      let seconds = 0;
      for (let from = 0; from < eventsPerHub; from += pageSize) {
        for (const hub of hubs) {
          const page = feedPage(hub, from, Math.min(eventsPerHub, from + pageSize), anchor, hubs[hub.index - 1]);
          for (let start = 0; start < page.length; start += batch) {
            const items = page.slice(start, start + batch);
            const t0 = performance.now();
            await apply({ id: hub.id, region: hub.region }, items, String(items.at(-1)?.seq ?? 0));
            seconds += (performance.now() - t0) / 1000;
          }
        }
      }
      return seconds;
    };
    const figures: Record<string, { sqlite: number; postgres: number; unit: string }> = {};
    const rate = (seconds: number) => Math.round(total / seconds);
    const engines = {
      sqlite: (hub: { id: string; region: string }, items: unknown[], cursor: string) => sqliteWriter.apply(hub, items, { cursor, latest: eventsPerHub }),
      postgres: (hub: { id: string; region: string }, items: unknown[], cursor: string) => pgWriter.apply(hub, items, { cursor, latest: eventsPerHub }),
    };
    const ingest = { sqlite: rate(await pass(engines.sqlite)), postgres: rate(await pass(engines.postgres)) };
    figures['first ingest'] = { ...ingest, unit: 'events/s' };
    log(`first ingest: SQLite ${n(ingest.sqlite)} events/s, PostgreSQL ${n(ingest.postgres)} events/s`);
    const resync = { sqlite: rate(await pass(engines.sqlite)), postgres: rate(await pass(engines.postgres)) };
    figures['re-sync, unchanged'] = { ...resync, unit: 'events/s' };
    log(`re-sync: SQLite ${n(resync.sqlite)} events/s, PostgreSQL ${n(resync.postgres)} events/s`);
    await pg.pool.query('VACUUM ANALYZE');

    const p95 = async (run: () => unknown): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < QUERIES; i += 1) {
        const t0 = performance.now();
        await run();
        samples.push(performance.now() - t0);
      }
      return round(percentiles(samples, [95]).p95 ?? 0, 2);
    };
    const ranked = sqlite.sqlite.prepare("SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY bm25(events_fts, 4, 2, 1, 1) LIMIT 20");
    const common = flag(argv, 'common') ?? 'atelier';
    const rare = flag(argv, 'rare') ?? 'escape';
    for (const word of [common, rare]) {
      const [{ n: matches = 0 } = {}] = (await pg.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM events_text WHERE document @@ plainto_tsquery('constellation_french', $1)", [word])).rows;
      figures[`ranked text "${word}" p95 (${n(matches)} matches)`] = {
        sqlite: await p95(() => ranked.all(word)),
        postgres: await p95(() =>
          pg.pool.query(
            "SELECT row_id FROM events_text WHERE document @@ plainto_tsquery('constellation_french', $1) ORDER BY ts_rank(document, plainto_tsquery('constellation_french', $1), 1) DESC LIMIT 20",
            [word],
          ),
        ),
        unit: 'ms',
      };
    }
    figures[`trigram title "${rare}" p95`] = {
      sqlite: Number.NaN,
      postgres: await p95(() => pg.pool.query("SELECT row_id FROM events_text WHERE lower(unaccent_immutable(title)) % $1 ORDER BY similarity(lower(unaccent_immutable(title)), $1) DESC LIMIT 20", [rare])),
      unit: 'ms',
    };
    figures['trigram word "laboratiore" p95'] = {
      sqlite: Number.NaN,
      postgres: await p95(() => pg.pool.query("SELECT row_id FROM events_text WHERE $1 <% lower(unaccent_immutable(title)) ORDER BY word_similarity($1, lower(unaccent_immutable(title))) DESC LIMIT 20", ['laboratiore'])),
      unit: 'ms',
    };
    // Which ranks better on these titles: the same questions (a plural, an unaccented word,
    // misspellings) asked of the French tsvector (ts_rank), of trigram similarity against
    // the whole title (`%`) and of trigram word similarity (`<%`: the closest word of the
    // title). Measured against the word meant: precision of the top 10 (titles holding it)
    // and recall (the share of the titles holding it that are found at all).
    const QUESTIONS: readonly [string, string][] = [
      ['laboratoires', 'laboratoire'],
      ['decouverte', 'decouverte'],
      ['meteorite', 'meteorite'],
      ['laboratiore', 'laboratoire'],
      ['mediteranee', 'mediterranee'],
      ['conferance', 'conference'],
    ];
    const METHODS: Record<string, string> = {
      'French tsvector': "SELECT title FROM events_text WHERE document @@ plainto_tsquery('constellation_french', $1) ORDER BY ts_rank(document, plainto_tsquery('constellation_french', $1), 1) DESC, row_id",
      'trigram title %': 'SELECT title FROM events_text WHERE lower(unaccent_immutable(title)) % $1 ORDER BY similarity(lower(unaccent_immutable(title)), $1) DESC, row_id',
      'trigram word <%': 'SELECT title FROM events_text WHERE $1 <% lower(unaccent_immutable(title)) ORDER BY word_similarity($1, lower(unaccent_immutable(title))) DESC, row_id',
    };
    const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const ranking: Record<string, Record<string, { matches: number; precisionAt10: number; recall: number }>> = {};
    for (const [question, meant] of QUESTIONS) {
      const { rows: holding } = await pg.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM events_text WHERE lower(unaccent_immutable(title)) LIKE '%' || $1 || '%'", [meant]);
      const relevant = holding[0]?.n ?? 0;
      ranking[question] = {};
      for (const [method, query] of Object.entries(METHODS)) {
        const { rows } = await pg.pool.query<{ title: string }>(query, [question]);
        const top = rows.slice(0, 10);
        const hits = rows.filter((row) => fold(row.title).includes(meant)).length;
        ranking[question][method] = {
          matches: rows.length,
          precisionAt10: top.length === 0 ? 0 : round(top.filter((row) => fold(row.title).includes(meant)).length / top.length, 2),
          recall: relevant === 0 ? 0 : round(hits / relevant, 2),
        };
      }
      log(`"${question}" (meant: ${meant}, ${relevant} titles): ${Object.entries(ranking[question]).map(([method, figure]) => `${method} ${figure.matches} found, top-10 precision ${figure.precisionAt10}, recall ${figure.recall}`).join('; ')}`);
    }

    // The duplicate finder's box around one event's point (~550 m × 500 m).
    const { rows: points } = await pg.pool.query<{ lat: number; lon: number }>('SELECT lat, lon FROM events_index WHERE lat IS NOT NULL ORDER BY row_id LIMIT 200');
    let at = 0;
    const box = () => {
      const point = points[at++ % points.length] ?? { lat: 47, lon: 2 };
      return [point.lon - 0.007, point.lat - 0.005, point.lon + 0.007, point.lat + 0.005];
    };
    const gist = await p95(() => pg.pool.query('SELECT row_id FROM events_index WHERE point(lon, lat) <@ box(point($1, $2), point($3, $4)) AND lat IS NOT NULL AND duplicate_of IS NULL', box()));
    const client = await pg.pool.connect();
    await client.query('SET enable_indexscan = off; SET enable_bitmapscan = off');
    const scan = await p95(() => client.query('SELECT row_id FROM events_index WHERE point(lon, lat) <@ box(point($1, $2), point($3, $4)) AND lat IS NOT NULL AND duplicate_of IS NULL', box()));
    client.release(true);
    figures['duplicate finder box p95, GiST vs scan'] = { sqlite: scan, postgres: gist, unit: 'ms (scan | GiST)' };

    log('');
    log(
      table(
        ['what', 'SQLite', 'PostgreSQL', 'ratio PG/SQLite'],
        Object.entries(figures).map(([what, figure]) => [
          what,
          Number.isNaN(figure.sqlite) ? '-' : `${n(figure.sqlite, figure.unit === 'events/s' ? 0 : 2)} ${figure.unit}`,
          `${n(figure.postgres, figure.unit === 'events/s' ? 0 : 2)} ${figure.unit}`,
          Number.isNaN(figure.sqlite) ? '-' : `${round(figure.postgres / figure.sqlite, 2)}`,
        ]),
      ),
    );
    writeResult('aggregator-pg-ratio', { machine: machine(), hubs: hubCount, eventsPerHub, total, pageSize, batch, figures, ranking });
    sqlite.close();
    await pg.close();
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
