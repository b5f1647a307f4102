import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScaledApp } from '../../scripts/lib/synthetic-story.ts';
import { startServer } from '../../scripts/serve.ts';
import { frames, newContext, setState, useHarness, waitReady } from './harness.ts';

/** Returns up to `n` items spread evenly over `xs`. */
const sample = <T>(xs: T[], n: number) => (xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));

const DIST = resolve(import.meta.dirname, '../../dist');
const SCALE = 100;

type Story = { events: { id: string; start: string; places: string[] }[] };
type Places = { features: { geometry: { type: string; coordinates: [number, number] }; properties: { id: string } }[] };

/**
 * A 100× story (2,400 events, 2,300 places) built from the real one into a temporary copy of dist/
 * and served on its own port: the time filter draws what the list says has happened, and the page
 * holds only what is on screen (windowed list, thinned ticks, windowed "cited by" lists).
 */
describe('a story 100× bigger', () => {
  const h = useHarness();
  let dir = '';
  let server: Server;
  let url = '';
  let story: Story;
  let points: Places['features'];
  let page: Page;
  const warnings: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scale-'));
    writeScaledApp(DIST, dir, SCALE);
    story = JSON.parse(readFileSync(join(dir, 'data', 'story.json'), 'utf8'));
    points = (JSON.parse(readFileSync(join(dir, 'data', 'places.json'), 'utf8')) as Places).features.filter((f) => f.geometry.type === 'Point');
    ({ server, url } = await startServer({ root: dir }));
    const context = await newContext(h, { viewport: { width: 1280, height: 760 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') warnings.push(m.text());
    });
    page.on('pageerror', (e) => warnings.push(`pageerror: ${e.message}`));
    await page.goto(`${url}?t=2025-06-02T12:30Z&follow=0`);
    await waitReady(page);
  }, 300_000);

  afterAll(async () => {
    await page?.context().close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Returns the list's current event (its place among all events, 0-based) as the list says it. */
  const listCurrent = () =>
    page.evaluate(() => {
      const li = document.querySelector<HTMLElement>('.event-list li.current');
      return li ? { index: Number(li.getAttribute('aria-posinset')) - 1, id: li.dataset.event!, setsize: Number(li.getAttribute('aria-setsize')) } : null;
    });

  /** Returns the ids of the story's points deck.gl draws anywhere on the map (picking honours the time filter). */
  const drawnPoints = () =>
    page.evaluate(() => {
      const { map, overlay } = window.explainer!.mapView;
      const c = map.getCanvas();
      const found = overlay.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight, layerIds: ['points'], maxObjects: 5000 }) as { object?: { id: string } }[];
      return [...new Set(found.map((f) => f.object?.id).filter((x): x is string => !!x))];
    });

  /** Returns the ids of the points deck.gl picks at each lon/lat (null where none). */
  const pickedAt = (at: [number, number][]) =>
    page.evaluate((lonLats) => {
      const { map, overlay } = window.explainer!.mapView;
      return lonLats.map(([lon, lat]) => {
        const p = map.project([lon, lat]);
        const info = overlay.pickObject({ x: p.x, y: p.y, radius: 1, layerIds: ['points'] }) as { object?: { id: string } } | null;
        return info?.object?.id ?? null;
      });
    }, at);

  it('draws, at several times, exactly the points of the events the list marks as happened or now', async () => {
    expect(story.events.length).toBe(24 * SCALE);
    for (const t of ['2025-05-20T08:00Z', '2025-06-02T12:30Z', '2025-06-12T00:00Z']) {
      await setState(page, { t: Date.parse(t) });
      const cur = (await listCurrent())!;
      expect(cur.setsize).toBe(story.events.length);
      expect(story.events[cur.index].id).toBe(cur.id);
      expect(Date.parse(story.events[cur.index].start)).toBeLessThanOrEqual(Date.parse(t));
      const shown = new Set(story.events.slice(0, cur.index + 1).flatMap((e) => e.places));
      const drawn = await drawnPoints();
      // nothing drawn that the list says has not happened yet
      expect(drawn.filter((id) => !shown.has(id)), t).toEqual([]);
      // and the points that have happened are drawn: each, picked at its own position, gives a shown point
      const onMap = await page.evaluate((ps) => {
        const b = window.explainer!.mapView.map.getBounds();
        return ps.map(([x, y]) => b.contains([x, y]));
      }, points.map((p) => p.geometry.coordinates));
      const visible = sample(points.filter((p, i) => onMap[i] && shown.has(p.properties.id)), 25);
      const hidden = sample(points.filter((p, i) => onMap[i] && !shown.has(p.properties.id)), 25);
      const pv = await pickedAt(visible.map((p) => p.geometry.coordinates));
      expect(pv.filter((id) => id === null || !shown.has(id)), `${t}: shown points not drawn`).toEqual([]);
      const ph = await pickedAt(hidden.map((p) => p.geometry.coordinates));
      expect(ph.filter((id) => id !== null && !shown.has(id)), `${t}: future points drawn`).toEqual([]);
      expect(visible.length + hidden.length).toBeGreaterThanOrEqual(25);
    }
    expect(warnings.filter((w) => /categor/i.test(w))).toEqual([]);
  });

  it("draws the areas' outlines at the detail of the zoom: a fraction of their points zoomed out, every one from full detail on", async () => {
    const all = JSON.parse(readFileSync(join(dir, 'data', 'places.json'), 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
    const count = (c: unknown): number => (Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : c.reduce((n: number, x: unknown) => n + count(x), 0)) : 0);
    const total = all.features.filter((f) => f.geometry.type !== 'Point').reduce((n, f) => n + count(f.geometry.coordinates), 0);
    /** Returns the outline points the areas layer was handed, and the map's zoom. */
    const drawnOutline = () =>
      page.evaluate(() => {
        const count = (c: unknown): number => (Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : c.reduce((n: number, x: unknown) => n + count(x), 0)) : 0);
        const areas = window.explainer!.deckLayers().find((l) => l.id === 'areas')!;
        const data = areas.props.data as { geometry: { coordinates: unknown } }[];
        return { points: data.reduce((n, f) => n + count(f.geometry.coordinates), 0), zoom: window.explainer!.mapView.map.getZoom() };
      });
    const view = await page.evaluate(() => window.explainer!.mapView.view());
    const opened = await page.evaluate(() => window.explainer!.store.getState().view);
    const out = await drawnOutline();
    expect(out.zoom).toBeLessThan(5);
    expect(out.points).toBeLessThan(total / 4);
    await setState(page, { view: { ...view, zoom: 11.2 } });
    expect(await drawnOutline()).toEqual({ points: total, zoom: 11.2 });
    await setState(page, { view: opened });
    const back = await drawnOutline();
    expect(back.zoom).toBeCloseTo(out.zoom, 3);
    expect(back.points).toBe(out.points);
  });

  it('holds only what is on screen: a windowed event list, thinned ticks, windowed source citations', async () => {
    const counts = await page.evaluate(() => ({
      nodes: document.getElementsByTagName('*').length,
      items: document.querySelectorAll('.event-list li[data-event]').length,
      ticks: document.querySelectorAll('.tick').length,
      trackWidth: document.querySelector('.track')!.getBoundingClientRect().width,
      cited: document.querySelectorAll('.sources-panel button[data-event]').length,
    }));
    expect(counts.items).toBeLessThan(60);
    expect(counts.ticks).toBeLessThanOrEqual(counts.trackWidth / 4 + 1);
    expect(counts.cited).toBeLessThan(400);
    expect(counts.nodes).toBeLessThan(5000);
  });

  it('keeps keyboard and screen-reader behaviour: arrows walk the list past its window, focus stays on the item', async () => {
    const first = page.locator('.event-list li.current button');
    await first.focus();
    const start = (await listCurrent())!.index;
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => {
      const li = document.activeElement?.closest('li');
      return li ? { pos: Number(li.getAttribute('aria-posinset')), size: Number(li.getAttribute('aria-setsize')), inView: (() => {
        const r = li.getBoundingClientRect();
        const b = li.closest('ol')!.getBoundingClientRect();
        return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
      })() } : null;
    });
    expect(focused).toEqual({ pos: start + 41, size: story.events.length, inView: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('.event-list li.current')?.getAttribute('data-event') === id, story.events[start + 40].id);
    // the focused item stayed in the DOM through the re-render
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'))).toBe(String(start + 41));
  });
  it('after a held drag across many events, forth and back, marks every tick and follows in the list as the current event says', async () => {
    const box = (await page.locator('.track').boundingBox())!;
    const y = box.y + box.height / 2;
    const before = (await listCurrent())!.index;
    await page.mouse.move(box.x + box.width * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, y);
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.up();
    await frames(page, 2);
    const ids = story.events.map((e) => e.id);
    const seen = await page.evaluate((ids) => {
      const index = new Map(ids.map((id, i) => [id, i]));
      const li = document.querySelector<HTMLElement>('.event-list li.current');
      const cur = li ? Number(li.getAttribute('aria-posinset')) - 1 : -1;
      const ol = li?.closest('ol')?.getBoundingClientRect();
      const r = li?.getBoundingClientRect();
      const ticks = [...document.querySelectorAll<HTMLElement>('.tick')].map((t) => index.get(t.dataset.event!)!);
      const wrong = ticks.flatMap((first, k) => {
        const last = (ticks[k + 1] ?? ids.length) - 1;
        const el = document.querySelectorAll('.tick')[k];
        const want = { past: last < cur, current: first <= cur && cur <= last };
        const has = { past: el.classList.contains('past'), current: el.classList.contains('current') };
        return want.past === has.past && want.current === has.current ? [] : [`${ids[first]}: ${JSON.stringify(has)}`];
      });
      return { cur, wrong, inView: !!(r && ol && r.top >= ol.top - 1 && r.bottom <= ol.bottom + 1), lists: document.querySelectorAll('.event-list li.current').length };
    }, ids);
    expect(seen.cur, 'the drag moved the current event').not.toBe(before);
    expect(seen.wrong).toEqual([]);
    expect(seen.lists).toBe(1);
    expect(seen.inView).toBe(true);
  });
});
