import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildHub, loadHubConfig } from '@constellation/hub';
import { AdminAccounts, loadAggregatorConfig, openNationalStore, PullQueues, runAggregatorCli, sqliteEngine } from '@constellation/aggregator';
import { Redis } from 'ioredis';
import { nodeTsArgs, REPO_ROOT } from '../support/processes.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';

/*
 * `constellation aggregator ...` run in-process (its output captured) against a real hub
 * on a real port, a real Redis and a national store in a temporary folder; and a few
 * runs as a real process, for exit codes and `start --role`.
 */

const COMMANDS = ['start', 'add-hub', 'approve-hub', 'suspend-hub', 'remove-hub', 'refresh-hub', 'hubs', 'create-admin'];

let redis: TestRedis;
let dataDir: string;
let hubDir: string;
let hubApp: FastifyInstance;
let hubUrl: string;

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in this process with the test's store and Redis (settings from the environment, as an operator would). */
async function cli(argv: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { AGGREGATOR_DATA_DIR: dataDir, REDIS_URL: redis.url, AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true', AGGREGATOR_LOG_LEVEL: 'silent', ...options.env };
  const code = await runAggregatorCli(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line), env, stdin: () => options.stdin ?? '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function scheduledHubs(): Promise<string[]> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const queues = new PullQueues(loadAggregatorConfig({ env: { AGGREGATOR_DATA_DIR: dataDir, REDIS_URL: redis.url } }), connection);
  try {
    await waitFor(() => connection.status === 'ready', { what: 'Redis' });
    return await queues.scheduledHubs();
  } finally {
    await queues.close();
    connection.disconnect();
  }
}

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'constellation-cli-'));
  hubDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
  const hubPort = await freePort();
  hubUrl = `http://127.0.0.1:${hubPort}`;
  hubApp = await buildHub(
    loadHubConfig({
      env: { HUB_ID: 'grand-est', HUB_NAME: 'Echosciences Grand Est', HUB_REGION: '44', HUB_BASE_URL: hubUrl, HUB_DATA_DIR: hubDir, HUB_JWT_SECRET: 'hub-secret-that-is-long-enough-for-hs256-0123', HUB_LOG_LEVEL: 'silent' },
    }),
  );
  await hubApp.listen({ host: '127.0.0.1', port: hubPort });
}, 60_000);

afterAll(async () => {
  await hubApp?.close();
  await redis?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(hubDir, { recursive: true, force: true });
});

describe('constellation aggregator: help and bad arguments', () => {
  it('prints the usage, and each command\'s --help, with exit 0', async () => {
    const usage = await cli(['--help']);
    expect(usage.code).toBe(0);
    for (const command of COMMANDS) expect(usage.out).toContain(command);
    expect((await cli(['help'])).code).toBe(0);
    for (const command of COMMANDS) {
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toContain(`constellation aggregator ${command}`);
      expect(help.out, command).toContain('--redis-url');
    }
    expect((await cli(['create-admin', '--help'])).out).toContain('--email');
  });

  it('exits 2 with a message naming the problem when called wrongly', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['add-hub'], /missing <url>/],
      [['approve-hub'], /missing <id>/],
      [['suspend-hub', 'a', 'b'], /unexpected argument "b"/],
      [['hubs', '--bogus', '1'], /--bogus/],
      [['hubs', '--role', 'boss'], /role/],
      [['hubs', '--port', 'eighty'], /port/],
      [['add-hub', 'ftp://hub.example.org'], /url must use http or https/],
      [['create-admin'], /--email is required/],
      [['create-admin', '--email'], /--email needs a value/],
      [['create-admin', '--email', 'ops@example.org'], /password on stdin with --password-stdin, or in AGGREGATOR_ADMIN_PASSWORD/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(`${run.err}${run.out}`, argv.join(' ')).toMatch(message);
    }
    const short = await cli(['create-admin', '--email', 'ops@example.org'], { env: { AGGREGATOR_ADMIN_PASSWORD: 'short' } });
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 12 characters/);
    const badEmail = await cli(['create-admin', '--email', 'not-an-email', '--password-stdin'], { stdin: 'a long enough password\n' });
    expect(badEmail.code).toBe(2);
    expect(badEmail.err).toMatch(/email/);
  });

  it('exits 1 when the command fails: an unknown hub, an unreachable one', async () => {
    const unknown = await cli(['approve-hub', 'nowhere']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no hub nowhere/);
    const unreachable = await cli(['add-hub', `http://127.0.0.1:${await freePort()}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/descriptor could not be read/);
  });

  it('gives the same exit code as a real process', () => {
    const run = (args: string[]) => spawnSync(process.execPath, nodeTsArgs('aggregator/src/main.ts', args), { cwd: REPO_ROOT, env: { ...process.env, AGGREGATOR_DATA_DIR: dataDir, REDIS_URL: redis.url }, encoding: 'utf8' });
    const bad = run(['approve-hub']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/missing <id>/);
  });
});

describe('constellation aggregator: the registry and admins', () => {
  it('adds, lists, approves (scheduling it), suspends and removes a hub', async () => {
    const added = await cli(['add-hub', hubUrl]);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/added grand-est .*pending/);
    expect((await cli(['add-hub', hubUrl])).code).toBe(1);

    const pending = await cli(['hubs']);
    expect(pending.code).toBe(0);
    const [header, row] = pending.out.split('\n');
    expect(header).toMatch(/^ID\s+STATUS\s+LAST SUCCESS\s+LAG\s+LAST ERROR$/);
    expect(row).toMatch(/^grand-est\s+pending\s+never\s+0\s+-$/);

    const approved = await cli(['approve-hub', 'grand-est']);
    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/approved grand-est: scheduled/);
    expect(await scheduledHubs()).toEqual(['grand-est']);
    expect((await cli(['hubs'])).out).toMatch(/grand-est\s+approved/);
    expect((await cli(['refresh-hub', 'grand-est'])).code).toBe(0);

    expect((await cli(['suspend-hub', 'grand-est', '--reason', 'x'])).code).toBe(2);
    const suspended = await cli(['suspend-hub', 'grand-est', '--reason', 'clé révoquée']);
    expect(suspended.code).toBe(0);
    expect(suspended.out).toMatch(/suspended grand-est \(clé révoquée\)/);
    expect(await scheduledHubs()).toEqual([]);
    expect((await cli(['hubs'])).out).toMatch(/grand-est\s+suspended/);

    const removed = await cli(['remove-hub', 'grand-est']);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/removed grand-est/);
    expect((await cli(['hubs'])).out).toMatch(/no hubs yet/);
  });

  it('changes the store without Redis, and says the worker will pick the change up', async () => {
    expect((await cli(['add-hub', hubUrl])).code).toBe(0);
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const approved = await cli(['approve-hub', 'grand-est'], { env: { REDIS_URL: deadRedis } });
    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/approved grand-est/);
    expect(approved.out).toMatch(/Redis is not reachable: the worker will pick the change up at its next start/);
    expect((await cli(['hubs'])).out).toMatch(/grand-est\s+approved/);
    expect((await cli(['remove-hub', 'grand-est'])).code).toBe(0);
  });

  it('creates an admin from the environment or stdin, and sets a new password for an existing one', async () => {
    const created = await cli(['create-admin', '--email', 'Ops@Example.org'], { env: { AGGREGATOR_ADMIN_PASSWORD: 'correct horse battery staple' } });
    expect(created.code).toBe(0);
    expect(created.out).toBe('created admin ops@example.org');
    const reset = await cli(['create-admin', '--email', 'ops@example.org', '--password-stdin'], { stdin: 'another long passphrase\n' });
    expect(reset.code).toBe(0);
    expect(reset.out).toBe('set a new password for admin ops@example.org');
    const store = openNationalStore(join(dataDir, 'national.sqlite'));
    try {
      const accounts = new AdminAccounts(sqliteEngine(store).admin.admins);
      expect(await accounts.check('ops@example.org', 'another long passphrase')).toMatchObject({ email: 'ops@example.org' });
      expect(await accounts.check('ops@example.org', 'correct horse battery staple')).toBeUndefined();
      const hash = store.sqlite.prepare('SELECT password_hash FROM admins').pluck().get() as string;
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    } finally {
      store.close();
    }
  });
});

describe('constellation aggregator start', () => {
  it('runs the api role until SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, nodeTsArgs('aggregator/src/main.ts', ['start', '--role', 'api', '--port', String(port), '--log-level', 'warn']), {
      cwd: REPO_ROOT,
      env: { ...process.env, AGGREGATOR_DATA_DIR: dataDir, REDIS_URL: redis.url },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const health = await waitFor(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          return response?.ok === true ? ((await response.json()) as { status: string }) : undefined;
        },
        { what: 'the API to answer', timeoutMs: 60_000 },
      );
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // A process started through tsx on a loaded 2-core machine can take most of 30 s to
    // answer; the wait above is the real deadline, and the test's own must be longer.
  }, 90_000);
});
