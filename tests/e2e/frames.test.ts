import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { footOfFade, frames, inkUnderFade, openApp, state, useHarness, useSharedApp, waitReady } from './harness.ts';

const h = useHarness();

/** Returns the card's headline box, the page's and the side column's scroll, and whether the current list item is inside the list's box. */
function layout(page: Page) {
  return page.evaluate(() => {
    const head = document.querySelector('.event-card h2')!.getBoundingClientRect();
    const card = document.querySelector('.event-card')!.getBoundingClientRect();
    const list = document.querySelector('.event-list ol')!.getBoundingClientRect();
    const cur = document.querySelector('.event-list li.current')?.getBoundingClientRect();
    const timeline = document.querySelector('.timeline')!.getBoundingClientRect();
    return {
      cardTop: card.top,
      headTop: head.top,
      headBottom: head.bottom,
      viewport: window.innerHeight,
      timelineTop: timeline.top,
      pageY: window.scrollY,
      maxY: document.scrollingElement!.scrollHeight - window.innerHeight,
      sideTop: document.querySelector('.side')!.scrollTop,
      currentInList: !!cur && cur.top >= list.top - 1 && cur.bottom <= list.bottom + 1,
    };
  });
}

/** Runs an action that moves time (a key, a tap), waits until the time has moved and the page has drawn two more frames. */
async function stepAndSettle(page: Page, action: () => Promise<unknown>) {
  const before = (await state(page)).t;
  await action();
  await page.waitForFunction((t) => window.explainer!.store.getState().t !== t, before);
  await frames(page, 2);
}

describe('stepping keeps the card in view', () => {
  it('on a 1280 × 800 desktop: the card stays put, only the list scrolls inside its box; both fade at the foot while they go on', async () => {
    const { page } = await openApp(h, '?event=first-round-dolmabahce', { width: 1280, height: 800 }, { reducedMotion: true });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // the column (card and sources) and, once it is scrolled into view, the list in its own box both go on
    // below what shows: their feet fade, the text there lighter than without the fade (a touch screen
    // shows no scroll bar); scrolled to the end, nothing is below and nothing fades
    const more = (box: string) => page.locator(box).evaluate((e) => (e.hasAttribute('data-more') ? (e.scrollTop > 0 ? 'more, scrolled' : 'more') : e.scrollTop > 0 ? 'end' : 'none'));
    for (const box of ['.side', '.event-list ol']) {
      await expect.poll(() => more(box), { message: box }).toBe('more');
      // in the fade's bottom third its text is no longer dark
      const { faded } = await inkUnderFade(page, box, () => footOfFade(page, box));
      expect(faded, box).toBeLessThan(0.002);
      await page.locator(box).evaluate((e) => e.scrollTo(0, e.scrollHeight));
      await expect.poll(() => more(box), { message: box }).toBe('end');
    }
    for (const box of ['.event-list ol', '.side']) await page.locator(box).evaluate((e) => e.scrollTo(0, 0));
    await expect.poll(() => more('.side')).toBe('more');
    const first = await layout(page);
    expect(first.headTop).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 19; i++) {
      await stepAndSettle(page, () => page.keyboard.press('ArrowRight'));
      const now = await layout(page);
      expect(now.pageY).toBe(0);
      expect(now.sideTop).toBe(0);
      expect(now.cardTop).toBeCloseTo(first.cardTop, 0);
      expect(now.headTop).toBeGreaterThanOrEqual(now.cardTop);
      expect(now.headBottom).toBeLessThanOrEqual(now.viewport);
      expect(now.currentInList, `step ${i + 1}`).toBe(true);
    }
    await page.context().close();
  });

  it('on a 360 × 740 phone: the page does not jump, the card headline stays on screen above the sticky timeline', async () => {
    const { page } = await openApp(h, '?event=first-round-dolmabahce', { width: 360, height: 740 }, { reducedMotion: true });
    // The reader scrolls down to read the card.
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.event-card')!.getBoundingClientRect().top + window.scrollY - 20));
    await frames(page, 2);
    const first = await layout(page);
    expect(first.headTop).toBeGreaterThanOrEqual(0);
    let prev = first.pageY;
    for (let i = 0; i < 19; i++) {
      const next = page.locator('button[aria-label="Next event"]');
      expect(await next.isDisabled(), `step ${i + 1}: next is disabled`).toBe(false);
      // a tap: Playwright's click would first scroll the sticky timeline's static position (the page's end) into view
      await stepAndSettle(page, () => next.evaluate((b: HTMLButtonElement) => b.click()));
      const now = await layout(page);
      // Still where it was, unless a shorter card made the page shorter than that (the browser clamps, upwards only).
      const clamped = now.pageY < prev && now.pageY >= now.maxY - 1;
      expect(Math.abs(now.pageY - prev) > 1 && !clamped, `step ${i + 1}: page moved from ${prev} to ${now.pageY}`).toBe(false);
      prev = now.pageY;
      expect(now.headTop).toBeGreaterThanOrEqual(0);
      expect(now.headBottom).toBeLessThanOrEqual(now.timelineTop);
      expect(now.currentInList, `step ${i + 1}`).toBe(true);
    }
    await page.context().close();
  });
});

/** Returns the map canvas box and the legend box (CSS px, page coordinates). */
function frameOf(page: Page) {
  return page.evaluate(() => {
    const canvas = window.explainer!.mapView.map.getCanvas().getBoundingClientRect();
    const legend = document.querySelector('.stage details.legend')!.getBoundingClientRect();
    return { canvas: [canvas.left, canvas.top, canvas.right, canvas.bottom], legend: [legend.left, legend.top, legend.right, legend.bottom] };
  });
}

describe('a camera per event', () => {
  // One page at Operation Spiderweb, 1280 × 800, shared by these two tests (state put back before each).
  describe('at an event= link, 1280 × 800', () => {
    const spiderweb = useSharedApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 }, { reducedMotion: true });

    it('an event= link opens on that event, framed clear of the legend, and follows by default', async () => {
      const { page } = spiderweb;
      const s = await state(page);
      expect(s.view).toBeNull();
      expect(await page.evaluate(() => window.explainer!.store.getState().follow)).toBe(true);
      const airbases: [number, number][] = await page.evaluate(() =>
        fetch('data/places.json')
          .then((r) => r.json())
          .then((fc: { features: { properties: { id: string; anchor: [number, number] } }[] }) =>
            ['olenya', 'belaya', 'dyagilevo', 'ivanovo-severny', 'ukrainka'].map((id) => fc.features.find((f) => f.properties.id === id)!.properties.anchor),
          ),
      );
      const f = await frameOf(page);
      const pts = await page.evaluate((lls) => lls.map((ll) => {
        const map = window.explainer!.mapView.map;
        const r = map.getCanvas().getBoundingClientRect();
        const p = map.project(ll);
        return [r.left + p.x, r.top + p.y];
      }), airbases);
      const [L, T, R, B] = f.canvas;
      for (const [x, y] of pts) {
        expect(x).toBeGreaterThan(L);
        expect(x).toBeLessThan(R);
        expect(y).toBeGreaterThan(T);
        expect(y).toBeLessThan(B);
        const under = x > f.legend[0] - 12 && x < f.legend[2] + 12 && y > f.legend[1] - 12 && y < f.legend[3] + 12;
        expect(under, `airbase at ${x},${y} under the legend`).toBe(false);
      }
      // The five bases fill a meaningful part of the map: at least half its width.
      const xs = pts.map((p) => p[0]);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan((R - L) * 0.5);
    });

    it('shows the video span’s from and to in UTC, in ISO order, never in the browser’s locale format', async () => {
      const { page } = spiderweb;
      await page.getByRole('button', { name: 'Export video' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export video' });
      await dialog.waitFor({ state: 'visible' });
      const from = dialog.getByLabel('From, UTC');
      expect(await from.inputValue()).toBe('2025-06-01 06:00');
      expect(await dialog.getByLabel('To, UTC').inputValue()).toBe('2025-06-17 00:00');
      await from.fill('2025-02-30 10:00');
      await expect.poll(() => dialog.locator('.export-output').textContent()).toMatch(/YYYY-MM-DD HH:MM, in UTC/);
      await from.fill('2025-06-02 12:10');
      await expect.poll(() => dialog.locator('.export-output').textContent()).toMatch(/2025-06-02T1210Z-2025-06-17T0000Z/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });
  });

  it('steps frame each event; the reader’s own zoom stops following until the next step', async () => {
    const { page } = await openApp(h, '?event=fidan-in-kyiv', { width: 1280, height: 800 }, { reducedMotion: true });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const kyiv = await page.evaluate(() => window.explainer!.mapView.map.getZoom());
    await stepAndSettle(page, () => page.keyboard.press('ArrowRight')); // Operation Spiderweb: a wider frame
    await waitReady(page);
    const spider = await page.evaluate(() => window.explainer!.mapView.map.getZoom());
    expect(spider).toBeLessThan(kyiv - 1);
    // The reader drags the map: the view is theirs.
    const box = (await page.locator('.map canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 60, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => window.explainer!.store.getState().view !== null);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await stepAndSettle(page, () => page.keyboard.press('ArrowRight')); // Zelensky sets out his position: Kyiv and Moscow
    await waitReady(page);
    expect((await state(page)).view).toBeNull();
    const framed = await page.evaluate(
      (lls) => {
        const map = window.explainer!.mapView.map;
        const c = map.getCanvas();
        return { zoom: map.getZoom(), at: lls.map((ll) => map.project(ll)).map((p) => [p.x / c.clientWidth, p.y / c.clientHeight]) };
      },
      [
        [30.52, 50.45],
        [37.62, 55.75],
      ] as [number, number][],
    );
    // Followed again: closer than Spiderweb's frame, with both places on the map.
    expect(framed.zoom).toBeGreaterThan(spider + 1);
    for (const [x, y] of framed.at) {
      expect(x).toBeGreaterThan(0.02);
      expect(x).toBeLessThan(0.98);
      expect(y).toBeGreaterThan(0.02);
      expect(y).toBeLessThan(0.98);
    }
    await page.context().close();
  });
});

/** Checks that the map says, before the first event, what it will show, clear of the legend, and that the note goes once the story starts. */
async function checkIntro(page: Page, width: number) {
  const intro = await page.evaluate(() => window.explainer!.labelBoxes().find((l) => l.id === 'intro'));
  const story = await page.evaluate(() => fetch('data/story.json').then((r) => r.json()) as Promise<{ intro: string }>);
  expect(intro, `${width}: no intro note`).toBeTruthy();
  expect(intro!.text.replace(/\n/g, ' ')).toBe(story.intro);
  const f = await frameOf(page);
  const [x0, y0, x1, y1] = intro!.box.map((v, i) => v + (i % 2 ? f.canvas[1] : f.canvas[0]));
  expect(x0).toBeGreaterThanOrEqual(f.canvas[0]);
  expect(x1).toBeLessThanOrEqual(f.canvas[2]);
  expect(y0).toBeGreaterThanOrEqual(f.canvas[1]);
  expect(y1).toBeLessThanOrEqual(f.canvas[3]);
  const underLegend = x0 < f.legend[2] && x1 > f.legend[0] && y0 < f.legend[3] && y1 > f.legend[1];
  expect(underLegend, `${width}: the note is under the legend`).toBe(false);
  // and it goes once the story starts
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => !window.explainer!.labelBoxes().some((l) => l.id === 'intro'));
}

/** Checks the first screen's layout on a phone: no scroll, the card's kicker and headline above the sticky timeline. */
async function checkPhoneFirstScreen(page: Page, query: string) {
  const l = await layout(page);
  expect(l.pageY).toBe(0);
  const kicker = await page.evaluate(() => document.querySelector('.event-card .kicker')!.getBoundingClientRect().top);
  expect(kicker, query).toBeGreaterThan(0);
  expect(l.headTop, query).toBeGreaterThan(kicker);
  expect(l.headBottom, `${query}: the headline ends at ${l.headBottom}, the timeline starts at ${l.timelineTop}`).toBeLessThanOrEqual(l.timelineTop);
}

describe('the first screen', () => {
  // The phone's bare link, loaded once for the three tests that read it (the first before anything moves it)
  describe('a bare link on a 360 × 740 phone', () => {
    // (the intro test last: it steps the story on, which moves the camera)
    const phone = useSharedApp(h, '', { width: 360, height: 740 }, { reducedMotion: true });

    it('shows the card’s kicker and headline above the sticky timeline, without scrolling (also at an event= link)', async () => {
      await checkPhoneFirstScreen(phone.page, '');
      const { page } = await openApp(h, '?event=sumy-troop-build-up', { width: 360, height: 740 }, { reducedMotion: true });
      await checkPhoneFirstScreen(page, '?event=sumy-troop-build-up');
      await page.context().close();
    });

    it('keeps the story view to the story’s part of the world: no Africa south of the Sahara, no Australia', async () => {
      const [w, s, e, n] = await phone.page.evaluate(() => window.explainer!.mapView.map.getBounds().toArray().flat());
      expect(s, 'south edge').toBeGreaterThan(20);
      expect(e, 'east edge').toBeLessThan(110);
      expect(e - w, 'width in degrees').toBeLessThan(120);
      expect(n).toBeGreaterThan(69); // Olenya, the northernmost base, stays in
    });

    it('says on the map, before the first event, what the map will show, clear of the legend', async () => {
      await checkIntro(phone.page, 360);
    });

    // (last: it leaves the legend open)
    it('keeps the open legend inside the map, scrolling there, not over the masthead', async () => {
      await phone.page.locator('.legend summary').click();
      await phone.page.waitForFunction(() => document.querySelector<HTMLDetailsElement>('.legend')!.open);
      const r = await phone.page.evaluate(() => {
        const legend = document.querySelector('.legend')!;
        return { top: legend.getBoundingClientRect().top, stageTop: document.querySelector('.stage')!.getBoundingClientRect().top, scrolls: legend.scrollHeight > legend.clientHeight };
      });
      expect(r.top, 'the legend’s top against the map’s').toBeGreaterThanOrEqual(r.stageTop);
      expect(r.scrolls).toBe(true);
    });
  });

  it('says on the map of a 1280 × 800 desktop, before the first event, what the map will show, clear of the legend', async () => {
    const { page } = await openApp(h, '', { width: 1280, height: 800 }, { reducedMotion: true });
    await checkIntro(page, 1280);
    await page.context().close();
  });

  it('keeps the note clear of the legend on a shared link whose view does not hold the story’s middle', async () => {
    // the view's own middle is under the legend's right edge at 1280 × 800: the note moves right of it
    const { page } = await openApp(h, '?view=5/50/35', { width: 1280, height: 800 }, { reducedMotion: true });
    await checkIntro(page, 1280);
    await page.context().close();
  });
});

describe('wording on the page and in exports', () => {
  it('prints a quotation inside a quote in single marks', async () => {
    const { page } = await openApp(h, '?event=what-next', { width: 1280, height: 800 }, { reducedMotion: true });
    const quotes = await page.locator('.event-card blockquote').allTextContents();
    const erdogan = quotes.find((q) => q.includes('It was a very good meeting'));
    expect(erdogan).toMatch(/^“‘It was a very good meeting,’ said Turkish President/);
    for (const q of quotes) expect(q.slice(1, -1), q).not.toMatch(/["“”]/);
    await page.context().close();
  });

  it('names outlets only in the source line, and the graphic credit', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=bodies-returned', { width: 1080, height: 1350 });
    const story = await page.evaluate(() => fetch('data/story.json').then((r) => r.json()) as Promise<{ graphicCredit: string; sources: { headline: string | null; lede?: string | null }[] }>);
    const line = (await page.locator('.shot-caption-text .shot-sources').textContent()) ?? '';
    expect(line).toMatch(/^Sources: [^“”]+\. Reported elsewhere: ([^;.]+; )*Ukrainska Pravda[;.]/);
    for (const s of story.sources) for (const title of [s.headline, s.lede]) if (title) expect(line).not.toContain(title.slice(0, 30));
    expect(await page.locator('.shot-caption-text .shot-credit').textContent()).toMatch(new RegExp(`^${story.graphicCredit}`));
    await page.context().close();
  });

  it('marks an on-map figure resting on an outside report as reported elsewhere, and only those', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=exchange-1000-for-1000', { width: 1200, height: 675 });
    const callout = () => page.evaluate(() => window.explainer!.labelBoxes().find((l) => l.id === 'callout')?.text.replace(/\n/g, ' '));
    expect(await callout()).toBe('390 people returned to Ukraine (LIGA.net, reported elsewhere)');
    await page.goto(`${h.url}?mode=screenshot&event=bodies-returned`);
    await waitReady(page);
    expect(await callout()).toBe('6,057 bodies (Ukraine, reported elsewhere)');
    await page.goto(`${h.url}?mode=screenshot&event=sumy-troop-build-up`);
    await waitReady(page);
    expect(await callout()).toBe('around 50,000 Russian troops (Ukrainian officials)');
    await page.context().close();
  });

  it('keeps a figure given for no place away from every mark, so it is not read as that place\'s (the exchange is placed nowhere)', async () => {
    // the still, where "390 people returned" sat against the dot of a city of the story, and the kiosk's stop
    for (const [query, size] of [
      ['?mode=screenshot&event=exchange-1000-for-1000', { width: 1200, height: 675 }],
      ['?mode=kiosk&idle=600&event=exchange-1000-for-1000', { width: 1920, height: 1080 }],
    ] as const) {
      const { page } = await openApp(h, query, size, { reducedMotion: true });
      const near = await page.evaluate(() => {
        const app = window.explainer!;
        const map = app.mapView.map;
        const c = map.getCanvas();
        const figure = app.labelBoxes().find((l) => l.id === 'callout');
        if (!figure) return 'no figure drawn';
        const picked = app.mapView.overlay.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight, layerIds: ['points'] });
        const b = figure.box;
        return picked.map((i) => {
          const o = i.object as { id: string; props: { anchor: [number, number] } };
          const q = map.project(o.props.anchor);
          return { id: o.id, px: Math.round(Math.hypot(Math.max(b[0] - q.x, 0, q.x - b[2]), Math.max(b[1] - q.y, 0, q.y - b[3]))) };
        });
      });
      expect(near, query).not.toBe('no figure drawn');
      // 40 px at type scale 1 (FIGURE_APART_PX); 30 px leaves room for a rounding of the layout's zoom
      expect((near as { id: string; px: number }[]).filter((m) => m.px < 30), `${query} at ${size.width}×${size.height}`).toEqual([]);
      await page.context().close();
    }
  });

  it("draws each side's figure of a disputed count side by side, in the data's order, each with who gives it, neither covering the other nor the build-up near Sumy (on a phone, too narrow for a row, each on its own)", async () => {
    // two stills, and the kiosk's stop, where the row once broke in two (one panel below, one to the
    // right); the explorer at 1440 × 900, and a phone, too narrow for a row
    for (const [mode, size, layout] of [
      ['screenshot', { width: 1200, height: 675 }, 'row'],
      ['screenshot', { width: 1080, height: 1350 }, 'row'],
      ['kiosk', { width: 1920, height: 1080 }, 'row'],
      ['explore', { width: 1440, height: 900 }, 'row'],
      ['explore', { width: 390, height: 844 }, 'apart'],
    ] as const) {
      const { page } = await openApp(h, `?mode=${mode}&event=overnight-drone-claims`, size, { reducedMotion: true });
      const boxes = await page.evaluate(() => window.explainer!.labelBoxes().filter((l) => l.id.startsWith('callout')));
      const at = `${mode} ${size.width}×${size.height}: ${JSON.stringify(boxes)}`;
      // left to right as the data lists them (a phone's two panels: each where it fits)
      boxes.sort((a, b) => (layout === 'row' ? a.box[0] - b.box[0] : a.text.localeCompare(b.text) * -1));
      expect(boxes.map((b) => b.text.replace(/\n/g, ' ')), at).toEqual([
        'Russia launched 80 drones against Ukraine (Kyiv)',
        '162 Ukrainian drones shot down (Russian military)',
      ]);
      const [[ax0, ay0, ax1, ay1], [bx0, by0, bx1, by1]] = boxes.map((b) => b.box);
      expect(ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0, at).toBe(true);
      if (layout === 'row') {
        // one line: the two panels share their middle, a short way apart
        expect(Math.abs((ay0 + ay1) / 2 - (by0 + by1) / 2), at).toBeLessThan(1);
        expect(bx0 - ax1, at).toBeLessThan(40);
      }
      const map = await page.evaluate(() => {
        const c = window.explainer!.mapView.map.getContainer();
        return { w: c.clientWidth, h: c.clientHeight };
      });
      for (const { box } of boxes) expect(box[0] >= 0 && box[1] >= 0 && box[2] <= map.w && box[3] <= map.h, at).toBe(true);
      // The panels hide what lies under them: not the build-up near Sumy, a small area shown since 27 May
      // (at 1200 × 675 the Kyiv panel had hidden half of it): at most a fifth of its outline's points under them.
      const hidden = await page.evaluate(
        ([panels]) =>
          fetch('data/places.json')
            .then((r) => r.json())
            .then((fc: { features: { properties: { id: string }; geometry: { type: string; coordinates: number[][][] | number[][][][] } }[] }) => {
              const g = fc.features.find((f) => f.properties.id === 'sumy-massing-area')!.geometry;
              const rings = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
              const map = window.explainer!.mapView.map;
              const pts = rings.flatMap((poly) => poly[0]).map((c) => map.project([c[0], c[1]]));
              return pts.filter((p) => panels.some((b) => p.x > b[0] && p.x < b[2] && p.y > b[1] && p.y < b[3])).length / pts.length;
            }),
        [boxes.map((b) => b.box)],
      );
      expect(hidden, at).toBeLessThanOrEqual(0.2);
      await page.context().close();
    }
  });

});

describe('the basemap inside the frame', () => {
  const h = useHarness();

  /**
   * Returns the basemap names (maplibre symbols, not the story's own labels) whose placed boxes touch
   * a strip 2 px wide just inside each edge of the map's visible frame: between the caption's bands,
   * found where the caption canvas is transparent down its middle column.
   */
  function namesOnEdges(page: Page) {
    return page.evaluate(() => {
      const map = window.explainer!.mapView.map;
      const caption = document.querySelector<HTMLCanvasElement>('canvas.shot-caption')!;
      const ratio = caption.width / caption.clientWidth;
      const column = caption.getContext('2d')!.getImageData(Math.floor(caption.width / 2), 0, 1, caption.height).data;
      const clear = (y: number) => column[Math.floor(y * ratio) * 4 + 3] === 0;
      const w = map.getContainer().clientWidth;
      const hgt = map.getContainer().clientHeight;
      let top = 0;
      while (top < hgt && !clear(top)) top++;
      let bottom = hgt - 1;
      while (bottom > top && !clear(bottom)) bottom--;
      const layers = map
        .getStyle()
        .layers.filter((l) => l.type === 'symbol' && l.id !== 'frame-edges' && l.id !== 'story-label-space')
        .map((l) => l.id);
      const strips: [string, [number, number], [number, number]][] = [
        ['top', [0, top], [w, top + 2]],
        ['bottom', [0, bottom - 2], [w, bottom]],
        ['left', [0, top], [2, bottom]],
        ['right', [w - 2, top], [w, bottom]],
      ];
      return strips.flatMap(([edge, a, b]) => map.queryRenderedFeatures([a, b], { layers }).map((f) => `${edge}: ${f.properties?.name}`));
    });
  }

  it('cuts no town, sea or country name at the frame’s edges (it leaves one out instead)', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=first-round-demands', { width: 1200, height: 675 });
    // the frame is full of names: some lie near every edge
    const near = await page.evaluate(() => window.explainer!.mapView.map.queryRenderedFeatures().filter((f) => f.layer.type === 'symbol').length);
    expect(near).toBeGreaterThan(20);
    expect(await namesOnEdges(page)).toEqual([]);
    await page.goto(`${h.url}?mode=screenshot&event=what-next`);
    await waitReady(page);
    expect(await namesOnEdges(page)).toEqual([]);
    await page.context().close();
  });

  it("cuts no town, sea or country name at the edges of the explorer's open legend and its credits", async () => {
    // at 1280 × 800 "CZECHIA" and "Belgrade" ran under the open legend's edge, "Ankara" under the credits'
    const { page } = await openApp(h, '?event=what-next', { width: 1280, height: 800 }, { reducedMotion: true });
    const cut = await page.evaluate(() => {
      const map = window.explainer!.mapView.map;
      const m = map.getContainer().getBoundingClientRect();
      const layers = map
        .getStyle()
        .layers.filter((l) => l.type === 'symbol' && l.id !== 'frame-edges' && l.id !== 'story-label-space')
        .map((l) => l.id);
      const out: string[] = [];
      for (const [what, sel] of [['legend', 'details.legend'], ['credits', '.maplibregl-ctrl-attrib']]) {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        const [l, t, right, b] = [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top];
        // a strip 2 px wide across the cover's top edge, and its right edge where that is inside the map
        const strips: [string, [number, number], [number, number]][] = [[`${what} top`, [Math.max(0, l), t - 1], [Math.min(m.width, right), t + 1]]];
        if (right < m.width - 2) strips.push([`${what} right`, [right - 1, Math.max(0, t)], [right + 1, Math.min(m.height, b)]]);
        for (const [edge, a, z] of strips) out.push(...map.queryRenderedFeatures([a, z], { layers }).map((f) => `${edge}: ${f.properties?.name}`));
      }
      return { out, names: map.queryRenderedFeatures().filter((f) => f.layer.type === 'symbol').length, open: (document.querySelector('details.legend') as HTMLDetailsElement).open };
    });
    // the legend is open and the map full of names, some of them near the covers
    expect(cut.open).toBe(true);
    expect(cut.names).toBeGreaterThan(20);
    expect(cut.out).toEqual([]);
    await page.context().close();
  });
});
