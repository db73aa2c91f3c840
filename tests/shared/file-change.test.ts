import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileChange } from '@constellation/shared/server';

/*
 * How a running server notices a rebuild of the web app (web-app.ts, app-pages.ts): by a
 * file's identity, at most one look per interval however many requests ask, so a busy
 * server does not stat or read its index.html on every request.
 */

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a file change', () => {
  it('is reported once per new version, looked at no more than once per interval', () => {
    dir = mkdtempSync(join(tmpdir(), 'constellation-file-change-'));
    const path = join(dir, 'index.html');
    writeFileSync(path, 'one');
    let now = 0;
    const file = fileChange(path, { everyMs: 1000, now: () => now });
    expect(file.changed()).toBe(true);
    const first = file.version;
    expect(file.changed({ force: true })).toBe(false);
    // Replaced (as a build does: a new file under the same name), but not looked at yet.
    rmSync(path);
    writeFileSync(path, 'two!');
    now = 999;
    expect(file.changed()).toBe(false);
    now = 1000;
    expect(file.changed()).toBe(true);
    expect(file.version).not.toBe(first);
    now = 5000;
    expect(file.changed()).toBe(false);
    // Asked again after a failed reload: the next look reports it.
    file.retry();
    now = 6000;
    expect(file.changed()).toBe(true);
  });

  it('is not reported while the file is missing (a build emptying the folder), then is', () => {
    dir = mkdtempSync(join(tmpdir(), 'constellation-file-change-'));
    const path = join(dir, 'index.html');
    writeFileSync(path, 'one');
    const file = fileChange(path, { everyMs: 0 });
    expect(file.changed()).toBe(true);
    rmSync(path);
    expect(file.changed()).toBe(false);
    writeFileSync(path, 'rebuilt');
    expect(file.changed()).toBe(true);
  });
});
