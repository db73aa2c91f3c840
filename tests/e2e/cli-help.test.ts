import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, REPO_ROOT } from '../support/processes.ts';

/*
 * Every `constellation` command as an operator meets it, through bin/constellation.js:
 * `--help` exits 0 and prints usage, and an unknown flag or a missing required argument
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

function run(args: readonly string[]): Promise<Run> {
  const env = childEnv({
    HUB_ID: 'cli-test',
    HUB_NAME: 'CLI test hub',
    HUB_REGION: '24',
    HUB_DATA_DIR: join(dataDir, 'hub'),
    HUB_LOG_LEVEL: 'silent',
    AGGREGATOR_DATA_DIR: join(dataDir, 'aggregator'),
    AGGREGATOR_LOG_LEVEL: 'silent',
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/constellation.js', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
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

// Each case spawns Node and loads the whole CLI, so a loaded machine may make one slow.
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
