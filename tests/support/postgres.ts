import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { SYSTEM_DEPS } from '../../bin/system-deps.js';
import { freePort } from './redis.ts';

/*
 * A private PostgreSQL server for one test file: Debian's real binaries, a cluster made by
 * initdb in a temporary folder, listening on a free loopback port. initdb and postgres
 * refuse to run as root, so as root they run as a system user (Debian's `postgres`, or
 * `constellation-pg`, created when neither exists); as anyone else, as that user. Start it
 * once per file (beforeAll) and give each test its own database (`database()`): a CREATE
 * DATABASE costs tens of milliseconds, a server a second or two.
 *
 * Durability is off (fsync, full page writes): a test never survives an OS crash, and a
 * test server then writes as fast as the machine allows.
 */

export interface TestPostgres {
  /** `postgres://constellation@127.0.0.1:<port>/postgres` (the superuser; trust auth on loopback). */
  readonly url: string;
  readonly port: number;
  /** A new empty database; returns its URL. */
  database(name?: string): Promise<string>;
  /** Runs one statement as the superuser on `postgres` (or on the given database URL). */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[], url?: string): Promise<Row[]>;
  /**
   * A streaming replica of this server (pg_basebackup -R into a temporary folder, started on
   * another free port as the same system user, hot standby: it answers reads). Its `url`
   * names the database `postgres`; `database(name)` gives the replica's URL for a database
   * made on the primary (created there, not here: a standby is read-only).
   */
  replica(): Promise<TestPostgres>;
  /** Stops the server (immediate shutdown, as a crash) and removes its folder. */
  close(): Promise<void>;
}

const SUPERUSER = 'constellation';

/** Where initdb and postgres are: Debian's versioned folder (newest first), then PATH. */
export function postgresBinDir(): string {
  const dirs = [...(SYSTEM_DEPS.postgresql.dirs?.() ?? []), ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '')];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'initdb'), constants.X_OK);
      accessSync(join(dir, 'postgres'), constants.X_OK);
      return dir;
    } catch {
      // try the next one
    }
  }
  throw new Error('PostgreSQL was not found (looked in /usr/lib/postgresql/<version>/bin and on PATH): `node bin/ensure-system-deps.js --for test` installs it (Debian package postgresql)');
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

function account(name: string): Account | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (line === undefined) return undefined;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/** The unprivileged account the server runs as when the tests run as root. */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = account('postgres') ?? account('constellation-pg');
  if (existing !== undefined) return existing;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'constellation-pg'], { stdio: 'pipe' });
  const created = account('constellation-pg');
  if (created === undefined) throw new Error('useradd constellation-pg succeeded but the account is not in /etc/passwd');
  return created;
}

/** Every server started by this process, stopped if the process exits without closing them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function stopOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // SIGQUIT: immediate shutdown; the server's own children follow the postmaster.
  process.once('exit', () => {
    for (const server of running) server.kill('SIGQUIT');
  });
}

function run(command: string, args: string[], user: Account | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`))));
  });
}

async function waitReady(url: string, server: ChildProcess, log: () => string, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode} while starting:\n${log().slice(-2000)}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`postgres did not accept connections within ${deadlineMs} ms: ${(error as Error).message}\n${log().slice(-2000)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Makes a cluster in a temporary folder and starts its server on a free loopback port. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const user = serverAccount();
  const root = mkdtempSync(join(tmpdir(), 'constellation-pg-'));
  const data = join(root, 'data');
  mkdirSync(data, { mode: 0o700 });
  if (user !== undefined) {
    chownSync(root, user.uid, user.gid);
    chownSync(data, user.uid, user.gid);
  }
  await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], user);
  const port = await freePort();
  const { server, url } = await serve(bin, data, root, port, user);
  return handle(server, url, port, root, { bin, data, user });
}

/** Starts `postgres` on a cluster folder and waits until it accepts connections. */
async function serve(bin: string, data: string, root: string, port: number, user: Account | undefined): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D', data, '-p', String(port), '-k', root,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off',
      '-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
    ],
    {
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  stopOnExit(server);
  let log = '';
  server.stdout?.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
  server.stderr?.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
  const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  try {
    await waitReady(url, server, () => log);
  } catch (error) {
    server.kill('SIGQUIT');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { server, url };
}

function handle(server: ChildProcess, url: string, port: number, root: string, cluster: { bin: string; data: string; user: Account | undefined }, primary?: TestPostgres): TestPostgres {
  let databases = 0;
  const query = async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = [], target = url): Promise<Row[]> => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    port,
    async database(name = `test_${process.pid}_${++databases}`) {
      if (primary === undefined) await query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    query,
    async replica() {
      if (primary !== undefined) throw new Error('a replica of a replica is not needed by any test');
      const replicaRoot = mkdtempSync(join(tmpdir(), 'constellation-pg-replica-'));
      const replicaData = join(replicaRoot, 'data');
      if (cluster.user !== undefined) chownSync(replicaRoot, cluster.user.uid, cluster.user.gid);
      // -R writes standby.signal and primary_conninfo; a fast checkpoint starts the copy at once.
      await run(join(cluster.bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-D', replicaData, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync'], cluster.user);
      const replicaPort = await freePort();
      const started = await serve(cluster.bin, replicaData, replicaRoot, replicaPort, cluster.user);
      return handle(started.server, started.url, replicaPort, replicaRoot, { ...cluster, data: replicaData }, this);
    },
    async close() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGINT: fast shutdown (ends sessions, no checkpoint wait worth having in a test).
        server.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
