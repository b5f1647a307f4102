import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { MapView } from './map-view.ts';

/** What of a luma.gl device is released here (its WebGL context and the canvas observers). */
type Device = { destroy(): void; canvasContext: { destroy(): void } | null; gl?: WebGL2RenderingContext };

/**
 * Returns the device of the overlay's current Deck: `MapLibreOverlay` keeps its Deck private and the
 * Deck its device protected; there is no other way to reach what `finalize()` leaves behind.
 */
const deviceOf = (overlay: MapLibreOverlay) => (overlay as unknown as { _deck?: { device?: Device } })._deck?.device;

/**
 * Releases a Deck's device after `finalize()`, which leaves it alive: its canvas context keeps a
 * ResizeObserver, an IntersectionObserver and a device-pixel-ratio media query on the old canvas
 * (visgl/deck.gl#10355), and through them the device and its WebGL context. Destroys the canvas
 * context (disconnects them) and the device (a no-op while deck.gl asks luma.gl for reusable
 * devices, as 9.4 does; it detaches the device where it does not), and loses the context if it is
 * still live, so the browser frees it now rather than at the next collection.
 */
export function releaseDevice(device: Device | undefined): void {
  if (!device) return;
  const gl = device.gl;
  device.canvasContext?.destroy();
  device.destroy();
  if (gl && !gl.isContextLost()) gl.getExtension('WEBGL_lose_context')?.loseContext();
}

/** Wait before rebuilding deck.gl when only its own context was lost (ms). */
const DECK_RECREATE_DELAY_MS = 1000;

/**
 * Recovers the deck.gl overlay after its WebGL context is lost, in every mode. maplibre restores the
 * basemap by itself, but luma.gl neither restores its context nor rebuilds its GPU resources, so the
 * overlay is removed and added again (a new Deck, canvas and context with the same props) once the
 * basemap has its context back, or after a short pause when only deck's context was lost. Returns
 * the function that removes its listeners. The old Deck is finalised and its device released, so
 * that no loss leaves a context, listener or observer behind.
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
    const device = deviceOf(overlay);
    map.removeControl(overlay);
    releaseDevice(device);
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
