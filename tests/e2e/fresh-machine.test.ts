import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSystem, installCommand, SYSTEM_DEPS } from '../../bin/system-deps.js';
import { pathWithout } from '../support/hidden-path.ts';
import { childEnv, REPO_ROOT } from '../support/processes.ts';

/*
 * A new machine has Node.js and nothing else. Where the demo cannot install Redis itself
 * (asked not to, or not root, or not Debian/Ubuntu) it must stop at once with the exact
 * command to run and exit 1, before building or starting anything. The other half, the
 * install itself (root on Debian: apt-get update, apt-get install, then the federation
 * comes up), is proven by tests/e2e/demo.test.ts, which starts the demo with redis-server
 * hidden from PATH the same way.
 */

let path: string;
let dataDir: string;

beforeAll(() => {
  path = pathWithout(['redis-server']);
  dataDir = mkdtempSync(join(tmpdir(), 'constellation-fresh-'));
  chmodSync(dataDir, 0o777);
});

afterAll(() => {
  rmSync(path, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `constellation demo ARGS` to the end, with redis-server hidden; `asUser` runs it as that user (needs root). */
function demo(args: string[], asUser?: string): { status: number | null; output: string } {
  const command = ['bin/constellation.js', 'demo', '--data-dir', dataDir, ...args];
  const [file, argv] = asUser === undefined ? [process.execPath, command] : ['runuser', ['-u', asUser, '--', '/usr/bin/env', `PATH=${path}`, process.execPath, ...command]];
  const result = spawnSync(file, argv, { cwd: REPO_ROOT, env: childEnv({ PATH: path }), encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const isRoot = process.getuid?.() === 0;
const system = detectSystem();

describe('the demo on a machine without redis-server', () => {
  it('with --no-install, exits 1 and prints the command to run, installing nothing', () => {
    const { status, output } = demo(['--no-install']);
    expect(status).toBe(1);
    expect(output).toContain('missing Redis (redis-server)');
    expect(output).toContain('not installing it (--no-install)');
    expect(output).toContain(installCommand([SYSTEM_DEPS.redis], system));
    expect(output).toContain('REDIS_URL=redis://host:6379');
    expect(output).not.toContain('apt-get update:');
  });

  it.runIf(isRoot && spawnSync('id', ['nobody']).status === 0)('as a user who is not root, exits 1 with the sudo command to run', () => {
    const { status, output } = demo([], 'nobody');
    expect(status).toBe(1);
    if (system.kind === 'apt') {
      expect(output).toContain('installing it needs root');
      expect(output).toContain('sudo apt-get update && sudo apt-get install -y redis-server');
    } else {
      expect(output).toContain(installCommand([SYSTEM_DEPS.redis], { ...system, root: false }));
    }
  });
});

describe('the command it prints on each system', () => {
  it('names the package manager and the packages, with sudo where not root', () => {
    const redis = [SYSTEM_DEPS.redis];
    const both = [SYSTEM_DEPS.redis, SYSTEM_DEPS.chromium];
    expect(installCommand(both, { kind: 'apt', root: true })).toBe('apt-get update && apt-get install -y redis-server chromium');
    expect(installCommand(redis, { kind: 'apt', root: false })).toBe('sudo apt-get update && sudo apt-get install -y redis-server');
    expect(installCommand(redis, { kind: 'dnf', root: false })).toBe('sudo dnf install -y redis');
    expect(installCommand(both, { kind: 'brew', root: false })).toBe('brew install redis && brew install --cask chromium');
    expect(installCommand(redis, { kind: 'unknown', root: false })).toContain('sudo apt-get install -y redis-server');
  });

  it('recognises Debian and Ubuntu by /etc/os-release, and macOS as Homebrew', () => {
    expect(detectSystem({ platform: 'darwin' })).toEqual({ kind: 'brew', root: false });
    expect(detectSystem({ platform: 'win32' }).kind).toBe('unknown');
    expect(detectSystem({ platform: 'linux', osRelease: join(REPO_ROOT, 'no-such-os-release') }).kind).toBe('unknown');
  });
});
