import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { softwareGl, type SoftwareGl } from './scripts/lib/chromium.ts';

const E2E = 'tests/e2e/**/*.test.ts';

/**
 * How many e2e files run side by side, each worker with its own Chromium: E2E_WORKERS when it is a
 * whole number from 1 to 8; else two where the browsers draw with llvmpipe on a machine of two cores
 * or more, one otherwise. With llvmpipe, one file at a time left the CPU idle 11% of the time and two
 * left 4%: frames, timeline and screenshot took 235 s one at a time and 180 s side by side (session 14,
 * README "Tests"). With SwiftShader two gained nothing: explore and frames took 253 s one at a time
 * and 261 s side by side.
 */
export function e2eWorkers(env: NodeJS.ProcessEnv = process.env, gl: SoftwareGl = softwareGl(env), cores = availableParallelism()): number {
  const n = Number(env.E2E_WORKERS);
  if (Number.isInteger(n) && n >= 1 && n <= 8) return n;
  return gl === 'llvmpipe' && cores >= 2 ? 2 : 1;
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
          pool: 'threads',
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
          // Browser tests run after the unit tests, e2eWorkers() files at a time (two with llvmpipe; each
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
