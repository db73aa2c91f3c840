import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAggregatorCli } from '@constellation/aggregator';
import { runHubCli } from '@constellation/hub';
import { childEnv, REPO_ROOT } from '../support/processes.ts';

/*
 * Every `constellation` command as an operator meets it (bin/constellation.js and the
 * packages' CLI functions it calls): `--help` exits 0 and prints usage, and an unknown flag or a missing required argument
 * exits 2 with a message naming the problem. None of these paths starts a server or
 * writes a database, so the temp data dir must stay free of any database file.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir = '';

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'constellation-cli-help-'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const ENV = () => ({
  ...childEnv({}),
  HUB_ID: 'cli-test',
  HUB_NAME: 'CLI test hub',
  HUB_REGION: '24',
  HUB_DATA_DIR: join(dataDir, 'hub'),
  HUB_LOG_LEVEL: 'silent',
  AGGREGATOR_DATA_DIR: join(dataDir, 'aggregator'),
  AGGREGATOR_LOG_LEVEL: 'silent',
});

/** The real binary, as an operator types it: one Node process per run. */
function spawnCli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/constellation.js', ...args], { cwd: REPO_ROOT, env: ENV(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/*
 * The packages' CLI functions, which bin/constellation.js calls with the same argv: run in
 * this process with the output captured, so the whole table costs one load of each package
 * rather than a Node start per case (the binary's own dispatch is proven by spawnCli below).
 */
async function run(args: readonly string[]): Promise<Run> {
  const [group, ...rest] = args;
  if (group !== 'hub' && group !== 'aggregator') return spawnCli(args);
  const out: string[] = [];
  const err: string[] = [];
  const env = ENV();
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line), env, stdin: () => '' };
  const code = group === 'hub' ? await runHubCli(rest, io) : await runAggregatorCli(rest, env, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Each command, the argument it needs before a flag can be judged (if any), and what missing it is called. */
const COMMANDS: { command: string[]; required?: { args: string[]; names: string } }[] = [
  { command: [] },
  { command: ['hub'] },
  { command: ['aggregator'] },
  { command: ['demo'] },
  { command: ['hub', 'start'] },
  { command: ['hub', 'migrate'] },
  { command: ['hub', 'create-admin'], required: { args: ['--email', 'admin@example.org'], names: '--email' } },
  { command: ['hub', 'seed'] },
  { command: ['hub', 'rotate-key'] },
  { command: ['hub', 'import'], required: { args: ['--actor', 'someone', '--ical-file', 'x.ics'], names: '--actor' } },
  { command: ['hub', 'backup'], required: { args: ['/tmp/never-written.db'], names: '<file>' } },
  { command: ['hub', 'restore'], required: { args: ['/tmp/never-read.db'], names: '<file>' } },
  { command: ['aggregator', 'start'] },
  { command: ['aggregator', 'add-hub'], required: { args: ['https://hub.example.org'], names: '<url>' } },
  { command: ['aggregator', 'approve-hub'], required: { args: ['grand-est'], names: '<id>' } },
  { command: ['aggregator', 'suspend-hub'], required: { args: ['grand-est'], names: '<id>' } },
  { command: ['aggregator', 'remove-hub'], required: { args: ['grand-est'], names: '<id>' } },
  { command: ['aggregator', 'refresh-hub'], required: { args: ['grand-est'], names: '<id>' } },
  { command: ['aggregator', 'hubs'] },
  { command: ['aggregator', 'create-admin'], required: { args: ['--email', 'admin@example.org'], names: '--email' } },
  { command: ['aggregator', 'backup'], required: { args: ['/tmp/never-written.db'], names: '<file>' } },
  { command: ['aggregator', 'restore'], required: { args: ['/tmp/never-read.db'], names: '<file>' } },
];

const label = (command: string[]) => ['constellation', ...command].join(' ');

describe.concurrent('the constellation binary dispatches to each package', { timeout: 60_000 }, () => {
  it.each([
    { args: ['--help'], code: 0 },
    { args: [], code: 2 },
    { args: ['hub', '--help'], code: 0 },
  ])('constellation $args exits $code with its usage', async ({ args, code }) => {
    const result = await spawnCli(args);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout).toMatch(/^Usage: constellation/);
    if (args[0] === 'hub' || args[0] === 'aggregator') expect(result.stdout).toContain(`constellation ${args[0]}`);
  });

  it.each([['--bogus-flag'], ['aggregator', 'start', '--bogus-flag']])('constellation %s exits 2 naming the flag', async (...args) => {
    const result = await spawnCli(args);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(2);
    expect(result.stderr).toContain('--bogus-flag');
  });
});

describe.concurrent('constellation --help, unknown flags and missing arguments', { timeout: 60_000 }, () => {
  it.each(COMMANDS)('$command.0 $command.1 --help exits 0 and prints usage', async ({ command }) => {
    const result = await run([...command, '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: constellation/);
    // A subcommand's help names the subcommand (its own usage, or its line in the group's).
    if (command.length === 2) expect(result.stdout).toContain(command[1]);
  });

  it.each(COMMANDS)('$command.0 $command.1 with an unknown flag exits 2 naming it', async ({ command, required }) => {
    const result = await run([...command, ...(required?.args ?? []), '--bogus-flag']);
    expect(result.code, `${label(command)}: ${result.stdout}${result.stderr}`).toBe(2);
    expect(result.stderr).toContain('--bogus-flag');
  });

  it.each(COMMANDS.filter((entry) => entry.required))('$command.0 $command.1 without its required argument exits 2 naming it', async ({ command, required }) => {
    const result = await run(command);
    expect(result.code, `${label(command)}: ${result.stdout}${result.stderr}`).toBe(2);
    expect(result.stderr).toContain(required?.names);
  });
});

describe('constellation commands refused at the door', () => {
  it('wrote no database', () => {
    const files = readdirSync(dataDir, { recursive: true }).map(String);
    expect(files.filter((file) => /\.(db|sqlite)$/.test(file))).toEqual([]);
  });
});
