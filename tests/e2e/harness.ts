import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Download, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';

/**
 * How long (ms) any e2e wait polls its condition before it fails: generous, so that a loaded machine
 * makes a test slower, not red. Every wait names its condition; none relies on the test's time-out.
 */
export const WAIT = 120_000;

export interface Harness {
  /** The built app's URL (served by tests/e2e/global-setup.ts). */
  url: string;
  /** This file's connection to its worker's Chromium (shared by the files that worker runs). */
  browser: Browser;
}

/**
 * Picks the Chromium for this worker: `VITEST_POOL_ID` (1..maxWorkers) indexes the endpoints
 * global-setup.ts started, so two files running side by side never draw in the same GPU process.
 */
export function endpointFor(endpoints: string[], poolId = process.env.VITEST_POOL_ID): string {
  const i = Number(poolId) - 1;
  return endpoints[Number.isInteger(i) && i >= 0 ? i % endpoints.length : 0];
}

/**
 * Connects this test file to the suite's server and its worker's Chromium (started once by
 * global-setup.ts) before its tests; after each test, passed or failed, closes every browser context the test opened
 * (a context a `beforeAll` opened stays for the tests that share it); and disconnects after the
 * file, which closes the rest. Returns the harness, filled in once the file's tests start.
 */
export function useHarness(): Harness {
  const h = {} as Harness;
  let before = new Set<BrowserContext>();
  beforeAll(async () => {
    const { url, wsEndpoint, wsEndpoints } = inject('e2e');
    h.url = url;
    h.browser = await chromium.connect(wsEndpoints?.length ? endpointFor(wsEndpoints) : wsEndpoint, { timeout: WAIT });
  });
  beforeEach(() => {
    before = new Set(h.browser.contexts());
  });
  afterEach(async () => {
    await Promise.all(h.browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
  });
  afterAll(async () => {
    await h.browser?.close();
  });
  return h;
}

/** Opens a browser context whose waits (waitForFunction, locators, events) poll for up to WAIT ms; the harness closes it after the test. */
export async function newContext(h: Harness, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await h.browser.newContext(options);
  context.setDefaultTimeout(WAIT);
  return context;
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Requests to anywhere but the app's origin (data: and blob: excepted). */
  external: string[];
}

/**
 * How far `openApp` waits: `drawn` until `data-ready="true"` (a complete frame of the map and its
 * layers), `app` until the app exists (data and fonts loaded, every control and panel built; the
 * map may still be drawing), `none` not at all.
 */
export type OpenUntil = 'drawn' | 'app' | 'none';

/** Opens the app with a query string at a viewport size and waits as `until` says (by default for a drawn frame). */
export async function openApp(
  h: Harness,
  query = '',
  size = { width: 1280, height: 760 },
  opts: { reducedMotion?: boolean; until?: OpenUntil; init?: () => void } = {},
): Promise<OpenedPage> {
  const context = await newContext(h, { viewport: size, reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference' });
  // run in the page before any of its own scripts
  if (opts.init) await context.addInitScript(opts.init);
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(h.url) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  await page.goto(h.url + query);
  const until = opts.until ?? 'drawn';
  if (until === 'drawn') await waitReady(page);
  else if (until === 'app') await page.waitForFunction(() => !!window.explainer);
  return { page, errors, external };
}

/**
 * One app page for the tests of the enclosing `describe` block, so that they draw one page load
 * instead of one each (software WebGL drawing is most of the suite's time). Opened by `openApp` in
 * the block's beforeAll; before each test the store is put back to the state the page opened with
 * (its data fields: time, place, view, layers, …), the pointer moves off the map and the frame is
 * awaited; `errors` and `external` hold the load's in the first test, then each test's own; closed
 * after the block. Tests must
 * not close it, and should leave no dialog open. Returns the opened page, filled in once the block starts.
 */
export function useSharedApp(h: Harness, query = '', size = { width: 1280, height: 760 }, opts: { reducedMotion?: boolean } = {}): OpenedPage {
  const shared = { errors: [], external: [] } as unknown as OpenedPage;
  let initial: Record<string, unknown> = {};
  beforeAll(async () => {
    Object.assign(shared, await openApp(h, query, size, opts));
    initial = await shared.page.evaluate(() => Object.fromEntries(Object.entries(window.explainer!.store.getState()).filter(([, v]) => typeof v !== 'function')));
  });
  beforeEach(async () => {
    await shared.page.mouse.move(0, 0);
    await setState(shared.page, initial);
  });
  // the first test sees the load's errors and requests, each later one only its own
  afterEach(() => {
    shared.errors.length = 0;
    shared.external.length = 0;
  });
  afterAll(async () => {
    await shared.page?.context().close();
  });
  return shared;
}

/** Waits until the page says a complete frame is drawn; on a time-out, the error says what readiness was still waiting for. */
export async function waitReady(page: Page, timeout = WAIT): Promise<void> {
  try {
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout });
  } catch (e) {
    const seen = await page
      .evaluate(() => {
        const map = window.explainer?.mapView.map;
        const d = document.documentElement.dataset;
        return { ready: d.ready, reason: d.readyReason, app: !!window.explainer, loaded: map?.loaded(), moving: map?.isMoving(), tiles: map?.areTilesLoaded() };
      })
      .catch((err: Error) => ({ unreadable: err.message }));
    throw new Error(`${(e as Error).message}\nthe page then: ${JSON.stringify(seen)}`, { cause: e });
  }
}

/** Resolves after the page has drawn `n` more animation frames: a span of the page's own time, for checks that nothing changes. */
export async function frames(page: Page, n: number): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((ok) => {
        let left = count;
        const tick = () => (--left <= 0 ? ok() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** Returns the store's state (serialisable part). */
export function state(page: Page) {
  return page.evaluate(() => {
    const s = window.explainer!.store.getState();
    return { t: s.t, playing: s.playing, place: s.place, view: s.view, layers: s.layers, mode: window.explainer!.config.mode, loop: s.loop, speed: s.speed };
  });
}

/**
 * Sets store state in the page and waits for the frame to be drawn: after the next animation frame
 * (by which the change has marked the page not ready), until `data-ready` is "true" again.
 */
export async function setState(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate((p) => {
    window.explainer!.store.getState().set(p);
    return new Promise<void>((ok) => requestAnimationFrame(() => ok()));
  }, patch);
  await waitReady(page);
}

/** The built story's events (id, start in epoch ms, places) and each place's anchor ([lon, lat]: a point's position, an area's label point), read from the page's own data files. */
export interface StoryPlaces {
  /** The story's start (epoch ms): a place's `appearH` counts hours from it. */
  start: number;
  events: { id: string; t: number; places: string[] }[];
  anchors: Record<string, [number, number]>;
  /** Where each place's distance line starts, for the places that have one. */
  lineStarts: Record<string, [number, number]>;
}

/** Returns the built story's events and place anchors (`StoryPlaces`), fetched by the page from its data files. */
export function storyPlaces(page: Page): Promise<StoryPlaces> {
  return page.evaluate(async () => {
    const [story, places] = await Promise.all(['data/story.json', 'data/places.json'].map((f) => fetch(f).then((r) => r.json())));
    return {
      start: Date.parse((story as { start: string }).start),
      events: (story as { events: { id: string; start: string; places: string[] }[] }).events.map((e) => ({ id: e.id, t: Date.parse(e.start), places: e.places })),
      anchors: Object.fromEntries((places as { features: { properties: { id: string; anchor: [number, number] } }[] }).features.map((f) => [f.properties.id, f.properties.anchor])),
      lineStarts: Object.fromEntries(
        (places as { features: { properties: { id: string; borderPoint?: [number, number] } }[] }).features.filter((f) => f.properties.borderPoint).map((f) => [f.properties.id, f.properties.borderPoint!]),
      ),
    };
  });
}

/**
 * Returns the story's point marks drawn now, each at its point (CSS px on the map): the points layer's
 * places whose time has come (`start`: the story's, `StoryPlaces.start`) and whose category is on, read
 * from what the page handed deck.gl.
 */
export function shownPoints(page: Page, start: number): Promise<{ id: string; x: number; y: number }[]> {
  return page.evaluate((start) => {
    type Point = { id: string; appearH: number; category: string; feature: { geometry: { coordinates: [number, number] } } };
    const { map } = window.explainer!.mapView;
    const { t, layers } = window.explainer!.store.getState();
    const points = window.explainer!.deckLayers().find((l) => l.id === 'points')!.props.data as Point[];
    return points
      .filter((p) => p.appearH <= (t - start) / 3_600_000 && layers.includes(p.category))
      .map((p) => {
        const q = map.project(p.feature.geometry.coordinates);
        return { id: p.id, x: q.x, y: q.y };
      });
  }, start);
}

/** Returns the screen position (CSS px, page coordinates) of a lon/lat on the map. */
export function project(page: Page, lonLat: [number, number]) {
  return page.evaluate(([lon, lat]) => {
    const map = window.explainer!.mapView.map;
    const p = map.project([lon, lat]);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lonLat);
}

/** Returns the id of the story place deck.gl picks at a lon/lat (within a few pixels), or null. */
export function pickAt(page: Page, lonLat: [number, number]) {
  return page.evaluate(([lon, lat]) => {
    const { map, overlay } = window.explainer!.mapView;
    const p = map.project([lon, lat]);
    const info = overlay.pickObject({ x: p.x, y: p.y, radius: 4 }) as { object?: { id?: string; place?: { id: string } } } | null;
    return info?.object?.place?.id ?? info?.object?.id ?? null;
  }, lonLat);
}

/** The page-side helper `installPixels` adds: a canvas's RGBA pixels (WebGL canvases need preserveDrawingBuffer). */
export type PixelsWindow = { __pixels(canvas: HTMLCanvasElement): { data: Uint8ClampedArray; width: number; height: number } };

/** Adds `window.__pixels(canvas)` to the page: copies a canvas into a 2D canvas and returns its pixels and size. */
export function installPixels(page: Page) {
  return page.evaluate(`
    window.__pixels = (canvas) => {
      const c = document.createElement('canvas');
      c.width = canvas.width;
      c.height = canvas.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
      return { data: ctx.getImageData(0, 0, c.width, c.height).data, width: c.width, height: c.height };
    };`);
}

/** Draws the map's canvases (basemap, then deck.gl layers) into one 2D canvas in the page; returns nothing. */
const COMPOSITE = `
  window.__composite = () => {
    const [base, ...rest] = window.explainer.mapView.canvases();
    const c = document.createElement('canvas');
    c.width = base.width;
    c.height = base.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(base, 0, 0);
    for (const r of rest) ctx.drawImage(r, 0, 0, base.width, base.height);
    return { ctx, width: c.width, height: c.height, ratio: base.width / base.clientWidth };
  };`;

/** Returns [r, g, b, a] of the composited map (basemap and layers) at a lon/lat. */
export async function pixelAt(page: Page, lonLat: [number, number]) {
  await page.evaluate(COMPOSITE);
  return page.evaluate(([lon, lat]) => {
    const w = window as unknown as { __composite(): { ctx: CanvasRenderingContext2D; ratio: number } };
    const { ctx, ratio } = w.__composite();
    const p = window.explainer!.mapView.map.project([lon, lat]);
    return Array.from(ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data);
  }, lonLat);
}

/** Returns the number of distinct colours in a coarse grid over the composited map (a blank canvas has one). */
export async function canvasColourCount(page: Page) {
  await page.evaluate(COMPOSITE);
  return page.evaluate(() => {
    const w = window as unknown as { __composite(): { ctx: CanvasRenderingContext2D; width: number; height: number } };
    const { ctx, width, height } = w.__composite();
    const data = ctx.getImageData(0, 0, width, height).data;
    const seen = new Set<number>();
    for (let y = 0; y < height; y += 7)
      for (let x = 0; x < width; x += 7) {
        const i = (y * width + x) * 4;
        seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
    return seen.size;
  });
}

/**
 * Loses the WebGL context of the map's canvases (indexes into `mapView.canvases()`, all by default)
 * and waits until each of them has dispatched `webglcontextlost` to its listeners (the app's first).
 * `restoreContexts` gives them back.
 */
export async function loseContexts(page: Page, which: number[] | null = null): Promise<void> {
  const count = await page.evaluate((idx) => {
    const w = window as unknown as { __lose: WEBGL_lose_context[]; __lost: number };
    const canvases = window.explainer!.mapView.canvases();
    w.__lost = 0;
    w.__lose = (idx ?? canvases.map((_, i) => i)).map((i) => {
      canvases[i].addEventListener('webglcontextlost', () => w.__lost++, { once: true });
      return (canvases[i].getContext('webgl2') ?? canvases[i].getContext('webgl'))!.getExtension('WEBGL_lose_context')!;
    });
    w.__lose.forEach((x) => x.loseContext());
    return w.__lose.length;
  }, which);
  await page.waitForFunction((n) => (window as unknown as { __lost: number }).__lost === n, count);
}

/** Restores the contexts the last `loseContexts` lost. */
export async function restoreContexts(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __lose: WEBGL_lose_context[] }).__lose.forEach((x) => x.restoreContext()));
}

/** Returns a download's bytes (read over the connection: the file sits with the shared Chromium, not here). */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A region of the page in CSS px, as `page.screenshot({ clip })` takes it. */
type Clip = { x: number; y: number; width: number; height: number };

/** Returns the share of dark pixels (text: luminance under 128 of 255) in a region of the page (CSS px). */
export async function inkIn(page: Page, clip: Clip): Promise<number> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2] < 128) dark++;
    return dark / (d.length / 4);
  }, png.toString('base64'));
}

/**
 * Checks a scrolling box's fade (`data-more`, src/ui/scroll-more.ts) on its own text: scrolls the box
 * down a few px at a time until text lies in `strip()` (the fade's densest part), then returns the
 * share of dark pixels there with the fade and without it (the attribute taken off for the shot).
 */
export async function inkUnderFade(page: Page, box: string, strip: () => Promise<Clip>): Promise<{ faded: number; plain: number }> {
  for (let y = 0; y <= 60; y += 6) {
    await page.locator(box).evaluate((e, top) => e.scrollTo(0, top), y);
    await frames(page, 2);
    await expect.poll(() => page.locator(box).evaluate((e) => e.hasAttribute('data-more')), { message: `${box} has more below` }).toBe(true);
    const clip = await strip();
    const faded = await inkIn(page, clip);
    await page.locator(box).evaluate((e) => e.removeAttribute('data-more'));
    const plain = await inkIn(page, clip);
    await page.locator(box).evaluate((e) => e.setAttribute('data-more', ''));
    if (plain > 0.01) return { faded, plain };
  }
  throw new Error(`${box}: no text under its fade in its first 60 px of scroll`);
}

/** The bottom third of an element's box and of its fade (`::after`'s height), on screen. */
export async function footOfFade(page: Page, selector: string): Promise<Clip> {
  const [b, fade] = await Promise.all([page.locator(selector).boundingBox(), page.locator(selector).evaluate((e) => parseFloat(getComputedStyle(e, '::after').height))]);
  return { x: b!.x, y: b!.y + b!.height - fade / 3, width: b!.width, height: fade / 3 };
}

/** Returns the map's camera as one line (zoom, centre, to 4 decimals): equal before and after means the map did not move. */
export function cameraKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = window.explainer!.mapView.map;
    return [m.getZoom(), m.getCenter().lng, m.getCenter().lat].map((v) => v.toFixed(4)).join(' ');
  });
}

/** Returns the story's labels drawn under the element `selector` (over the map), one line each with its box: none is []. */
export function labelsUnder(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const m = document.querySelector('.map')!.getBoundingClientRect();
    const c = document.querySelector(sel)!.getBoundingClientRect();
    const [x0, y0, x1, y1] = [c.left - m.left, c.top - m.top, c.right - m.left, c.bottom - m.top];
    return window.explainer!
      .labelBoxes()
      .filter((l) => l.box[0] < x1 && l.box[2] > x0 && l.box[1] < y1 && l.box[3] > y0)
      .map((l) => `"${l.text}" ${l.box.map(Math.round).join(',')} under ${sel} (${[x0, y0, x1, y1].map(Math.round).join(',')})`);
  }, selector);
}
