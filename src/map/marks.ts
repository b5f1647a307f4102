import { currentEventIndex, toHours, type PreparedStory } from '../data/prepare.ts';
import type { Padding } from './event-camera.ts';
import { markReach } from './label-plan.ts';
import { mercatorX, mercatorY, TILE_PX } from './mercator.ts';

/** A point's mark on the map: where it is ([lon, lat]) and how far it reaches from there (CSS px at scale 1: its symbol, or the ring round it). */
export interface FramedMark {
  at: [number, number];
  reach: number;
  /** Whether the place is one of the current event's. */
  current?: boolean;
}

/** Returns the marks on the map at `t` (epoch ms UTC) with these layers on: the story's points shown then, each with its reach, the current event's marked. */
export function shownMarks(prep: PreparedStory, t: number, layers: readonly string[]): FramedMark[] {
  const h = toHours(t, prep.start);
  const current = new Set(prep.events[currentEventIndex(prep.events, t)]?.places ?? []);
  return prep.places
    .filter((p) => !p.isArea && p.appearH <= h && layers.includes(p.category))
    .map((p) => ({ at: p.feature.geometry.coordinates as [number, number], reach: markReach(p, h, layers, current), current: current.has(p.id) }));
}

/** Room (CSS px at scale 1) kept between two marks' reaches. */
export const MARKS_APART_PX = 4;

/** The most (zoom levels) an event's closest zoom comes closer to keep its marks apart: two marks that would need more (one place on another) are left as they are. */
export const APART_MAX_IN = 1.5;

/**
 * Returns an event frame's closest zoom: `maxZoom`, or closer, just enough that each of the current
 * event's marks, drawn `scale` × their size, keeps MARKS_APART_PX (scaled) clear of every other mark
 * shown. The closest zooms in the data are chosen for the explorer's marks; where the marks are drawn
 * larger (the kiosk's), two venues a few km apart had one's star inside the other's ring.
 */
export function apartZoom(maxZoom: number, marks: readonly FramedMark[], scale: number): number {
  let zoom = maxZoom;
  for (const a of marks) {
    if (!a.current) continue;
    for (const b of marks) {
      if (b === a) continue;
      // their distance, px at zoom 0 (× 2^z at zoom z), to the world copy nearest
      const dx = ((((mercatorX(b.at[0]) - mercatorX(a.at[0])) % 1) + 1.5) % 1) - 0.5;
      const d = Math.hypot(dx, mercatorY(b.at[1]) - mercatorY(a.at[1])) * TILE_PX;
      if (d <= 0) continue;
      const z = Math.log2(((a.reach + b.reach + MARKS_APART_PX) * scale) / d);
      if (z > zoom && z <= maxZoom + APART_MAX_IN) zoom = z;
    }
  }
  return zoom;
}

/** A north-up camera: the centre ([lon, lat]) and zoom of a frame. */
export interface FrameCamera {
  center: [number, number];
  zoom: number;
}

/** The most an event frame zooms out (zoom levels) so that no mark is cut at its edge; a mark that would need more stays as it is. */
export const WHOLE_MARKS_MAX_OUT = 0.5;

/** Room (CSS px at type scale 1) kept between a mark brought inside and the frame's edge. */
const MARK_EDGE_PX = 3;


/** Returns where a north-up camera draws [lon, lat] in an area `width` × `height` CSS px (its centre at the area's centre), px from the area's top left. */
export function projectIn(camera: FrameCamera, width: number, height: number, [lon, lat]: [number, number]): [number, number] {
  const world = TILE_PX * 2 ** camera.zoom;
  // the world copy nearest the centre
  const dLon = ((((lon - camera.center[0]) % 360) + 540) % 360) - 180;
  return [width / 2 + (dLon / 360) * world, height / 2 + (mercatorY(lat) - mercatorY(camera.center[1])) * world];
}

/** Returns whether a north-up camera draws [lon, lat] inside a map `width` × `height` CSS px whose own padding (maplibre's `getPadding`: the centre is drawn in the middle of the map less it) is `inset` (edges included). */
export function onMap(camera: FrameCamera, width: number, height: number, inset: Padding, at: [number, number]): boolean {
  const [x, y] = projectIn(camera, width - inset.left - inset.right, height - inset.top - inset.bottom, at);
  return x + inset.left >= 0 && x + inset.left <= width && y + inset.top >= 0 && y + inset.top <= height;
}

/**
 * Returns `camera` zoomed out about the centre of its map area (`width` × `height` CSS px) just enough
 * that no mark is cut by the area's edges: a printed frame shows a mark whole or not at all. A mark
 * wholly outside stays outside (zooming out may bring it in, whole); when that would take more than
 * `WHOLE_MARKS_MAX_OUT`, `camera` itself is returned. Marks' reaches grow with `typeScale`.
 */
export function keepMarksWhole(camera: FrameCamera, marks: FramedMark[], width: number, height: number, typeScale = 1): FrameCamera {
  const [cx, cy] = [width / 2, height / 2];
  let out = 0;
  for (let round = 0; round < 8; round++) {
    const cam = { center: camera.center, zoom: camera.zoom - out };
    let k = 1;
    for (const m of marks) {
      const [x, y] = projectIn(cam, width, height, m.at);
      const r = (m.reach + MARK_EDGE_PX) * typeScale;
      if (x + r <= 0 || x - r >= width || y + r <= 0 || y - r >= height) continue;
      // the scale about the centre that brings the mark's box inside, for each edge it crosses
      if (x - r < 0) k = Math.min(k, cx > x ? (cx - r) / (cx - x) : 0);
      if (x + r > width) k = Math.min(k, x > cx ? (width - cx - r) / (x - cx) : 0);
      if (y - r < 0) k = Math.min(k, cy > y ? (cy - r) / (cy - y) : 0);
      if (y + r > height) k = Math.min(k, y > cy ? (height - cy - r) / (y - cy) : 0);
    }
    if (k >= 1) return out > 0 ? cam : camera;
    if (k <= 0) return camera;
    // a hair more than the exact scale, so the next round finds the mark inside
    out += -Math.log2(k) + 1e-6;
    if (out > WHOLE_MARKS_MAX_OUT) return camera;
  }
  return camera;
}
