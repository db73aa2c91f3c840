import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The `constellation` command as an operator meets it: help everywhere, clear errors
 * and non-zero codes on bad arguments. It runs the built packages, so `npm test`
 * builds (tsc -b) before the tests run.
 */

const repo = resolve(import.meta.dirname, '../..');
const cli = resolve(repo, 'bin/constellation.js');

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('constellation', () => {
  it('needs the build', () => {
    expect(existsSync(resolve(repo, 'hub/dist/index.js')), 'run npm run build (npm test does) before these tests').toBe(true);
  });

  it('prints its usage for --help and exits 0', () => {
    const result = run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: constellation <command>');
    expect(result.out).toMatch(/hub\s+run and operate a regional hub/);
  });

  it('refuses an unknown command with exit code 2 and the usage', () => {
    const result = run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown command "frobnicate"');
  });

  it('documents every hub command and setting', () => {
    const result = run(['hub', '--help']);
    expect(result.code).toBe(0);
    for (const word of ['start', 'migrate', 'create-admin', 'seed', '--hub-id', 'HUB_JWT_SECRET', 'HUB_BODY_LIMIT']) expect(result.out).toContain(word);
  });

  it('refuses an unknown hub command and an unknown flag', () => {
    expect(run(['hub', 'explode']).code).toBe(2);
    const flag = run(['hub', 'migrate', '--no-such-flag'], { HUB_ID: 'x-hub' });
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('no-such-flag');
  });

  it('names the missing setting', () => {
    const result = run(['hub', 'migrate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('hubId');
  });

  it('refuses a short secret before touching anything', () => {
    const result = run(['hub', 'migrate'], { HUB_ID: 'x-hub', HUB_NAME: 'X', HUB_REGION: '24', HUB_DATA_DIR: resolve(repo, '.tmp/never-created'), HUB_JWT_SECRET: 'too-short' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('jwtSecret');
    expect(existsSync(resolve(repo, '.tmp/never-created/hub.sqlite'))).toBe(false);
  });

  it('refuses a bad demo option', () => {
    const result = run(['demo', '--port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--port');
  });
});
