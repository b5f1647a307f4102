// The one way the scripts and the browser tests run the built app: serve dist/ on a free port,
// launch Chromium through playwright-core, open pages, and close all of it.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer } from '../serve.ts';
import { KEEP_NAMES_SHIM, launchChromium } from './chromium.ts';

/** The built app. */
export const DIST = resolve(import.meta.dirname, '../../dist');

/** How long a page may take to draw its first complete frame, ms. */
export const PAGE_TIMEOUT_MS = 120_000;

/** A served build and a browser. */
export interface Session {
  /** The server's URL, with a trailing slash. */
  url: string;
  server: Server;
  browser: Browser;
  /** Returns a new browser context whose pages accept functions compiled by tsx (see KEEP_NAMES_SHIM). */
  newContext(opts?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes the browser, then the server; safe to call twice. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Directory to serve; dist/ by default. */
  root?: string;
  /** Port to serve on (0, the default, picks a free one); a string is checked as PORT is. */
  port?: number | string;
  headless?: boolean;
  /** Chromium flags on top of the usual ones. */
  args?: string[];
}

/** Serves `root` on loopback and launches Chromium; closes the server again when Chromium fails to start. */
export async function startSession({ root = DIST, port = 0, headless = true, args = [] }: SessionOptions = {}): Promise<Session> {
  const { server, url } = await startServer({ root, port });
  let browser: Browser;
  try {
    browser = await launchChromium({ headless, args });
  } catch (e) {
    await new Promise((ok) => server.close(ok));
    throw e;
  }
  let closed: Promise<void> | null = null;
  return {
    url,
    server,
    browser,
    async newContext(opts = {}) {
      const context = await browser.newContext(opts);
      await context.addInitScript(KEEP_NAMES_SHIM);
      return context;
    },
    close() {
      closed ??= (async () => {
        await browser.close().catch(() => undefined);
        server.closeAllConnections();
        await new Promise((ok) => server.close(ok));
      })();
      return closed;
    },
  };
}

/** A page of the app that has drawn a complete frame, with the page errors seen so far (the array keeps filling). */
export interface ReadyPage {
  page: Page;
  pageErrors: string[];
}

/**
 * Opens the app with `query` in a new context of `width` × `height` at device pixel ratio 1 and
 * waits until it has drawn a complete frame (`data-ready`). Throws a one-line reason when the page
 * shows its load error or a file of it is missing.
 */
export async function openReadyPage(session: Session, query: string, { width, height }: { width: number; height: number }): Promise<ReadyPage> {
  const context = await session.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let missing: (e: Error) => void = () => undefined;
  const missed = new Promise<never>((_, ko) => {
    missing = ko;
  });
  missed.catch(() => undefined);
  page.on('response', (r) => {
    if (r.status() >= 400) missing(new Error(`the page could not load ${r.url().replace(session.url, '')} (HTTP ${r.status()}); rebuild with npm run build`));
  });
  await page.goto(session.url + query);
  await Promise.race([
    page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.documentElement.dataset.error === 'true', null, { timeout: PAGE_TIMEOUT_MS }),
    missed,
  ]);
  const failed = await page.evaluate(() => (document.documentElement.dataset.error === 'true' ? (document.querySelector('.load-error p')?.textContent ?? 'load error') : null));
  if (failed) throw new Error(`the page failed to load: ${failed}`);
  return { page, pageErrors };
}
