// `constellation demo` (what `npm start` runs): a whole federation on one machine.
// It only starts processes through the `constellation` command itself, so it imports
// no package's internals and stops everything it started on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('./constellation.js', import.meta.url));

/** The demo regions: one science centre's hub each. */
const HUBS = [
  { id: 'grand-est', name: 'Echosciences Grand Est', region: '44' },
  { id: 'centre-val-de-loire', name: 'Echosciences Centre-Val de Loire', region: '24' },
  { id: 'auvergne-rhone-alpes', name: 'Echosciences Auvergne-Rhône-Alpes', region: '84' },
];

export const DEMO_USAGE = `Usage: constellation demo [--data-dir DIR] [--port N] [--reset]

Runs a demo federation on this machine: ${HUBS.length} regional hubs seeded with realistic
content (on ports N+1.., default 3001-3003), and, as they land, the national aggregator
and web app (on port N, default 3000). Data stays in DIR (default ./data) between runs;
--reset deletes it first. Ctrl-C stops every process the demo started.`;

const DEMO_PASSWORDS = { admin: 'demo-operateur', moderator: 'demo-moderation', contributor: 'demo-contribution' };
const DEMO_EMAILS = { admin: 'operateur', moderator: 'moderation', contributor: 'contribution' };

function hubEnv(hub, dataDir, port) {
  return {
    ...process.env,
    HUB_ID: hub.id,
    HUB_NAME: hub.name,
    HUB_REGION: hub.region,
    HUB_PORT: String(port),
    HUB_BASE_URL: `http://localhost:${port}`,
    HUB_DATA_DIR: join(dataDir, hub.id),
    HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL ?? 'warn',
  };
}

async function waitForHealth(url, child, deadlineMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`process for ${url} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`${url} did not become healthy within ${deadlineMs / 1000} s`);
}

export async function runDemo(args) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (error) {
    console.error(`constellation demo: ${error.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  const basePort = parsed.values.port === undefined ? 3000 : Number(parsed.values.port);
  if (!Number.isInteger(basePort) || basePort < 1 || basePort > 65_000) {
    console.error('constellation demo: --port must be an integer between 1 and 65000');
    return 2;
  }
  const dataDir = resolve(parsed.values['data-dir'] ?? 'data');
  if (parsed.values.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`reset: deleted ${dataDir}`);
  }

  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the demo...');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((done) => child.once('exit', done)) : undefined)));
    console.log('every demo process has stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const hubs = HUBS.map((hub, index) => ({ ...hub, port: basePort + 1 + index }));
  for (const [index, hub] of hubs.entries()) {
    const env = hubEnv(hub, dataDir, hub.port);
    const step = `[${index + 1}/${hubs.length}] ${hub.name}`;
    if (!existsSync(join(env.HUB_DATA_DIR, 'hub.sqlite'))) {
      process.stdout.write(`${step}: seeding realistic content... `);
      const seeded = spawnSync(process.execPath, [CLI, 'hub', 'seed', '--demo-accounts'], { env, encoding: 'utf8' });
      if (seeded.status !== 0) {
        console.error(`failed\n${seeded.stderr}`);
        await stopAll(1);
        return 1;
      }
      console.log(seeded.stdout.trim().replace(/^seeded [^:]+: /, ''));
    }
    process.stdout.write(`${step}: starting on port ${hub.port}... `);
    const child = spawn(process.execPath, [CLI, 'hub', 'start'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(child);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`\n${hub.name} stopped unexpectedly (${signal ?? `code ${code}`}); stopping the demo`);
        void stopAll(1);
      }
    });
    try {
      await waitForHealth(`http://localhost:${hub.port}`, child);
    } catch (error) {
      console.error(`failed: ${error.message}`);
      await stopAll(1);
      return 1;
    }
    console.log('ready');
  }

  console.log('\nConstellation demo federation is running:\n');
  for (const hub of hubs) {
    console.log(`  ${hub.name.padEnd(36)} http://localhost:${hub.port}   API docs: http://localhost:${hub.port}/docs`);
  }
  console.log('\nDemo accounts (log in with POST /api/v1/auth/login):');
  for (const hub of hubs) {
    for (const role of ['admin', 'moderator', 'contributor']) {
      console.log(`  ${hub.id.padEnd(22)} ${role.padEnd(12)} ${`${DEMO_EMAILS[role]}@${hub.id}.example.org`.padEnd(48)} ${DEMO_PASSWORDS[role]}`);
    }
  }
  console.log('\nThe national aggregator and map join this command as they land. Press Ctrl-C to stop.');
  return new Promise(() => {});
}

// Keep the redis check visible for when the aggregator lands.
export function hasBinary(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}
