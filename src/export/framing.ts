import type { Map as MapLibreMap } from 'maplibre-gl';
import { storyBounds } from '../map/bounds.ts';
import { SMALLEST_MAP_LABEL_PX } from '../map/label-sizes.ts';
import { eventFrame, type LonLatBox } from '../map/event-camera.ts';
import { currentEventIndex, type PreparedPlace, type PreparedStory } from '../data/prepare.ts';
import type { AppState } from '../state/store.ts';
import { boxesOverlap, placeBox } from './caption.ts';
import type { Frame } from './caption-layout.ts';

/** Heights (CSS px) of the caption's top and bottom bands; the map area lies between them. */
export interface Bands {
  top: number;
  bottom: number;
}

/** How a frame is filled: the whole story fitted, an event's box fitted (no closer than maxZoom), or a camera centred in the map area. */
export type Framing = { kind: 'story' } | { kind: 'event'; box: LonLatBox; maxZoom: number } | { kind: 'camera'; center: [number, number]; zoom: number };

/** Returns the current event's framing (its places or subject, `eventFrame`), or the whole story before the first event. */
export function eventFraming(prep: PreparedStory, t: number): Framing {
  const f = eventFrame(prep, currentEventIndex(prep.events, t));
  return f ? { kind: 'event', ...f } : { kind: 'story' };
}

/**
 * Returns screenshot mode's framing: the URL's `view` if given, else when following (the default)
 * the current event's frame, else (`follow=0`) the whole story.
 */
export function screenshotFraming(prep: PreparedStory, s: Pick<AppState, 't' | 'view' | 'follow'>): Framing {
  if (s.view) return { kind: 'camera', center: [s.view.lon, s.view.lat], zoom: s.view.zoom };
  return s.follow ? eventFraming(prep, s.t) : { kind: 'story' };
}

/**
 * Returns the explorer's framing for an export: while the reader has not moved the map, the current
 * event framed anew for the export's map area when following (`framed` says what the explorer shows),
 * else the whole story; otherwise what the reader sees, kept in frame: the same centre, zoomed so the
 * visible extent of the `from` frame still fits the export's map area.
 */
export function exploreFraming(
  map: MapLibreMap,
  prep: PreparedStory,
  s: Pick<AppState, 't' | 'view' | 'follow'>,
  framed: 'story' | 'event',
  from: Frame,
  to: Frame,
  bands: Bands,
): Framing {
  if (!s.view) return s.follow && framed === 'event' ? eventFraming(prep, s.t) : { kind: 'story' };
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

/** Size (CSS px) of the caption's legend text at layout unit 1, its body text; map labels are 12–15 px at type scale 1. */
const CAPTION_BODY_PX = 17;

/**
 * Returns the padding (CSS px) for an event frame: room beside the outermost marks for their names
 * (about 60 px of a label each side of a mark, 45 px above), at the frame's type scale `k`.
 */
export function eventPadding(frame: Frame, bands: Bands, k: number) {
  const x = Math.max(96 * k, Math.round(frame.width * 0.08));
  const y = Math.max(56 * k, Math.round(frame.height * 0.06));
  return { top: bands.top + y, bottom: bands.bottom + y, left: x, right: x };
}

/**
 * Returns the map's type scale for a frame whose caption is laid out at `unit`: labels, marks and
 * lines grow so that the smallest map label is as large as the caption's body text (never below 1).
 */
export function mapTypeScale(unit: number): number {
  return Math.max(1, (unit * CAPTION_BODY_PX) / SMALLEST_MAP_LABEL_PX);
}

/**
 * Moves the map (whose container is `frame` in size) to a framing, at once, with the map area between
 * the bands. `typeScale` (≥ 1, `mapTypeScale`) lets an event frame come closer in proportion, as the
 * kiosk's camera does on a big screen.
 */
export function applyFraming(map: MapLibreMap, prep: PreparedStory, framing: Framing, frame: Frame, bands: Bands, typeScale = 1): void {
  if (framing.kind === 'story') {
    map.fitBounds(storyBounds(prep), { padding: framePadding(frame, bands), animate: false });
    return;
  }
  if (framing.kind === 'event') {
    const [w, s, e, n] = framing.box;
    const k = typeScale;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: eventPadding(frame, bands, k), maxZoom: framing.maxZoom + Math.log2(k), animate: false },
    );
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
