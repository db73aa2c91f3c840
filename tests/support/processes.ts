import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Child processes for the federation tests: each runs in its own process group, so a
 * kill reaches whatever it started, and every group still alive when the test process
 * exits is killed, so no hub, aggregator or Redis outlives a run.
 */

/** The repository root (tests/support/ is two levels down). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles when the process has exited, however it ended. */
  readonly exited: Promise<Exit>;
  alive(): boolean;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` to its whole process group and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<Exit>;
}

/** Whether a process with this pid is still running (a signal 0 reaches it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const groups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
}

/** Environment variables of the test run that must not leak into a server's configuration. */
const PRIVATE_ENV = /^(HUB_|AGGREGATOR_|REDIS_URL$|NODE_OPTIONS$|CONSTELLATION_)/;

export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !PRIVATE_ENV.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Runs a TypeScript entry of this repository with Node, from sources (as the tests import them). */
export function nodeTsArgs(entry: string, args: readonly string[]): string[] {
  return ['--conditions=@constellation/source', '--import', 'tsx', entry, ...args];
}

const KEEP_CHARS = 16_000;

export function spawnManaged(name: string, command: string, args: readonly string[], options: { env: Record<string, string>; cwd?: string; echo?: boolean }): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
  installExitHook();
  groups.add(pid);
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-KEEP_CHARS);
    if (options.echo === true) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let done = false;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      // Whatever the leader left behind in its group goes with it.
      killGroup(pid, 'SIGKILL');
      groups.delete(pid);
      resolve({ code, signal });
    }),
  );
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!done) killGroup(pid, signal);
    return exited;
  };
  return {
    name,
    pid,
    exited,
    alive: () => !done,
    output: () => text,
    kill,
    async stop(graceMs = 10_000) {
      if (done) return exited;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToEnd(name: string, command: string, args: readonly string[], options: { env: Record<string, string>; cwd?: string; timeoutMs?: number }): Promise<string> {
  const managed = spawnManaged(name, command, args, options);
  const timer = setTimeout(() => void managed.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const exit = await managed.exited;
  clearTimeout(timer);
  if (exit.code !== 0) throw new Error(`${name} failed (${exit.signal ?? `exit ${exit.code}`}):\n${managed.output()}`);
  return managed.output();
}
