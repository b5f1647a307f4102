// Serves the built app and shows it full-screen in Chromium's kiosk mode until the browser closes or Ctrl+C.
//   npm run kiosk [-- --idle 30 --t 2025-06-02T12:00Z ...]   (each --name value becomes &name=value in the URL)
import { launchChromium } from './lib/chromium.mjs';
import { startServer } from './serve.mjs';

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

/** Returns the kiosk URL's query string for command-line arguments (`--idle 30`, `--t=…`), or throws a one-line reason. */
function kioskQuery(argv) {
  const q = new URLSearchParams({ mode: 'kiosk' });
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/i.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}": use --name value, e.g. --idle 30`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${m[1]} needs a value`);
    if (m[1] === 'mode') throw new Error('--mode is always kiosk here');
    q.set(m[1], value);
  }
  return `?${q}`;
}

async function main() {
  let query;
  try {
    query = kioskQuery(process.argv.slice(2));
  } catch (e) {
    console.error(`kiosk: ${e.message}`);
    process.exit(2);
  }
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('kiosk: no display to show the kiosk on ($DISPLAY is not set); on a machine without a screen try `xvfb-run npm run kiosk`');
    process.exit(1);
  }
  let served;
  let browser;
  try {
    served = await startServer({ port: Number(process.env.PORT ?? 4173) });
    browser = await launchChromium({ headless: false, args: KIOSK_FLAGS });
  } catch (e) {
    console.error(`kiosk: ${e instanceof Error ? e.message : e}`);
    served?.server.close();
    process.exit(1);
  }
  const url = served.url + query;
  let closing = false;
  const stop = async (code) => {
    if (closing) return;
    closing = true;
    await browser.close().catch(() => undefined);
    await new Promise((ok) => served.server.close(ok));
    process.exit(code);
  };
  browser.on('disconnected', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const context = await browser.newContext({ viewport: null });
  let current = null;
  // A crashed renderer ("Aw, Snap!") would sit on screen for days: open the kiosk again in a fresh page.
  const show = async () => {
    const page = await context.newPage();
    current = page;
    page.on('close', () => {
      if (page === current) void stop(0);
    });
    page.on('crash', () => {
      console.error(`kiosk: the page crashed at ${new Date().toISOString()}; opening it again`);
      void show().then(() => page.close().catch(() => undefined));
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
  await show();
  console.log(`Kiosk showing ${url}  (close the browser or press Ctrl+C to stop)`);
}

main().catch((e) => {
  console.error(`kiosk: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
