import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/*
 * The order the two workers take files in (each takes the next one as it gets free).
 * On a clean clone (CI) Vitest has no timings and would start the largest files first,
 * so a small file that runs for a minute could start last while the other worker has
 * nothing left to do; and two Chromium files side by side (software WebGL, several
 * threads each) slow each other down far more than a Chromium file next to processes,
 * PostgreSQL or Redis. So: the Chromium files are spread out, longest first, each
 * followed by a little more work of other files than it lasts, longest first; whichever
 * worker is not drawing takes those, and the next Chromium file is taken once the one
 * before has ended. The files not named below (a few seconds each) fill in, then end the run.
 * The seconds are a quiet CI run's, rounded: what matters is their relative size. A new
 * Chromium file is named here (tests/tooling/sequencer.test.ts checks that it is).
 */
export const LONG_FILES: Readonly<Record<string, { seconds: number; chromium?: true }>> = {
  'tests/web/browser.test.tsx': { seconds: 145, chromium: true },
  'tests/web/portal-accessibility.test.tsx': { seconds: 125, chromium: true },
  'tests/web/portal-e2e.test.tsx': { seconds: 115, chromium: true },
  'tests/web/campaign-e2e.test.tsx': { seconds: 91, chromium: true },
  'tests/web/accounts-e2e.test.tsx': { seconds: 48, chromium: true },
  'tests/web/national-console.test.tsx': { seconds: 37, chromium: true },
  'tests/web/operator-e2e.test.tsx': { seconds: 31, chromium: true },
  'tests/web/media-e2e.test.tsx': { seconds: 26, chromium: true },
  'tests/web/federation.test.tsx': { seconds: 24, chromium: true },
  'tests/web/event-page-e2e.test.tsx': { seconds: 9, chromium: true },
  'tests/federation/worker-crash.test.ts': { seconds: 75 },
  'tests/e2e/demo.test.ts': { seconds: 63 },
  'tests/aggregator/pg-processes.test.ts': { seconds: 62 },
  'tests/federation/redis-cluster.test.ts': { seconds: 47 },
  'tests/federation/redis-loss.test.ts': { seconds: 43 },
  'tests/federation/live-changes.test.ts': { seconds: 30 },
  'tests/aggregator/hostile-hubs.test.ts': { seconds: 24 },
  'tests/aggregator/pg-store.test.ts': { seconds: 19 },
  'tests/federation/lost-notify.test.ts': { seconds: 14 },
  'tests/aggregator/cli-commands.test.ts': { seconds: 12 },
  'tests/aggregator/ingest-apply.test.ts': { seconds: 9 },
  'tests/tooling/cli.test.ts': { seconds: 8 },
};

/** What a file not named above takes, its imports included (most take 2 to 8 s). */
export const OTHER_FILE_SECONDS = 5;
/** The other files' work queued after a Chromium file, against its own length. */
const MARGIN = 1.15;

export function estimatedSeconds(file: string): number {
  return LONG_FILES[file]?.seconds ?? OTHER_FILE_SECONDS;
}

export function drawsInChromium(file: string): boolean {
  return LONG_FILES[file]?.chromium === true;
}

/** `files` (paths from the repository root) in the order to run them; the files not named keep their order. */
export function runOrder(files: readonly string[]): string[] {
  const byLength = (a: string, b: string) => (LONG_FILES[b]?.seconds ?? 0) - (LONG_FILES[a]?.seconds ?? 0);
  // Array.prototype.sort is stable: the files not named keep the order they came in.
  const chromium = files.filter(drawsInChromium).sort(byLength);
  const others = files.filter((file) => !drawsInChromium(file)).sort(byLength);
  const order: string[] = [];
  for (const file of chromium) {
    order.push(file);
    let queued = 0;
    while (queued < estimatedSeconds(file) * MARGIN && others.length > 0) {
      const next = others.shift() as string;
      order.push(next);
      queued += estimatedSeconds(next);
    }
  }
  return [...order, ...others];
}

export default class ChromiumApartSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const path = (file: TestSpecification) => relative(this.ctx.config.root, file.moduleId).replaceAll('\\', '/');
    const position = new Map(runOrder([...new Set(sorted.map(path))]).map((file, index) => [file, index]));
    return sorted.sort((a, b) => (position.get(path(a)) ?? 0) - (position.get(path(b)) ?? 0));
  }
}
