import { chmodSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/*
 * A PATH on which some programs are missing, as on a new machine, while everything else
 * (node, sh, apt-get, ...) is still found: one folder of links to every program on the
 * current PATH but those named. Readable by every user, so a test can hand it to another.
 */
export function pathWithout(hidden: readonly string[], basePath = process.env.PATH ?? ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'constellation-path-'));
  chmodSync(dir, 0o755);
  for (const source of basePath.split(delimiter)) {
    let names: string[];
    try {
      names = readdirSync(source);
    } catch {
      continue;
    }
    for (const name of names) {
      const link = join(dir, name);
      // The first folder on PATH wins, as it does for a shell.
      if (hidden.includes(name) || existsSync(link)) continue;
      symlinkSync(join(source, name), link);
    }
  }
  return dir;
}
