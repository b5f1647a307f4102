import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHORT_ARC_KM } from '../../src/map/layers.ts';
import { namesOnOwnArcs } from './arcs.ts';
import { openApp, storyPlaces, useHarness, waitReady } from './harness.ts';

const h = useHarness();
/** A stop with five places, their arcs and labels, and one of the story's longest cards. */
const STOP = Date.parse('2025-06-01T06:00Z');

/**
 * The kiosk's type rule, computed here on its own: a capital letter subtends at least 16 minutes of
 * arc at the viewing distance (2.5 m by default) on the assumed 55-inch panel showing the page's CSS
 * px. Returns the minimum cap height in CSS px.
 */
function minCapPx(width: number, height: number, distanceM = 2.5, diagonalIn = 55) {
  const capMm = 2 * distanceM * 1000 * Math.tan((8 / 60) * (Math.PI / 180));
  const mmPerPx = (diagonalIn * 25.4) / Math.hypot(width, height);
  return capMm / mmPerPx;
}

/** Waits for a settled frame: the map drawn, the camera still, the fonts in and the last DOM change painted. */
async function settled(page: Page) {
  await waitReady(page);
  await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving() && document.documentElement.dataset.ready === 'true');
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))));
}

/**
 * Returns every problem a visitor would see in the kiosk's frame now, one line each (none: []):
 *  - text that is clipped by a box it sits in (a page of the touring card included), sticks out of
 *    the viewport, overflows its own box, or collides with other text; lines that overlap;
 *  - text whose capitals are below `need` px, or not in the theme's font;
 *  - the headline (`headline`) or the key not wholly in view, or covered by something;
 *  - with `targets`, any control smaller than 44 × 44 CSS px (WCAG 2.5.5; links inside a sentence
 *    are the rule's own exception);
 *  - a story label on the map below `need` or outside the map.
 * Text scrolled out of a scrolling box (the visitor's side column) and the other pages of a paged
 * card are not on screen, so not checked.
 */
function problems(page: Page, o: { need: number; headline: string; targets: boolean }) {
  return page.evaluate(({ need, headline, targets }) => {
    const out: string[] = [];
    const name = (e: Element) => {
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
      return `${e.tagName.toLowerCase()}${cls}`;
    };
    const inside = (a: DOMRect, b: DOMRect, slack = 1) => a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
    const view = new DOMRect(0, 0, innerWidth, innerHeight);
    const g = document.createElement('canvas').getContext('2d')!;
    const caps = new Map<string, number>();
    const cap = (font: string) => {
      if (!caps.has(font)) {
        g.font = font;
        caps.set(font, g.measureText('H').actualBoundingBoxAscent);
      }
      return caps.get(font)!;
    };
    const family = getComputedStyle(document.body).fontFamily;

    const walker = document.createTreeWalker(document.getElementById('app')!, NodeFilter.SHOW_TEXT);
    const lines: { rect: DOMRect; node: Text; owner: Element }[] = [];
    const seen = new Set<Element>();
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const owner = n.parentElement!;
      if (!n.data.trim() || !owner.getClientRects().length || owner.closest('.sr-only')) continue;
      const cs = getComputedStyle(owner);
      if (cs.visibility !== 'visible' || Number(cs.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const what = `${name(owner)} "${n.data.trim().slice(0, 40)}"`;
      // each line against the boxes that clip it, from the nearest out; a line scrolled out of a
      // scrolling box, or on another page of the touring card, is not on screen
      const onScreen: DOMRect[] = [];
      for (const line of Array.from(range.getClientRects()).filter((r) => r.width > 1 && r.height > 1)) {
        let shown = true;
        for (let a = owner.parentElement; a && a !== document.body; a = a.parentElement) {
          const acs = getComputedStyle(a);
          if (acs.overflowX === 'visible' && acs.overflowY === 'visible') continue;
          const box = a.getBoundingClientRect();
          if (/auto|scroll/.test(acs.overflowX + acs.overflowY) && !inside(line, box)) {
            shown = false;
            break;
          }
          if (a.classList.contains('kiosk-pages')) {
            // the page shown: the box, less what the inner clip-path hides below the page's end
            const inner = a.firstElementChild as HTMLElement;
            const end = inner.getBoundingClientRect().bottom - (parseFloat(getComputedStyle(inner).getPropertyValue('--page-bottom')) || 0);
            const page = new DOMRect(box.left, box.top, box.width, Math.min(box.bottom, end) - box.top);
            // a sliver (≤ 2 px, rounding at the page's end) of the next page's first line is not on this page
            if (Math.min(line.bottom, page.bottom) - Math.max(line.top, page.top) <= 2) {
              shown = false;
              break;
            }
            if (!inside(line, page)) out.push(`${what} is cut at the edge of the card's page (line ${Math.round(line.top)}–${Math.round(line.bottom)} px, page ${Math.round(page.top)}–${Math.round(page.bottom)} px)`);
          } else if (!inside(line, box)) out.push(`${what} is clipped by ${name(a)}`);
        }
        // a line under something drawn over it (a visitor's scrolled card under the sticky key, the map's credits under the touch strip) is not seen
        const top = shown ? document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2) : null;
        if (shown && top && top !== owner && !owner.contains(top)) shown = false;
        if (shown) onScreen.push(line);
      }
      if (!onScreen.length) continue;
      const rect = onScreen.reduce((u, r) => {
        const l = Math.min(u.left, r.left);
        const t = Math.min(u.top, r.top);
        return new DOMRect(l, t, Math.max(u.right, r.right) - l, Math.max(u.bottom, r.bottom) - t);
      });
      if (!inside(rect, view, 0.5)) out.push(`${what} is not wholly in the viewport`);
      const size = parseFloat(cs.fontSize);
      const c = cap(`${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`);
      if (c < need * 0.98) out.push(`${what}: capitals ${c.toFixed(1)} px < ${need.toFixed(1)} px`);
      if (cs.fontFamily !== family) out.push(`${what} is in ${cs.fontFamily}, not the theme's font`);
      const lh = parseFloat(cs.lineHeight);
      if (onScreen.length > 1 && lh < size * 1.05) out.push(`${what}: lines ${lh} px apart for ${size} px type overlap`);
      if (!seen.has(owner)) {
        seen.add(owner);
        if (cs.display !== 'inline' && owner.scrollWidth > owner.clientWidth + 1) out.push(`${what} overflows its box (${owner.scrollWidth} > ${owner.clientWidth} px)`);
      }
      for (const r of onScreen) lines.push({ rect: r, node: n, owner });
    }
    // text on text: two lines of different text that overlap by more than a sliver
    for (let i = 0; i < lines.length; i++)
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i];
        const b = lines[j];
        if (a.node === b.node) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 2 && y > Math.min(a.rect.height, b.rect.height) * 0.25)
          out.push(`"${a.node.data.trim().slice(0, 30)}" (${name(a.owner)}) and "${b.node.data.trim().slice(0, 30)}" (${name(b.owner)}) overlap`);
      }

    /** Whether an element is wholly in view and on top at the middle of each of its lines. */
    const visible = (e: Element | null) => {
      if (!e || !e.getClientRects().length) return false;
      if (!inside(e.getBoundingClientRect(), view, 0.5)) return false;
      return Array.from(e.getClientRects()).every((r) => {
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!top && (e === top || e.contains(top));
      });
    };
    const head = document.querySelector(headline);
    if (!visible(head)) out.push(`the headline (${headline}) is not wholly in view`);
    const key = document.querySelector<HTMLElement>('.kiosk-legend');
    const items = key ? Array.from(key.querySelectorAll('li')) : [];
    if (!key || key.hidden || !items.length) out.push('no key to the map is shown');
    for (const li of items) if (!visible(li)) out.push(`the key's "${li.textContent}" is not wholly in view`);

    if (targets)
      for (const t of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])')) {
        const cs = getComputedStyle(t);
        if (!t.getClientRects().length || cs.visibility !== 'visible' || t.closest('.sr-only') || cs.display === 'inline') continue;
        const r = t.getBoundingClientRect();
        if (r.width < 44 || r.height < 44) out.push(`${name(t)} "${(t.getAttribute('aria-label') ?? t.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(r.width)} × ${Math.round(r.height)} px`);
      }

    const map = document.querySelector('.map')!.getBoundingClientRect();
    for (const l of window.explainer!.labelBoxes()) {
      const c = cap(`700 ${l.size}px ${family}`);
      if (c < need * 0.98) out.push(`map label "${l.text}": capitals ${c.toFixed(1)} px < ${need.toFixed(1)} px`);
      if (l.box[0] < -1 || l.box[1] < -1 || l.box[2] > map.width + 1 || l.box[3] > map.height + 1) out.push(`map label "${l.text}" is cut at the map's edge`);
    }
    return out;
  }, o);
}

/**
 * Returns each place of the story (data/places.json, its anchor) that the map does not show now, one
 * line each: projected by the map, outside the map's box (with room for its mark) or under something
 * drawn over the map there (the credits' strip, a panel).
 */
function placesOutOfFrame(page: Page) {
  return page.evaluate(async () => {
    const places = ((await (await fetch('data/places.json')).json()) as { features: { properties: { name: string; anchor: [number, number] } }[] }).features.map((f) => f.properties);
    const map = window.explainer!.mapView.map;
    const el = document.querySelector('.map')!;
    const box = el.getBoundingClientRect();
    const room = 8;
    const out: string[] = [];
    for (const p of places) {
      const q = map.project(p.anchor);
      const [x, y] = [box.left + q.x, box.top + q.y];
      if (x < box.left + room || x > box.right - room || y < box.top + room || y > box.bottom - room) {
        out.push(`${p.name} (${p.anchor.join(', ')}) is outside the map (${Math.round(x)}, ${Math.round(y)} in ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)})`);
        continue;
      }
      const top = document.elementFromPoint(x, y);
      if (!top || !el.contains(top) || top.closest('.maplibregl-control-container')) out.push(`${p.name} is under ${top ? top.className || top.tagName : 'nothing'}`);
    }
    return out;
  });
}

/**
 * Returns each story label naming a point that a visitor could pair with the wrong mark, one line
 * each: a mark drawn now (deck.gl's picking of the 'points' layer over the whole map) other than its
 * own is as near its box as its own mark, or the box is more than 2.5 times its text size from its
 * own mark (pushed a line or more away). A mark on the same spot as its own (two places at one
 * address) counts as its own.
 */
/**
 * Returns the basemap names (maplibre symbols, not the story's labels) whose placed boxes touch a
 * strip 2 px wide just inside an edge of the map's visible part (above the credits strip an upright
 * screen lays across the map's foot): a name cut there. (The kiosk's type-scale restyle once emptied
 * the invisible edge marks that keep names off the edges; an upright screen's names ran under the strip.)
 */
function namesOnMapEdges(page: Page) {
  return page.evaluate(() => {
    const map = window.explainer!.mapView.map;
    const w = map.getContainer().clientWidth;
    const credits = map.getContainer().querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right')?.offsetHeight ?? 0;
    const hgt = map.getContainer().clientHeight - credits;
    const layers = map
      .getStyle()
      .layers.filter((l) => l.type === 'symbol' && l.id !== 'frame-edges' && l.id !== 'story-label-space')
      .map((l) => l.id);
    const strips: [string, [number, number], [number, number]][] = [
      ['top', [0, 0], [w, 2]],
      ['bottom', [0, hgt - 2], [w, hgt]],
      ['left', [0, 0], [2, hgt]],
      ['right', [w - 2, 0], [w, hgt]],
    ];
    return strips.flatMap(([edge, a, b]) => map.queryRenderedFeatures([a, b], { layers }).map((f) => `${edge}: ${f.properties?.name}`));
  });
}

function labelsOffTheirMarks(page: Page) {
  return page.evaluate(async () => {
    const anchors = new Map(
      ((await (await fetch('data/places.json')).json()) as { features: { properties: { id: string; anchor: [number, number] } }[] }).features.map((f) => [f.properties.id, f.properties.anchor]),
    );
    const app = window.explainer!;
    const map = app.mapView.map;
    const c = map.getCanvas();
    const xy = (ll: [number, number]): [number, number] => {
      const q = map.project(ll);
      return [q.x, q.y];
    };
    const picked = app.mapView.overlay.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight, layerIds: ['points'] });
    const marks = picked.map((i) => {
      const o = i.object as { id: string; props: { anchor: [number, number] } };
      return { id: o.id, at: xy(o.props.anchor) };
    });
    const dist = (b: number[], [x, y]: [number, number]) => Math.hypot(Math.max(b[0] - x, 0, x - b[2]), Math.max(b[1] - y, 0, y - b[3]));
    // the leaders drawn (a callout's, or an event's name's moved out from its mark where no side beside it
    // was clear of the arcs), at their screen ends
    const leaders = ((app.deckLayers().find((x) => x.id === 'leaders')?.props.data ?? []) as { from: [number, number]; to: [number, number] }[]).map((l) => ({ from: xy(l.from), to: xy(l.to) }));
    const out: string[] = [];
    for (const l of app.labelBoxes().filter((x) => x.kind === 'points')) {
      const own = xy(anchors.get(l.id)!);
      const d = dist(l.box, own);
      // a name joined to its mark by a leader: the leader ends at the name and starts at its own mark, nearer
      // it than any other mark and within a ring's reach of it
      const leader = leaders.find((x) => dist(l.box, x.to) <= 2);
      if (leader) {
        const start = Math.hypot(leader.from[0] - own[0], leader.from[1] - own[1]);
        if (start > 3 * l.size) out.push(`"${l.text}"'s leader starts ${Math.round(start)} px from its mark`);
        for (const m of marks)
          if (m.id !== l.id && Math.hypot(m.at[0] - own[0], m.at[1] - own[1]) >= 1 && Math.hypot(m.at[0] - leader.from[0], m.at[1] - leader.from[1]) <= start)
            out.push(`"${l.text}"'s leader starts nearer ${m.id}'s mark than its own`);
        continue;
      }
      if (d > 2.5 * l.size) out.push(`"${l.text}" is ${Math.round(d)} px from its mark (over 2.5 × its ${Math.round(l.size)} px type)`);
      for (const m of marks) {
        if (m.id === l.id || Math.hypot(m.at[0] - own[0], m.at[1] - own[1]) < 1) continue;
        const dm = dist(l.box, m.at);
        if (dm <= d) out.push(`"${l.text}" is ${Math.round(dm)} px from ${m.id}'s mark, ${Math.round(d)} px from its own`);
      }
    }
    if (!marks.length) out.push('no marks were picked on the map');
    return out;
  });
}

describe('kiosk frames as a visitor sees them', () => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
    { width: 3840, height: 2160 },
    { width: 1080, height: 1920 },
  ])
    it(`at ${size.width}×${size.height}: attract frame (every place in view), a stop and a touched kiosk show no clipped or small text, the headline and the key, and large targets`, async () => {
      const need = minCapPx(size.width, size.height);
      const { page, errors } = await openApp(h, '?mode=kiosk&idle=600', size, { reducedMotion: true, until: 'none' });
      await page.waitForFunction(() => !!window.explainer && document.documentElement.dataset.kioskStop === 'attract');
      // hold the attract frame (its clock runs at the store's speed) while it is looked at
      await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
      await settled(page);
      expect(await problems(page, { need, headline: '.kiosk-attract h2', targets: false }), 'attract frame').toEqual([]);
      // the attract frame shows every place of the story, an upright screen's too
      expect(await placesOutOfFrame(page), 'places on the attract frame').toEqual([]);
      // every name sits next to its own mark, nearer it than any other (or is left out)
      expect(await labelsOffTheirMarks(page), 'names on the attract frame').toEqual([]);
      // and no basemap name is cut at the map's edge
      expect(await namesOnMapEdges(page), 'basemap names at the attract frame’s edges').toEqual([]);
      // the attract frame shows the whole story, not an event: no current ring, no chapter marked
      expect(await page.locator('.kiosk-chapter.current').count()).toBe(0);

      // A tool moves the clock: the tour leaves the attract frame for the events, still touring, and holds the stop.
      await page.evaluate((t) => window.explainer!.store.getState().set({ t: t - 1, playing: true }), STOP);
      await page.waitForFunction((t) => window.explainer!.store.getState().t === t && document.documentElement.dataset.kioskStop === 'event', STOP);
      expect(await page.evaluate(() => document.documentElement.dataset.kioskState)).toBe('touring');
      await settled(page);
      expect(await problems(page, { need, headline: '.event-card h2', targets: false }), 'tour stop').toEqual([]);
      expect(await labelsOffTheirMarks(page), 'names at the tour stop').toEqual([]);
      // and no name of the stop's places has its own distance arc through it (one base's did, at 1920 × 1080)
      const stop = (await storyPlaces(page)).events.find((e) => e.t === STOP)!;
      expect(await namesOnOwnArcs(page, stop.places), 'names on their own arcs at the tour stop').toEqual([]);
      expect(await namesOnMapEdges(page), 'basemap names at the tour stop’s edges').toEqual([]);

      const map = (await page.locator('.map').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 3);
      await page.waitForFunction(() => document.documentElement.dataset.kioskState === 'visitor');
      await settled(page);
      expect(await problems(page, { need, headline: '.event-card h2', targets: true }), 'touched').toEqual([]);
      expect(errors).toEqual([]);
    });
});

describe('kiosk marks at an event’s closest zoom', () => {
  it('at 1920×1080 on 2 June, the venue whose talks are on keeps its ring clear of the other venue’s star', async () => {
    // the stop of the talks, from its start: opened at an earlier time, the tour's clock could be held
    // (on a loaded machine) before the talks began, the ring not yet drawn and the frame rightly not yet closer
    const { page, errors } = await openApp(h, '?mode=kiosk&idle=600&event=second-round-ciragan', { width: 1920, height: 1080 }, { reducedMotion: true });
    // hold the stop while it is measured
    await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
    await settled(page);
    // the talks are on now: the ring is drawn
    const t = await page.evaluate(() => window.explainer!.store.getState().t);
    expect(t >= Date.parse('2025-06-02T12:00Z') && t < Date.parse('2025-06-02T13:00Z'), new Date(t).toISOString()).toBe(true);
    const m = await page.evaluate(() => {
      type Place = { id: string; feature: { geometry: { coordinates: [number, number] } } };
      const layers = window.explainer!.deckLayers();
      const ring = layers.find((l) => l.id === 'talks-on')!.props as unknown as { data: { place: Place }[]; getRadius: number; getLineWidth: number };
      const points = layers.find((l) => l.id === 'points')!.props as unknown as { data: Place[]; getSize: (p: Place) => number; sizeScale: number };
      const [venue, other] = ['ciragan-palace', 'dolmabahce-palace'].map((id) => points.data.find((p) => p.id === id)!);
      const { map } = window.explainer!.mapView;
      const [a, b] = [venue, other].map((p) => map.project(p.feature.geometry.coordinates));
      return {
        ringed: ring.data.map((d) => d.place.id),
        apart: Math.hypot(a.x - b.x, a.y - b.y),
        ring: ring.getRadius + ring.getLineWidth / 2,
        star: (points.getSize(other) * points.sizeScale) / 2,
      };
    });
    expect(m.ringed).toContain('ciragan-palace');
    // the ring's outer edge and the star's tips (its icon's half size) do not meet
    expect(m.apart).toBeGreaterThan(m.ring + m.star);
    expect(errors).toEqual([]);
  });
});

/** Returns the story's point marks shown now that the map's edge cuts (partly inside), one line each, measured from the drawn icon layer; `start` is the story's start (epoch ms). */
function marksCut(page: Page, start: number) {
  return page.evaluate((start) => {
    type Place = { id: string; appearH: number; category: string; feature: { geometry: { coordinates: [number, number] } } };
    const app = window.explainer!;
    const { map } = app.mapView;
    const s = app.store.getState();
    const hours = (s.t - start) / 3600000;
    const points = app.deckLayers().find((l) => l.id === 'points')!.props as unknown as { data: Place[]; getSize: (p: Place) => number; sizeScale: number };
    const box = map.getContainer();
    const [w, h] = [box.clientWidth, box.clientHeight];
    const out: string[] = [];
    for (const p of points.data) {
      if (p.appearH > hours || !s.layers.includes(p.category)) continue;
      const q = map.project(p.feature.geometry.coordinates);
      const r = (points.getSize(p) * points.sizeScale) / 2;
      const inside = q.x - r >= 0 && q.x + r <= w && q.y - r >= 0 && q.y + r <= h;
      const outside = q.x + r <= 0 || q.x - r >= w || q.y + r <= 0 || q.y - r >= h;
      if (!inside && !outside) out.push(`${p.id} at ${Math.round(q.x)},${Math.round(q.y)} (radius ${r.toFixed(1)}, map ${w}×${h})`);
    }
    return out;
  }, start);
}

describe('a stop’s frame shows the story’s marks whole or not at all', () => {
  // each cut a mark at its edge: Kyiv's dot under the masthead, the Dolmabahçe star at the foot, an air base's at the top, the Sumy dot
  for (const [query, size] of [
    ['?mode=kiosk&idle=600&event=positions-going-in', { width: 1920, height: 1080 }],
    ['?mode=kiosk&idle=600&event=operation-spiderweb', { width: 1920, height: 1080 }],
    ['?mode=kiosk&idle=600&event=what-next', { width: 1920, height: 1080 }],
    ['?mode=kiosk&idle=600&event=terms-on-the-table', { width: 1080, height: 1920 }],
    ['?event=positions-going-in', { width: 1280, height: 800 }],
  ] as const)
    it(`${query} at ${size.width}×${size.height}`, async () => {
      const { page, errors } = await openApp(h, query, size, { reducedMotion: true });
      if (query.includes('kiosk')) await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
      await settled(page);
      const { start } = await storyPlaces(page);
      expect(await marksCut(page, start)).toEqual([]);
      expect(errors).toEqual([]);
    });
});

describe('a stop’s distances', () => {
  // Olenya's arc runs down the map's west edge: its middle and the points either side had no room (the
  // frame's edge, Ivanovo Severny's name), and its 1,760 km was left out until session 38 let a label
  // sit a fifth of the way from either end
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ])
    it(`at ${size.width}×${size.height}, Operation Spiderweb's stop draws the distance of every arc long enough to be labelled`, async () => {
      const { page, errors } = await openApp(h, '?mode=kiosk&idle=600&event=operation-spiderweb', size, { reducedMotion: true });
      await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
      await settled(page);
      const long = await page.evaluate(async (km) => {
        const places = (await fetch('data/places.json').then((r) => r.json())) as { features: { properties: { id: string; distanceKm?: number } }[] };
        return places.features.filter((f) => (f.properties.distanceKm ?? 0) >= km).map((f) => f.properties.id).sort();
      }, SHORT_ARC_KM);
      expect(long).toContain('olenya');
      const drawn = await page.evaluate(() => window.explainer!.labelBoxes().filter((l) => l.kind === 'distances').map((l) => l.id));
      expect(long.filter((id) => !drawn.includes(id))).toEqual([]);
      expect(errors).toEqual([]);
    });
});

/**
 * Returns, one line each, every event region name on the map now that reads as another region's: one
 * without a leader with more than `within.others` (3) of 15 points spread over its box on another of the
 * event's areas, or fewer than `within.own` (none) over its own region;
 * one with a leader (`leaveAreas`, src/map/label-layout.ts) whose leader does not start inside its own
 * region, whose box lies more than 3 of 15 points over its own region or any over another of the event's,
 * or whose leader runs over another of them. Also returns how many names were moved out with a leader.
 */
function regionNamesMisread(page: Page, eventId: string, within = { own: 0, others: 3 }) {
  return page.evaluate(async ({ eventId, within }) => {
    type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
    const [story, places] = (await Promise.all(['data/story.json', 'data/places.json'].map((f) => fetch(f).then((r) => r.json())))) as [
      { events: { id: string; places: string[] }[] },
      { features: { properties: { id: string }; geometry: Geometry | { type: 'Point' } }[] },
    ];
    const ids = story.events.find((e) => e.id === eventId)!.places;
    const rings = new Map<string, number[][][]>();
    for (const f of places.features) {
      if (!ids.includes(f.properties.id)) continue;
      if (f.geometry.type === 'Polygon') rings.set(f.properties.id, f.geometry.coordinates);
      else if (f.geometry.type === 'MultiPolygon') rings.set(f.properties.id, f.geometry.coordinates.flat());
    }
    // even-odd over every ring: inside a shape, outside its holes
    const holds = (id: string, [x, y]: [number, number]) => {
      let inside = false;
      for (const ring of rings.get(id)!)
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i];
          const [xj, yj] = ring[j];
          if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
        }
      return inside;
    };
    const app = window.explainer!;
    const map = app.mapView.map;
    const ll = ([x, y]: [number, number]): [number, number] => {
      const q = map.unproject([x, y]);
      return [q.lng, q.lat];
    };
    const xy = (l: [number, number]): [number, number] => {
      const q = map.project(l);
      return [q.x, q.y];
    };
    const leaders = ((app.deckLayers().find((x) => x.id === 'leaders')?.props.data ?? []) as { from: [number, number]; to: [number, number] }[]).map((l) => ({ from: xy(l.from), to: xy(l.to) }));
    const dist = (b: number[], [x, y]: [number, number]) => Math.hypot(Math.max(b[0] - x, 0, x - b[2]), Math.max(b[1] - y, 0, y - b[3]));
    const out: string[] = [];
    let moved = 0;
    for (const l of app.labelBoxes().filter((x) => x.kind === 'areas' && rings.has(x.id))) {
      const others = [...rings.keys()].filter((id) => id !== l.id);
      const [x0, y0, x1, y1] = l.box;
      const pts = [0.1, 0.3, 0.5, 0.7, 0.9].flatMap((fx) => [0.2, 0.5, 0.8].map((fy) => ll([x0 + (x1 - x0) * fx, y0 + (y1 - y0) * fy])));
      const onOthers = pts.filter((q) => others.some((id) => holds(id, q))).length;
      const name = `"${l.text.replace(/\n/g, ' ')}"`;
      const leader = leaders.find((x) => dist(l.box, x.to) <= 2);
      const onOwn = pts.filter((q) => holds(l.id, q)).length;
      if (!leader) {
        if (onOthers > within.others) out.push(`${name} lies ${onOthers} of 15 points over another of the event's regions`);
        if (onOwn < within.own) out.push(`${name} lies ${onOwn} of 15 points over its own region`);
        continue;
      }
      moved++;
      if (!holds(l.id, ll(leader.from))) out.push(`${name}'s leader starts outside its region`);
      if (onOwn > 3 || onOthers > 0) out.push(`${name}, moved out, lies ${onOwn} of 15 points over its region and ${onOthers} over others`);
      const len = Math.hypot(leader.to[0] - leader.from[0], leader.to[1] - leader.from[1]);
      for (let d = 4; d < len; d += 4) {
        const q = ll([leader.from[0] + ((leader.to[0] - leader.from[0]) * d) / len, leader.from[1] + ((leader.to[1] - leader.from[1]) * d) / len]);
        if (others.some((id) => holds(id, q))) {
          out.push(`${name}'s leader runs over another of the event's regions`);
          break;
        }
      }
    }
    return { out, moved };
  }, { eventId, within });
}

describe('a stop’s region names read as their own region’s', () => {
  // At the kiosk's stops for Russia's demands (16 May) and the positions going in (2 June) at 1920 × 1080, no
  // form of "Luhansk Oblast" fits its region: it lay over Kharkiv's dots, "Zaporizhzhia Oblast" across Kherson
  // and Dnipropetrovsk; they now stand out in open ground with a leader from inside their region
  for (const [eventId, size] of [
    ['first-round-demands', { width: 1920, height: 1080 }],
    ['positions-going-in', { width: 1920, height: 1080 }],
    ['first-round-demands', { width: 1280, height: 720 }],
  ] as const)
    it(`at ${size.width}×${size.height}, the stop for ${eventId}`, async () => {
      const { page, errors } = await openApp(h, `?mode=kiosk&idle=600&event=${eventId}`, size, { reducedMotion: true });
      await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
      await settled(page);
      const { out, moved } = await regionNamesMisread(page, eventId);
      expect(out).toEqual([]);
      // the names that had crossed into their neighbours were moved out, not left out
      expect(moved).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });

  // The portrait kiosk's 16 May stop has room inside each region for its name on one line or two: until
  // session 42 "Donetsk Oblast" kept one line beginning over Zaporizhzhia (10 of 15 points over its own
  // region, 3 over the next), its two lines costing more than a fifth of it outside
  it('at 1080×1920, the stop for first-round-demands keeps each name over its own region', async () => {
    const { page, errors } = await openApp(h, '?mode=kiosk&idle=600&event=first-round-demands', { width: 1080, height: 1920 }, { reducedMotion: true });
    await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
    await settled(page);
    const { out } = await regionNamesMisread(page, 'first-round-demands', { own: 12, others: 2 });
    expect(out).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/**
 * Returns the story's point marks drawn now inside the map's frame, each with whether the plan names it
 * and the ids of the other marks whose centres lie within 12 px of its own (one symbol, at this zoom).
 */
function marksShown(page: Page) {
  return page.evaluate(() => {
    const app = window.explainer!;
    const map = app.mapView.map;
    const layer = app.deckLayers().find((l) => l.id === 'points')!;
    const props = layer.props as unknown as { clock?: { h: number }; filterRange: number[] };
    const h = props.clock?.h ?? props.filterRange[1];
    const canvas = map.getCanvas();
    const [w, ht] = [canvas.width / map.getPixelRatio(), canvas.height / map.getPixelRatio()];
    const named = new Set(app.labelBoxes().map((l) => l.id));
    const shown = (layer.props.data as { id: string; appearH: number; feature: { geometry: { coordinates: [number, number] } } }[])
      .filter((p) => p.appearH <= h)
      .map((p) => ({ id: p.id, at: map.project(p.feature.geometry.coordinates) }))
      .filter(({ at }) => at.x >= 0 && at.y >= 0 && at.x <= w && at.y <= ht);
    return shown.map((p) => ({ id: p.id, named: named.has(p.id), under: shown.filter((q) => q !== p && Math.hypot(q.at.x - p.at.x, q.at.y - p.at.y) < 12).map((q) => q.id) }));
  });
}

describe('a story mark drawn is named where there is room', () => {
  // Below the zoom its rank names it from, a mark was drawn without its name: on the kiosk's 23 May stop
  // Sumy's dot sat unnamed under the figure "390 people returned to Ukraine", as if they had returned there
  it('at 1920×1080, the kiosk’s stop for the exchange of 23 May names Sumy; on 2 June 15:00 the venue under the other’s ring stays unnamed', async () => {
    const { page, errors } = await openApp(h, '?mode=kiosk&idle=600&event=exchange-1000-for-1000', { width: 1920, height: 1080 }, { reducedMotion: true });
    await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
    await settled(page);
    const marks = await marksShown(page);
    expect(marks.find((m) => m.id === 'sumy')).toEqual({ id: 'sumy', named: true, under: [] });
    expect(marks.filter((m) => !m.named)).toEqual([]);
    // at the 2 June 15:00 stop the two venues, 5 km apart, are one symbol at this zoom: the current one's name only
    const next = await openApp(h, '?mode=kiosk&idle=600&event=what-next', { width: 1920, height: 1080 }, { reducedMotion: true });
    await next.page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
    await settled(next.page);
    const venues = (await marksShown(next.page)).filter((m) => m.id.endsWith('-palace'));
    expect(venues).toEqual([
      { id: 'ciragan-palace', named: true, under: ['dolmabahce-palace'] },
      { id: 'dolmabahce-palace', named: false, under: ['ciragan-palace'] },
    ]);
    expect([...errors, ...next.errors]).toEqual([]);
  });

  it('a 390×844 phone on 9 June names Sumy and the Kerch bridge', async () => {
    const { page, errors } = await openApp(h, '?event=exchanges-begin', { width: 390, height: 844 }, { reducedMotion: true });
    await settled(page);
    const marks = await marksShown(page);
    expect(marks.filter((m) => ['sumy', 'kerch-bridge'].includes(m.id))).toEqual([
      { id: 'sumy', named: true, under: [] },
      { id: 'kerch-bridge', named: true, under: [] },
    ]);
    expect(errors).toEqual([]);
  });
});
