import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { alive, REPO_ROOT } from './processes.ts';
import { sleep } from './wait.ts';

/*
 * The web app built by Vite once per test run, for every Chromium file. A build costs some
 * 8 s of CPU on an idle machine (more on a busy one), and the servers only read a web root,
 * so one build serves them all. Vitest's globalSetup (web-build-setup.ts) gives the run one
 * directory; the first file that needs the build makes it there, while the other files, in
 * either worker, wait for it. A build that fails fails every file that needed it, with its
 * error.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's directory for the shared web build (web-build-setup.ts). */
    webBuildDir: string;
  }
}

const run = promisify(execFile);

/** Builds the web app (web/) into `outDir` with Vite, as `npm run build -w web` does. */
export async function buildWebApp(outDir: string): Promise<void> {
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(REPO_ROOT, 'web') });
}

let built: Promise<string> | undefined;

/** The web root of this run's build (web/ as `npm run build -w web` makes it): built on the first call of the run, shared afterwards. Read it, never write to it. */
export function builtWebApp(): Promise<string> {
  built ??= sharedBuild(inject('webBuildDir'));
  return built;
}

async function sharedBuild(shared: string): Promise<string> {
  const webRoot = join(shared, 'web');
  const done = join(shared, 'built');
  const failed = join(shared, 'failed');
  const lock = join(shared, 'building');
  if (!takeLock(lock)) {
    // Another file is building it: wait for its outcome.
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (existsSync(done)) return webRoot;
      if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
      // The builder writes its pid just after taking the lock.
      const builder = Number(readFileSync(lock, 'utf8'));
      if (builder > 0 && !alive(builder)) throw new Error(`the process that was building the web app (${builder}) ended without finishing it`);
      if (Date.now() > deadline) throw new Error('waited 300 s for the web app build of this run');
      await sleep(100);
    }
  }
  try {
    await buildWebApp(webRoot);
  } catch (error) {
    writeFileSync(failed, `the web app build failed: ${(error as Error).message}`);
    throw error;
  }
  writeFileSync(done, '');
  return webRoot;
}

/** Creates `lock` holding this process's pid; false if another process already has. */
function takeLock(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return true;
}

