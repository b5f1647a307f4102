import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { countContexts } from '../../scripts/lib/webgl-contexts.ts';
import { canvasColourCount, frames, loseContexts, newContext, openApp, pickAt, restoreContexts, useHarness, waitReady } from './harness.ts';

/**
 * Losses measured after the warm-up loss. Before the device was released, each left a WebGL context
 * alive, 5 listeners and about 0.7 MB of heap (8 losses: 3 → 11 contexts, 221 → 261 listeners,
 * 14.3 → 19.9 MB); the bounds below are far from both that and the flat figures after the fix.
 */
const LOSSES = 6;

const h = useHarness();

/** Loses the deck.gl canvas's WebGL context and waits until the overlay is rebuilt on a new canvas and drawn. */
async function loseDeckContext(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lostCanvas?: HTMLCanvasElement };
    const canvas = window.explainer!.mapView.overlay.getCanvas()!;
    w.__lostCanvas = canvas;
    (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!.getExtension('WEBGL_lose_context')!.loseContext();
  });
  await page.waitForFunction(() => {
    const w = window as unknown as { __lostCanvas?: HTMLCanvasElement };
    const c = window.explainer!.mapView.overlay.getCanvas();
    return !!c && c !== w.__lostCanvas && c.isConnected;
  });
  await page.evaluate(() => delete (window as unknown as { __lostCanvas?: HTMLCanvasElement }).__lostCanvas);
  await waitReady(page);
}

/** Returns JS heap (MB), event listeners and WebGL contexts still alive, after forced garbage collection. */
async function measure(page: Page, cdp: CDPSession) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  // let the page run what the collections queued (finalizers, released GPU objects) before the last one
  await frames(page, 10);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const listeners = metrics.find((m) => m.name === 'JSEventListeners')!.value;
  const contexts = await page.evaluate(() => (window as unknown as { __soakContexts(): { alive: number; live: number; onPage: number } }).__soakContexts());
  return { heapMB: usedSize / 1048576, listeners, contexts };
}

describe('WebGL context loss in Chromium', () => {
  it(`recovers the deck.gl overlay ${LOSSES} times without holding on to old contexts, listeners or heap`, async () => {
    const context = await newContext(h, { viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.addInitScript(countContexts);
    // follow=0: the whole story, so that Belaya is on the map to pick
    await page.goto(`${h.url}?t=2025-06-02T12:00Z&follow=0`);
    await waitReady(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // one loss first: the first rebuild compiles and caches what every later one reuses
    await loseDeckContext(page);
    const start = await measure(page, cdp);
    for (let i = 0; i < LOSSES; i++) await loseDeckContext(page);
    const end = await measure(page, cdp);
    console.log(`context loss ×${LOSSES}: heap ${start.heapMB.toFixed(2)} → ${end.heapMB.toFixed(2)} MB, listeners ${start.listeners} → ${end.listeners}, contexts alive ${start.contexts.alive} → ${end.contexts.alive} (live ${end.contexts.live})`);
    expect(end.contexts.live).toBe(2);
    // the basemap's and the current overlay's, and at most one old one the collector has not reached
    expect(end.contexts.alive).toBeLessThanOrEqual(3);
    expect(end.listeners - start.listeners).toBeLessThanOrEqual(4);
    expect(end.heapMB - start.heapMB).toBeLessThan(2);
    expect(await pickAt(page, [103.575, 52.915])).toBe('belaya');
    expect(await canvasColourCount(page)).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('recovers from losing both contexts in explore mode: the map and the layers draw again and stay pickable', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z&follow=0');
    await loseContexts(page);
    await page.waitForFunction(() => document.documentElement.dataset.readyReason === 'webgl-context-lost');
    await restoreContexts(page);
    await expect.poll(() => pickAt(page, [103.575, 52.915])).toBe('belaya');
    await waitReady(page);
    expect(await canvasColourCount(page)).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
