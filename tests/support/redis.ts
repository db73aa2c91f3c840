import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/*
 * A private Redis server for one test file: the real binary on a free loopback port, in a
 * temporary folder, configured as BullMQ wants it in production (no eviction) and with no
 * persistence, so `stop()` + `start()` is a true restart with an empty memory. Tests
 * never share a server, so they never share a queue or a channel.
 */

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`; stays the same across stop/start. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL: an abrupt loss, as a crash would be); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  /** Starts it again after `stop()`, empty, on the same port. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
  /** FLUSHALL: every key gone while the server and its connections stay up. */
  flushAll(): Promise<void>;
  /** Sends one command on a fresh connection and returns its reply (for tests that look at keys directly). */
  command(...args: string[]): Promise<RespValue>;
  /** Stops the server for good and removes its folder. */
  close(): Promise<void>;
}

const CANDIDATES = ['/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, 'redis-server'))];

function findBinary(): string {
  for (const candidate of CANDIDATES) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('redis-server was not found (looked in /usr/bin and on PATH): install it with `apt-get install -y redis-server` (the CI script does)');
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every server started by this process, killed if the process exits without closing them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) server.kill('SIGKILL');
  });
}

/** Encodes a command as RESP, sends it on a fresh connection and reads one reply. */
export function redisCommand(port: number, args: readonly string[], timeoutMs = 2_000): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis on port ${port} did not answer ${args[0]} in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseReply(received, 0);
      if (parsed === undefined) return;
      clearTimeout(timer);
      socket.end();
      resolve(parsed.value);
    });
  });
}

/** A RESP2 reply: a status or error line, an integer, a bulk string (null when absent), or an array. */
export type RespValue = string | number | null | RespError | RespValue[];

export class RespError {
  constructor(readonly message: string) {}
}

/** Reads one reply at byte `at`; undefined while it is incomplete. */
function parseReply(bytes: Buffer, at: number): { value: RespValue; next: number } | undefined {
  const lineEnd = bytes.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const kind = String.fromCharCode(bytes[at] ?? 0);
  const head = bytes.toString('utf8', at + 1, lineEnd);
  const after = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: head, next: after };
    case '-':
      return { value: new RespError(head), next: after };
    case ':':
      return { value: Number(head), next: after };
    case '$': {
      const length = Number(head);
      if (length < 0) return { value: null, next: after };
      if (bytes.length < after + length + 2) return undefined;
      return { value: bytes.toString('utf8', after, after + length), next: after + length + 2 };
    }
    case '*': {
      const count = Number(head);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let next = after;
      for (let index = 0; index < count; index += 1) {
        const item = parseReply(bytes, next);
        if (item === undefined) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`unexpected RESP reply: ${bytes.toString('utf8')}`);
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a private redis-server and waits until it answers PING. */
export async function startRedis(): Promise<TestRedis> {
  const binary = findBinary();
  const dir = mkdtempSync(join(tmpdir(), 'constellation-redis-'));
  let port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  async function launch(): Promise<void> {
    output = '';
    const server = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', dir, '--protected-mode', 'no', '--daemonize', 'no', '--logfile', ''],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    killOnExit(server);
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    let exited = false;
    server.once('exit', () => (exited = true));
    await until(
      async () => {
        if (exited) throw new Error('exited');
        return (await redisCommand(port, ['PING'], 500)) === 'PONG';
      },
      `redis-server did not answer PING on port ${port}`,
      10_000,
    ).catch((error: unknown) => {
      server.kill('SIGKILL');
      throw new Error(`${(error as Error).message}${exited ? ' (it exited)' : ''}; its output:\n${output}`);
    });
    if (exited) throw new Error(`redis-server exited at start; its output:\n${output}`);
  }

  async function stop(): Promise<void> {
    const server = child;
    child = undefined;
    if (server === undefined || server.exitCode !== null || server.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGKILL');
    await gone;
  }

  // Another process may take the free port between the check and the bind: try a few.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3 || !/Address already in use|bind/i.test(output)) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }
  const url = `redis://127.0.0.1:${port}`;

  return {
    url,
    port,
    stop,
    async start() {
      if (child !== undefined) throw new Error('redis is already running');
      await launch();
    },
    async restart() {
      await stop();
      await launch();
    },
    async flushAll() {
      const reply = await redisCommand(port, ['FLUSHALL']);
      if (reply !== 'OK') throw new Error(`FLUSHALL answered ${JSON.stringify(reply)}`);
    },
    command: (...args: string[]) => redisCommand(port, args),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
