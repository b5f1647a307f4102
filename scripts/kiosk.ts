// Serves the built app and shows it full-screen in Chromium's kiosk mode until the browser closes or Ctrl+C.
//   npm run kiosk [-- --idle 30 --t 2025-06-02T12:00Z ...]   (each --name value becomes &name=value in the URL)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ID_PATTERN } from '../src/data/schema.ts';
import { LOAD_TIMEOUT_S, parseLoadTimeout, parseUrl } from '../src/state/url-state.ts';
import { commandLine, firstLine, parseFlags } from './lib/args.ts';
import { startSession, type Session } from './lib/session.ts';

/** One-line usage of `npm run kiosk`. */
export const USAGE = 'usage: npm run kiosk -- [--t <ISO time> | --event <id>] [--idle 1-3600] [--view zoom/lat/lon] [--layers a,b] [--place <id>] [--follow 0|1] [--loadtimeout 1-300]   (PORT=… to change the port)';

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

/**
 * Returns the kiosk URL's query string for command-line arguments (`--idle 30`, `--t=…`), each
 * checked as the page checks it (the page would drop a bad value silently and show its default),
 * and whether --help was given; or throws a one-line reason. Event, place and layer ids are
 * checked for their form only; the page drops one the story does not have.
 */
export function parseKioskArgs(argv: readonly string[]): { help: boolean; query: string } {
  const f = parseFlags(argv, PARAMS);
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
    if ((name === 'event' || name === 'place') && !ID_PATTERN.test(value)) throw bad(name, value, 'an id such as operation-spiderweb');
    if (name === 'layers' && value !== '' && !value.split(',').every((id) => ID_PATTERN.test(id))) throw bad(name, value, 'comma-separated layer ids');
    q.set(name, value);
  }
  return { help: f.help, query: `?${q}` };
}

/** Shows the kiosk page in a fresh window sized to the screen; a crashed renderer is replaced by a new page. */
async function show(session: Session, url: string, stop: (code: number) => void): Promise<void> {
  const context = await session.newContext({ viewport: null });
  let current: Page | null = null;
  const open = async () => {
    const page = await context.newPage();
    current = page;
    page.on('close', () => {
      if (page === current) stop(0);
    });
    // A crashed renderer ("Aw, Snap!") would sit on screen for days: open the kiosk again in a fresh page.
    page.on('crash', () => {
      console.error(`kiosk: the page crashed at ${new Date().toISOString()}; opening it again`);
      void open().then(() => page.close().catch(() => undefined));
    });
    // Pages opened over CDP get an ordinary window whatever --kiosk says: size it to the screen (enough
    // where no window manager runs, as under xvfb-run) and ask for full screen (what a window manager honours).
    const cdp = await context.newCDPSession(page);
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    const [width, height] = await page.evaluate(() => [screen.width, screen.height]);
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width, height } });
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
    await cdp.detach();
    await page.goto(url);
  };
  await open();
}

async function main(): Promise<void> {
  const opts = commandLine('kiosk', USAGE, parseKioskArgs);
  if (!opts) return;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('kiosk: no display to show the kiosk on ($DISPLAY is not set); on a machine without a screen try `xvfb-run npm run kiosk`');
    process.exit(1);
  }
  let session: Session;
  try {
    session = await startSession({ port: process.env.PORT ?? 4173, headless: false, args: KIOSK_FLAGS });
  } catch (e) {
    console.error(`kiosk: ${firstLine(e)}`);
    process.exit(1);
  }
  const url = session.url + opts.query;
  let closing = false;
  const stop = (code: number) => {
    if (closing) return;
    closing = true;
    void session.close().then(() => process.exit(code));
  };
  session.browser.on('disconnected', () => stop(0));
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  await show(session, url, stop);
  console.log(`Kiosk showing ${url}  (close the browser or press Ctrl+C to stop)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`kiosk: ${firstLine(e)}`);
    process.exit(1);
  });
}
