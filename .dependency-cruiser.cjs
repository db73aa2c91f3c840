/**
 * The architecture rules, checked on every test run (`npm run deps:check`):
 * arrows point only at shared/, packages meet only through their package names, and
 * shared/ stays browser-safe because the web bundles it, except for shared/src/server
 * (`@constellation/shared/server`), the Node-only half that only the servers import.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGES = '(shared|hub|aggregator|web)';

/** shared/src/server: `@constellation/shared/server`, for Node only (hub and aggregator). */
const SHARED_SERVER = '^shared/src/server/';
/** The rest of shared/src: the contract, bundled by the web, so browser-safe. */
const SHARED_BROWSER = '^shared/src/(?!server/)';
/** The npm packages shared/src/server may import. */
const SHARED_SERVER_PACKAGES = ['@node-rs/argon2', 'fastify', 'fastify-plugin', 'ical.js', 'ipaddr.js', 'marked', 'sanitize-html', 'timezones-ical-library', 'typebox'];
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'];

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
      comment: 'The web bundles shared/ (all of it but shared/src/server): no Node built-ins.',
      from: { path: SHARED_BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-uses-only-allowed-packages',
      severity: 'error',
      comment: 'Every dependency of shared/ (but shared/src/server) ships to browsers; add one here only after checking it has no Node-only code.',
      from: { path: SHARED_BROWSER },
      to: { dependencyTypes: NPM, pathNot: '^node_modules/typebox/' },
    },
    {
      name: 'shared-browser-never-imports-server',
      severity: 'error',
      comment: 'shared/src/server is Node-only; the browser-safe part of shared/ (which the web bundles) must not pull it in.',
      from: { path: SHARED_BROWSER },
      to: { path: SHARED_SERVER },
    },
    {
      name: 'shared-server-is-node-only',
      severity: 'error',
      comment:
        'shared/src/server may use Node built-ins, the browser-safe contract and these packages only: the hub and the aggregator both install them through shared/. Add one here (and to shared/package.json) when it is really needed.',
      from: { path: SHARED_SERVER },
      to: { dependencyTypes: NPM, pathNot: `^node_modules/(${SHARED_SERVER_PACKAGES.map((name) => name.replace(/[.]/g, '\\.')).join('|')})/` },
    },
    {
      name: 'web-never-imports-shared-server',
      severity: 'error',
      comment: 'The web bundle must stay browser-safe: it imports @constellation/shared, never @constellation/shared/server.',
      from: { path: '^web/' },
      to: { path: SHARED_SERVER },
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
