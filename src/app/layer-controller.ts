import type { Layer } from '@deck.gl/core';
import type { ExportFlag, ModeProfile } from '../contracts/app-context.ts';
import { currentEventIndex, toHours, type PreparedStory } from '../data/prepare.ts';
import { basemapStyle, LABEL_SPACE, showLabelSpace, type basemapGeo } from '../map/basemap-style.ts';
import { detailBand } from '../map/area-detail.ts';
import { keepRuntimeSources } from '../map/detail-loader.ts';
import { setFrameCovers, setFrameInsets } from '../map/frame-edges.ts';
import type { Clock } from '../map/clock-filter.ts';
import { drawIconAtlas, iconMapping } from '../map/icons.ts';
import { createTextWidths } from '../map/text-widths.ts';
import type { Box } from '../map/label-layout.ts';
import { keepUnchanged, planLabels, type LabelPlan } from '../map/label-plan.ts';
import { inAnyShape } from '../map/area-shape.ts';
import { buildLayers, distanceText, greatCircleMidpoint, greatCirclePoint, labelBelow, labelMinZoom, labelText, prepareLayerData, SHORT_ARC_KM, townNameZooms, type Atlases, type LayerState } from '../map/layers.ts';
import type { MapView } from '../map/map-view.ts';
import { drawPatternAtlas, patternMapping } from '../map/patterns.ts';
import type { PointerHold } from '../state/pointer-hold.ts';
import type { Store } from '../state/store.ts';
import { NARROW_MAP_PX } from '../theme/layout.ts';
import { createFirstView, layerBoxes } from '../map/first-view.ts';
import { whenReady, type Readiness } from './readiness.ts';
import type { MapCovers } from './map-covers.ts';
import { createScrubSettle } from './scrub-settle.ts';

/** Where along its arc (fractions of the way from its start) a distance label may sit when the middle has no room, in order of preference. */
const ARC_LABEL_ALONG = [0.4, 0.6, 0.3, 0.7, 0.2, 0.8];

/** Label widths the layer controller keeps measured (several times the labels of a 100× story). */
const MEASURE_CACHE_MAX = 20_000;

/** How long places fade in or out when time moves past them, ms of real time. */
export const FADE_MS = 320;

/** A label drawn now, for tools and tests: its text, size (px) and box (CSS px on the map). */
export interface LabelBox {
  id: string;
  kind: string;
  text: string;
  size: number;
  box: [number, number, number, number];
}

export interface LayerControllerOptions {
  prep: PreparedStory;
  store: Store;
  mapView: MapView;
  profile: ModeProfile;
  readiness: Readiness;
  exporting: ExportFlag;
  /** The basemap's geometry, to restyle the basemap when the type scale changes. */
  geo: ReturnType<typeof basemapGeo>;
  fontFamily: string;
  /** A big kiosk screen's scale (1 elsewhere) and its zoom shift (log2 of the scale). */
  screenScale: number;
  reducedMotion: boolean;
  /** The page's held pointers: a drag's rebuild waits for their release. */
  pointers: PointerHold;
  /** What lies over the map (the legend, the attribution): names keep clear of it, except in an export (which draws neither). */
  covers: MapCovers;
}

/**
 * Returns the store→map side of the app: builds the deck.gl layers (`buildLayers`) with the label
 * plan for the current event and zoom step, writes each time step into the shared clock (with the
 * fade of places time moves past) so a step only redraws, and rebuilds only when what is shown
 * changes in kind (event, layers, zoom step, narrow map, type scale).
 */
/** No covers (an export hides the legend and the credits): one list, so the frame's edge marks are not sent again at every plan. */
const NO_COVERS: readonly Box[] = [];

export function createLayerController(o: LayerControllerOptions) {
  const { prep, store, mapView, profile, readiness } = o;
  const { map } = mapView;
  const zoomShift = Math.log2(o.screenScale);
  const atlases: Atlases = { pattern: drawPatternAtlas(), patternMapping: patternMapping(), icon: drawIconAtlas(), iconMapping: iconMapping() };
  const layerData = prepareLayerData(prep);
  /** The zoom a basemap town of a point's own name shows from, where one marks it: the story names that mark from there. */
  const townZoom = townNameZooms(layerData.labels, o.geo.towns);
  /** Whether a point is in a country of the basemap (a region's name outside its shape on land lies in another region). */
  const onLand = inAnyShape(o.geo.countries.features);
  /** Export type scale (1 on screen): map labels, marks and lines grow with an export frame as its caption does. */
  let typeScale = 1;
  /**
   * Whether the map's style has loaded (its first 'style.load'; `getStyle` serializes nothing before,
   * so a controller made after that event knows too). Tiles still loading do not matter to a diff.
   */
  let styleSeen = map.getStyle() !== undefined;
  const onStyleLoad = () => {
    styleSeen = true;
  };
  map.on('style.load', onStyleLoad);
  const styleLoaded = () => styleSeen || map.getStyle() !== undefined;
  /** The restyle that waits for the style to load (`setTypeScale`), if one does. */
  let restyleWaiting: (() => void) | null = null;
  /** Bands (CSS px) at the top and bottom of the map that a caption covers (exports, screenshots): labels keep clear. */
  let labelInsets = { top: 0, bottom: 0 };
  const fade = { in: 0, out: 0, since: 0, raf: 0 };
  /** Returns the share (1 → 0) of the current fade still to run. */
  const fadeLeft = () => (fade.since ? Math.max(0, 1 - (performance.now() - fade.since) / FADE_MS) : 0);
  /** What the time filters show; layers read it when they draw, so a time step does not rebuild them. */
  const clock: Clock = { h: toHours(store.getState().t, prep.start), fadeIn: 0, fadeOut: 0 };
  const syncClock = () => {
    const k = fadeLeft();
    clock.fadeIn = fade.in * k;
    clock.fadeOut = fade.out * k;
  };
  // the canvas's size attribute, not the element's: reading layout here would force it on every rebuild
  const narrowMap = () => profile.narrowLabels && map.getCanvas().width / map.getPixelRatio() <= NARROW_MAP_PX;
  /** The areas' outline detail: the map's whole zoom in device pixels (`detailBand`). */
  const detail = () => detailBand(map.getZoom(), map.getPixelRatio());
  /**
   * Whether the map is a still, seen only at the zoom it has now: a PNG export, or a mode the reader
   * cannot zoom (the screenshot's), which frame each moment and lay it out again themselves. A reader's
   * map, a kiosk's flights and a video's camera zoom within a step without a new plan, so their names
   * are kept apart across the step.
   */
  const still = () => (o.exporting.active ? !o.exporting.moving : !profile.interactive);
  /** The zoom the layer rules see, in half steps: the map's, less a big kiosk screen's (or an export's type) shift. */
  const zoomStep = () => Math.round((map.getZoom() - zoomShift - Math.log2(typeScale)) * 2) / 2;
  const measureCtx = document.createElement('canvas').getContext('2d');
  let measureFont = '';
  /**
   * Returns the width (px) of a line of bold label text at `size` px, as deck.gl draws it (within a
   * pixel or two), remembered: a plan measures every label it tries (hundreds in a dense story), and
   * the same ones again at the next event.
   */
  const widths = createTextWidths((text, size) => {
    if (!measureCtx) return text.length * size * 0.6;
    const font = `700 ${size}px ${o.fontFamily}`;
    // setting the font parses it: only when the size changes
    if (font !== measureFont) measureCtx.font = measureFont = font;
    return measureCtx.measureText(text).width;
  }, MEASURE_CACHE_MAX);
  const measure = widths.width;
  /** Each arc's distance label (text, great-circle midpoint and the points it may slide to), worked out once: a plan asks for every arc shown. */
  const arcLabels = new Map<PreparedStory['places'][number], { text: string; at: [number, number]; along: [number, number][] }>();
  const arcLabel = (pl: PreparedStory['places'][number]) => {
    let a = arcLabels.get(pl);
    if (!a) {
      const [from, to] = [pl.props.borderPoint!, pl.feature.geometry.coordinates as [number, number]];
      a = { text: distanceText(pl.props.distanceKm!, prep.theme), at: greatCircleMidpoint(from, to), along: ARC_LABEL_ALONG.map((f) => greatCirclePoint(from, to, f)) };
      arcLabels.set(pl, a);
    }
    return a;
  };
  let plan: LabelPlan | null = null;
  /** Where the map was (centre, zoom, size) when the plan was laid out: its frame and covers were tested there. */
  let plannedView = '';
  /** The covers it was laid out clear of. */
  let plannedCovers: readonly Box[] = [];
  const viewKey = () => {
    const c = map.getCenter();
    return `${c.lng} ${c.lat} ${map.getZoom()} ${map.getCanvas().width} ${map.getCanvas().height}`;
  };
  /** What the basemap's label space was last filled with (see `planFor`), and its source then (a restyle makes a new, empty one). */
  let labelSpaceKey = '';
  let labelSpaceSource: unknown = null;
  /**
   * An overview of the whole story (the kiosk's attract frame): no event is current, so none is ringed,
   * boxed or called out; the story's main places (its lowest label ranks, 0–1) are named as an event
   * names its own.
   */
  let overview = false;
  const rank = (p: PreparedStory['places'][number]) => p.props.labelRank ?? 5;
  const main = Math.max(1, Math.min(...prep.places.map(rank)));
  /** The overview's story as the planner sees it: one more event naming the story's main places (its frame holds every place, `everyPlaceBox`). */
  const overviewPrep = (): PreparedStory => {
    const places = prep.places.filter((p) => rank(p) <= main).map((p) => p.id);
    return { ...prep, events: [...prep.events, { ...prep.events[prep.events.length - 1], places, subject: undefined, callout: undefined }] };
  };
  /** Lays out the labels for the current event and zoom step (`planLabels`), and tells the basemap where they are so its names give way. */
  const planFor = (i: number, h: number, layersOn: string[], sizeScale: number): LabelPlan => {
    const step = zoomStep();
    plannedView = viewKey();
    // the basemap's names keep off the covers' edges as off the frame's (the same boxes the story's labels keep clear of)
    plannedCovers = o.exporting.active ? NO_COVERS : o.covers.onMap();
    setFrameCovers(map, plannedCovers);
    const p = planLabels({
      prep: overview ? overviewPrep() : prep,
      current: i,
      h,
      layers: layersOn,
      zoomStep: step,
      zoom: map.getZoom(),
      // the lowest zoom this step is shown at (the layout keeps labels apart there and at the zoom now);
      // a still is seen only at the zoom it has
      layoutZoom: still() ? map.getZoom() : step - 0.25 + zoomShift + Math.log2(typeScale),
      narrow: narrowMap(),
      scale: sizeScale,
      overview,
      view: [0, labelInsets.top, map.getCanvas().width / map.getPixelRatio(), map.getCanvas().height / map.getPixelRatio() - labelInsets.bottom],
      covers: plannedCovers,
      project: (ll) => {
        const q = map.project(ll);
        return [q.x, q.y];
      },
      unproject: ([x, y]) => {
        const q = map.unproject([x, y]);
        return [q.lng, q.lat];
      },
      measure,
      areaPlaces: layerData.areaLabels,
      onLand,
      pointPlaces: layerData.labels,
      arcs: layerData.arcs,
      labelText,
      labelMinZoom: (pl) => Math.min(labelMinZoom(pl), townZoom.get(pl.id) ?? Infinity),
      labelBelow: (pl) => labelBelow(pl, step),
      distanceText: (pl) => arcLabel(pl).text,
      distanceAt: (pl) => arcLabel(pl).at,
      distanceAlong: (pl) => arcLabel(pl).along,
      shortArc: (pl) => pl.props.distanceKm! < SHORT_ARC_KM,
    });
    // the marks' room grows with them; the current event's points keep their ring's room
    const ringed = new Set(i >= 0 && i < prep.events.length ? prep.events[i].places : []);
    const { plan: kept, same } = keepUnchanged(plan, p);
    const ringedAt = layerData.labels.filter((pl) => ringed.has(pl.id)).map((pl) => pl.props.anchor);
    const spaceKey = `${sizeScale} ${ringedAt.join(' ')}`;
    // the basemap's label space is sent again (a GeoJSON update, re-tiled in maplibre's worker, and a
    // redraw of the basemap) only when a label moved or the rings changed
    if (!same || spaceKey !== labelSpaceKey || map.getSource(LABEL_SPACE) !== labelSpaceSource) {
      showLabelSpace(map, [...kept.areas, ...kept.points, ...kept.distances, ...kept.notes], { scale: sizeScale, ringed: ringedAt, points: kept.marks, leaders: kept.leaders });
      labelSpaceKey = spaceKey;
      labelSpaceSource = map.getSource(LABEL_SPACE);
    }
    return kept;
  };
  const layerState = (): LayerState => {
    const s = store.getState();
    const i = overview ? -1 : currentEventIndex(prep.events, s.t);
    syncClock();
    const sizeScale = profile.markScale * o.screenScale * typeScale;
    plan = planFor(overview ? prep.events.length : i, clock.h, s.layers, sizeScale);
    return {
      labels: plan,
      h: clock.h,
      fadeIn: clock.fadeIn,
      fadeOut: clock.fadeOut,
      clock,
      layers: s.layers,
      current: i >= 0 ? prep.events[i].places : [],
      zoom: zoomStep(),
      detail: detail(),
      narrow: narrowMap(),
      font: o.fontFamily,
      scale: sizeScale,
    };
  };
  let layers: Layer[] = [];
  /** The state the layers were last built from: the first-view rule hands the same state over again. */
  let lastState: LayerState | null = null;
  /** Builds the layers of a state, with the first-view rule applied, and gives them to deck.gl. */
  const handOverLayers = (s: LayerState) => {
    layers = firstView.apply(buildLayers(layerData, s, prep.theme, atlases));
    mapView.overlay.setProps({ layers });
  };
  /** Rebuilds the layers (toggles, current event, zoom step, type scale) and draws them. */
  const redraw = () => {
    settle.cancel();
    readiness.changed();
    lastState = layerState();
    handOverLayers(lastState);
    readiness.layersSet();
  };
  /**
   * Until the first frame is on screen, layers whose data lies wholly outside the view are handed to
   * deck.gl hidden (`createFirstView`): a move that brings one in hands the same state's layers over
   * again, as a change; once that frame is shown, all of them are (`warm`), with nothing on screen changed.
   */
  let warming = false;
  const firstView = createFirstView(map, layerBoxes(layerData), () => {
    if (!lastState) return;
    const change = !warming;
    if (change) readiness.changed();
    handOverLayers(lastState);
    if (change) readiness.layersSet();
  });
  void whenReady().then(() => {
    warming = true;
    firstView.warm();
  });
  /** Draws the same layers at the clock's new reading, on deck.gl's next frame. */
  const redrawTime = () => {
    syncClock();
    if (!layers.length) return;
    readiness.changed();
    layers[0]?.setNeedsRedraw();
  };
  const animateFade = () => {
    cancelAnimationFrame(fade.raf);
    const tick = () => {
      redrawTime();
      if (performance.now() - fade.since < FADE_MS) fade.raf = requestAnimationFrame(tick);
      else {
        fade.in = fade.out = 0;
        fade.since = 0;
        redrawTime();
      }
    };
    fade.raf = requestAnimationFrame(tick);
  };
  // No fades under reduced motion, in a mode without them, or while an export renders frames (they must not depend on the wall clock).
  const noFade = () => o.reducedMotion || !profile.fade || o.exporting.active;
  // A fast drag over a dense timeline crosses an event on nearly every step: the time filter still
  // follows every step, and the rebuild for the new event (labels, current ring) waits for the drag to rest.
  const settle = createScrubSettle(() => redraw());
  const offRelease = o.pointers.onRelease(settle.release);
  // a face that loads after a plan measured with its fallback: measure again
  const clearWidths = widths.clear;
  document.fonts?.addEventListener('loadingdone', clearWidths);
  const offs: (() => void)[] = [
    () => document.fonts?.removeEventListener('loadingdone', clearWidths),
    () => cancelAnimationFrame(fade.raf),
    () => settle.cancel(),
    () => map.off('style.load', onStyleLoad),
    () => {
      if (restyleWaiting) map.off('style.load', restyleWaiting);
    },
    offRelease,
  ];
  let lastZoomStep = layerState().zoom;
  const onZoom = () => {
    const z = zoomStep();
    if (z === lastZoomStep) return;
    lastZoomStep = z;
    redraw();
  };
  // a restyle (the type scale's) may empty the label space in place: the next plan fills it again
  const onStyle = () => {
    labelSpaceKey = '';
  };
  map.on('styledata', onStyle);
  offs.push(() => map.off('styledata', onStyle));
  map.on('zoomend', onZoom);
  offs.push(() => map.off('zoomend', onZoom));
  // A new event's plan is laid out where the map is when the event changes, before the camera moves to
  // its frame: at the end of a move, the app's or the reader's pan or zoom, it is laid out again where
  // the map now is, so names keep inside the frame and clear of the covers, and a link to the view
  // opens with the same names. An export, and a mode that frames the map itself (the screenshot's),
  // frame and rebuild each moment themselves.
  const onMoveEnd = (e: { originalEvent?: unknown }) => {
    if ((!e.originalEvent && !profile.follows) || o.exporting.active || !lastState || viewKey() === plannedView) return;
    redraw();
  };
  map.on('moveend', onMoveEnd);
  offs.push(() => map.off('moveend', onMoveEnd));
  // the legend opened or closed, the attribution folded, a place's panel or a kiosk visitor's controls came or went: names move out from under them
  offs.push(
    o.covers.onChange(
      () => {
        if (lastState && !o.exporting.active && o.covers.onMap() !== plannedCovers) redraw();
      },
      { quiet: true },
    ),
  );
  // The areas' outlines follow the zoom as it moves (a flight crosses several bands) and the pixel ratio
  // (an export's): only the areas layer is made again, with the same labels, which wait for the zoom
  // step's rebuild at the move's end.
  const onDetail = () => {
    const band = detail();
    if (!lastState || lastState.detail === band) return;
    readiness.changed();
    lastState = { ...lastState, detail: band };
    handOverLayers(lastState);
    readiness.layersSet();
  };
  map.on('zoom', onDetail);
  map.on('resize', onDetail);
  offs.push(() => map.off('zoom', onDetail), () => map.off('resize', onDetail));
  // A phone turned to landscape (or a resized window): the map can cross the narrow-map width, which the label rule follows.
  let lastNarrow = narrowMap();
  const onResize = () => {
    if (narrowMap() === lastNarrow) return;
    lastNarrow = !lastNarrow;
    redraw();
  };
  map.on('resize', onResize);
  offs.push(() => map.off('resize', onResize));
  offs.push(
    store.subscribe((s, p) => {
      if (s.t !== p.t) {
        const nh = toHours(s.t, prep.start);
        const h = clock.h;
        const k = fadeLeft();
        if (!noFade()) {
          fade.in = nh > h ? nh - h + fade.in * k : 0;
          fade.out = nh < h ? h - nh + fade.out * k : 0;
          fade.since = performance.now();
        }
        clock.h = nh;
        // A new event rebuilds (its labels, its ring), at once or when a fast drag rests; any other step only redraws.
        if (s.layers !== p.layers) redraw();
        else if (!settle.step(currentEventIndex(prep.events, s.t) !== currentEventIndex(prep.events, p.t), o.pointers.held && !s.playing && !o.exporting.active)) redrawTime();
        if (!noFade()) animateFade();
      } else if (s.layers !== p.layers) redraw();
    }),
  );
  // The layers are handed to deck.gl at once, so its shader programs compile in the GPU process (about
  // half a second each under software WebGL) while maplibre still loads its style and tiles, as the
  // floor's one layer does; they are built again at `load`, when the basemap's label-space source exists
  // for the plan to fill (deck.gl keeps their GPU state: same ids, same data).
  redraw();
  map.once('load', () => redraw());
  offs.push(() => firstView.destroy());
  return {
    redraw,
    /** Returns the deck.gl layers last handed to the overlay (the same array until the next hand-over), for tools and tests. */
    handedOver: (): readonly Layer[] => layers,
    /** Draws both canvases again on the next frame with nothing changed (what benchmarks compare a step to). */
    repaint() {
      map.triggerRepaint();
      layers[0]?.setNeedsRedraw();
    },
    /** Shows the whole story with no event current, or not (`AppContext.setOverview`). */
    setOverview(on: boolean) {
      if (on === overview) return;
      overview = on;
      if (layers.length) redraw();
    },
    /** Sets the map's type scale and the covered bands at its top and foot (`AppContext.setTypeScale`). */
    setTypeScale(k: number, bands = { top: 0, bottom: 0 }) {
      labelInsets = bands;
      setFrameInsets(map, bands);
      if (k === typeScale) return;
      typeScale = k;
      // the detail files already loaded stay loaded (the new style's detail sources are empty); a style
      // still loading (a screenshot sets its scale as the page opens) cannot be diffed: maplibre would
      // warn and rebuild it, so the new one waits until it has loaded, at the scale asked for last
      const restyle = () => map.setStyle(basemapStyle(o.geo, prep.theme, prep.story.credit, o.screenScale * typeScale), { diff: true, transformStyle: keepRuntimeSources });
      if (styleLoaded()) restyle();
      else if (!restyleWaiting) {
        restyleWaiting = () => {
          restyleWaiting = null;
          restyle();
        };
        map.once('style.load', restyleWaiting);
      }
    },
    /** Returns the story's labels drawn now, each with its text, size (px) and box (CSS px on the map). */
    labelBoxes(): LabelBox[] {
      const on = store.getState().layers;
      if (!plan || !on.includes('labels')) return [];
      const kinds = { areas: plan.areas, points: plan.points, distances: on.includes('distances') ? plan.distances : [], notes: plan.notes };
      return Object.entries(kinds).flatMap(([kind, list]) =>
        list.map((l) => {
          const p = map.project(l.position);
          const [x, y] = [p.x + l.dx, p.y + l.dy];
          return { id: l.id, kind, text: l.text, size: l.size, box: [x - l.w / 2, y - l.h / 2, x + l.w / 2, y + l.h / 2] as LabelBox['box'] };
        }),
      );
    },
    destroy: () => offs.forEach((f) => f()),
  };
}
