import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, runHubCli } from '@constellation/hub';
import { runAggregatorCli } from '@constellation/aggregator';

/*
 * `constellation hub backup|restore` and `constellation aggregator backup|restore`, run
 * in-process on real SQLite files: a backup taken while the store is open holds what the
 * store holds, a restore brings it back (in a new folder, or over a store with --force),
 * and every wrong argument is refused with exit code 2 and a message, touching nothing.
 */

interface Run {
  code: number;
  out: string;
  err: string;
}

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'constellation-backup-'));
  writeFileSync(join(root, 'not-a-database.sqlite'), 'hello, this is text\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function hub(argv: string[], dataDir: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { HUB_ID: 'grand-est', HUB_NAME: 'Echosciences Grand Est', HUB_REGION: '44', HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'silent' };
  const code = await runHubCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env, stdin: () => '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function aggregator(argv: string[], dataDir: string, stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { AGGREGATOR_DATA_DIR: dataDir, AGGREGATOR_LOG_LEVEL: 'silent' };
  const code = await runAggregatorCli(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line), env, stdin: () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('constellation hub backup and restore', () => {
  let hubDir: string;
  let backup: string;
  let seeded: number;

  beforeAll(async () => {
    hubDir = join(root, 'hub');
    backup = join(root, 'hub-backup.sqlite');
    expect((await hub(['seed', '--scale', '0.1'], hubDir)).code).toBe(0);
    seeded = count(join(hubDir, 'hub.sqlite'), 'content');
  }, 60_000);

  it('backs up a database the hub has open, and never overwrites a file', async () => {
    // The hub's own connection stays open (and in WAL mode) during the backup.
    const running = openStore(join(hubDir, 'hub.sqlite'));
    try {
      const run = await hub(['backup', backup], hubDir);
      expect(run).toMatchObject({ code: 0, err: '' });
      expect(run.out).toContain(`backed up grand-est to ${backup}`);
    } finally {
      running.close();
    }
    expect(seeded).toBeGreaterThan(0);
    expect(count(backup, 'content')).toBe(seeded);
    // The seed's pictures are uploads: their files travel beside the database.
    const images = readdirSync(join(hubDir, 'media')).sort();
    expect(images.length).toBeGreaterThan(0);
    expect(readdirSync(`${backup}.media`).sort()).toEqual(images);
    const again = await hub(['backup', backup], hubDir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
  });

  it('restores into an empty data dir, and over a database only with --force', async () => {
    const fresh = join(root, 'hub-fresh');
    expect(await hub(['restore', backup], fresh)).toMatchObject({ code: 0, err: '' });
    expect(count(join(fresh, 'hub.sqlite'), 'content')).toBe(seeded);
    expect(readdirSync(join(fresh, 'media')).sort()).toEqual(readdirSync(join(hubDir, 'media')).sort());

    const other = join(root, 'hub-other');
    expect((await hub(['migrate'], other)).code).toBe(0);
    const refused = await hub(['restore', backup], other);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    expect(count(join(other, 'hub.sqlite'), 'content')).toBe(0);
    expect((await hub(['restore', backup, '--force'], other)).code).toBe(0);
    expect(count(join(other, 'hub.sqlite'), 'content')).toBe(seeded);
  });

  it('refuses missing, unknown and foreign files with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['backup'], 'missing <file>'],
      [['backup', join(root, 'no-such-folder', 'x.sqlite')], 'no folder'],
      [['restore', '--force'], 'missing <file>'],
      [['restore', join(root, 'nothing-here.sqlite'), '--force'], 'no file'],
      [['restore', join(root, 'not-a-database.sqlite'), '--force'], 'is not a SQLite database'],
    ];
    for (const [argv, message] of cases) {
      const run = await hub(argv, hubDir);
      expect({ argv, code: run.code, said: run.err.includes(message) }).toEqual({ argv, code: 2, said: true });
    }
    expect(count(join(hubDir, 'hub.sqlite'), 'content')).toBe(seeded);
    expect((await hub(['backup', join(root, 'hub-b.sqlite')], join(root, 'no-hub-here'))).err).toContain('no hub database');
  });
});

describe('constellation aggregator backup and restore', () => {
  let nationalDir: string;
  let backup: string;

  beforeAll(async () => {
    nationalDir = join(root, 'national');
    backup = join(root, 'national-backup.sqlite');
    expect((await aggregator(['create-admin', '--email', 'admin@national.example.org', '--password-stdin'], nationalDir, 'une phrase de passe solide\n')).code).toBe(0);
  });

  it('backs up the national store, and restores it into a new data dir', async () => {
    const run = await aggregator(['backup', backup], nationalDir);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(count(backup, 'admins')).toBe(1);
    const fresh = join(root, 'national-fresh');
    expect(await aggregator(['restore', backup], fresh)).toMatchObject({ code: 0, err: '' });
    expect(count(join(fresh, 'national.sqlite'), 'admins')).toBe(1);
  });

  it('replaces a store only with --force, and refuses a hub backup', async () => {
    const other = join(root, 'national-other');
    expect((await aggregator(['hubs'], other)).code).toBe(0);
    const refused = await aggregator(['restore', backup], other);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    expect(count(join(other, 'national.sqlite'), 'admins')).toBe(0);
    expect((await aggregator(['restore', backup, '--force'], other)).code).toBe(0);
    expect(count(join(other, 'national.sqlite'), 'admins')).toBe(1);

    // The hub tests above made it.
    const foreign = await aggregator(['restore', join(root, 'hub-backup.sqlite'), '--force'], other);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain('not a national store backup');
  });

  it('refuses missing and wrong arguments with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['backup'], 'missing <file>'],
      [['backup', backup], 'already exists'],
      [['backup', 'a.sqlite', 'b.sqlite'], 'unexpected argument'],
      [['restore', join(root, 'not-a-database.sqlite'), '--force'], 'is not a SQLite database'],
    ];
    for (const [argv, message] of cases) {
      const run = await aggregator(argv, nationalDir);
      expect({ argv, code: run.code, said: run.err.includes(message) }).toEqual({ argv, code: 2, said: true });
    }
    const help = await aggregator(['restore', '--help'], nationalDir);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--force');
  });
});
