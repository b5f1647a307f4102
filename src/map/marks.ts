import { currentEventIndex, toHours, type PreparedStory } from '../data/prepare.ts';
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
