/**
 * `npm run bench:hub`: the public event list of a hub holding N events (default 100,000)
 * under C concurrent keep-alive connections (default 100), next to a bare node:http +
 * better-sqlite3 server answering the same URLs with the same SQL, in the same run.
 *
 *   npm run bench:hub -- [--events N] [--seconds 15] [--warmup 5] [--max-connect 60] [--connections 100] [--profile] [--hub-source]
 *
 * Steps: populate (or reuse) the data dir; start the hub and the bare server, each in its
 * own child process on its own loopback port; check both give byte-identical bodies for
 * every benchmark URL; then, from a third process, warm up and measure the bare server,
 * then the hub, under the same load; read the hub's RSS; print a table and write
 * bench/results/hub-list.json. With --profile the hub runs under --cpu-prof and the
 * top self-time functions are printed and saved beside the results.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_HUB, DATA_ROOT, DATA_VERSION, REPO_DIR, RESULTS_DIR, dataDirFor, numberFlag, readMeta, type PopulationMeta } from './common.ts';
import type { LoadRequest, LoadResult } from './load.ts';
import { formatSummary, summarise, type ProfileSummary } from './profile-summary.ts';
import { explain } from './explain.ts';
import { SIZES, benchmarkPaths } from './urls.ts';

const HERE = new URL('.', import.meta.url).pathname;
const TARGETS = { rpsShareOfBare: 0.85, p99Ms: 30, hubRssMb: 200 };

const argv = process.argv.slice(2);
const options = {
  events: numberFlag(argv, 'events', 100_000),
  seconds: numberFlag(argv, 'seconds', 15),
  warmup: numberFlag(argv, 'warmup', 5),
  /** Connections are opened with a cheap request until each has been answered, for up to this long. */
  maxConnect: numberFlag(argv, 'max-connect', 60),
  connections: numberFlag(argv, 'connections', 100),
  profile: argv.includes('--profile'),
  /** dist: the built hub through `constellation hub start` (default, as in production); source: hub/src through tsx. */
  hub: argv.includes('--hub-source') ? ('source' as const) : ('dist' as const),
};

/** Runs a bench script in a child Node with TypeScript (tsx) and workspace sources. */
function forkScript(script: string, args: string[], extra: { env?: Record<string, string>; execArgv?: string[] } = {}): ChildProcess {
  return fork(join(HERE, script), args, {
    cwd: REPO_DIR,
    execArgv: ['--conditions=@constellation/source', '--import', 'tsx', ...(extra.execArgv ?? [])],
    env: { ...process.env, ...extra.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(child: ChildProcess, what: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${timeoutMs / 1000} s`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`${what}: the process exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, peakRssMb: Math.round(kb('VmHWM') / 102.4) / 10 };
}

/** CPU seconds the whole machine has spent busy so far (all cores; /proc/stat). */
function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** User + system CPU seconds a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function ensurePopulated(): Promise<{ dataDir: string; meta: PopulationMeta; populatedNow: boolean }> {
  const dataDir = dataDirFor(options.events);
  const existing = readMeta(dataDir);
  if (existing !== undefined && existing.version === DATA_VERSION && existing.events === options.events) return { dataDir, meta: existing, populatedNow: false };
  console.log(`bench:hub: populating ${dataDir} with ${options.events} events through ContentService (one time; reused afterwards)`);
  const child = forkScript('populate.ts', ['--events', String(options.events)]);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const meta = readMeta(dataDir);
  if (code !== 0 || meta === undefined) throw new Error(`populate failed (exit ${code})`);
  return { dataDir, meta, populatedNow: true };
}

interface ServerUnderTest {
  name: 'bare' | 'hub';
  child: ChildProcess;
  pid: number;
  origin: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(origin: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hub exited (${child.exitCode}) before answering`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`hub did not answer ${origin}/healthz in ${timeoutMs / 1000} s`);
}

/** `tsc -b hub`, so the built hub the CLI runs is the hub in hub/src (incremental: quick when nothing changed). */
function buildHub(): void {
  const built = spawnSync(process.execPath, [join(REPO_DIR, 'node_modules/typescript/bin/tsc'), '-b', 'hub'], { cwd: REPO_DIR, encoding: 'utf8' });
  if (built.status !== 0) {
    const errors = `${built.stdout}${built.stderr}`.trim().split('\n').slice(0, 5).join('\n');
    if (!existsSync(join(REPO_DIR, 'hub/dist/index.js'))) throw new Error(`tsc -b hub failed and there is no hub/dist:\n${errors}`);
    console.warn(`bench:hub: warning: tsc -b hub reported errors (JavaScript is emitted anyway; the run uses it):\n${errors}`);
  }
}

async function startServer(name: 'bare' | 'hub', dataDir: string, profileDir: string): Promise<ServerUnderTest> {
  const profileArgs = options.profile && name === 'hub' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  if (name === 'hub' && options.hub === 'dist') {
    // As operators run it: the constellation CLI over the built hub, plain node, no loader.
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [...profileArgs, join(REPO_DIR, 'bin/constellation.js'), 'hub', 'start', '--hub-id', BENCH_HUB.hubId, '--name', BENCH_HUB.name, '--region', BENCH_HUB.region, '--data-dir', dataDir, '--jwt-secret', BENCH_HUB.jwtSecret, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warn'],
      { cwd: REPO_DIR, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const origin = `http://127.0.0.1:${port}`;
    await waitForHealth(origin, child);
    if (child.pid === undefined) throw new Error('hub has no pid');
    return { name, child, pid: child.pid, origin };
  }
  const child =
    name === 'hub'
      ? forkScript('hub-server.ts', ['--data-dir', dataDir, '--log-level', 'warn'], { env: { NODE_ENV: 'production' }, execArgv: profileArgs })
      : forkScript('bare-server.ts', ['--db', join(dataDir, 'hub.sqlite')], { env: { NODE_ENV: 'production' } });
  const ready = await nextMessage<{ ready: boolean; port: number; pid: number }>(child, `${name} server start`);
  return { name, child, pid: ready.pid, origin: `http://127.0.0.1:${ready.port}` };
}

/** Every benchmark URL must give the same bytes from both servers, with status 200. */
async function checkSameBodies(paths: readonly string[], bare: ServerUnderTest, hub: ServerUnderTest): Promise<{ items: number[]; bytes: number[] }> {
  const items: number[] = [];
  const bytes: number[] = [];
  for (const path of paths) {
    const [fromBare, fromHub] = await Promise.all([fetch(bare.origin + path), fetch(hub.origin + path)]);
    const [bareBody, hubBody] = await Promise.all([fromBare.text(), fromHub.text()]);
    if (fromBare.status !== 200 || fromHub.status !== 200) throw new Error(`${path}: status bare ${fromBare.status}, hub ${fromHub.status}\n${hubBody.slice(0, 500)}`);
    if (bareBody !== hubBody) {
      const at = [...bareBody].findIndex((char, index) => char !== hubBody[index]);
      throw new Error(`${path}: bodies differ at byte ${at}: bare …${bareBody.slice(Math.max(0, at - 80), at + 80)}… hub …${hubBody.slice(Math.max(0, at - 80), at + 80)}…`);
    }
    items.push((JSON.parse(hubBody) as { items: unknown[] }).items.length);
    bytes.push(Buffer.byteLength(hubBody));
  }
  return { items, bytes };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const started = performance.now();
  const { dataDir, meta, populatedNow } = await ensurePopulated();
  console.log(`bench:hub: data ${dataDir}: ${meta.events} events, ${meta.occurrences} occurrences, ${meta.actors} actors, anchor ${meta.anchor.slice(0, 10)}; populated in ${meta.seconds.total} s (${meta.eventsPerSecond} events/s)`);
  const runStarted = performance.now();
  const loadAtStart = loadavg().map((value) => Math.round(value * 100) / 100);
  const paths = benchmarkPaths(meta);
  const profileDir = join(DATA_ROOT, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const load = forkScript('load.ts', []);
  const loadPid = (await nextMessage<{ pid: number }>(load, 'load generator start')).pid;
  if (options.hub === 'dist') buildHub();
  // The hub first: it migrates the data dir to its current schema (new indexes included) as it starts.
  const hub = await startServer('hub', dataDir, profileDir);
  let bare: ServerUnderTest | undefined;
  const stopAll = async () => {
    if (load.connected) load.disconnect();
    await Promise.all([bare === undefined ? undefined : stop(bare.child), stop(hub.child), stop(load)]);
  };
  let explained: ReturnType<typeof explain>;
  try {
    explained = explain(join(dataDir, 'hub.sqlite'), paths);
    bare = await startServer('bare', dataDir, profileDir);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const { plan, rows: sql } = explained;
  const sqlBySize = SIZES.map((size) => {
    const times = sql.filter((entry) => entry.kind.startsWith(`${size.name} `)).map((entry) => entry.ms);
    return { size: size.name, meanMs: Math.round((times.reduce((a, b) => a + b, 0) / Math.max(times.length, 1)) * 100) / 100, maxMs: Math.max(...times) };
  });
  const sqlMeanMs = Math.round((sql.reduce((a, b) => a + b.ms, 0) / sql.length) * 100) / 100;
  console.log(`bench:hub: the SQL alone (one connection, this process): mean ${sqlMeanMs} ms per URL; ${sqlBySize.map((entry) => `${entry.size} ${entry.meanMs} ms (max ${entry.maxMs})`).join(', ')}`);
  const pages: { items: number; bytes: number }[] = [];
  let measuredWindow: { fromUs: number; toUs: number } | undefined;
  const results: Record<string, LoadResult & { cpuSeconds: number; cpuMsPerRequest: number; loadGeneratorCpuSeconds: number; otherProcessesCpuShare: number; rssMb: number; peakRssMb: number; rssBeforeMb: number }> = {};
  try {
    const { items, bytes } = await checkSameBodies(
      paths.map((entry) => entry.path),
      bare,
      hub,
    );
    items.forEach((count, index) => pages.push({ items: count, bytes: bytes[index] ?? 0 }));
    console.log(`bench:hub: ${paths.length} URLs give byte-identical bodies from both servers; items per page ${Math.min(...items)}-${Math.max(...items)} (mean ${(items.reduce((a, b) => a + b, 0) / items.length).toFixed(1)}), ${Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length / 1024)} KiB per body`);
    for (const server of [bare, hub]) {
      const request: LoadRequest = { type: 'run', label: server.name, origin: server.origin, paths: paths.map((entry) => entry.path), connections: options.connections, connectPath: '/healthz', maxConnectSeconds: options.maxConnect, warmupSeconds: options.warmup, seconds: options.seconds };
      const rssBefore = memoryOf(server.pid).rssMb;
      load.send(request);
      const warm = await nextMessage<{ type: 'measuring'; connectSeconds: number; connectionsAnswered: number }>(load, `${server.name} warm-up`, (options.maxConnect + options.warmup + 60) * 1000);
      console.log(`bench:hub: ${server.name}: ${warm.connectionsAnswered} of ${options.connections} connections open and answered in ${warm.connectSeconds.toFixed(1)} s (GET /healthz), ${options.warmup} s warm-up, now ${options.seconds} s measured`);
      const cpuBefore = cpuSeconds(server.pid);
      const loadCpuBefore = cpuSeconds(loadPid);
      const ownCpuBefore = process.cpuUsage();
      const machineBefore = machineBusySeconds();
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      await nextMessage<{ type: 'measured' }>(load, `${server.name} run`, (options.seconds + 60) * 1000);
      const toUs = Number(process.hrtime.bigint() / 1000n);
      if (server.name === 'hub') measuredWindow = { fromUs, toUs };
      const cpu = cpuSeconds(server.pid) - cpuBefore;
      const loadCpu = cpuSeconds(loadPid) - loadCpuBefore;
      const ownCpu = process.cpuUsage(ownCpuBefore);
      // Whatever else ran on the machine meanwhile (other people's builds and tests): it skews the figures.
      const others = machineBusySeconds() - machineBefore - cpu - loadCpu - (ownCpu.user + ownCpu.system) / 1e6;
      const result = await nextMessage<LoadResult>(load, `${server.name} result`);
      const cores = (cpus().length * (toUs - fromUs)) / 1e6;
      results[server.name] = {
        ...result,
        cpuSeconds: Math.round(cpu * 100) / 100,
        cpuMsPerRequest: Math.round((cpu / Math.max(result.requests, 1)) * 1e6) / 1e3,
        loadGeneratorCpuSeconds: Math.round(loadCpu * 100) / 100,
        otherProcessesCpuShare: Math.round(Math.max(others, 0) / cores * 1000) / 1000,
        rssBeforeMb: rssBefore,
        ...memoryOf(server.pid),
      };
      await sleep(500);
    }
  } finally {
    await stopAll();
  }

  const hubResult = results.hub;
  const bareResult = results.bare;
  if (hubResult === undefined || bareResult === undefined) throw new Error('a run gave no result');
  const ratio = Math.round((hubResult.requestsPerSecond / bareResult.requestsPerSecond) * 1000) / 1000;
  const checks = {
    rpsShareOfBare: { target: `>= ${TARGETS.rpsShareOfBare}`, value: ratio, met: ratio >= TARGETS.rpsShareOfBare },
    hubP99Ms: { target: `<= ${TARGETS.p99Ms}`, value: hubResult.latencyMs.p99, met: hubResult.latencyMs.p99 <= TARGETS.p99Ms },
    hubRssMb: { target: `<= ${TARGETS.hubRssMb}`, value: hubResult.rssMb, met: hubResult.rssMb <= TARGETS.hubRssMb },
    non2xx: { target: '0', value: hubResult.non2xx + bareResult.non2xx + hubResult.errors + bareResult.errors, met: hubResult.non2xx + bareResult.non2xx + hubResult.errors + bareResult.errors === 0 },
  };

  let profile: ProfileSummary | undefined;
  if (options.profile) {
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file !== undefined) {
      profile = summarise(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), { top: 30, ...(measuredWindow === undefined ? {} : { window: measuredWindow }) });
      console.log(`\nbench:hub: hub CPU profile ${join(profileDir, file)}, the ${options.seconds} s measured run only\n${formatSummary(profile)}\n`);
    }
  }

  const row = (name: string, result: typeof hubResult) =>
    `${name.padEnd(6)} ${String(result.requestsPerSecond).padStart(8)} ${result.latencyMs.p50.toFixed(1).padStart(7)} ${result.latencyMs.p95.toFixed(1).padStart(7)} ${result.latencyMs.p99.toFixed(1).padStart(7)} ${result.latencyMs.max.toFixed(1).padStart(7)} ${String(result.non2xx + result.errors).padStart(6)} ${result.cpuMsPerRequest.toFixed(3).padStart(11)} ${result.rssMb.toFixed(0).padStart(7)} ${`${Math.round(result.otherProcessesCpuShare * 100)} %`.padStart(7)}`;
  console.log(`\nGET /api/v1/events (from, to, bbox, limit=50), ${meta.events} events, ${options.connections} connections, ${options.seconds} s each, ${paths.length} rotating URLs`);
  console.log(`server      req/s  p50 ms  p95 ms  p99 ms  max ms non2xx  cpu ms/req  RSS MB  others`);
  console.log(row('bare', bareResult));
  console.log(row('hub', hubResult));
  console.log(`hub / bare req/s: ${ratio}`);
  for (const [name, check] of Object.entries(checks)) console.log(`  ${check.met ? 'met   ' : 'MISSED'} ${name} ${check.target}: ${check.value}`);

  const report = {
    benchmark: 'hub-list',
    date: new Date().toISOString(),
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, loadavgAtStart: loadAtStart, loadavgAtEnd: loadavg().map((value) => Math.round(value * 100) / 100) },
    setup: {
      url: '/api/v1/events?from=…&to=…&bbox=…&limit=50',
      connections: options.connections,
      secondsPerServer: options.seconds,
      connect: `every connection opened with GET /healthz until answered (at most ${options.maxConnect} s), then the benchmark URLs`,
      warmupSeconds: options.warmup,
      loadGenerator: 'autocannon 9 (separate process, keep-alive, pipelining 1); latency of every response kept',
      order: ['bare', 'hub'],
      hub: options.hub === 'dist' ? '`node bin/constellation.js hub start` (built hub/dist, plain node), NODE_ENV=production, log level warn' : 'startHub from hub/src through tsx, NODE_ENV=production, log level warn',
      bare: 'node:http + better-sqlite3 (read-only), the SQL of event-list.ts for from+to+bbox',
      profiled: options.profile,
    },
    data: { events: meta.events, occurrences: meta.occurrences, actors: meta.actors, anchor: meta.anchor, databaseMb: Math.round(meta.databaseBytes / 1e6), populationSeconds: meta.seconds.total, populationEventsPerSecond: meta.eventsPerSecond, populatedThisRun: populatedNow },
    paths: sql.map((entry, index) => ({ ...entry, bytes: pages[index]?.bytes })),
    sqlAlone: { meanMs: sqlMeanMs, bySize: sqlBySize, note: 'the list query run 10 times per URL in one process on a read-only connection, no HTTP' },
    results: { bare: bareResult, hub: hubResult },
    hubOverBareRps: ratio,
    targets: checks,
    queryPlan: plan,
    ...(profile === undefined ? {} : { hubProfile: profile }),
    runSeconds: Math.round((performance.now() - runStarted) / 1000),
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  // The reference size keeps the plain name; other sizes get theirs, so trying one never overwrites the reference.
  const out = join(RESULTS_DIR, `hub-list${options.events === 100_000 ? '' : `-${options.events}`}${options.profile ? '.profiled' : ''}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`bench:hub: wrote ${out} (run ${report.runSeconds} s)`);
}

await main();
