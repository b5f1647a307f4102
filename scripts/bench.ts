// Benchmark (not a test). In headless Chromium at 1280×720, alternating app and floor, medians of
// several runs: first-load bytes (gzip, as transferred) and time to the first complete frame
// (data-ready); main-thread ms of a slider step against a plain redraw of the floor; and, when the
// app offers them, PNG export times, and a video export's frames per second at 1080×1920 against
// PNG exports per second of one of its frames. Prints a table and writes bench-results/bench.json.
// With --scale 1,10,100: synthetic stories that many times the real one (scripts/lib/synthetic-story.ts),
// each measured in the same run: the data build's time, first-load bytes, data-ready, the slider step
// against a plain redraw of the same page, and DOM nodes (bench-results/bench-scale.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { commandLine, intFlag, parseFlags } from './lib/args.ts';
import { TRACE_CATEGORIES, median, stepCosts, windowKinds, windowsStamped, type WindowKind } from './lib/main-thread.ts';
import { webglRenderer } from './lib/chromium.ts';
import { startSession } from './lib/session.ts';
import { writeScaledApp, writeScaledData } from './lib/synthetic-story.ts';
import { startServer } from './serve.ts';

declare global {
  interface Window {
    /** When the page first said data-ready, ms since navigation. */
    __readyAt?: number;
    /** Slider moves seen during an app-step run, and the unsubscribe of their counter. */
    __benchMoves?: number;
    __benchOff?: () => void;
    /** The floor page's redraw (tests/bench/floor.ts). */
    floor?: { redraw(): void };
  }
}

const ROOT = resolve(import.meta.dirname, '..');
/** One-line usage of `npm run bench`. */
const USAGE = 'usage: npm run bench -- [--runs 1-100] [--steps 10-10000] [--soak-loops 0 or 2-100000] [--scale N,N,… (1-1000 each, e.g. 1,10,100)] [--build-scale N,N,… or none (default: the --scale values up to 100)]';
/** The largest scale whose data build --scale times unless --build-scale says otherwise. */
const BUILD_SCALE_DEFAULT_MAX = 100;
const opts = commandLine('bench', USAGE, (argv) => {
  const f = parseFlags(argv, { runs: 'string', steps: 'string', 'soak-loops': 'string', scale: 'string', 'build-scale': 'string' });
  const soakLoops = f['soak-loops'] === undefined ? 200 : intFlag('--soak-loops', f['soak-loops'], 0, 100_000);
  if (soakLoops === 1) throw new Error('--soak-loops must be 0 (no soak) or at least 2 (got "1")');
  const scale = f.scale === undefined ? null : f.scale.split(',').map((x) => intFlag('--scale', x.trim(), 1, 1000));
  const bs = f['build-scale'];
  // by default the data build is timed at the scales up to 100× (about a minute here; 1000× would
  // take ten: the build is linear, about 20 ms per place)
  const buildScale = bs === undefined ? (scale ?? []).filter((n) => n <= BUILD_SCALE_DEFAULT_MAX) : bs === 'none' ? [] : bs.split(',').map((x) => intFlag('--build-scale', x.trim(), 1, 1000));
  return {
    help: f.help,
    runs: f.runs === undefined ? (scale ? 1 : 5) : intFlag('--runs', f.runs, 1, 100),
    steps: f.steps === undefined ? (scale ? 60 : 200) : intFlag('--steps', f.steps, 10, 10_000),
    soakLoops,
    scale,
    buildScale,
  };
});
if (!opts) process.exit(0);
const RUNS = opts.runs;
const SOAK_LOOPS = opts.soakLoops;
const STEPS = opts.steps;
const VIEWPORT = { width: 1280, height: 720 };
/**
 * The last stepTimes run's step windows in which the drag's deferred rebuild ran (src/app/scrub-settle.ts:
 * the pointer rested 150 ms and 3 frames between two steps, which a software-rendered page's slow frames
 * allow), and the median of the other windows, ms; and per kind of window (`windowKinds`: the rest's,
 * the one after it, where deck.gl and maplibre draw the rebuilt labels, and the others) their count and median ms.
 */
let lastRests = { windows: 0, rests: 0, medianOtherMs: NaN, kinds: {} as Record<WindowKind, { n: number; ms: number }> };

const fmt = (n: unknown, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n));

if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
  console.error('bench: dist/ not found: run `npm run build` first');
  process.exit(1);
}
if (!opts.scale) execFileSync('npx', ['vite', 'build', '--config', 'tests/bench/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });

// --scale: the data build's time first (no browser), then the app on each synthetic story
const buildTimes = opts.buildScale.length ? await dataBuildTimes(opts.buildScale) : [];
if (!opts.scale && buildTimes.length) {
  // the data build alone: no browser
  await scaleBench([], buildTimes);
  process.exit(0);
}
const session = await startSession();
const { browser } = session;
const app = session;
/** Which software WebGL draws this run (llvmpipe on a private Xvfb display, or SwiftShader): figures of different ones do not compare. */
const GL = await webglRenderer(browser);
if (opts.scale || buildTimes.length) {
  try {
    await scaleBench(opts.scale ?? [], buildTimes);
  } finally {
    await session.close();
  }
  process.exit(0);
}
const floor = await startServer({ root: join(ROOT, 'dist-bench') });

/**
 * Loads a page cold and returns bytes transferred (headers included), request count and ms to
 * data-ready. `encoding` 'gzip' makes Chromium ask for gzip only (the measure the bytes target was set
 * on); 'br' leaves its own Accept-Encoding, so the server sends its brotli copies.
 */
async function firstLoad(url: string, encoding: 'gzip' | 'br' = 'gzip') {
  const context = await session.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (encoding === 'gzip') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'gzip' } });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement?.dataset.ready === 'true' && !window.__readyAt) window.__readyAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
  const ms = (await page.evaluate(() => window.__readyAt)) as number;
  await page.waitForTimeout(300);
  await context.close();
  return { bytes, requests, ms };
}

/** Resolves after the page has drawn two more frames, marking the end of a step for the trace (a declaration: --scale runs before this line). */
function settleAndMark() {
  return new Promise<void>((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('bench-step');
        resolve();
      }),
    ),
  );
}

/**
 * Returns the median main-thread ms per step of `STEPS` steps, read from a Chromium trace of the
 * page's renderer: all top-level tasks between the end of one step and the end of the next (input,
 * handlers, style, layout, paint, both canvases' frames, GC). Every kind of step is driven the same
 * way: one mouse event sent through CDP, one page call, two frames.
 *  - `app-step`: a drag on the timeline track (button held down), 1 to 3 px a step, back and forth.
 *  - `app-redraw`, `floor-redraw`: a plain redraw of both canvases with nothing changed.
 *  - `idle`: the driver alone (mouse move and two frames), what every step above includes.
 * The mouse events go through CDP's Input.dispatchMouseEvent (what Playwright's `page.mouse` sends)
 * rather than `page.mouse`: with a button held, Playwright's drag detection runs a script in the
 * page and sets a timer on every move (about 5 ms a step here), which a reader's drag never pays
 * and the floor's steps, made without a button held, would not have paid either.
 */
async function stepTimes(page: Page, kind: 'app-step' | 'app-redraw' | 'floor-redraw' | 'idle'): Promise<number> {
  const origin = new URL(page.url()).origin;
  const cdp = await page.context().newCDPSession(page);
  const mouse = (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', x: number, y: number, held: boolean) =>
    cdp.send('Input.dispatchMouseEvent', { type, x, y, button: held || type !== 'mouseMoved' ? 'left' : 'none', buttons: held ? 1 : 0, clickCount: type === 'mouseMoved' ? 0 : 1 });
  let box: { x: number; y: number; width: number; height: number } | null = null;
  let x0 = 0;
  if (kind === 'app-step') {
    box = (await page.locator('.track').boundingBox())!;
    // press where the track itself is hit, not a tick over it: a tick takes the press, and its click on
    // release jumps to its event instead of the drag (seen: "the slider moved on 1 of 11 steps")
    x0 = await page.evaluate(({ left, width, y }) => {
      const track = document.querySelector('.track');
      for (let dx = 0; dx < width * 0.1; dx++) if (document.elementFromPoint(left + width * 0.3 + dx, y) === track) return left + width * 0.3 + dx;
      return left + width * 0.3;
    }, { left: box.x, width: box.width, y: box.y + box.height / 2 });
    await mouse('mouseMoved', x0, box.y + box.height / 2, false);
    await mouse('mousePressed', x0, box.y + box.height / 2, true);
    // count the moments the drag shows, to prove every step moved the slider
    await page.evaluate(() => {
      window.__benchMoves = 0;
      window.__benchOff?.();
      window.__benchOff = window.explainer!.store.subscribe((s, p) => {
        if (s.t !== p.t) window.__benchMoves!++;
      });
    });
  }
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  for (let i = 0; i <= STEPS; i++) {
    if (box) {
      const phase = (i % 400) / 200; // 0 → 2: across and back
      const x = x0 + box.width * 0.4 * (phase <= 1 ? phase : 2 - phase);
      await mouse('mouseMoved', x, box.y + box.height / 2, true);
    } else await mouse('mouseMoved', 8, 8 + (i % 2), false);
    if (kind === 'floor-redraw') await page.evaluate(() => window.floor!.redraw());
    else if (kind === 'app-redraw') await page.evaluate(() => window.explainer!.repaint());
    await page.evaluate(settleAndMark);
  }
  const trace = JSON.parse((await browser.stopTracing()).toString());
  if (box) {
    await mouse('mouseReleased', x0, box.y + box.height / 2, false);
    const moves = (await page.evaluate(() => window.__benchMoves)) ?? 0;
    // the first step is the press point itself, and a press on a tick scrubs only once it has moved 4 px
    // (a dense story's ticks cover the track): two steps may not move, however few steps a run has
    if (moves < Math.min(STEPS * 0.95, STEPS - 2)) throw new Error(`bench: app-step: the slider moved on ${moves} of ${STEPS + 1} steps`);
  }
  await cdp.detach();
  const costs = stepCosts(trace, origin, 'bench-step');
  if (costs.length < STEPS) throw new Error(`bench: ${kind}: ${costs.length} step windows in the trace, expected ${STEPS}`);
  const rested = windowsStamped(trace, origin, 'bench-step', 'scrub-settle');
  const kinds = windowKinds(rested);
  const of = (w: WindowKind) => costs.filter((_, k) => kinds[k] === w);
  lastRests = {
    windows: costs.length,
    rests: rested.filter(Boolean).length,
    medianOtherMs: median(costs.filter((_, k) => !rested[k])),
    kinds: { rest: { n: of('rest').length, ms: median(of('rest')) }, after: { n: of('after').length, ms: median(of('after')) }, plain: { n: of('plain').length, ms: median(of('plain')) } },
  };
  return median(costs);
}


/**
 * Returns the data build's ms (median of RUNS, after one warm-up build that fills the basemap caches)
 * for synthetic data `scale`× the story in data/, with the story's event and place counts.
 */
async function dataBuildTimes(scales: number[]) {
  const { buildData } = await import('./build-data.ts');
  const tmp = mkdtempSync(join(tmpdir(), 'bench-data-'));
  try {
    const build = (n: number) => {
      const dir = join(tmp, `x${n}`);
      writeScaledData(join(ROOT, 'data'), dir, n);
      const a = performance.now();
      buildData({ dataDir: dir, outDir: join(dir, 'out') });
      return performance.now() - a;
    };
    console.log('data build: a warm-up build at 1×, then each scale…');
    build(1);
    const out = [];
    for (const n of scales) {
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push(build(n));
      const story = JSON.parse(readFileSync(join(tmp, `x${n}`, 'story.json'), 'utf8'));
      const places = JSON.parse(readFileSync(join(tmp, `x${n}`, 'places.geojson'), 'utf8'));
      out.push({ scale: n, events: story.events.length as number, places: places.features.length as number, ms: median(ms) });
      console.log(`  ${n}×: ${Math.round(median(ms))} ms`);
    }
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * At each scale, on a copy of dist/ whose story and places are that many times the built ones: first
 * load (bytes gzip, ms to data-ready), the slider step against a plain redraw of the same page (main
 * thread ms, medians), and the page's DOM nodes (elements) once ready. Prints the table with the data
 * build's times and writes bench-results/bench-scale.json.
 */
async function scaleBench(scales: number[], builds: Awaited<ReturnType<typeof dataBuildTimes>>) {
  const rows = [];
  for (const n of scales) {
    const dir = mkdtempSync(join(tmpdir(), `bench-app-x${n}-`));
    const { storyBytes, placesBytes, events, places } = writeScaledApp(join(ROOT, 'dist'), dir, n, { compress: true });
    const srv = await startServer({ root: dir });
    try {
      const loads = [];
      for (let i = 0; i < RUNS; i++) loads.push(await firstLoad(`${srv.url}?t=2025-06-02T12:00Z`));
      const context = await session.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${srv.url}?t=2025-05-31T18:00Z&follow=0`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 300_000 });
      const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      const step: number[] = [];
      const redraw: number[] = [];
      const rests: (typeof lastRests)[] = [];
      for (let i = 0; i < RUNS; i++) {
        redraw.push(await stepTimes(page, 'app-redraw'));
        step.push(await stepTimes(page, 'app-step'));
        rests.push(lastRests);
      }
      await context.close();
      const b = builds.find((x) => x.scale === n);
      rows.push({
        scale: n,
        events,
        places,
        storyBytes,
        placesBytes,
        bytesGzip: median(loads.map((x) => x.bytes)),
        readyMs: median(loads.map((x) => x.ms)),
        stepMs: median(step),
        redrawMs: median(redraw),
        stepRatio: median(step) / median(redraw),
        domNodes: nodes,
        dataBuildMs: b?.ms,
        stepRests: rests.reduce((a, r) => a + r.rests, 0),
        stepWindows: rests.reduce((a, r) => a + r.windows, 0),
        stepOtherMs: median(rests.map((r) => r.medianOtherMs)),
        // per kind of window, of the first run (one run is the --scale default)
        stepKinds: rests[0].kinds,
      });
      const r = rows[rows.length - 1];
      console.log(`  ${n}×: load ${r.bytesGzip} B gzip, data-ready ${Math.round(r.readyMs)} ms, step ${fmt(r.stepMs, 2)} / redraw ${fmt(r.redrawMs, 2)} ms = ${fmt(r.stepRatio, 2)}, ${nodes} elements; the drag's rebuild at rest ran in ${r.stepRests} of ${r.stepWindows} step windows (median of the others ${fmt(r.stepOtherMs, 2)} ms); medians by window (run 1): the rest's ${fmt(r.stepKinds.rest.ms, 2)} ms (${r.stepKinds.rest.n}), the one after a rest ${fmt(r.stepKinds.after.ms, 2)} ms (${r.stepKinds.after.n}), neither ${fmt(r.stepKinds.plain.ms, 2)} ms (${r.stepKinds.plain.n})`);
    } finally {
      await new Promise((ok) => srv.server.close(ok));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (builds.length) {
    const b0 = builds[0];
    console.log(`\ndata build (npm run data on synthetic data/, ${RUNS} run(s), medians, after a warm-up build)\n`);
    console.log(['scale', 'events', 'places', 'ms', 'ratio', 'ms per added place'].map((x) => x.padStart(13)).join(' '));
    for (const b of builds)
      console.log([`${b.scale}×`, b.events, b.places, Math.round(b.ms), fmt(b.ms / b0.ms, 2), b === b0 ? '' : fmt((b.ms - b0.ms) / (b.places - b0.places), 0)].map((x) => String(x).padStart(13)).join(' '));
  }
  if (!rows.length) return;
  const base = rows[0];
  console.log(`\nbenchmark --scale: synthetic stories ${scales.join('×, ')}× the real one (${RUNS} run(s), medians, ${STEPS} steps, Chromium without a screen, WebGL: ${GL})\n`);
  const head = ['scale', 'events', 'places', 'load B gzip', 'data-ready ms', 'step ms', 'redraw ms', 'step/redraw', 'DOM nodes', 'data build ms'];
  console.log(head.map((x) => x.padStart(14)).join(''));
  for (const r of rows) {
    console.log(
      [`${r.scale}×`, r.events, r.places, r.bytesGzip, Math.round(r.readyMs), fmt(r.stepMs, 2), fmt(r.redrawMs, 2), fmt(r.stepRatio, 2), r.domNodes, r.dataBuildMs === undefined ? '' : Math.round(r.dataBuildMs)]
        .map((x) => String(x).padStart(14))
        .join(''),
    );
  }
  console.log(`\nratios to ${base.scale}× (same run):`);
  for (const r of rows.slice(1)) {
    const extra = r.dataBuildMs !== undefined && base.dataBuildMs !== undefined && r.events && base.events ? (r.dataBuildMs - base.dataBuildMs) / (r.events - base.events) : null;
    console.log(
      `  ${r.scale}×: load bytes ${fmt(r.bytesGzip / base.bytesGzip, 2)}, data-ready ${fmt(r.readyMs / base.readyMs, 2)}, DOM nodes ${fmt(r.domNodes / base.domNodes, 2)}, data build ${r.dataBuildMs !== undefined && base.dataBuildMs ? fmt(r.dataBuildMs / base.dataBuildMs, 2) : '–'}${extra === null ? '' : ` (${fmt(extra, 2)} ms per added event)`}; step/redraw ${fmt(r.stepRatio, 2)} (target ≤ 1.1)`,
    );
  }
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'bench-scale.json'), `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, steps: STEPS, viewport: '1280x720', rows }, null, 2)}\n`);
  console.log('\nwrote bench-results/bench-scale.json');
}

/** What bench.json holds. */
interface BenchResults {
  date: string;
  viewport: string;
  runs: number;
  steps: number;
  machine: string;
  firstLoad?: Record<'app' | 'floor', { bytesGzip: number; bytesBrotli: number; requests: number; readyMs: number }>;
  timeStep?: { method: string; appStepMs: number; appRedrawMs: number; floorRedrawMs: number; appIdleMs: number; floorIdleMs: number; perRun: Record<string, number[]> };
  export?: { ms1280x720: number; ms3840x2160: number; bytes1280x720: number; bytes3840x2160: number };
  video?: Awaited<ReturnType<typeof videoRate>>;
  soak?: { loops: number; firstLoop: number; warmUpLoops: number; speed: number; start: Record<string, number>; end: Record<string, number> };
  ratios?: Record<string, number>;
}

/** The video benchmark's span: three hours of the night of 2 June with no event in it, so every frame is drawn anew (10 fps: 22 frames). */
const VIDEO_SPAN = { from: '2025-06-02T01:00Z', to: '2025-06-02T04:00Z', fps: 10, still: '2025-06-02T02:30Z' };

/**
 * Returns frames rendered per second by a video export at 1080×1920 (the whole export: drawing,
 * compositing, encoding, muxing) and PNG exports per second of one frame of that span at the same
 * size and framing (screenshot mode framing the events as it follows them), medians of up to 2 runs each,
 * alternating; null when the app has no video export.
 */
async function videoRate() {
  const context = await session.newContext({ viewport: { width: 1080, height: 1920 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${app.url}?mode=screenshot&follow=1&t=${VIDEO_SPAN.still}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  if (!(await page.evaluate(() => typeof window.explainerVideo === 'function'))) return null;
  const video: { fps: number; frames: number; ms: number; codec: string }[] = [];
  const png: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 2); i++) {
    const v = await page.evaluate((span) => window.explainerVideo!({ from: span.from, to: span.to, width: 1080, height: 1920, fps: span.fps }), VIDEO_SPAN);
    if (v.drawn !== v.frames) throw new Error(`bench: video: ${v.drawn} of ${v.frames} frames drawn; the span should have no held frames`);
    video.push({ fps: v.frames / (v.ms / 1000), frames: v.frames, ms: v.ms, codec: v.label });
    png.push(await page.evaluate(() => window.explainerExport!({ width: 1080, height: 1920, scale: 1 }).then((r) => r.ms)));
  }
  await context.close();
  const pngMs = median(png);
  return { span: VIDEO_SPAN, codec: video[0].codec, frames: video[0].frames, framesPerSecond: median(video.map((v) => v.fps)), pngMs, pngPerSecond: 1000 / pngMs, perRun: { video, pngMs: png } };
}

const results: BenchResults = { date: new Date().toISOString(), viewport: '1280x720', runs: RUNS, steps: STEPS, machine: `Chromium without a screen, WebGL: ${GL}` };
try {
  type Load = { bytes: number; requests: number; ms: number };
  const loads: Record<'app' | 'floor', Load[]> = { app: [], floor: [] };
  const brotli: Record<'app' | 'floor', number[]> = { app: [], floor: [] };
  for (let i = 0; i < RUNS; i++) {
    loads.floor.push(await firstLoad(`${floor.url}floor.html`));
    loads.app.push(await firstLoad(`${app.url}?t=2025-06-02T12:00Z`));
    brotli.floor.push((await firstLoad(`${floor.url}floor.html`, 'br')).bytes);
    brotli.app.push((await firstLoad(`${app.url}?t=2025-06-02T12:00Z`, 'br')).bytes);
  }
  const summary = (k: 'app' | 'floor') => ({
    bytesGzip: median(loads[k].map((x) => x.bytes)),
    bytesBrotli: median(brotli[k]),
    requests: median(loads[k].map((x) => x.requests)),
    readyMs: median(loads[k].map((x) => x.ms)),
  });
  results.firstLoad = { app: summary('app'), floor: summary('floor') };

  const ctxApp = await session.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  const ctxFloor = await session.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  const pApp = await ctxApp.newPage();
  const pFloor = await ctxFloor.newPage();
  // follow=0: the camera stays on the whole story, as the floor's does; following would frame the
  // event at load and again when each drag ends, so later runs would measure another camera.
  await pApp.goto(`${app.url}?t=2025-05-31T18:00Z&follow=0`);
  await pFloor.goto(`${floor.url}floor.html`);
  for (const p of [pApp, pFloor]) await p.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  const steps: Record<'app' | 'appRedraw' | 'floor' | 'appIdle' | 'floorIdle', number[]> = { app: [], appRedraw: [], floor: [], appIdle: [], floorIdle: [] };
  for (let i = 0; i < RUNS; i++) {
    steps.floor.push(await stepTimes(pFloor, 'floor-redraw'));
    steps.floorIdle.push(await stepTimes(pFloor, 'idle'));
    steps.appRedraw.push(await stepTimes(pApp, 'app-redraw'));
    steps.app.push(await stepTimes(pApp, 'app-step'));
    steps.appIdle.push(await stepTimes(pApp, 'idle'));
  }
  results.timeStep = {
    method: 'median over steps of main-thread busy ms per step (Chromium trace, top-level tasks), median over runs',
    appStepMs: median(steps.app),
    appRedrawMs: median(steps.appRedraw),
    floorRedrawMs: median(steps.floor),
    appIdleMs: median(steps.appIdle),
    floorIdleMs: median(steps.floorIdle),
    perRun: steps,
  };

  const hasExport = await pApp.evaluate(() => typeof window.explainerExport === 'function');
  if (hasExport) {
    const exportMs = async (width: number, height: number) =>
      pApp.evaluate(async ({ width, height }) => {
        const a = performance.now();
        const r = await window.explainerExport!({ width, height, scale: 1 });
        return { ms: performance.now() - a, bytes: Math.round((r.base64?.length ?? 0) * 0.75) };
      }, { width, height });
    const small = [];
    const large = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      small.push(await exportMs(1280, 720));
      large.push(await exportMs(3840, 2160));
    }
    results.export = { ms1280x720: median(small.map((x) => x.ms)), ms3840x2160: median(large.map((x) => x.ms)), bytes1280x720: median(small.map((x) => x.bytes)), bytes3840x2160: median(large.map((x) => x.bytes)) };
  }
  await ctxApp.close();
  await ctxFloor.close();
  results.video = await videoRate();
} finally {
  await session.close();
  floor.server.close();
}

if (SOAK_LOOPS > 0) {
  console.log(`running the kiosk soak (${SOAK_LOOPS} loops; a few minutes)…`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'soak.ts'), '--loops', String(SOAK_LOOPS)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const soak = JSON.parse(readFileSync(join(ROOT, 'bench-results', 'soak.json'), 'utf8'));
  results.soak = { loops: soak.loops, firstLoop: soak.samples[0].loop, warmUpLoops: soak.warmUpLoops, speed: soak.speed, start: soak.start, end: soak.end };
}

const fl = results.firstLoad!;
const ts = results.timeStep!;
const rows: [string, number, number, number | null, number][] = [
  ['first load, bytes (gzip)', fl.app.bytesGzip, fl.floor.bytesGzip, 1.25, 0],
  ['first load, bytes (brotli, as served)', fl.app.bytesBrotli, fl.floor.bytesBrotli, null, 0],
  ['first load, requests', fl.app.requests, fl.floor.requests, null, 0],
  ['time to data-ready, ms', fl.app.readyMs, fl.floor.readyMs, 1.2, 0],
  ['slider step vs floor plain redraw, ms', ts.appStepMs, ts.floorRedrawMs, 1.1, 2],
  ['slider step vs app plain redraw, ms', ts.appStepMs, ts.appRedrawMs, null, 2],
  ['driver alone (in each step above), ms', ts.appIdleMs, ts.floorIdleMs, null, 2],
];
if (results.export) rows.push(['export 3840×2160 vs 1280×720, ms', results.export.ms3840x2160, results.export.ms1280x720, null, 0]);
if (results.video) rows.push([`video 1080×1920 frames/s vs PNG/s`, results.video.framesPerSecond, results.video.pngPerSecond, null, 2]);
console.log(`\nbenchmark: app against the bare-library floor (${RUNS} runs, medians, ${results.machine})\n`);
console.log(`${'measure'.padEnd(36)} ${'app'.padStart(10)} ${'floor/base'.padStart(11)} ${'ratio'.padStart(7)} ${'target'.padStart(7)}`);
results.ratios = {};
for (const [name, a, b, target, d] of rows) {
  const ratio = a / b;
  results.ratios[name] = ratio;
  console.log(`${name.padEnd(36)} ${fmt(a, d).padStart(10)} ${fmt(b, d).padStart(11)} ${ratio.toFixed(2).padStart(7)} ${(target ? `≤${target}` : '').padStart(7)}`);
}
if (results.soak) {
  const { start, end, loops, firstLoop, warmUpLoops } = results.soak;
  console.log(
    `\nkiosk soak: at loop ${firstLoop} (after loop 1 and ${warmUpLoops} warm-up loops) and at loop ${loops} (target: heap growth < 2 MB, DOM nodes and contexts unchanged)`,
  );
  for (const [name, key, d] of [
    ['JS heap, MB (after GC)', 'heapMB', 2],
    ['DOM nodes', 'domNodes', 0],
    ['event listeners', 'listenersAll', 0],
    ['WebGL contexts live', 'webglLive', 0],
  ] as const) {
    console.log(`${name.padEnd(36)} ${fmt(start[key], d).padStart(10)} ${fmt(end[key], d).padStart(11)} ${`${end[key] - start[key] >= 0 ? '+' : ''}${fmt(end[key] - start[key], d)}`.padStart(8)}`);
  }
}
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench-results/bench.json');
