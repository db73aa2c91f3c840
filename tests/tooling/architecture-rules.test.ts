import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The dependency rules are only worth having if they fire. This test builds a small
 * copy of the workspace layout in a temp folder, with the repository's own
 * .dependency-cruiser.cjs, breaks each rule once in its own file, and checks that the
 * checker names exactly the rules broken, and nothing on a clean tree.
 */

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const depcruise = join(repo, 'node_modules/.bin/depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'constellation-deps-'));
  cpSync(join(repo, '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  cpSync(join(repo, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  for (const name of ['shared', 'hub', 'aggregator', 'web']) {
    write(root, `${name}/package.json`, JSON.stringify({
      name: `@constellation/${name}`,
      type: 'module',
      exports: { '.': { '@constellation/source': './src/index.ts', default: './dist/index.js' } },
    }));
    write(root, `${name}/src/index.ts`, `export const name = '${name}';\n`);
    mkdirSync(join(root, 'node_modules/@constellation'), { recursive: true });
    symlinkSync(join(root, name), join(root, `node_modules/@constellation/${name}`), 'dir');
  }
  // An ordinary npm package, to check shared/ accepts only the dependencies it allows.
  write(root, 'node_modules/left-pad/package.json', JSON.stringify({ name: 'left-pad', version: '1.0.0', main: 'index.js' }));
  write(root, 'node_modules/left-pad/index.js', 'module.exports = (s) => s;\n');
  write(root, 'shared/src/internal.ts', 'export const hidden = 1;\n');
  write(root, 'hub/src/uses-shared.ts', "import { name } from '@constellation/shared';\nexport const sharedName = name;\n");
  return root;
}

async function violations(root: string): Promise<Violation[]> {
  const result = await run(depcruise, ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'shared', 'hub', 'aggregator', 'web'], { cwd: root }).catch(
    // depcruise exits non-zero when it finds violations; the JSON report is still on stdout.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(result.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

describe('architecture rules', () => {
  let root = '';
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('find nothing on a tree that imports shared by its package name', async () => {
    expect(await violations(root)).toEqual([]);
  });

  it('name every rule a change breaks', async () => {
    const broken: Record<string, string> = {
      'hub/src/wrong-peer.ts': "import { name } from '@constellation/aggregator';\nexport const x = name;\n",
      'aggregator/src/wrong-peer.ts': "import { name } from '@constellation/hub';\nexport const x = name;\n",
      'web/src/wrong-server.ts': "import { name } from '@constellation/hub';\nexport const x = name;\n",
      'hub/src/reach-in.ts': "import { hidden } from '../../shared/src/internal.ts';\nexport const x = hidden;\n",
      'shared/src/node-only.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'shared/src/upward.ts': "import { name } from '@constellation/web';\nexport const x = name;\n",
      'shared/src/extra-package.ts': "import pad from 'left-pad';\nexport const x = pad;\n",
      'hub/src/cycle-a.ts': "import { b } from './cycle-b.ts';\nexport const a = () => b;\n",
      'hub/src/cycle-b.ts': "import { a } from './cycle-a.ts';\nexport const b = () => a;\n",
    };
    for (const [path, text] of Object.entries(broken)) write(root, path, text);
    try {
      // A cycle is reported from whichever of its files the checker reaches first.
      const found = (await violations(root)).map((violation) =>
        violation.rule.name === 'no-cycles' ? `no-cycles ${violation.from.replace(/cycle-[ab]/, 'cycle-?')}` : `${violation.rule.name} ${violation.from}`,
      );
      expect([...new Set(found)].sort()).toEqual(
        [
          'aggregator-never-imports-hub aggregator/src/wrong-peer.ts',
          'hub-never-imports-aggregator hub/src/wrong-peer.ts',
          'no-cycles hub/src/cycle-?.ts',
          'no-reaching-into-another-package hub/src/reach-in.ts',
          'shared-imports-no-package shared/src/upward.ts',
          'shared-is-browser-safe shared/src/node-only.ts',
          'shared-uses-only-allowed-packages shared/src/extra-package.ts',
          'web-imports-only-shared web/src/wrong-server.ts',
        ].sort(),
      );
    } finally {
      for (const path of Object.keys(broken)) rmSync(join(root, path));
    }
  });
});
