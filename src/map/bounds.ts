import type { LngLatBoundsLike } from 'maplibre-gl';
import type { PreparedStory } from '../data/prepare.ts';
import { mercatorX, mercatorY } from './mercator.ts';

/** Degrees of longitude between two groups of places beyond which a narrow map's story view leaves the smaller group to its own events' frames. */
export const FAR_GAP_DEG = 20;

/** A map this many times narrower (width / height) than the story's box is narrow: fitting the whole box would leave most of it empty. */
const NARROW_FACTOR = 1.5;

/** Degrees added around the places on every side. */
const MARGIN_DEG = 2;

/** What a story frame holds: the story's view for the map's shape (`storyBox`), or every place of the story however far apart (`everyPlaceBox`). */
export type StoryScope = 'story' | 'every-place';

/** Returns a box's width over its height as the map draws it (Web Mercator). */
export function boxAspect([w, s, e, n]: [number, number, number, number]): number {
  const h = mercatorY(s) - mercatorY(n);
  return h > 0 ? (mercatorX(e) - mercatorX(w)) / h : Infinity;
}

/**
 * Returns [west, south, east, north] (degrees) around the story's places. On a map much narrower
 * than that box (`aspect`, the map's width / height, under a 1.5th of the box's: a phone, a tablet
 * held upright) a group of places cut off from the rest by more than FAR_GAP_DEG of longitude (the
 * air bases in Siberia and the Far East) is left out unless it holds most of the places: fitting
 * them too would zoom out until Africa and Australia fill the map. Their own events frame them.
 */
export function storyBox(prep: PreparedStory, aspect = Infinity): [number, number, number, number] {
  let anchors = prep.places.map((p) => p.props.anchor);
  if (anchors.length > 1 && aspect < boxAspect(boxAround(anchors)) / NARROW_FACTOR) {
    const lons = anchors.map((a) => a[0]).sort((a, b) => a - b);
    const groups: number[][] = [[lons[0]]];
    for (let i = 1; i < lons.length; i++) {
      if (lons[i] - lons[i - 1] > FAR_GAP_DEG) groups.push([]);
      groups[groups.length - 1].push(lons[i]);
    }
    const main = groups.reduce((a, b) => (b.length > a.length ? b : a));
    anchors = anchors.filter((a) => a[0] >= main[0] && a[0] <= main[main.length - 1]);
  }
  return boxAround(anchors);
}

/**
 * Returns [west, south, east, north] (degrees) around every place of the story, whatever the map's
 * shape: the kiosk's attract frame, which must show the whole story even on an upright screen.
 */
export function everyPlaceBox(prep: PreparedStory): [number, number, number, number] {
  return boxAround(prep.places.map((p) => p.props.anchor));
}

/** Returns the box a story frame of this scope fits on a map of this `aspect` (width / height). */
export function scopeBox(prep: PreparedStory, aspect: number, scope: StoryScope): [number, number, number, number] {
  return scope === 'every-place' ? everyPlaceBox(prep) : storyBox(prep, aspect);
}

/** Returns the box around points with MARGIN_DEG on every side. */
function boxAround(points: [number, number][]): [number, number, number, number] {
  const xs = points.map((a) => a[0]);
  const ys = points.map((a) => a[1]);
  return [Math.min(...xs) - MARGIN_DEG, Math.min(...ys) - MARGIN_DEG, Math.max(...xs) + MARGIN_DEG, Math.max(...ys) + MARGIN_DEG];
}

/** Returns the story's box (`storyBox`) as fitBounds takes it; `aspect` is the map's width / height. */
export function storyBounds(prep: PreparedStory, aspect = Infinity): LngLatBoundsLike {
  const [w, s, e, n] = storyBox(prep, aspect);
  return [
    [w, s],
    [e, n],
  ];
}
