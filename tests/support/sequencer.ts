import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/*
 * The order the two workers take files in. Vitest starts the files it has timings for
 * longest first, and on a clean clone (CI) it has none: it then starts the largest files
 * first, and a small file that runs for a minute (a federation of processes waiting on
 * each other) may start last, while the other worker has nothing left to do. The files
 * below took longest in CI; they start first, longest first, Chromium files alternating
 * with process files so the first Chromium file builds the web app (web-build.ts) while
 * the other worker does something else. The rest follow in Vitest's own order.
 * A file missing here only runs later; a file named here that no longer exists is ignored.
 */
const SLOWEST_FIRST = [
  'tests/web/portal-e2e.test.tsx',
  'tests/federation/worker-crash.test.ts',
  'tests/web/browser.test.tsx',
  'tests/federation/redis-loss.test.ts',
  'tests/web/campaign-e2e.test.tsx',
  'tests/aggregator/pg-store.test.ts',
  'tests/web/accounts-e2e.test.tsx',
  'tests/e2e/demo.test.ts',
  'tests/web/operator-e2e.test.tsx',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(relative(this.ctx.config.root, file.moduleId).replaceAll('\\', '/'));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the files not named keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
