import { currentEventIndex, isVisibleAt, toHours, type PreparedPlace, type PreparedStory } from '../data/prepare.ts';
import type { Source } from '../data/schema.ts';
import type { AppState } from '../state/store.ts';
import type { LegendSymbol } from '../theme/symbols.ts';
import { formatMoment } from '../time/format.ts';
import { displayPrecision } from '../time/precision.ts';
import { elsewhereLabel } from '../ui/sources.ts';

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
  /** The moment at the current event's precision, UTC and local, e.g. "1 Jun 2025, 11:35 UTC · 14:35 UTC+3 (…)". */
  moment: string;
  /** The current event's title, or null before the first event. */
  event: string | null;
  legend: LegendEntry[];
  /**
   * Short names of the articles behind what is shown, and one "reported elsewhere: …" entry naming
   * the outside documents (first when the current event itself rests on them, else second).
   */
  sources: string[];
  credit: string;
}

/** A place's extent in degrees: [west, south, east, north]. */
export type Box = [number, number, number, number];

const boxes = new WeakMap<PreparedPlace, Box>();

/** Returns a place's bounding box in degrees (computed once per place). */
export function placeBox(p: PreparedPlace): Box {
  const known = boxes.get(p);
  if (known) return known;
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit(p.feature.geometry.coordinates);
  visit(p.props.anchor);
  boxes.set(p, b);
  return b;
}

/** Returns whether two boxes overlap, trying the second one shifted by ±360° so world copies count. */
export function boxesOverlap(a: Box, view: Box): boolean {
  if (a[1] > view[3] || a[3] < view[1]) return false;
  return [-360, 0, 360].some((k) => a[0] + k <= view[2] && a[2] + k >= view[0]);
}

/** Returns text cut at a word to at most `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/[\s,;:–-]+\S*$/, '')}…`;
}

/** Returns how the caption names an article: its headline or lede, shortened, quoted, with its agency. */
export function sourceLabel(s: Source, max = 64): string {
  const text = shorten((s.headline ?? (s.kind === 'article' ? s.lede : null) ?? s.id).replace(/[.\s]+$/, ''), max);
  const agency = s.kind === 'article' ? s.agency : s.outlet;
  return `“${text}”${agency ? ` (${agency})` : ''}`;
}

/**
 * Returns the caption for the story at state `s`: title, moment, current event, a legend of the
 * categories on the map (places that have appeared, in a visible layer, and in frame per `inFrame`),
 * the articles behind the current event and those places, and the data credit.
 */
export function captionContent(
  prep: PreparedStory,
  s: Pick<AppState, 't' | 'layers'>,
  inFrame: (p: PreparedPlace) => boolean = () => true,
): CaptionContent {
  const h = toHours(s.t, prep.start);
  const i = currentEventIndex(prep.events, s.t);
  const ev = i >= 0 ? prep.events[i] : null;
  const shown = prep.places.filter((p) => isVisibleAt(p, h) && s.layers.includes(p.category) && inFrame(p));
  const cats = new Set(shown.map((p) => p.category));
  const legend: LegendEntry[] = prep.theme.categories
    .filter((c) => cats.has(c.id))
    .map((c) => ({ id: c.id, label: c.label, symbol: c.symbol, color: c.color }));
  if (s.layers.includes('distances') && shown.some((p) => p.props.borderPoint && p.props.distanceKm !== undefined))
    legend.push({ id: 'distances', label: prep.theme.layers.distances.label, symbol: 'line', color: prep.theme.colors.arc });

  const ids = [...(ev?.sources ?? []), ...shown.flatMap((p) => p.props.sources)];
  const cited = [...new Set(ids)].map((id) => prep.story.sources.find((x) => x.id === id)).filter((x): x is Source => !!x);
  const articles = cited.filter((x) => x.kind === 'article');
  const outside = [...new Set(cited.filter((x) => x.kind === 'elsewhere').map(elsewhereLabel))];
  const elsewhere = outside.length ? [`reported elsewhere: ${outside.join(' / ')}`] : [];
  const labels = articles.map((a) => sourceLabel(a));
  const eventRestsOutside = (ev?.sources ?? []).some((id) => prep.story.sources.find((x) => x.id === id)?.kind === 'elsewhere');
  const m = formatMoment(s.t, displayPrecision(prep, s.t), prep.story.displayZone);
  return {
    title: prep.story.title,
    moment: m.local ? `${m.utc} · ${m.local}` : m.utc,
    event: ev?.title ?? null,
    legend,
    // The mark must survive a short caption's "and N more": first when the event rests on outside
    // reporting, else right after the first article.
    sources: eventRestsOutside ? [...elsewhere, ...labels] : [...labels.slice(0, 1), ...elsewhere, ...labels.slice(1)],
    credit: prep.story.credit,
  };
}
