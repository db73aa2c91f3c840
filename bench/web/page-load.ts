/**
 * `npm run bench:web`: a cold load of the national page in headless Chromium (software
 * WebGL, no GPU), with 100,000 events in the national store (issue "Web", item 8).
 *
 *   npm run bench:web                              # 4 hubs × 25,000 events (store built first if missing)
 *   npm run bench:web -- --hubs 20 --events 50000  # the 1M store of bench:ingest
 *   flags: --runs 5
 *   npm run bench:web -- --web-root /tmp/web-main  # a web build made elsewhere (A/B), not this tree's
 *   npm run bench:web -- --breakdown               # each run's map timeline (bench/web/map-timeline.ts)
 *   npm run bench:web -- --trace /tmp/load.json    # a Chromium trace of the first run (chrome://tracing, Perfetto)
 *
 * Figures, each the median of the runs (a new browser context each time: empty cache):
 *  - *list*: navigation start → the first list of events on screen (performance mark
 *    `constellation:list`, set on the frame after the list rendered);
 *  - *map idle*: navigation start → the map first at rest with the clusters drawn
 *    (`constellation:map-idle`, MapLibre's idle event after the first clusters);
 *  - *our JS*: gzip bytes of our JavaScript the national page loads (its files as the
 *    browser asked for them), maplibre (its chunk and its worker) apart; the whole build's
 *    JavaScript is reported beside it (a hub's portal pages are separate chunks, fetched
 *    only when a portal page is opened).
 * Targets on the 2-core machine: list ≤ 1 s, map idle ≤ 2.5 s, our JS ≤ 120 KB gzip.
 * The API is warmed first (its in-memory map index is built on the first read): the
 * figure is the page's cold load, not the server's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DATA_ROOT, REPO_DIR, STORE_FILE, flag, isMain, machine, n, numberFlag, percentiles, readStoreMeta, round, storeDirFor, table, verdict, writeResult } from '../aggregator/common.ts';
import { buildStore } from '../aggregator/ingest.ts';
import { describeTimeline, MAP_TIMELINE_SCRIPT, READ_TIMELINE, type MapTimeline, type ResourceTiming } from './map-timeline.ts';
import { childEnv, freePort, spawnChild, startRedis, tsEntry, waitFor, type Child } from '../aggregator/processes.ts';

const TARGETS = { listMs: 1_000, mapIdleMs: 2_500, ownJsGzipKb: 120 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const MAPLIBRE = /^(maplibre-|maplibre-gl-worker-)/;

interface JsFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  maplibre: boolean;
}

function buildWeb(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(process.execPath, [join(REPO_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(REPO_DIR, 'web'), stdio: 'inherit' });
}

function jsFiles(outDir: string): JsFile[] {
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, maplibre: MAPLIBRE.test(file) };
    });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const hubs = numberFlag(argv, 'hubs', 4);
  const eventsPerHub = numberFlag(argv, 'events', 25_000);
  const runs = numberFlag(argv, 'runs', 5);
  const prebuilt = flag(argv, 'web-root');
  const breakdown = argv.includes('--breakdown');
  const tracePath = flag(argv, 'trace');
  const dir = storeDirFor(hubs, eventsPerHub);
  let meta = readStoreMeta(dir);
  if (meta === undefined || meta.hubs !== hubs || meta.eventsPerHub !== eventsPerHub) {
    console.log(`no complete store in ${dir}: building it (the writer pass of bench:ingest)`);
    const built = buildStore({ hubs, eventsPerHub, page: 1_000, batch: 250, log: (line) => console.log(line) });
    built.store.close();
    meta = built.meta;
  }
  console.log(`bench:web on ${join(dir, STORE_FILE)}: ${n(meta.events)} events from ${hubs} hubs`);

  // Under a dist/ folder: linters and the build leave built files alone.
  const webRoot = prebuilt ?? join(DATA_ROOT, 'web', 'dist');
  mkdirSync(DATA_ROOT, { recursive: true });
  if (prebuilt === undefined) buildWeb(webRoot);
  else console.log(`the web build in ${prebuilt} (not built here)`);
  const js = jsFiles(webRoot);
  const ownGzip = js.filter((file) => !file.maplibre).reduce((sum, file) => sum + file.gzipBytes, 0);
  const maplibreGzip = js.filter((file) => file.maplibre).reduce((sum, file) => sum + file.gzipBytes, 0);

  const children: Child[] = [];
  const listMs: number[] = [];
  /** Our JS files the national page asked for (first run). */
  const loaded = new Set<string>();
  const mapIdleMs: number[] = [];
  let apiWarmMs: number | undefined;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const redis = await startRedis();
    children.push(redis.child);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = childEnv({
      AGGREGATOR_PUBLIC_URL: origin,
      AGGREGATOR_HOST: '127.0.0.1',
      AGGREGATOR_PORT: String(port),
      AGGREGATOR_DATA_DIR: dir,
      AGGREGATOR_WEB_ROOT: webRoot,
      REDIS_URL: redis.url,
      AGGREGATOR_ROLE: 'api',
      AGGREGATOR_JWT_SECRET: 'bench-web-secret-long-enough-for-hs256-0123456789',
      AGGREGATOR_LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    });
    const api = spawnChild('aggregator api', process.execPath, tsEntry('aggregator/src/main.ts', ['start', '--role', 'api']), env);
    children.push(api);
    await waitFor(async () => {
      if (!api.alive()) throw new Error(`the API exited:\n${api.output()}`);
      return (await fetch(`${origin}/healthz`).catch(() => undefined))?.status === 200;
    }, 'the API to start', 120_000);
    const warm = performance.now();
    for (const path of ['/api/v1/events?limit=50&bbox=-5.2,41.3,9.6,51.1', '/api/v1/clusters?bbox=-5.2,41.3,9.6,51.1&zoom=5']) {
      const answer = await fetch(`${origin}${path}`);
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
    }
    apiWarmMs = performance.now() - warm;

    const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
    console.log(`load average before the runs: ${load()}`);
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      if (breakdown) await context.addInitScript(MAP_TIMELINE_SCRIPT);
      const page = await context.newPage();
      const tracing = tracePath !== undefined && run === 0;
      if (tracing) await browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'gpu', 'viz', 'cc'] });
      page.on('request', (request) => {
        const file = /\/assets\/([^/?]+\.js)/.exec(request.url())?.[1];
        if (file !== undefined && !MAPLIBRE.test(file)) loaded.add(file);
      });
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => performance.getEntriesByName('constellation:list').length > 0 && performance.getEntriesByName('constellation:map-idle').length > 0, undefined, { timeout: 60_000 });
      const marks = await page.evaluate(() => ({
        list: performance.getEntriesByName('constellation:list')[0]?.startTime ?? Number.NaN,
        mapIdle: performance.getEntriesByName('constellation:map-idle')[0]?.startTime ?? Number.NaN,
        // Runs in the page: the bench's tsconfig has no DOM types.
        cards: (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document.querySelectorAll('.event-card').length,
      }));
      if (marks.cards === 0) throw new Error('the list rendered no event');
      listMs.push(marks.list);
      mapIdleMs.push(marks.mapIdle);
      console.log(`run ${run + 1}: list ${n(marks.list)} ms (${marks.cards} events), map idle ${n(marks.mapIdle)} ms`);
      if (breakdown) {
        const read = (await page.evaluate(READ_TIMELINE)) as { timeline: MapTimeline | null; resources: ResourceTiming[] };
        for (const line of describeTimeline(read.timeline, read.resources, marks)) console.log(line);
      }
      if (tracing) {
        await browser.stopTracing();
        console.log(`trace of run 1: ${tracePath}`);
      }
      await context.close();
    }
    console.log(`load average after the runs: ${load()}`);
  } finally {
    await browser.close();
    for (const child of children.reverse()) await child.stop();
  }

  const list = percentiles(listMs, [50]);
  const mapIdle = percentiles(mapIdleMs, [50]);
  const listMedian = list['p50'] ?? Number.NaN;
  const mapMedian = mapIdle['p50'] ?? Number.NaN;
  const pageGzip = js.filter((file) => loaded.has(file.file)).reduce((sum, file) => sum + file.gzipBytes, 0);
  const ownKb = pageGzip / 1024;
  console.log(
    table(
      ['figure', 'median', 'target', ''],
      [
        ['first list render', `${n(listMedian)} ms`, `≤ ${n(TARGETS.listMs)} ms`, verdict(listMedian <= TARGETS.listMs)],
        ['map idle', `${n(mapMedian)} ms`, `≤ ${n(TARGETS.mapIdleMs)} ms`, verdict(mapMedian <= TARGETS.mapIdleMs)],
        ['our JS the national page loads (gzip)', `${round(ownKb, 1)} KB`, `≤ ${TARGETS.ownJsGzipKb} KB`, verdict(ownKb <= TARGETS.ownJsGzipKb)],
        ['all our JS in the build, portal included (gzip)', `${round(ownGzip / 1024, 1)} KB`, '', ''],
        ['maplibre JS (gzip, not counted)', `${round(maplibreGzip / 1024, 1)} KB`, '', ''],
      ],
    ),
  );
  const out = writeResult(`web-page-load-${hubs}x${eventsPerHub}`, {
    bench: 'web-page-load',
    events: meta.events,
    hubs,
    runs,
    machine: machine(),
    apiWarmMs: apiWarmMs === undefined ? null : round(apiWarmMs),
    listMs: listMs.map((value) => round(value)),
    mapIdleMs: mapIdleMs.map((value) => round(value)),
    medianListMs: round(listMedian),
    medianMapIdleMs: round(mapMedian),
    ownJsGzipBytes: pageGzip,
    pageJsFiles: [...loaded].sort(),
    buildOwnJsGzipBytes: ownGzip,
    maplibreJsGzipBytes: maplibreGzip,
    files: js,
    targets: TARGETS,
    met: { list: listMedian <= TARGETS.listMs, mapIdle: mapMedian <= TARGETS.mapIdleMs, ownJs: ownKb <= TARGETS.ownJsGzipKb },
  });
  console.log(`result: ${out}`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
