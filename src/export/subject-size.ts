import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import { placeExtent, unionBox, type LonLatBox } from '../map/event-camera.ts';
import { storyBounds } from '../map/bounds.ts';
import type { CaptionContent } from './caption.ts';
import type { Frame } from './caption-layout.ts';
import { eventFraming, eventPadding, framePadding, type Bands, type Framing } from './framing.ts';

/** Smallest size (CSS px, the larger side) an event's areas may have in an export or screenshot before the frame moves to the event. */
export const SUBJECT_MIN_PX = 24;

/** Caption note when the frame was moved to the event because its places would have been too small. */
export const SUBJECT_FRAMED_NOTE = `framed on the event: its places would be under ${SUBJECT_MIN_PX} px in the requested view`;

/** Returns x, y of a lon/lat in px of a 512 px Web Mercator world at zoom 0. */
function worldPx(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * 512, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 512];
}

/** Returns a box's size in px (its larger side) at `zoom`. */
export function boxPx(box: LonLatBox, zoom: number): number {
  const [x0, y1] = worldPx(box[0], box[1]);
  const [x1, y0] = worldPx(box[2], box[3]);
  return Math.max(x1 - x0, y1 - y0) * 2 ** zoom;
}

/** Returns the zoom at which maplibre's fitBounds fits a box into a frame with padding (CSS px). */
export function fitZoom(box: LonLatBox, frame: Frame, pad: { top: number; bottom: number; left: number; right: number }): number {
  const [x0, y1] = worldPx(box[0], box[1]);
  const [x1, y0] = worldPx(box[2], box[3]);
  const w = Math.max(1, frame.width - pad.left - pad.right);
  const h = Math.max(1, frame.height - pad.top - pad.bottom);
  return Math.min(x1 > x0 ? Math.log2(w / (x1 - x0)) : Infinity, y1 > y0 ? Math.log2(h / (y1 - y0)) : Infinity);
}

/**
 * Returns the box of event `i`'s areas (its area places' extents and its subject box), or null when
 * its places are all points: a point is drawn as a mark of its own size at every zoom.
 */
export function subjectBox(prep: PreparedStory, i: number): LonLatBox | null {
  const e = prep.events[i];
  if (!e) return null;
  const boxes = e.places
    .map((id) => prep.placeById.get(id))
    .filter((p) => p && p.feature.geometry.type !== 'Point')
    .map((p) => placeExtent(p!));
  if (e.subject) boxes.push(e.subject.bbox);
  return boxes.length ? unionBox(boxes) : null;
}

/** Returns the zoom a framing lands at in a frame (as `applyFraming` fits it), or null for a camera framing's own zoom. */
export function framingZoom(prep: PreparedStory, framing: Framing, frame: Frame, bands: Bands, typeScale = 1): number {
  if (framing.kind === 'camera') return framing.zoom;
  if (framing.kind === 'event') return Math.min(framing.maxZoom + Math.log2(typeScale), fitZoom(framing.box, frame, eventPadding(frame, bands, typeScale)));
  const [[w, s], [e, n]] = storyBounds(prep) as [[number, number], [number, number]];
  return fitZoom([w, s, e, n], frame, framePadding(frame, bands));
}

/**
 * Returns the framing that keeps the current event's subject visible: `framing` itself when the
 * event's areas are at least SUBJECT_MIN_PX across in it (or it already frames the event, or the
 * event has only points), else the event's own frame, with the caption note that says so.
 */
export function keepSubjectVisible(prep: PreparedStory, framing: Framing, t: number, frame: Frame, bands: Bands, typeScale = 1): { framing: Framing; note: string | null } {
  if (framing.kind === 'event') return { framing, note: null };
  const i = currentEventIndex(prep.events, t);
  const box = subjectBox(prep, i);
  if (!box || boxPx(box, framingZoom(prep, framing, frame, bands, typeScale)) >= SUBJECT_MIN_PX) return { framing, note: null };
  const event = eventFraming(prep, t);
  return event.kind === 'event' ? { framing: event, note: SUBJECT_FRAMED_NOTE } : { framing, note: null };
}

/** Returns caption content with the subject note added to the event line (unchanged when there is no note). */
export function withSubjectNote(c: CaptionContent, note: string | null): CaptionContent {
  return note && c.event ? { ...c, event: `${c.event} (${note})` } : c;
}
