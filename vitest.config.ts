import { configDefaults, defineConfig } from 'vitest/config';

const E2E = 'tests/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, E2E],
          // pure logic and small child processes: files run side by side on every core, before the browser tests
          pool: 'threads',
          sequence: { groupOrder: 0 },
          // generous for a loaded machine: some start servers and child processes
          testTimeout: 60_000,
          // the real data build (build-data.test.ts) takes minutes when its basemap cache is cold
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          // one server and one Chromium for every file (harness.ts connects to it)
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Browser tests share two cores and a software GPU: one file at a time, after the unit tests.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // Every wait polls its own condition for up to two minutes (harness.ts WAIT); a test's time-out
          // only ends one that hangs outside a wait.
          testTimeout: 600_000,
          hookTimeout: 180_000,
          expect: { poll: { timeout: 120_000, interval: 100 } },
        },
      },
    ],
  },
});
