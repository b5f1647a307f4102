import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { currentEventIndex, toHours, type PreparedStory } from './data/prepare.ts';
import { basemapGeo, basemapStyle, loadDetailOnDemand } from './map/basemap-style.ts';
import type { Clock } from './map/clock-filter.ts';
import { storyBounds } from './map/bounds.ts';
import { clearPadding, eventFrame } from './map/event-camera.ts';
import { recoverDeckContext } from './map/context-recovery.ts';
import { drawIconAtlas, iconMapping } from './map/icons.ts';
import { buildLayers, distanceText, greatCircleMidpoint, labelBelow, labelMinZoom, labelText, layerIds, prepareLayerData, SHORT_ARC_KM, type Atlases, type LayerState } from './map/layers.ts';
import { planLabels, type LabelPlan } from './map/label-plan.ts';
import { showLabelSpace } from './map/basemap-style.ts';
import { createMapView, type MapView } from './map/map-view.ts';
import { drawPatternAtlas, patternMapping } from './map/patterns.ts';
import { createPlayer, TRACK_SECONDS } from './player.ts';
import { createAppStore, type AppState, type Store } from './state/store.ts';
import { createUrlSync } from './state/url-sync.ts';
import { parseLoadTimeout, parseUrl } from './state/url-state.ts';
import { loadMethods } from './data/load.ts';
import { createTimeScale } from './time/time-scale.ts';
import { el, listen } from './ui/dom.ts';
import { createEventCard } from './ui/event-card.ts';
import { createEventList } from './ui/event-list.ts';
import { createFullExplorerLink } from './ui/full-explorer-link.ts';
import { createLegend } from './ui/legend.ts';
import { createPlacePanel } from './ui/place-panel.ts';
import { createMethodsDialog } from './ui/methods-dialog.ts';
import { createSourcesPanel } from './ui/sources-panel.ts';
import { createTimeline } from './ui/timeline.ts';
import { setReady, whenReady } from './readiness.ts';
import { createExportControl } from './export/export-control.ts';
import type { ModeContext, ModeHandle, ModeStart } from './modes/context.ts';

const FADE_MS = 320;
/** Maps up to this wide (CSS px: phones, narrow embeds) show fewer labels when zoomed out. */
const NARROW_MAP_PX = 600;
/** kiosk.css's root font size on a 1920 × 1080 screen, what the kiosk's map was designed at. */
const KIOSK_ROOT_PX = 18;
/** Maps narrower than this start with the legend closed: the open legend and the fitted story do not both fit. */
const LEGEND_BESIDE_STORY_PX = 860;
/** Maps up to this wide fit the story with room for the end labels and never beside the legend. */
const FIT_NARROW_PX = 700;

export interface App {
  store: Store;
  mapView: MapView;
  /** Draws both canvases again on the next frame with nothing changed (what benchmarks compare a step to). */
  repaint(): void;
  /** Returns the story's labels drawn now, each with its text, size (px) and box (CSS px on the map), for tools and tests. */
  labelBoxes(): { id: string; kind: string; text: string; size: number; box: [number, number, number, number] }[];
  destroy(): void;
}

/** Returns whether the reader asked for reduced motion. */
export const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Builds the whole app into `root` from loaded data and returns handles for tools and tests. */
export function createApp(root: HTMLElement, prep: PreparedStory, basemap: Topology, detail: FeatureCollection, fontFamily: string, startMode: ModeStart | null = null): App {
  const ids = layerIds(prep.theme);
  const defaults: AppState = {
    mode: 'explore',
    t: prep.start,
    playing: false,
    speed: 1,
    loop: false,
    follow: true,
    place: null,
    view: null,
    layers: ids,
    embed: false,
    idle: 60,
  };
  const urlCtx = {
    start: prep.start,
    end: prep.end,
    events: prep.events,
    placeIds: prep.places.map((p) => p.id),
    layerIds: ids,
    eventAt: (t: number) => {
      const i = currentEventIndex(prep.events, t);
      return i >= 0 ? prep.events[i].id : null;
    },
    defaults,
  };
  const fromUrl = parseUrl(window.location.search, urlCtx);
  const store = createAppStore(defaults, fromUrl);
  const mode = store.getState().mode;
  document.documentElement.dataset.mode = mode;
  document.documentElement.toggleAttribute('data-embed', store.getState().embed);
  // A kiosk screen bigger than 1080p scales up as a whole: kiosk.css grows the root font with the
  // screen, and the map's marks, labels and camera stops follow by the same factor (read once: a kiosk
  // screen does not change size). 1 in the other modes, so exports never depend on the screen.
  const screenScale = mode === 'kiosk' ? Math.max(1, parseFloat(getComputedStyle(document.documentElement).fontSize) / KIOSK_ROOT_PX) : 1;
  const zoomShift = Math.log2(screenScale);
  const scale = createTimeScale(
    prep.start,
    prep.end,
    prep.story.focus.map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end), share: f.share })),
  );
  const urlSync = createUrlSync(store, urlCtx);
  const commit = () => urlSync.push();
  const offs: (() => void)[] = [];

  const stepEvent = (dir: 1 | -1) => {
    const s = store.getState();
    const i = currentEventIndex(prep.events, s.t);
    const atStart = i >= 0 && prep.events[i].t0 === s.t;
    const target = dir > 0 ? i + 1 : atStart ? i - 1 : i;
    if (target < 0) s.set({ t: prep.start, playing: false });
    else if (target < prep.events.length) s.set({ t: prep.events[target].t0, playing: false });
    commit();
  };
  const togglePlay = () => {
    const s = store.getState();
    s.set({ playing: !s.playing });
    if (s.playing) commit();
  };

  const mapEl = el('div', { class: 'map', role: 'region', 'aria-label': 'Map of the story; the event list is its text alternative' });
  const timeline = createTimeline(prep, scale, store, { commit, stepEvent, togglePlay });
  const card = createEventCard(prep, store);
  const list = createEventList(prep, store, commit);
  const placePanel = createPlacePanel(prep, store, commit);
  const legend = createLegend(prep.theme, store, commit);
  const goEvent = (id: string) => {
    const e = prep.events.find((x) => x.id === id);
    if (e) store.getState().set({ t: e.t0, playing: false });
    commit();
  };
  const sourcesDialog = el('dialog', { class: 'sources-dialog', 'aria-label': 'Sources' });
  const closeSources = el('button', { type: 'button', class: 'btn close', 'aria-label': 'Close sources' }, '✕');
  sourcesDialog.append(closeSources, createSourcesPanel(prep, (id) => {
    sourcesDialog.close();
    goEvent(id);
  }));
  offs.push(listen(closeSources, 'click', () => sourcesDialog.close()));
  const methods = createMethodsDialog(() => loadMethods(import.meta.env.BASE_URL, parseLoadTimeout(window.location.search)));
  offs.push(methods.destroy);

  const btn = (label: string, onClick: () => void, extra: Record<string, string> = {}) => {
    const b = el('button', { type: 'button', class: 'btn text', ...extra }, label);
    offs.push(listen(b, 'click', onClick));
    return b;
  };
  const reduced = prefersReducedMotion();
  const categoryLabel = new Map(prep.theme.categories.map((c) => [c.id, c.label]));
  let mapView: MapView;
  const fitStory = (instant = reduced) => {
    store.getState().set({ view: null });
    // An open legend covers the map's left edge (its size follows the root font): keep the story and
    // the labels centred on its westernmost places (about 70 px each side) clear of it.
    const legend = mode !== 'screenshot' && mapEl.clientWidth > FIT_NARROW_PX ? root.querySelector('details.legend[open]')?.getBoundingClientRect() : undefined;
    // On a narrow map the labels of the westernmost and easternmost places (about 60 px each side of them) need the room.
    const narrow = mapEl.clientWidth <= FIT_NARROW_PX;
    const mapBox = mapEl.getBoundingClientRect();
    const left = legend ? Math.max(40, legend.right - mapBox.left + 70) : narrow ? 64 : 40;
    // A closed legend is a button at the bottom-left, where the story's south-west corner (Istanbul and
    // its 22 px ring) would otherwise land on a short or narrow map.
    const closed = mode === 'explore' ? root.querySelector('details.legend:not([open])')?.getBoundingClientRect() : undefined;
    const bottom = closed?.height ? Math.max(30, mapBox.bottom - closed.top + 30) : 30;
    mapView.map.fitBounds(storyBounds(prep), {
      padding: { top: 40, bottom, right: narrow ? 64 : 80, left },
      animate: !instant,
      duration: instant ? 0 : 1200,
    });
  };
  /** What the camera last framed by itself: the whole story or the current event (refits keep to it). */
  let framed: 'story' | 'event' = 'story';
  /** The event index the camera last framed (-1: none). */
  let framedEvent = -1;
  const fitStoryFramed = (instant = reduced) => {
    framed = 'story';
    fitStory(instant);
  };
  /**
   * Frames the current event (its places, subject box and data camera; `eventFrame`) clear of the
   * legend and of the map's edges, measured now; the whole story before the first event.
   */
  const frameEvent = (instant = reduced) => {
    framedEvent = currentEventIndex(prep.events, store.getState().t);
    const f = eventFrame(prep, framedEvent);
    if (!f) return fitStoryFramed(instant);
    framed = 'event';
    const m = 40 * screenScale;
    const overlays = [...root.querySelectorAll<HTMLElement>('.stage details.legend')].map((x) => x.getBoundingClientRect());
    const padding = clearPadding(mapEl.getBoundingClientRect(), overlays, { top: m, bottom: m, left: 1.6 * m, right: 1.6 * m });
    const [w, s, e, n] = f.box;
    mapView.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding, maxZoom: f.maxZoom + zoomShift, animate: !instant, duration: instant ? 0 : 1400, linear: false },
    );
  };
  /**
   * Frames again, at once, what the camera framed (the story or the current event) if the reader has
   * not moved the map. Not while a PNG export has the map at its own size and framing.
   */
  const refitStory = () => {
    const s = store.getState();
    if (mode === 'screenshot' || s.view || !mapView || mapView.map.isMoving() || stage.classList.contains('exporting')) return;
    if (framed === 'event' && s.follow) frameEvent(true);
    else if (!s.follow || framed === 'story') fitStoryFramed(true);
  };
  const shareStatus = el('span', { class: 'share-status', role: 'status' });
  const header = el(
    'header',
    { class: 'masthead' },
    el('div', { class: 'titles' }, el('h1', {}, prep.story.title), el('p', { class: 'subtitle' }, prep.story.subtitle)),
    el(
      'div',
      { class: 'actions' },
      btn('Fit story', () => {
        fitStoryFramed();
        commit();
      }),
      btn('Reset', () => {
        store.getState().set({ ...defaults, mode: store.getState().mode, embed: store.getState().embed, idle: store.getState().idle });
        fitStoryFramed();
        commit();
      }),
      btn('Sources', () => sourcesDialog.showModal(), { 'aria-haspopup': 'dialog' }),
      btn('Methods', () => methods.open(), { 'aria-haspopup': 'dialog', title: 'How this map was made, and corrections' }),
      btn('Copy link', async () => {
        urlSync.push();
        try {
          await navigator.clipboard.writeText(window.location.href);
          shareStatus.textContent = 'Link copied';
        } catch {
          shareStatus.textContent = 'Copy the address bar to share this view';
        }
      }),
      shareStatus,
    ),
  );
  if (store.getState().embed) {
    const full = createFullExplorerLink(store, urlCtx);
    offs.push(full.destroy);
    header.querySelector('.actions')!.prepend(full.root);
  }
  const side = el('div', { class: 'side' }, card.root, list.root);
  const stage = el('div', { class: 'stage' }, mapEl, placePanel.root, el('div', { class: 'legend-wrap' }, legend.root));
  root.replaceChildren(header, el('main', { class: 'layout' }, stage, side), timeline.root, sourcesDialog, methods.dialog, card.announcer);

  const geo = basemapGeo(basemap, detail);
  mapView = createMapView({
    container: mapEl,
    style: basemapStyle(geo, prep.theme, prep.story.credit, screenScale),
    camera: prep.story.camera,
    zoomShift,
    preserveDrawingBuffer: true,
    interactive: mode !== 'screenshot',
    cooperativeGestures: store.getState().embed,
    tooltip: (p) => `${p.props.name}\n${categoryLabel.get(p.category) ?? p.props.kind} · click for sources`,
    onClick: (p) => {
      store.getState().set({ place: p?.id ?? null });
      commit();
    },
    onUserMove: (view) => {
      lastUserView = view;
      store.getState().set({ view });
    },
    onContextLost: () => setReady(false, 'webgl-context-lost'),
    onDeckRender: () => {
      if (!layersSet) return;
      deckDrawn = true;
      checkReady();
    },
    onContextRestored: () => redraw(),
  });
  offs.push(loadDetailOnDemand(mapView.map, geo.detail, new URL(import.meta.env.BASE_URL, location.href).href));
  let lastUserView: AppState['view'] = null;
  /** Export type scale (1 on screen): map labels, marks and lines grow with an export frame as its caption does. */
  let typeScale = 1;
  /** Bands (CSS px) at the top and bottom of the map that a caption covers (exports, screenshots): labels keep clear. */
  let labelInsets = { top: 0, bottom: 0 };
  let deckDrawn = false;
  let layersSet = false;
  const checkReady = () => {
    const m = mapView?.map;
    if (deckDrawn && m && m.loaded() && !m.isMoving() && m.areTilesLoaded()) setReady(true);
  };
  // The legend starts open only where the story still fits beside it; on a narrower map (a 1024 px
  // laptop's is 644 px) it would cover the story's west, Istanbul included. A click opens it.
  const legendDetails = legend.root as HTMLDetailsElement;
  // The legend sits above the attribution, which wraps to two or three lines on a narrow map.
  const attribution = mapEl.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right');
  if (attribution) {
    let h = -1;
    const place = () => {
      if (attribution.offsetHeight === h) return;
      h = attribution.offsetHeight;
      stage.style.setProperty('--attribution-h', `${h}px`);
    };
    place(); // now, so that fitting the story below measures the legend where it is
    // The attribution fills in when the style's sources load, and the legend above it moves: a story
    // still fitted is fitted again.
    const ro = new ResizeObserver(() => {
      const before = h;
      place();
      if (before !== h) refitStory();
    });
    ro.observe(attribution);
    offs.push(() => ro.disconnect());
  }
  if (legendDetails.open && mapEl.clientWidth < LEGEND_BESIDE_STORY_PX) legendDetails.open = false;
  const v0 = store.getState().view;
  // A link to a moment (t= or event=) opens on that event's frame when following; a bare link on the story.
  if (v0) mapView.map.jumpTo({ center: [v0.lon, v0.lat], zoom: v0.zoom });
  else if (fromUrl.t !== undefined && store.getState().follow && mode !== 'screenshot') frameEvent(true);
  else fitStoryFramed(true);

  const atlases: Atlases = { pattern: drawPatternAtlas(), patternMapping: patternMapping(), icon: drawIconAtlas(), iconMapping: iconMapping() };
  const layerData = prepareLayerData(prep);
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
  const narrowMap = () => mode === 'explore' && mapView.map.getCanvas().width / mapView.map.getPixelRatio() <= NARROW_MAP_PX;
  /** The zoom the layer rules see, in half steps: the map's, less a big kiosk screen's (or an export's type) shift. */
  const zoomStep = () => Math.round((mapView.map.getZoom() - zoomShift - Math.log2(typeScale)) * 2) / 2;
  const measureCtx = document.createElement('canvas').getContext('2d');
  /** Returns the width (px) of a line of bold label text at `size` px, as deck.gl draws it (within a pixel or two). */
  const measure = (text: string, size: number) => {
    if (!measureCtx) return text.length * size * 0.6;
    measureCtx.font = `700 ${size}px ${fontFamily}`;
    return measureCtx.measureText(text).width;
  };
  let plan: LabelPlan | null = null;
  /** Lays out the labels for the current event and zoom step (`planLabels`), and tells the basemap where they are so its names give way. */
  const planFor = (i: number, h: number, layersOn: string[], sizeScale: number): LabelPlan => {
    const map = mapView.map;
    const step = zoomStep();
    const p = planLabels({
      prep,
      current: i,
      h,
      layers: layersOn,
      zoomStep: step,
      zoom: map.getZoom(),
      // the lowest zoom this step is shown at: zooming in from there only moves labels apart
      layoutZoom: (step - 0.25) + zoomShift + Math.log2(typeScale),
      narrow: narrowMap(),
      scale: sizeScale,
      view: [0, labelInsets.top, map.getCanvas().width / map.getPixelRatio(), map.getCanvas().height / map.getPixelRatio() - labelInsets.bottom],
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
      pointPlaces: layerData.labels,
      arcs: layerData.arcs,
      labelText,
      labelMinZoom,
      labelBelow: (pl) => labelBelow(pl, step),
      distanceText: (pl) => distanceText(pl.props.distanceKm!),
      distanceAt: (pl) => greatCircleMidpoint(pl.props.borderPoint!, pl.feature.geometry.coordinates as [number, number]),
      shortArc: (pl) => pl.props.distanceKm! < SHORT_ARC_KM,
    });
    showLabelSpace(map, [...p.areas, ...p.points, ...p.distances, ...p.notes]);
    return p;
  };
  const layerState = (): LayerState => {
    const s = store.getState();
    const i = currentEventIndex(prep.events, s.t);
    syncClock();
    const sizeScale = (s.mode === 'kiosk' ? 1.4 * screenScale : 1) * typeScale;
    plan = planFor(i, clock.h, s.layers, sizeScale);
    return {
      labels: plan,
      h: clock.h,
      fadeIn: clock.fadeIn,
      fadeOut: clock.fadeOut,
      clock,
      layers: s.layers,
      current: i >= 0 ? prep.events[i].places : [],
      zoom: zoomStep(),
      narrow: narrowMap(),
      font: fontFamily,
      scale: sizeScale,
    };
  };
  let layers: Layer[] = [];
  /** Rebuilds the layers (toggles, current event, zoom step, mode) and draws them. */
  const redraw = () => {
    setReady(false);
    deckDrawn = false;
    layers = buildLayers(layerData, layerState(), prep.theme, atlases);
    mapView.overlay.setProps({ layers });
    layersSet = true;
  };
  /** Draws the same layers at the clock's new reading, on deck.gl's next frame. */
  const redrawTime = () => {
    syncClock();
    if (!layersSet) return;
    setReady(false);
    deckDrawn = false;
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
  offs.push(() => cancelAnimationFrame(fade.raf));
  let lastZoomStep = layerState().zoom;
  const onZoom = () => {
    const z = zoomStep();
    if (z !== lastZoomStep) {
      lastZoomStep = z;
      redraw();
    }
  };
  mapView.map.on('zoomend', onZoom);
  offs.push(() => mapView.map.off('zoomend', onZoom));
  // A phone turned to landscape (or a resized window): a fitted story stays fitted, and the map can
  // cross the narrow-map width, which the label rule follows.
  let lastNarrow = narrowMap();
  const onResize = () => {
    refitStory();
    if (narrowMap() === lastNarrow) return;
    lastNarrow = !lastNarrow;
    redraw();
  };
  mapView.map.on('resize', onResize);
  offs.push(() => mapView.map.off('resize', onResize));
  /** True while an export (PNG or video) has the map: it sets the time and the camera itself. */
  const exporting = () => stage.classList.contains('exporting');
  // No fades in screenshot mode, under reduced motion, or while an export renders frames (they must not depend on the wall clock).
  const noFade = () => reduced || mode === 'screenshot' || exporting();
  let scrubbing = false;
  const track = timeline.root.querySelector<HTMLElement>('.track');
  if (track) {
    const scrubEnd = () => {
      if (!scrubbing) return;
      scrubbing = false;
      const s = store.getState();
      if (s.follow && mode !== 'screenshot' && currentEventIndex(prep.events, s.t) !== framedEvent) {
        if (s.view) s.set({ view: null });
        frameEvent();
      }
    };
    offs.push(
      listen(track, 'pointerdown', () => {
        scrubbing = true;
      }),
      listen(track, 'pointerup', scrubEnd),
      listen(track, 'pointercancel', scrubEnd),
    );
  }
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
        const i = currentEventIndex(prep.events, s.t);
        const j = currentEventIndex(prep.events, p.t);
        // The current event's rings are a category filter: a new event rebuilds; any other step only redraws.
        if (i !== j || s.layers !== p.layers || s.mode !== p.mode) redraw();
        else redrawTime();
        if (!noFade()) animateFade();
        // Following: a new event is framed, and the reader's own pan or zoom (view) gives way to it;
        // while the reader scrubs, once the scrub ends (a flight per event crossed would chase the playhead);
        // not while an export renders (it frames each moment itself and puts the camera back).
        if (i !== j && s.follow && mode !== 'screenshot' && !scrubbing && !exporting()) {
          if (s.view) s.set({ view: null });
          frameEvent(reduced || (!s.playing && Math.abs(i - j) > 1));
        }
      } else if (s.layers !== p.layers || s.mode !== p.mode) redraw();
      if (s.view !== p.view && s.view && s.view !== lastUserView) mapView.map.jumpTo({ center: [s.view.lon, s.view.lat], zoom: s.view.zoom });
      if (s.view !== p.view && !s.view && p.view && !s.follow) fitStoryFramed();
      if (s.follow && !p.follow && !s.view) frameEvent();
    }),
  );
  const player = createPlayer(store, {
    scale,
    events: prep.events,
    trackSeconds: TRACK_SECONDS,
    dwell: (e) => (e.dwell ?? prep.story.defaultDwell) * (store.getState().mode === 'kiosk' ? 1 : 0.35),
  });

  const ctx: ModeContext = {
    root,
    prep,
    store,
    mapView,
    scale,
    commit,
    reducedMotion: reduced,
    fitStory: fitStoryFramed,
    frameEvent,
    framed: () => framed,
    setTypeScale: (k, bands = { top: 0, bottom: 0 }) => {
      labelInsets = bands;
      if (k === typeScale) return;
      typeScale = k;
      mapView.map.setStyle(basemapStyle(geo, prep.theme, prep.story.credit, screenScale * k), { diff: true });
    },
    whenReady,
    redraw,
  };
  offs.push(recoverDeckContext(mapView, redraw));
  if (mode !== 'explore' && !startMode) throw new Error(`the ${mode} mode's code was not loaded`);
  const modeHandle: ModeHandle | null = mode === 'explore' ? null : startMode!(ctx);
  const exportControl = mode === 'explore' ? createExportControl(ctx) : null;
  if (exportControl) header.querySelector('.actions')!.insertBefore(exportControl.root, shareStatus);

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, dialog, .maplibregl-canvas-container') || e.altKey || e.ctrlKey || e.metaKey) return;
    const isButton = target.closest('button');
    const s = store.getState();
    let handled = true;
    if (e.key === 'ArrowRight' && !e.shiftKey) stepEvent(1);
    else if (e.key === 'ArrowLeft' && !e.shiftKey) stepEvent(-1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const step = e.key === 'ArrowRight' ? 1 : -1;
      s.set({ t: Math.min(prep.end, Math.max(prep.start, s.t + step * 3_600_000)), playing: false });
    } else if (e.key === ' ' && !isButton) togglePlay();
    else if (e.key === 'Home') {
      s.set({ t: prep.start, playing: false });
      commit();
    } else if (e.key === 'End') {
      s.set({ t: prep.end, playing: false });
      commit();
    } else handled = false;
    if (handled) e.preventDefault();
  };
  offs.push(listen(document, 'keydown', onKey));

  const onIdle = () => checkReady();
  const onMoveStart = () => setReady(false);
  mapView.map.on('idle', onIdle);
  mapView.map.on('movestart', onMoveStart);
  offs.push(() => {
    mapView.map.off('idle', onIdle);
    mapView.map.off('movestart', onMoveStart);
  });
  mapView.map.once('load', () => redraw());

  return {
    store,
    mapView,
    repaint() {
      mapView.map.triggerRepaint();
      layers[0]?.setNeedsRedraw();
    },
    labelBoxes() {
      if (!plan || !store.getState().layers.includes('labels')) return [];
      const kinds = { areas: plan.areas, points: plan.points, distances: store.getState().layers.includes('distances') ? plan.distances : [], notes: plan.notes };
      return Object.entries(kinds).flatMap(([kind, list]) =>
        list.map((l) => {
          const p = mapView.map.project(l.position);
          const [x, y] = [p.x + l.dx, p.y + l.dy];
          return { id: l.id, kind, text: l.text, size: l.size, box: [x - l.w / 2, y - l.h / 2, x + l.w / 2, y + l.h / 2] as [number, number, number, number] };
        }),
      );
    },
    destroy() {
      offs.forEach((f) => f());
      modeHandle?.destroy();
      exportControl?.destroy();
      player.destroy();
      urlSync.destroy();
      timeline.destroy();
      card.destroy();
      list.destroy();
      placePanel.destroy();
      legend.destroy();
      mapView.destroy();
    },
  };
}
