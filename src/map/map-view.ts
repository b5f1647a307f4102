import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { PickingInfo } from '@deck.gl/core';
import { AttributionControl, Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { PreparedPlace } from '../data/prepare.ts';
import type { Camera } from '../data/schema.ts';
import { MAX_ZOOM, MIN_ZOOM, type View } from '../state/view.ts';
import { showFrameEdges } from './frame-edges.ts';

setWorkerUrl(workerUrl);

export interface MapViewOptions {
  container: HTMLElement;
  style: StyleSpecification;
  camera: Camera;
  /** Added to the initial camera's zoom: a big kiosk screen shows the same area as 1080p. */
  zoomShift?: number;
  /** Keep the drawing buffer so the canvas can be exported as PNG. */
  preserveDrawingBuffer: boolean;
  interactive: boolean;
  /** Embedded in a page: wheel and one-finger drags scroll the page unless Ctrl/two fingers are used. */
  cooperativeGestures: boolean;
  /**
   * A small map (an embed, a short screen such as a phone on its side): the credits start folded behind
   * maplibre's ⓘ button. A media query's list folds and unfolds them as the screen crosses it (a phone turned).
   */
  foldCredits: boolean | MediaQueryList;
  /** Returns the hover label of a place (plain text), or null for none (the place whose panel is open: the panel says more). */
  tooltip(place: PreparedPlace): string | null;
  onClick(place: PreparedPlace | null): void;
  /** Called after a move the user made (not one the app made), with the new view. */
  onUserMove(view: View): void;
  onContextLost(): void;
  /** Called after deck.gl has drawn a frame. */
  onDeckRender(): void;
  onContextRestored(): void;
}

/** The class of the hover label (styled in styles.css). */
const TOOLTIP_CLASS = 'map-tooltip';

export interface MapView {
  map: MapLibreMap;
  overlay: MapLibreOverlay;
  /** Returns the map's current view. */
  view(): View;
  /** Returns the canvases to composite for an image, bottom first (basemap, then deck.gl layers). */
  canvases(): HTMLCanvasElement[];
  /** Makes the next placement of the basemap's names start afresh (`forgetPlacement`): an export's names depend on its moment and frame alone. */
  forgetPlacement(): void;
  destroy(): void;
}

type Pickable = { object?: PreparedPlace | { place?: PreparedPlace } };

function placeOf(info: PickingInfo | null): PreparedPlace | null {
  const o = (info as Pickable | null)?.object;
  if (!o) return null;
  if ('place' in o && o.place) return o.place;
  if ('props' in o) return o as PreparedPlace;
  return null;
}

/**
 * Makes the map's next placement of names start afresh. maplibre puts a basemap name on the side it
 * had in its last placement while that side is still free (`text-variable-anchor`), so without this an
 * export's names would depend on what the page showed before it: in a batch of shots, the previous
 * shot (one PNG of 24 differed from the same moment shot alone). `placement` and `pauseablePlacement`
 * are public fields of maplibre's `Style`, cleared together as maplibre clears them when it loads a
 * style; the next frame places every name again (`fadeDuration: 0` makes each placement a full one),
 * before it draws, and `queryRenderedFeatures` reads no placement until then.
 */
function forgetPlacement(map: MapLibreMap): void {
  const style = map.style as unknown as { placement?: unknown; pauseablePlacement?: unknown } | undefined;
  if (!style) return;
  style.placement = undefined;
  style.pauseablePlacement = undefined;
  map.triggerRepaint();
}

/**
 * Returns a maplibre map with the deck.gl overlay drawn on its own canvas above it. Overlaid rather
 * than interleaved: with maplibre-gl 6 and deck.gl 9.4 interleaved picking returns nothing (checked
 * here: pickObject null over every feature), and the story draws nothing under basemap labels.
 */
export function createMapView(o: MapViewOptions): MapView {
  const map = new MapLibreMap({
    container: o.container,
    style: o.style,
    center: o.camera.center,
    zoom: o.camera.zoom + (o.zoomShift ?? 0),
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    attributionControl: false,
    renderWorldCopies: true,
    fadeDuration: 0,
    // One zoom level's screenful of out-of-view tiles per source, not five: the kiosk tour visits every
    // stop, and the default cache held ~1.4 MB more after it (heap snapshots, session 2). Re-tiling the
    // story's GeoJSON on a return is cheap.
    maxTileCacheZoomLevels: 1,
    maxCanvasSize: [8192, 8192],
    interactive: o.interactive,
    cooperativeGestures: o.cooperativeGestures,
    canvasContextAttributes: { preserveDrawingBuffer: o.preserveDrawingBuffer, antialias: true },
  });
  const credits = createCredits(map, o.foldCredits);
  const overlay = new MapLibreOverlay({
    interleaved: false,
    onAfterRender: () => o.onDeckRender(),
    // deck.gl's input handler makes its canvas a tab stop (tabindex 0) with no name or outline; the
    // map's own canvas is the keyboard's stop, and the overlay is drawing only
    onLoad: () => {
      const c = overlay.getCanvas();
      if (c) {
        c.tabIndex = -1;
        c.setAttribute('aria-hidden', 'true');
      }
    },
    layers: [],
    onClick: (info) => {
      o.onClick(placeOf(info));
      // the hover label goes with the click (its place's panel opens beside it, and would leave the label
      // peeking out from under it); the next pointer move over a place asks for its label again
      hideTooltip();
    },
    getCursor: ({ isHovering }) => (isHovering ? 'pointer' : ''),
    getTooltip: (info) => {
      const place = placeOf(info);
      const text = place ? o.tooltip(place) : null;
      return text ? { text, className: TOOLTIP_CLASS } : null;
    },
  });
  /** Hides deck.gl's hover label (its element, given our class, in the map's container) until deck.gl shows the next. */
  const hideTooltip = () => {
    for (const el of map.getContainer().querySelectorAll<HTMLElement>(`.${TOOLTIP_CLASS}`)) el.style.display = 'none';
  };
  map.addControl(overlay);
  // A move is the reader's when one of its events carries the input's DOM event, or when one of the
  // map's gesture handlers was active during it: maplibre gives a wheel zoom of single notches, each
  // animated to its end, no DOM event at all (mapbox-gl-js#12429), and such a zoom went unrecorded (no
  // view in the link, following not stopped).
  let readerMoving = false;
  const gesture = () =>
    [map.dragPan, map.scrollZoom, map.touchZoomRotate, map.doubleClickZoom, map.boxZoom, map.keyboard, map.dragRotate, map.touchPitch].some((h) => h.isActive());
  const onMove = (e: { originalEvent?: unknown }) => {
    if (!readerMoving && (e.originalEvent || gesture())) readerMoving = true;
  };
  const onMoveEnd = (e: { originalEvent?: unknown }) => {
    showFrameEdges(map);
    const reader = readerMoving || !!e.originalEvent;
    readerMoving = false;
    if (reader) o.onUserMove(view());
  };
  const onFrameChange = () => showFrameEdges(map);
  map.on('move', onMove);
  map.on('moveend', onMoveEnd);
  map.on('resize', onFrameChange);
  map.on('load', onFrameChange);
  const canvas = map.getCanvas();
  const lost = (e: Event) => {
    e.preventDefault();
    o.onContextLost();
  };
  const restored = () => o.onContextRestored();
  canvas.addEventListener('webglcontextlost', lost);
  canvas.addEventListener('webglcontextrestored', restored);

  const view = (): View => {
    const c = map.getCenter().wrap();
    return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
  };
  return {
    map,
    overlay,
    view,
    canvases: () => [canvas, overlay.getCanvas()].filter((c): c is HTMLCanvasElement => !!c),
    forgetPlacement: () => forgetPlacement(map),
    destroy() {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
      map.off('move', onMove);
      map.off('moveend', onMoveEnd);
      map.off('resize', onFrameChange);
      map.off('load', onFrameChange);
      credits.destroy();
      map.remove();
    },
  };
}

/**
 * maplibre's credits control, folded or not as `fold` says. maplibre fixes `compact` when the control is
 * added, so a change of the media query replaces the control (in the same corner, whose size the page's
 * layout watches).
 */
function createCredits(map: MapLibreMap, fold: boolean | MediaQueryList): { destroy(): void } {
  let control: AttributionControl | null = null;
  let folding: MutationObserver | null = null;
  let folded: boolean | null = null;
  const show = (next: boolean) => {
    if (next === folded) return;
    folded = next;
    folding?.disconnect();
    if (control) map.removeControl(control);
    control = new AttributionControl({ compact: next });
    map.addControl(control, 'bottom-right');
    folding = next ? foldCreditsOnce(map.getContainer()) : null;
  };
  const onChange = (e: MediaQueryListEvent) => show(e.matches);
  if (typeof fold === 'boolean') show(fold);
  else {
    show(fold.matches);
    fold.addEventListener('change', onChange);
  }
  return {
    destroy() {
      if (typeof fold !== 'boolean') fold.removeEventListener('change', onChange);
      folding?.disconnect();
    },
  };
}

/**
 * A small map (an embed, an iframe in an article; a phone on its side) starts with its credits folded
 * behind maplibre's ⓘ button, which opens them, instead of over a third of the map (two lines of a
 * 211 px map at 740 × 360). maplibre shows a compact attribution
 * open until the map is dragged; this folds it once, when maplibre first opens it.
 */
function foldCreditsOnce(container: HTMLElement): MutationObserver {
  const fold = (observer: MutationObserver) => {
    const attribution = container.querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show');
    if (!attribution) return;
    attribution.classList.remove('maplibregl-compact-show');
    observer.disconnect();
  };
  const observer = new MutationObserver(() => fold(observer));
  observer.observe(container, { subtree: true, attributes: true, attributeFilter: ['class'] });
  fold(observer);
  return observer;
}
