import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const E2E = 'tests/e2e/**/*.test.ts';

/**
 * How many e2e files run side by side, each worker with its own Chromium: E2E_WORKERS when it is a
 * whole number from 1 to 8, else 1. With llvmpipe two are faster (frames, timeline and screenshot took
 * 235 s one at a time and 180 s side by side; the whole suite 15 min against 18.5), but in one of four
 * whole runs with two a page never reached data-ready within two minutes, cause not found (session 14,
 * README "Tests"), so one stays the default. With SwiftShader two gained nothing (253 s against 261 s).
 */
export function e2eWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.E2E_WORKERS);
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : 1;
}

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
          // (vitest's own default was one file at a time here: 94 s for the project, 60 s with two, on 2 cores)
          pool: 'threads',
          maxWorkers: Math.max(1, availableParallelism()),
          sequence: { groupOrder: 0 },
          // generous for a loaded machine: some start servers and child processes, and the data build's
          // checks on the real data took 110 s at load 20 (beside two CPU hogs and the e2e files)
          testTimeout: 300_000,
          // the real data build (build-data.test.ts) takes minutes when its basemap cache is cold
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          // one server for every file, one Chromium per worker (harness.ts connects to its worker's)
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Browser tests run after the unit tests, e2eWorkers() files at a time (one by default; each
          // worker has its own Chromium, so its own software-GPU process); once vitest has timed them, the slowest files start first.
          maxWorkers: e2eWorkers(),
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
