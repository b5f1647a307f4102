// Screenshots of the kiosk as a visitor sees it (not a test): for each screen size, the attract frame,
// a few tour stops and the hand-over after a touch, from the built app at device pixel ratio 1.
//   npx tsx scripts/kiosk-shots.ts --out DIR [--sizes 1920x1080,1280x720,3840x2160,1080x1920]
//                                  [--events id,id,… (default: the built story's events at a quarter, half and three quarters)] [--query "&distance=3"]
// Writes DIR/<W>x<H>-attract.png, DIR/<W>x<H>-<event>.png per event and DIR/<W>x<H>-touched.png, one line each.
// One page per size, walked through the states: the attract frame as the tour opens, then each stop held
// (the tour keeps playing at a crawl, so it stays a tour), then a click on the map (the visitor's touch).
// Under prefers-reduced-motion, so camera moves are cuts and every shot is of a settled frame.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { commandLine, firstLine, idFlag, parseFlags, sizeFlag } from './lib/args.ts';
import { DIST, PAGE_TIMEOUT_MS, startSession } from './lib/session.ts';

/** One-line usage of the script. */
export const USAGE = 'usage: npx tsx scripts/kiosk-shots.ts --out DIR [--sizes WxH,WxH,…] [--events id,id,…] [--query "&name=value…"]';

const DEFAULT_SIZES = '1920x1080,1280x720,3840x2160,1080x1920';

export interface KioskShotsOptions {
  help: boolean;
  out: string;
  sizes: [number, number][];
  events: string[];
  query: string;
}

/** Returns the options from the command line, or throws a one-line reason. */
export function parseKioskShotsArgs(argv: string[]): KioskShotsOptions {
  const f = parseFlags(argv, { out: 'string', sizes: 'string', events: 'string', query: 'string' });
  if (f.help) return { help: true, out: '', sizes: [], events: [], query: '' };
  if (!f.out) throw new Error('--out DIR is required');
  const sizes = (f.sizes ?? DEFAULT_SIZES).split(',').map((s) => sizeFlag('--sizes', s, '1920x1080'));
  for (const [w, h] of sizes) if (w < 320 || h < 320 || w > 7680 || h > 4320) throw new Error(`--sizes: ${w}x${h} is outside 320x320–7680x4320`);
  const events = f.events === undefined ? [] : f.events.split(',').map((e) => idFlag('--events', e));
  const query = f.query ?? '';
  if (query && !query.startsWith('&')) throw new Error(`--query must start with "&" (got "${query}")`);
  return { help: false, out: resolve(f.out), sizes, events, query };
}

/** Waits until the map has drawn a complete frame, the camera is still and the fonts are in. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !window.explainer!.mapView.map.isMoving(), null, { timeout: PAGE_TIMEOUT_MS });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // two frames for the DOM's last change (the key, the card's pages) to be painted
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/** Returns the map's camera as one line (zoom, centre), to compare a frame's camera across builds. */
async function cameraLine(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = window.explainer!.mapView.map;
    const c = m.getCenter();
    return `camera z${m.getZoom().toFixed(3)} ${c.lat.toFixed(4)},${c.lng.toFixed(4)}`;
  });
}

async function main() {
  const opts = commandLine('kiosk-shots', USAGE, parseKioskShotsArgs);
  if (!opts) return;
  const story = JSON.parse(readFileSync(join(DIST, 'data/story.json'), 'utf8')) as { events: { id: string; start: string }[] };
  const starts = new Map(story.events.map((e) => [e.id, Date.parse(e.start)]));
  // three stops through the story unless --events names them
  if (!opts.events.length) opts.events = [0.25, 0.5, 0.75].map((f) => story.events[Math.floor(f * story.events.length)].id);
  for (const id of opts.events) if (!starts.has(id)) throw new Error(`--events: no event "${id}" in the built story`);
  mkdirSync(opts.out, { recursive: true });
  const session = await startSession();
  try {
    for (const [width, height] of opts.sizes) {
      const name = (what: string) => join(opts.out, `${width}x${height}-${what}.png`);
      const context = await session.newContext({ viewport: { width, height }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${session.url}?mode=kiosk&idle=600${opts.query}`);
      await page.waitForFunction(() => document.documentElement.dataset.kioskStop === 'attract', null, { timeout: PAGE_TIMEOUT_MS });
      // hold the attract frame while it is shot (its own clock runs at the store's speed)
      await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
      await settled(page);
      await page.screenshot({ path: name('attract') });
      console.log(`${name('attract')} (${await cameraLine(page)})`);
      for (const id of opts.events) {
        // A tool moving the clock does not hand the kiosk over: the tour goes on from there. It plays from
        // just before the event (the player holds on an event it reaches) at a crawl, so it holds there.
        await page.evaluate((t) => window.explainer!.store.getState().set({ t: t - 1, playing: true, speed: 0.001 }), starts.get(id)!);
        await page.waitForFunction(
          (t) => document.documentElement.dataset.kioskStop === 'event' && document.documentElement.dataset.kioskState === 'touring' && window.explainer!.store.getState().t === t,
          starts.get(id)!,
          { timeout: PAGE_TIMEOUT_MS },
        );
        await settled(page);
        await page.screenshot({ path: name(id) });
        const pages = await page.evaluate(() => document.querySelector<HTMLElement>('.kiosk-pages')?.dataset.pages ?? '1');
        console.log(`${name(id)} (the card in ${pages} page${pages === '1' ? '' : 's'}; ${await cameraLine(page)})`);
      }
      const map = (await page.locator('.map').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 3);
      await page.waitForFunction(() => document.documentElement.dataset.kioskState === 'visitor');
      await settled(page);
      await page.screenshot({ path: name('touched') });
      console.log(name('touched'));
      if (errors.length) console.log(`page errors at ${width}x${height}: ${errors.join(' | ')}`);
      await context.close();
    }
  } finally {
    await session.close();
  }
}

main().catch((e) => {
  process.stderr.write(`kiosk-shots: ${firstLine(e)}\n`);
  process.exit(1);
});
