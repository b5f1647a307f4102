import type { PreparedPlace, PreparedStory } from '../data/prepare.ts';
import { calloutsOf } from '../data/callouts.ts';
import { areaBox, holds, polygonsOf } from './area-shape.ts';
import { storyBox } from './bounds.ts';
import { DISTANCE_LABELS_MIN_ZOOM, SMALLEST_MAP_LABEL_PX } from './label-sizes.ts';
import { CURRENT_RING, TALKS_RING, ringReach } from './ring-sizes.ts';
import { greatCirclePoints } from './first-view.ts';
import { coveredArea, layoutLabels, lineBoxes, outsideArea, type Box, type HiddenArea, type LabelRequest, type LabelSide } from './label-layout.ts';

/** A label the layers draw: the text, the point it belongs to, its size and its offset (px) from that point to its centre. */
export interface PlannedLabel {
  id: string;
  text: string;
  position: [number, number];
  size: number;
  dx: number;
  dy: number;
  /** Width and height (px) of the box it was laid out with. */
  w: number;
  h: number;
  /** The place it names, if any. */
  place?: PreparedPlace;
  /**
   * How its lines line up, for a name of several lines beside its mark: `start` (left-aligned) on the
   * mark's right, `end` on its left, so the lines begin or end by the mark as one line would, the text
   * drawn from `dx` px (from the anchor, the box's inner edge less its padding); centred (none) above,
   * below or over its anchor.
   */
  align?: { anchor: 'start' | 'end'; dx: number };
}

/** Where every story label goes for one event at one zoom step; the layers draw exactly these. */
export interface LabelPlan {
  /** Place names of areas (drawn under the marks) and of points (over them). */
  areas: PlannedLabel[];
  points: PlannedLabel[];
  /** Distance labels of the airbases' arcs. */
  distances: PlannedLabel[];
  /** The event's subject name and key-figure callout (drawn on a panel). */
  notes: PlannedLabel[];
  /** Leader lines [from, to] in lon/lat from a callout's place to its panel. */
  leaders: { from: [number, number]; to: [number, number] }[];
  /** Where the point marks shown are (lon/lat), named or not: the basemap's names keep clear of each. */
  marks: [number, number][];
}

/** An empty plan (no labels). */
export const NO_LABELS: LabelPlan = { areas: [], points: [], distances: [], notes: [], leaders: [], marks: [] };

/** What the planner needs besides the story: the map's projection and text metrics, and the layer rules. */
export interface PlanInput {
  prep: PreparedStory;
  /** Index of the current event (-1 before the first). */
  current: number;
  /** Hours from the story start. */
  h: number;
  layers: string[];
  /** Zoom the layer rules see (story label ranks, short arcs). */
  zoomStep: number;
  /** The map's zoom now, and the zoom to lay out at (the lowest the plan is shown at); labels are kept apart at both. */
  zoom: number;
  layoutZoom: number;
  /** A phone-sized map: short distance labels wait for zoom 4. */
  narrow: boolean;
  /** Size multiplier (kiosk, exports). */
  scale: number;
  /**
   * The whole story at once (the kiosk's attract frame): the current event's places are named but not
   * forced (a name with no room beside its own mark is left out, its mark still drawn) and not ringed.
   */
  overview?: boolean;
  project(lonLat: [number, number]): [number, number];
  unproject(px: [number, number]): [number, number];
  /** The clear map area in screen px now (inside the caption bands): labels keep inside it. */
  view: Box;
  /** Boxes over the map in screen px now that hide what lies under them (the legend, the attribution): labels keep clear of them. */
  covers?: readonly Box[];
  /** Returns the width (px) of a line of bold text at a size (px). */
  measure(text: string, size: number): number;
  /**
   * Whether a point (lon/lat) is on land, in any country (the basemap's): an administrative region's name
   * outside its shape on land lies in another region, drawn or not. Without it, only the story's areas count.
   */
  onLand?(q: [number, number]): boolean;
  /** Sorted by label rank. */
  areaPlaces: PreparedPlace[];
  pointPlaces: PreparedPlace[];
  arcs: PreparedPlace[];
  labelText(p: PreparedPlace): string;
  labelMinZoom(p: PreparedPlace): number;
  labelBelow(p: PreparedPlace): boolean;
  distanceText(p: PreparedPlace): string;
  distanceAt(p: PreparedPlace): [number, number];
  /** Further points along the arc (lon/lat) for its distance label, in order of preference, where its middle has no room. */
  distanceAlong?(p: PreparedPlace): [number, number][];
  /** Distance labels shorter than this many km wait for zoom 4 on a narrow map. */
  shortArc(p: PreparedPlace): boolean;
}

/** A point's icon (px at scale 1), an obstacle for other labels; the rings drawn round points are in ring-sizes.ts. */
const MARK_PX = 20;
/** Straight pieces an arc is cut into for its names to keep clear of it (about 20 px each across a 1,000 px arc: close to the drawn curve). */
const ARC_LINE_SAMPLES = 48;
const CURRENT_RING_PX = ringReach(CURRENT_RING);
const TALKS_RING_PX = ringReach(TALKS_RING);
/**
 * Returns how far (px at scale 1) a shown point's mark reaches on the map at `h` (hours from the story's
 * start): its icon, or the ring drawn round it (the current event's `current` places, unless the map
 * shows an overview; a venue while its talks are on and its category is shown).
 */
export function markReach(p: PreparedPlace, h: number, layers: readonly string[], current: ReadonlySet<string>, overview = false): number {
  const talks = p.activeRanges.some(([a, b]) => a <= h && h <= b) && layers.includes(p.category);
  return Math.max(MARK_PX / 2, current.has(p.id) && !overview ? CURRENT_RING_PX : 0, talks ? TALKS_RING_PX : 0);
}

/** Room (px at scale 1) a label keeps from the map's edges and from what covers the map (the legend, the credits). */
const EDGE_ROOM_PX = 3;
/** Room (px at scale 1) between a ring round a point and its own name's box. */
const RING_ROOM_PX = 4;
/** The least gap (px at scale 1) from a ringed point's centre to its name's box: 6 px beyond the current event's ring. */
const RING_GAP_PX = 21;
/**
 * The gap (px at scale 1) from an unringed point's centre to its name's box: just enough that a name at
 * a corner (`sideOffset`: the gap's diagonal) clears the mark's box (`MARK_PX` square) by 1 px. Until
 * session 42 it was the ringed gap, and a wall screen's type scale set a town's name some 45 px below
 * its dot, nearer the next region's dots than its own.
 */
const MARK_GAP_PX = (MARK_PX / 2 + 1) * Math.SQRT2;
const CORNERS: LabelSide[] = ['above-right', 'below-right', 'above-left', 'below-left'];
/** The sides a point's name tries (above or below first), and an area's: shared by every request (a plan makes thousands). */
const POINT_SIDES_ABOVE: LabelSide[] = ['above', 'below', 'right', 'left', ...CORNERS];
const POINT_SIDES_BELOW: LabelSide[] = ['below', 'above', 'right', 'left', ...CORNERS];
const AREA_SIDES: LabelSide[] = ['center', 'above', 'below'];
const DISTANCE_SIDES: LabelSide[] = ['center', 'above', 'below'];
const BESIDE_STEEP_ARC: LabelSide[] = ['right', 'left'];
const CALLOUT_GAP = 46;
/**
 * Room (px at scale 1) a figure given for no place keeps between its panel and every mark's centre
 * (`LabelRequest.apartFromMarks`): a little less than a placed figure's way to its own mark
 * (`CALLOUT_GAP`), which its leader makes its own.
 */
const FIGURE_APART_PX = 40;
/** Room (px at scale 1) between the panels of figures given side by side. */
const PANEL_APART = 16;
/** Room (px at scale 1) a row of such panels keeps from each side of the map: a wider row is a column. */
const EDGE_ROOM = 8;

/**
 * Lays figures given side by side out as one row, in their order, left to right, each panel centred on
 * the row's middle line, `apart` px from the next. Returns the row's size and each panel with its offset
 * (dx, dy) from the row's centre; null when the row would be wider than `maxW`.
 */
export function calloutRow(panels: readonly PlannedLabel[], apart: number, maxW: number): { w: number; h: number; parts: PlannedLabel[] } | null {
  const w = panels.reduce((a, p) => a + p.w, 0) + apart * (panels.length - 1);
  if (w > maxW) return null;
  let x = -w / 2;
  const parts = panels.map((p) => {
    const part = { ...p, dx: x + p.w / 2, dy: 0 };
    x += p.w + apart;
    return part;
  });
  return { w, h: Math.max(...panels.map((p) => p.h)), parts };
}

/** Returns text wrapped at spaces to lines of at most `max` characters. */
export function wrapWords(text: string, max: number): string {
  const lines: string[] = [];
  let line = '';
  // a number stays with the word after it ("16 May", "20 people")
  const words = text.split(' ').reduce<string[]>((out, w) => {
    const last = out.at(-1);
    if (last !== undefined && /^\d([\d,.]*\d)?$/.test(last)) out[out.length - 1] = `${last} ${w}`;
    else out.push(w);
    return out;
  }, []);
  for (const word of words) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * Returns a name of two or more words on two lines, broken at the space that makes the wider line
 * narrowest (`width` measures a line), or null for a one-word name. Expects single spaces between words.
 */
export function twoLines(text: string, width: (line: string) => number): string | null {
  let best: string | null = null;
  let bestW = Infinity;
  for (let i = text.indexOf(' '); i > 0; i = text.indexOf(' ', i + 1)) {
    const w = Math.max(width(text.slice(0, i)), width(text.slice(i + 1)));
    if (w < bestW) [best, bestW] = [`${text.slice(0, i)}\n${text.slice(i + 1)}`, w];
  }
  return best;
}

/**
 * The share of a region's name (the event's own, or another place's over its anchor: `outsideOnLand`) off
 * its shape, over land or another area, from which it reads as another region's and moves out with a leader (`LabelRequest.outOfArea`).
 */
const OUT_OF_AREA_SHARE = 0.4;
/**
 * The most marks below their rank's zoom in the frame that a plan looks at (by rank) to name where room
 * is left, those under another mark included: the net for a story's few stray dots. A story of
 * thousands (the bench's 100×, its marks in heaps of a hundred) would otherwise look at every one, each
 * against its heap, at every plan and name almost none, at a drag's rest too.
 */
export const LAST_NAMES_MAX = 32;

/** Characters per line of an area's name. */
const AREA_LINE = 26;

/**
 * Returns the sides a label may take beside a point of an area's outline: away from the area's
 * anchor, so the label sits outside the shape along that edge (above a point on its top edge).
 */
export function outward(anchor: [number, number], point: [number, number]): LabelSide[] {
  const dx = point[0] - anchor[0];
  const dy = point[1] - anchor[1];
  const h: LabelSide = dx >= 0 ? 'right' : 'left';
  const v: LabelSide = dy >= 0 ? 'below' : 'above';
  return Math.abs(dy) >= Math.abs(dx) * 0.5 ? [v, h] : [h, v];
}

/** Outline points an area's label may sit beside, at most this many, nearest its anchor first. */
const OUTLINE_POINTS = 12;

/**
 * Returns points spread along an area's outer rings (every ring of a multipolygon), in layout px and
 * lon/lat, nearest `at` first: where its label goes when it does not fit over its anchor.
 */
export function outlinePoints(p: PreparedPlace, at: [number, number], px: (ll: [number, number]) => [number, number]): { at: [number, number]; lonLat: [number, number] }[] {
  const g = p.feature.geometry;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.type === 'MultiPolygon' ? g.coordinates.map((poly) => poly[0]) : [];
  const pts = rings.flat().map((c) => ({ lonLat: [c[0], c[1]] as [number, number], at: px([c[0], c[1]]) }));
  if (pts.length < 2) return [];
  let length = 0;
  for (let i = 1; i < pts.length; i++) length += Math.hypot(pts[i].at[0] - pts[i - 1].at[0], pts[i].at[1] - pts[i - 1].at[1]);
  const step = length / (OUTLINE_POINTS * 3);
  const picked: typeof pts = [pts[0]];
  let run = 0;
  for (let i = 1; i < pts.length; i++) {
    run += Math.hypot(pts[i].at[0] - pts[i - 1].at[0], pts[i].at[1] - pts[i - 1].at[1]);
    if (run >= step) {
      picked.push(pts[i]);
      run = 0;
    }
  }
  const d = (q: (typeof pts)[number]) => Math.hypot(q.at[0] - at[0], q.at[1] - at[1]);
  return picked.sort((a, b) => d(a) - d(b)).slice(0, OUTLINE_POINTS);
}

/** Each arc's bands (`lineBoxes`) at the layout's zoom and now, with the zooms and map position they were made at. */
const arcBands = new WeakMap<PreparedPlace, { key: string; line: { at: Box[]; now: Box[] } }>();

/** The places of each pair of point and area lists, by label rank (`byRank`), sorted once: a plan runs at every rest of a drag. */
const rankedCache = new WeakMap<readonly PreparedPlace[], { areas: readonly PreparedPlace[]; all: PreparedPlace[] }>();

/** Returns points and areas together by label rank (points first within a rank), the same array while the lists are the same. */
function byRank(points: readonly PreparedPlace[], areas: readonly PreparedPlace[]): PreparedPlace[] {
  const hit = rankedCache.get(points);
  if (hit && hit.areas === areas) return hit.all;
  const all = [...points, ...areas].sort((a, b) => (a.props.labelRank ?? 5) - (b.props.labelRank ?? 5));
  rankedCache.set(points, { areas, all });
  return all;
}

/** Whether a box of `size` centred at `at` lies inside `view` and clear of every cover. */
function clearOf([x, y]: [number, number], size: { w: number; h: number }, view: Box, covers: readonly Box[]): boolean {
  const box: Box = [x - size.w / 2, y - size.h / 2, x + size.w / 2, y + size.h / 2];
  return outsideArea(box, view) === 0 && coveredArea(box, covers) === 0;
}

/**
 * Returns the centre (screen px) for a box of `size` in the middle of `view`'s clear part: the view's
 * middle if the box there is clear of the covers, else the middle of the largest strip (by area) beside a cover
 * (right, left, below or above it) that holds it, else the view's middle.
 */
export function clearMiddle(size: { w: number; h: number }, view: Box, covers: readonly Box[]): [number, number] {
  const [l, t, r, b] = view;
  const middle: [number, number] = [(l + r) / 2, (t + b) / 2];
  if (clearOf(middle, size, view, covers)) return middle;
  const strips: Box[] = covers.flatMap((c) => [
    [Math.max(l, c[2]), t, r, b],
    [l, t, Math.min(r, c[0]), b],
    [l, Math.max(t, c[3]), r, b],
    [l, t, r, Math.min(b, c[1])],
  ] as Box[]);
  const fits = strips
    .map((v) => ({ v, at: [(v[0] + v[2]) / 2, (v[1] + v[3]) / 2] as [number, number] }))
    .filter(({ at }) => clearOf(at, size, view, covers))
    .sort((a, b) => (b.v[2] - b.v[0]) * (b.v[3] - b.v[1]) - (a.v[2] - a.v[0]) * (a.v[3] - a.v[1]));
  return fits[0]?.at ?? middle;
}

/**
 * Returns the labels to draw, laid out so that no two overlap and none covers a mark: the current
 * event's places, subject and callout first (always named), then the other places on the map by
 * label rank, then distances. Laid out at `layoutZoom`, the lowest zoom the plan is shown at, and
 * kept apart at the zoom now too (offsets from anchors do not scale, so labels apart at one zoom can
 * meet at another; a zoom between the two, or above the zoom now within the step, is not checked).
 */
export function planLabels(o: PlanInput): LabelPlan {
  // the overview is never zoomed (a touch ends it): laid out at the zoom it is shown at
  const k = o.overview ? 1 : 2 ** (o.layoutZoom - o.zoom);
  const origin = o.project([0, 0]);
  const px = (ll: [number, number]): [number, number] => {
    const [x, y] = o.project(ll);
    return [(x - origin[0]) * k, (y - origin[1]) * k];
  };
  const s = o.scale;
  // labels keep a few px off the frame's edges and the covers (a name had sat flush on the credits)
  const room = EDGE_ROOM_PX * s;
  const view: Box = [o.view[0] + room, o.view[1] + room, o.view[2] - room, o.view[3] - room];
  const covers = (o.covers ?? []).map((c): Box => [c[0] - room, c[1] - room, c[2] + room, c[3] + room]);
  const lineH = (size: number) => size;
  const sizeOf = (text: string, size: number, pad: number) => {
    // most names are one line: no array of lines to make
    if (!text.includes('\n')) return { w: o.measure(text, size) + 2 * pad, h: lineH(size) + pad };
    const lines = text.split('\n');
    return { w: Math.max(...lines.map((l) => o.measure(l, size))) + 2 * pad, h: lines.length * lineH(size) + pad };
  };
  const e = o.prep.events[o.current];
  const labelsOn = o.layers.includes('labels');
  const shown = (p: PreparedPlace) => p.appearH <= o.h && o.layers.includes(p.category);
  const currentIds = new Set(e?.places ?? []);
  /** Returns the radius (px at scale 1) a point's mark takes on the map now: its icon, or the ring drawn round it. */
  const markRadius = (p: PreparedPlace) => markReach(p, o.h, o.layers, currentIds, o.overview);
  const requests: (Omit<LabelRequest, 'narrow'> & { narrow?: { text: string; pad: number; w: number; h: number }; label: PlannedLabel; kind: 'areas' | 'points' | 'distances' | 'notes'; anchors?: () => [number, number][]; parts?: PlannedLabel[] })[] = [];
  // a point's name tries the four sides, then the four corners (where two marks are close, a corner
  // can be clearly nearer its own mark when every side is about as near the other)
  const sidesOf = (p: PreparedPlace): LabelSide[] => (p.isArea ? AREA_SIDES : o.labelBelow(p) ? POINT_SIDES_BELOW : POINT_SIDES_ABOVE);
  const toNow = ([x, y]: [number, number]): [number, number] => [x / k + origin[0], y / k + origin[1]];
  /**
   * Returns a point's distance arc as drawn (the great circle from its border point), as boxes along it
   * at both zooms, when the arcs are shown: an event's own name keeps its text off its arc (one came in
   * low and struck through the name above its base). Worked out once a plan: the other places' names
   * ask for every arc shown (`allArcLines`), once the first of them is laid out.
   */
  // the bands depend only on the zooms and where the map is: a drag along the timeline keeps them
  const arcKey = `${k} ${o.zoom} ${origin[0]} ${origin[1]} ${o.view.join(' ')}`;
  // an arc's bands only in and around the frame (half its longer side beyond each edge), where labels are
  // laid out: zoomed in on one city, a base's arc runs millions of px off it (a page at zoom 18 ran out of stack)
  const reach = Math.max(o.view[2] - o.view[0], o.view[3] - o.view[1]) / 2;
  const clipNow: Box = [o.view[0] - reach, o.view[1] - reach, o.view[2] + reach, o.view[3] + reach];
  const clipAt: Box = [(clipNow[0] - origin[0]) * k, (clipNow[1] - origin[1]) * k, (clipNow[2] - origin[0]) * k, (clipNow[3] - origin[1]) * k];
  const arcLine = (p: PreparedPlace) => {
    if (!o.layers.includes('distances') || !p.props.borderPoint || p.props.distanceKm === undefined) return undefined;
    const kept = arcBands.get(p);
    if (kept?.key === arcKey) return kept.line;
    const at = greatCirclePoints(p.props.borderPoint, p.feature.geometry.coordinates as [number, number], ARC_LINE_SAMPLES).map((q) => px(q as [number, number]));
    const line = { at: lineBoxes(at, clipAt), now: lineBoxes(at.map(toNow), clipNow) };
    arcBands.set(p, { key: arcKey, line });
    return line;
  };
  /** Every arc drawn now, as bands at both zooms: the other places' names keep off them (asked for only once one is laid out). */
  const allArcLines = () => {
    const at: Box[] = [];
    const now: Box[] = [];
    for (const p of o.arcs) {
      const line = shown(p) ? arcLine(p) : undefined;
      if (line) {
        // one at a time: spread as arguments, a long list overflows the call stack
        for (const b of line.at) at.push(b);
        for (const b of line.now) now.push(b);
      }
    }
    return { at, now };
  };
  const addPlace = (p: PreparedPlace, forced: boolean) => {
    const name = o.labelText(p);
    // a long area name goes on two or three lines, to sit beside a narrow shape
    const text = p.isArea && name.length > AREA_LINE ? wrapWords(name, AREA_LINE) : name;
    const size = ((p.props.labelRank ?? 5) <= 1 ? 15 : 13) * s;
    const { w, h } = sizeOf(text, size, 3 * s);
    const position = p.props.anchor;
    const at = px(position);
    // an area's label that does not fit over its anchor sits beside the nearest free point of its
    // outline, found only then: a story of thousands of areas projects no outline it does not use
    let outline: ReturnType<typeof outlinePoints> | null = null;
    const outlineOf = () => (outline ??= outlinePoints(p, at, px));
    // the event's own names may go on two lines where one line meets something: a point's beside its
    // mark, a region's over its anchor (a one-line region name wider than its region reads across its
    // border); another place's region name too, where one line over its anchor reads as another's
    // (`leaveAreas`). Not an area drawn by hand: a band or a schematic shape that no name fits inside.
    const region = p.isArea && p.props.derive?.from === 'admin1';
    const narrowText = (forced ? !p.isArea || region : region) && !text.includes('\n') ? twoLines(text, (line) => o.measure(line, size)) : null;
    const narrow = narrowText === null ? undefined : { text: narrowText, pad: 3 * s, ...sizeOf(narrowText, size, 3 * s) };
    requests.push({
      id: p.id,
      at,
      w,
      h,
      narrow,
      sides: sidesOf(p),
      // a point's name sits just clear of its mark, or of the ring drawn round it (the talks' ring is wider than the ringed gap)
      gap: (p.isArea ? 6 : markRadius(p) > MARK_PX / 2 ? Math.max(RING_GAP_PX, markRadius(p) + RING_ROOM_PX) : MARK_GAP_PX) * s,
      namesMark: !p.isArea,
      more: p.isArea ? () => outlineOf().map((q) => ({ at: q.at, now: toNow(q.at), sides: outward(at, q.at) })) : undefined,
      // another place's area name, beside its outline, is not put over a different area shown (outside its own): it would read as that area's
      misread: p.isArea && !forced ? (box, boxNow) => overOtherArea(p, box, boxNow) : undefined,
      // the event's own region name keeps inside its region as far as it can (on two lines if that fits better)
      outsideOwn: region && forced ? (box, boxNow) => outsideShare(p, box, boxNow) : undefined,
      // a region's name (the event's own or another's) that still reads as another area's takes its two lines
      // over its anchor, or moves out to open ground with a leader from its anchor
      outOfArea: region ? { misread: (box, boxNow) => outsideOnLand(p, box, boxNow) >= OUT_OF_AREA_SHARE, onAreas: (box, boxNow, own) => onAreaShown(own ? null : p, box, boxNow) } : undefined,
      anchors: p.isArea ? () => outlineOf().map((q) => q.lonLat) : undefined,
      forced,
      // the event's own names keep off their own arc (on two lines if they must); the other places' arcs
      // are not weighed for them: weighing those moved names beside their neighbours' marks
      line: forced ? arcLine(p) : undefined,
      // and where another place's arc strikes through them and no side beside the mark is clear, they may
      // move further out with a leader from the mark's edge
      outward: forced && !p.isArea ? { start: markRadius(p) * s } : undefined,
      // another place's name is not struck through by any distance arc
      offLines: !forced,
      kind: p.isArea ? 'areas' : 'points',
      label: { id: p.id, text, position, size, dx: 0, dy: 0, w, h, place: p },
    });
  };
  /**
   * Returns the points on the ground under a name's box at the fractions `fx` × `fy` of it: one list at
   * the layout's zoom (`box`, layout px), one at the zoom shown now (`boxNow`, screen px).
   */
  const groundUnder = (box: Box, boxNow: Box, fx: readonly number[], fy: readonly number[]): [number, number][][] =>
    (
      [
        [box, toNow],
        [boxNow, (q: [number, number]) => q],
      ] as const
    ).map(([[l, t, r, b], toScreen]) => fx.flatMap((x) => fy.map((y) => o.unproject(toScreen([l + (r - l) * x, t + (b - t) * y])))));
  let areasWeighed: PreparedPlace[] | null = null;
  /**
   * Returns whether at least a third of a name's box (3 of 9 points spread over it) lies outside `p`'s own
   * shape on another of the story's areas, at the layout's zoom (`box`, layout px) or at the zoom shown now
   * (`boxNow`, screen px): the box covers less ground nearer its anchor as the map zooms in. The areas
   * shown, and the administrative regions not shown (yet, or with their layer off): the basemap draws
   * their borders, so a region's name over the neighbouring region across a border reads as that one's
   * before the story draws it. A drawn-by-hand area not shown has no border on the map: it is left out.
   * An administrative region's own name mostly outside its shape on land (`onLand`: more than half its
   * box, 5 of the 9 points) lies in another region, whether the story has that one or not (a neighbouring
   * region the story never draws): it counts too. A name mostly inside its region still reads as its.
   */
  const overOtherArea = (p: PreparedPlace, box: Box, boxNow: Box): boolean => {
    areasWeighed ??= o.areaPlaces.filter((a) => shown(a) || a.props.derive?.from === 'admin1');
    const areas = areasWeighed;
    const land = p.props.derive?.from === 'admin1' ? o.onLand : undefined;
    const samples = groundUnder(box, boxNow, [0.1, 0.5, 0.9], [0.1, 0.5, 0.9]);
    // only the areas whose bounds reach the box's are looked into (a story of thousands of areas asks this of many names)
    const points = samples.flat();
    const [w, so, e, n] = [Math.min(...points.map((q) => q[0])), Math.min(...points.map((q) => q[1])), Math.max(...points.map((q) => q[0])), Math.max(...points.map((q) => q[1]))];
    const near = areas.filter((a) => {
      const [aw, as, ae, an] = areaBox(a);
      return a !== p && aw <= e && ae >= w && as <= n && an >= so;
    });
    if (!near.length && !land) return false;
    return samples.some((list) => {
      let [onArea, onLand] = [0, 0];
      for (const q of list) {
        if (holds(p, q)) continue;
        if (near.some((a) => holds(a, q))) onArea++;
        else if (land?.(q)) onLand++;
        if (onArea >= 3 || onArea + onLand >= 5) return true;
      }
      return false;
    });
  };
  /**
   * Returns the share of a name's box (15 points spread over it) outside `p`'s own shape, at the
   * layout's zoom and at the zoom shown now, the mean of the two.
   */
  const outsideShare = (p: PreparedPlace, box: Box, boxNow: Box): number => {
    const lists = groundUnder(box, boxNow, [0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.5, 0.8]);
    return lists.reduce((sum, list) => sum + list.filter((q) => !holds(p, q)).length / list.length, 0) / lists.length;
  };
  let areasShown: PreparedPlace[] | null = null;
  /**
   * Returns the share of a name's box (15 points spread over it) off `p`'s own shape and on land or on
   * another area shown (not on open water: a coastal region's name over its sea reads as its), at the
   * layout's zoom and at the zoom shown now, the mean of the two.
   */
  const outsideOnLand = (p: PreparedPlace, box: Box, boxNow: Box): number => {
    areasShown ??= o.areaPlaces.filter(shown);
    const lists = groundUnder(box, boxNow, [0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.5, 0.8]);
    const off = (q: [number, number]) => !holds(p, q) && (!!o.onLand?.(q) || areasShown!.some((a) => a !== p && holds(a, q)));
    return lists.reduce((sum, list) => sum + list.filter(off).length / list.length, 0) / lists.length;
  };
  /**
   * Returns whether any of 15 points over a box, its edges and corners included (a name's with the gap it
   * keeps, or a band of its leader), lies on an area shown other than `but`, at the layout's zoom or now:
   * a name moved out of its region keeps off them.
   */
  const onAreaShown = (but: PreparedPlace | null, box: Box, boxNow: Box): boolean => {
    areasShown ??= o.areaPlaces.filter(shown);
    const others = areasShown.filter((a) => a !== but);
    if (!others.length) return false;
    return groundUnder(box, boxNow, [0, 0.25, 0.5, 0.75, 1], [0, 0.5, 1]).some((list) => list.some((q) => others.some((a) => holds(a, q))));
  };
  const all = byRank(o.pointPlaces, o.areaPlaces);
  /**
   * Returns whether the point at `lonLat` is seen now: inside the clear map area and under no cover. A
   * name (or a distance) beside a mark off the frame would name an empty spot (a portrait kiosk wrote a
   * city's name just under the map's top edge, its mark 12 px above it, off the map).
   */
  const inFrame = (lonLat: [number, number]) => {
    const [x, y] = o.project(lonLat);
    return x >= o.view[0] && x <= o.view[2] && y >= o.view[1] && y <= o.view[3];
  };
  const seen = (lonLat: [number, number]) => {
    if (!inFrame(lonLat)) return false;
    const [x, y] = o.project(lonLat);
    return !(o.covers ?? []).some((c) => x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3]);
  };
  const named = (p: PreparedPlace) => p.isArea || seen(p.props.anchor);
  // The current event's points are named wherever their marks are in the frame, under a cover too (a
  // place's panel may lie over one): a mark the reader panned out of the frame is not (its name, held
  // to the frame's edge, would be cut there or name an empty spot). The plan is laid out again at every
  // move's end, so the name comes back with its mark.
  if (labelsOn) for (const p of all) if (currentIds.has(p.id) && shown(p) && (p.isArea || inFrame(p.props.anchor))) addPlace(p, !o.overview);
  /**
   * The story's areas shown in the frame, for the subject's and the callouts' panels to keep from hiding (`hides`): each
   * area's box now, and its outline's bands, worked out only for an area a panel's try meets.
   */
  let hideable: HiddenArea[] | undefined;
  const storyAreas = (): HiddenArea[] => {
    if (hideable) return hideable;
    hideable = [];
    for (const p of o.areaPlaces) {
      if (!shown(p)) continue;
      const [w, s0, e0, n] = areaBox(p);
      const [x0, y0] = o.project([w, n]);
      const [x1, y1] = o.project([e0, s0]);
      const box: Box = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
      if (box[0] >= o.view[2] || box[2] <= o.view[0] || box[1] >= o.view[3] || box[3] <= o.view[1]) continue;
      let bands: Box[] | undefined;
      hideable.push({ box, outline: () => (bands ??= polygonsOf(p).flatMap((poly) => poly.flatMap((ring) => lineBoxes(ring.map((c) => o.project([c[0], c[1]])), o.view)))) });
    }
    return hideable;
  };
  if (e?.subject) {
    const [w0, s0, e0, n0] = e.subject.bbox;
    const position: [number, number] = [(w0 + e0) / 2, (s0 + n0) / 2];
    const text = wrapWords(e.subject.label, 34);
    const size = 13 * s;
    const box = sizeOf(text, size, 5 * s);
    // its panel, as a callout's, keeps off the story's areas where a side is clear (the box's middle can fall on one)
    requests.push({ id: 'subject', at: px(position), ...box, sides: ['center', 'above', 'below', 'left', 'right'], gap: 8 * s, forced: true, opaque: true, hides: storyAreas(), kind: 'notes', label: { id: 'subject', text, position, size, dx: 0, dy: 0, ...box } });
  }
  if (!e && o.prep.story.intro) {
    // Before the first event the map is empty: a note in the middle of the story (the story view
    // centres it clear of the legend), or of the view's clear part when the story's middle is not in
    // it or the note would sit under the legend, says why.
    const [l, t, r, b] = o.view;
    const [w0, s0, e0, n0] = storyBox(o.prep);
    const [mx, my] = o.project([(w0 + e0) / 2, (s0 + n0) / 2]);
    const text = wrapWords(o.prep.story.intro, 40);
    const size = 15 * s;
    const box = sizeOf(text, size, 6 * s);
    const inView = mx > l + (r - l) * 0.2 && mx < r - (r - l) * 0.2 && my > t + (b - t) * 0.2 && my < b - (b - t) * 0.2;
    const at = inView && clearOf([mx, my], box, view, covers) ? ([mx, my] as [number, number]) : clearMiddle(box, view, covers);
    const position = o.unproject(at);
    requests.push({ id: 'intro', at: px(position), ...box, sides: ['center'], gap: 0, forced: true, opaque: true, kind: 'notes', label: { id: 'intro', text, position, size, dx: 0, dy: 0, ...box } });
  }
  // A callout's leader starts at its place's mark; one without a place sits at the subject box's
  // centre, else at the middle of the event's places, with no leader. Figures given side by side
  // (each side's own count) are laid out there as one row, each on its own panel with who gives it, in
  // the data's order, left to right; where the row is wider than the map, one above the other.
  const calloutFrom = new Map<string, [number, number]>();
  /**
   * The outlines of the event's own areas shown, as bands at both zooms (worked out only for a callout
   * at a place): its panel keeps off them where a side or a slide along one is clear (a panel above
   * the area it points to had hidden the top of a thin band of the same event).
   */
  let outlines: { at: Box[]; now: Box[] } | undefined;
  const eventOutlines = () => {
    if (outlines) return outlines;
    outlines = { at: [], now: [] };
    for (const id of e?.places ?? []) {
      const p = o.prep.placeById.get(id);
      if (!p?.isArea || !shown(p)) continue;
      for (const poly of polygonsOf(p))
        for (const ring of poly) {
          const pts = ring.map((c) => px([c[0], c[1]]));
          for (const b of lineBoxes(pts, clipAt)) outlines.at.push(b);
          for (const b of lineBoxes(pts.map(toNow), clipNow)) outlines.now.push(b);
        }
    }
    return outlines;
  };
  const floating: PlannedLabel[] = [];
  let floatingAt: [number, number] | undefined;
  calloutsOf(e ?? {}).forEach(({ callout: c }, j) => {
    const id = j === 0 ? 'callout' : `callout:${j}`;
    const place = c.place ? o.prep.placeById.get(c.place) : undefined;
    const anchors = (e?.places ?? []).map((pid) => o.prep.placeById.get(pid)?.props.anchor).filter((a): a is [number, number] => !!a);
    const [w0, s0, e0, n0] = e?.subject?.bbox ?? [
      Math.min(...anchors.map((a) => a[0])),
      Math.min(...anchors.map((a) => a[1])),
      Math.max(...anchors.map((a) => a[0])),
      Math.max(...anchors.map((a) => a[1])),
    ];
    const position: [number, number] = place ? place.props.anchor : [(w0 + e0) / 2, (s0 + n0) / 2];
    const outside = o.prep.story.sources.find((x) => x.id === c.source)?.kind === 'elsewhere';
    const text = wrapWords(`${c.text} (${c.by}${outside ? ', reported elsewhere' : ''})`, 30);
    const size = 15 * s;
    const box = sizeOf(text, size, 6 * s);
    const label: PlannedLabel = { id, text, position, size, dx: 0, dy: 0, ...box };
    if (!place) {
      floating.push(label);
      floatingAt = position;
      return;
    }
    calloutFrom.set(id, position);
    requests.push({
      id,
      at: px(position),
      ...box,
      sides: ['right', 'left', 'below', 'above'],
      gap: CALLOUT_GAP * s,
      forced: true,
      opaque: true,
      // its leader starts at the mark's edge, or where it leaves the place's own name (an area's, over its anchor)
      leader: { start: (MARK_PX * s) / 2, own: place.id },
      line: eventOutlines(),
      hides: storyAreas(),
      kind: 'notes',
      label,
    });
  });
  const row = floating.length > 1 ? calloutRow(floating, PANEL_APART * s, o.view[2] - o.view[0] - 2 * EDGE_ROOM * s) : null;
  // figures given for no place keep off every mark: beside one they read as that place's
  const apartFromMarks = FIGURE_APART_PX * s;
  if (row) requests.push({ id: 'callouts', at: px(floatingAt!), w: row.w, h: row.h, sides: ['center', 'below', 'above', 'right', 'left'], gap: 30 * s, forced: true, opaque: true, hides: storyAreas(), apartFromMarks, kind: 'notes', label: { ...floating[0], w: row.w, h: row.h }, parts: row.parts });
  else
    floating.forEach((label, k) =>
      requests.push({
        id: label.id,
        at: px(floatingAt!),
        w: label.w,
        h: label.h,
        // one figure below its place (else above); figures too wide for a row: the first above, the others below
        sides: floating.length > 1 && k === 0 ? ['above', 'below', 'right', 'left'] : ['below', 'above', 'right', 'left'],
        gap: 30 * s,
        forced: true,
        opaque: true,
        hides: storyAreas(),
        apartFromMarks,
        kind: 'notes',
        label,
      }),
    );
  if (labelsOn) for (const p of all) if (!currentIds.has(p.id) && shown(p) && o.zoomStep >= o.labelMinZoom(p) && named(p)) addPlace(p, false);
  // every mark shown: its place, centre and reach (layout px), and its box, which labels keep off
  const shownMarks: { p: PreparedPlace; x: number; y: number; r: number }[] = [];
  const marks: Box[] = [];
  for (const p of o.pointPlaces) {
    if (!shown(p)) continue;
    const [x, y] = px(p.props.anchor);
    const r = markRadius(p) * s;
    shownMarks.push({ p, x, y, r });
    marks.push([x - r, y - r, x + r, y + r]);
  }
  // A mark drawn below the zoom its rank names it from is named too where room is left once every
  // other label is laid out: an unnamed dot reads as the place of whatever lies beside it (a figure
  // given for no place, a neighbour's name), and the legend can say only what kind of place it is.
  // Not a mark under another one (two venues a few km apart, at a continent's zoom): one symbol with
  // two names would read as one place with two, the current one's ring round both.
  if (labelsOn) {
    let looked = 0;
    for (const p of all) {
      if (looked === LAST_NAMES_MAX) break;
      if (p.isArea || currentIds.has(p.id) || !shown(p) || o.zoomStep >= o.labelMinZoom(p) || !named(p)) continue;
      looked++;
      // under another mark: each one's centre within the other's reach
      const own = shownMarks.find((m) => m.p === p)!;
      if (shownMarks.some((m) => m !== own && Math.hypot(m.x - own.x, m.y - own.y) < Math.min(m.r, own.r))) continue;
      addPlace(p, false);
      requests[requests.length - 1].last = true;
    }
  }
  const besideArcs: typeof requests = [];
  if (o.layers.includes('distances'))
    for (const p of o.arcs) {
      // as the distance layer shows them (`buildLayers`): no room is kept for a label it would not draw
      if (!shown(p) || (o.narrow && o.zoomStep < DISTANCE_LABELS_MIN_ZOOM) || (o.shortArc(p) && (o.narrow || o.zoomStep < DISTANCE_LABELS_MIN_ZOOM))) continue;
      // a distance names the place at its arc's end: without that place in the frame, a reader could pair it with another
      if (!seen(p.props.anchor)) continue;
      const text = o.distanceText(p);
      const size = SMALLEST_MAP_LABEL_PX * s;
      const box = { w: o.measure(text, size) + 8 * s, h: size + 4 * s };
      const position = o.distanceAt(p);
      // where the arc's middle has no room, the label slides along the arc
      const along = o.distanceAlong?.(p) ?? [];
      const label: PlannedLabel = { id: p.id, text, position, size, dx: 0, dy: 0, ...box, place: p };
      const id = `distance:${p.id}`;
      // the label on its arc's line (its middle, then the slide points), or beside it, on these sides
      const onArc = (sides: LabelSide[]) => ({
        at: px(position),
        ...box,
        sides,
        gap: 4 * s,
        more: () => along.map((ll) => ({ at: px(ll), now: toNow(px(ll)), sides })),
        anchors: () => along,
        kind: 'distances' as const,
        label,
      });
      requests.push({ id, ...onArc(DISTANCE_SIDES) });
      // A steep arc's (more up than across, as its first two slide points run) with no room on its line
      // goes beside it, at its middle and then at the same points, in the room left once every other
      // label is laid out and the event's struck names have moved (on an arc near the frame's side, a
      // label on the line runs off the frame: a base's arc down a 1024 × 768 explorer's west edge).
      const steep = along.length >= 2 && ((a, b) => Math.abs(a[1] - b[1]) > Math.abs(a[0] - b[0]))(o.project(along[0]), o.project(along[1]));
      if (steep) besideArcs.push({ id: `beside:${id}`, unless: id, afterUnstrike: true, ...onArc(BESIDE_STEEP_ARC) });
    }
  requests.push(...besideArcs);
  const plan: LabelPlan = { areas: [], points: [], distances: [], notes: [], leaders: [], marks: shownMarks.map((m) => m.p.props.anchor) };
  for (const r of requests) r.atNow = toNow(r.at);
  const placed = new Map(layoutLabels(requests, marks, view, covers, allArcLines, room).map((p) => [p.id, p]));
  for (const r of requests) {
    const p = placed.get(r.id);
    if (!p) continue;
    const position = p.anchor >= 0 && r.anchors ? r.anchors()[p.anchor] : r.label.position;
    if (r.parts) for (const part of r.parts) plan[r.kind].push({ ...part, dx: p.dx + part.dx, dy: p.dy + part.dy });
    else if (p.narrow && r.narrow) plan[r.kind].push({ ...r.label, text: r.narrow.text, w: r.narrow.w, h: r.narrow.h, position, dx: p.dx, dy: p.dy, ...alignBeside(p.side, p.dx, r.narrow.w, r.narrow.pad) });
    else plan[r.kind].push({ ...r.label, position, dx: p.dx, dy: p.dy });
    const leaderFrom = calloutFrom.get(r.id) ?? (r.outward || r.outOfArea ? r.label.position : undefined);
    if (leaderFrom && p.leader) {
      // The leader runs as laid out (from the mark's edge, or its place's name, to the panel's or the name's near edge), at the zoom shown now.
      const [ax, ay] = o.project(leaderFrom);
      const len = Math.hypot(p.dx, p.dy);
      const along = (d: number) => o.unproject([ax + (p.dx / len) * d, ay + (p.dy / len) * d]);
      plan.leaders.push({ from: along(p.leader.from), to: along(p.leader.to) });
    }
  }
  return plan;
}

/** Returns the lines' alignment of a name of several lines (box `w` wide, `pad` px inside it) centred `dx` px from its mark on `side` (`PlannedLabel.align`). */
export function alignBeside(side: LabelSide, dx: number, w: number, pad: number): { align?: PlannedLabel['align'] } {
  if (side === 'right' || side === 'above-right' || side === 'below-right') return { align: { anchor: 'start', dx: dx - w / 2 + pad } };
  if (side === 'left' || side === 'above-left' || side === 'below-left') return { align: { anchor: 'end', dx: dx + w / 2 - pad } };
  return {};
}

/** Returns whether two planned labels are drawn alike (same text, place, size, anchor and offset). */
function sameLabel(a: PlannedLabel, b: PlannedLabel): boolean {
  return a.id === b.id && a.text === b.text && a.size === b.size && a.dx === b.dx && a.dy === b.dy && a.w === b.w && a.h === b.h && a.align?.anchor === b.align?.anchor && a.align?.dx === b.align?.dx && a.place === b.place && a.position[0] === b.position[0] && a.position[1] === b.position[1];
}

/**
 * Returns `next` with each of its lists replaced by `prev`'s where the two hold the same labels in the
 * same order, and whether every list was: a layer handed the same list keeps its drawn text (deck.gl
 * rebuilds a text layer's attributes only for a new `data`), and the basemap's label space need not
 * be sent again. A drag's rest moves only the labels the new event changes.
 */
export function keepUnchanged(prev: LabelPlan | null, next: LabelPlan): { plan: LabelPlan; same: boolean } {
  if (!prev) return { plan: next, same: false };
  const lists = (['areas', 'points', 'distances', 'notes'] as const).map((k) => {
    const a = prev[k];
    const b = next[k];
    return a.length === b.length && a.every((l, j) => sameLabel(l, b[j])) ? a : b;
  });
  // a leader's ends are worked out again from pixels at each plan: equal within a nanodegree (a tenth of a millimetre) is the same
  const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) <= 1e-9 && Math.abs(a[1] - b[1]) <= 1e-9;
  const leadersSame = prev.leaders.length === next.leaders.length && prev.leaders.every((l, j) => near(l.from, next.leaders[j].from) && near(l.to, next.leaders[j].to));
  const marksSame = prev.marks.length === next.marks.length && prev.marks.every((m, j) => m[0] === next.marks[j][0] && m[1] === next.marks[j][1]);
  const plan: LabelPlan = { areas: lists[0], points: lists[1], distances: lists[2], notes: lists[3], leaders: leadersSame ? prev.leaders : next.leaders, marks: marksSame ? prev.marks : next.marks };
  const same = plan.areas === prev.areas && plan.points === prev.points && plan.distances === prev.distances && plan.notes === prev.notes && plan.marks === prev.marks && plan.leaders === prev.leaders;
  return { plan, same };
}
