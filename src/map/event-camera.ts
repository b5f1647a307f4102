import type { Geometry, Position } from 'geojson';
import type { PreparedPlace, PreparedStory } from '../data/prepare.ts';
import { boxAspect } from './bounds.ts';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/** Padding in CSS px, as maplibre's fitBounds takes it. */
export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What an event's frame holds: a box to fit and the closest zoom to show it at. */
export interface EventFrame {
  box: LonLatBox;
  maxZoom: number;
}

/** Closest zoom for an event whose subject is one point (a city: the place with its region around it). */
export const POINT_MAX_ZOOM = 6;
/** Closest zoom for any other event, unless its data camera says otherwise (closer, and schematic border strips fill the frame with no border or name around them). */
export const AREA_MAX_ZOOM = 6.5;

function eachPosition(g: Geometry, f: (p: Position) => void): void {
  if (g.type === 'Point') f(g.coordinates);
  else if (g.type === 'Polygon') g.coordinates.forEach((r) => r.forEach(f));
  else if (g.type === 'MultiPolygon') g.coordinates.forEach((poly) => poly.forEach((r) => r.forEach(f)));
}

/** Returns a place's extent: its geometry's bounding box (a point's is the point). */
export function placeExtent(p: PreparedPlace): LonLatBox {
  const box: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(p.feature.geometry, ([x, y]) => {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  });
  return box;
}

/** Returns the smallest box holding every given box. */
export function unionBox(boxes: LonLatBox[]): LonLatBox {
  return boxes.reduce<LonLatBox>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

/**
 * Returns what the camera frames for event `i`: its places' extents, its subject box and its data
 * camera's centre; the closest zoom is the data camera's, else 6 for a single point, else 9. Null
 * for no event (before the first) or an event with nothing to frame.
 */
export function eventFrame(prep: PreparedStory, i: number): EventFrame | null {
  const e = prep.events[i];
  if (!e) return null;
  const places = e.places.map((id) => prep.placeById.get(id)).filter((p): p is PreparedPlace => !!p);
  const boxes = places.map(placeExtent);
  // a place's distance arc starts on another area's outline: the frame holds the whole arc
  for (const p of places) if (p.props.borderPoint) boxes.push([p.props.borderPoint[0], p.props.borderPoint[1], p.props.borderPoint[0], p.props.borderPoint[1]]);
  if (e.subject) boxes.push(e.subject.bbox);
  if (e.camera) boxes.push([e.camera.center[0], e.camera.center[1], e.camera.center[0], e.camera.center[1]]);
  if (!boxes.length) return null;
  const box = unionBox(boxes);
  const point = box[0] === box[2] && box[1] === box[3];
  return { box, maxZoom: e.camera?.zoom ?? (point ? POINT_MAX_ZOOM : AREA_MAX_ZOOM) };
}

/**
 * Returns the padding that keeps a fitted frame clear of overlays on the map: for each overlay box
 * (CSS px, page coordinates) that overlaps the map, the map edge it hugs is padded past it, choosing
 * the side that leaves the larger clear area, or, given the `box` to fit, the side that lets it be
 * drawn largest (a tall box gives up width, a wide one height). `base` is the margin kept everywhere
 * (room for labels). Each side is capped so that at least 40 % of the map's width and height stay free.
 */
export function clearPadding(map: DOMRect, overlays: DOMRect[], base: Padding, gap = 12, box?: LonLatBox): Padding {
  const pad = { ...base };
  const aspect = box ? boxAspect(box) : null;
  const capX = map.width * 0.6;
  const capY = map.height * 0.6;
  /** Returns `p` with each pair of opposite sides scaled down to the cap. */
  const capped = (p: Padding): Padding => {
    const kx = p.left + p.right > capX ? capX / (p.left + p.right) : 1;
    const ky = p.top + p.bottom > capY ? capY / (p.top + p.bottom) : 1;
    return { left: p.left * kx, right: p.right * kx, top: p.top * ky, bottom: p.bottom * ky };
  };
  for (const o of overlays) {
    if (!o.width || !o.height || o.right <= map.left || o.left >= map.right || o.bottom <= map.top || o.top >= map.bottom) continue;
    const options: [keyof Padding, number][] = [
      ['left', o.right - map.left + gap],
      ['right', map.right - o.left + gap],
      ['top', o.bottom - map.top + gap],
      ['bottom', map.bottom - o.top + gap],
    ];
    let best: [keyof Padding, number] | null = null;
    let bestScore: [number, number] = [-1, -1];
    for (const [side, need] of options) {
      const next = { ...pad, [side]: Math.max(pad[side], need) };
      const w = Math.max(0, map.width - next.left - next.right);
      const h = Math.max(0, map.height - next.top - next.bottom);
      // the scale the box can be drawn at (px per unit of its height), else the clear area
      const area = aspect === null ? w * h : aspect > 0 && aspect < Infinity ? Math.min(w / aspect, h) : Math.min(w, h);
      // a side the cap keeps short of the overlay itself leaves the frame's edge under it: a side that
      // clears the overlay (if only part of the gap) comes first (at 1280 × 800 the open legend's 360 px
      // over the map's foot, capped to 337, had put the start of the distance lines under the legend)
      const clears = capped(next)[side] >= need - gap - 0.5 ? 1 : 0;
      if (clears > bestScore[0] || (clears === bestScore[0] && area > bestScore[1])) {
        bestScore = [clears, area];
        best = [side, need];
      }
    }
    if (best) pad[best[0]] = Math.max(pad[best[0]], best[1]);
  }
  return capped(pad);
}
