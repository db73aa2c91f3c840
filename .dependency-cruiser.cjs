/**
 * The architecture rules, checked on every test run (`npm run deps:check`):
 * arrows point only at shared/, packages meet only through their package names, and
 * shared/ stays browser-safe because the web bundles it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGES = '(shared|hub|aggregator|web)';

/**
 * Each package's public surface: the source files its package.json `exports` name
 * (under the @constellation/source condition). Importing anything else of another
 * package is reaching into its internals.
 */
function publicEntries() {
  const entries = [];
  for (const name of PACKAGES.slice(1, -1).split('|')) {
    const manifest = join(process.cwd(), name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { exports = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const target of Object.values(exports)) {
      const source = typeof target === 'object' && target !== null ? target['@constellation/source'] : undefined;
      if (typeof source === 'string') entries.push(`^${name}/${source.replace(/^\.\//, '').replace(/[.]/g, '\\.')}$`);
    }
  }
  return entries;
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make load order fragile and hide layering mistakes.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'hub-never-imports-aggregator',
      severity: 'error',
      comment: 'Hub and aggregator meet only through the federation protocol over HTTP.',
      from: { path: '^hub/' },
      to: { path: '^aggregator/' },
    },
    {
      name: 'aggregator-never-imports-hub',
      severity: 'error',
      comment: 'Hub and aggregator meet only through the federation protocol over HTTP.',
      from: { path: '^aggregator/' },
      to: { path: '^hub/' },
    },
    {
      name: 'web-imports-only-shared',
      severity: 'error',
      comment: 'The web app talks to servers over HTTP; it shares only the contract.',
      from: { path: '^web/' },
      to: { path: '^(hub|aggregator)/' },
    },
    {
      name: 'shared-imports-no-package',
      severity: 'error',
      comment: 'shared/ is the contract everyone depends on; it depends on none of them.',
      from: { path: '^shared/' },
      to: { path: '^(hub|aggregator|web|tests|bench|bin)/' },
    },
    {
      name: 'shared-is-browser-safe',
      severity: 'error',
      comment: 'The web bundles shared/: no Node built-ins.',
      from: { path: '^shared/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-uses-only-allowed-packages',
      severity: 'error',
      comment: 'Every dependency of shared/ ships to browsers; add one here only after checking it has no Node-only code.',
      from: { path: '^shared/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '^node_modules/typebox/' },
    },
    {
      name: 'no-reaching-into-another-package',
      severity: 'error',
      comment:
        'Import a workspace package by its name, never by a path into its files. Its package.json exports are its public surface.',
      from: { path: `^(${PACKAGES.slice(1, -1)}|tests|bench|bin)/` },
      to: { path: `^${PACKAGES}/`, pathNot: ['^$1/', ...publicEntries()] },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(?:shared|hub|aggregator|web)/dist/|^coverage/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@constellation/source', 'import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
