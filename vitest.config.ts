import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name; the custom condition points those
// imports at TypeScript sources so no build is needed before a test run.
const conditions = ['@constellation/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 30_000,
  },
});
