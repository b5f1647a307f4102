import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { launchChromiumServer, softwareGl, webglRenderer } from '../../scripts/lib/chromium.ts';
import { startServer } from '../../scripts/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The built app's URL and the WebSocket endpoints of the Chromiums the e2e files share: one per
     * e2e worker (`wsEndpoints[VITEST_POOL_ID - 1]`); `wsEndpoint` is the first of them.
     */
    e2e: { url: string; wsEndpoint: string; wsEndpoints: string[] };
  }
}

/**
 * Starts, once for the whole e2e project, the built app's server and one Chromium per e2e worker
 * (the project's `maxWorkers`, see vitest.config.ts),
 * which each test file connects to (`useHarness` in harness.ts, by its worker's VITEST_POOL_ID);
 * returns the teardown that stops them all. Fails with the one-line install hint when Chromium is missing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, url } = await startServer();
  const browsers: BrowserServer[] = [];
  const stop = async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await new Promise((ok) => server.close(ok));
  };
  try {
    for (let i = 0; i < Math.max(1, project.config.maxWorkers); i++) browsers.push(await launchChromiumServer());
  } catch (e) {
    await stop();
    throw e;
  }
  const wsEndpoints = browsers.map((b) => b.wsEndpoint());
  console.log(`e2e: WebGL draws with ${await rendererAt(wsEndpoints[0])} (software GL: ${softwareGl()}; EXPLAINER_GL=swiftshader|llvmpipe to choose)`);
  project.provide('e2e', { url, wsEndpoint: wsEndpoints[0], wsEndpoints });
  return stop;
}

/** Returns the WebGL renderer of the browser at `wsEndpoint`. */
async function rendererAt(wsEndpoint: string): Promise<string> {
  const browser = await chromium.connect(wsEndpoint);
  try {
    return await webglRenderer(browser);
  } finally {
    await browser.close();
  }
}
