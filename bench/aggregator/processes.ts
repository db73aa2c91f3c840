/**
 * Child processes for the aggregator benchmarks: each in its own process group (so a stop
 * reaches whatever it started), its output kept for error messages, and every group still
 * alive when the benchmark exits killed by pid.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_DIR } from './common.ts';

export interface Child {
  name: string;
  pid: number;
  exited: Promise<number | null>;
  alive(): boolean;
  output(): string;
  /** SIGTERM to its group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const groups = new Set<number>();
let hooked = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Variables of this shell that would configure the servers behind the benchmark's back. */
const PRIVATE_ENV = /^(HUB_|AGGREGATOR_|REDIS_URL$|NODE_OPTIONS$|CONSTELLATION_)/;

export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !PRIVATE_ENV.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** `node` arguments that run a TypeScript entry of this repository from its sources. */
export function tsEntry(entry: string, args: readonly string[] = [], execArgv: readonly string[] = []): string[] {
  return [...execArgv, '--conditions=@constellation/source', '--import', 'tsx', entry, ...args];
}

export function spawnChild(name: string, command: string, args: readonly string[], env: Record<string, string>, echo = false): Child {
  const child = spawn(command, args, { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const group of groups) killGroup(group, 'SIGKILL');
    });
  }
  groups.add(pid);
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-16_000);
    if (echo) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      groups.delete(pid);
      resolve(code);
    });
  });
  return {
    name,
    pid,
    exited,
    alive: () => running,
    output: () => text,
    async stop(graceMs = 5_000) {
      if (!running) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever it started and left behind.
      killGroup(pid, 'SIGKILL');
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** A private redis-server: no persistence, no eviction (BullMQ needs every key it writes). */
export async function startRedis(): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = spawnChild('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], childEnv({}));
  await waitFor(() => /Ready to accept connections/.test(child.output()) || !child.alive(), 'redis-server to start', 10_000);
  if (!child.alive()) throw new Error(`redis-server exited:\n${child.output()}`);
  return { url: `redis://127.0.0.1:${port}`, child };
}
