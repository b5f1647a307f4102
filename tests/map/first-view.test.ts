import { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { boxesMeet, createFirstView, greatCirclePoints, layerBoxes, outOfView, viewBox, type Box } from '../../src/map/first-view.ts';
import type { LayerData } from '../../src/map/layers.ts';

/** Returns layer data with one area (a polygon over 37–39° E, 47–49° N) and one arc from `from` to `to`. */
function createData(from: [number, number] = [33.2, 52.3], to: [number, number] = [33.47, 68.15]) {
  return {
    areas: [{ feature: { geometry: { type: 'MultiPolygon', coordinates: [[[[37, 47], [39, 47], [39, 49], [37, 47]]]] } } }],
    arcs: [{ props: { borderPoint: from }, feature: { geometry: { type: 'Point', coordinates: to } } }],
  } as unknown as Pick<LayerData, 'areas' | 'arcs'>;
}

/** A 1280 × 720 map whose view is `box` (no world wrap), mapped linearly, with its move listeners. */
function createMap(box: Box, pitch = 0) {
  const moves = new Set<() => void>();
  const map = {
    view: box,
    getCanvas: () => ({ width: 1280, height: 720 }),
    getPixelRatio: () => 1,
    getPitch: () => pitch,
    unproject: ([x, y]: [number, number]) => ({ lng: map.view[0] + (x / 1280) * (map.view[2] - map.view[0]), lat: map.view[3] - (y / 720) * (map.view[3] - map.view[1]) }),
    on: (_: string, f: () => void) => moves.add(f),
    off: (_: string, f: () => void) => moves.delete(f),
    moveTo(b: Box) {
      map.view = b;
      moves.forEach((f) => f());
    },
    listeners: () => moves.size,
  };
  return map;
}

const CITY: Box = [28.7, 40.8, 29.4, 41.3];
const STORY: Box = [20, 38, 140, 72];
const layers = () => ['areas', 'distance-arcs', 'points'].map((id) => new ScatterplotLayer({ id, data: [] }));
const shown = (ls: { id: string; props: { visible: boolean } }[]) => ls.filter((l) => l.props.visible).map((l) => l.id);

describe('layerBoxes', () => {
  it('boxes the areas by every ring position and an arc along its great circle, which bulges poleward of its ends', () => {
    const boxes = layerBoxes(createData([30, 60], [130, 60]));
    expect(boxes.areas).toEqual([37, 47, 39, 49]);
    const [w, s, e, n] = boxes['distance-arcs']!;
    [w, s, e].forEach((v, i) => expect(v).toBeCloseTo([30, 60, 130][i]));
    expect(n).toBeGreaterThan(69);
  });

  it('has no box for a layer without data', () => {
    expect(layerBoxes({ areas: [], arcs: [] })).toEqual({ areas: null, 'distance-arcs': null });
  });

  it('samples a great circle with its ends exact', () => {
    const pts = greatCirclePoints([10, 20], [50, 40], 8);
    expect(pts).toHaveLength(9);
    expect(pts[0][0]).toBeCloseTo(10);
    expect(pts[8][1]).toBeCloseTo(40);
  });
});

describe('outOfView', () => {
  const boxes = layerBoxes(createData());
  it('counts the layers whose data lies wholly outside a city view, and none of a view over the whole story', () => {
    expect([...outOfView(boxes, CITY)].sort()).toEqual(['areas', 'distance-arcs']);
    expect(outOfView(boxes, STORY).size).toBe(0);
  });

  it('counts a layer as in view when the view only grazes its box, or shows it on another world copy', () => {
    expect(outOfView(boxes, [39, 49, 45, 55]).has('areas')).toBe(false);
    expect(boxesMeet([37, 47, 39, 49], [380, 40, 420, 60])).toBe(true);
    expect(boxesMeet([37, 47, 39, 49], [-340, 40, -300, 60])).toBe(true);
    expect(boxesMeet([37, 47, 39, 49], [-200, 40, 500, 46])).toBe(false);
  });

  it('hides nothing when the view cannot be told (a pitched map)', () => {
    expect(viewBox(createMap(CITY, 30) as never)).toBeNull();
    expect(outOfView(boxes, null).size).toBe(0);
  });

  it('widens the view by a margin in pixels, so a mark just past the edge counts as in view', () => {
    const v = viewBox(createMap([0, 0, 12.8, 7.2]) as never, 100)!;
    expect(v[0]).toBeCloseTo(-1);
    expect(v[2]).toBeCloseTo(13.8);
    expect(v[1]).toBeCloseTo(-1);
  });
});

describe('createFirstView', () => {
  it('hides the layers out of the first view and shows one as soon as a move brings it into view', () => {
    const map = createMap(CITY);
    let changes = 0;
    const fv = createFirstView(map as never, layerBoxes(createData()), () => changes++);
    expect(shown(fv.apply(layers()))).toEqual(['points']);
    map.moveTo([29, 41, 30, 42]);
    expect(changes).toBe(0);
    map.moveTo([36, 44, 40, 50]);
    expect(changes).toBe(1);
    expect(shown(fv.apply(layers()))).toEqual(['areas', 'points']);
  });

  it('shows every layer for good once warm, with nothing more to check on a move', () => {
    const map = createMap(CITY);
    let changes = 0;
    const fv = createFirstView(map as never, layerBoxes(createData()), () => changes++);
    fv.warm();
    expect(changes).toBe(1);
    const ls = layers();
    expect(fv.apply(ls)).toBe(ls);
    expect(map.listeners()).toBe(0);
    fv.warm();
    expect(changes).toBe(1);
  });

  it('keeps a layer its toggle hides hidden, and does nothing on a warm after destroy', () => {
    const map = createMap(STORY);
    let changes = 0;
    const fv = createFirstView(map as never, layerBoxes(createData()), () => changes++);
    const off = new ScatterplotLayer({ id: 'distance-arcs', data: [], visible: false });
    expect(fv.apply([off])[0].props.visible).toBe(false);
    map.moveTo(CITY);
    fv.destroy();
    fv.warm();
    expect(changes).toBe(1);
    expect(map.listeners()).toBe(0);
  });
});
