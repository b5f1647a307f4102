import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canvasColourCount, frames, openApp, pickAt, project, setState, shownPoints, storyPlaces, useHarness, WAIT, waitReady } from './harness.ts';

const h = useHarness();

declare global {
  interface Window {
    /** The boxes over the map that hide what is under them: maplibre's attribution and the legend (a hidden one left out). */
    coversNow?: () => DOMRect[];
    /** The story's drawn names whose text a cover overlaps (more than the 4 px of a box's own padding), each with the cover. */
    namesCovered?: () => string[];
  }
}

/** Gives the page `coversNow` and `namesCovered` (see `Window`), measured from the page itself, not from the app's own list. */
async function checkCovers(page: Page) {
  await page.evaluate(() => {
    window.coversNow = () =>
      [document.querySelector('.maplibregl-ctrl-bottom-right'), document.querySelector('details.legend')].map((el) => el?.getBoundingClientRect()).filter((c): c is DOMRect => !!c && c.width > 0 && c.height > 0);
    window.namesCovered = () => {
      const m = window.explainer!.mapView.map.getContainer().getBoundingClientRect();
      const covers = window.coversNow!();
      return window.explainer!.labelBoxes().flatMap((l) => {
        // a box is its text and 3–6 px of padding round it (a callout's panel): a forced callout with no
        // other room may put its panel's edge a few px under a cover, its text still clear
        const [x0, y0, x1, y1] = [m.left + l.box[0] + 4, m.top + l.box[1] + 4, m.left + l.box[2] - 4, m.top + l.box[3] - 4];
        const c = covers.find((c) => x1 > c.left && x0 < c.right && y1 > c.top && y0 < c.bottom);
        return c ? [`"${l.text.replace(/\n/g, ' ')}" under the ${c.left - m.left < m.width / 2 ? 'legend' : 'attribution'}`] : [];
      });
    };
  });
}

/**
 * Returns what a reader's eye meets, in CSS px: font sizes of the root, the event card's body and
 * title and the timeline readout; heights of the track, an event tick and a timeline button; a
 * legend swatch's width; the page's scroll size; how far the side column's content overflows it;
 * and the right edge of the rightmost masthead or timeline control.
 */
function readerSizes(page: Page) {
  return page.evaluate(() => {
    const q = (s: string) => document.querySelector<HTMLElement>(s)!;
    const font = (s: string) => parseFloat(getComputedStyle(q(s)).fontSize);
    const side = q('.side');
    const controls = [...document.querySelectorAll('.masthead .btn, .timeline .btn, .readout, .track')];
    return {
      root: font('html'),
      body: font('.event-card .body'),
      title: font('.event-card h2'),
      readout: font('.readout'),
      track: q('.track').getBoundingClientRect().height,
      tick: q('.tick').getBoundingClientRect().height,
      swatch: q('.legend .swatch').getBoundingClientRect().width,
      button: q('.timeline .btn').getBoundingClientRect().height,
      pageWidth: document.documentElement.scrollWidth,
      pageHeight: document.documentElement.scrollHeight,
      sideOverflow: side.scrollWidth - side.clientWidth,
      rightmost: Math.max(...controls.map((c) => c.getBoundingClientRect().right)),
    };
  });
}
/** The story's westernmost, northernmost and easternmost marks: a fitted story keeps all three in view. */
const STORY_ENDS: [string, [number, number]][] = [
  ['Çırağan Palace', [29.0158, 41.0445]],
  ['Olenya', [33.47, 68.1517]],
  ['Ukrainka', [128.445, 51.17]],
];

describe('layout in Chromium', () => {
  it('keeps drawing on a phone-sized screen', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z&follow=0', { width: 360, height: 740 });
    expect(errors).toEqual([]);
    expect(await canvasColourCount(page)).toBeGreaterThan(10);
    const map = await page.locator('.map').boundingBox();
    expect(map!.height).toBeGreaterThan(740 * 0.35);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The story's part of the world fits, with room for the labels centred on its westernmost and
    // northernmost marks (about 60 px each side): Çırağan Palace and Olenya. A map this much narrower than
    // the story leaves the Far East air bases to their own event's frame (frames.test.ts checks that rule).
    for (const [name, lonLat] of STORY_ENDS.filter(([n]) => n !== 'Ukrainka')) {
      const p = await project(page, lonLat);
      expect(p.x, name).toBeGreaterThanOrEqual(map!.x + 56);
      expect(p.x, name).toBeLessThanOrEqual(map!.x + map!.width - 56);
      expect(p.y, name).toBeGreaterThanOrEqual(map!.y + 30);
      expect(p.y, name).toBeLessThanOrEqual(map!.y + map!.height - 30);
    }
    // Zoomed out on a narrow map the distance labels wait for zoom 4; a wider window (a rotated tablet,
    // a resized browser) shows them at once, and narrowing it again hides them (the layers the app
    // last handed to deck.gl, read to see the rule applied).
    const distanceLabels = () =>
      page.evaluate(() => [window.explainer!.mapView.map.getZoom() < 4, window.explainer!.deckLayers().find((l) => l.id === 'distance-labels')?.props.visible]);
    expect(await distanceLabels()).toEqual([true, false]);
    await page.setViewportSize({ width: 1280, height: 760 });
    await expect.poll(distanceLabels).toEqual([true, true]);
    // The story, still fitted (the reader has not moved the map), is fitted again to the wider map.
    const wide = (await page.locator('.map').boundingBox())!;
    const span = (await project(page, STORY_ENDS[2][1])).x - (await project(page, STORY_ENDS[0][1])).x;
    expect(span / wide.width, 'Çırağan to Ukrainka across the wider map').toBeGreaterThan(0.5);
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(distanceLabels).toEqual([true, false]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits the story clear of the legend and the attribution: laptops, a phone on its side, an embed, a tablet', async () => {
    for (const [size, query, open] of [
      [{ width: 1024, height: 700 }, '', false],
      [{ width: 1280, height: 760 }, '', true],
      [{ width: 844, height: 390 }, '', false],
      [{ width: 700, height: 450 }, '&embed=1', false],
      [{ width: 820, height: 1180 }, '', false],
    ] as const) {
      const at = `${size.width}×${size.height}${query}`;
      const { page, errors } = await openApp(h, `?t=2025-06-02T12:00Z&follow=0${query}`, size);
      const legend = page.locator('details.legend');
      expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open), `${at}: legend open`).toBe(open);
      const box = (await legend.boundingBox())!;
      const map = (await page.locator('.map').boundingBox())!;
      // The legend sits above the attribution however many lines the attribution wraps to.
      const credit = await page.locator('.maplibregl-ctrl-attrib').boundingBox();
      // the credits are in the theme's font (maplibre's own style set them in Helvetica Neue or Arial)
      const fonts = await page.evaluate(() => [getComputedStyle(document.querySelector('.maplibregl-ctrl-attrib')!).fontFamily, getComputedStyle(document.body).fontFamily]);
      expect(fonts[0], `${at}: the credits' font`).toBe(fonts[1]);
      if (credit && credit.width > 0) {
        const overlap = box.x < credit.x + credit.width && credit.x < box.x + box.width && box.y < credit.y + credit.height && credit.y < box.y + box.height;
        expect(overlap, `${at}: legend over the attribution`).toBe(false);
      }
      // an upright tablet, like a phone, leaves the Far East air bases to their own event's frame
      const ends = size.width < size.height ? STORY_ENDS.filter(([n]) => n !== 'Ukrainka') : STORY_ENDS;
      for (const [name, lonLat] of ends) {
        const p = await project(page, lonLat);
        // at least a mark's reach (the talks ring is 22 px) away from the legend
        const dx = Math.max(box.x - p.x, 0, p.x - (box.x + box.width));
        const dy = Math.max(box.y - p.y, 0, p.y - (box.y + box.height));
        expect(Math.hypot(dx, dy), `${at}: ${name} from the legend`).toBeGreaterThanOrEqual(22);
        expect(p.x, `${at}: ${name}`).toBeGreaterThanOrEqual(map.x + 40);
        expect(p.x, `${at}: ${name}`).toBeLessThanOrEqual(map.x + map.width - 40);
        expect(p.y, `${at}: ${name}`).toBeGreaterThanOrEqual(map.y + 22);
        expect(p.y, `${at}: ${name}`).toBeLessThanOrEqual(map.y + map.height - 22);
      }
      // On a short screen the masthead keeps to one line and the map keeps most of the height.
      if (size.height <= 520) {
        expect((await page.locator('.masthead').boundingBox())!.height, `${at}: masthead`).toBeLessThanOrEqual(48);
        // the masthead's buttons scroll inside it: they do not widen the page (at 844 × 390 they had, by 91 px)
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${at}: page width`).toBeLessThanOrEqual(size.width);
        expect(map.height / size.height, `${at}: map share of the height`).toBeGreaterThanOrEqual(0.55);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("frames every event's places, and lays out every name, clear of the attribution, the legend and the marks' middles: a desktop, an embed, an upright tablet, a phone", async () => {
    for (const [size, query] of [
      [{ width: 1280, height: 760 }, ''],
      // the open legend reaches 40 px further into this map's height: the frame's foot had been padded short of it
      [{ width: 1280, height: 800 }, ''],
      [{ width: 800, height: 600 }, '&embed=1'],
      [{ width: 768, height: 1024 }, ''],
      [{ width: 360, height: 740 }, ''],
    ] as const) {
      const at = `${size.width}×${size.height}${query}`;
      // under reduced motion the camera cuts to each event's frame: the frame is the same as a flight's end
      const { page, errors } = await openApp(h, `?t=2025-05-16T12:00Z${query}`, size, { reducedMotion: true });
      await checkCovers(page);
      const { start, events, anchors, lineStarts } = await storyPlaces(page);
      const hidden: string[] = [];
      for (const e of events) {
        await setState(page, { t: e.t });
        await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving());
        hidden.push(
          ...(await page.evaluate(
            ({ id, points }) => {
              const map = window.explainer!.mapView.map;
              const box = map.getContainer().getBoundingClientRect();
              // a mark's reach: the current event's ring is 22 px round its place (a distance line's start: its own point)
              const marks = points.flatMap(([pid, lonLat, r]) => {
                const q = map.project(lonLat);
                const [x, y] = [box.left + q.x, box.top + q.y];
                const out = x - r < box.left || x + r > box.right || y - r < box.top || y + r > box.bottom;
                const under = window.coversNow!().some((c) => x + r > c.left && x - r < c.right && y + r > c.top && y - r < c.bottom);
                return out || under ? [`${id}: ${pid} ${out ? 'outside the map' : 'covered'}`] : [];
              });
              return [...marks, ...window.namesCovered!().map((n) => `${id}: the name ${n}`)];
            },
            {
              id: e.id,
              points: [
                ...e.places.filter((p) => anchors[p]).map((p) => [p, anchors[p], 22] as [string, [number, number], number]),
                // where its distance line starts: at 1280 × 800 the open legend had covered those of the air bases
                ...e.places.filter((p) => lineStarts[p]).map((p) => [`${p}'s distance line start`, lineStarts[p], 2] as [string, [number, number], number]),
              ],
            },
          )),
        );
        // no label's text runs across the middle of a point mark shown (its icon's heart, 5 px round the
        // point): a 360 × 740 phone's forced area name had struck through the current event's ringed city
        const labels = await page.evaluate(() => window.explainer!.labelBoxes());
        for (const p of await shownPoints(page, start))
          for (const { id, box: [l, t, r, b] } of labels) if (l < p.x + 5 && r > p.x - 5 && t < p.y + 5 && b > p.y - 5) hidden.push(`${e.id}: the label ${id} across the mark of ${p.id}`);
      }
      expect(hidden, at).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('moves names out from under the legend when it opens, and back when it closes', async () => {
    // a 1024 px laptop's legend starts closed (it would cover the story's west): opened, it covers names the plan had put there
    const { page, errors } = await openApp(h, '?t=2025-05-16T12:00Z', { width: 1024, height: 700 }, { reducedMotion: true });
    await checkCovers(page);
    expect(await page.locator('details.legend').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const { events } = await storyPlaces(page);
    const summary = page.locator('details.legend summary');
    const names = () => page.evaluate(() => window.explainer!.labelBoxes().map((l) => l.id).sort().join(' '));
    const where = () => page.evaluate(() => JSON.stringify(window.explainer!.labelBoxes().map((l) => [l.id, ...l.box.map(Math.round)])));
    let moved = 0;
    for (const id of ['zelensky-sets-out-position', 'exchange-1000-for-1000', 'overnight-drone-claims', 'exchanges-begin']) {
      const e = events.find((x) => x.id === id)!;
      await setState(page, { t: e.t });
      await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving());
      const closed = await names();
      const closedAt = await where();
      await summary.click();
      // every name is clear of the open legend once the plan has run again (a frame after the legend opened)
      await page.waitForFunction(() => (document.querySelector('details.legend') as HTMLDetailsElement).open && window.namesCovered!().length === 0, null, { timeout: WAIT });
      // the camera frames the event again beside the legend, and the names are laid out there
      if ((await where()) !== closedAt) moved++;
      await summary.click();
      await page.waitForFunction(() => !(document.querySelector('details.legend') as HTMLDetailsElement).open && window.namesCovered!().length === 0, null, { timeout: WAIT });
      // closed again, the names come back as they were
      await page.waitForFunction((before) => window.explainer!.labelBoxes().map((l) => l.id).sort().join(' ') === before, closed, { timeout: WAIT });
    }
    // the checks above would pass if the open legend changed nothing: at these events it moves the frame and the names
    expect(moved).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("frames the map again at once, not with a move, when the page's own covers change as it loads", async () => {
    // the attribution fills in as the style's sources load and the legend above it moves up: the frame is
    // made again clear of them, as a cut (a camera move of 1.2 s right after the page opened was a regression)
    for (const size of [
      { width: 1280, height: 760 },
      { width: 1024, height: 700 },
    ]) {
      // the moves are counted from the moment the app exists (the map is made in the same task, before any
      // frame, so before the attribution can fill in): hooked when the page sets `window.explainer`
      const { page, errors } = await openApp(h, '', size, {
        until: 'app',
        init: () => {
          const moves: number[] = [];
          (window as unknown as { moves: number[] }).moves = moves;
          let app: unknown;
          Object.defineProperty(window, 'explainer', {
            configurable: true,
            get: () => app,
            set(v: { mapView: { map: import('maplibre-gl').Map } }) {
              app = v;
              if (!v) return;
              const map = v.mapView.map;
              let since = map.isMoving() ? performance.now() : -1;
              map.on('movestart', () => (since = performance.now()));
              map.on('moveend', () => moves.push(performance.now() - since));
            },
          });
        },
      });
      await waitReady(page);
      // the attribution has filled in and the covers' change (measured a frame later) has been framed
      await page.waitForFunction(() => (document.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right')?.offsetHeight ?? 0) > 0 && !window.explainer!.mapView.map.isMoving());
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving());
      const moves = await page.evaluate(() => (window as unknown as { moves: number[] }).moves);
      expect(moves.length, `${size.width}×${size.height}: the refit for the filled-in attribution`).toBeGreaterThan(0);
      expect(Math.max(...moves), `${size.width}×${size.height}: longest move, ms`).toBeLessThan(300);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('gives an upright tablet a title on one or two lines and the map most of its column', async () => {
    for (const size of [
      { width: 768, height: 1024 },
      { width: 820, height: 1180 },
    ]) {
      const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z', size);
      const title = await page.locator('.masthead h1').evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) }));
      expect(title.height, `${size.width}×${size.height}: title lines`).toBeLessThanOrEqual(2 * title.line + 1);
      const map = (await page.locator('.map').boundingBox())!;
      expect(map.height / size.height, `${size.width}×${size.height}: map share of the height`).toBeGreaterThanOrEqual(0.6);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('lays out on a 4K wall screen with the map taking most of it and the explorer scaled up to be read', async () => {
    const desk = await openApp(h, '?t=2025-06-02T12:00Z', { width: 1280, height: 760 });
    const base = await readerSizes(desk.page);
    expect(base).toMatchObject({ root: 16, body: 15, title: 19.2, readout: 14.4, track: 30, tick: 22, swatch: 16 });
    expect(base.pageHeight).toBeLessThanOrEqual(760);
    await desk.page.context().close();

    const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z&follow=0', { width: 3840, height: 2160 });
    expect(errors).toEqual([]);
    const wall = await readerSizes(page);
    for (const k of ['body', 'title', 'readout', 'track', 'tick', 'swatch', 'button'] as const) expect(wall[k], k).toBeGreaterThanOrEqual(base[k] * 1.7);
    const map = (await page.locator('.map').boundingBox())!;
    expect(map.width * map.height).toBeGreaterThan(3840 * 2160 * 0.6);
    expect(wall.pageWidth).toBeLessThanOrEqual(3840);
    expect(wall.pageHeight).toBeLessThanOrEqual(2160);
    expect(wall.sideOverflow).toBeLessThanOrEqual(0);
    expect(wall.rightmost).toBeLessThanOrEqual(3840);
    expect(await pickAt(page, [103.575, 52.915])).toBe('belaya');
    await page.context().close();
  });

  it('embed layout: compact controls, a link to the full explorer, and page scrolling not trapped by the map', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-01T06:00Z&embed=1&idle=30&utm_source=junk&view=18/41/29', { width: 800, height: 500 });
    expect(errors).toEqual([]);
    const link = page.locator('a.full-link');
    expect(await link.isVisible()).toBe(true);
    // only the state goes to the full explorer: no embed flag, kiosk idle time or foreign parameter; the zoom clamped to the map's 13
    expect(await link.getAttribute('href')).toMatch(/^\/\?t=2025-06-01T06:00Z&event=[a-z0-9-]+&view=13\/41\/29$/);
    expect(await page.locator('.event-list').isVisible()).toBe(false);
    // so the map's name does not point to a list the embed hides: it points to the card
    expect(await page.locator('.map').getAttribute('aria-label')).toBe('Map of the story; the event card tells the current event and names its places');
    expect(await page.locator('.event-card .card-places button').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline .opt').first().isVisible()).toBe(false);
    expect(await page.evaluate(() => window.explainer!.mapView.map.cooperativeGestures.isEnabled())).toBe(true);
    await page.context().close();
  });

  it("keeps each comma of the card's and the sources' lists of buttons right after its name, where the names wrap (an 800 × 600 embed)", async () => {
    const { page } = await openApp(h, '?event=sumy-troop-build-up&embed=1', { width: 800, height: 600 }, { reducedMotion: true });
    /** Each comma in the elements matched, with how far it sits from the end of the character before it (px), and whether on the same line. */
    const commas = (selector: string) =>
      page.evaluate((sel) => {
        const out: { before: string; gap: number; sameLine: boolean }[] = [];
        for (const root of document.querySelectorAll(sel)) {
          const chars: [Text, number][] = [];
          const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode() as Text | null; n; n = walk.nextNode() as Text | null) for (let i = 0; i < n.data.length; i++) if (n.data[i].trim()) chars.push([n, i]);
          const rect = ([n, i]: [Text, number]) => {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            return r.getBoundingClientRect();
          };
          chars.forEach((c, k) => {
            if (k === 0 || c[0].data[c[1]] !== ',') return;
            const [a, b] = [rect(chars[k - 1]), rect(c)];
            out.push({ before: chars[k - 1][0].data.slice(Math.max(0, chars[k - 1][1] - 12), chars[k - 1][1] + 1), gap: Math.round(b.left - a.right), sameLine: Math.abs(a.bottom - b.bottom) < 4 });
          });
        }
        return out;
      }, selector);
    // two of the three names wrap at this size: a comma had wrapped onto a line of its own under one
    // (three commas: the list's two and one inside a name)
    const card = await commas('.event-card .card-places');
    expect(card.length).toBe(3);
    for (const c of card) expect(c.sameLine && Math.abs(c.gap) <= 2, `${c.before}: ${JSON.stringify(c)}`).toBe(true);
    // the sources' "Cited by" lists, shown on narrow windows (at 390 px a comma had wrapped onto a line
    // of its own inside its button, after "…to meet Putin")
    await page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog.sources-dialog')!.showModal());
    for (const width of [360, 375, 390, 414]) {
      await page.setViewportSize({ width, height: 600 });
      const cited = await commas('.sources-panel p.cited');
      expect(cited.length).toBeGreaterThan(10);
      for (const c of cited) expect(c.sameLine && Math.abs(c.gap) <= 2, `${width} px: ${c.before}: ${JSON.stringify(c)}`).toBe(true);
    }
    await page.context().close();
  });

  it("narrow embed: map, card headline and timeline all inside the frame's height, the card scrolling in its own box, the credits folded", async () => {
    // the README's embed is 560 px tall; in a phone-width column the phone layout's page used to scroll inside the iframe,
    // the card under the sticky timeline (its date showed, its headline did not), and the credits covered a third of the map
    const { page, errors } = await openApp(h, '?embed=1&t=2025-06-01T11:35Z', { width: 720, height: 560 });
    const seen = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const [h2, timeline, map, side] = [box('.event-card h2'), box('.timeline'), box('.map'), box('.side')];
      const attribution = document.querySelector('.maplibregl-ctrl-attrib')!;
      return {
        pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
        headlineShown: h2.top >= side.top && h2.bottom <= Math.min(side.bottom, timeline.top) && h2.height > 0,
        mapHeight: map.height,
        creditsFolded: attribution.classList.contains('maplibregl-compact') && !attribution.classList.contains('maplibregl-compact-show'),
      };
    });
    expect(seen).toEqual({ pageScrolls: false, headlineShown: true, mapHeight: expect.any(Number), creditsFolded: true });
    expect(seen.mapHeight).toBeGreaterThan(200);
    // the credits open from their button
    await page.locator('.maplibregl-ctrl-attrib-button').click();
    expect(await page.locator('.maplibregl-ctrl-attrib-inner').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a phone on its side (667 × 375): the whole title, every button reachable, the map whole above the sticky timeline, the credits folded (still folded upright, unfolded on a wider window)', async () => {
    // the buttons had squeezed the title to nothing, a 5.5rem guess at the masthead and timeline let the
    // timeline cover the map's foot, and the credits took two lines of what was left
    const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z', { width: 667, height: 375 });
    const seen = await page.evaluate(() => {
      const title = document.querySelector<HTMLElement>('.masthead h1')!;
      const actions = document.querySelector<HTMLElement>('.masthead .actions')!;
      const [map, timeline] = ['.map', '.timeline'].map((q) => document.querySelector(q)!.getBoundingClientRect());
      const attribution = document.querySelector('.maplibregl-ctrl-attrib')!;
      return {
        titleWhole: title.clientWidth > 100 && title.scrollWidth <= title.clientWidth + 1,
        // the buttons beyond the masthead's width are reached by scrolling it sideways, not cut off
        buttonsReachable: actions.scrollWidth <= actions.clientWidth + 1 || getComputedStyle(actions).overflowX === 'auto',
        mapAboveTimeline: map.bottom <= timeline.top + 1,
        pageFits: document.documentElement.scrollWidth <= innerWidth,
        creditsFolded: attribution.classList.contains('maplibregl-compact') && !attribution.classList.contains('maplibregl-compact-show'),
        map: map.height,
      };
    });
    expect(seen).toMatchObject({ titleWhole: true, buttonsReachable: true, mapAboveTimeline: true, pageFits: true, creditsFolded: true });
    expect(seen.map).toBeGreaterThan(190);
    // the last button scrolls into view when it takes the keyboard's focus
    const last = page.locator('.masthead .actions button').last();
    await last.focus();
    const r = (await last.boundingBox())!;
    expect(r.x + r.width).toBeLessThanOrEqual(667 + 1);
    // turned upright they stay folded (an upright phone's map is narrow: open, they took four lines of
    // it), unfold on a window wider than a phone's map and taller than short, and fold again on the side
    const credits = () =>
      page.evaluate(() => {
        const a = document.querySelector('.maplibregl-ctrl-attrib')!;
        return a.classList.contains('maplibregl-compact') && !a.classList.contains('maplibregl-compact-show') ? 'folded' : a.hasAttribute('open') ? 'open' : 'closed';
      });
    await page.setViewportSize({ width: 375, height: 667 });
    await frames(page, 2);
    expect(await credits()).toBe('folded');
    await page.setViewportSize({ width: 800, height: 1000 });
    await expect.poll(credits).toBe('open');
    await page.setViewportSize({ width: 667, height: 375 });
    await expect.poll(credits).toBe('folded');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('short narrow embed (360 × 420): the whole title and the link to the explorer in the masthead, the map most of the rest', async () => {
    // the short layout's one-line masthead cut the title to "Talks in t…" beside the link
    const { page, errors } = await openApp(h, '?embed=1&t=2025-05-27T12:00Z', { width: 360, height: 420 });
    const seen = await page.evaluate(() => {
      const title = document.querySelector<HTMLElement>('.masthead h1')!;
      const link = document.querySelector<HTMLElement>('.full-link')!.getBoundingClientRect();
      const masthead = document.querySelector('.masthead')!.getBoundingClientRect();
      const t = title.getBoundingClientRect();
      return {
        titleWhole: title.scrollWidth <= title.clientWidth + 1 && getComputedStyle(title).textOverflow !== 'ellipsis',
        linkInMasthead: link.width > 0 && link.top >= masthead.top && link.bottom <= masthead.bottom && link.right <= innerWidth,
        apart: t.right <= link.left || t.bottom <= link.top,
        masthead: masthead.height,
        map: document.querySelector('.map')!.getBoundingClientRect().height,
      };
    });
    expect(seen).toMatchObject({ titleWhole: true, linkInMasthead: true, apart: true });
    expect(seen.masthead).toBeLessThan(70);
    expect(seen.map).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
