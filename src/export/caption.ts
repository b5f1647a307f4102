import { currentEventIndex, isVisibleAt, toHours, type PreparedPlace, type PreparedStory } from '../data/prepare.ts';
import type { Source } from '../data/schema.ts';
import { placeExtent, unionBox, type LonLatBox } from '../map/event-camera.ts';
import { holds, polygonsOf } from '../map/area-shape.ts';
import { greatCirclePoint } from '../map/layers.ts';
import type { AppState } from '../state/store.ts';
import type { LegendSymbol } from '../theme/symbols.ts';
import { eventSpan, formatMoment } from '../time/format.ts';
import { endOfUtcDay } from '../time/instant.ts';
import { momentPrecision } from '../time/precision.ts';

/** One legend row of the caption: a category (or the distance lines) that is on the map. */
export interface LegendEntry {
  id: string;
  label: string;
  /** Swatch symbol as in the theme (star, diamond, hatch, …) or "line". */
  symbol: LegendSymbol;
  color: string;
}

/** What the burned-in caption says: all of it derived from the story data and the state. */
export interface CaptionContent {
  title: string;
  /** The moment at the current event's precision, UTC and local, e.g. "1 Jun 2025, 11:35 UTC · 13:35 UTC+2 (…)". */
  moment: string;
  /** The current event's title, or null before the first event. */
  event: string | null;
  legend: LegendEntry[];
  /**
   * The outlets of the articles behind what is shown, once each in order of citation ("AFP"), with
   * the articles that name no outlet counted last ("2 reports without a byline").
   */
  sources: string[];
  /** The outlets of the outside documents ("reported elsewhere") behind what is shown, once each. */
  elsewhere: string[];
  /** Who made the graphic (the story's, or a desk's own for an export), or null: printed before the data credit. */
  graphicCredit: string | null;
  /** The data credit (the basemap's sources and their licences), which every caption prints, whatever graphic credit a desk writes. */
  dataCredit: string;
}

/** Returns the caption's whole credit line: the graphic credit, if any, then the data credit. */
export function creditLine(c: Pick<CaptionContent, 'graphicCredit' | 'dataCredit'>): string {
  return c.graphicCredit ? `${c.graphicCredit} · ${c.dataCredit}` : c.dataCredit;
}

/** A place's extent in degrees: [west, south, east, north]. */
export type Box = LonLatBox;

const boxes = new WeakMap<PreparedPlace, Box>();

/** Returns a place's bounding box in degrees, its label anchor included: event-camera's `placeExtent` and the anchor (computed once per place). */
export function placeBox(p: PreparedPlace): Box {
  const known = boxes.get(p);
  if (known) return known;
  const [x, y] = p.props.anchor;
  const b = unionBox([placeExtent(p), [x, y, x, y]]);
  boxes.set(p, b);
  return b;
}

/**
 * A test of what the map shows: whether a place is in frame (see `frameTest`), and (where the test
 * knows the frame) whether any part of a line through these [lon, lat] points is.
 */
export interface InFrame {
  (p: PreparedPlace): boolean;
  line?(points: readonly [number, number][]): boolean;
}

/**
 * Returns the test of what lies in `view` ([west, south, east, north], degrees): a point by its box
 * (`placeBox`), an area by its shape in `areaView` (the view, or the view a few px in from its edges:
 * an area is in frame where an outline crosses it or the shape holds its middle, so a region whose
 * box reaches into the frame but whose shape lies outside it, or only on its edge, is not), lines by
 * their segments.
 */
export function frameTest(view: Box, areaView: Box = view): InFrame {
  const middle: [number, number] = [(areaView[0] + areaView[2]) / 2, (areaView[1] + areaView[3]) / 2];
  const test = (p: PreparedPlace) => {
    if (!p.isArea) return boxesOverlap(placeBox(p), view);
    if (!boxesOverlap(placeBox(p), areaView)) return false;
    // an outline in the view, or the view inside the shape (its middle in this world copy or the next)
    return polygonsOf(p).some((poly) => poly.some((ring) => lineInBox(ring as [number, number][], areaView))) || [-360, 0, 360].some((k) => holds(p, [middle[0] + k, middle[1]]));
  };
  test.line = (points: readonly [number, number][]) => lineInBox(points, view);
  return test;
}

/** Returns whether any segment of a line of [lon, lat] points crosses a box, the line also tried shifted by ±360° so world copies count. */
export function lineInBox(points: readonly [number, number][], view: Box): boolean {
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[Math.max(0, i - 1)];
    let [x1] = points[i];
    const y1 = points[i][1];
    // a segment across the antimeridian is the short way round
    if (x1 - x0 > 180) x1 -= 360;
    else if (x0 - x1 > 180) x1 += 360;
    for (const k of [-360, 0, 360]) if (segmentInBox(x0 + k, y0, x1 + k, y1, view)) return true;
  }
  return false;
}

/** Returns whether the segment from (x0, y0) to (x1, y1) meets a box (Liang–Barsky clipping), its edges included. */
export function segmentInBox(x0: number, y0: number, x1: number, y1: number, [w, s, e, n]: Box): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let lo = 0;
  let hi = 1;
  for (const [p, q] of [
    [-dx, x0 - w],
    [dx, e - x0],
    [-dy, y0 - s],
    [dy, n - y0],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) lo = Math.max(lo, r);
      else hi = Math.min(hi, r);
      if (lo > hi) return false;
    }
  }
  return true;
}

const arcs = new WeakMap<PreparedPlace, [number, number][]>();
/** How many pieces an arc's line is cut into for the frame test: each short enough to be nearly straight. */
const ARC_PIECES = 32;

/** Returns the points along a place's distance arc (the great circle from its border point to the place), computed once per place. */
export function arcPath(p: PreparedPlace): [number, number][] {
  let path = arcs.get(p);
  if (!path) {
    const [from, to] = [p.props.borderPoint!, p.feature.geometry.coordinates as [number, number]];
    path = Array.from({ length: ARC_PIECES + 1 }, (_, i) => greatCirclePoint(from, to, i / ARC_PIECES));
    arcs.set(p, path);
  }
  return path;
}

/** Returns whether two boxes overlap, trying the second one shifted by ±360° so world copies count. */
export function boxesOverlap(a: Box, view: Box): boolean {
  if (a[1] > view[3] || a[3] < view[1]) return false;
  return [-360, 0, 360].some((k) => a[0] + k <= view[2] && a[2] + k >= view[0]);
}

/** Returns the outlet a source line names for a source: an article's agency or outlet (null when it names none), an outside document's outlet (an undated reference work without its edition, "Wikipedia"). */
export function outletName(s: Source): string | null {
  if (s.kind === 'article') return s.agency ?? s.outlet ?? null;
  return s.date ? s.outlet : s.outlet.replace(/\s*\(.*\)$/, '');
}

/** Returns the outlets naming `cited` articles, once each, and the articles without one counted ("a report without a byline"). */
export function articleOutlets(cited: Source[]): string[] {
  const names = [...new Set(cited.map(outletName).filter((n): n is string => !!n))];
  const unnamed = cited.filter((s) => !outletName(s)).length;
  if (unnamed) names.push(unnamed === 1 ? 'a report without a byline' : `${unnamed} reports without a byline`);
  return names;
}

/** Returns the source line in full: "Sources: AFP; Reuters (contributing). Reported elsewhere: Outlet." */
export function sourceLine(c: Pick<CaptionContent, 'sources' | 'elsewhere'>): string {
  const parts: string[] = [];
  if (c.sources.length) parts.push(`${c.sources.length === 1 ? 'Source' : 'Sources'}: ${c.sources.join('; ')}.`);
  if (c.elsewhere.length) parts.push(`Reported elsewhere: ${c.elsewhere.join('; ')}.`);
  return parts.join(' ');
}

/**
 * Returns the caption for the story at state `s`: title, moment, current event, a legend of the
 * categories on the map (places that have appeared, in a visible layer, and in frame per `inFrame`),
 * the articles behind the current event and those places, and the data credit.
 */
export function captionContent(
  prep: PreparedStory,
  s: Pick<AppState, 't' | 'layers'>,
  inFrame: InFrame = () => true,
): CaptionContent {
  const h = toHours(s.t, prep.start);
  const i = currentEventIndex(prep.events, s.t);
  const ev = i >= 0 ? prep.events[i] : null;
  const shown = prep.places.filter((p) => isVisibleAt(p, h) && s.layers.includes(p.category) && inFrame(p));
  const cats = new Set(shown.map((p) => p.category));
  const legend: LegendEntry[] = prep.theme.categories
    .filter((c) => cats.has(c.id))
    .map((c) => ({ id: c.id, label: c.label, symbol: c.symbol, color: c.color }));
  // the distance lines are in the legend when one is seen, though the place at its end be out of frame
  const hasArc = (p: PreparedPlace) => !!p.props.borderPoint && p.props.distanceKm !== undefined;
  const arcSeen = (p: PreparedPlace) => (inFrame.line ? inFrame.line(arcPath(p)) : inFrame(p));
  if (s.layers.includes('distances') && prep.places.some((p) => hasArc(p) && isVisibleAt(p, h) && s.layers.includes(p.category) && arcSeen(p)))
    legend.push({ id: 'distances', label: prep.theme.layers.distances.label, symbol: 'line', color: prep.theme.colors.arc });

  const ids = [...(ev?.sources ?? []), ...shown.flatMap((p) => p.props.sources)];
  const cited = [...new Set(ids)].map((id) => prep.story.sources.find((x) => x.id === id)).filter((x): x is Source => !!x);
  const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  // never finer than the current event's precision: the line stands over its title
  const precision = momentPrecision(prep, s.t);
  const m = formatMoment(s.t, precision, prep.story.displayZone);
  // within an event of several days given to the day, its days: a figure reached by its last day is
  // not printed under its first alone ("11–16 Jun 2025" over the bodies returned, not "11 Jun 2025")
  const span = ev?.end && precision === 'day' && s.t < endOfUtcDay(ev.t1) ? eventSpan(ev) : null;
  return {
    title: prep.story.title,
    moment: span ?? (m.local ? `${m.utc} · ${m.local}` : m.utc),
    event: ev?.title ?? null,
    legend,
    sources: articleOutlets(cited.filter((x) => x.kind === 'article')),
    elsewhere: unique(cited.filter((x) => x.kind === 'elsewhere').map(outletName)),
    graphicCredit: prep.story.graphicCredit ?? null,
    dataCredit: prep.story.credit,
  };
}
