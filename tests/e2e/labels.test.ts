import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { boxDistance } from '../../src/map/label-layout.ts';
import { SHORT_ARC_KM } from '../../src/map/layers.ts';
import { arcsNow, namesOnOtherArcs, namesOnOwnArcs, segmentCrosses } from './arcs.ts';
import { openApp, setState, shownPoints, storyPlaces, useHarness } from './harness.ts';

type Box = [number, number, number, number];
type Label = { id: string; kind: string; text: string; size: number; box: Box };

const h = useHarness();

const intersect = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const mid = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

/** Returns whether two segments [x0, y0, x1, y1] cross (meeting at an end does not count). */
function segmentsCross([a, b, c, d]: number[], [e, f, g, h]: number[]): boolean {
  const side = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  return side(a, b, c, d, e, f) * side(a, b, c, d, g, h) < 0 && side(e, f, g, h, a, b) * side(e, f, g, h, c, d) < 0;
}

/** Returns the story labels drawn now and the basemap's placed country names (boxes estimated from the style's size and the font's metrics). */
function labelsNow(page: Page) {
  return page.evaluate(() => {
    const app = window.explainer!;
    const map = app.mapView.map;
    const story = app.labelBoxes();
    const g = document.createElement('canvas').getContext('2d')!;
    // the style's text-size ramp ['interpolate', ['linear'], ['zoom'], z0, v0, z1, v1], clamped at its ends
    const ramp = map.getLayoutProperty('country-labels', 'text-size') as [string, unknown, unknown, number, number, number, number];
    const [z0, v0, z1, v1] = ramp.slice(3) as number[];
    const z = map.getZoom();
    const px = z <= z0 ? v0 : z >= z1 ? v1 : v0 + ((z - z0) / (z1 - z0)) * (v1 - v0);
    const basemap = map.queryRenderedFeatures({ layers: ['country-labels'] }).map((f) => {
      const name = String(f.properties.name).toUpperCase();
      g.font = `400 ${px}px "Noto Sans"`;
      const w = g.measureText(name).width + name.length * 0.12 * px;
      const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      // names over 8 ems wrap onto two lines; take the one-line width as a generous box
      return { id: `basemap:${name}`, box: [p.x - w / 2, p.y - px / 2, p.x + w / 2, p.y + px / 2] as [number, number, number, number] };
    });
    return { story, basemap };
  }) as Promise<{ story: Label[]; basemap: { id: string; box: Box }[] }>;
}

/**
 * Returns the story's point marks drawn now (`shownPoints`: the map runs under the caption's bands),
 * each with its icon's box (CSS px, half of 20 px a side at the frame's type scale), and the map
 * area's top and foot between the bands.
 */
async function marksNow(page: Page, storyStart: number) {
  const frame = await page.evaluate(() => {
    const caption = document.querySelector<HTMLCanvasElement>('.shot-caption')!;
    const [top, bottom] = caption.dataset.bands!.split(' ').map(Number);
    // the type scale of the frame (mapTypeScale): the smallest map label (12 px) grows to the caption's body (17 px × unit)
    const k = Math.max(1, (Number(caption.dataset.unit) * 17) / 12);
    return { k, area: [top, window.explainer!.mapView.map.getCanvas().clientHeight - bottom] as [number, number] };
  });
  const r = 10 * frame.k;
  return (await shownPoints(page, storyStart)).map(({ id, x, y }) => ({ id, box: [x - r, y - r, x + r, y + r] as Box, area: frame.area }));
}

/** Returns the leader lines drawn now (a callout's, a name's moved out from its mark), as screen segments (CSS px). */
function leadersNow(page: Page) {
  return page.evaluate(() => {
    const app = window.explainer!;
    const map = app.mapView.map;
    const layer = app.deckLayers().find((l) => l.id === 'leaders');
    const data = (layer?.props.data ?? []) as { from: [number, number]; to: [number, number] }[];
    return data.map(({ from, to }) => {
      const [a, b] = [map.project(from), map.project(to)];
      return [a.x, a.y, b.x, b.y] as [number, number, number, number];
    });
  });
}

/** Returns where the basemap's label space keeps room for a mark or a leader (its "M" features), as screen points (CSS px). */
function labelSpaceRooms(page: Page) {
  return page.evaluate(async () => {
    const map = window.explainer!.mapView.map;
    const source = map.getSource('story-label-space') as unknown as { getData(): Promise<{ features: { properties: { text: string }; geometry: { coordinates: [number, number] } }[] }> };
    const { features } = await source.getData();
    return features.filter((f) => f.properties.text === 'M').map((f) => {
      const q = map.project(f.geometry.coordinates);
      return [q.x, q.y] as [number, number];
    });
  });
}

async function storyEvents(page: Page) {
  return page.evaluate(() => fetch('data/story.json').then((r) => r.json())) as Promise<{ start: string; events: { id: string; start: string; places: string[]; callout?: unknown; subject?: unknown }[] }>;
}

/**
 * The event names another place's distance arc still runs through in the stills and the explorer, each where no side of
 * the name is clear of every arc, label and mark (checked by `unstrike`'s own search, not by this list):
 * a new crossing fails, and one that goes away can be struck off.
 */
const CROWDED: Record<string, string[]> = {
  '1200x675': ['operation-spiderweb: ukrainka\'s distance arc runs through "Dyagilevo air base"', 'what-next: olenya\'s distance arc runs through "Moscow"'],
  '1080x1350': ['operation-spiderweb: belaya\'s distance arc runs through "Dyagilevo air base"', 'operation-spiderweb: ukrainka\'s distance arc runs through "Dyagilevo air base"'],
  'explorer 1280x760': ['operation-spiderweb: belaya\'s distance arc runs through "Dyagilevo air base"', 'operation-spiderweb: ukrainka\'s distance arc runs through "Dyagilevo air base"'],
};

/**
 * The event names moved out from their marks with a leader, where no side beside the mark was clear of the
 * other arcs (`LabelRequest.outward`), in each still size's frames: a leader that goes or comes fails.
 */
const NAME_LEADERS: Record<string, string[]> = {
  '1200x675': [],
  '1080x1350': ['operation-spiderweb: ivanovo-severny'],
};

describe('labels as a layout problem', () => {
  // At 1080 × 1350 the only side of "Ukrainka air base" clear of its own arc had held Belaya's name at the
  // zoom step's lower end: a still is now laid out at its own zoom only (`still` in src/app/layer-controller.ts).
  for (const size of [
    { width: 1200, height: 675 },
    { width: 1080, height: 1350 },
  ])
    it(`in every event frame at ${size.width}×${size.height}, names the event's places and no two labels overlap`, async () => {
      const { page, errors } = await openApp(h, '?mode=screenshot&event=first-round-dolmabahce', size);
      const { start, events } = await storyEvents(page);
      const problems: string[] = [];
      let arcsSeen = 0;
      const nameLeaders: string[] = [];
      for (const e of events) {
        await setState(page, { t: Date.parse(e.start) });
        const { story, basemap } = await labelsNow(page);
        // a distance label carries its place's id: a place is named by its name, not its distance
        const ids = new Set(story.filter((l) => l.kind !== 'distances').map((l) => l.id));
        for (const id of e.places) if (!ids.has(id)) problems.push(`${e.id}: ${id} is not labelled`);
        if (e.subject && !ids.has('subject')) problems.push(`${e.id}: its subject area is not named`);
        if (e.callout && !ids.has('callout')) problems.push(`${e.id}: its callout is missing`);
        const view = await page.evaluate(() => {
          const c = window.explainer!.mapView.map.getCanvas();
          return [c.clientWidth, c.clientHeight];
        });
        for (const l of story.filter((x) => e.places.includes(x.id) || x.kind === 'notes')) {
          const [x0, y0, x1, y1] = l.box;
          if (x0 < -1 || y0 < -1 || x1 > view[0] + 1 || y1 > view[1] + 1) problems.push(`${e.id}: label ${l.id} runs off the frame ${JSON.stringify(l.box.map(Math.round))}`);
        }
        for (let i = 0; i < story.length; i++)
          for (let j = i + 1; j < story.length; j++)
            if (intersect(story[i].box, story[j].box)) problems.push(`${e.id}: "${story[i].text}" overlaps "${story[j].text}"`);
        // every mark drawn is whole in the map area between the caption's bands, or wholly out of it
        const marks = await marksNow(page, Date.parse(start));
        for (const m of marks) {
          const [x0, y0, x1, y1] = m.box;
          const outside = x1 <= 0 || x0 >= view[0] || y1 <= m.area[0] || y0 >= m.area[1];
          const inside = x0 >= 0 && x1 <= view[0] && y0 >= m.area[0] && y1 <= m.area[1];
          if (!inside && !outside) problems.push(`${e.id}: the mark of ${m.id} is cut at the frame's edge ${JSON.stringify(m.box.map(Math.round))}`);
        }
        for (const s of story) for (const b of basemap) if (intersect(s.box, b.box)) problems.push(`${e.id}: "${s.text}" overlaps the basemap's ${b.id}`);
        // a leader runs clear of every other label's text (1 px of a box's edge is its padding): a callout's, and
        // an event's name's moved out from its mark where no side beside it was clear of the other arcs
        // (`LabelRequest.outward`), which runs from that name's own mark (the nearest to its start) to the name
        const arcs = await arcsNow(page, marks.map((m) => m.id));
        const rooms = await labelSpaceRooms(page);
        for (const seg of await leadersNow(page)) {
          // the basemap keeps room all along the leader (`showLabelSpace`): a room within 4.5 px of every point of it
          const len = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
          for (let d = 0; d <= len; d += 4) {
            const [x, y] = [seg[0] + ((seg[2] - seg[0]) * d) / len, seg[1] + ((seg[3] - seg[1]) * d) / len];
            if (!rooms.some(([rx, ry]) => Math.hypot(rx - x, ry - y) <= 4.5)) {
              problems.push(`${e.id}: the basemap keeps no room on a leader at ${Math.round(x)},${Math.round(y)}`);
              break;
            }
          }
          const end = story.reduce<Label | null>((a, l) => (boxDistance(l.box, [seg[2], seg[3]]) <= Math.min(2, a ? boxDistance(a.box, [seg[2], seg[3]]) : 2) ? l : a), null);
          if (!end) problems.push(`${e.id}: a leader ends at no label ${JSON.stringify(seg.map(Math.round))}`);
          if (!end || end.id.startsWith('callout')) {
            for (const l of story) if (!l.id.startsWith('callout') && segmentCrosses(seg, l.box, 1)) problems.push(`${e.id}: a callout's leader runs through "${l.text}"`);
            continue;
          }
          // a region's name moved out of its shape (`leaveAreas`): from inside its region (checked in
          // kiosk-frames.test.ts, which has the shapes), clear of every other label
          if (end.kind === 'areas') {
            for (const l of story) if (l !== end && segmentCrosses(seg, l.box, 1)) problems.push(`${e.id}: the leader to "${end.text}" runs through "${l.text}"`);
            continue;
          }
          // a name's leader: from the edge of its own place's ring (the nearest mark, within a ring's reach) out to
          // the name, clear of every other label, mark and arc
          nameLeaders.push(`${e.id}: ${end.id}`);
          const dist = (m: { box: Box }, x: number, y: number) => Math.hypot(mid(m.box)[0] - x, mid(m.box)[1] - y);
          const from = marks.reduce((a, b) => (dist(b, seg[0], seg[1]) < dist(a, seg[0], seg[1]) ? b : a));
          if (!e.places.includes(end.id) || from.id !== end.id) problems.push(`${e.id}: the leader to "${end.text}" starts by ${from.id}'s mark`);
          if (dist(from, seg[0], seg[1]) > 3 * (from.box[2] - from.box[0]) || dist(from, seg[2], seg[3]) <= dist(from, seg[0], seg[1])) problems.push(`${e.id}: the leader to "${end.text}" does not run out from its mark ${JSON.stringify(seg.map(Math.round))}`);
          for (const l of story) if (l !== end && segmentCrosses(seg, l.box, 1)) problems.push(`${e.id}: the leader to "${end.text}" runs through "${l.text}"`);
          for (const m of marks) if (m !== from && segmentCrosses(seg, m.box, 1)) problems.push(`${e.id}: the leader to "${end.text}" runs over ${m.id}'s mark`);
          for (const { id, line } of arcs) if (line.some((q, k) => k > 0 && segmentsCross(seg, [...line[k - 1], ...q]))) problems.push(`${e.id}: the leader to "${end.text}" crosses ${id}'s distance arc`);
        }
        // no place's name is struck through by its own distance arc (one came in low through "Ukrainka air base");
        // another place's arc may cross a name where every side of it has one (the bases by Moscow, near the arcs' start)
        for (const { id, line } of await arcsNow(page, e.places))
          for (const l of story.filter((x) => x.id === id && x.kind !== 'distances'))
            if (line.some((q, k) => k > 0 && segmentCrosses([...line[k - 1], ...q], l.box, 1))) problems.push(`${e.id}: its distance arc runs through "${l.text.replace(/\n/g, ' ')}"`);
        // an event's own name that another place's arc runs through takes a side wholly clear of every arc
        // where one is free (`unstrike`, src/map/label-layout.ts; Olenya's arc ran through "Ivanovo Severny air
        // base" at 1200 × 675); the names left where they are had no such side (the Spiderweb bases by Moscow
        // almost on one another at this zoom, Moscow between the arcs' starts)
        const onOthers = await namesOnOtherArcs(page, e.places);
        arcsSeen += onOthers.drawn;
        for (const p of onOthers.through) if (!CROWDED[`${size.width}x${size.height}`].includes(`${e.id}: ${p}`)) problems.push(`${e.id}: ${p}`);
        // and no other place's name has any arc drawn through it: it gives way, as to a label (Ivanovo's own arc
        // struck through its name on the 1 June 18:00 still)
        const others = story.filter((x) => !e.places.includes(x.id) && (x.kind === 'points' || x.kind === 'areas'));
        for (const { id, line } of arcs)
          for (const l of others)
            if (line.some((q, k) => k > 0 && segmentCrosses([...line[k - 1], ...q], l.box, 1))) problems.push(`${e.id}: ${id}'s distance arc runs through "${l.text.replace(/\n/g, ' ')}"`);
      }
      expect(problems).toEqual([]);
      // the arcs check looked at arcs, and the leaders check at a name's leader
      expect(arcsSeen).toBeGreaterThan(0);
      expect(nameLeaders).toEqual(NAME_LEADERS[`${size.width}x${size.height}`]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

  // The explorer lays out at the zoom step's lower end (a reader may zoom out a quarter level): there the
  // only side of "Ukrainka air base" clear of its arc had met Belaya's name, and above, its arc ran through it.
  it("in the explorer at 1280×760, at every event with a distance arc, no event place's name has its own arc through it", async () => {
    const { page, errors } = await openApp(h, '', { width: 1280, height: 760 }, { reducedMotion: true });
    const { events, lineStarts } = await storyPlaces(page);
    const arced = events.filter((e) => e.places.some((id) => id in lineStarts));
    expect(arced.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const e of arced) {
      await setState(page, { t: e.t });
      await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving() && document.documentElement.dataset.ready === 'true');
      for (const p of await namesOnOwnArcs(page, e.places)) problems.push(`${e.id}: ${p}`);
      // nor another place's, but where no side is clear (Ukrainka's arc ran through "Ivanovo Severny air base")
      for (const p of (await namesOnOtherArcs(page, e.places)).through) if (!CROWDED['explorer 1280x760'].includes(`${e.id}: ${p}`)) problems.push(`${e.id}: ${p}`);
      // the event's places are named
      const named = new Set((await page.evaluate(() => window.explainer!.labelBoxes())).filter((l) => l.kind !== 'distances').map((l) => l.id));
      for (const id of e.places) if (!named.has(id)) problems.push(`${e.id}: ${id} is not labelled`);
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // The kiosk frames the venues closer (its marks are bigger) and a portrait still is narrow: there the
  // names move to their closer spots (data/basemap.json, `closer`), which the first spot falls outside of.
  for (const [mode, size] of [
    ['screenshot', { width: 1200, height: 675 }],
    ['screenshot', { width: 1080, height: 1350 }],
    ['kiosk&idle=600', { width: 1920, height: 1080 }],
  ] as const)
    it(`names Istanbul and the Bosphorus at the venues' camera stops, clear of the story's labels (${mode} ${size.width}×${size.height})`, async () => {
      const problems: string[] = [];
      for (const id of ['first-round-dolmabahce', 'second-round-ciragan']) {
        const { page, errors } = await openApp(h, `?mode=${mode}&event=${id}`, size, { reducedMotion: true });
        // the kiosk's tour held at this stop
        if (mode.startsWith('kiosk')) await page.evaluate(() => window.explainer!.store.getState().set({ speed: 0.001 }));
        await page.waitForFunction(() => !window.explainer!.mapView.map.isMoving() && document.documentElement.dataset.ready === 'true');
        const seen = await page.evaluate(() => {
          const map = window.explainer!.mapView.map;
          /** Returns where a basemap name is placed (maplibre places only what fits: clear of the story labels' room and the frame's edges), in any layer of its kind. */
          const placed = (kind: string, name: string) => {
            const layers = map.getStyle().layers.filter((l) => l.id === kind || l.id.startsWith(`${kind}-`)).map((l) => l.id);
            const f = map.queryRenderedFeatures({ layers }).find((x) => x.properties.name === name);
            if (!f) return null;
            const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
            return { at: [p.x, p.y], zoom: map.getZoom() };
          };
          return { city: placed('town-areas', 'Istanbul'), strait: placed('water-labels', 'Bosphorus') };
        });
        if (!seen.city) problems.push(`${id}: Istanbul is not named`);
        if (!seen.strait) problems.push(`${id}: the Bosphorus is not named`);
        // the story labels are all there
        const { story } = await labelsNow(page);
        const ids = new Set(story.map((l) => l.id));
        const want = id === 'first-round-dolmabahce' ? 'dolmabahce-palace' : 'ciragan-palace';
        if (!ids.has(want)) problems.push(`${id}: ${want} is not labelled`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
      expect(problems).toEqual([]);
    });

  it('scales map type with an export frame: a 1080 × 1350 export draws labels at least as large as its caption body text (read from the export)', async () => {
    const { page } = await openApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 });
    const onScreen = await page.evaluate(() => Math.min(...window.explainer!.labelBoxes().map((l) => l.size)));
    expect(onScreen).toBeGreaterThanOrEqual(12);
    // every arc long enough to be labelled at this zoom has its distance drawn (Olenya's middle has no room
    // beside another base's name here: its label sits further along its arc)
    const long = await page.evaluate(async (km) => {
      const places = (await fetch('data/places.json').then((r) => r.json())) as { features: { properties: { id: string; distanceKm?: number } }[] };
      return places.features.filter((f) => (f.properties.distanceKm ?? 0) >= km).map((f) => f.properties.id).sort();
    }, SHORT_ARC_KM);
    expect(long.length).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => window.explainer!.labelBoxes().filter((l) => l.kind === 'distances').map((l) => l.id).sort())).toEqual(long);
    // Sample the label sizes while the export has the map at the export's size.
    const { sizes, unit } = await page.evaluate(async () => {
      const seen: number[] = [];
      let sampling = true;
      const sample = () => {
        if (window.explainer!.exporting.active) {
          const b = window.explainer!.labelBoxes();
          if (b.length) seen.push(Math.min(...b.map((l) => l.size)));
        }
        if (sampling) requestAnimationFrame(sample);
      };
      sample();
      const png = await window.explainerExport!({ width: 1080, height: 1350, scale: 1 });
      sampling = false;
      return { sizes: seen, unit: png.unit };
    });
    const during = Math.max(...sizes);
    // The caption's body (legend) text is 17 × its layout unit (about 1.1 at 1080 × 1350): the
    // smallest map label, a secondary place's 13 px name, grows to at least that size.
    expect(unit).toBeGreaterThan(1);
    expect(during).toBeGreaterThanOrEqual(Math.floor(17 * unit * 10) / 10);
    expect(during).toBeGreaterThan(onScreen * 1.4);
    // and back to screen size afterwards
    await setState(page, {});
    expect(await page.evaluate(() => Math.min(...window.explainer!.labelBoxes().map((l) => l.size)))).toBe(onScreen);
    await page.context().close();
  });

  it('in screenshot mode at 1080 × 1350 the smallest map label is as large as the caption body text', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=terms-on-the-table', { width: 1080, height: 1350 });
    const { min, unit } = await page.evaluate(() => ({
      min: Math.min(...window.explainer!.labelBoxes().map((l) => l.size)),
      unit: Number(document.querySelector<HTMLCanvasElement>('.shot-caption')!.dataset.unit),
    }));
    expect(unit).toBeGreaterThan(1);
    expect(min).toBeGreaterThanOrEqual(Math.floor(17 * unit));
    await page.context().close();
  });
});
