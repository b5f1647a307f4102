import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import { FillStyleExtension, type FillStyleExtensionProps } from '@deck.gl/extensions';
import { ArcLayer, GeoJsonLayer, IconLayer, LineLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { calloutsOf } from '../data/callouts.ts';
import type { PreparedPlace, PreparedStory } from '../data/prepare.ts';
import type { Theme } from '../data/schema.ts';
import { createAreaDetail, FULL_DETAIL_ZOOM, type AreaFeature } from './area-detail.ts';
import { ClockFilterExtension, type Clock, type ClockFilterProps, type FilterRanges } from './clock-filter.ts';
import type { IconName } from './icons.ts';
import { coverCharacters, labelCharacters, type LabelCharacters } from './label-characters.ts';
import { DISTANCE_LABELS_MIN_ZOOM } from './label-sizes.ts';
import type { LabelPlan, PlannedLabel } from './label-plan.ts';
import type { PatternName } from './patterns.ts';
import { CURRENT_RING, TALKS_RING } from './ring-sizes.ts';
import { distanceWording } from '../theme/wording.ts';
import { SYMBOLS, symbolSpec, type AreaSymbol, type PointSymbol, type SymbolSpec } from '../theme/symbols.ts';

type RGBA = [number, number, number, number];
type Ext<D> = ClockFilterProps<D> & FillStyleExtensionProps<D>;

/** Returns [r, g, b, a] from "#rrggbb" and an alpha (0–255). */
export function rgba(hex: string, a = 255): RGBA {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, a];
}

/** Toggleable layer ids beyond the theme's categories (their wording is the theme's `layers`), in legend order. */
export const EXTRA_LAYER_IDS = ['distances', 'labels'] as const satisfies readonly (keyof Theme['layers'])[];

/** Returns the ids of every toggleable layer, in legend order. */
export function layerIds(theme: Theme): string[] {
  return [...theme.categories.map((c) => c.id), ...EXTRA_LAYER_IDS];
}

export interface LayerState {
  /** Current time in hours from the story's start. */
  h: number;
  /** Hours behind `h` over which newly shown places fade in (animated towards 0). */
  fadeIn: number;
  /** Hours ahead of `h` over which just-hidden places fade out (animated towards 0). */
  fadeOut: number;
  /** Visible toggleable layer ids. */
  layers: string[];
  /** Ids of the current event's places. */
  current: string[];
  /** Zoom, for labels that show only from some zoom on. */
  zoom: number;
  /** The areas' outline detail (`detailBand`: the map's whole device zoom); every outline point when absent. */
  detail?: number;
  /**
   * A phone-sized map: distance labels show only from zoom 4 (zoomed out, they run over the airbases'
   * names; the distances stay in each airbase's details). Exports and the kiosk are never narrow.
   */
  narrow?: boolean;
  /** Theme font family, loaded. */
  font: string;
  /** Multiplier for sizes (kiosk and large screenshots use > 1). */
  scale: number;
  /** Where each label goes (`planLabels`): the layers draw exactly these, so no two overlap. */
  labels: LabelPlan;
  /**
   * A shared clock the time filters read when they draw. With it, a time step writes the clock and
   * redraws the same layers; `h`, `fadeIn` and `fadeOut` above are then its values at build time.
   */
  clock?: Clock;
}

export interface Atlases {
  pattern: HTMLCanvasElement;
  patternMapping: Record<PatternName, object>;
  icon: HTMLCanvasElement;
  iconMapping: Record<IconName, object>;
}

/*
 * Two filter configurations only. Each distinct layer class × extension configuration is its own shader
 * program, and under software WebGL (SwiftShader) every program the first frame draws costs about half a
 * second in the GPU process before that frame appears (README, Performance). So layers of one class
 * share one configuration: the current event's ring uses the talks' two-range filter, and the notes the
 * labels' filter with a value that always passes, rather than variants of their own.
 */
const timeFilter = new ClockFilterExtension({ filterSize: 1, categorySize: 1 });
const rangeFilter = new ClockFilterExtension({ filterSize: 2, categorySize: 1 });
/** The filter category of layers that show whatever the legend's toggles (the notes). */
const ALWAYS = 'always';
/** A filter value inside every shown range (which all start at -1e4 hours). */
const ALWAYS_SHOWN = -9999;

/** Shown from a place's appearance on; fading in behind the moment and out ahead of it. */
const shownRanges = (c: Clock): FilterRanges => ({ filterRange: [-1e4, c.h + c.fadeOut], filterSoftRange: [-1e4, c.h - c.fadeIn] });
/** Shown while the moment lies inside the datum's [start, end] range. */
const activeRanges = (c: Clock): FilterRanges => ({
  filterRange: [
    [-1e4, c.h],
    [c.h, 1e4],
  ],
});
/** Shown from appearance on, without a fade (the current event's ring); the second range lets every value through. */
const emphasisRanges = (c: Clock): FilterRanges => ({
  filterRange: [
    [-1e4, c.h + c.fadeOut],
    [-1e4, 1e4],
  ],
});
/** Zoom from which a label of each rank (0–9) is shown; lower ranks are the story's main places. */
export const LABEL_MIN_ZOOM = [0, 0, 3.5, 4.5, 5.5, 8, 9, 10, 11, 12];

/** Returns the zoom from which a place's label shows. */
export const labelMinZoom = (p: PreparedPlace) => LABEL_MIN_ZOOM[p.props.labelRank ?? 5] ?? 8;

/** How near (km) a basemap town must be to a point place of the same name to be the same place. */
const SAME_TOWN_KM = 5;

/**
 * Returns, for each point place that a basemap town of the same name marks (within `SAME_TOWN_KM`),
 * the zoom that town's name shows from. The story names such a mark from that zoom too, if its rank
 * would name it later: the basemap keeps its names clear of every story mark, so without this a city
 * the story marks but does not name would lose the town's name the map gives it anywhere else.
 */
export function townNameZooms(points: readonly PreparedPlace[], towns: FeatureCollection | undefined): Map<string, number> {
  const byName = new Map<string, { at: number[]; minZoom: number }[]>();
  for (const t of towns?.features ?? []) {
    const { name, minZoom } = (t.properties ?? {}) as { name?: string; minZoom?: number };
    if (!name || typeof minZoom !== 'number' || t.geometry.type !== 'Point') continue;
    const key = name.toLocaleLowerCase('en');
    const same = byName.get(key) ?? [];
    same.push({ at: t.geometry.coordinates, minZoom });
    byName.set(key, same);
  }
  const zooms = new Map<string, number>();
  for (const p of points) {
    if (p.isArea) continue;
    const [lon, lat] = p.props.anchor;
    for (const t of byName.get(p.props.name.toLocaleLowerCase('en')) ?? []) {
      // equirectangular distance: exact enough at a few km
      const km = Math.hypot((t.at[0] - lon) * Math.cos((lat * Math.PI) / 180), t.at[1] - lat) * 111.2;
      if (km <= SAME_TOWN_KM) zooms.set(p.id, Math.min(zooms.get(p.id) ?? Infinity, t.minZoom));
    }
  }
  return zooms;
}

/** Distances shorter than this (km) are labelled only from zoom 4, where they no longer crowd the map. */
export const SHORT_ARC_KM = 1000;
const fillStyle = new FillStyleExtension({ pattern: true });

const NEVER = 1e6;

/** The current event's points of each prepared load, kept while the current places stay the same. */
const currentCache = new WeakMap<LayerData, { key: string; points: PreparedPlace[] }>();

/**
 * Returns the points among `ids` (the current event's places), the same array while `ids` is unchanged.
 * The current event's ring draws these few points rather than filtering every point by its id as a
 * category: deck.gl's filter takes at most 128 categories, which a story with more places exceeds.
 */
export function currentPoints(data: LayerData, ids: readonly string[]): PreparedPlace[] {
  const key = ids.join('\n');
  let hit = currentCache.get(data);
  if (!hit || hit.key !== key) {
    const wanted = new Set(ids);
    hit = { key, points: data.points.filter((p) => wanted.has(p.id)) };
    currentCache.set(data, hit);
  }
  return hit.points;
}

/** Returns the hour value deck.gl filters a place on (32-bit safe). */
const appear = (p: PreparedPlace) => (Number.isFinite(p.appearH) ? p.appearH : NEVER);

/** The prepared, per-load inputs of the layers: built once, reused every frame. */
export interface LayerData {
  areas: PreparedPlace[];
  /** The areas' features with outlines simplified for a detail band (`createAreaDetail`), kept per band. */
  areaFeatures: (band: number) => AreaFeature[];
  points: PreparedPlace[];
  arcs: PreparedPlace[];
  active: { place: PreparedPlace; range: [number, number] }[];
  /** Names of areas, drawn under the marks; and of points, drawn over them (both by label rank). */
  areaLabels: PreparedPlace[];
  labels: PreparedPlace[];
  colorOf: Map<string, RGBA>;
  /** Each category's symbol table entry (theme.json's `symbol`): atlas entry, mark size, fill and outline. */
  symbolOf: Map<string, SymbolSpec>;
  /**
   * Every character the story's labels can show (`labelCharacters`), the text layers' `characterSet`: their
   * font atlas is drawn once, at load, and never grows while the reader moves through the story.
   */
  characters: LabelCharacters;
}

/** Every label text the story can produce: place names (with held shares), distance labels, event subjects, callouts (and who gives them), the intro. */
function* storyTexts(prep: PreparedStory): Generator<string | undefined> {
  for (const p of prep.places) {
    yield labelText(p);
    if (p.props.distanceKm !== undefined) yield distanceText(p.props.distanceKm, prep.theme);
  }
  for (const e of prep.events) {
    yield e.subject?.label;
    for (const { callout } of calloutsOf(e)) yield* [callout.text, callout.by];
  }
  yield prep.story.intro;
}

/**
 * The layers last built from each prepared load, by id, with the inputs each was built from. A
 * rebuild (a new event, a drag's rest) hands deck.gl the same instance of every layer whose inputs
 * did not change, and deck.gl then does nothing for it: no props to compare, no sublayers to render
 * again (the story's areas draw through several), no state to move.
 */
const builtCache = new WeakMap<LayerData, Map<string, { deps: readonly unknown[]; layer: Layer }>>();

/** deck.gl's lifecycle of a layer it holds (the same instance may be handed over again); not one awaiting state, discarded or finalized. */
const LIVE = new Set(['Initialized', 'Matched. State transferred from previous layer']);

/** Returns the layer inputs prepared once per load (sorted, filtered, coloured). */
export function prepareLayerData(prep: PreparedStory): LayerData {
  // Areas are drawn in the reverse of the legend's order: the legend's first categories on top.
  const order = prep.theme.categories.map((c) => c.id).reverse();
  const areas = prep.places.filter((p) => p.isArea).sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  const points = prep.places.filter((p) => !p.isArea);
  const byRank = [...prep.places].sort((a, b) => (a.props.labelRank ?? 5) - (b.props.labelRank ?? 5));
  return {
    areas,
    areaFeatures: createAreaDetail(areas),
    points,
    arcs: points.filter((p) => p.props.borderPoint && p.props.distanceKm !== undefined),
    active: prep.places.flatMap((place) => place.activeRanges.map((range) => ({ place, range }))),
    areaLabels: byRank.filter((p) => p.isArea),
    labels: byRank.filter((p) => !p.isArea),
    colorOf: new Map(prep.theme.categories.map((c) => [c.id, rgba(c.color)])),
    symbolOf: new Map(prep.theme.categories.map((c) => [c.id, symbolSpec(c.symbol)])),
    characters: labelCharacters(storyTexts(prep)),
  };
}

/** Returns the label text of a place: its name, plus the held share for claimed regions. */
export function labelText(p: PreparedPlace): string {
  if (p.props.heldShare) return `${p.props.name}\n${p.props.heldShare.text.replace(/ \(.*\)$/, '')}`;
  return p.props.name;
}

/** Returns whether a point's label sits below its mark at this zoom (else above). */
export function labelBelow(p: Pick<PreparedPlace, 'props'>, zoom: number): boolean {
  return p.props.labelPlacement === 'below' || (p.props.labelBelowUnder !== undefined && zoom < p.props.labelBelowUnder);
}

/**
 * Returns the distance label of an airbase in the theme's wording (`layers.distances.text`), e.g.
 * "1,760 km from the border".
 */
export function distanceText(km: number, theme: Pick<Theme, 'layers'>): string {
  return distanceWording(theme, km);
}

/** Returns the midpoint of a great circle between two [lon, lat] points. */
export function greatCircleMidpoint(a: [number, number], b: [number, number]): [number, number] {
  return greatCirclePoint(a, b, 0.5);
}

/** Returns the point a fraction `f` (0–1) of the way along the great circle from `a` to `b`, both [lon, lat] (spherical interpolation). */
export function greatCirclePoint(a: [number, number], b: [number, number], f: number): [number, number] {
  const rad = Math.PI / 180;
  const xyz = ([lon, lat]: [number, number]) => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
  const [p, q] = [xyz(a), xyz(b)];
  const d = Math.acos(Math.min(1, Math.max(-1, p[0] * q[0] + p[1] * q[1] + p[2] * q[2])));
  if (d < 1e-12) return [a[0], a[1]];
  const [ka, kb] = [Math.sin((1 - f) * d) / Math.sin(d), Math.sin(f * d) / Math.sin(d)];
  const [x, y, z] = [0, 1, 2].map((i) => ka * p[i] + kb * q[i]);
  return [Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad];
}

/**
 * Returns the deck.gl layers for the story at a moment. Pure: same inputs, same descriptors.
 * Time and layer toggles act through GPU filters only (no data is rebuilt per step); layer ids are stable.
 */
export function buildLayers(data: LayerData, s: LayerState, theme: Theme, atlases: Atlases): Layer[] {
  const color = (cat: string, a = 255): RGBA => {
    const c = data.colorOf.get(cat) ?? rgba(theme.colors.text);
    return [c[0], c[1], c[2], a];
  };
  const now: Clock = s.clock ?? { h: s.h, fadeIn: s.fadeIn, fadeOut: s.fadeOut };
  /** The time filter props: ranges for now, and the clock and rule to recompute them at draw time. */
  const timed = (rule: (c: Clock) => FilterRanges) => ({ ...rule(now), timeClock: s.clock ?? null, timeRanges: rule });
  const filterProps = { ...timed(shownRanges), filterCategories: s.layers };
  const visible = (id: string) => s.layers.includes(id);
  const built = builtCache.get(data) ?? new Map<string, { deps: readonly unknown[]; layer: Layer }>();
  builtCache.set(data, built);
  /** What every layer is built from besides its own data: without a clock, the moment's filter ranges too. */
  const common: unknown[] = [theme, atlases, s.font, s.scale, s.layers, s.clock ?? null, s.clock ? 0 : s.h, s.clock ? 0 : s.fadeIn, s.clock ? 0 : s.fadeOut];
  /** Returns the layer `id` made by `make`, or the one made last if it is built from the same inputs and deck.gl holds it. */
  const keep = <L extends Layer>(id: string, own: readonly unknown[], make: () => L): Layer => {
    const deps = [...common, ...own];
    const last = built.get(id);
    if (last && LIVE.has(last.layer.lifecycle) && last.deps.length === deps.length && last.deps.every((d, k) => d === deps[k])) return last.layer;
    const layer = make();
    built.set(id, { deps, layer });
    return layer;
  };
  const textBase = {
    fontFamily: s.font,
    characterSet: coverCharacters(data.characters, [s.labels.areas, s.labels.points, s.labels.distances, s.labels.notes]),
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: rgba(theme.colors.halo, 235),
    getColor: rgba(theme.colors.text),
  };
  /** Labels where the plan put them (centred on anchor + offset), fading in with their place. */
  const planned = {
    ...textBase,
    getText: (l: PlannedLabel) => l.text,
    getPosition: (l: PlannedLabel) => l.position,
    getSize: (l: PlannedLabel) => l.size,
    getPixelOffset: (l: PlannedLabel) => [l.align?.dx ?? l.dx, l.dy] as [number, number],
    // a name of several lines beside its mark lines up on the mark's side
    getTextAnchor: (l: PlannedLabel) => l.align?.anchor ?? 'middle',
    getAlignmentBaseline: 'center' as const,
    lineHeight: 1,
    fontWeight: 700,
  };
  /** Place names: areas' are drawn under the marks, so a mark inside a named region stays visible; points' over them. */
  const names = (id: string, labels: PlannedLabel[]) =>
    keep(id, [labels, textBase.characterSet], () =>
      new TextLayer<PlannedLabel, Ext<PlannedLabel>>({
        id,
        data: labels,
        visible: visible('labels'),
        ...planned,
        getFilterValue: (l) => appear(l.place!),
        getFilterCategory: (l) => l.place!.category,
        ...filterProps,
        extensions: [timeFilter],
      }),
    );
  /** A category's area symbol; a point symbol (refused by the data build for an area) falls back to a plain fill. */
  const areaOf = (cat: string): AreaSymbol => {
    const spec = data.symbolOf.get(cat);
    return spec?.kind === 'area' ? spec : SYMBOLS.solid;
  };
  const pointOf = (cat: string): PointSymbol => {
    const spec = data.symbolOf.get(cat);
    return spec?.kind === 'point' ? spec : SYMBOLS.circle;
  };

  const ringed = currentPoints(data, s.current);
  const distancesShown = visible('distances') && !(s.narrow && s.zoom < DISTANCE_LABELS_MIN_ZOOM);
  return [
    keep('areas', [s.detail], () =>
      new GeoJsonLayer<PreparedPlace>({
        id: 'areas',
        data: data.areaFeatures(s.detail ?? FULL_DETAIL_ZOOM) as never,
        stroked: true,
        filled: true,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 70],
        getFillColor: ((f: { place: PreparedPlace }) => color(f.place.category, areaOf(f.place.category).fillAlpha)) as never,
        getLineColor: ((f: { place: PreparedPlace }) => color(f.place.category, 220)) as never,
        getLineWidth: ((f: { place: PreparedPlace }) => areaOf(f.place.category).lineWidth) as never,
        lineWidthUnits: 'pixels',
        fillPatternAtlas: atlases.pattern,
        fillPatternMapping: atlases.patternMapping,
        fillPatternMask: true,
        getFillPattern: ((f: { place: PreparedPlace }) => areaOf(f.place.category).pattern) as never,
        fillPatternSizeUnits: 'pixels',
        getFillPatternScale: 1,
        getFillPatternOffset: [0, 0],
        getFilterValue: ((f: { place: PreparedPlace }) => appear(f.place)) as never,
        getFilterCategory: ((f: { place: PreparedPlace }) => f.place.category) as never,
        ...filterProps,
        extensions: [fillStyle, timeFilter],
      } as never),
    ),
    keep('distance-arcs', [], () =>
      new ArcLayer<PreparedPlace, Ext<PreparedPlace>>({
        id: 'distance-arcs',
        data: data.arcs,
        visible: visible('distances'),
        greatCircle: true,
        getSourcePosition: (p) => p.props.borderPoint!,
        getTargetPosition: (p) => p.feature.geometry.coordinates as [number, number],
        getSourceColor: rgba(theme.colors.arc, 170),
        getTargetColor: rgba(theme.colors.arc, 230),
        getWidth: 1.5 * s.scale,
        getHeight: 0,
        getFilterValue: appear,
        getFilterCategory: (p) => p.category,
        ...filterProps,
        extensions: [timeFilter],
      }),
    ),
    // a leader (a callout's, or a name's moved out from its mark) runs under every name, whose halo breaks
    // the line where one crosses it, as on a printed map: the event's names are laid out before its callout,
    // so one can lie across a callout's leader's path
    keep('leaders', [s.labels.leaders], () =>
      new LineLayer<{ from: [number, number]; to: [number, number] }>({
        id: 'leaders',
        data: s.labels.leaders,
        getSourcePosition: (d) => d.from,
        getTargetPosition: (d) => d.to,
        getColor: rgba(theme.colors.text, 220),
        getWidth: 1.5 * s.scale,
        widthUnits: 'pixels',
      }),
    ),
    names('area-labels', s.labels.areas),
    keep('talks-on', [], () =>
      new ScatterplotLayer<{ place: PreparedPlace; range: [number, number] }, Ext<{ place: PreparedPlace; range: [number, number] }>>({
        id: 'talks-on',
        data: data.active,
        stroked: true,
        filled: true,
        getPosition: (d) => d.place.feature.geometry.coordinates as [number, number],
        getRadius: TALKS_RING.radius * s.scale,
        radiusUnits: 'pixels',
        getFillColor: (d) => color(d.place.category, 40),
        getLineColor: (d) => color(d.place.category, 255),
        getLineWidth: TALKS_RING.line * s.scale,
        lineWidthUnits: 'pixels',
        getFilterValue: (d) => d.range,
        getFilterCategory: (d) => d.place.category,
        ...timed(activeRanges),
        filterCategories: s.layers,
        extensions: [rangeFilter],
      }),
    ),
    keep('emphasis', [ringed], () =>
      new ScatterplotLayer<PreparedPlace, Ext<PreparedPlace>>({
        id: 'emphasis',
        data: ringed,
        stroked: true,
        filled: false,
        getPosition: (p) => p.feature.geometry.coordinates as [number, number],
        getRadius: CURRENT_RING.radius * s.scale,
        radiusUnits: 'pixels',
        getLineColor: rgba(theme.colors.text, 230),
        getLineWidth: CURRENT_RING.line * s.scale,
        lineWidthUnits: 'pixels',
        getFilterValue: (p) => [appear(p), 0],
        // a ring goes with its mark: with the mark's layer toggled off, no empty ring is left
        getFilterCategory: (p) => p.category,
        ...timed(emphasisRanges),
        filterCategories: s.layers,
        extensions: [rangeFilter],
      }),
    ),
    keep('points', [], () =>
      new IconLayer<PreparedPlace, Ext<PreparedPlace>>({
        id: 'points',
        data: data.points,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 110],
        iconAtlas: atlases.icon as never,
        iconMapping: atlases.iconMapping as never,
        getIcon: (p) => pointOf(p.category).icon,
        getPosition: (p) => p.feature.geometry.coordinates as [number, number],
        getSize: (p) => pointOf(p.category).size,
        // the mode's scale as a uniform: deck.gl does not rebuild an attribute when only an accessor
        // function changes, so a scale inside `getSize` kept a page export's icons at the page's size
        sizeScale: s.scale,
        sizeUnits: 'pixels',
        getColor: (p) => color(p.category),
        getFilterValue: appear,
        getFilterCategory: (p) => p.category,
        ...filterProps,
        extensions: [timeFilter],
      }),
    ),
    keep('distance-labels', [s.labels.distances, textBase.characterSet, distancesShown], () =>
      new TextLayer<PlannedLabel, Ext<PlannedLabel>>({
        id: 'distance-labels',
        data: s.labels.distances,
        visible: distancesShown,
        ...planned,
        fontWeight: 400,
        background: true,
        getBackgroundColor: rgba(theme.colors.halo, 225),
        backgroundPadding: [4 * s.scale, 2 * s.scale],
        outlineWidth: 0,
        getColor: rgba(theme.colors.arc),
        getFilterValue: (l) => appear(l.place!),
        getFilterCategory: (l) => l.place!.category,
        ...filterProps,
        extensions: [timeFilter],
      }),
    ),
    names('labels', s.labels.points),
    keep('notes', [s.labels.notes, textBase.characterSet], () =>
      new TextLayer<PlannedLabel, Ext<PlannedLabel>>({
        id: 'notes',
        data: s.labels.notes,
        ...planned,
        background: true,
        getBackgroundColor: rgba(theme.colors.halo, 240),
        getBorderColor: rgba(theme.colors.text, 200),
        getBorderWidth: 1,
        backgroundPadding: [5 * s.scale, 3 * s.scale],
        outlineWidth: 0,
        getFilterValue: () => ALWAYS_SHOWN,
        getFilterCategory: () => ALWAYS,
        ...timed(shownRanges),
        filterCategories: [ALWAYS],
        extensions: [timeFilter],
      }),
    ),
  ];
}
