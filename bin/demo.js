// `constellation demo` (what `npm start` runs): a whole federation on one machine.
// It only starts processes (redis-server and the `constellation` command itself), so it
// imports no package's internals, and it stops everything it started on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSystemDeps, NEEDS } from './system-deps.js';
import { startMailViewer } from './mail-viewer.js';
import { demoCampaign, demoSeedTime, ensureDemoCampaign, readCampaignsAgain } from './demo-campaign.js';
import { hubAdmin, NATIONAL_ADMIN, printAccounts } from './demo-accounts.js';
import { aggregatorEnv, hubEnv } from './demo-env.js';
import { freePort, healthy, portIsFree, redisAnswers, waitFor } from './demo-probes.js';
import { REPO, runCli, superviseDemo } from './demo-processes.js';

export { demoCampaign };

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

  const supervisor = superviseDemo();
  const { run, children, stopAll, startNode, track } = supervisor;
  /** The mailbox runs inside the demo's own process. */
  let mailbox;

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
    if (supervisor.stopping) return run;

    // 2. The mailbox the hubs send their mail to.
    mailbox = await startMailViewer({ httpPort: mailPort });
    supervisor.onStop(() => mailbox.close());
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
    if (supervisor.stopping) return run;
    console.log(`starting ${hubs.length} hubs on ports ${hubs[0].port}-${hubs.at(-1).port}...`);
    await Promise.all(
      hubs.map(async (hub) => {
        const child = startNode(hub.name, ['hub', 'start'], hubEnv(hub, dataDir, nationalUrl, hasWeb ? webRoot : undefined, mailbox.smtpPort));
        await waitFor(hub.name, () => healthy(hub.url), child);
        console.log(`  ${hub.id} ready on ${hub.url}`);
      }),
    );
    if (supervisor.stopping) return run;

    // 4. The aggregator (API, workers and the web app in one process).
    const env = aggregatorEnv(dataDir, basePort, redisUrl, hasWeb ? webRoot : undefined);
    process.stdout.write(`starting the national aggregator on port ${basePort}... `);
    const aggregator = startNode('The national aggregator', ['aggregator', 'start'], env);
    await waitFor('The national aggregator', () => healthy(nationalUrl), aggregator);
    console.log('ready');
    if (!hasWeb) console.log('  (the web app is not built: the national site and the hubs serve the API only; `npm run build` builds it)');
    if (supervisor.stopping) return run;

    // 5. First run: register and approve the hubs, and make a national admin.
    await registerHubs(hubs, env);
    // 5. The Fête de la science the hubs' seeded events are labelled for, defined as a national admin would.
    await ensureDemoCampaign(nationalUrl, hubs, seededAt, NATIONAL_ADMIN);
    // 6. The hubs first read the national campaign list before the aggregator was up: each reads it again now.
    for (const hub of hubs) {
      const failed = await readCampaignsAgain(hub.url, hubAdmin(hub));
      if (failed !== undefined) console.log(`${hub.name} will read the national campaign list within the hour, or when its coordinator asks (not now: ${failed})`);
    }
  } catch (error) {
    if (supervisor.stopping) return run;
    return fail(error.message);
  }
  if (supervisor.stopping) return run;

  console.log('\nConstellation demo federation is running:\n');
  console.log(`  ${'National map and agenda'.padEnd(36)} ${nationalUrl}   API docs: ${nationalUrl}/docs`);
  for (const hub of hubs) console.log(`  ${`${hub.name} (portal)`.padEnd(36)} ${hub.url}   API docs: ${hub.url}/docs`);
  console.log(`  ${'Mail sent by the hubs (demo mailbox)'.padEnd(36)} ${mailbox.url}`);
  printAccounts(hubs, nationalUrl, hasWeb);
  console.log(`\nData lives in ${dataDir} (--reset starts afresh).`);
  console.log(`Processes: ${children.map(({ name, child }) => `${name} ${child.pid}`).join(', ')}`);
  console.log('Press Ctrl-C to stop.');
  return run;
}

/** Registers the hubs the aggregator does not list as approved (through its CLI, as an operator would); on the first run, also creates the national admin. */
async function registerHubs(hubs, env) {
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
}
