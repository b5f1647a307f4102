import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frames, installPixels, loseContexts, openApp, restoreContexts, state, useHarness, waitReady, type PixelsWindow } from './harness.ts';

const T = (iso: string) => Date.parse(iso);
const SPIDERWEB = { t0: T('2025-06-01T06:00Z') };

const h = useHarness();

/**
 * Opens kiosk mode and waits until the tour has started. It does not wait for data-ready: while the
 * tour moves, every step redraws, so "ready" flickers; tests that probe pixels wait for a hold.
 */
async function openKiosk(query: string, opts: { reducedMotion?: boolean } = {}) {
  const opened = await openApp(h, `?mode=kiosk&${query}`, undefined, { ...opts, until: 'none' });
  await opened.page.waitForFunction(() => !!window.explainer && document.documentElement.dataset.kioskState === 'touring');
  return opened;
}

/** Returns the index of the event the timeline marks as current (-1 before the first). */
function currentIndex(page: Page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('.timeline .tick')).findIndex((t) => t.classList.contains('current')));
}

function kioskState(page: Page) {
  return page.evaluate(() => document.documentElement.dataset.kioskState);
}

function setSpeed(page: Page, speed: number) {
  return page.evaluate((v) => window.explainer!.store.getState().set({ speed: v }), speed);
}

/** Returns the number of distinct colours on each of the map's canvases (basemap, deck.gl layers); a blank canvas has one. */
async function coloursPerCanvas(page: Page) {
  await installPixels(page);
  return page.evaluate(() =>
    window.explainer!.mapView.canvases().map((c) => {
      const { data } = (window as unknown as PixelsWindow).__pixels(c);
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 53) seen.add(((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0);
      return seen.size;
    }),
  );
}

describe('kiosk mode in Chromium', () => {
  it('tours by itself: events advance without input, with large type, no controls and no cursor', async () => {
    const { page, errors } = await openKiosk('idle=2');
    const s = await page.evaluate(() => window.explainer!.store.getState());
    expect([s.playing, s.loop, s.follow, s.place]).toEqual([true, true, true, null]);
    await setSpeed(page, 8);
    const first = await currentIndex(page);
    await page.waitForFunction(
      (i) => Array.from(document.querySelectorAll('.timeline .tick')).findIndex((t) => t.classList.contains('current')) >= i + 2,
      first,
    );
    const shown = await page.evaluate(() => ({
      index: Array.from(document.querySelectorAll('.timeline .tick')).findIndex((t) => t.classList.contains('current')),
      text: document.querySelector('.kiosk-progress-text')!.textContent,
    }));
    expect(shown.text).toBe(`Event ${shown.index + 1} of 24`);
    for (const hidden of [page.getByRole('button', { name: 'Sources', exact: true }), page.getByRole('button', { name: 'Copy link', exact: true }), page.locator('.timeline .opt').first(), page.locator('.event-list')])
      expect(await hidden.isVisible()).toBe(false);
    const look = await page.evaluate(() => ({
      cursor: getComputedStyle(document.querySelector('.map canvas')!).cursor,
      title: parseFloat(getComputedStyle(document.querySelector('.event-card h2')!).fontSize),
      body: parseFloat(getComputedStyle(document.querySelector('.event-card .body')!).fontSize),
    }));
    expect(look.cursor).toBe('none');
    expect(look.title).toBeGreaterThanOrEqual(2.2 * 16);
    expect(look.body).toBeGreaterThanOrEqual(1.3 * 16);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('loops: after the last event the tour goes back to the start and carries on', async () => {
    const { page, errors } = await openKiosk('idle=2&t=2025-06-16T00:00Z');
    await setSpeed(page, 8);
    await page.waitForFunction((t) => window.explainer!.store.getState().t < t, T('2025-05-20T00:00Z'));
    const s = await state(page);
    expect([s.playing, s.loop]).toEqual([true, true]);
    expect(await kioskState(page)).toBe('touring');
    await page.waitForFunction(() => document.querySelector('.timeline .tick.current') !== null);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('pauses for a visitor’s click, shows a countdown that input cancels, and resumes after the idle timeout', async () => {
    // idle=10 (a 5 s countdown) rather than 2: on a loaded two-core machine a round trip to the page can
    // take a second or more, and with idle=5 the 2.5 s countdown once ran out before the pointer move landed.
    const { page, errors } = await openKiosk('idle=10');
    await setSpeed(page, 8);
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.evaluate(() => [window.explainer!.store.getState().playing, document.documentElement.dataset.kioskState])).toEqual([false, 'visitor']);
    expect(await page.getByRole('button', { name: 'Sources', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('.timeline .opt').first().isVisible()).toBe(true);
    const paused = (await state(page)).t;
    // twenty frames: twenty chances for a tour that had not paused to move the playhead
    await frames(page, 20);
    expect((await state(page)).t).toBe(paused);

    const countdown = page.locator('.kiosk-countdown');
    await countdown.waitFor({ state: 'visible' });
    expect(await countdown.textContent()).toMatch(/Returning to the tour in [1-5]…/);
    await page.mouse.move(box.x + 40, box.y + 40);
    // Pointer moves reach the page with its next frame, which a loaded machine can hold back for over a
    // second. Unheeded input would end the countdown by resuming the tour, which the next line catches.
    await countdown.waitFor({ state: 'hidden' });
    expect(await kioskState(page)).toBe('visitor');

    await page.waitForFunction(() => document.documentElement.dataset.kioskState === 'touring');
    const s = await page.evaluate(() => window.explainer!.store.getState());
    expect([s.playing, s.follow, s.loop, s.speed, s.place]).toEqual([true, true, true, 8, null]);
    expect(s.t).toBeGreaterThanOrEqual(paused);
    expect(await countdown.isVisible()).toBe(false);
    await page.waitForFunction((t) => window.explainer!.store.getState().t > t, s.t);

    // A key wakes the kiosk without doing anything else: Space must not start the paused tour again.
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => [window.explainer!.store.getState().playing, document.documentElement.dataset.kioskState])).toEqual([false, 'visitor']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('cuts to camera stops under prefers-reduced-motion and flies otherwise', async () => {
    for (const reducedMotion of [true, false]) {
      const { page, errors } = await openKiosk('t=2025-06-01T05:00Z', { reducedMotion });
      // The camera as it is in the same tick as the tour reaches the event: already there after a cut, still far away at a flight's start.
      const arrival = await page.evaluate(
        (t0) =>
          new Promise<{ lon: number; lat: number; zoom: number }>((ok) => {
            const { store, mapView } = window.explainer!;
            const off = store.subscribe((s) => {
              if (s.t < t0) return;
              off();
              const c = mapView.map.getCenter();
              ok({ lon: c.lng, lat: c.lat, zoom: mapView.map.getZoom() });
            });
            store.getState().set({ speed: 4 });
          }),
        SPIDERWEB.t0,
      );
      // Where the camera lands: Spiderweb's frame (its five airbases fitted by bounds).
      await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving());
      const landed = await page.evaluate(() => {
        const map = window.explainer!.mapView.map;
        return { lon: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
      });
      if (reducedMotion) {
        expect(arrival.lon).toBeCloseTo(landed.lon, 3);
        expect(arrival.lat).toBeCloseTo(landed.lat, 3);
        expect(arrival.zoom).toBeCloseTo(landed.zoom, 3);
      } else expect(Math.abs(arrival.lon - landed.lon) + Math.abs(arrival.zoom - landed.zoom) * 10).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('draws again and carries on touring after its WebGL contexts are lost and restored', async () => {
    const { page, errors } = await openApp(h, '?mode=kiosk&idle=2&t=2025-06-01T11:33Z');
    const [base, deck] = await coloursPerCanvas(page);
    expect(base).toBeGreaterThan(20);
    expect(deck).toBeGreaterThan(5);

    await loseContexts(page, [0, 1]);
    await page.waitForFunction(() => document.documentElement.dataset.readyReason === 'webgl-context-lost');
    expect(await coloursPerCanvas(page)).toEqual([1, 1]);
    await restoreContexts(page);
    await waitReady(page);
    await expect
      .poll(async () => {
        const [b, d] = await coloursPerCanvas(page);
        return b > 20 && d > 5;
      })
      .toBe(true);
    await setSpeed(page, 4);
    const t = (await state(page)).t;
    await page.waitForFunction((t0) => window.explainer!.store.getState().t > t0, t);
    expect(await kioskState(page)).toBe('touring');

    // Only the layers' context lost, and never restored: the overlay is rebuilt on its own.
    await loseContexts(page, [1]);
    await expect.poll(async () => (await coloursPerCanvas(page))[1]).toBe(1);
    await expect.poll(async () => (await coloursPerCanvas(page))[1]).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('scales as a whole on a screen bigger than 1080p: type, marks and the area a camera stop shows', async () => {
    const measure = async (size: { width: number; height: number }) => {
      const { page, errors } = await openApp(h, '?mode=kiosk', size, { reducedMotion: true, until: 'none' });
      await page.waitForFunction(() => !!window.explainer && document.documentElement.dataset.kioskState === 'touring');
      // Hold the tour at Spiderweb: the camera cuts to its stop (reduced motion).
      await page.evaluate((t) => window.explainer!.store.getState().set({ t, playing: false }), SPIDERWEB.t0);
      await waitReady(page);
      const m = await page.evaluate(() => {
        const map = window.explainer!.mapView.map;
        const b = map.getBounds();
        return {
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
          title: parseFloat(getComputedStyle(document.querySelector('.event-card h2')!).fontSize),
          zoom: map.getZoom(),
          bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
          label: Math.min(...window.explainer!.labelBoxes().map((l) => l.size)),
        };
      });
      expect(errors).toEqual([]);
      await page.context().close();
      return m;
    };
    const hd = await measure({ width: 1920, height: 1080 });
    const uhd = await measure({ width: 3840, height: 2160 });
    expect(hd.root).toBe(18);
    expect(uhd.root).toBe(36);
    expect(uhd.title / hd.title).toBeCloseTo(2, 2);
    expect(uhd.label / hd.label).toBeCloseTo(2, 5);
    // fitted to the map area, which is not exactly twice as large (the side column is clamped in rem and vw)
    expect(uhd.zoom - hd.zoom).toBeCloseTo(1, 1);
    // the same stretch of the world, not four times as much
    const span = [hd.bounds[2] - hd.bounds[0], hd.bounds[3] - hd.bounds[1]];
    for (let i = 0; i < 4; i++) expect(Math.abs(uhd.bounds[i] - hd.bounds[i]) / span[i % 2], `bounds[${i}]`).toBeLessThan(0.02);
  });
});
