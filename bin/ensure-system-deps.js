#!/usr/bin/env node
// Installs what `npm test` (or the demo) needs from outside npm, where missing: the one
// script that `npm test` (pretest), `constellation demo` and `.ci/run` share.
//   node bin/ensure-system-deps.js [--for test|demo] [--no-install]
// CONSTELLATION_NO_INSTALL=1 is --no-install for `npm test`, whose arguments go to the tests.
import { parseArgs } from 'node:util';
import { ensureSystemDeps, NEEDS } from './system-deps.js';

const USAGE = `Usage: node bin/ensure-system-deps.js [--for ${Object.keys(NEEDS).join('|')}] [--no-install]

Checks that the programs Constellation needs from outside npm are present (for the tests:
${NEEDS.test.join(', ')}; for the demo: ${NEEDS.demo.join(', ')}) and, as root on Debian/Ubuntu,
installs the missing ones with apt-get, saying what and why first. Elsewhere, or with
--no-install (or CONSTELLATION_NO_INSTALL=1), it prints the command to run and exits 1.`;

let values;
try {
  ({ values } = parseArgs({ options: { for: { type: 'string', default: 'test' }, 'no-install': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
} catch (error) {
  console.error(`ensure-system-deps: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const keys = NEEDS[values.for];
if (keys === undefined) {
  console.error(`ensure-system-deps: --for must be one of ${Object.keys(NEEDS).join(', ')}`);
  process.exit(2);
}
const install = !values['no-install'] && !/^(1|true|yes)$/i.test(process.env.CONSTELLATION_NO_INSTALL ?? '');
const result = await ensureSystemDeps(keys, { install, purpose: `for the ${values.for === 'test' ? 'tests' : values.for}` });
if (!result.ok) {
  console.error(`ensure-system-deps: ${result.message}`);
  process.exit(1);
}
console.log(`system dependencies for the ${values.for === 'test' ? 'tests' : values.for}: ${keys.map((key) => `${key} ${result.paths[key]}`).join(', ')}`);
