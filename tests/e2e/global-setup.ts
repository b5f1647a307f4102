import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from '../../scripts/lib/chromium.ts';
import { startServer } from '../../scripts/serve.ts';

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
  const { server, url } = await startServer();
  let browser: BrowserServer;
  try {
    browser = await launchChromiumServer();
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
