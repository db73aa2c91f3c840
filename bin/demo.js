// `constellation demo` (what `npm start` runs): a whole federation on one machine.
// It only starts processes (redis-server and the `constellation` command itself), so it
// imports no package's internals, and it stops everything it started on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps, NEEDS } from './system-deps.js';
import { startMailViewer } from './mail-viewer.js';
import { demoCampaign, demoSeedTime, readCampaignsAgain } from './demo-campaign.js';

export { demoCampaign };

const CLI = fileURLToPath(new URL('./constellation.js', import.meta.url));
const REPO = fileURLToPath(new URL('../', import.meta.url));

/** The demo regions: one science centre's hub each. */
const HUBS = [
  { id: 'grand-est', name: 'Echosciences Grand Est', region: '44' },
  { id: 'centre-val-de-loire', name: 'Echosciences Centre-Val de Loire', region: '24' },
  { id: 'auvergne-rhone-alpes', name: 'Echosciences Auvergne-Rhône-Alpes', region: '84' },
];

export const DEMO_USAGE = `Usage: constellation demo [--data-dir DIR] [--port N] [--reset] [--no-install]

Runs a demo federation on this machine: a private Redis (from the redis-server binary,
unless REDIS_URL is set), ${HUBS.length} regional hubs seeded with realistic content (ports N+1
to N+${HUBS.length}, default 3001-3003), the national aggregator with the web app (port N,
default 3000), and a mailbox that receives every mail the hubs send, with a page listing
them (port N+${HUBS.length + 1}, default 3004). Data stays in DIR (default ./data) between runs;
--reset deletes it first. The mailbox keeps its mail in memory only.
Ctrl-C stops every process the demo started.

Without REDIS_URL and with no redis-server on PATH, the demo installs Redis from the
system's packages where it can (as root on Debian/Ubuntu: apt-get update, then apt-get
install redis-server, saying so first); elsewhere it prints the command to run and exits 1.

Options:
  --data-dir DIR   where the hubs, the aggregator and Redis keep their files (default ./data)
  --port N         base port: the national site on N, the hubs on N+1 to N+${HUBS.length}, the mailbox
                   page on N+${HUBS.length + 1} (default 3000)
  --reset          delete DIR first, so the hubs are seeded again
  --no-install     never install Redis; say what to run instead (also CONSTELLATION_NO_INSTALL=1)
  -h, --help       show this help`;

const DEMO_PASSWORDS = { admin: 'demo-operateur', moderator: 'demo-moderation', contributor: 'demo-contribution' };
const DEMO_EMAILS = { admin: 'operateur', moderator: 'moderation', contributor: 'contribution' };
/** The names the seed gives them (hub/src/seed/store-seed.ts demoAccounts): what the portal shows once logged in. */
const DEMO_NAMES = { admin: 'Julien Moreau (démo)', moderator: 'Nadia Lefèvre (démo)', contributor: 'Léa Fontaine (démo)' };
/** The national admin (POST /api/v1/auth/login on the aggregator). */
const NATIONAL_ADMIN = { email: 'admin@national.example.org', password: 'demo-national-admin' };
/** The demo polls each hub this often (besides the hubs' notifies), so a missed notify shows up soon. */
const PULL_INTERVAL_MS = 15_000;
/** How long a stopping process may take before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * Creates the demo's campaign through the national admin API, once (a later run finds it):
 * the edition of the day the hubs were seeded, whenever the demo is started again.
 */
async function ensureDemoCampaign(nationalUrl, hubs, seededAt) {
  const campaign = demoCampaign(hubs, seededAt);
  const known = await fetch(`${nationalUrl}/api/v1/campaigns/${campaign.slug}`);
  if (known.ok) {
    const today = new Date().toISOString().slice(0, 10);
    if (campaign.endDate < today) console.log(`the demo's ${campaign.name} ended on ${campaign.endDate} (its hubs were seeded then); \`npm start -- --reset\` seeds a running edition`);
    return;
  }
  const login = await fetch(`${nationalUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(NATIONAL_ADMIN) });
  if (!login.ok) throw new Error(`the national admin could not log in to create the demo campaign (${login.status})`);
  const { accessToken } = await login.json();
  const created = await fetch(`${nationalUrl}/api/v1/admin/campaigns`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(campaign) });
  if (!created.ok) throw new Error(`the demo campaign was refused (${created.status}): ${await created.text()}`);
  console.log(`created the national campaign "${campaign.name}" (${nationalUrl}/campagnes/${campaign.slug})`);
}

/** The environment without the settings of whatever shell ran the demo, which would override the demo's. */
function baseEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(HUB_|AGGREGATOR_)/.test(key)) env[key] = value;
  return env;
}

function hubEnv(hub, dataDir, nationalUrl, webRoot, smtpPort) {
  return {
    ...baseEnv(),
    HUB_ID: hub.id,
    HUB_NAME: hub.name,
    HUB_REGION: hub.region,
    HUB_PORT: String(hub.port),
    HUB_BASE_URL: hub.url,
    HUB_DATA_DIR: join(dataDir, hub.id),
    HUB_AGGREGATOR_URLS: nationalUrl,
    HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL ?? 'warn',
    // Every mail goes to the demo's mailbox (bin/mail-viewer.js), never to a real address.
    ...(smtpPort === undefined ? {} : { HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(smtpPort), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: `${hub.name} <no-reply@${hub.id}.example.org>` }),
    // Each hub serves the web app as its regional portal (the same build as the national site).
    ...(webRoot === undefined ? {} : { HUB_WEB_ROOT: webRoot }),
  };
}

function aggregatorEnv(dataDir, port, redisUrl, webRoot) {
  return {
    ...baseEnv(),
    AGGREGATOR_PORT: String(port),
    AGGREGATOR_PUBLIC_URL: `http://localhost:${port}`,
    AGGREGATOR_DATA_DIR: join(dataDir, 'aggregator'),
    AGGREGATOR_ROLE: 'all',
    // The demo hubs are on localhost, which a production aggregator refuses to reach.
    AGGREGATOR_ALLOW_PRIVATE_NETWORK: '1',
    AGGREGATOR_PULL_INTERVAL_MS: String(PULL_INTERVAL_MS),
    AGGREGATOR_PULL_JITTER_MS: '2000',
    AGGREGATOR_LOG_LEVEL: process.env.AGGREGATOR_LOG_LEVEL ?? 'warn',
    REDIS_URL: redisUrl,
    ...(webRoot === undefined ? {} : { AGGREGATOR_WEB_ROOT: webRoot }),
  };
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A port nobody listens on now (for the private Redis, which nothing else needs to find). */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Whether `port` can be listened on (on 127.0.0.1, where the demo listens). */
function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function redisAnswers(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) socket.end();
    });
    socket.once('close', () => done(reply.startsWith('+PONG')));
    socket.once('error', () => undefined);
  });
}

async function waitFor(what, check, child, deadlineMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.signalCode ?? `code ${child.exitCode}`}) while starting`);
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not become ready within ${deadlineMs / 1000} s`);
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

/** Runs `constellation ...` to the end; resolves with its output, rejects with it on failure. */
function runCli(args, env, input) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdin.end(input ?? '');
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(out.trim()) : fail(new Error(`constellation ${args.join(' ')} failed (code ${code}): ${(err || out).trim()}`))));
  });
}

export async function runDemo(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        reset: { type: 'boolean' },
        'no-install': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        // Not in the help: the end-to-end test seeds small hubs to stay quick.
        scale: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`constellation demo: ${error.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  const basePort = parsed.values.port === undefined ? 3000 : Number(parsed.values.port);
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + HUBS.length + 1 > 65_535) {
    console.error(`constellation demo: --port must be an integer between 1 and ${65_535 - HUBS.length - 1}`);
    return 2;
  }
  const scale = parsed.values.scale ?? '1';
  if (!(Number(scale) > 0)) {
    console.error('constellation demo: --scale must be a positive number');
    return 2;
  }

  const externalRedis = process.env.REDIS_URL;
  /** The redis-server to start: found on PATH, or installed now (see bin/system-deps.js). */
  let redisServer;
  if (externalRedis === undefined) {
    const install = !parsed.values['no-install'] && !/^(1|true|yes)$/i.test(process.env.CONSTELLATION_NO_INSTALL ?? '');
    const deps = await ensureSystemDeps(NEEDS.demo, { install, purpose: 'for the demo' });
    if (!deps.ok) {
      console.error(`constellation demo: ${deps.message}\nOr point the demo at a Redis of your own: REDIS_URL=redis://host:6379 npm start`);
      return 1;
    }
    redisServer = deps.paths.redis;
  }
  if (!existsSync(join(REPO, 'aggregator/dist/main.js')) || !existsSync(join(REPO, 'hub/dist/index.js'))) {
    console.error('constellation demo: the packages are not built yet; run `npm run build` first (`npm start` does both)');
    return 1;
  }
  const mailPort = basePort + HUBS.length + 1;
  const ports = [basePort, ...HUBS.map((_, index) => basePort + 1 + index), mailPort];
  for (const port of ports) {
    if (!(await portIsFree(port))) {
      console.error(`constellation demo: port ${port} is already in use (another demo?); stop it, or choose other ports with --port`);
      return 1;
    }
  }

  const dataDir = resolve(parsed.values['data-dir'] ?? 'data');
  if (parsed.values.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`reset: deleted ${dataDir}`);
  }
  mkdirSync(dataDir, { recursive: true });

  const nationalUrl = `http://localhost:${basePort}`;
  // The built web app: the national site and each hub's regional portal.
  const webRoot = join(REPO, 'web/dist');
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  const hubs = HUBS.map((hub, index) => ({ ...hub, port: basePort + 1 + index, url: `http://localhost:${basePort + 1 + index}` }));

  /** Every long-running process the demo started, in start order. */
  const children = [];
  /** The mailbox runs inside the demo's own process. */
  let mailbox;
  let stopping = false;
  let resolveRun;
  const run = new Promise((done) => (resolveRun = done));

  const stopChild = (entry) => {
    const { child } = entry;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
  };
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the demo...');
    // The servers first (the aggregator closes its Redis connections gracefully), Redis last.
    await Promise.all(children.filter((entry) => entry.name !== 'Redis').map(stopChild));
    await Promise.all(children.filter((entry) => entry.name === 'Redis').map(stopChild));
    await mailbox?.close();
    console.log('every demo process has stopped');
    resolveRun(code);
  };
  const onSignal = () => void stopAll(0);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Should the demo itself crash, its children go with it.
  process.once('exit', () => {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const track = (name, child) => {
    children.push({ name, child });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`\n${name} stopped unexpectedly (${signal ?? `code ${code}`}); stopping the demo`);
      void stopAll(1);
    });
    return child;
  };
  // Each child gets its own process group, so a Ctrl-C in the terminal reaches only the
  // demo, which stops them in order (Redis last) instead of all at once.
  const startNode = (name, cliArgs, env) => track(name, spawn(process.execPath, [CLI, ...cliArgs], { env, cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], detached: true }));

  const fail = async (message) => {
    console.error(`\nconstellation demo: ${message}`);
    await stopAll(1);
    return 1;
  };

  try {
    // 1. Redis.
    let redisUrl = externalRedis;
    if (redisUrl === undefined) {
      const redisPort = await freePort();
      const redisDir = join(dataDir, 'redis');
      mkdirSync(redisDir, { recursive: true });
      process.stdout.write(`starting Redis on port ${redisPort}... `);
      // Nothing in Redis needs to outlive the demo (the stores are SQLite): no persistence,
      // and noeviction, which BullMQ requires.
      const redisArgs = ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', redisDir, '--loglevel', 'warning'];
      const redis = track('Redis', spawn(redisServer, redisArgs, { stdio: ['ignore', 'ignore', 'inherit'], detached: true }));
      await waitFor('Redis', () => redisAnswers(redisPort), redis, 20_000);
      redisUrl = `redis://127.0.0.1:${redisPort}`;
      console.log('ready');
    } else {
      console.log(`using the Redis at REDIS_URL (${redisUrl.replace(/\/\/[^@/]*@/, '//***@')})`);
    }
    if (stopping) return run;

    // 2. The mailbox the hubs send their mail to.
    mailbox = await startMailViewer({ httpPort: mailPort });
    console.log(`mailbox ready: SMTP on port ${mailbox.smtpPort}, mail listed on ${mailbox.url}`);

    // 3. The hubs: seeded on first run, then started (all at once).
    // Every hub is seeded as of the same day (the first start's), so their campaign events and
    // the national campaign stay one edition however much later the demo is started again.
    const seededAt = demoSeedTime(dataDir, hubs.map((hub) => hub.id));
    const fresh = hubs.filter((hub) => !existsSync(join(dataDir, hub.id, 'hub.sqlite')));
    await Promise.all(
      fresh.map(async (hub) => {
        console.log(`seeding ${hub.id} with realistic content...`);
        const summary = await runCli(['hub', 'seed', '--demo-accounts', '--scale', scale, '--now', new Date(seededAt).toISOString()], hubEnv(hub, dataDir, nationalUrl));
        console.log(`seeded ${summary.replace(/^seeded /, '')}`);
      }),
    );
    if (stopping) return run;
    console.log(`starting ${hubs.length} hubs on ports ${hubs[0].port}-${hubs.at(-1).port}...`);
    await Promise.all(
      hubs.map(async (hub) => {
        const child = startNode(hub.name, ['hub', 'start'], hubEnv(hub, dataDir, nationalUrl, hasWeb ? webRoot : undefined, mailbox.smtpPort));
        await waitFor(hub.name, () => healthy(hub.url), child);
        console.log(`  ${hub.id} ready on ${hub.url}`);
      }),
    );
    if (stopping) return run;

    // 4. The aggregator (API, workers and the web app in one process).
    const env = aggregatorEnv(dataDir, basePort, redisUrl, hasWeb ? webRoot : undefined);
    process.stdout.write(`starting the national aggregator on port ${basePort}... `);
    const aggregator = startNode('The national aggregator', ['aggregator', 'start'], env);
    await waitFor('The national aggregator', () => healthy(nationalUrl), aggregator);
    console.log('ready');
    if (!hasWeb) console.log('  (the web app is not built: the national site and the hubs serve the API only; `npm run build` builds it)');
    if (stopping) return run;

    // 5. First run: register and approve the hubs, and make a national admin.
    const listed = await runCli(['aggregator', 'hubs'], env);
    const status = new Map(
      listed
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .map(([id, state]) => [id, state]),
    );
    const toRegister = hubs.filter((hub) => status.get(hub.id) !== 'approved');
    if (toRegister.length > 0) {
      console.log(`registering ${toRegister.map((hub) => hub.id).join(', ')} with the aggregator...`);
      for (const hub of toRegister) {
        if (!status.has(hub.id)) await runCli(['aggregator', 'add-hub', hub.url], env);
        // A hub an operator suspended stays suspended; only new (pending) ones are approved.
        if (status.get(hub.id) === undefined || status.get(hub.id) === 'pending') await runCli(['aggregator', 'approve-hub', hub.id], env);
      }
    }
    if (status.size === 0) await runCli(['aggregator', 'create-admin', '--email', NATIONAL_ADMIN.email, '--password-stdin'], env, `${NATIONAL_ADMIN.password}\n`);
    // 5. The Fête de la science the hubs' seeded events are labelled for, defined as a national admin would.
    await ensureDemoCampaign(nationalUrl, hubs, seededAt);
    // 6. The hubs first read the national campaign list before the aggregator was up: each reads it again now.
    for (const hub of hubs) {
      const failed = await readCampaignsAgain(hub.url, { email: `${DEMO_EMAILS.admin}@${hub.id}.example.org`, password: DEMO_PASSWORDS.admin });
      if (failed !== undefined) console.log(`${hub.name} will read the national campaign list within the hour, or when its coordinator asks (not now: ${failed})`);
    }
  } catch (error) {
    if (stopping) return run;
    return fail(error.message);
  }
  if (stopping) return run;

  console.log('\nConstellation demo federation is running:\n');
  console.log(`  ${'National map and agenda'.padEnd(36)} ${nationalUrl}   API docs: ${nationalUrl}/docs`);
  for (const hub of hubs) console.log(`  ${`${hub.name} (portal)`.padEnd(36)} ${hub.url}   API docs: ${hub.url}/docs`);
  console.log(`  ${'Mail sent by the hubs (demo mailbox)'.padEnd(36)} ${mailbox.url}`);
  console.log(`\nDemo accounts (log in on each hub's portal at <portal>/login${hasWeb ? '' : ', or with POST /api/v1/auth/login'}; the national admin on the national site):`);
  for (const hub of hubs) {
    console.log(`  ${hub.name}, ${hub.url}/login`);
    for (const role of ['admin', 'moderator', 'contributor']) {
      console.log(`    ${role.padEnd(12)} ${`${DEMO_EMAILS[role]}@${hub.id}.example.org`.padEnd(48)} ${DEMO_PASSWORDS[role].padEnd(18)} ${DEMO_NAMES[role]}`);
    }
  }
  console.log(`  National site, ${nationalUrl}\n    ${'admin'.padEnd(12)} ${NATIONAL_ADMIN.email.padEnd(48)} ${NATIONAL_ADMIN.password}`);
  console.log(`\nData lives in ${dataDir} (--reset starts afresh).`);
  console.log(`Processes: ${children.map(({ name, child }) => `${name} ${child.pid}`).join(', ')}`);
  console.log('Press Ctrl-C to stop.');
  return run;
}
