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
    const exports: Record<string, object> = { '.': { '@constellation/source': './src/index.ts', default: './dist/index.js' } };
    // shared's Node-only half, as in the real shared/package.json.
    if (name === 'shared') exports['./server'] = { '@constellation/source': './src/server/index.ts', default: './dist/server/index.js' };
    write(root, `${name}/package.json`, JSON.stringify({ name: `@constellation/${name}`, type: 'module', exports }));
    write(root, `${name}/src/index.ts`, `export const name = '${name}';\n`);
    mkdirSync(join(root, 'node_modules/@constellation'), { recursive: true });
    symlinkSync(join(root, name), join(root, `node_modules/@constellation/${name}`), 'dir');
  }
  // Ordinary npm packages: left-pad is allowed nowhere in shared/, ipaddr.js only in shared/src/server.
  for (const pkg of ['left-pad', 'ipaddr.js']) {
    write(root, `node_modules/${pkg}/package.json`, JSON.stringify({ name: pkg, version: '1.0.0', main: 'index.js' }));
    write(root, `node_modules/${pkg}/index.js`, 'module.exports = (s) => s;\n');
  }
  write(root, 'shared/src/internal.ts', 'export const hidden = 1;\n');
  write(root, 'hub/src/uses-shared.ts', "import { name } from '@constellation/shared';\nexport const sharedName = name;\n");
  // The Node-only half: Node built-ins, an allowed package and the contract by name are all fine there,
  // and both servers may import it.
  write(
    root,
    'shared/src/server/index.ts',
    "import { readFileSync } from 'node:fs';\nimport ipaddr from 'ipaddr.js';\nimport { name } from '@constellation/shared';\nexport const server = [readFileSync, ipaddr, name];\n",
  );
  write(root, 'hub/src/uses-shared-server.ts', "import { server } from '@constellation/shared/server';\nexport const x = server;\n");
  write(root, 'aggregator/src/uses-shared-server.ts', "import { server } from '@constellation/shared/server';\nexport const x = server;\n");
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
      'shared/src/server-package.ts': "import ipaddr from 'ipaddr.js';\nexport const x = ipaddr;\n",
      'shared/src/pulls-in-server.ts': "import { server } from './server/index.ts';\nexport const x = server;\n",
      'shared/src/server/extra-package.ts': "import pad from 'left-pad';\nexport const x = pad;\n",
      'web/src/wrong-shared-half.ts': "import { server } from '@constellation/shared/server';\nexport const x = server;\n",
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
          'shared-uses-only-allowed-packages shared/src/server-package.ts',
          'shared-browser-never-imports-server shared/src/pulls-in-server.ts',
          'shared-server-is-node-only shared/src/server/extra-package.ts',
          'web-imports-only-shared web/src/wrong-server.ts',
          'web-never-imports-shared-server web/src/wrong-shared-half.ts',
        ].sort(),
      );
    } finally {
      for (const path of Object.keys(broken)) rmSync(join(root, path));
    }
  });
});
