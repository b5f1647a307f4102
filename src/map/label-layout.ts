/** A box in screen px: [left, top, right, bottom]. */
export type Box = [number, number, number, number];

/** Where a label sits relative to its anchor point: centred on it, on a side, or at a corner (`above-right`: the box's lower-left corner towards the point). */
export type LabelSide = 'center' | 'above' | 'below' | 'right' | 'left' | 'above-right' | 'below-right' | 'above-left' | 'below-left';

/** A label that wants a place on the map. */
export interface LabelRequest {
  id: string;
  /** Anchor in screen px (any origin: only differences matter). */
  at: [number, number];
  /** Text size in px of the width and height of the whole (possibly multi-line) text. */
  w: number;
  h: number;
  /** Sides to try, in order of preference. */
  sides: LabelSide[];
  /** Distance (px) from the anchor to the text's near edge for the non-centre sides. */
  gap: number;
  /** The anchor at the zoom shown now, when laying out at another (for the `bounds` test); else `at`. */
  atNow?: [number, number];
  /** Placed even when every side collides (the current event's places): at the side that collides least. */
  forced?: boolean;
  /**
   * The label names the mark at its anchor (a point's name): its box must be clearly nearer that mark
   * than any other (`CLEAR_RATIO`), so a reader pairs name and mark rightly; a side where another mark
   * is about as near is taken, or a forced label's side that breaks this costs, like a collision.
   */
  namesMark?: boolean;
  /**
   * Drawn on a panel that hides what lies under it (a callout, a note): a mark it covers is not seen at
   * all, so covering one costs `HIDDEN_MARK_COST` a px², more than a push away (a mark partly under a
   * name's letters still shows).
   */
  opaque?: boolean;
  /**
   * For a panel that hides what lies under it (a callout): the story's areas shown in the frame. Hiding a
   * share of an area's outline costs `HIDDEN_AREA_COST` × the share squared, so a panel may cross a
   * corner of a region's border but does not hide half of a small area (the legend's key to it then
   * names something the map no longer shows).
   */
  hides?: readonly HiddenArea[];
  /**
   * For a panel that belongs to no place (an event's figure given for no place): how far (layout px) every
   * mark's centre should stay from its box. Beside a mark it reads as that place's figure: a floating
   * count sat against a city's dot, as if what it counts had happened there. See `NEAR_MARK_COST`.
   */
  apartFromMarks?: number;
  /**
   * Laid out after the event's names that another place's line strikes through have moved clear of it
   * (`unstrike`), so that it keeps off where they go (a distance label beside its arc had taken the only
   * clear side of a name that arc struck through).
   */
  afterUnstrike?: boolean;
  /**
   * For a label that may not overlap: laid out after every other label, the region names that
   * `leaveAreas` moves included, so that it takes only the room they leave (a mark's name that its
   * rank would not give at this zoom: a mark drawn without its name reads as whatever lies beside it).
   * A forced label is laid out in its turn whatever this says.
   */
  last?: boolean;
  /** Not laid out when the label of this id was placed (a second try at another kind of place, after the first). */
  unless?: string;
  /**
   * More anchors to try after `at` has failed on every side, in order of preference (points on an
   * area's outline, nearest first), each on its `sides` (else above, below, right and left); `now` is the anchor at the zoom shown now.
   */
  more?: MoreAnchors | (() => MoreAnchors);
  /**
   * For a label that may not overlap: whether its box beside one of the `more` anchors (in layout px, and
   * where it is drawn at the zoom shown now) would be read as naming something else there (an area's name
   * beside its outline, over another area): such a side is not taken. Asked only of a side that is
   * otherwise clear, so a crowded plan asks it seldom.
   */
  misread?: (box: Box, boxNow: Box) => boolean;
  /** For a forced area name: the share (0–1) of its box, in layout px and as drawn now, outside its own shape (see `OUTSIDE_OWN_COST`). */
  outsideOwn?: (box: Box, boxNow: Box) => number;
  /**
   * For a label that may not overlap: keep its box off the lines drawn on the map (`layoutLabels`'
   * `lines`: the distance arcs), its own place's and every other's, as off a label: a name with an arc
   * struck through it reads badly (the kiosk's overview had one base's name across another base's arc).
   */
  offLines?: boolean;
  /**
   * A forced label's leader line runs from the anchor's mark to its near edge (a callout's panel): `start` px
   * out from the anchor, or from where it leaves the box of the label `own` (its place's name, placed
   * before it) if it runs through that name. A side whose line runs under a label placed before costs
   * (`LEADER_CROSS_COST`), and once placed the line is kept clear by the labels after it, as a label is.
   */
  leader?: { start: number; own?: string };
  /**
   * A line drawn from the label's own mark (its distance arc), or the lines a callout's panel should
   * not hide (its event's area outlines), as small boxes along it (`lineBoxes`) at the layout's zoom
   * and at the zoom shown now: a forced label's side whose text it runs under costs
   * (`LINE_CROSS_COST`), as a line struck through the name. Lines not given here (other places' arcs)
   * are not looked at.
   */
  line?: { at: readonly Box[]; now: readonly Box[] };
  /**
   * A forced label's narrower form (a long name on two lines, `w` × `h`): tried on the label's own sides
   * after the one-line form's, at `NARROW_COST`, so it is taken only where it clears something every
   * side of the one-line form meets (its own arc struck through it, a neighbour's name, the frame's edge);
   * a region's name (with `outsideOwn`) at `AREA_NARROW_COST`, where it keeps more of the name inside.
   * A clear narrow form also spares the one-line form's slides along its side (its cost is under
   * `SLIDE_FROM_COST`): two lines centred on the mark read better than one line slid off it. Not for a
   * label with a `leader` (its leader's span is worked out for the one-line size).
   */
  narrow?: { w: number; h: number };
  /**
   * For an event's own point name that another place's line strikes through where no side beside its
   * mark is wholly clear (`unstrike`): it may move one to `OUT_LINES` lines further out, to a side wholly
   * clear, with a leader from `start` px out from its anchor (the mark's edge) to the name's near edge.
   */
  outward?: { start: number };
  /**
   * For a region's name (the event's own, or another place's placed over its anchor): whether its box as placed (layout px, and as drawn now) reads as
   * another area's (`misread`: mostly off its own shape, over another area or land), and whether a box
   * lies over an area shown (`onAreas`: another's, or with `own` its own too). A name placed where it is
   * misread moves out of its shape to the nearest spot wholly clear and over no area shown, with a leader
   * from its anchor over no other area (`leaveAreas`); where there is none, it stays.
   */
  outOfArea?: { misread: (box: Box, boxNow: Box) => boolean; onAreas: (box: Box, boxNow: Box, own: boolean) => boolean };
}

/** A request's further anchors (see `LabelRequest.more`). */
export type MoreAnchors = { at: [number, number]; now: [number, number]; sides?: LabelSide[] }[];

/** A placed label: which anchor and side, the text's offset from that anchor to its box centre, and its box. */
export interface PlacedLabel {
  id: string;
  side: LabelSide;
  /** Offset (px) from the anchor to the box centre. */
  dx: number;
  dy: number;
  box: Box;
  /** Which anchor it sits beside: -1 for the request's own `at`, else an index into its `more`. */
  anchor: number;
  /** A leader's ends (px from the anchor towards the box's centre; see `LabelRequest.leader` and `outward`), if it has one. */
  leader?: { from: number; to: number };
  /** Placed in its narrower form (`LabelRequest.narrow`): its box is that form's size. */
  narrow?: true;
}

/** How many lines (the name's height) further out than its sides an event's struck name may move with a leader (`LabelRequest.outward`), nearest first. */
const OUT_LINES = [1, 2, 3];

/** Width (px) of the band a leader line keeps clear of labels (its line is 1.5 px at scale 1). */
const LEADER_BAND_PX = 4;
/**
 * What a px² of a leader's band over a label placed before it costs: crossing a one-line name (about
 * 64 px²) weighs about two pushes a line out, and less than 200 px² of the panel off the frame (a
 * callout cut at the map's edge is worse than its line under a name, whose halo breaks it).
 */
const LEADER_CROSS_COST = 30;

/**
 * Returns where a leader from a label's anchor to its box runs: px from the anchor along the way to the
 * box's centre, from `start` (or, if further, where the way leaves `own`, its place's name, when it runs
 * through it) to the box's near edge; null where there is no room for one (a label centred on its anchor,
 * or a box that reaches back to the line's start).
 */
export function leaderSpan(side: LabelSide, dx: number, dy: number, w: number, h: number, at: [number, number], start: number, own?: Box): { from: number; to: number } | null {
  const len = Math.hypot(dx, dy);
  if (len === 0) return null;
  const to = Math.max(0, len - (side === 'left' || side === 'right' ? w / 2 : h / 2));
  let from = start;
  if (own) {
    // the line need not run through its place's own name (placed before it, over the anchor as an area's
    // is, or between the anchor and the box): where the way to the box passes through that name, the line
    // starts where it leaves it, so it joins the box to the name; a name off the way is not in it
    const [ux, uy] = [dx / len, dy / len];
    const slab = (lo: number, hi: number, p: number, u: number): [number, number] =>
      u !== 0 ? [Math.min((lo - p) / u, (hi - p) / u), Math.max((lo - p) / u, (hi - p) / u)] : p >= lo && p <= hi ? [-Infinity, Infinity] : [Infinity, -Infinity];
    const [x0, x1] = slab(own[0], own[2], at[0], ux);
    const [y0, y1] = slab(own[1], own[3], at[1], uy);
    const [enter, exit] = [Math.max(x0, y0), Math.min(x1, y1)];
    if (enter <= exit && exit > 0 && enter < to) from = Math.max(from, exit);
  }
  return to - from >= 2 ? { from, to } : null;
}

/** Returns small boxes, `LEADER_BAND_PX` wide, along a polyline (screen px), within `clip` if given: the band a label keeps its text off. */
export function lineBoxes(points: readonly [number, number][], clip?: Box): Box[] {
  const half = LEADER_BAND_PX / 2;
  const boxes: Box[] = [];
  for (let i = 1; i < points.length; i++) {
    const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
    const len = Math.hypot(x1 - x0, y1 - y0);
    // only the piece inside `clip` (Liang–Barsky), at the same 4 px steps from the piece's start as unclipped:
    // an arc zoomed in runs millions of px off the frame, where no label is laid out
    let [t0, t1] = [0, 1];
    if (clip) {
      const [dx, dy] = [x1 - x0, y1 - y0];
      for (const [p, q] of [
        [-dx, x0 - clip[0]],
        [dx, clip[2] - x0],
        [-dy, y0 - clip[1]],
        [dy, clip[3] - y0],
      ]) {
        if (p === 0) {
          if (q < 0) t0 = Infinity;
        } else if (p < 0) t0 = Math.max(t0, q / p);
        else t1 = Math.min(t1, q / p);
      }
      if (t0 > t1) continue;
    }
    const end = t1 * len;
    for (let d = Math.floor((t0 * len) / LEADER_BAND_PX) * LEADER_BAND_PX; d < len && d <= end; d += LEADER_BAND_PX) {
      const [x, y] = [x0 + ((x1 - x0) * d) / len, y0 + ((y1 - y0) * d) / len];
      boxes.push([x - half, y - half, x + half, y + half]);
    }
  }
  return boxes;
}

/** Returns small boxes along a leader's span, `LEADER_BAND_PX` wide, for the grids of placed labels. */
function leaderBoxes(at: [number, number], dx: number, dy: number, span: { from: number; to: number }): Box[] {
  const len = Math.hypot(dx, dy);
  const [ux, uy] = [dx / len, dy / len];
  const half = LEADER_BAND_PX / 2;
  const boxes: Box[] = [];
  // from half a band past its start to half a band short of its end: clear of the name it leaves and of its own panel
  for (let d = span.from + half; d <= span.to - half; d += LEADER_BAND_PX) {
    const [x, y] = [at[0] + ux * d, at[1] + uy * d];
    boxes.push([x - half, y - half, x + half, y + half]);
  }
  return boxes;
}

/** Returns whether two boxes overlap (touching edges do not). */
export function boxesIntersect(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Returns the px² of a box that lies over a set of boxes (summed, as they are small and apart). */
function overlapSum(box: Box, boxes: readonly Box[]): number {
  let sum = 0;
  for (const b of boxes) sum += overlapArea(box, b);
  return sum;
}

/** Returns the overlap area (px²) of two boxes. */
function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Below this many px² a box's part outside the bounds is rounding, not text off the frame. */
const OUTSIDE_EPS_PX2 = 0.5;

/**
 * Returns the area (px²) of a box outside the bounds: exactly 0 for a box inside them. (The area less
 * the overlap is a difference of floats: a box well inside came out at a few 1e-12 px², which made a
 * free side look taken, so a label was left out or pushed a line or two away from its mark.)
 */
export function outsideArea(b: Box, bounds: Box): number {
  if (b[0] >= bounds[0] && b[1] >= bounds[1] && b[2] <= bounds[2] && b[3] <= bounds[3]) return 0;
  const out = (b[2] - b[0]) * (b[3] - b[1]) - overlapArea(b, bounds);
  return out < OUTSIDE_EPS_PX2 ? 0 : out;
}

/**
 * Returns the area (px²) of a box hidden under the covers (boxes over the map that hide what lies under
 * them: a legend, the attribution): exactly 0 for a box clear of them, like `outsideArea`.
 */
export function coveredArea(b: Box, covers: readonly Box[]): number {
  let area = 0;
  for (const c of covers) area += overlapArea(b, c);
  return area < OUTSIDE_EPS_PX2 ? 0 : area;
}

/** Returns the offset (px) from the anchor to the centre of a w × h box on a side or corner, `gap` px off the anchor (a corner's nearest point `gap` px away, at 45°). */
export function sideOffset(side: LabelSide, w: number, h: number, gap: number): [number, number] {
  const d = gap / Math.SQRT2;
  switch (side) {
    case 'above-right':
      return [d + w / 2, -(d + h / 2)];
    case 'below-right':
      return [d + w / 2, d + h / 2];
    case 'above-left':
      return [-(d + w / 2), -(d + h / 2)];
    case 'below-left':
      return [-(d + w / 2), d + h / 2];
    case 'above':
      return [0, -(gap + h / 2)];
    case 'below':
      return [0, gap + h / 2];
    case 'right':
      return [gap + w / 2, 0];
    case 'left':
      return [-(gap + w / 2), 0];
    default:
      return [0, 0];
  }
}

/** No spot on the map: no mark is on it (`onSpot`). */
const NOWHERE: [number, number] = [NaN, NaN];

/** Returns whether a box (a mark's) is centred within 1 px of `p`: a mark on a label's own spot (two places at one address) names no other point. */
function onSpot(m: Box, p: [number, number]): boolean {
  return Math.hypot((m[0] + m[2]) / 2 - p[0], (m[1] + m[3]) / 2 - p[1]) < 1;
}

/** Cell columns per key step of a `BoxGrid`: cell (x, y) is key x · CELL_KEY + y, distinct while |y| < CELL_KEY / 2 (50 million px at 96 px cells). */
const CELL_KEY = 2 ** 20;

/**
 * Boxes filed in square cells of a grid, so that the boxes near one are found without looking at all
 * of them: what keeps a layout of thousands of labels from comparing each with every other. Cells are
 * keyed by number, not by a string: a layout asks for thousands of cells, and every string key was
 * garbage.
 */
class BoxGrid {
  private cells = new Map<number, Box[]>();
  /** The `overlap` call that last counted each box (a box in several cells is counted once), so that no call makes a set. */
  private counted = new Map<Box, number>();
  private call = 0;
  constructor(private size: number) {}

  add(b: Box): void {
    const k = this.size;
    for (let x = Math.floor(b[0] / k); x <= Math.floor(b[2] / k); x++)
      for (let y = Math.floor(b[1] / k); y <= Math.floor(b[3] / k); y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        if (list) list.push(b);
        else this.cells.set(x * CELL_KEY + y, [b]);
      }
  }

  /**
   * Returns whether `b` overlaps a box filed (by a positive area, as `overlap` counts it), leaving out the
   * boxes in `except`; no closure or array per call (a layout asks thousands of times).
   */
  hits(b: Box, except?: ReadonlySet<Box>): boolean {
    const k = this.size;
    const y0 = Math.floor(b[1] / k);
    const y1 = Math.floor(b[3] / k);
    for (let x = Math.floor(b[0] / k), x1 = Math.floor(b[2] / k); x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        if (list) for (const o of list) if (overlapArea(b, o) > 0 && !except?.has(o)) return true;
      }
    return false;
  }

  /** Returns whether `b` overlaps a box filed other than one on the spot `own` (`onSpot`: a mark's own box, as `nearer` skips it). */
  hitsBut(b: Box, own: [number, number]): boolean {
    const k = this.size;
    for (let x = Math.floor(b[0] / k), x1 = Math.floor(b[2] / k); x <= x1; x++)
      for (let y = Math.floor(b[1] / k), y1 = Math.floor(b[3] / k); y <= y1; y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        if (list) for (const o of list) if (overlapArea(b, o) > 0 && !onSpot(o, own)) return true;
      }
    return false;
  }

  /** Takes out a box filed (the same object given to `add`). */
  remove(b: Box): void {
    const k = this.size;
    for (let x = Math.floor(b[0] / k); x <= Math.floor(b[2] / k); x++)
      for (let y = Math.floor(b[1] / k); y <= Math.floor(b[3] / k); y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        const i = list ? list.indexOf(b) : -1;
        if (i >= 0) list!.splice(i, 1);
      }
  }

  /** Returns the sum of the overlap areas (px²) of `b` with the boxes filed, each counted once, in the order the cells hold them. */
  overlap(b: Box): number {
    const k = this.size;
    const one = Math.floor(b[0] / k) === Math.floor(b[2] / k) && Math.floor(b[1] / k) === Math.floor(b[3] / k);
    const call = ++this.call;
    let sum = 0;
    const y0 = Math.floor(b[1] / k);
    const y1 = Math.floor(b[3] / k);
    for (let x = Math.floor(b[0] / k), x1 = Math.floor(b[2] / k); x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        if (!list) continue;
        for (const o of list) {
          if (!one) {
            if (this.counted.get(o) === call) continue;
            this.counted.set(o, call);
          }
          sum += overlapArea(b, o);
        }
      }
    return sum;
  }

  /**
   * Returns by how many px the centre of a box filed (a mark) is nearer `box` than `clear` (the most
   * of any, 0 for none), skipping a mark centred within 1 px of `own`; with `any`, stops at the first.
   * No closure or array per call: a layout asks for every side a point's name tries.
   */
  nearer(box: Box, own: [number, number], clear: number, any: boolean): number {
    const k = this.size;
    let worst = 0;
    const y0 = Math.floor((box[1] - clear) / k);
    const y1 = Math.floor((box[3] + clear) / k);
    for (let x = Math.floor((box[0] - clear) / k), x1 = Math.floor((box[2] + clear) / k); x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const list = this.cells.get(x * CELL_KEY + y);
        if (!list) continue;
        for (const m of list) {
          if (onSpot(m, own)) continue;
          const cx = (m[0] + m[2]) / 2;
          const cy = (m[1] + m[3]) / 2;
          worst = Math.max(worst, clear - Math.hypot(Math.max(box[0] - cx, 0, cx - box[2]), Math.max(box[1] - cy, 0, cy - box[3])));
          if (any && worst > 0) return worst;
        }
      }
    return worst;
  }
}

/** A placed label's boxes (its text's, then its leader's) at the layout's zoom and now. */
type Filed = { at: Box[]; now: Box[] };

/** `layoutLabels`' test of a box wholly clear (see `whollyClear` there). */
type WhollyClear = (box: Box, boxNow: Box, named?: [number, number], ownMark?: [number, number], offLines?: boolean, except?: ReadonlySet<Box>) => boolean;

/** Cell size (px) of the layout's grids: about a short label's width. */
const CELL_PX = 96;

/** Sides tried at a request's further anchors. */
const AROUND: LabelSide[] = ['above', 'below', 'right', 'left'];
/** What pushing a forced label one line further from its anchor costs (as 100 px² off the frame, or a neighbour's mark partly covered at the lowest zoom of the step: a name a line away from its mark pairs with the wrong one; less than any overlap with another label). */
const PUSH_COST = 1000;
/**
 * What a px² of its own line's band (`LabelRequest.line`) under a forced label's text costs: a line
 * struck through a name (about 100 px² along one line of text) weighs about as much as 200 px² of a
 * neighbour's mark under it, and less than a push a line out.
 */
const LINE_CROSS_COST = 2;
/**
 * The most its own line under a forced label costs, a tenth of a push: a line under a name chooses
 * between sides beside its mark that are otherwise about as good, and never sends the name a line out
 * (in a 1920 × 1080 kiosk's larger type, uncapped, an arc's px² outweighed a push and sent a base's
 * name 84 px from its mark; on a 3840 × 2160 one, capped at half a push, 167 px).
 */
const LINE_CROSS_MAX = PUSH_COST / 10;
/**
 * The share of its own line's cost a forced label still pays past `LINE_CROSS_MAX`: a name struck along
 * its whole length costs more than one whose corner the line crosses, so where both forms of a name are
 * struck past the cap the lighter strike wins (at a 1920 × 1080 kiosk stop an air base's one-line name,
 * its arc through the middle of it, had cost as much as the two-line form above the mark, which the arc
 * only touched), and only a strike of thousands of px² weighs as a push.
 */
const LINE_CROSS_BEYOND = 1 / 20;
/**
 * What a forced label's narrower form costs (`LabelRequest.narrow`): three quarters of the most its own
 * line under the one-line form costs, so a name its arc strikes through on every side that is otherwise
 * clear goes on two lines beside its mark instead, while a line that only grazes a corner of the box
 * (under about 37 px²) keeps it on one; less than a push a line out, and more than nothing, so a clear
 * one-line side always wins (a slide along a side is tried only after: see `LabelRequest.narrow`).
 */
const NARROW_COST = (LINE_CROSS_MAX * 3) / 4;
/**
 * What a forced region name's two lines cost (one that weighs its share outside its shape:
 * `outsideOwn`): a third of `NARROW_COST`. A region's name stacked over its shape reads as well as on one
 * line (atlases do both), so two lines win wherever they keep a sixteenth more of the box inside
 * (`OUTSIDE_OWN_COST`); at `NARROW_COST` the one line kept the stop of a portrait kiosk where a claimed
 * region's name began over the next region, and a threatened one's hung past both its borders, their
 * two lines inside. Still more than nothing: a one-line name wholly inside stays on one line.
 */
const AREA_NARROW_COST = NARROW_COST / 3;
/**
 * What a forced area name's try costs for all of its box outside the area's shape (`outsideOwn`), in
 * proportion to the share outside: a name wider than its region reads across the border as the
 * neighbour's (at a kiosk's type scale a region's one-line name ran into the next country). Two
 * fifths of a push: a sixteenth more of the box outside costs more than the narrower form
 * (`AREA_NARROW_COST`), so such a name goes on two lines where they keep more of it inside; any overlap
 * with a label costs more than all of it.
 */
const OUTSIDE_OWN_COST = (PUSH_COST * 2) / 5;
/** Returns what `px2` px² of its own line under a forced label's text costs: `LINE_CROSS_COST` each up to `LINE_CROSS_MAX`, `LINE_CROSS_BEYOND` of that past it. */
export function ownLineCost(px2: number): number {
  const full = px2 * LINE_CROSS_COST;
  return full <= LINE_CROSS_MAX ? full : LINE_CROSS_MAX + (full - LINE_CROSS_MAX) * LINE_CROSS_BEYOND;
}

/** Returns what `px2` px² of marks' middles under a label cost (`MARK_MIDDLE_COST`), and `HIDDEN_MIDDLE_COST` more for a panel that keeps off areas. */
function middleCost(px2: number, hides: boolean): number {
  return px2 > 0 ? px2 * MARK_MIDDLE_COST + (hides ? HIDDEN_MIDDLE_COST : 0) : 0;
}

/** An area a panel may hide (`LabelRequest.hides`). */
export interface HiddenArea {
  /** Its box on the map now (screen px). */
  box: Box;
  /** Its outline in the frame as bands at the zoom shown now (`lineBoxes`); asked only when a panel meets `box`. */
  outline(): readonly Box[];
}

/**
 * What hiding an area's whole outline under a panel costs (`LabelRequest.hides`), times the share hidden
 * squared: a tenth of it (a corner of a region's border) costs less than a push a line out, a quarter
 * more than two, half of it ten.
 */
const HIDDEN_AREA_COST = 40 * PUSH_COST;

/** Returns what a panel at `box` (screen px now) costs for the areas it hides (`HIDDEN_AREA_COST`). */
function hiddenAreaCost(areas: readonly HiddenArea[], box: Box): number {
  let cost = 0;
  for (const a of areas) {
    if (a.box[0] >= box[2] || a.box[2] <= box[0] || a.box[1] >= box[3] || a.box[3] <= box[1]) continue;
    const bands = a.outline();
    if (!bands.length) continue;
    let under = 0;
    for (const b of bands) if (b[0] < box[2] && b[2] > box[0] && b[1] < box[3] && b[3] > box[1]) under++;
    const share = under / bands.length;
    cost += share * share * HIDDEN_AREA_COST;
  }
  return cost;
}

/**
 * What a mark's centre right at the box of a panel that belongs to no place costs (`apartFromMarks`), in
 * proportion to how far inside that distance it is: two pushes a line out, so the panel takes another
 * side rather than sit against a mark, but not over a label or off the frame.
 */
const NEAR_MARK_COST = 2 * PUSH_COST;

/** What a px² of a mark under an opaque label costs: a whole mark hidden (about 800 px²) outweighs pushing the panel two lines out. */
const HIDDEN_MARK_COST = 20;
/**
 * What a px² of a mark's middle (the middle half of its box: the icon's heart, or the point inside a
 * ring) under a label's text costs, on top of the mark's own px²: text across it strikes the point
 * out, so a line of a name crossing a ringed point's middle (about 200 px²) outweighs pushing the name
 * a line further out. A name over a ring's edge or corner still costs only the mark's px² (a phone's
 * forced area name had taken the side across the current event's ringed city, 510 px² of its ring).
 */
const MARK_MIDDLE_COST = 10;
/**
 * What a panel that keeps off the story's areas (`LabelRequest.hides`) pays on top for any mark's middle
 * under it: a whole area's outline, so a mark hidden is worse than any share of an outline (a phone's
 * figure panel, kept off the areas round it, had gone over a point's mark).
 */
const HIDDEN_MIDDLE_COST = HIDDEN_AREA_COST;
/** How far (px) inside its ends a label slid along the frame's side must still reach over its mark. */
const SPAN_MARGIN_PX = 8;
/** Where a forced label slides along its side, as shares of the most it may (`SPAN_MARGIN_PX` short of its end), nearest first. */
const SLIDES = [1 / 3, -1 / 3, 2 / 3, -2 / 3];
/** The best cost so far from which a forced label tries sliding along its sides: any overlap with a label, about 50 px² of a line under it, 100 px² of a mark. */
const SLIDE_FROM_COST = 100;
/** How far (px) inside the frame's side a slid label stops: the drawn text's box may be a pixel or two wider than the one laid out (a 1280 × 720 kiosk's name of a base at the frame's west ended 2 px past the map's edge). */
const SLIDE_INSET_PX = 4;

/**
 * How much further than its own mark (as a multiple of that distance) every other mark must be from a
 * label that names a mark: at 1.25 a name 30 px above its mark has no other mark within 37.5 px of its box.
 */
export const CLEAR_RATIO = 1.25;

/** Returns the distance (px) from a box to a point (0 inside it). */
export function boxDistance(b: Box, [x, y]: [number, number]): number {
  return Math.hypot(Math.max(b[0] - x, 0, x - b[2]), Math.max(b[1] - y, 0, y - b[3]));
}

/**
 * Returns labels placed greedily in the order given (highest priority first): each takes the first
 * of its sides whose box overlaps no placed label (at the layout's anchors `at` and at `atNow`) and no obstacle (marks) and lies inside `bounds`
 * (the clear map area, tested at `atNow`) if given, under none of the `covers` (boxes over the map now, tested
 * at `atNow` too: what lies under them is hidden, as off the frame), and for a label that names a mark, no other mark's
 * centre is nearly as near its box as its own (`namesMark`); a label that fits nowhere is left out, unless forced, when it takes
 * the side that overlaps least (other labels weigh most, then the frame's edge and the covers, then the middle of a mark, then the rest of one),
 * or is left out after all where that side would be cut at the frame's edge or a cover's (deeper than `room`, the px that `bounds` and `covers` keep labels off). A label
 * that asks (`offLines`) keeps clear of `lines` too: bands along the lines drawn, at the layout's zoom and now, made only when asked. Pure, in screen px.
 */
export function layoutLabels(
  requests: LabelRequest[],
  obstacles: Box[] = [],
  bounds?: Box,
  covers: readonly Box[] = [],
  lines?: () => { at: readonly Box[]; now: readonly Box[] },
  room = 0,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  /** The lines' bands at both zooms (`LabelRequest.offLines`), filed when a label first asks. */
  let lineGrids: [BoxGrid, BoxGrid] | null = null;
  const lineGridsOf = (get: NonNullable<typeof lines>): [BoxGrid, BoxGrid] => {
    if (!lineGrids) {
      const { at, now } = get();
      lineGrids = [new BoxGrid(CELL_PX), new BoxGrid(CELL_PX)];
      for (const b of at) lineGrids[0].add(b);
      for (const b of now) lineGrids[1].add(b);
    }
    return lineGrids;
  };
  const onLines = (box: Box, boxNow: Box): boolean => {
    if (!lines) return false;
    const [at, now] = lineGridsOf(lines);
    return at.hits(box) || now.hits(boxNow);
  };
  const labels = new BoxGrid(CELL_PX);
  // The placed labels where they are drawn now, when laid out at another zoom: offsets do not scale
  // with the anchors, so two labels apart at the layout's zoom can meet at this one (a name above its
  // mark and a label centred just below that mark, 2 px in a 1080 × 1350 still).
  const labelsNow = new BoxGrid(CELL_PX);
  const boxNow: Box = [0, 0, 0, 0];
  /** Each placed label's boxes as filed in `labels` (`at`) and `labelsNow` (`now`): its text's first, then its leader's. */
  const filed: Filed[] = [];
  /** Files a placed label at both zooms. */
  const place = (p: PlacedLabel, now: [number, number], r: LabelRequest, at: [number, number]) => {
    placed.push(p);
    const [w, h] = p.narrow && r.narrow ? [r.narrow.w, r.narrow.h] : [r.w, r.h];
    const pNow: Box = [now[0] + p.dx - w / 2, now[1] + p.dy - h / 2, now[0] + p.dx + w / 2, now[1] + p.dy + h / 2];
    if (!boxById.has(p.id)) boxById.set(p.id, [p.box, pNow]);
    const boxes: Filed = p.leader ? { at: [p.box, ...leaderBoxes(at, p.dx, p.dy, p.leader)], now: [pNow, ...leaderBoxes(now, p.dx, p.dy, p.leader)] } : { at: [p.box], now: [pNow] };
    filed.push(boxes);
    file(boxes, true);
  };
  /** Files a label's boxes in the grids of placed labels (at the layout's zoom and now), or takes them out. */
  const file = (f: Filed, add: boolean) => {
    for (const [grid, boxes] of [
      [labels, f.at],
      [labelsNow, f.now],
    ] as const)
      for (const b of boxes) {
        if (add) grid.add(b);
        else grid.remove(b);
      }
  };
  /** The boxes of the labels placed so far, by id (a leader starts where it leaves its place's name). */
  const boxById = new Map<string, [Box, Box]>();
  /**
   * Returns how much of a leader's band, on `side` of `at` (`now` at the zoom shown now) with its box
   * offset `dx`, `dy`, lies under labels placed before it: px², at the worse of the two zooms (the
   * line is drawn at the zoom now, where its place's names may sit closer to it than at the layout's).
   */
  const underLeader = (r: LabelRequest, leader: NonNullable<LabelRequest['leader']>, side: LabelSide, dx: number, dy: number, at: [number, number], now: [number, number]) => {
    const own = leader.own === undefined ? undefined : boxById.get(leader.own);
    let [onAt, onNow] = [0, 0];
    const span = leaderSpan(side, dx, dy, r.w, r.h, at, leader.start, own?.[0]);
    if (span) for (const b of leaderBoxes(at, dx, dy, span)) onAt += labels.overlap(b);
    const spanNow = leaderSpan(side, dx, dy, r.w, r.h, now, leader.start, own?.[1]);
    if (spanNow) for (const b of leaderBoxes(now, dx, dy, spanNow)) onNow += labelsNow.overlap(b);
    return { span, on: Math.max(onAt, onNow) };
  };
  const marks = new BoxGrid(CELL_PX);
  for (const o of obstacles) marks.add(o);
  /** Each mark's middle half (asked only by forced labels: a label that may not overlap avoids the whole mark). */
  let middles: BoxGrid | null = null;
  const middlesOf = (): BoxGrid => {
    if (middles) return middles;
    middles = new BoxGrid(CELL_PX);
    for (const [l, t, r, b] of obstacles) {
      const [qx, qy] = [(r - l) / 4, (b - t) / 4];
      middles.add([l + qx, t + qy, r - qx, b - qy]);
    }
    return middles;
  };
  /**
   * Returns by how many px another mark's centre is nearer a label's box than `CLEAR_RATIO` times its
   * own mark at `own` allows (0: none); with `any`, returns a positive amount at the first such mark.
   */
  const unclearBy = (box: Box, own: [number, number], any: boolean) => marks.nearer(box, own, boxDistance(box, own) * CLEAR_RATIO, any);
  /**
   * Returns whether a label's box at the layout's zoom (`box`) and now (`boxNow`) is wholly clear:
   * inside the frame and under no cover (now), over no label filed (at both zooms, leaving out the boxes
   * in `except`) and no mark (but one on the spot `ownMark`), for a name (`named`: its mark) no other
   * mark nearly as near, and with `offLines`, off the lines. The test of a label that may not overlap,
   * and of an event's name that `unstrike` moves. Cheapest first: in a crowded view most tries fail on
   * a placed label, before the marks are looked at. Arguments, not an object: a dense story's plan asks
   * thousands of times, and every object was garbage.
   */
  const whollyClear: WhollyClear = (box, boxNow, named, ownMark, offLines, except) => {
    if (bounds && (boxNow[0] < bounds[0] || boxNow[1] < bounds[1] || boxNow[2] > bounds[2] || boxNow[3] > bounds[3]) && outsideArea(boxNow, bounds) > 0) return false;
    if (covers.length && coveredArea(boxNow, covers) > 0) return false;
    if (labels.hits(box, except) || labelsNow.hits(boxNow, except)) return false;
    if (ownMark ? marks.hitsBut(box, ownMark) : marks.hits(box)) return false;
    if (named && unclearBy(box, named, true) > 0) return false;
    return !(offLines && onLines(box, boxNow));
  };
  /** A try's box, reused: a label that may not overlap makes a box only where it is placed. */
  const box: Box = [0, 0, 0, 0];
  /**
   * Returns a label that may not overlap placed at the first of its anchors' sides where it is clear
   * (inside the frame, over no label or mark, and for a name, clearly nearer its own mark), or null.
   * The same choice as the tries of a forced label would make at cost 0, without their objects: at a
   * drag's rest a dense story's plan tries thousands of sides, and their garbage was collected in the
   * steps that followed.
   */
  const firstClear = (r: LabelRequest): { p: PlacedLabel; now: [number, number] } | null => {
    const fits = (side: LabelSide, at: [number, number], now: [number, number], anchor: number): PlacedLabel | null => {
      const [dx, dy] = sideOffset(side, r.w, r.h, r.gap);
      boxNow[0] = now[0] + dx - r.w / 2;
      boxNow[1] = now[1] + dy - r.h / 2;
      boxNow[2] = now[0] + dx + r.w / 2;
      boxNow[3] = now[1] + dy + r.h / 2;
      box[0] = at[0] + dx - r.w / 2;
      box[1] = at[1] + dy - r.h / 2;
      box[2] = at[0] + dx + r.w / 2;
      box[3] = at[1] + dy + r.h / 2;
      if (!whollyClear(box, boxNow, r.namesMark ? at : undefined, undefined, r.offLines)) return null;
      if (anchor >= 0 && r.misread?.(box, boxNow)) return null;
      return { id: r.id, side, dx, dy, box: [box[0], box[1], box[2], box[3]], anchor };
    };
    const now = r.atNow ?? r.at;
    for (const side of r.sides) {
      const p = fits(side, r.at, now, -1);
      if (p) return { p, now };
    }
    const more = typeof r.more === 'function' ? r.more() : (r.more ?? []);
    for (let anchor = 0; anchor < more.length; anchor++)
      for (const side of more[anchor].sides ?? AROUND) {
        const p = fits(side, more[anchor].at, more[anchor].now, anchor);
        if (p) return { p, now: more[anchor].now };
      }
    return null;
  };
  /** Files the `i`th placed label's new boxes in place of its old ones (a name `unstrike` moves). */
  const refile = (i: number, next: Filed) => {
    file(filed[i], false);
    filed[i] = next;
    file(next, true);
  };
  /**
   * Returns whether a forced label's best side leaves part of its text under a cover or beyond the
   * frame's edge, deeper than the `room` the bounds and covers keep it off: it is then left out, as a
   * name cut at an edge reads as another word (a region's name with its first letters under the legend,
   * while a place's panel is open: the panel moves the map, and the event's frame is clear of the legend
   * no longer).
   */
  const cut = (p: PlacedLabel, now: [number, number], r: LabelRequest) => {
    const [w, h] = p.narrow && r.narrow ? [r.narrow.w, r.narrow.h] : [r.w, r.h];
    const [cx, cy] = [now[0] + p.dx, now[1] + p.dy];
    const seen: Box = [cx - w / 2 + room, cy - h / 2 + room, cx + w / 2 - room, cy + h / 2 - room];
    return (!!bounds && outsideArea(seen, bounds) > 0) || (covers.length > 0 && coveredArea(seen, covers) > 0);
  };
  let unstruck = false;
  /** Moves the event's names struck through by another place's line (`unstrike`), once: before the first request laid out after it (`afterUnstrike`), else at the end. */
  const unstrikeOnce = () => {
    if (unstruck) return;
    unstruck = true;
    if (lines) unstrike(placed, filed, requests, { refile, marks, lines: () => lineGridsOf(lines), whollyClear });
  };
  for (const r of requests) {
    if ((r.last && !r.forced) || (r.unless !== undefined && placed.some((p) => p.id === r.unless))) continue;
    if (r.afterUnstrike) unstrikeOnce();
    if (!r.forced) {
      const clear = firstClear(r);
      if (clear) place(clear.p, clear.now, r, r.at);
      continue;
    }
    let best: PlacedLabel | null = null;
    let bestNow: [number, number] = r.atNow ?? r.at;
    let bestAt: [number, number] = r.at;
    let bestCost = Infinity;
    // A forced label that collides everywhere tries its sides again further out (a line, then two lines, further).
    const home = { at: r.at, now: r.atNow ?? r.at, anchor: -1 };
    type Try = { side: LabelSide; gap: number; at: [number, number]; now: [number, number]; anchor: number; shift?: number; push?: number; narrow?: true };
    // the further anchors are asked for only when the label's own sides have all failed (an area's outline points cost a projection each)
    function* tries(): Generator<Try> {
      for (const side of r.sides) yield { side, gap: r.gap, ...home };
      if (r.narrow) for (const side of r.sides) yield { side, gap: r.gap, ...home, narrow: true };
      const more = typeof r.more === 'function' ? r.more() : (r.more ?? []);
      for (const [anchor, m] of more.entries()) for (const side of m.sides ?? AROUND) yield { side, gap: r.gap, at: m.at, now: m.now, anchor };
      // A forced label above or below a mark near the frame's side slides along, inside the frame, as
      // long as it still spans its mark (else it would take a side beside another mark, and name it).
      if (r.forced && bounds)
        for (const side of r.sides) {
          if (side !== 'above' && side !== 'below') continue;
          const x = home.now[0];
          const shift = Math.max(0, bounds[0] + SLIDE_INSET_PX - (x - r.w / 2)) - Math.max(0, x + r.w / 2 - (bounds[2] - SLIDE_INSET_PX));
          if (shift !== 0 && Math.abs(shift) < r.w / 2 - SPAN_MARGIN_PX) yield { side, gap: r.gap, ...home, shift };
        }
      if (r.forced) yield* slid(0);
      if (r.forced)
        for (const k of [1, 2]) {
          for (const side of r.sides) if (side !== 'center') yield { side, gap: r.gap + k * r.h, ...home, push: k };
          yield* slid(k);
        }
    }
    /**
     * A forced label above or below its place (pushed `push` lines out) slides along its side (a third,
     * then two thirds of the way to where it would stop spanning its place, either way) when every try so
     * far has met something (`SLIDE_FROM_COST`: a name's end over a neighbour's, a line through it) or
     * when its leader would run under a name placed before it, so that the line slants past the name.
     */
    function* slid(push: number): Generator<Try> {
      const gap = r.gap + push * r.h;
      const reach = r.w / 2 - SPAN_MARGIN_PX;
      for (const side of r.sides) {
        if (side !== 'above' && side !== 'below') continue;
        if (bestCost < SLIDE_FROM_COST) {
          if (!r.leader) continue;
          const [dx, dy] = sideOffset(side, r.w, r.h, gap);
          if (underLeader(r, r.leader, side, dx, dy, home.at, home.now).on === 0) continue;
        }
        for (const f of SLIDES) yield { side, gap, ...home, shift: f * reach, push };
      }
    }
    for (const { side, gap, at, now, anchor, shift = 0, push = 0, narrow } of tries()) {
      const { w, h } = narrow && r.narrow ? r.narrow : r;
      const [ox, dy] = sideOffset(side, w, h, gap);
      const dx = ox + shift;
      const cx = at[0] + dx;
      const cy = at[1] + dy;
      const box: Box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
      let outside = 0;
      if (bounds) {
        const [l, t] = [now[0] + dx - w / 2, now[1] + dy - h / 2];
        // inside the frame (most tries): no box to make
        if (l < bounds[0] || t < bounds[1] || l + w > bounds[2] || t + h > bounds[3]) outside = outsideArea([l, t, now[0] + dx + w / 2, now[1] + dy + h / 2], bounds);
      }
      // text under a cover is as hidden as text off the frame
      if (covers.length) outside += coveredArea([now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2], covers);
      // a name cut at the frame's edge is worse than one near another mark: 100 px short of clear weighs as 1 px² off the frame
      // and a name pushed a line or two away from its mark is taken only to clear another label or the
      // frame's edge, not for a side a little near another mark. The cost is summed in that order; a
      // try whose first terms already reach the best cost is dropped before the rest are looked up (a
      // float sum of terms ≥ 0 never falls as terms are added, so it could not have been taken).
      const pushCost = push * PUSH_COST + (narrow ? (r.outsideOwn ? AREA_NARROW_COST : NARROW_COST) : 0);
      // a panel's text under a cover or off the frame is hidden as a name's overlap is: it costs as much,
      // more than any area it would hide (`hides`), so a panel never trades its text for an area's outline
      const offCost = outside * (r.opaque ? 1000 : 10);
      if (offCost + pushCost >= bestCost) continue;
      // the overlap at the worse of the two zooms (where they are one, as much as before)
      const onLabels = Math.max(labels.overlap(box), labelsNow.overlap([now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2])) * 1000 + offCost;
      if (onLabels + pushCost >= bestCost) continue;
      const unclear = r.namesMark ? unclearBy(box, at, false) : 0;
      const nearMarks = r.apartFromMarks ? (marks.nearer(box, NOWHERE, r.apartFromMarks, false) / r.apartFromMarks) * NEAR_MARK_COST : 0;
      const onMarks = marks.overlap(box);
      // a leader under another label's text: see LEADER_CROSS_COST
      const { span: leader, on: onLeader } = r.leader ? underLeader(r, r.leader, side, dx, dy, at, now) : { span: null, on: 0 };
      // its own line drawn across its text (its place's arc, struck through the name above it)
      const onLines = r.line ? ownLineCost(Math.max(overlapSum(box, r.line.at), overlapSum([now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2], r.line.now))) : 0;
      const onAreas = r.hides ? hiddenAreaCost(r.hides, [now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2]) : 0;
      let cost = onLabels + onLeader * LEADER_CROSS_COST + onLines + unclear * 0.1 + nearMarks + onMarks * (r.opaque ? HIDDEN_MARK_COST : 1) + middleCost(onMarks > 0 ? middlesOf().overlap(box) : 0, !!r.hides) + onAreas + pushCost;
      // an area's own name off its shape: asked only of a try that could still win
      if (r.outsideOwn && cost < bestCost) cost += OUTSIDE_OWN_COST * r.outsideOwn(box, [now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2]);
      if (cost < bestCost) {
        best = { id: r.id, side, dx, dy, box, anchor, ...(leader ? { leader } : {}), ...(narrow ? { narrow } : {}) };
        bestNow = now;
        bestAt = at;
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    if (best && !cut(best, bestNow, r)) place(best, bestNow, r, bestAt);
  }
  unstrikeOnce();
  leaveAreas(placed, filed, requests, { refile, marks, whollyClear });
  for (const r of requests) {
    if (!r.last || r.forced) continue;
    const clear = firstClear(r);
    if (clear) place(clear.p, clear.now, r, r.at);
  }
  return placed;
}

/** Directions (degrees from east) a region's name tries, out from its anchor, when it moves out of its shape (`leaveAreas`). */
const OUT_OF_AREA_DIRECTIONS = Array.from({ length: 24 }, (_, i) => i * 15);
/** The ids of the names that a placed callout's leader starts from (`leader.own`): they stay, or the leader would hang. */
function leaderOwners(placed: readonly PlacedLabel[], requests: readonly LabelRequest[]): Set<string> {
  const all = new Map(requests.map((r) => [r.id, r]));
  const owners = new Set<string>();
  for (const p of placed) {
    const own = p.leader ? all.get(p.id)?.leader?.own : undefined;
    if (own !== undefined) owners.add(own);
  }
  return owners;
}

/** How far out (in the name's heights, beyond half its width) a region's name may move with its leader. */
const OUT_OF_AREA_LINES = 5;

/**
 * Moves a region's name that reads as another area's where it was placed (a one-line name wider than
 * its region, across the border into the next: `LabelRequest.outOfArea`; the event's own, or another
 * place's over its anchor) out to open ground, with a leader from its anchor inside the region. First
 * its two-line form over the anchor (no leader), if that is clear and reads as its own; else the nearest
 * spot (shortest leader, one line before two) where the name and its leader are wholly clear (in the
 * frame, under no cover, off every label, mark and line, at both zooms), no mark's centre is within two
 * gaps of the name (it would read as that town's), the name lies a gap off every area shown, its own
 * too, and the leader over no other area (across a neighbouring region it would point into that one).
 * Laid out last, so nothing else moves or loses its room; where there is no such spot it stays.
 */
function leaveAreas(
  placed: PlacedLabel[],
  filed: Filed[],
  requests: readonly LabelRequest[],
  o: { refile: (i: number, next: Filed) => void; marks: BoxGrid; whollyClear: WhollyClear },
): void {
  const byId = new Map<string, LabelRequest>();
  for (const r of requests) if (r.outOfArea) byId.set(r.id, r);
  if (!byId.size) return;
  // a name that a callout's leader starts from (where it leaves the name's box) stays where the leader meets it
  const ownsLeader = leaderOwners(placed, requests);
  for (const [i, p] of placed.entries()) {
    const r = byId.get(p.id);
    if (ownsLeader.has(p.id)) continue;
    // (another place's name beside its outline was kept off other areas as it was placed: `misread`)
    if (!r?.outOfArea || p.leader || (!r.forced && p.anchor !== -1) || !r.outOfArea.misread(p.box, filed[i].now[0])) continue;
    const now = r.atNow ?? r.at;
    const except = new Set([...filed[i].at, ...filed[i].now]);
    // first its two-line form over its anchor, if that reads as its own (no leader needed)
    if (r.narrow && !p.narrow && r.sides.includes('center')) {
      const { w, h } = r.narrow;
      const box: Box = [r.at[0] - w / 2, r.at[1] - h / 2, r.at[0] + w / 2, r.at[1] + h / 2];
      const boxNow: Box = [now[0] - w / 2, now[1] - h / 2, now[0] + w / 2, now[1] + h / 2];
      if (o.whollyClear(box, boxNow, undefined, undefined, true, except) && !r.outOfArea.misread(box, boxNow)) {
        placed[i] = { id: r.id, side: 'center', dx: 0, dy: 0, box, anchor: -1, narrow: true };
        o.refile(i, { at: [box], now: [boxNow] });
        continue;
      }
    }
    const forms: { w: number; h: number; narrow?: true }[] = [{ w: r.w, h: r.h }, ...(r.narrow ? [{ w: r.narrow.w, h: r.narrow.h, narrow: true as const }] : [])];
    type Try = { dx: number; dy: number; w: number; h: number; narrow?: true; to: number; n: number };
    const tries: Try[] = [];
    for (const [n, { w, h, narrow }] of forms.entries())
      for (const deg of OUT_OF_AREA_DIRECTIONS) {
        const [ux, uy] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
        // where the way out enters the box, from its centre
        const entry = Math.min(ux ? w / 2 / Math.abs(ux) : Infinity, uy ? h / 2 / Math.abs(uy) : Infinity);
        for (let to = h; to <= w / 2 + OUT_OF_AREA_LINES * h; to += h / 2) {
          const len = to + entry + r.gap;
          tries.push({ dx: ux * len, dy: uy * len, w, h, narrow, to: to + r.gap, n });
        }
      }
    // the shortest leader first; of two as long, the one-line form
    tries.sort((a, b) => a.to - b.to || a.n - b.n);
    for (const { dx, dy, w, h, narrow, to } of tries) {
      const box: Box = [r.at[0] + dx - w / 2, r.at[1] + dy - h / 2, r.at[0] + dx + w / 2, r.at[1] + dy + h / 2];
      const boxNow: Box = [now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2];
      if (!o.whollyClear(box, boxNow, undefined, undefined, true, except) || o.marks.nearer(box, NOWHERE, 2 * r.gap, true) > 0) continue;
      const leader = { from: 0, to };
      const [lead, leadNow] = [leaderBoxes(r.at, dx, dy, leader), leaderBoxes(now, dx, dy, leader)];
      if (!lead.every((b, j) => o.whollyClear(b, leadNow[j], undefined, undefined, true, except))) continue;
      // the name wholly out of its shape (half over it, its leader would be a stub) and a gap off every
      // area (against a neighbour's edge it reads as that one's); its leader over no other area
      const g = r.gap;
      if (r.outOfArea.onAreas([box[0] - g, box[1] - g, box[2] + g, box[3] + g], [boxNow[0] - g, boxNow[1] - g, boxNow[2] + g, boxNow[3] + g], true) || lead.some((b, j) => r.outOfArea!.onAreas(b, leadNow[j], false))) continue;
      // the name reads away from its leader: ranged left on the right of its anchor, right on the left
      const side: LabelSide = Math.abs(dx) < w / 2 ? (dy < 0 ? 'above' : 'below') : dx > 0 ? 'right' : 'left';
      placed[i] = { id: r.id, side, dx, dy, box, anchor: -1, leader, ...(narrow ? { narrow } : {}) };
      o.refile(i, { at: [box, ...lead], now: [boxNow, ...leadNow] });
      break;
    }
  }
}

/**
 * Moves an event's own point name (a forced label that names its mark, at its own anchor, with no
 * leader drawn from it) that another place's line strikes through (a distance arc; its own is weighed
 * when it is placed, and one that only grazes it keeps it on one line: `NARROW_COST`) to the first of
 * its sides, on one line and then on two (`LabelRequest.narrow`), where it is wholly clear: of every
 * other label placed (before it and after it) at both zooms, of the marks but its own, the frame's
 * edge, the covers and every line, its own too, and clearly nearer its own mark. Nothing else moves, so
 * no label loses its room to it. Where no side beside its mark is wholly clear, a name that may
 * (`LabelRequest.outward`) moves one to three lines further out with a leader, where name and leader are
 * wholly clear; else it stays. (Weighing the other
 * lines in the forced tries themselves took a distance label's room in a kiosk's frame, and on a phone
 * moved a neighbour's name beside the wrong mark, the names being placed one after another.)
 */
function unstrike(
  placed: PlacedLabel[],
  filed: Filed[],
  requests: readonly LabelRequest[],
  o: {
    /** Files a moved label's boxes in place of those `filed` holds for it, in the layout's grids. */
    refile: (i: number, next: Filed) => void;
    marks: BoxGrid;
    /** The lines' bands filed at the layout's zoom and now (`layoutLabels`' `lines`). */
    lines: () => [BoxGrid, BoxGrid];
    whollyClear: WhollyClear;
  },
): void {
  const byId = new Map<string, LabelRequest>();
  for (const r of requests) if (r.forced) byId.set(r.id, r);
  // the names another place's line runs through, found first: most plans have none, and look at nothing more
  const struck: number[] = [];
  let grids: [BoxGrid, BoxGrid] | null = null;
  for (const [i, p] of placed.entries()) {
    const r = byId.get(p.id);
    if (!r?.namesMark || r.leader || p.anchor !== -1) continue;
    grids ??= o.lines();
    // its own line's bands are the same boxes as in `lines` (the plan hands both from one list)
    const own = new Set<Box>(r.line ? [...r.line.at, ...r.line.now] : []);
    if (grids[0].hits(p.box, own) || grids[1].hits(filed[i].now[0], own)) struck.push(i);
  }
  if (!struck.length) return;
  const ownsLeader = leaderOwners(placed, requests);
  /** Moves the struck name at `i` beside its mark (`out` false) or further out with a leader (`out` true), where wholly clear; returns whether it moved. */
  const moveClear = (i: number, out: boolean): boolean => {
    const r = byId.get(placed[i].id)!;
    const now = r.atNow ?? r.at;
    const except = new Set([...filed[i].at, ...filed[i].now]);
    const move = (p: PlacedLabel, at: Box[], now: Box[]) => {
      placed[i] = p;
      o.refile(i, { at, now });
      return true;
    };
    const boxesAt = (dx: number, dy: number, w: number, h: number): [Box, Box] => [
      [r.at[0] + dx - w / 2, r.at[1] + dy - h / 2, r.at[0] + dx + w / 2, r.at[1] + dy + h / 2],
      [now[0] + dx - w / 2, now[1] + dy - h / 2, now[0] + dx + w / 2, now[1] + dy + h / 2],
    ];
    if (!out) {
      const forms: { w: number; h: number; narrow?: true }[] = [{ w: r.w, h: r.h }, ...(r.narrow ? [{ w: r.narrow.w, h: r.narrow.h, narrow: true as const }] : [])];
      for (const { w, h, narrow } of forms)
        for (const side of r.sides) {
          const [dx, dy] = sideOffset(side, w, h, r.gap);
          const [box, boxNow] = boxesAt(dx, dy, w, h);
          // its own mark is not in the way: a corner's box may touch the mark's (its ring's) box corner
          if (o.whollyClear(box, boxNow, r.at, r.at, true, except)) return move({ id: r.id, side, dx, dy, box, anchor: -1, ...(narrow ? { narrow } : {}) }, [box], [boxNow]);
        }
      return false;
    }
    if (!r.outward) return false;
    // further out, with a leader to its mark: the name need not be the nearest to its mark, but no other
    // mark may be as near it as a name beside its mark sits, and the leader keeps off labels, marks and lines
    for (const k of OUT_LINES)
      for (const side of r.sides) {
        const [dx, dy] = sideOffset(side, r.w, r.h, r.gap + k * r.h);
        const [box, boxNow] = boxesAt(dx, dy, r.w, r.h);
        if (!o.whollyClear(box, boxNow, undefined, r.at, true, except) || o.marks.nearer(box, r.at, r.gap, true) > 0) continue;
        const len = Math.hypot(dx, dy);
        // to where the way from the anchor to the name's centre enters its box
        const to = len - Math.min(dx ? r.w / 2 / Math.abs(dx / len) : Infinity, dy ? r.h / 2 / Math.abs(dy / len) : Infinity);
        const leader = { from: r.outward.start, to };
        if (to - leader.from < 2) continue;
        const [lead, leadNow] = [leaderBoxes(r.at, dx, dy, leader), leaderBoxes(now, dx, dy, leader)];
        // the leader's band as clear as the name: in the frame, under no cover, off labels, other marks and lines
        if (!lead.every((b, j) => o.whollyClear(b, leadNow[j], undefined, r.at, true, except))) continue;
        return move({ id: r.id, side, dx, dy, box, anchor: -1, leader }, [box, ...lead], [boxNow, ...leadNow]);
      }
    return false;
  };
  // every name that can first moves beside its mark, then those that could not try beside it again (a
  // name after them may have moved out of their way) and then further out: a name moved out does not
  // take the room beside its mark that a later name would have moved to
  const left = struck.filter((i) => !ownsLeader.has(placed[i].id) && !moveClear(i, false));
  for (const i of left) if (!moveClear(i, false)) moveClear(i, true);
}
