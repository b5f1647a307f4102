// Soak benchmark for kiosk mode (not a test): runs the attract loop in accelerated time for many loops
// and prints JS heap, DOM nodes, event listeners and WebGL contexts before the measured loops, each
// quarter and at the end.
//   npm run soak -- [--loops 200] [--warm-up 50] [--speed 512] [--first-speed 1] [--visit-every 25] [--size 1280x720] [--heap-snapshots DIR]
// Loop 1 plays at --first-speed (1 = real time, about 15 minutes here), as a kiosk's first loop does: the
// first reading then follows as many frames as a kiosk has drawn by then. An accelerated loop draws
// about 100 frames, a real-time one about 16,000, and V8 compiles and optimises by frames drawn, not
// by story time: measured from an accelerated loop 1, the JIT's warm-up (about 2–3 MB of code and
// feedback, found by heap snapshots) would read as growth. The accelerated loops are another workload
// (many events a frame, cuts, a visitor): V8 tiers up for it too, and heap snapshots (session 23)
// showed its optimised code still growing after loop 1 (+465 code objects in loops 1–50, then +76,
// +64 and +11 in each fifty loops; no new functions after loop 50). So --warm-up loops (50) run at
// --speed, with a visitor at their end, before the first reading; the --loops measured come after them.
// Time is accelerated only through the store's playback speed (page side: store.set({ speed })); the
// story's dwell times and the player are left as they are. The player clamps a frame to 100 ms, so a
// frame moves the tour by up to speed × 100 ms: at 512× that is 51 s of a loop of about 570 s, and the events
// held in between are passed within the frame (the report counts the event changes a loop shows).
// Lower --speed for more of them (every event needs speed × frame time under the shortest dwell, 8 s).
// Every --visit-every loops a visitor clicks the map and the tour comes back after idle=2 s.
// --heap-snapshots DIR writes a V8 heap snapshot at each reading (loop-N.heapsnapshot, for DevTools'
// Memory panel or scripts/heap-diff.ts), taken after the reading's figures, while the tour is held.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { MAX_PIXELS, MIN_SIDE } from '../src/export/presets.ts';
import { commandLine, firstLine, intFlag, numberFlag, parseFlags, sizeFlag } from './lib/args.ts';
import { startSession } from './lib/session.ts';
import { countContexts } from './lib/webgl-contexts.ts';

declare global {
  interface Window {
    /** Loops and event changes counted by the soak. */
    __soak?: { loops: number; eventChanges: number };
    /** V8's collector, with --js-flags=--expose-gc. */
    gc?: () => void;
  }
  interface Performance {
    /** Chromium's heap figures (--enable-precise-memory-info). */
    memory: { usedJSHeapSize: number };
  }
}

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results', 'soak.json');
/** One-line usage of `npm run soak`. */
export const USAGE = 'usage: npm run soak -- [--loops 2-100000] [--warm-up 0-100000] [--speed 0-1024] [--first-speed 0-1024] [--visit-every 0-100000] [--size WxH] [--heap-snapshots DIR]';

/** The options of the soak. */
export interface SoakOptions {
  /** Loops measured, after loop 1 and the warm-up. */
  loops: number;
  /** Accelerated loops (a visitor at their end) between loop 1 and the first reading. */
  warmUp: number;
  speed: number;
  firstSpeed: number;
  visitEvery: number;
  width: number;
  height: number;
  /** A folder for a heap snapshot at each reading, or null. */
  heapSnapshots: string | null;
  help: boolean;
}

/** Returns the soak's options from the command line (defaults: 200 loops at 512× measured after loop 1 at 1× and 50 at 512×, a visitor every 25, 1280×720), or throws a one-line reason. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const f = parseFlags(argv, { loops: 'string', 'warm-up': 'string', speed: 'string', 'first-speed': 'string', 'visit-every': 'string', size: 'string', 'heap-snapshots': 'string' });
  const o: SoakOptions = { loops: 200, warmUp: 50, speed: 512, firstSpeed: 1, visitEvery: 25, width: 1280, height: 720, heapSnapshots: f['heap-snapshots'] ?? null, help: f.help };
  if (f.loops !== undefined) o.loops = intFlag('--loops', f.loops, 2, 100_000);
  if (f['warm-up'] !== undefined) o.warmUp = intFlag('--warm-up', f['warm-up'], 0, 100_000);
  if (f.speed !== undefined) o.speed = numberFlag('--speed', f.speed, 0, 1024);
  if (f['first-speed'] !== undefined) o.firstSpeed = numberFlag('--first-speed', f['first-speed'], 0, 1024);
  if (f['visit-every'] !== undefined) o.visitEvery = intFlag('--visit-every', f['visit-every'], 0, 100_000);
  if (f.size !== undefined) [o.width, o.height] = sizeFlag('--size', f.size, '1280x720');
  if (o.width < MIN_SIDE || o.height < MIN_SIDE || o.width > MAX_PIXELS || o.height > MAX_PIXELS) throw new Error(`--size sides must be from ${MIN_SIDE} to ${MAX_PIXELS} px (got ${o.width}x${o.height})`);
  return o;
}

/** One set of readings. */
type Measures = Record<'heapMB' | 'domNodes' | 'listenersWindow' | 'listenersDocument' | 'listenersAll' | 'cdpNodes' | 'documents' | 'webglLive' | 'webglOnPage' | 'webglCreated', number>;

/**
 * Returns the measurements, taken at the same place every time (the tour held at the story's start,
 * so the same card is in the DOM) and after a forced garbage collection; then lets the tour go on.
 */
async function measure(page: Page, cdp: CDPSession, speed: number, snapshotTo?: string): Promise<Measures> {
  await page.evaluate(async () => {
    const s = window.explainer!.store.getState();
    s.set({ speed: 0 });
    s.set({ t: Number(document.querySelector('.timeline .track')!.getAttribute('aria-valuemin')) });
    await new Promise((ok) => setTimeout(ok, 500));
    // Going back to the start fits the story with a flight: read when it has landed and drawn, or a
    // reading can catch the animation's listeners and objects (seen: +12 listeners, heap ±0.6 MB).
    const map = window.explainer!.mapView.map;
    for (let i = 0; i < 100 && (map.isMoving() || document.documentElement.dataset.ready !== 'true'); i++) await new Promise((ok) => setTimeout(ok, 100));
    window.gc!();
    window.gc!();
  });
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const listenersOn = async (expression: string) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const objectId = result.objectId!;
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId });
    await cdp.send('Runtime.releaseObject', { objectId });
    return listeners.length;
  };
  const page_ = await page.evaluate(() => ({
    heap: performance.memory.usedJSHeapSize,
    domNodes: document.getElementsByTagName('*').length,
    contexts: window.__soakContexts!(),
  }));
  if (snapshotTo) await heapSnapshot(cdp, snapshotTo);
  // and playing: a reading taken on the attract frame (the end of a loop) moved the clock there, which the
  // kiosk follows as a tool's move, leaving the frame paused at that time (the tour then held for good)
  await page.evaluate((v) => window.explainer!.store.getState().set({ speed: v, playing: true }), speed);
  return {
    heapMB: +(page_.heap / 1048576).toFixed(2),
    domNodes: page_.domNodes,
    listenersWindow: await listenersOn('window'),
    listenersDocument: await listenersOn('document'),
    listenersAll: m.JSEventListeners,
    cdpNodes: m.Nodes,
    documents: m.Documents,
    webglLive: page_.contexts.live,
    webglOnPage: page_.contexts.onPage,
    webglCreated: page_.contexts.created,
  };
}

/** Writes a V8 heap snapshot of the page to a file (the profiler collects garbage first). */
async function heapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const onChunk = ({ chunk }: { chunk: string }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  }
}

/** Returns a table of the first reading (after loop 1 and the warm-up), the last, their difference and ratio for each measurement. */
function table(start: Measures, end: Measures): string {
  const rows = (Object.keys(start) as (keyof Measures)[]).map((k) => {
    const d = end[k] - start[k];
    return [k, start[k], end[k], `${d >= 0 ? '+' : ''}${+d.toFixed(2)}`, start[k] ? (end[k] / start[k]).toFixed(3) : '–'];
  });
  const all = [['measure', 'first reading', 'at the end', 'growth', 'ratio'], ...rows].map((r) => r.map(String));
  const w = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ')).join('\n');
}

/** Returns the samples as rows: loop, heap, DOM nodes, listeners, live WebGL contexts. */
function series(samples: (Measures & { loop: number })[]): string {
  const head = 'loop   heap MB   DOM nodes   listeners   WebGL live';
  const rows = samples.map((x) =>
    [String(x.loop).padStart(4), x.heapMB.toFixed(2).padStart(9), String(x.domNodes).padStart(11), String(x.listenersAll).padStart(11), String(x.webglLive).padStart(12)].join(' '),
  );
  return [head, ...rows].join('\n');
}

async function main(): Promise<void> {
  const o = commandLine('soak', USAGE, parseSoakArgs);
  if (!o) return;
  const session = await startSession({ args: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });
  const { url, browser } = session;
  const context = await session.newContext({ viewport: { width: o.width, height: o.height } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(countContexts);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}?mode=kiosk&idle=2`);
  await page.waitForFunction(() => document.documentElement.dataset.kioskState === 'touring', null, { timeout: 60_000 });
  await page.evaluate((speed) => {
    const soak = { loops: 0, eventChanges: 0 };
    window.__soak = soak;
    const { store } = window.explainer!;
    // A loop ends when the tour goes back to its first event (time moves back while it plays) after it has
    // played through events. The tour opens on the attract frame, set at a later time, and its first
    // event comes 12 s in: counted as the end of loop 1, it had put the first reading 16 s in, before
    // the JIT's warm-up (+7.5 MB read as growth, session 22).
    let played = false;
    store.subscribe((s, p) => {
      if (s.playing && s.t > p.t) played = true;
      if (s.t < p.t && s.speed > 0 && played) {
        soak.loops++;
        played = false;
      }
    });
    new MutationObserver(() => soak.eventChanges++).observe(document.querySelector('.kiosk-progress-text')!, { childList: true, characterData: true, subtree: true });
    store.getState().set({ speed });
  }, o.firstSpeed);
  const progress = () => page.evaluate(() => ({ ...window.__soak! }));
  const waitLoops = (n: number) => page.waitForFunction((k) => window.__soak!.loops >= k, n, { timeout: 0, polling: 500 });

  console.log(
    `soak: loop 1 of the kiosk tour at ${o.firstSpeed}×, ${o.warmUp} warm-up loops at ${o.speed}× with a visitor, then ${o.loops} loops measured at ${o.speed}× (${o.width}×${o.height}), a visitor every ${o.visitEvery || '–'} loops`,
  );
  // Measure the app, not the harness: Playwright's first locator call injects its utility script into
  // the page (13 event listeners, about 0.7 MB of heap), so make it before the first measurement.
  const box = (await page.locator('.map').boundingBox())!;
  const firstLoopAt = Date.now();
  await waitLoops(1);
  const firstLoopSeconds = Math.round((Date.now() - firstLoopAt) / 1000);
  const loop1 = await progress();
  // Loop 1 must be a whole tour, or the first reading comes before the JIT's warm-up: at a speed where a
  // frame (at most 100 ms of play) moves the tour less than the shortest dwell (8 s), it shows every event.
  const ticks = await page.evaluate(() => document.querySelectorAll('.timeline .tick').length);
  if (o.firstSpeed * 0.1 < 8 && loop1.eventChanges < ticks)
    throw new Error(`loop 1 ended after ${firstLoopSeconds} s having shown ${loop1.eventChanges} of ${ticks} events: the loop count is wrong`);
  let visits = 0;
  const visit = async () => {
    await page.mouse.click(box.x + box.width * (0.3 + 0.4 * Math.random()), box.y + box.height * (0.3 + 0.4 * Math.random()));
    await page.waitForFunction(() => document.documentElement.dataset.kioskState === 'touring', null, { timeout: 60_000 });
    visits++;
  };
  const warmUpAt = Date.now();
  if (o.warmUp) {
    await page.evaluate((v) => window.explainer!.store.getState().set({ speed: v, playing: true }), o.speed);
    await waitLoops(loop1.loops + o.warmUp);
    await visit();
  }
  const warmUpSeconds = Math.round((Date.now() - warmUpAt) / 1000);
  const t0 = Date.now();
  const first = await progress();
  const snapshotAt = (loop: number) => (o.heapSnapshots ? join(o.heapSnapshots, `loop-${loop}.heapsnapshot`) : undefined);
  const start = await measure(page, cdp, o.speed, snapshotAt(first.loops));
  console.log(
    `after loop 1 (${firstLoopSeconds} s) and ${o.warmUp} warm-up loops (${warmUpSeconds} s): heap ${start.heapMB} MB, ${start.domNodes} DOM nodes, ${start.webglLive} live WebGL contexts`,
  );
  const samples: (Measures & { loop: number })[] = [{ loop: first.loops, ...start }];
  // stops counted from the first reading: readings each quarter, visitors every --visit-every, the end
  const endAt = first.loops + o.loops;
  const sampleAt = new Set([1, 2, 3].map((k) => first.loops + Math.round((o.loops * k) / 4)).filter((n) => n > first.loops && n < endAt));
  const visitAt = new Set<number>();
  for (let n = o.visitEvery; o.visitEvery && n < o.loops; n += o.visitEvery) visitAt.add(first.loops + n);
  const stops = [...new Set([...sampleAt, ...visitAt, endAt])].sort((x, y) => x - y);
  const tick = setInterval(async () => {
    const p = await progress().catch(() => null);
    if (!p) return;
    const per = (Date.now() - t0) / Math.max(1, p.loops - first.loops);
    console.log(`  loop ${p.loops}/${endAt}  ${(per / 1000).toFixed(2)} s a loop, about ${Math.round(((endAt - p.loops) * per) / 1000)} s left`);
  }, 30_000);
  for (const stop of stops) {
    await waitLoops(stop);
    if (sampleAt.has(stop)) {
      const loop = (await progress()).loops;
      samples.push({ loop, ...(await measure(page, cdp, o.speed, snapshotAt(loop))) });
    }
    if (visitAt.has(stop)) await visit();
  }
  clearInterval(tick);
  const wallMs = Date.now() - t0;
  const last = await progress();
  const end = await measure(page, cdp, o.speed, snapshotAt(last.loops));
  samples.push({ loop: last.loops, ...end });
  const loopsMeasured = last.loops - first.loops;
  const growth = Object.fromEntries((Object.keys(start) as (keyof Measures)[]).map((k) => [k, { diff: +(end[k] - start[k]).toFixed(2), ratio: start[k] ? +(end[k] / start[k]).toFixed(4) : null }]));
  const result = {
    command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.replace(/ -- $/, ''),
    date: new Date().toISOString(),
    chromium: browser.version(),
    viewport: `${o.width}x${o.height}`,
    speed: o.speed,
    firstLoopSpeed: o.firstSpeed,
    firstLoopSeconds,
    warmUpLoops: o.warmUp,
    warmUpSeconds,
    acceleration: 'store.speed only; story dwell times and the player unchanged',
    loops: last.loops,
    loopsBetweenMeasurements: loopsMeasured,
    visitorTakeovers: visits,
    eventChangesPerLoop: +((last.eventChanges - first.eventChanges) / loopsMeasured).toFixed(2),
    secondsPerLoop: +(wallMs / 1000 / loopsMeasured).toFixed(3),
    wallSeconds: Math.round(wallMs / 1000),
    start,
    end,
    growth,
    samples,
    consoleErrors: problems,
  };
  console.log(`\n${table(start, end)}\n`);
  console.log(series(samples));
  console.log(
    `${loopsMeasured} loops in ${result.wallSeconds} s (${result.secondsPerLoop} s a loop, ${result.eventChangesPerLoop} event changes a loop), ${visits} visitor takeovers (${o.warmUp ? 1 : 0} in the warm-up), ${problems.length} console errors`,
  );
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${OUT}`);
  await session.close();
  if (problems.length) {
    console.error(`soak: console errors:\n  ${problems.slice(0, 5).join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`soak: ${firstLine(e)}`);
    process.exit(1);
  });
}
