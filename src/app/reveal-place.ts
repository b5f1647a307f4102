import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ExportFlag } from '../contracts/app-context.ts';
import type { PreparedStory } from '../data/prepare.ts';
import type { Box } from '../map/label-layout.ts';
import type { Store } from '../state/store.ts';
import type { MapCovers } from './map-covers.ts';

/** How far (CSS px, before a big screen's scale) a revealed place's anchor keeps from the panel, the map's edges and the covers: room for its mark and a name beside it. */
export const REVEAL_MARGIN_PX = 64;

/** How long the map takes to make room for a place and to give it back, ms (0 under reduced motion). */
const REVEAL_MS = 400;

const inside = ([x, y]: readonly [number, number], [l, t, r, b]: Box, m: number) => x > l - m && x < r + m && y > t - m && y < b + m;

/**
 * Returns how far (px, right and down) to move the map's content so that `p` (a place's anchor, px
 * from the map's top-left) lies at least `margin` clear of `panel`, of the map's edges (`size`: width,
 * height) and of every box in `covers` (the legend, the credits): the least such move, into the room
 * left, right, above or below the panel. Returns [0, 0] when `p` is clear already or off the map (the
 * reader has moved it out of view: not the panel's to bring back), and null when no room beside the
 * panel holds it (a panel over nearly all of an embed's map).
 */
export function revealShift(p: readonly [number, number], [w, h]: readonly [number, number], panel: Box, covers: readonly Box[], margin: number): [number, number] | null {
  if (p[0] < 0 || p[1] < 0 || p[0] > w || p[1] > h || !inside(p, panel, margin)) return [0, 0];
  // the room beside the panel on each side, inset by the margin; one too small to hold a point is left out
  const rooms: Box[] = [
    [margin, margin, panel[0] - margin, h - margin],
    [panel[2] + margin, margin, w - margin, h - margin],
    [margin, margin, w - margin, panel[1] - margin],
    [margin, panel[3] + margin, w - margin, h - margin],
  ].filter(([l, t, r, b]) => r >= l && b >= t) as Box[];
  const clamp = ([x, y]: readonly [number, number], [l, t, r, b]: Box): [number, number] => [Math.min(r, Math.max(l, x)), Math.min(b, Math.max(t, y))];
  let best: [number, number] | null = null;
  let bestD = Infinity;
  for (const room of rooms) {
    // the nearest point of the room, and where a cover lies over it, the nearest points beside that cover
    const spots = [clamp(p, room)];
    for (const [l, t, r, b] of covers)
      for (const s of [
        [spots[0][0], t - margin],
        [spots[0][0], b + margin],
        [l - margin, spots[0][1]],
        [r + margin, spots[0][1]],
      ] as [number, number][])
        spots.push(clamp(s, room));
    for (const s of spots) {
      if (inside(s, panel, margin - 0.5) || covers.some((c) => inside(s, c, margin / 2))) continue;
      const d = Math.hypot(s[0] - p[0], s[1] - p[1]);
      if (d < bestD) [best, bestD] = [[s[0] - p[0], s[1] - p[1]], d];
    }
  }
  return best;
}

export interface RevealOptions {
  prep: PreparedStory;
  store: Store;
  map: MapLibreMap;
  mapEl: HTMLElement;
  /** The place's panel over the map (hidden while no place is open). */
  panel: HTMLElement;
  /** What else lies over the map: the revealed place keeps clear of it too. */
  covers: MapCovers;
  exporting: ExportFlag;
  reducedMotion: boolean;
  /** A big kiosk screen's scale (1 elsewhere). */
  screenScale: number;
}

/** Keeps an open place in view beside its panel (see `revealPlace`). */
export interface PlaceReveal {
  /** Records that the reader moved the map: the view is theirs, and closing the panel leaves it. */
  readerMoved(): void;
  destroy(): void;
}

/**
 * Moves the map, when a place's panel opens over the place it is about, the least that shows the
 * place beside the panel (`revealShift`), and moves it back when the panel closes: the panel borrows
 * the frame, it does not make a new one. Only over the app's own frame (no view of the reader's in the
 * store): a link to the place opens the same frame, and the panel opening on it moves it the same way,
 * so the link needs no view of its own. A move of the app's (a new event's frame, a refit) while the
 * panel is open is the frame to give back, and the place is shown beside the panel again; a move of
 * the reader's makes the view theirs, and closing the panel leaves it. Never while an export has the map.
 */
export function revealPlace(o: RevealOptions): PlaceReveal {
  const { map, store } = o;
  /** The camera before the panel first moved the map, given back when it closes; null while the panel has not moved it. */
  let before: { center: [number, number]; zoom: number } | null = null;
  /** The move under way is the panel's (its end is not another's frame). */
  let ours = false;
  let frame = 0;
  const duration = o.reducedMotion ? 0 : REVEAL_MS;
  const ownFrame = () => !store.getState().view && !o.exporting.active;
  /** Moves the map for the open place if its panel lies over it; `instant` on a link's first frame (no move before the page is ready). */
  const reveal = (instant = false) => {
    frame = 0;
    const id = store.getState().place;
    const place = id ? o.prep.placeById.get(id) : undefined;
    if (!place || !ownFrame() || map.isMoving() || o.panel.hidden) return;
    const m = o.mapEl.getBoundingClientRect();
    const onMap = (r: DOMRect): Box => [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top];
    const at = map.project(place.props.anchor);
    const d = revealShift([at.x, at.y], [m.width, m.height], onMap(o.panel.getBoundingClientRect()), o.covers.rects().map(onMap), REVEAL_MARGIN_PX * o.screenScale);
    if (!d || (d[0] === 0 && d[1] === 0)) return;
    if (!before) {
      const c = map.getCenter();
      before = { center: [c.lng, c.lat], zoom: map.getZoom() };
    }
    ours = true;
    map.panBy([-d[0], -d[1]], { duration: instant ? 0 : duration });
  };
  // measured on the next frame: the panel has its content and its size then
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => reveal());
  };
  const giveBack = () => {
    const b = before;
    before = null;
    if (!b || !ownFrame()) return;
    ours = true;
    map.easeTo({ ...b, duration });
  };
  const onMoveEnd = () => {
    if (ours) {
      ours = false;
      return;
    }
    // another's move: the app's new frame (the one to give back), or the reader's (`readerMoved`)
    before = null;
    if (store.getState().place) schedule();
  };
  map.on('moveend', onMoveEnd);
  const offStore = store.subscribe((s, p) => {
    if (s.place === p.place) return;
    if (s.place) schedule();
    else giveBack();
  });
  // a link that opens on a place: at the map's first rest, in the same task as readiness's check, so
  // the page is not ready before the map has moved
  const first = () => reveal(true);
  if (store.getState().place) map.once('idle', first);
  return {
    readerMoved() {
      before = null;
    },
    destroy() {
      cancelAnimationFrame(frame);
      map.off('moveend', onMoveEnd);
      map.off('idle', first);
      offStore();
    },
  };
}
