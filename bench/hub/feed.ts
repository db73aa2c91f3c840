/**
 * The changes-feed benchmark: one client on loopback reads a hub's whole feed (100k
 * events by default) in pages of 500, as an aggregator's first sync does, with gzip
 * off and on. Target: at least 200,000 items served per second.
 *
 *   npm run bench:feed [-- --events N] [-- --rounds N]
 *
 * The hub runs as operators run it (the constellation CLI over the built hub, plain
 * node, its own process); this process is the client: it parses every page and checks
 * the count, as a reader must.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { BENCH_HUB, REPO_DIR, RESULTS_DIR, isMain, numberFlag } from './common.ts';
import { populate } from './populate.ts';

const PAGE = 500;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startHub(dataDir: string): Promise<{ child: ChildProcess; origin: string }> {
  const built = spawnSync(process.execPath, [join(REPO_DIR, 'node_modules/typescript/bin/tsc'), '-b', 'hub'], { cwd: REPO_DIR, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc -b hub failed:\n${built.stdout}${built.stderr}`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(REPO_DIR, 'bin/constellation.js'), 'hub', 'start', '--hub-id', BENCH_HUB.hubId, '--name', BENCH_HUB.name, '--region', BENCH_HUB.region, '--data-dir', dataDir, '--jwt-secret', BENCH_HUB.jwtSecret, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warn'],
    { cwd: REPO_DIR, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { child, origin };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('hub did not start');
}

interface Sweep {
  gzip: boolean;
  seconds: number;
  pages: number;
  items: number;
  wireBytes: number;
  bodyBytes: number;
}

// fetch would decompress by itself and hide the wire size: plain node:http, kept alive.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, gzip: boolean): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** `next` and `hasMore` sit at the end of a page: read them without parsing the page. */
function tail(body: Buffer): { next: string; hasMore: boolean } {
  const end = body.subarray(Math.max(0, body.length - 200)).toString('utf8');
  const match = /"next":"(\d+)","hasMore":(true|false),"latest":\d+\}$/.exec(end);
  if (match === null) throw new Error(`unexpected page ending: ${end}`);
  return { next: match[1] ?? '0', hasMore: match[2] === 'true' };
}

/**
 * Reads the whole feed from 0, as a first sync does. Like a well-built reader, it asks
 * for the next page (its cursor is at the end of the body) before parsing the current
 * one, so parsing overlaps the hub's work; every page is still parsed and counted.
 */
async function sweep(origin: string, gzip: boolean): Promise<Sweep> {
  let pages = 0;
  let items = 0;
  let wireBytes = 0;
  let bodyBytes = 0;
  const url = (after: string) => `${origin}/federation/v1/changes?after=${after}&limit=${PAGE}`;
  const started = performance.now();
  type Fetched = Awaited<ReturnType<typeof get>>;
  let pending: Promise<Fetched> | undefined = get(url('0'), gzip);
  while (pending !== undefined) {
    const response: Fetched = await pending;
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const gzipped: boolean = response.encoding === 'gzip';
    if (gzip !== gzipped) throw new Error('gzip was not honoured as asked');
    const body = gzipped ? gunzipSync(response.body) : response.body;
    const { next, hasMore } = tail(body);
    pending = hasMore ? get(url(next), gzip) : undefined;
    const page = JSON.parse(body.toString('utf8')) as { items: unknown[]; next: string };
    if (page.next !== next) throw new Error('page tail and body disagree');
    pages += 1;
    items += page.items.length;
    wireBytes += response.body.length;
    bodyBytes += body.length;
  }
  return { gzip, seconds: (performance.now() - started) / 1000, pages, items, wireBytes, bodyBytes };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const events = numberFlag(argv, 'events', 100_000);
  const rounds = numberFlag(argv, 'rounds', 3);
  const { dataDir, meta } = populate({ events, log: (line) => console.log(`bench:feed: ${line}`) });
  const { child, origin } = await startHub(dataDir);
  try {
    await sweep(origin, false); // warm-up: page cache, statement cache, JIT
    const results: Sweep[] = [];
    for (let index = 0; index < rounds; index += 1) {
      for (const gzip of [false, true]) results.push(await sweep(origin, gzip));
    }
    const summary = [false, true].map((gzip) => {
      const runs = results.filter((run) => run.gzip === gzip).sort((a, b) => a.seconds - b.seconds);
      const median = runs[Math.floor(runs.length / 2)] ?? runs[0];
      if (median === undefined) throw new Error('no run');
      return {
        gzip,
        items: median.items,
        pages: median.pages,
        seconds: round(median.seconds, 3),
        itemsPerSecond: Math.round(median.items / median.seconds),
        pagesPerSecond: round(median.pages / median.seconds),
        wireMb: round(median.wireBytes / 1e6),
        bodyMb: round(median.bodyBytes / 1e6),
        allRunsItemsPerSecond: runs.map((run) => Math.round(run.items / run.seconds)),
      };
    });
    const target = 200_000;
    console.log(`\nbench:feed: ${meta.events} events, whole feed in pages of ${PAGE}, median of ${rounds} sweeps each`);
    console.log('gzip  items    pages  seconds  items/s   pages/s  wire MB  body MB  target');
    for (const row of summary) {
      console.log(
        `${row.gzip ? 'on ' : 'off'}   ${String(row.items).padEnd(8)} ${String(row.pages).padEnd(6)} ${String(row.seconds).padEnd(8)} ${String(row.itemsPerSecond).padEnd(9)} ${String(row.pagesPerSecond).padEnd(8)} ${String(row.wireMb).padEnd(8)} ${String(row.bodyMb).padEnd(8)} ${row.itemsPerSecond >= target ? 'met' : `NOT met (${target}/s)`}`,
      );
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      join(RESULTS_DIR, 'hub-feed.json'),
      `${JSON.stringify({ benchmark: 'hub-feed', date: new Date().toISOString(), machine: { nproc: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg() }, data: { events: meta.events, pageSize: PAGE }, targetItemsPerSecond: target, results: summary }, null, 2)}\n`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
