import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { createCamera } from './app/camera.ts';
import { trackChromeHeight } from './app/chrome-height.ts';
import { MEDIA, NARROW_MAP_PX } from './theme/layout.ts';
import { defaultState, urlContext } from './app/defaults.ts';
import { createExportFlag } from './app/export-flag.ts';
import { followStory } from './app/follow.ts';
import { bindKeys } from './app/keyboard.ts';
import { createLayerController, type LabelBox } from './app/layer-controller.ts';
import { createMapCovers } from './app/map-covers.ts';
import { createMasthead } from './app/masthead.ts';
import { createReadiness, setReady, whenReady } from './app/readiness.ts';
import { revealPlace } from './app/reveal-place.ts';
import { screenScaleFor } from './app/screen-scale.ts';
import type { AppContext, ExportFlag, ModeStart } from './contracts/app-context.ts';
import type { PreparedStory } from './data/prepare.ts';
import { createExportControl } from './export/export-control.ts';
import { addBasemapImages, basemapGeo, basemapStyle } from './map/basemap-style.ts';
import { loadDetailOnDemand } from './map/detail-loader.ts';
import { recoverDeckContext } from './map/context-recovery.ts';
import { createMapView, type MapView } from './map/map-view.ts';
import { MODE_PROFILES } from './modes/profiles.ts';
import { createActions } from './state/actions.ts';
import { configFrom, type AppConfig } from './state/config.ts';
import { kioskSettings } from './state/kiosk-settings.ts';
import { createPlayer, eventHolds, TRACK_SECONDS } from './state/player.ts';
import { createAppStore, type Store } from './state/store.ts';
import { createPointerHold } from './state/pointer-hold.ts';
import { createUrlSync } from './state/url-sync.ts';
import { parseUrl, stateFields } from './state/url-state.ts';
import { createTimeScale } from './time/time-scale.ts';
import { el } from './ui/dom.ts';
import { createEventCard } from './ui/event-card.ts';
import { createEventList } from './ui/event-list.ts';
import { createLegend, legendStartsOpen } from './ui/legend.ts';
import { createPlacePanel } from './ui/place-panel.ts';
import { markMoreBelow } from './ui/scroll-more.ts';
import { createTimeline } from './ui/timeline.ts';

export interface App {
  store: Store;
  /** The page's mode, embed flag and kiosk idle time, fixed by its URL. */
  config: AppConfig;
  mapView: MapView;
  /** Draws both canvases again on the next frame with nothing changed (what benchmarks compare a step to). */
  repaint(): void;
  /** Returns the story's labels drawn now, each with its text, size (px) and box (CSS px on the map), for tools and tests. */
  labelBoxes(): LabelBox[];
  /** Returns the deck.gl layers last handed to the map's overlay: the same array until the layers are built again (read-only, for tools and tests). */
  deckLayers(): readonly Layer[];
  /** Whether an export (PNG or video) has the map now (read-only here). */
  exporting: Pick<ExportFlag, 'active'>;
  destroy(): void;
}

/** Returns whether the reader asked for reduced motion. */
const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Builds the whole app into `root` from loaded data and returns handles for tools and tests. */
export function createApp(root: HTMLElement, prep: PreparedStory, basemap: Topology, detail: FeatureCollection, fontFamily: string, startMode: ModeStart | null = null): App {
  const defaults = defaultState(prep);
  const urlCtx = urlContext(prep, defaults);
  const fromUrl = parseUrl(window.location.search, urlCtx);
  const config = configFrom(fromUrl, kioskSettings(window.location.search, prep.story.kiosk));
  const profile = MODE_PROFILES[config.mode];
  if (profile.hasModeCode && !startMode) throw new Error(`the ${config.mode} mode's code was not loaded`);
  const store = createAppStore(defaults, stateFields(fromUrl));
  document.documentElement.dataset.mode = config.mode;
  document.documentElement.toggleAttribute('data-embed', config.embed);
  const screenScale = screenScaleFor(profile.scalesWithScreen);
  const reducedMotion = prefersReducedMotion();
  const scale = createTimeScale(prep.start, prep.end, prep.story.focus.map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end), share: f.share })));
  // one record of held pointers: the URL's writes and a drag's rebuild both wait for their release
  const pointers = createPointerHold();
  const urlSync = createUrlSync(store, { ...urlCtx, config }, window, pointers);
  const actions = createActions(store, prep, defaults, urlSync);

  // an embed has no event list (its card tells the current event, and links to the full explorer, which has one)
  const mapLabel = config.embed ? 'Map of the story; the event card tells the current event and names its places' : 'Map of the story; the event list is its text alternative';
  const mapEl = el('div', { class: 'map', role: 'region', 'aria-label': mapLabel });
  const timeline = createTimeline(prep, scale, store, actions);
  const card = createEventCard(prep, store, { onPlace: profile.focusesPanel ? (id) => actions.selectPlace(id) : undefined });
  const list = createEventList(prep, store, actions, { scroll: profile.scrollsList });
  const placePanel = createPlacePanel(prep, store, actions, { focus: profile.focusesPanel, opener: (id) => card.placeButton(id) ?? card.title() });
  const legend = createLegend(prep.theme, store, actions, { open: legendStartsOpen(config, profile, window.innerWidth) });
  const masthead = createMasthead({ prep, store, actions, fitStory: () => follow.fitStory(), explorerLink: config.embed ? urlCtx : undefined });
  const stage = el('div', { class: 'stage' }, mapEl, placePanel.root, el('div', { class: 'legend-wrap' }, legend.root));
  const side = el('div', { class: 'side' }, card.root, list.root);
  root.replaceChildren(masthead.root, el('main', { class: 'layout' }, stage, side), timeline.root, ...masthead.dialogs, card.announcer);
  const sideMore = markMoreBelow(side);
  const chrome = profile.fitsShortScreens ? trackChromeHeight(root, [masthead.root, timeline.root]) : null;

  const geo = basemapGeo(basemap, detail);
  const categoryLabel = new Map(prep.theme.categories.map((c) => [c.id, c.label]));
  const mapView = createMapView({
    container: mapEl,
    style: basemapStyle(geo, prep.theme, prep.story.credit, screenScale),
    camera: prep.story.camera,
    zoomShift: Math.log2(screenScale),
    preserveDrawingBuffer: true,
    interactive: profile.interactive,
    cooperativeGestures: config.embed,
    // folded behind maplibre's ⓘ on a short screen and on an upright phone (four lines over a third of its map)
    foldCredits: config.embed || (profile.fitsShortScreens && window.matchMedia(`${MEDIA.short}, (max-width: ${NARROW_MAP_PX}px)`)),
    tooltip: (p) => (store.getState().place === p.id ? null : `${p.props.name}\n${categoryLabel.get(p.category) ?? p.props.kind} · click for sources`),
    onClick: (p) => actions.selectPlace(p?.id ?? null),
    onUserMove: (view) => {
      reveal?.readerMoved();
      follow.userMoved(view);
    },
    onContextLost: () => setReady(false, 'webgl-context-lost'),
    onDeckRender: () => readiness.deckRendered(),
    onContextRestored: () => layers.redraw(),
  });
  addBasemapImages(mapView.map, prep.theme.colors);
  const offDetail = loadDetailOnDemand(mapView.map, geo.detail, new URL(import.meta.env.BASE_URL, location.href).href, Math.log2(screenScale));
  const readiness = createReadiness(mapView.map);
  const exporting = createExportFlag(stage);
  const common = { prep, store, actions, mapView, profile, exporting, screenScale, reducedMotion };
  // maplibre's attribution over the map's foot (its corner control); it and the legend hide what lies under them
  const attribution = mapEl.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right');
  const covers = createMapCovers(mapEl, [legend.root, attribution]);
  const camera = createCamera({ ...common, mapEl, stage, legend, attribution, covers });
  // a place's panel over the map: names keep clear of it while it is open; the frame stays, but for
  // a move that shows the place beside it while it is open
  const offPanelCover = covers.addQuiet(placePanel.root, { frames: false });
  const reveal = profile.revealsPlace ? revealPlace({ ...common, map: mapView.map, mapEl, panel: placePanel.root, covers }) : null;
  // A link to a moment (t= or event=) opens on that event's frame when following; a bare link on the story.
  const v0 = store.getState().view;
  if (v0) mapView.map.jumpTo({ center: [v0.lon, v0.lat], zoom: v0.zoom });
  else if (fromUrl.t !== undefined && store.getState().follow && profile.follows) camera.frameEvent(true);
  else camera.fitStory(true);
  const layers = createLayerController({ ...common, readiness, geo, fontFamily, pointers, covers });
  const follow = followStory({ ...common, camera, track: timeline.track });
  // each event's hold, worked out once (its reading time counts its words): the player's and the kiosk's
  const holds = eventHolds(prep.events, prep.story, profile);
  const player = createPlayer(store, { scale, events: prep.events, trackSeconds: TRACK_SECONDS, dwell: (e) => holds[e.index] });
  // the marks' size (the kiosk's type scale) moves both the labels and the camera's closest zoom
  const setTypeScale: AppContext['setTypeScale'] = (k, bands) => {
    camera.setTypeScale(k);
    layers.setTypeScale(k, bands);
  };
  const ctx: AppContext = { ...common, root, config, scale, holds, fitStory: camera.fitStory, frameEvent: camera.frameEvent, framed: camera.framed, setTypeScale, setOverview: layers.setOverview, addQuietCover: covers.addQuiet, whenReady, redraw: layers.redraw };
  const offContext = recoverDeckContext(mapView, layers.redraw);
  const modeHandle = profile.hasModeCode ? startMode!(ctx) : null;
  const exportControl = profile.exportControls ? createExportControl(ctx) : null;
  if (exportControl) masthead.addAction(exportControl.root);
  const offKeys = bindKeys(actions, prep);

  return {
    store,
    config,
    mapView,
    repaint: layers.repaint,
    labelBoxes: layers.labelBoxes,
    deckLayers: layers.handedOver,
    exporting,
    destroy() {
      for (const part of [chrome, sideMore, { destroy: offKeys }, { destroy: offContext }, { destroy: offDetail }, { destroy: offPanelCover }, reveal, modeHandle, exportControl, player, follow, layers, camera, covers, readiness, masthead, urlSync, timeline, card, list, placePanel, legend, mapView, pointers]) part?.destroy();
    },
  };
}
