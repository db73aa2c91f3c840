/**
 * `npm run bench:ingest`: the initial ingest of H hubs × N events into a fresh national
 * store through `NationalWriter.apply`, next to SQLite's own rate for the same rows, then
 * a re-sync of the same (unchanged) pages.
 *
 *   npm run bench:ingest                                  # 20 hubs × 50,000 events = 1M
 *   npm run bench:ingest -- --hubs 4 --events 5000        # a quick run (seconds)
 *   flags: --page 1000 --batch 250 --skip-baseline --skip-resync
 *
 * Phases, one process, one after the other:
 *  1. *writer*: pages of `--page` change items (valid `EventPublic` data, as a hub serves
 *     them), hubs taken in turn page by page, each page applied in `--batch`-item calls to
 *     `writer.apply(hub, items, position)`: validation, idempotence check, occurrence
 *     expansion, events_index, R*Tree boxes, FTS and duplicate detection, one transaction
 *     per call. Only the time inside `apply` counts (the generator's time is reported apart).
 *  2. *re-sync*: every page again, same versions: all items unchanged.
 *  3. *baseline*: the rows phase 1 wrote (records, events_index, event_occurrences,
 *     occurrence_boxes, events_fts), read back batch by batch in the order they were written
 *     and inserted into another fresh store with the writer's own plain prepared statements
 *     (records as an upsert), one transaction per batch, nothing else: SQLite's rate for
 *     the same rows and indexes. Only the inserts count.
 *
 * The phase-1 store stays in bench/.data/aggregator-<version>-<H>x<N>/ for bench:national.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NationalWriter, openNationalStore, type NationalStore } from '@constellation/aggregator';
import {
  DEFAULT_EVENTS_PER_HUB,
  DEFAULT_HUBS,
  STORE_FILE,
  STORE_META,
  STORE_VERSION,
  flag,
  isMain,
  machine,
  memoryOf,
  n,
  numberFlag,
  othersMeter,
  round,
  storeBytes,
  storeDirFor,
  table,
  verdict,
  writeResult,
  type StoreMeta,
} from './common.ts';
import { benchHubs, descriptorOf, feedPage, prepareGazetteers, todayAnchor, type BenchHub } from './events.ts';

export interface IngestOptions {
  hubs: number;
  eventsPerHub: number;
  page: number;
  batch: number;
  log: (line: string) => void;
}

/** The registry rows: every bench hub approved, as after `approve-hub`. */
export function registerHubs(store: NationalStore, hubs: readonly BenchHub[], now = Date.now()): void {
  const insert = store.sqlite.prepare(
    `INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at, approved_at) VALUES (?, ?, ?, ?, 'approved', ?, ?, ?)`,
  );
  store.immediate(() => {
    for (const hub of hubs) insert.run(hub.id, hub.baseUrl, hub.name, hub.region, descriptorOf(hub), now, now);
  });
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

interface PassFigures {
  items: number;
  applied: number;
  unchanged: number;
  rejected: number;
  calls: number;
  /** Seconds inside `apply`, on the clock and of CPU (this process, user + system). */
  applySeconds: number;
  applyCpuSeconds: number;
  /** Seconds making pages (the synthetic hubs' side). */
  generateSeconds: number;
  wallSeconds: number;
  /** Share of the machine's CPU other processes used during the pass. */
  others: number;
  /** Apply rate over each tenth of the pass, to see the cost grow with the store. */
  curve: { events: number; eventsPerSecond: number; eventsPerCpuSecond: number }[];
}

/**
 * One pass over every hub's feed, hubs in turn page by page (as concurrent bulk pulls
 * interleave), each page applied in batches.
 */
export function applyAll(
  writer: NationalWriter,
  hubs: readonly BenchHub[],
  options: IngestOptions,
  anchor: number,
  label: string,
  previousOf: (hub: BenchHub) => BenchHub | undefined = (hub) => (hub.index === 0 ? undefined : hubs[hub.index - 1]),
): PassFigures {
  const total = hubs.length * options.eventsPerHub;
  const figures: PassFigures = { items: 0, applied: 0, unchanged: 0, rejected: 0, calls: 0, applySeconds: 0, applyCpuSeconds: 0, generateSeconds: 0, wallSeconds: 0, others: 0, curve: [] };
  const meter = othersMeter();
  const started = performance.now();
  const step = Math.max(options.batch, Math.ceil(total / 10));
  let nextMark = step;
  let markItems = 0;
  let markSeconds = 0;
  let markCpu = 0;
  for (let from = 0; from < options.eventsPerHub; from += options.page) {
    const to = Math.min(options.eventsPerHub, from + options.page);
    for (const hub of hubs) {
      const generated = performance.now();
      const page = feedPage(hub, from, to, anchor, previousOf(hub));
      figures.generateSeconds += (performance.now() - generated) / 1000;
      for (let start = 0; start < page.length; start += options.batch) {
        const items = page.slice(start, start + options.batch);
        const last = items.at(-1)?.seq ?? 0;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const result = writer.apply({ id: hub.id, region: hub.region }, items, { cursor: String(last), latest: options.eventsPerHub });
        figures.applySeconds += (performance.now() - t0) / 1000;
        figures.applyCpuSeconds += cpuSince(c0);
        figures.calls += 1;
        figures.items += items.length;
        figures.applied += result.applied.length;
        figures.unchanged += result.unchanged;
        figures.rejected += result.rejected.length;
        if (result.rejected.length > 0) throw new Error(`${hub.id} refused generated items: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
    }
    if (figures.items >= nextMark || to === options.eventsPerHub) {
      const rate = (figures.items - markItems) / Math.max(1e-9, figures.applySeconds - markSeconds);
      const cpuRate = (figures.items - markItems) / Math.max(1e-9, figures.applyCpuSeconds - markCpu);
      figures.curve.push({ events: figures.items, eventsPerSecond: Math.round(rate), eventsPerCpuSecond: Math.round(cpuRate) });
      options.log(
        `${label}: ${n(figures.items)} / ${n(total)} events, ${n(rate)} events/s (${n(cpuRate)} per CPU s) over the last ${n(figures.items - markItems)} (apply ${n(figures.applySeconds, 1)} s, generate ${n(figures.generateSeconds, 1)} s)`,
      );
      markItems = figures.items;
      markSeconds = figures.applySeconds;
      markCpu = figures.applyCpuSeconds;
      while (nextMark <= figures.items) nextMark += step;
    }
  }
  figures.wallSeconds = (performance.now() - started) / 1000;
  figures.others = meter.stop();
  return figures;
}

interface BaselineFigures {
  events: number;
  occurrences: number;
  batches: number;
  insertSeconds: number;
  insertCpuSeconds: number;
  readSeconds: number;
  others: number;
}

/**
 * SQLite alone: the rows `source` holds, `batch` events at a time in the order they were
 * written (row id), inserted into `target` with the writer's own statements.
 */
export function baseline(source: NationalStore, target: NationalStore, batch: number, log: (line: string) => void, afterRowId = 0): BaselineFigures {
  const src = source.sqlite;
  const read = {
    records: src.prepare<[number, number]>('SELECT * FROM records WHERE row_id > ? ORDER BY row_id LIMIT ?'),
    index: src.prepare<[number, number]>('SELECT * FROM events_index WHERE row_id BETWEEN ? AND ? ORDER BY row_id'),
    occurrences: src.prepare<[number, number]>('SELECT event_row, start, "end" FROM event_occurrences WHERE event_row BETWEEN ? AND ? ORDER BY id'),
    // FTS5's own table answers a rowid range by scanning (a second per batch at 1M): its content table does not.
    text: src.prepare<[number, number]>('SELECT id AS rowid, c0 AS title, c1 AS summary, c2 AS body, c3 AS place FROM events_fts_content WHERE id BETWEEN ? AND ? ORDER BY id'),
  };
  const dst = target.sqlite;
  const write = {
    upsert: dst.prepare(
      `INSERT INTO records (hub, id, type, version, updated_at, synced_at, hub_seq, nseq, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (hub, id) DO UPDATE SET type = excluded.type, version = excluded.version, updated_at = excluded.updated_at,
         synced_at = excluded.synced_at, hub_seq = excluded.hub_seq, nseq = excluded.nseq, deleted = excluded.deleted, data = excluded.data
       RETURNING row_id`,
    ),
    index: dst.prepare(
      `INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, duplicate_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    occurrence: dst.prepare('INSERT INTO event_occurrences (event_row, start, "end") VALUES (?, ?, ?)'),
    box: dst.prepare('INSERT INTO occurrence_boxes (id, t0, t1, y0, y1, x0, x1) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    text: dst.prepare('INSERT INTO events_fts (rowid, title, summary, body, place) VALUES (?, ?, ?, ?, ?)'),
  };
  type RecordRow = { row_id: number; hub: string; id: string; type: string; version: number; updated_at: string; synced_at: number; hub_seq: number; nseq: number; deleted: number; data: string | null };
  type IndexRow = { row_id: number; hub: string; region: string; actor_id: string; format: string; audiences: number; disciplines: number; accessibility: number; free: number; online: number; lat: number | null; lon: number | null; first_start: number; last_end: number; title_key: string; duplicate_of: number | null };
  type OccurrenceRow = { event_row: number; start: number; end: number };
  type TextRow = { rowid: number; title: string; summary: string; body: string; place: string };
  const figures: BaselineFigures = { events: 0, occurrences: 0, batches: 0, insertSeconds: 0, insertCpuSeconds: 0, readSeconds: 0, others: 0 };
  const meter = othersMeter();
  let after = afterRowId;
  let nextLog = 100_000;
  for (;;) {
    const r0 = performance.now();
    const records = read.records.all(after, batch) as RecordRow[];
    if (records.length === 0) break;
    const first = records[0]?.row_id ?? 0;
    const last = records.at(-1)?.row_id ?? 0;
    const index = new Map((read.index.all(first, last) as IndexRow[]).map((row) => [row.row_id, row]));
    const occurrences = new Map<number, OccurrenceRow[]>();
    for (const row of read.occurrences.all(first, last) as OccurrenceRow[]) {
      const list = occurrences.get(row.event_row);
      if (list === undefined) occurrences.set(row.event_row, [row]);
      else list.push(row);
    }
    const text = new Map((read.text.all(first, last) as TextRow[]).map((row) => [row.rowid, row]));
    figures.readSeconds += (performance.now() - r0) / 1000;

    const c0 = process.cpuUsage();
    const t0 = performance.now();
    target.immediate(() => {
      for (const record of records) {
        const { row_id: rowId } = write.upsert.get(record.hub, record.id, record.type, record.version, record.updated_at, record.synced_at, record.hub_seq, record.nseq, record.deleted, record.data) as { row_id: number };
        const facets = index.get(record.row_id);
        if (facets === undefined) continue;
        write.index.run(
          rowId, facets.hub, facets.region, facets.actor_id, facets.format, facets.audiences, facets.disciplines, facets.accessibility,
          facets.free, facets.online, facets.lat, facets.lon, facets.first_start, facets.last_end, facets.title_key, facets.duplicate_of,
        );
        const lat = facets.lat ?? 1000;
        const lon = facets.lon ?? 1000;
        for (const occurrence of occurrences.get(record.row_id) ?? []) {
          const { lastInsertRowid } = write.occurrence.run(rowId, occurrence.start, occurrence.end);
          write.box.run(lastInsertRowid, occurrence.start / 60_000, occurrence.end / 60_000, lat, lat, lon, lon);
        }
        const row = text.get(record.row_id);
        if (row !== undefined) write.text.run(rowId, row.title, row.summary, row.body, row.place);
      }
    });
    figures.insertSeconds += (performance.now() - t0) / 1000;
    figures.insertCpuSeconds += cpuSince(c0);
    figures.events += records.length;
    figures.occurrences += [...occurrences.values()].reduce((sum, list) => sum + list.length, 0);
    figures.batches += 1;
    after = last;
    if (figures.events >= nextLog) {
      log(`baseline: ${n(figures.events)} rows, ${n(figures.events / figures.insertSeconds)} events/s (${n(figures.events / figures.insertCpuSeconds)} per CPU s) so far`);
      nextLog += 100_000;
    }
  }
  figures.others = meter.stop();
  return figures;
}

function count(store: NationalStore, sql: string): number {
  return (store.sqlite.prepare(sql).get() as { n: number }).n;
}

/** Builds the phase-1 store (and nothing else) when bench:national finds none. */
export function buildStore(options: IngestOptions): { dir: string; file: string; meta: StoreMeta; figures: PassFigures; store: NationalStore; writer: NationalWriter; hubs: BenchHub[]; anchor: number } {
  const dir = storeDirFor(options.hubs, options.eventsPerHub);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, STORE_FILE);
  const hubs = benchHubs(options.hubs);
  prepareGazetteers(hubs);
  const anchor = todayAnchor();
  const store = openNationalStore(file);
  registerHubs(store, hubs);
  const writer = new NationalWriter(store);
  const figures = applyAll(writer, hubs, options, anchor, 'writer');
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const meta: StoreMeta = {
    version: STORE_VERSION,
    hubs: options.hubs,
    eventsPerHub: options.eventsPerHub,
    events: options.hubs * options.eventsPerHub,
    anchor: new Date(anchor).toISOString(),
    builtAt: new Date().toISOString(),
    occurrences: count(store, 'SELECT count(*) AS n FROM event_occurrences'),
    duplicates: count(store, 'SELECT count(*) AS n FROM events_index WHERE duplicate_of IS NOT NULL'),
    bytes: storeBytes(file),
  };
  writeFileSync(join(dir, STORE_META), `${JSON.stringify(meta, null, 2)}\n`);
  return { dir, file, meta, figures, store, writer, hubs, anchor };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options: IngestOptions = {
    hubs: numberFlag(argv, 'hubs', DEFAULT_HUBS),
    eventsPerHub: numberFlag(argv, 'events', DEFAULT_EVENTS_PER_HUB),
    page: numberFlag(argv, 'page', 1_000),
    batch: numberFlag(argv, 'batch', 250),
    log: (line) => console.log(line),
  };
  const skipBaseline = argv.includes('--skip-baseline');
  const skipResync = argv.includes('--skip-resync');
  const total = options.hubs * options.eventsPerHub;
  console.log(`bench:ingest: ${options.hubs} hubs × ${n(options.eventsPerHub)} events = ${n(total)}, pages of ${options.page}, batches of ${options.batch}`);

  const built = buildStore(options);
  const { store, writer, hubs, anchor, meta } = built;
  const first = built.figures;
  const afterIngest = memoryOf();
  console.log(`store: ${n(meta.bytes / 1e6)} MB, ${n(meta.occurrences)} occurrences, ${n(meta.duplicates)} events grouped as cross-hub duplicates; RSS ${afterIngest.rssMb} MB (peak ${afterIngest.peakRssMb} MB)`);

  let resync: PassFigures | undefined;
  if (!skipResync) {
    resync = applyAll(writer, hubs, options, anchor, 're-sync');
    if (resync.applied !== 0 || resync.unchanged !== resync.items) throw new Error(`re-sync applied ${resync.applied} items; expected all ${resync.items} unchanged`);
  }
  const afterResync = memoryOf();

  let base: BaselineFigures | undefined;
  const baselineFile = join(built.dir, 'baseline.sqlite');
  if (!skipBaseline) {
    rmSync(baselineFile, { force: true });
    const target = openNationalStore(baselineFile);
    base = baseline(store, target, options.batch, options.log);
    target.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    target.close();
  }
  const baselineBytes = storeBytes(baselineFile);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${baselineFile}${suffix}`, { force: true });
  store.close();

  const rates = {
    writer: { wall: first.items / first.applySeconds, cpu: first.items / first.applyCpuSeconds },
    baseline: base === undefined ? undefined : { wall: base.events / base.insertSeconds, cpu: base.events / base.insertCpuSeconds },
    resync: resync === undefined ? undefined : { wall: resync.items / resync.applySeconds, cpu: resync.items / resync.applyCpuSeconds },
  };
  const ratio = rates.baseline === undefined ? undefined : { wall: rates.writer.wall / rates.baseline.wall, cpu: rates.writer.cpu / rates.baseline.cpu };
  const pct = (value: number) => `${round(value * 100, 1)} %`;

  console.log('');
  console.log(
    table(
      ['pass', 'events', 's in store', 'events/s', 'CPU s in store', 'events/CPU s', 'others', 'wall s (with generator)'],
      [
        ['writer.apply, initial ingest', n(first.items), n(first.applySeconds, 1), n(rates.writer.wall), n(first.applyCpuSeconds, 1), n(rates.writer.cpu), pct(first.others), n(first.wallSeconds, 1)],
        ...(base === undefined || rates.baseline === undefined
          ? []
          : [['SQLite alone, same rows', n(base.events), n(base.insertSeconds, 1), n(rates.baseline.wall), n(base.insertCpuSeconds, 1), n(rates.baseline.cpu), pct(base.others), '']]),
        ...(resync === undefined || rates.resync === undefined
          ? []
          : [['writer.apply, re-sync (unchanged)', n(resync.items), n(resync.applySeconds, 1), n(rates.resync.wall), n(resync.applyCpuSeconds, 1), n(rates.resync.cpu), pct(resync.others), n(resync.wallSeconds, 1)]]),
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['target', 'figure (clock)', 'figure (CPU)', ''],
      [
        ...(ratio === undefined ? [] : [['writer ≥ 70 % of SQLite alone', pct(ratio.wall), pct(ratio.cpu), verdict(ratio.wall >= 0.7)]]),
        ...(rates.resync === undefined ? [] : [['re-sync ≥ 100,000 events/s', n(rates.resync.wall), n(rates.resync.cpu), verdict(rates.resync.wall >= 100_000)]]),
      ],
    ),
  );
  console.log(`store file ${n(meta.bytes / 1e6)} MB (baseline copy ${n(baselineBytes / 1e6)} MB); ingest process RSS after ingest ${afterIngest.rssMb} MB, peak ${memoryOf().peakRssMb} MB`);

  const name = total === DEFAULT_HUBS * DEFAULT_EVENTS_PER_HUB && options.page === 1_000 && options.batch === 250 ? 'aggregator-ingest' : `aggregator-ingest-${options.hubs}x${options.eventsPerHub}`;
  const out = writeResult(name, {
    benchmark: 'aggregator ingest',
    command: `npm run bench:ingest -- ${argv.join(' ')}`.trim(),
    at: new Date().toISOString(),
    machine: machine(),
    options: { hubs: options.hubs, eventsPerHub: options.eventsPerHub, page: options.page, batch: options.batch },
    store: { ...meta, baselineBytes },
    writer: { ...first, eventsPerSecond: Math.round(rates.writer.wall), eventsPerCpuSecond: Math.round(rates.writer.cpu) },
    baseline: base === undefined || rates.baseline === undefined ? null : { ...base, eventsPerSecond: Math.round(rates.baseline.wall), eventsPerCpuSecond: Math.round(rates.baseline.cpu) },
    ratio: ratio === undefined ? null : { wall: round(ratio.wall, 4), cpu: round(ratio.cpu, 4) },
    resync: resync === undefined || rates.resync === undefined ? null : { ...resync, eventsPerSecond: Math.round(rates.resync.wall), eventsPerCpuSecond: Math.round(rates.resync.cpu) },
    memory: { afterIngest, afterResync, end: memoryOf() },
    targets: {
      ratioAtLeast70Percent: ratio === undefined ? null : ratio.wall >= 0.7,
      resyncAtLeast100k: rates.resync === undefined ? null : rates.resync.wall >= 100_000,
    },
    flags: { skipBaseline, skipResync },
    note: flag(argv, 'note') ?? null,
  });
  console.log(`written: ${out}`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
