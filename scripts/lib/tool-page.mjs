import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startServer } from '../serve.mjs';
import { chromiumPath, launchChromium } from './chromium.mjs';

const PAGE_TIMEOUT_MS = 120_000;

/**
 * Returns a command-line tool's exit path: `fail(message, code)` prints one line on stderr as
 * "<name>: message", removes any half-written file (`state.partial`), runs `state.close` (browser
 * and server) and exits non-zero. SIGINT and SIGTERM take the same path once `watchSignals()` is called.
 */
export function toolExit(name) {
  const state = { partial: null, close: async () => {} };
  const fail = async (message, code = 1) => {
    if (state.partial) rmSync(state.partial, { force: true });
    state.partial = null;
    process.stderr.write(`${name}: ${String(message).split('\n')[0]}\n`);
    await state.close().catch(() => {});
    process.exit(code);
  };
  const watchSignals = () => {
    for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void fail(`stopped by ${sig}`, 130));
  };
  return { state, fail, watchSignals };
}

/**
 * Serves `dist`, launches Chromium, opens the app with `query` in a viewport of `width` × `height`
 * at device pixel ratio 1 and waits until it has drawn a complete frame. Returns the page, the
 * page errors seen so far (the array keeps filling) and `close()`. Throws a one-line reason when
 * the page fails to load or a file of it is missing.
 */
export async function openToolPage(dist, query, { width, height }) {
  const { server, url } = await startServer({ root: dist });
  let browser = null;
  const close = async () => {
    await browser?.close();
    await new Promise((ok) => server.close(ok));
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    let missing = null;
    const missed = new Promise((_, ko) => {
      missing = ko;
    });
    missed.catch(() => {});
    page.on('response', (r) => {
      if (r.status() >= 400) missing(new Error(`the page could not load ${r.url().replace(url, '')} (HTTP ${r.status()}); rebuild with npm run build`));
    });
    await page.goto(url + query);
    await Promise.race([
      page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.documentElement.dataset.error === 'true', null, { timeout: PAGE_TIMEOUT_MS }),
      missed,
    ]);
    const failed = await page.evaluate(() => (document.documentElement.dataset.error === 'true' ? (document.querySelector('.load-error p')?.textContent ?? 'load error') : null));
    if (failed) throw new Error(`the page failed to load: ${failed}`);
    return { page, pageErrors, close };
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}

/**
 * Writes `buf` to `dir/name` through a `.partial` file renamed into place (a failed run leaves no
 * half file: `state.partial` names it for `fail`) and returns the path to print: relative to the
 * working directory when inside it, else absolute.
 */
export function writeOutput(state, dir, name, buf) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  state.partial = `${file}.partial`;
  writeFileSync(state.partial, buf);
  renameSync(state.partial, file);
  state.partial = null;
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}

/**
 * Returns a tool's options and work list: parses argv with `parseArgs`, prints `usage` and returns
 * null for --help, checks that the app is built and Chromium is there, and plans the work from the
 * built story with `plan(opts, story)`. Any problem goes to `fail` (one line, non-zero exit).
 */
export async function startTool(dist, argv, { parseArgs, plan, usage }, fail) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    return fail(e.message);
  }
  if (opts.help) {
    console.log(usage);
    return null;
  }
  if (!existsSync(join(dist, 'index.html'))) return fail('dist/ not found: run npm run build first');
  try {
    const items = plan(opts, JSON.parse(readFileSync(join(dist, 'data', 'story.json'), 'utf8')));
    chromiumPath();
    return { opts, items };
  } catch (e) {
    return fail(e.message);
  }
}
