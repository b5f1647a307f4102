import type { Layer } from '@deck.gl/core';
import type { Position } from 'geojson';
import type { LayerData } from './layers.ts';

/** A lon/lat box: [west, south, east, north], degrees. A view's west and east may lie beyond ±180 (world copies). */
export type Box = [number, number, number, number];

/** Points along each arc's great circle when its box is worked out: the circle bulges poleward of its ends. */
const ARC_SAMPLES = 64;

/** Returns the box around `points`, or null for none. */
export function boxOf(points: Iterable<Position>): Box | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return w <= e ? [w, s, e, n] : null;
}

/** Returns `n` + 1 points along the great circle from `a` to `b` ([lon, lat], degrees), ends included. */
export function greatCirclePoints(a: Position, b: Position, n = ARC_SAMPLES): Position[] {
  const rad = Math.PI / 180;
  const v = ([lon, lat]: Position) => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
  const [p, q] = [v(a), v(b)];
  const angle = Math.acos(Math.min(1, Math.max(-1, p[0] * q[0] + p[1] * q[1] + p[2] * q[2])));
  if (angle < 1e-9) return [a, b];
  const out: Position[] = [];
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    const [ka, kb] = [Math.sin((1 - f) * angle) / Math.sin(angle), Math.sin(f * angle) / Math.sin(angle)];
    const [x, y, z] = [0, 1, 2].map((k) => ka * p[k] + kb * q[k]);
    out.push([Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad]);
  }
  return out;
}

/** Yields every position of a GeoJSON geometry's coordinates, however deeply nested. */
function* positions(c: unknown): Generator<Position> {
  if (!Array.isArray(c)) return;
  if (typeof c[0] === 'number') yield c as Position;
  else for (const x of c) yield* positions(x);
}

/**
 * Returns the box of each layer whose data is fixed for the load and costs a shader program of its own
 * (the areas' fill and outline, the distance arcs): worked out once per load.
 */
export function layerBoxes(data: Pick<LayerData, 'areas' | 'arcs'>): Record<string, Box | null> {
  return {
    areas: boxOf(
      (function* () {
        for (const p of data.areas) yield* positions((p.feature.geometry as { coordinates?: unknown }).coordinates);
      })(),
    ),
    'distance-arcs': boxOf(data.arcs.flatMap((p) => greatCirclePoints(p.props.borderPoint!, p.feature.geometry.coordinates as Position))),
  };
}

/** Returns whether a data box (within ±180°) meets a view box, on any world copy the view shows. */
export function boxesMeet(data: Box, view: Box): boolean {
  if (view[2] - view[0] >= 360) return data[1] <= view[3] && data[3] >= view[1];
  return data[1] <= view[3] && data[3] >= view[1] && [-360, 0, 360].some((k) => data[0] + k <= view[2] && data[2] + k >= view[0]);
}

/** Returns the ids among `boxes` whose data lies wholly outside `view` (a layer with no data is never counted). */
export function outOfView(boxes: Record<string, Box | null>, view: Box | null): Set<string> {
  if (!view) return new Set();
  return new Set(Object.entries(boxes).flatMap(([id, b]) => (b && !boxesMeet(b, view) ? [id] : [])));
}

/** What the first-view rule reads of the map. */
type ViewMap = Pick<import('maplibre-gl').Map, 'getCanvas' | 'getPixelRatio' | 'getPitch' | 'unproject' | 'on' | 'off'>;

/** How far (CSS px) beyond the map's edges a layer's data still counts as in view: marks and lines have a size in pixels. */
export const VIEW_MARGIN_PX = 96;

/**
 * Returns the box the map shows, `margin` CSS px wider on each side, or null when that cannot be told
 * from its corners (a pitched map, whose top corners may lie past the horizon): then every layer counts as in view.
 */
export function viewBox(map: Pick<ViewMap, 'getCanvas' | 'getPixelRatio' | 'getPitch' | 'unproject'>, margin = VIEW_MARGIN_PX): Box | null {
  if (map.getPitch() > 0) return null;
  const [w, h] = [map.getCanvas().width / map.getPixelRatio(), map.getCanvas().height / map.getPixelRatio()];
  const corners = [
    [-margin, -margin],
    [w + margin, -margin],
    [w + margin, h + margin],
    [-margin, h + margin],
  ].map(([x, y]) => {
    const ll = map.unproject([x, y]);
    return [ll.lng, ll.lat];
  });
  return boxOf(corners);
}

/**
 * Returns the first frame's layer filter. Each layer class deck.gl draws costs about half a second at
 * its first draw under software WebGL, and the page's first frame waits for all of them (README,
 * Performance); so until the first frame is on screen, a layer whose data lies wholly outside the view
 * is handed to deck.gl hidden, and the map's every move checks again (`onChange` is called when the set
 * changes, to hand the layers over again). `warm()`, once the first frame is on screen, shows them all
 * for good: their programs are built while they are still off-screen, so no later frame waits for one.
 */
export function createFirstView(map: ViewMap, boxes: Record<string, Box | null>, onChange: () => void) {
  let warm = false;
  let hidden = outOfView(boxes, viewBox(map));
  const onMove = () => {
    const next = outOfView(boxes, viewBox(map));
    if (next.size === hidden.size && [...next].every((id) => hidden.has(id))) return;
    hidden = next;
    onChange();
  };
  map.on('move', onMove);
  const stop = () => map.off('move', onMove);
  return {
    /** Returns `layers` with those out of view hidden (the same array once warm). */
    apply(layers: Layer[]): Layer[] {
      if (warm || !hidden.size) return layers;
      return layers.map((l) => (hidden.has(l.id) && l.props.visible ? l.clone({ visible: false }) : l));
    },
    /** Shows every layer from now on (after the first frame is on screen). */
    warm() {
      if (warm) return;
      warm = true;
      stop();
      if (hidden.size) onChange();
    },
    /** Stops listening; a later `warm()` does nothing. */
    destroy() {
      warm = true;
      stop();
    },
  };
}
