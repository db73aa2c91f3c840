/**
 * What one more hub costs once the store is full: a copy of the store bench:ingest built
 * takes an extra hub's events through `NationalWriter.apply` (pages of 1000, batches of
 * 250, about 1 % of them twins of the last hub's events), and another copy takes the same
 * rows through SQLite alone, as bench:ingest's baseline does. Minutes instead of the
 * full ingest's hour, so it is the place to profile the writer at scale or to try a change
 * to apply.ts:
 *
 *   npx tsx --conditions=@constellation/source bench/aggregator/marginal.ts [--hubs 20 --events 50000] [--extra 20000]
 *   node --conditions=@constellation/source --import tsx --cpu-prof --cpu-prof-dir bench/.data/profiles \
 *     bench/aggregator/marginal.ts --skip-baseline      # then bench/hub/profile-summary.ts on the .cpuprofile
 *
 * The copies live in bench/.data/marginal/ while it runs (twice the store's size) and are
 * removed at the end.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NationalWriter, openNationalStore } from '@constellation/aggregator';
import { DATA_ROOT, DEFAULT_EVENTS_PER_HUB, DEFAULT_HUBS, STORE_FILE, isMain, machine, memoryOf, n, numberFlag, readStoreMeta, round, storeDirFor, table, writeResult } from './common.ts';
import { benchHubs, prepareGazetteers } from './events.ts';
import { applyAll, baseline, registerHubs } from './ingest.ts';

function copyStore(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
  // The store was checkpointed when bench:ingest finished; a WAL left by a later open is copied with it.
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const hubs = numberFlag(argv, 'hubs', DEFAULT_HUBS);
  const eventsPerHub = numberFlag(argv, 'events', DEFAULT_EVENTS_PER_HUB);
  const extra = numberFlag(argv, 'extra', 20_000);
  const skipBaseline = argv.includes('--skip-baseline');
  const dir = storeDirFor(hubs, eventsPerHub);
  const meta = readStoreMeta(dir);
  if (meta === undefined) throw new Error(`no complete store in ${dir}: run npm run bench:ingest -- --hubs ${hubs} --events ${eventsPerHub} first`);
  const work = join(DATA_ROOT, 'marginal');
  mkdirSync(work, { recursive: true });
  const writerFile = join(work, 'writer.sqlite');
  const baselineFile = join(work, 'baseline.sqlite');
  const source = join(dir, STORE_FILE);
  console.log(`marginal: ${n(extra)} events of one more hub into a copy of ${dir} (${n(meta.events)} events, ${n(meta.bytes / 1e6)} MB)`);

  const all = benchHubs(hubs + 1);
  const hub = all[hubs];
  const previous = all[hubs - 1];
  if (hub === undefined) throw new Error('no extra hub');
  prepareGazetteers([hub, ...(previous === undefined ? [] : [previous])]);
  const anchor = Date.parse(meta.anchor);
  const options = { hubs: 1, eventsPerHub: extra, page: 1_000, batch: 250, log: (line: string) => console.log(line) };

  copyStore(source, writerFile);
  const store = openNationalStore(writerFile);
  const firstNew = (store.sqlite.prepare('SELECT coalesce(max(row_id), 0) AS n FROM records').get() as { n: number }).n;
  registerHubs(store, [hub]);
  const writer = new NationalWriter(store);
  const figures = applyAll(writer, [{ ...hub, index: hubs }], options, anchor, 'writer', () => previous);
  const rss = memoryOf();

  let base: ReturnType<typeof baseline> | undefined;
  if (!skipBaseline) {
    copyStore(source, baselineFile);
    const target = openNationalStore(baselineFile);
    base = baseline(store, target, options.batch, options.log, firstNew);
    target.close();
  }
  store.close();
  rmSync(work, { recursive: true, force: true });

  const writerRate = { wall: figures.items / figures.applySeconds, cpu: figures.items / figures.applyCpuSeconds };
  const baseRate = base === undefined ? undefined : { wall: base.events / base.insertSeconds, cpu: base.events / base.insertCpuSeconds };
  console.log('');
  console.log(
    table(
      ['pass', 'events', 's in store', 'events/s', 'CPU s', 'events/CPU s', 'others'],
      [
        ['writer.apply', n(figures.items), n(figures.applySeconds, 1), n(writerRate.wall), n(figures.applyCpuSeconds, 1), n(writerRate.cpu), `${round(figures.others * 100, 1)} %`],
        ...(base === undefined || baseRate === undefined ? [] : [['SQLite alone', n(base.events), n(base.insertSeconds, 1), n(baseRate.wall), n(base.insertCpuSeconds, 1), n(baseRate.cpu), `${round(base.others * 100, 1)} %`]]),
      ],
    ),
  );
  if (baseRate !== undefined) console.log(`ratio: ${round((writerRate.wall / baseRate.wall) * 100, 1)} % on the clock, ${round((writerRate.cpu / baseRate.cpu) * 100, 1)} % of CPU`);
  const name = `aggregator-marginal-${hubs}x${eventsPerHub}`;
  console.log(
    `written: ${writeResult(name, {
      benchmark: 'aggregator marginal ingest',
      command: `npx tsx --conditions=@constellation/source bench/aggregator/marginal.ts ${argv.join(' ')}`.trim(),
      at: new Date().toISOString(),
      machine: machine(),
      store: meta,
      extra,
      writer: { ...figures, eventsPerSecond: Math.round(writerRate.wall), eventsPerCpuSecond: Math.round(writerRate.cpu) },
      baseline: base === undefined || baseRate === undefined ? null : { ...base, eventsPerSecond: Math.round(baseRate.wall), eventsPerCpuSecond: Math.round(baseRate.cpu) },
      ratio: baseRate === undefined ? null : { wall: round(writerRate.wall / baseRate.wall, 4), cpu: round(writerRate.cpu / baseRate.cpu, 4) },
      rss,
    })}`,
  );
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
