import type { Map as MapLibreMap } from 'maplibre-gl';
import { storyBounds } from '../map/bounds.ts';
import { currentEventIndex, type PreparedPlace, type PreparedStory } from '../data/prepare.ts';
import type { AppState } from '../state/store.ts';
import { boxesOverlap, placeBox } from './caption.ts';
import type { Frame } from './caption-layout.ts';

/** Heights (CSS px) of the caption's top and bottom bands; the map area lies between them. */
export interface Bands {
  top: number;
  bottom: number;
}

/** How a frame is filled: the whole story fitted, or a camera centred in the map area. */
export type Framing = { kind: 'story' } | { kind: 'camera'; center: [number, number]; zoom: number };

/**
 * Returns screenshot mode's framing: the URL's `view` if given, else with `follow=1` the current
 * event's camera stop, else the whole story.
 */
export function screenshotFraming(prep: PreparedStory, s: Pick<AppState, 't' | 'view' | 'follow'>): Framing {
  if (s.view) return { kind: 'camera', center: [s.view.lon, s.view.lat], zoom: s.view.zoom };
  const cam = s.follow ? prep.events[currentEventIndex(prep.events, s.t)]?.camera : undefined;
  if (cam) return { kind: 'camera', center: cam.center, zoom: cam.zoom };
  return { kind: 'story' };
}

/**
 * Returns the explorer's framing for an export: the whole story while the reader has not moved
 * the map (no view, not following events); otherwise what the reader sees, kept in frame: the same
 * centre, zoomed so the visible extent of the `from` frame still fits the export's map area.
 */
export function exploreFraming(map: MapLibreMap, s: Pick<AppState, 'view' | 'follow'>, from: Frame, to: Frame, bands: Bands): Framing {
  if (!s.view && !s.follow) return { kind: 'story' };
  const c = map.getCenter().wrap();
  const k = Math.min(to.width / from.width, Math.max(1, to.height - bands.top - bands.bottom) / from.height);
  return { kind: 'camera', center: [c.lng, c.lat], zoom: map.getZoom() + Math.log2(k) };
}

/** Returns the padding (CSS px) that keeps fitted features, and the labels centred on them, inside the map area. */
export function framePadding(frame: Frame, bands: Bands) {
  const m = Math.round(Math.min(frame.width, frame.height) * 0.05);
  const x = Math.max(64, m);
  const y = Math.max(40, m);
  return { top: bands.top + y, bottom: bands.bottom + y, left: x, right: x };
}

/** Moves the map (whose container is `frame` in size) to a framing, at once, with the map area between the bands. */
export function applyFraming(map: MapLibreMap, prep: PreparedStory, framing: Framing, frame: Frame, bands: Bands): void {
  if (framing.kind === 'story') {
    map.fitBounds(storyBounds(prep), { padding: framePadding(frame, bands), animate: false });
    return;
  }
  const zoom = Math.min(map.getMaxZoom(), Math.max(map.getMinZoom(), framing.zoom));
  map.jumpTo({ center: framing.center, zoom });
  const dy = (bands.top - bands.bottom) / 2;
  if (Math.abs(dy) >= 0.5) map.jumpTo({ center: map.unproject([frame.width / 2, frame.height / 2 - dy]) });
}

/** Returns a test of whether a place's extent overlaps what the map shows now. */
export function inFrameOf(map: MapLibreMap): (p: PreparedPlace) => boolean {
  const b = map.getBounds();
  const view: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  return (p) => boxesOverlap(placeBox(p), view);
}
