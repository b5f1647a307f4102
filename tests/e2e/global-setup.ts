import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app's URL and the WebSocket endpoint of the Chromium every e2e file shares. */
    e2e: { url: string; wsEndpoint: string };
  }
}

/**
 * Starts, once for the whole e2e project, the built app's server and one Chromium that each test
 * file connects to (`useHarness` in harness.ts); returns the teardown that stops both. Fails with the
 * one-line install hint when Chromium is missing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, url } = (await startServer()) as { server: import('node:http').Server; url: string };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let browser;
  try {
    browser = await chromium.launchServer({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, ...(root ? ['--no-sandbox'] : [])] });
  } catch (e) {
    server.close();
    throw e;
  }
  project.provide('e2e', { url, wsEndpoint: browser.wsEndpoint() });
  return async () => {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  };
}
