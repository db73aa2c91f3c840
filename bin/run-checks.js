#!/usr/bin/env node
// Runs npm scripts at the same time and fails if any of them fails: what `npm test` does with
// lint, typecheck and deps:check before the tests. The type check alone keeps one core busy
// for a minute or more on a clean clone; lint and the dependency rules use the other meanwhile.
// Each script's output is printed whole when it ends (never interleaved), then what ended how.
//   node bin/run-checks.js <npm script>...
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('Usage: node bin/run-checks.js <npm script>...');
  process.exit(2);
}

const npm = process.env.npm_execpath;
const started = Date.now();

function run(script) {
  return new Promise((resolve) => {
    // Inside `npm test`, npm_execpath is npm's own CLI: run it with this Node, as npm does.
    const child = npm === undefined ? spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, [npm, 'run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.once('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.once('close', (code, signal) => {
      process.stdout.write(Buffer.concat(chunks));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? 'passed' : 'FAILED'}: npm run ${script} (${ok ? '' : `${signal ?? `exit ${code}`}, `}done at ${seconds} s)`);
      resolve(ok);
    });
  });
}

const results = await Promise.all(scripts.map(run));
const failed = scripts.filter((_, index) => !results[index]);
if (failed.length > 0) {
  console.error(`run-checks: failed: ${failed.join(', ')}`);
  process.exit(1);
}
