import { defineConfig } from 'vitest/config';
import ChromiumApartSequencer from './tests/support/sequencer.ts';

// Tests import workspace packages by name; this custom export condition points those
// imports at TypeScript sources, so no build is needed before a test run. Only the
// condition is added: third-party packages resolve exactly as Node resolves them.
const conditions = ['@constellation/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // .tsx: the web's component and browser tests (tests/web).
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // Testing Library's waits get a deadline for a busy machine (see the file).
    setupFiles: ['./tests/support/dom-setup.ts'],
    // One directory per run for the web build the Chromium files share (tests/support/web-build.ts).
    globalSetup: ['./tests/support/web-build-setup.ts'],
    // Vitest's default is one worker per core minus one, which is a single worker on the
    // 2-core CI machines: files would run one after another while most of them wait on
    // child processes, Redis, PostgreSQL or Chromium. Two workers keep both cores busy.
    // (The demo test picks its fixed ports below the system's ephemeral range, where the
    // other files' servers get theirs, so the two workers do not take each other's ports.)
    maxWorkers: 2,
    // The long files start first, so the two workers end together, and no two Chromium
    // files run side by side (see the file).
    sequence: { sequencer: ChromiumApartSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something real (a browser, a stream, another process): give it
    // 10 s rather than 1 s, so a loaded CI machine is slower, not red.
    expect: { poll: { timeout: 10_000 } },
  },
});
