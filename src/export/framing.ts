import type { Map as MapLibreMap } from 'maplibre-gl';
import { storyBounds } from '../map/bounds.ts';
import { SMALLEST_MAP_LABEL_PX } from '../map/label-sizes.ts';
import { eventFrame, type LonLatBox } from '../map/event-camera.ts';
import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import { keepMarksWhole, type FrameCamera, type FramedMark } from '../map/marks.ts';
import type { AppState } from '../state/store.ts';
import { frameTest, type InFrame } from './caption.ts';
import type { CaptionLayout, Frame } from './caption-layout.ts';

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
 * kiosk's camera does on a big screen. Given the `marks` shown (`shownMarks`), an event frame zooms out
 * a little where one would be cut at the map area's edge (`keepMarksWhole`).
 */
export function applyFraming(map: MapLibreMap, prep: PreparedStory, framing: Framing, frame: Frame, bands: Bands, typeScale = 1, marks: FramedMark[] = []): void {
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
    if (!marks.length) return;
    const areaH = Math.max(1, frame.height - bands.top - bands.bottom);
    const c = map.unproject([frame.width / 2, bands.top + areaH / 2]);
    const fitted: FrameCamera = { center: [c.lng, c.lat], zoom: map.getZoom() };
    const whole = keepMarksWhole(fitted, marks, frame.width, areaH, k);
    if (whole !== fitted) applyFraming(map, prep, { kind: 'camera', ...whole }, frame, bands);
    return;
  }
  const zoom = Math.min(map.getMaxZoom(), Math.max(map.getMinZoom(), framing.zoom));
  map.jumpTo({ center: framing.center, zoom });
  const dy = (bands.top - bands.bottom) / 2;
  if (Math.abs(dy) >= 0.5) map.jumpTo({ center: map.unproject([frame.width / 2, frame.height / 2 - dy]) });
}

/** How far (CSS px) inside the frame an area must reach to count as shown (legend, source line). */
const AREA_INSET_PX = 4;

/**
 * Returns a test of whether a place (a point by its box, an area by its shape, `AREA_INSET_PX` in from
 * the edges) or a line lies in what the map shows now between the caption's bands (`frame` high, north
 * up): a place under a band is hidden by the caption.
 */
export function inFrameOf(map: MapLibreMap, frame: Frame, bands: Bands): InFrame {
  const b = map.getBounds();
  const north = map.unproject([frame.width / 2, bands.top]).lat;
  const south = map.unproject([frame.width / 2, frame.height - bands.bottom]).lat;
  // an area counts from AREA_INSET_PX inside the frame: a region that only meets its edge is not seen
  const nw = map.unproject([AREA_INSET_PX, bands.top + AREA_INSET_PX]);
  const se = map.unproject([frame.width - AREA_INSET_PX, frame.height - bands.bottom - AREA_INSET_PX]);
  return frameTest([b.getWest(), south, b.getEast(), north], [nw.lng, se.lat, se.lng, nw.lat]);
}

/**
 * Returns the caption laid out (`lay`) for what the map shows between its bands. The bottom band holds
 * the legend, whose rows are the categories seen between the bands: laid out first for the bands the map
 * was framed with (`bands`), then again for the bands that gave while they change (at most four layouts).
 */
export function layoutInFrame<L extends CaptionLayout>(map: MapLibreMap, frame: Frame, bands: Bands, lay: (inFrame: InFrame) => L): L {
  let b = bands;
  let layout = lay(inFrameOf(map, frame, b));
  for (let i = 0; i < 3 && (layout.top !== b.top || layout.bottom !== b.bottom); i++) {
    b = layout;
    layout = lay(inFrameOf(map, frame, b));
  }
  return layout;
}

/** The most times `frameWithCaption` frames the map: the legend can change the bands only a row at a time. */
const MOST_FRAMINGS = 3;

/**
 * Frames the map (`applyFraming`) and lays out its caption for what the framing shows
 * (`layoutInFrame`), so that the two agree: the bands the layout gives are those the map area was
 * fitted between. The bands depend on what is in frame (the legend's rows), and the framing on the
 * bands, so the map is framed again for the bands the layout gave until they stay (at most three
 * framings). If they never stay, the map is framed for the tallest bands seen, so what was fitted is
 * inside the map area, and the caption is laid out for that. Returns the layout and the bands the map
 * was last framed with.
 */
export function frameWithCaption<L extends CaptionLayout>(
  map: MapLibreMap,
  prep: PreparedStory,
  framing: Framing,
  frame: Frame,
  bands: Bands,
  typeScale: number,
  marks: FramedMark[],
  lay: (inFrame: InFrame) => L,
): { layout: L; bands: Bands } {
  let b = bands;
  const tallest = { ...bands };
  for (let i = 0; i < MOST_FRAMINGS; i++) {
    applyFraming(map, prep, framing, frame, b, typeScale, marks);
    const layout = layoutInFrame(map, frame, b, lay);
    if (layout.top === b.top && layout.bottom === b.bottom) return { layout, bands: b };
    b = { top: layout.top, bottom: layout.bottom };
    tallest.top = Math.max(tallest.top, b.top);
    tallest.bottom = Math.max(tallest.bottom, b.bottom);
  }
  applyFraming(map, prep, framing, frame, tallest, typeScale, marks);
  return { layout: layoutInFrame(map, frame, tallest, lay), bands: tallest };
}

