import type { MapView } from './map-view.ts';

/** Wait before rebuilding deck.gl when only its own context was lost (ms). */
const DECK_RECREATE_DELAY_MS = 1000;

/**
 * Recovers the deck.gl overlay after its WebGL context is lost, in every mode. maplibre restores the
 * basemap by itself, but luma.gl neither restores its context nor rebuilds its GPU resources, so the
 * overlay is removed and added again (a new Deck, canvas and context with the same props) once the
 * basemap has its context back, or after a short pause when only deck's context was lost. Returns
 * the function that removes its listeners.
 */
export function recoverDeckContext(mapView: MapView, redraw: () => void): () => void {
  const { map, overlay } = mapView;
  let canvas: HTMLCanvasElement | null = null;
  let deckLost = false;
  let mapLost = false;
  let timer = 0;
  let raf = 0;
  const recreate = () => {
    clearTimeout(timer);
    if (!deckLost || mapLost) return;
    deckLost = false;
    detach();
    map.removeControl(overlay);
    map.addControl(overlay);
    redraw();
    attach();
  };
  const onDeckLost = () => {
    deckLost = true;
    clearTimeout(timer);
    timer = window.setTimeout(recreate, DECK_RECREATE_DELAY_MS);
  };
  const onMapLost = () => {
    mapLost = true;
  };
  const onMapRestored = () => {
    mapLost = false;
    recreate();
  };
  const attach = () => {
    canvas = overlay.getCanvas();
    if (canvas) canvas.addEventListener('webglcontextlost', onDeckLost);
    else raf = requestAnimationFrame(attach);
  };
  const detach = () => {
    cancelAnimationFrame(raf);
    canvas?.removeEventListener('webglcontextlost', onDeckLost);
    canvas = null;
  };
  map.on('webglcontextlost', onMapLost);
  map.on('webglcontextrestored', onMapRestored);
  attach();
  return () => {
    clearTimeout(timer);
    detach();
    map.off('webglcontextlost', onMapLost);
    map.off('webglcontextrestored', onMapRestored);
  };
}
