// Serves the built app and shows it full-screen in Chromium's kiosk mode until Ctrl+C (or SIGTERM):
// a supervisor that starts Chromium again when it exits or crashes (with a back-off), and writes one
// line per event to a log file.
//   npm run kiosk [-- --idle 30 --t 2025-06-02T12:00Z ... --log kiosk.log]   (each page flag becomes &name=value in the URL)
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { ID_PATTERN } from '../src/data/schema.ts';
import { LOG_PREFIX } from '../src/modes/kiosk-watchdog.ts';
import { LOAD_TIMEOUT_S, parseLoadTimeout, parseUrl } from '../src/state/url-state.ts';
import { ID_FORM, builtEventExample, commandLine, firstLine, parseFlags } from './lib/args.ts';
import { KEEP_NAMES_SHIM, chromiumPath, launchChromiumServer } from './lib/chromium.ts';
import { startServer } from './serve.ts';

/** One-line usage of `npm run kiosk`. */
export const USAGE =
  'usage: npm run kiosk -- [--t <ISO time> | --event <id>] [--idle 1-3600] [--view zoom/lat/lon] [--layers a,b] [--place <id>] [--follow 0|1] [--loadtimeout 1-300] [--log kiosk.log] [--headless]   (PORT=… to change the port)';

/** What a kiosk needs on top of the flags every run gets: full screen, no dialogs, bubbles, bars or update checks. */
const KIOSK_FLAGS = [
  '--kiosk',
  '--start-fullscreen',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--disable-infobars',
  '--hide-crash-restore-bubble',
  '--disable-translate',
  '--overscroll-history-navigation=0',
  '--check-for-update-interval=31536000',
];

/** The URL parameters a kiosk may be given (`mode` is always kiosk). */
const PARAMS = { t: 'string', event: 'string', place: 'string', view: 'string', layers: 'string', idle: 'string', follow: 'string', loadtimeout: 'string' } as const;
/** The launcher's own flags: the log file, and headless (for tests and machines without a screen that only need the log). */
const LAUNCHER = { log: 'string', headless: 'boolean' } as const;

/** Where the launcher logs by default. */
export const DEFAULT_LOG = 'kiosk.log';

/** The restart back-off: the first wait, the longest, and how long a run must last for the wait to start again at the first. */
export const BACKOFF = Object.freeze({ firstMs: 1000, maxMs: 60_000, stableMs: 60_000 });

/**
 * Returns how long to wait before starting Chromium again, after a run of `uptimeMs` that followed
 * a wait of `lastWaitMs` (null: none yet): the first wait after a stable run (a minute or more) or
 * the first exit, else double the last, at most a minute.
 */
export function nextBackoff(lastWaitMs: number | null, uptimeMs: number, b: typeof BACKOFF = BACKOFF): number {
  if (lastWaitMs === null || uptimeMs >= b.stableMs) return b.firstMs;
  return Math.min(b.maxMs, lastWaitMs * 2);
}

/** Returns one log line: the UTC time, then the message on one line. */
export function logLine(message: string, at = new Date()): string {
  return `${at.toISOString()} ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/**
 * Returns the kiosk URL's query string for command-line arguments (`--idle 30`, `--t=…`), each
 * checked as the page checks it (the page would drop a bad value silently and show its default),
 * and whether --help was given; or throws a one-line reason. Event, place and layer ids are
 * checked for their form only; the page drops one the story does not have. `exampleId` (the built
 * story's first event) is the id a malformed one's error shows.
 */
export function parseKioskArgs(argv: readonly string[], exampleId?: string): { help: boolean; query: string; log: string; headless: boolean } {
  const all = parseFlags(argv, { ...PARAMS, ...LAUNCHER });
  const f = Object.fromEntries(Object.entries(all).filter(([k]) => !Object.hasOwn(LAUNCHER, k))) as typeof all;
  const q = new URLSearchParams({ mode: 'kiosk' });
  // The page's own URL parser, with a context that accepts any time: what it drops is a bad value.
  const kept = parseUrl(new URLSearchParams(Object.entries(f).filter(([, v]) => typeof v === 'string') as [string, string][]).toString(), {
    start: -Infinity,
    end: Infinity,
    events: [],
    placeIds: [],
    layerIds: [],
  });
  const bad = (name: string, value: string, what: string) => new Error(`--${name} must be ${what} (got "${value}")`);
  for (const name of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const value = f[name];
    if (value === undefined) continue;
    if (name === 't' && kept.t === undefined) throw bad(name, value, 'an ISO 8601 UTC time such as 2025-06-01T11:35Z');
    if (name === 'view' && kept.view === undefined) throw bad(name, value, 'zoom/lat/lon such as 4/50.5/30.5');
    if (name === 'idle' && kept.idle === undefined) throw bad(name, value, 'a whole number of seconds from 1 to 3600');
    if (name === 'follow' && kept.follow === undefined) throw bad(name, value, '0 or 1');
    if (name === 'loadtimeout' && parseLoadTimeout(`loadtimeout=${value}`) === LOAD_TIMEOUT_S * 1000 && value !== String(LOAD_TIMEOUT_S))
      throw bad(name, value, 'a whole number of seconds from 1 to 300');
    if ((name === 'event' || name === 'place') && !ID_PATTERN.test(value)) throw bad(name, value, exampleId ? `an id such as ${exampleId}` : `an id (${ID_FORM})`);
    if (name === 'layers' && value !== '' && !value.split(',').every((id) => ID_PATTERN.test(id))) throw bad(name, value, 'comma-separated layer ids');
    q.set(name, value);
  }
  return { help: f.help, query: `?${q}`, log: all.log ?? DEFAULT_LOG, headless: all.headless === true };
}

/** Returns a logger that appends one line per call to `file` (its directory made if missing) and echoes it on stdout. */
function openLog(file: string): (message: string) => void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  return (message) => {
    const line = logLine(message);
    console.log(line);
    try {
      appendFileSync(file, `${line}\n`);
    } catch (e) {
      console.error(`kiosk: cannot write the log ${file}: ${firstLine(e)}`);
    }
  };
}

/**
 * Opens the kiosk page in a window sized to the screen. Pages opened over the DevTools protocol get
 * an ordinary window whatever --kiosk says: size it to the screen (enough where no window manager
 * runs, as under xvfb-run) and ask for full screen (what a window manager honours).
 */
async function openKioskPage(browser: Browser, url: string, watch: (page: Page) => void): Promise<void> {
  const context = await browser.newContext({ viewport: null });
  await context.addInitScript(KEEP_NAMES_SHIM);
  const page = await context.newPage();
  watch(page);
  const cdp = await context.newCDPSession(page);
  try {
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    const [width, height] = await page.evaluate(() => [screen.width, screen.height]);
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width, height } });
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
  } catch {
    // headless: no window to size
  }
  await cdp.detach();
  await page.goto(url);
}

/**
 * Returns the watcher of a kiosk page: logs each load and each time it is ready (a complete frame
 * drawn), copies the watchdog's console lines into the log, and reloads a crashed renderer.
 */
function pageWatcher(log: (m: string) => void): (page: Page) => void {
  return (page) => {
    page.on('console', (m) => {
      if (m.text().startsWith(LOG_PREFIX)) log(`page: ${m.text()}`);
    });
    page.on('load', () => {
      if (page.url() === 'about:blank') return;
      log(`page loaded ${page.url()}`);
      page
        .waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 })
        .then(() => log('page ready (the map is drawn)'))
        .catch(() => undefined);
    });
    // A crashed renderer ("Aw, Snap!") would sit on screen for days: load the kiosk again.
    page.on('crash', () => {
      log('page crashed; reloading it');
      void page.reload().catch((e: unknown) => log(`page reload failed: ${firstLine(e)}`));
    });
  };
}

/**
 * Runs Chromium on the kiosk page until `stopped()`: each exit or crash is logged and Chromium is
 * started again after the back-off. Resolves when stopped.
 */
async function supervise(url: string, o: { headless: boolean }, log: (m: string) => void, stopped: () => boolean, onChild: (c: ChildProcess | null) => void): Promise<void> {
  let wait: number | null = null;
  const watch = pageWatcher(log);
  for (let launch = 1; !stopped(); launch++) {
    const started = Date.now();
    let reason: string;
    let server: BrowserServer | null = null;
    try {
      server = await launchChromiumServer({ headless: o.headless, args: KIOSK_FLAGS });
      const child = server.process();
      onChild(child);
      const exited = new Promise<string>((ok) => child.once('exit', (code, signal) => ok(signal ? `killed by ${signal}` : `exit code ${code}`)));
      log(`browser started (launch ${launch}, pid ${child.pid})`);
      const browser = await chromium.connect(server.wsEndpoint());
      await openKioskPage(browser, url, watch).catch((e: unknown) => log(`cannot open the page: ${firstLine(e)}`));
      reason = await exited;
    } catch (e) {
      reason = `failed: ${firstLine(e)}`;
      // a browser that started but could not be driven is ended, so the next start is clean
      await server?.kill().catch(() => undefined);
    }
    onChild(null);
    if (stopped()) break;
    const uptime = Date.now() - started;
    wait = nextBackoff(wait, uptime);
    log(`browser ended (${reason}) after ${(uptime / 1000).toFixed(1)} s; starting it again in ${wait / 1000} s`);
    await new Promise((ok) => setTimeout(ok, wait!));
  }
}

async function main(): Promise<void> {
  // a malformed id's error names one of the built story's own events: the launcher knows no story
  const example = builtEventExample(resolve(import.meta.dirname, '..', 'dist'));
  const opts = commandLine('kiosk', USAGE, (argv) => parseKioskArgs(argv, example));
  if (!opts) return;
  if (!opts.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('kiosk: no display to show the kiosk on ($DISPLAY is not set); on a machine without a screen try `xvfb-run npm run kiosk`');
    process.exit(1);
  }
  let server: Server;
  let base: string;
  try {
    chromiumPath();
    ({ server, url: base } = await startServer({ port: process.env.PORT ?? 4173 }));
  } catch (e) {
    console.error(`kiosk: ${firstLine(e)}`);
    process.exit(1);
  }
  const log = openLog(opts.log);
  const url = base + opts.query;
  let stopping = false;
  let child: ChildProcess | null = null;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`launcher stopping (${signal})`);
    child?.kill('SIGTERM');
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  log(`launcher started: showing ${url} (log ${resolve(opts.log)}); Ctrl+C stops`);
  await supervise(url, opts, log, () => stopping, (c) => (child = c));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`kiosk: ${firstLine(e)}`);
    process.exit(1);
  });
}
