/** A box in screen px: [left, top, right, bottom]. */
export type Box = [number, number, number, number];

/** Where a label sits relative to its anchor point. */
export type LabelSide = 'center' | 'above' | 'below' | 'right' | 'left';

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
   * More anchors to try after `at` has failed on every side, in order of preference (points on an
   * area's outline, nearest first), each on its `sides` (else above, below, right and left); `now` is the anchor at the zoom shown now.
   */
  more?: { at: [number, number]; now: [number, number]; sides?: LabelSide[] }[];
}

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
}

/** Returns whether two boxes overlap (touching edges do not). */
export function boxesIntersect(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Returns the overlap area (px²) of two boxes. */
function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Returns the offset (px) from the anchor to the centre of a w × h box on a side, `gap` px off the anchor. */
export function sideOffset(side: LabelSide, w: number, h: number, gap: number): [number, number] {
  switch (side) {
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

/** Sides tried at a request's further anchors. */
const AROUND: LabelSide[] = ['above', 'below', 'right', 'left'];

/**
 * Returns labels placed greedily in the order given (highest priority first): each takes the first
 * of its sides whose box overlaps no placed label and no obstacle (marks) and lies inside `bounds`
 * (the clear map area, tested at `atNow`) if given; a label that fits nowhere is left out, unless forced, when it takes
 * the side that overlaps least (other labels weigh most, then the frame's edge). Pure, in screen px.
 */
export function layoutLabels(requests: LabelRequest[], obstacles: Box[] = [], bounds?: Box): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    // A forced label that collides everywhere tries its sides again further out (a line, then two lines, further).
    const home = { at: r.at, now: r.atNow ?? r.at, anchor: -1 };
    const tries = r.sides.map((side) => ({ side, gap: r.gap, ...home }));
    (r.more ?? []).forEach((m, anchor) => {
      for (const side of m.sides ?? AROUND) tries.push({ side, gap: r.gap, at: m.at, now: m.now, anchor });
    });
    if (r.forced)
      for (const k of [1, 2])
        for (const side of r.sides) if (side !== 'center') tries.push({ side, gap: r.gap + k * r.h, ...home });
    for (const { side, gap, at, now, anchor } of tries) {
      const [dx, dy] = sideOffset(side, r.w, r.h, gap);
      const cx = at[0] + dx;
      const cy = at[1] + dy;
      const box: Box = [cx - r.w / 2, cy - r.h / 2, cx + r.w / 2, cy + r.h / 2];
      const labelCost = placed.reduce((a, p) => a + overlapArea(box, p.box), 0);
      const boxNow: Box = [now[0] + dx - r.w / 2, now[1] + dy - r.h / 2, now[0] + dx + r.w / 2, now[1] + dy + r.h / 2];
      const outside = bounds ? r.w * r.h - overlapArea(boxNow, bounds) : 0;
      const cost = labelCost * 1000 + outside * 10 + obstacles.reduce((a, o) => a + overlapArea(box, o), 0);
      if (cost === 0) {
        best = { id: r.id, side, dx, dy, box, anchor };
        bestCost = 0;
        break;
      }
      if (r.forced && cost < bestCost) {
        best = { id: r.id, side, dx, dy, box, anchor };
        bestCost = cost;
      }
    }
    if (best) placed.push(best);
  }
  return placed;
}
