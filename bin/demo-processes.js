// The processes the demo runs: `constellation ...` commands run to the end, and the
// long-running servers, watched over so that Ctrl-C, or any of them stopping on its own,
// stops them all in order (Redis last) and a crash of the demo leaves none behind.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('./constellation.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../', import.meta.url));

/** How long a stopping process may take before it is killed. */
const STOP_GRACE_MS = 10_000;

/** Runs `constellation ...` to the end; resolves with its output, rejects with it on failure. */
export function runCli(args, env, input) {
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

function stopChild({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Watches over the demo's long-running processes from now on. `run` resolves with the
 * demo's exit code once `stopAll` has stopped them all (on Ctrl-C, or when one stops on its
 * own); `onStop` adds what to close once they have (the mailbox, inside the demo's process).
 */
export function superviseDemo() {
  /** Every long-running process the demo started, in start order. */
  const children = [];
  const closers = [];
  let stopping = false;
  let resolveRun;
  const run = new Promise((done) => (resolveRun = done));

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the demo...');
    // The servers first (the aggregator closes its Redis connections gracefully), Redis last.
    await Promise.all(children.filter((entry) => entry.name !== 'Redis').map(stopChild));
    await Promise.all(children.filter((entry) => entry.name === 'Redis').map(stopChild));
    for (const close of closers) await close();
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
  return {
    run,
    children,
    track,
    stopAll,
    // Each child gets its own process group, so a Ctrl-C in the terminal reaches only the
    // demo, which stops them in order (Redis last) instead of all at once.
    startNode: (name, cliArgs, env) => track(name, spawn(process.execPath, [CLI, ...cliArgs], { env, cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], detached: true })),
    onStop: (close) => void closers.push(close),
    get stopping() {
      return stopping;
    },
  };
}
