// Benchmark (not a test): main-thread cost of one slider time step against a plain redraw of the
// same map, median over many steps, in headless Chromium at 1280×720. Prints a table; writes JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from './lib/chromium.mjs';
import { startServer } from './serve.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const STEPS = arg('--steps', 200);
const ROUNDS = arg('--rounds', 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { server, url } = await startServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${url}?t=2025-05-31T00:00Z`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
  const rows = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate: plain redraws, then time steps, in the same page and round.
    const r = await page.evaluate((steps) => {
      const { store, mapView } = window.explainer;
      const deck = mapView.overlay._deck;
      const map = mapView.map;
      const plain = [];
      const step = [];
      const s0 = store.getState();
      const start = Date.parse('2025-05-31T00:00Z');
      for (let i = 0; i < steps; i++) {
        let a = performance.now();
        map.redraw();
        deck.redraw('bench');
        plain.push(performance.now() - a);
        a = performance.now();
        // Sweep across 1–2 June in 15-minute steps, crossing events (places appear, arcs show).
        s0.set({ t: start + ((i % 192) + 1) * 900_000 });
        map.redraw();
        deck.redraw('bench');
        step.push(performance.now() - a);
      }
      s0.set({ t: start });
      return { plain, step };
    }, STEPS);
    rows.push({ round, plainMs: median(r.plain), stepMs: median(r.step) });
  }
  const plainMs = median(rows.map((r) => r.plainMs));
  const stepMs = median(rows.map((r) => r.stepMs));
  const result = { date: new Date().toISOString(), viewport: '1280x720', steps: STEPS, rounds: ROUNDS, plainRedrawMs: plainMs, timeStepMs: stepMs, ratio: stepMs / plainMs, perRound: rows };
  console.log('time step vs plain redraw (main thread, median ms)');
  console.log('round  plain redraw  time step  ratio');
  for (const r of rows) console.log(`${String(r.round).padEnd(6)} ${r.plainMs.toFixed(2).padStart(12)} ${r.stepMs.toFixed(2).padStart(10)} ${(r.stepMs / r.plainMs).toFixed(2).padStart(6)}`);
  console.log(`median ${plainMs.toFixed(2).padStart(12)} ${stepMs.toFixed(2).padStart(10)} ${(stepMs / plainMs).toFixed(2).padStart(6)}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/time-step.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench-results/time-step.json');
} finally {
  await browser.close();
  server.close();
}
