import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * What the national site downloads first is the web app's entry and everything it imports
 * statically (the map, the agenda, the event page); the portal's pages arrive by dynamic
 * import when shown. The budget of bench:web (our JS at most 120 KB gzip) is kept by not
 * letting a static import pull a page's words or code into that first download: this walks
 * the entry's static imports, as dependency-cruiser resolves them, and names what must stay out.
 */

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');

interface Module {
  source: string;
  dependencies: { resolved: string; dependencyTypes: string[] }[];
}

/** The chain of static imports from the entry to each module it reaches. */
let reached: Map<string, string[]>;

beforeAll(async () => {
  const { stdout } = await run(resolve(repo, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'web/src/main.tsx'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  const modules = new Map((JSON.parse(stdout) as { modules: Module[] }).modules.map((module) => [module.source, module]));
  reached = new Map([['web/src/main.tsx', ['web/src/main.tsx']]]);
  const queue = ['web/src/main.tsx'];
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    for (const dependency of modules.get(source)?.dependencies ?? []) {
      // A dynamic import is a later download; a type-only import is erased.
      if (dependency.dependencyTypes.includes('dynamic-import') || dependency.dependencyTypes.includes('type-only')) continue;
      if (reached.has(dependency.resolved)) continue;
      reached.set(dependency.resolved, [...(reached.get(source) ?? []), dependency.resolved]);
      queue.push(dependency.resolved);
    }
  }
}, 60_000);

describe('the national site\'s first download', () => {
  it('holds the map, the agenda and the event page', () => {
    for (const page of ['web/src/pages/map-page.tsx', 'web/src/pages/agenda-page.tsx', 'web/src/pages/event-page.tsx']) expect(reached.has(page), page).toBe(true);
  });

  it.each([
    'web/src/i18n/strings-contribute.ts',
    'web/src/i18n/strings-console.ts',
    'web/src/i18n/api-messages.ts',
    'web/src/contribute/field-errors.ts',
    'web/src/contribute/type-specs.ts',
  ])('leaves %s to the pages that use it', (module) => {
    expect(reached.get(module)?.join(' → ')).toBeUndefined();
  });
});
