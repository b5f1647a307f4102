import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { prepareStory, type BuiltPlace, type PreparedStory } from '../../src/data/prepare.ts';
import type { Story } from '../../src/data/schema.ts';
import { applyFraming, eventFraming, eventPadding, exploreFraming, framePadding, frameWithCaption, inFrameOf, layoutInFrame, mapTypeScale, screenshotFraming, type Framing } from '../../src/export/framing.ts';
import type { CaptionLayout } from '../../src/export/caption-layout.ts';
import { keepMarksWhole, projectIn, shownMarks, WHOLE_MARKS_MAX_OUT, type FrameCamera, type FramedMark } from '../../src/map/marks.ts';
import { AREA_MAX_ZOOM, POINT_MAX_ZOOM } from '../../src/map/event-camera.ts';
import { createTheme } from '../fixtures/theme.ts';

const T = (iso: string) => Date.parse(iso);

/** Returns a point place with an anchor, and the point on Ukraine's border its distance arc starts from if given. */
function createPoint(id: string, kind: string, at: [number, number], borderPoint?: [number, number]): BuiltPlace {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { id, kind, name: id, description: 'd', sources: ['a'], anchor: at, ...(borderPoint ? { distanceKm: 1000, borderPoint } : {}) },
  } as BuiltPlace;
}

/**
 * Returns a prepared story of four events: talks at a venue with a data camera (16 May), a strike on
 * an airbase whose arc starts at the border (1 June), an event about an area and no place (2 June),
 * and a visit to a city (3 June).
 */
function createPrep(): PreparedStory {
  const theme = createTheme();
  const event = (id: string, start: string, places: string[], extra: object = {}) => ({ id, start, precision: 'minute', title: id, body: 'b', places, sources: ['a'], claims: [], ...extra });
  const story = {
    title: 't',
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    defaultDwell: 8,
    events: [
      event('talks', '2025-05-16T12:00Z', ['venue'], { camera: { center: [29.1, 41.1], zoom: 11 } }),
      event('strike', '2025-06-01T06:00Z', ['base']),
      event('build-up', '2025-06-02T12:00Z', [], { subject: { bbox: [34, 50, 36, 52], label: 'area' } }),
      event('visit', '2025-06-03T09:00Z', ['city']),
    ],
  } as unknown as Story;
  return prepareStory(story, theme, [createPoint('venue', 'venue', [29, 41]), createPoint('base', 'airbase', [33.5, 68], [33, 52]), createPoint('city', 'city', [30.5, 50.5])]);
}

interface Call {
  fn: 'fitBounds' | 'jumpTo';
  args: unknown[];
}

/**
 * Returns a stand-in for the maplibre map that records its camera calls. Its screen is `frame` in
 * CSS px and maps linearly to lon/lat around `center` at 0.01° per px (enough for `unproject`).
 */
function createMap(o: { center?: [number, number]; zoom?: number; bounds?: [number, number, number, number]; frame?: { width: number; height: number } } = {}) {
  const calls: Call[] = [];
  let center = o.center ?? [30, 50];
  const frame = o.frame ?? { width: 1000, height: 500 };
  const map = {
    getCenter: () => ({ wrap: () => ({ lng: center[0], lat: center[1] }) }),
    getZoom: () => o.zoom ?? 4,
    getMinZoom: () => 0,
    getMaxZoom: () => 13,
    getBounds: () => {
      const [w, s, e, n] = o.bounds ?? [0, 0, 0, 0];
      return { getWest: () => w, getSouth: () => s, getEast: () => e, getNorth: () => n };
    },
    // with bounds, the frame spans them (north up); without, 0.01° a pixel about the centre
    unproject: ([x, y]: [number, number]) => {
      if (!o.bounds) return { lng: center[0] + (x - frame.width / 2) * 0.01, lat: center[1] - (y - frame.height / 2) * 0.01 };
      const [w, s, e, n] = o.bounds;
      return { lng: w + (x / frame.width) * (e - w), lat: n - (y / frame.height) * (n - s) };
    },
    fitBounds: (...args: unknown[]) => calls.push({ fn: 'fitBounds', args }),
    jumpTo: (...args: unknown[]) => {
      calls.push({ fn: 'jumpTo', args });
      const c = (args[0] as { center: [number, number] | { lng: number; lat: number } }).center;
      center = Array.isArray(c) ? c : [c.lng, c.lat];
    },
  };
  return { map: map as unknown as MapLibreMap, calls };
}

describe('eventFraming', () => {
  const prep = createPrep();

  it('frames the whole story before the first event', () => {
    expect(eventFraming(prep, T('2025-05-15T00:00Z'))).toEqual({ kind: 'story' });
  });

  it('frames the current event: places and data camera (its zoom the closest), an airbase with its arc, a subject area, a city', () => {
    expect(eventFraming(prep, T('2025-05-20T00:00Z'))).toEqual({ kind: 'event', box: [29, 41, 29.1, 41.1], maxZoom: 11 });
    expect(eventFraming(prep, T('2025-06-01T06:00Z'))).toEqual({ kind: 'event', box: [33, 52, 33.5, 68], maxZoom: AREA_MAX_ZOOM });
    expect(eventFraming(prep, T('2025-06-02T12:30Z'))).toEqual({ kind: 'event', box: [34, 50, 36, 52], maxZoom: AREA_MAX_ZOOM });
    expect(eventFraming(prep, T('2025-06-16T00:00Z'))).toEqual({ kind: 'event', box: [30.5, 50.5, 30.5, 50.5], maxZoom: POINT_MAX_ZOOM });
  });
});

describe('screenshotFraming', () => {
  const prep = createPrep();
  const t = T('2025-06-03T10:00Z');

  it('takes the URL view first, then the current event when following, else the whole story', () => {
    expect(screenshotFraming(prep, { t, view: { zoom: 7.5, lat: 48, lon: 31 }, follow: true })).toEqual({ kind: 'camera', center: [31, 48], zoom: 7.5 });
    expect(screenshotFraming(prep, { t, view: null, follow: true })).toEqual(eventFraming(prep, t));
    expect(screenshotFraming(prep, { t, view: null, follow: false })).toEqual({ kind: 'story' });
  });
});

describe('exploreFraming', () => {
  const prep = createPrep();
  const t = T('2025-06-01T07:00Z');
  const bands = { top: 100, bottom: 100 };

  it('frames the event anew only while the explorer follows and shows an event; otherwise the story', () => {
    const { map } = createMap();
    const screen = { width: 1000, height: 500 };
    const out = { width: 1080, height: 1920 };
    expect(exploreFraming(map, prep, { t, view: null, follow: true }, 'event', screen, out, bands)).toEqual(eventFraming(prep, t));
    expect(exploreFraming(map, prep, { t, view: null, follow: true }, 'story', screen, out, bands)).toEqual({ kind: 'story' });
    expect(exploreFraming(map, prep, { t, view: null, follow: false }, 'event', screen, out, bands)).toEqual({ kind: 'story' });
  });

  it('keeps the reader’s view: the same centre, zoomed by the smaller of the width and map-height ratios', () => {
    const { map } = createMap({ center: [45.25, 55.5], zoom: 4 });
    const view = { zoom: 4, lat: 55.5, lon: 45.25 };
    // twice as wide, and 1200 − 200 px of bands = twice as high: one zoom level closer
    expect(exploreFraming(map, prep, { t, view, follow: true }, 'event', { width: 1000, height: 500 }, { width: 2000, height: 1200 }, bands)).toEqual({
      kind: 'camera',
      center: [45.25, 55.5],
      zoom: 5,
    });
    // a tall frame: its width decides (1080 / 1000), not its height
    const tall = exploreFraming(map, prep, { t, view, follow: true }, 'event', { width: 1000, height: 500 }, { width: 1080, height: 1920 }, bands) as Extract<Framing, { kind: 'camera' }>;
    expect(tall.zoom).toBeCloseTo(4 + Math.log2(1.08), 9);
    // a frame the size of the screen with bands over it: zoomed out so the screen's extent still fits between them
    const banded = exploreFraming(map, prep, { t, view, follow: true }, 'event', { width: 1000, height: 500 }, { width: 1000, height: 500 }, bands) as Extract<Framing, { kind: 'camera' }>;
    expect(banded.zoom).toBeCloseTo(4 + Math.log2(300 / 500), 9);
  });
});

describe('padding and type scale', () => {
  it('framePadding: at least 64 px each side and 40 px above and below, 5 % of the shorter side on a big frame, plus the bands', () => {
    expect(framePadding({ width: 800, height: 600 }, { top: 0, bottom: 0 })).toEqual({ top: 40, bottom: 40, left: 64, right: 64 });
    expect(framePadding({ width: 3840, height: 2160 }, { top: 150, bottom: 90 })).toEqual({ top: 258, bottom: 198, left: 108, right: 108 });
  });

  it('eventPadding: room for the outermost names, growing with the type scale and with the frame', () => {
    expect(eventPadding({ width: 1200, height: 675 }, { top: 0, bottom: 0 }, 1)).toEqual({ top: 56, bottom: 56, left: 96, right: 96 });
    expect(eventPadding({ width: 1200, height: 675 }, { top: 80, bottom: 60 }, 2)).toEqual({ top: 192, bottom: 172, left: 192, right: 192 });
    expect(eventPadding({ width: 3840, height: 2160 }, { top: 0, bottom: 0 }, 1)).toEqual({ top: 130, bottom: 130, left: 307, right: 307 });
  });

  it('mapTypeScale: the smallest map label (a 12 px distance label) grows to the caption body (17 px × unit), never below 1', () => {
    expect(mapTypeScale(1)).toBeCloseTo(17 / 12, 9);
    expect(mapTypeScale(2)).toBeCloseTo(34 / 12, 9);
    expect(mapTypeScale(0.5)).toBe(1);
  });
});

describe('applyFraming', () => {
  const prep = createPrep();
  const frame = { width: 1200, height: 675 };

  it('fits the whole story: every place’s anchor with 2° around it, padded clear of the bands, at once', () => {
    const { map, calls } = createMap();
    const bands = { top: 90, bottom: 60 };
    applyFraming(map, prep, { kind: 'story' }, frame, bands);
    expect(calls).toEqual([{ fn: 'fitBounds', args: [[[27, 39], [35.5, 70]], { padding: framePadding(frame, bands), animate: false }] }]);
  });

  it('fits an event’s box no closer than its zoom, coming closer in proportion to the type scale', () => {
    const { map, calls } = createMap();
    const bands = { top: 0, bottom: 0 };
    applyFraming(map, prep, { kind: 'event', box: [33, 52, 33.5, 68], maxZoom: 6.5 }, frame, bands, 2);
    expect(calls).toEqual([{ fn: 'fitBounds', args: [[[33, 52], [33.5, 68]], { padding: eventPadding(frame, bands, 2), maxZoom: 7.5, animate: false }] }]);
  });

  it('jumps to a camera, its zoom clamped to the map’s, and centres it in the map area between unequal bands', () => {
    const even = createMap();
    applyFraming(even.map, prep, { kind: 'camera', center: [31, 48], zoom: 18 }, frame, { top: 50, bottom: 50 });
    expect(even.calls).toEqual([{ fn: 'jumpTo', args: [{ center: [31, 48], zoom: 13 }] }]);

    const uneven = createMap({ frame });
    applyFraming(uneven.map, prep, { kind: 'camera', center: [31, 48], zoom: 5 }, frame, { top: 120, bottom: 40 });
    expect(uneven.calls[0]).toEqual({ fn: 'jumpTo', args: [{ center: [31, 48], zoom: 5 }] });
    // the map's centre moves up by half the difference (40 px), so the camera's centre sits mid-way between the bands
    const second = uneven.calls[1].args[0] as { center: { lng: number; lat: number } };
    expect(uneven.calls).toHaveLength(2);
    expect(second.center.lng).toBeCloseTo(31, 9);
    expect(second.center.lat).toBeCloseTo(48 + 0.4, 9);
  });
});

describe('inFrameOf', () => {
  const prep = createPrep();
  const byId = (id: string) => prep.placeById.get(id)!;

  it('tells which places overlap the map’s view, across the antimeridian too', () => {
    const frame = { width: 1000, height: 500 };
    const none = { top: 0, bottom: 0 };
    const { map } = createMap({ bounds: [28, 40, 32, 52], frame });
    const inFrame = inFrameOf(map, frame, none);
    expect(['venue', 'base', 'city'].filter((id) => inFrame(byId(id)))).toEqual(['venue', 'city']);
    // a view panned once round the world (west 385°) still holds the places at 29° and 30.5° east
    const wrapped = inFrameOf(createMap({ bounds: [385, 39, 395, 55], frame }).map, frame, none);
    expect(['venue', 'base', 'city'].filter((id) => wrapped(byId(id)))).toEqual(['venue', 'city']);
    const empty = inFrameOf(createMap({ bounds: [100, 0, 120, 10], frame }).map, frame, none);
    expect(['venue', 'base', 'city'].filter((id) => empty(byId(id)))).toEqual([]);
  });

  it('leaves out a place under a caption band, which hides it', () => {
    // 0.024° a pixel: the venue (41–41.1° N) is drawn 454–458 px down, the city (50.5° N) 62.5 px down
    const frame = { width: 1000, height: 500 };
    const { map } = createMap({ bounds: [28, 40, 32, 52], frame });
    const visible = (bands: { top: number; bottom: number }) => ['venue', 'city'].filter((id) => inFrameOf(map, frame, bands)(byId(id)));
    expect(visible({ top: 0, bottom: 40 })).toEqual(['venue', 'city']);
    expect(visible({ top: 0, bottom: 50 })).toEqual(['city']);
    expect(visible({ top: 70, bottom: 50 })).toEqual([]);
    expect(visible({ top: 60, bottom: 0 })).toEqual(['venue', 'city']);
  });
});

describe('layoutInFrame', () => {
  const prep = createPrep();
  const venue = prep.placeById.get('venue')!;
  const frame = { width: 1000, height: 500 };
  // 0.024° a pixel: the venue (41–41.1° N) is drawn 454–458 px down, so a bottom band under 42 px shows it
  const { map } = createMap({ bounds: [28, 40, 32, 52], frame });
  /** A caption whose bottom band is `base` px, and `row` px more when the venue is in frame (its legend row). */
  const lay = (base: number, row: number, calls: boolean[]) => (inFrame: (p: typeof venue) => boolean) => {
    const shown = inFrame(venue);
    calls.push(shown);
    return { frame, unit: 1, top: 0, bottom: base + (shown ? row : 0), shape: 'wide', ops: [], cut: [] } as CaptionLayout;
  };

  it('lays the caption out again for the bands it gives until they stay the same', () => {
    // framed for a 100 px band the venue is hidden: a 30 px band, which shows it: 40 px, which still does
    const calls: boolean[] = [];
    const layout = layoutInFrame(map, frame, { top: 0, bottom: 100 }, lay(30, 10, calls));
    expect(calls).toEqual([false, true, true]);
    expect(layout.bottom).toBe(40);
  });

  it('stops after four layouts when the bands never settle', () => {
    // 40 px shows the venue, whose row makes 60 px, which hides it: 40, 60, 40, …
    const calls: boolean[] = [];
    const layout = layoutInFrame(map, frame, { top: 0, bottom: 40 }, lay(40, 20, calls));
    expect(calls).toEqual([true, false, true, false]);
    expect(layout.bottom).toBe(40);
  });
});

describe('frameWithCaption', () => {
  const prep = createPrep();
  const venue = prep.placeById.get('venue')!;
  const frame = { width: 1000, height: 1000 };
  // an event's box from 42° to 50° N, which the venue (41° N) lies south of
  const framing: Framing = { kind: 'event', box: [30, 42, 31, 50], maxZoom: 9 };
  /**
   * A map whose fitBounds puts the box's north and south edges at the padding's edges (north up,
   * linear in latitude; eventPadding keeps 60 px beyond the bands): framed for a bottom band of b px the
   * view reaches 50 − 8 × (940 − b) / (880 − b) ° N at the band's edge, so the venue shows above the
   * band when b > 400 (a taller band zooms the map out).
   */
  const createFittingMap = () => {
    const fits: { top: number; bottom: number }[] = [];
    let pad = { top: 0, bottom: 0 };
    const latAt = (y: number) => 50 - ((y - pad.top) / (frame.height - pad.top - pad.bottom)) * 8;
    const map = {
      fitBounds: (_b: unknown, o: { padding: { top: number; bottom: number } }) => {
        pad = o.padding;
        fits.push({ top: o.padding.top, bottom: o.padding.bottom });
      },
      getBounds: () => ({ getWest: () => 28, getEast: () => 32, getSouth: () => latAt(frame.height), getNorth: () => latAt(0) }),
      unproject: ([x, y]: [number, number]) => ({ lng: 28 + (x / frame.width) * 4, lat: latAt(y) }),
    };
    return { map: map as unknown as MapLibreMap, fits };
  };
  /** A caption whose bottom band is `hidden` px, or `shown` px when the venue is in frame. */
  const lay = (hidden: number, shown: number) => (inFrame: (p: typeof venue) => boolean) =>
    ({ frame, unit: 1, top: 0, bottom: inFrame(venue) ? shown : hidden, shape: 'wide', ops: [], cut: [] }) as CaptionLayout;

  it('frames the map again for the bands its caption ends with, until they stay', () => {
    // the first layout (everything listed) gave 450 px; in frame the legend needs 420 px, and framed
    // for 420 px the venue still shows: the map is fitted between the bands the caption has
    const { map, fits } = createFittingMap();
    const { layout, bands } = frameWithCaption(map, prep, framing, frame, { top: 0, bottom: 450 }, 1, [], lay(300, 420));
    expect(layout.bottom).toBe(420);
    expect(bands).toEqual({ top: 0, bottom: 420 });
    expect(fits.map((f) => f.bottom)).toEqual([eventPadding(frame, { top: 0, bottom: 450 }, 1).bottom, eventPadding(frame, bands, 1).bottom]);
  });

  it('frames once when the first bands are the caption’s', () => {
    const { map, fits } = createFittingMap();
    const { layout, bands } = frameWithCaption(map, prep, framing, frame, { top: 0, bottom: 420 }, 1, [], lay(300, 420));
    expect([layout.bottom, bands.bottom, fits.length]).toEqual([420, 420, 1]);
  });

  it('frames for the tallest bands seen when they never stay, so what was fitted is inside the map area', () => {
    // a caption whose band is shorter with the venue (300 px), which hides it (420 px), which shows it: 450, 300, 420, 300, …
    const { map, fits } = createFittingMap();
    const { layout, bands } = frameWithCaption(map, prep, framing, frame, { top: 0, bottom: 450 }, 1, [], lay(420, 300));
    expect(fits.map((f) => f.bottom - 60)).toEqual([450, 300, 420, 450]);
    expect(bands).toEqual({ top: 0, bottom: 450 });
    expect(layout.bottom).toBeLessThanOrEqual(bands.bottom);
  });
});

describe('keepMarksWhole', () => {
  const [W, H] = [1000, 500];
  const camera: FrameCamera = { center: [30, 50], zoom: 5 };
  /** Returns the [lon, lat] that `camera` draws at (x, y) px of the area (inverse Web Mercator). */
  const at = (x: number, y: number): [number, number] => {
    const cam = camera;
    const world = 512 * 2 ** cam.zoom;
    const y0 = -Math.log(Math.tan(Math.PI / 4 + (cam.center[1] * Math.PI) / 360)) / (2 * Math.PI);
    const my = y0 + (y - H / 2) / world;
    return [cam.center[0] + ((x - W / 2) / world) * 360, (360 / Math.PI) * Math.atan(Math.exp(-2 * Math.PI * my)) - 90];
  };
  /** Returns whether a mark's box (reach + 3 px room) lies wholly inside the area, wholly outside, or is cut. */
  const where = (m: FramedMark, cam: FrameCamera) => {
    const [x, y] = projectIn(cam, W, H, m.at);
    const r = m.reach + 3;
    if (x - r >= 0 && x + r <= W && y - r >= 0 && y + r <= H) return 'inside';
    return x + r <= 0 || x - r >= W || y + r <= 0 || y - r >= H ? 'outside' : 'cut';
  };

  it('projects as maplibre draws a north-up map: the centre at the middle, 512 × 2^zoom px to the world, the nearest world copy', () => {
    expect(projectIn(camera, W, H, [30, 50])).toEqual([500, 250]);
    expect(projectIn({ center: [0, 0], zoom: 1 }, W, H, [90, 0])[0]).toBeCloseTo(500 + 256, 9);
    expect(projectIn({ center: [170, 0], zoom: 1 }, W, H, [-170, 0])[0]).toBeCloseTo(500 + (20 / 360) * 1024, 9);
    const [x, y] = projectIn(camera, W, H, at(123, 456));
    expect(x).toBeCloseTo(123, 6);
    expect(y).toBeCloseTo(456, 6);
  });

  it('zooms out about the centre just enough that a mark cut at an edge is whole, by a hair of zoom', () => {
    const cutTop: FramedMark = { at: at(700, 2), reach: 10 };
    const inside: FramedMark = { at: at(400, 200), reach: 15 };
    expect(where(cutTop, camera)).toBe('cut');
    const whole = keepMarksWhole(camera, [cutTop, inside], W, H);
    expect(whole.center).toEqual(camera.center);
    expect(whole.zoom).toBeLessThan(camera.zoom);
    expect(camera.zoom - whole.zoom).toBeLessThan(0.1);
    expect(where(cutTop, whole)).toBe('inside');
    expect(where(inside, whole)).toBe('inside');
  });

  it('grows the marks with the type scale, and brings in whole a mark that zooming out cuts next', () => {
    const a: FramedMark = { at: at(996, 250), reach: 10 };
    const b: FramedMark = { at: at(1020, 250), reach: 10 };
    expect(where(b, camera)).toBe('outside');
    const whole = keepMarksWhole(camera, [a, b], W, H);
    expect([where(a, whole), where(b, whole)]).toEqual(['inside', 'inside']);
    const bigger = keepMarksWhole(camera, [a], W, H, 2);
    expect(bigger.zoom).toBeLessThan(keepMarksWhole(camera, [a], W, H).zoom);
  });

  it('leaves the camera as it is with no mark cut, or when a mark would need more than the most it may zoom out', () => {
    const marks: FramedMark[] = [{ at: at(500, 250), reach: 10 }, { at: at(1200, 250), reach: 10 }];
    expect(keepMarksWhole(camera, marks, W, H)).toBe(camera);
    // a ring of 300 px cut at the left edge would need (500 - 303) / 495 of the scale: 1.3 zoom levels out
    const huge: FramedMark = { at: at(5, 250), reach: 300 };
    expect(where(huge, camera)).toBe('cut');
    expect(-Math.log2((500 - 303) / 495)).toBeGreaterThan(WHOLE_MARKS_MAX_OUT);
    expect(keepMarksWhole(camera, [huge], W, H)).toBe(camera);
  });
});

describe('shownMarks', () => {
  const prep = createPrep();

  it('gives the points shown at a moment with their categories on, the current event’s with its ring’s reach', () => {
    const layers = prep.theme.categories.map((c) => c.id);
    const before = shownMarks(prep, T('2025-05-15T00:00Z'), layers);
    expect(before).toEqual([]);
    const atStrike = shownMarks(prep, T('2025-06-01T06:00Z'), layers);
    expect(atStrike.map((m) => m.at)).toEqual([
      [29, 41],
      [33.5, 68],
    ]);
    const [venue, base] = atStrike;
    // the strike's base is the current event's place, the venue not
    expect(atStrike.map((m) => m.current)).toEqual([false, true]);
    expect(base.reach).toBeGreaterThan(venue.reach);
    const baseCategory = prep.placeById.get('base')!.category;
    expect(shownMarks(prep, T('2025-06-01T06:00Z'), layers.filter((id) => id !== baseCategory)).map((m) => m.at)).toEqual([[29, 41]]);
  });
});
