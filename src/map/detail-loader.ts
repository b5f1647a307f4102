import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, Polygon } from 'geojson';
import { detailSource } from './basemap-style.ts';
import { FRAME_EDGES } from './frame-edges.ts';

/** How far (zoom levels) before a detail file shows it is fetched, so it is there when it shows. */
export const FETCH_AHEAD_ZOOM = 0.5;

/** Returns whether a detail file (index entry) is wanted for a camera at `zoom` seeing `view` ([west, south, east, north]). */
export function detailWanted(entry: { minZoom: number; box: [number, number, number, number] }, zoom: number, [w, s, e, n]: [number, number, number, number]): boolean {
  const [bw, bs, be, bn] = entry.box;
  return zoom >= entry.minZoom - FETCH_AHEAD_ZOOM && w <= be && e >= bw && s <= bn && n >= bs;
}

/**
 * Returns `next` (a restyled basemap, e.g. a new type scale's) with the sources the page filled at
 * run time kept from `previous`, where the new style has them empty:
 *  - the detail files already loaded (a diffing `setStyle` would empty them, and the loader does not
 *    fetch twice: a kiosk at a venue lost its close-up and drew the coarse land);
 *  - the frame's edge marks (FRAME_EDGES: they depend on the camera and frame only, and an emptied set
 *    let the kiosk's attract frame cut a name at the map's edge after its type-scale restyle).
 * For `setStyle`'s `transformStyle`.
 */
export function keepRuntimeSources(previous: StyleSpecification | undefined, next: StyleSpecification): StyleSpecification {
  const sources = { ...next.sources };
  for (const [id, source] of Object.entries(previous?.sources ?? {})) {
    const now = sources[id];
    // set: its URL while it loads, its features once loaded (maplibre serialises a source's data so)
    const loaded = source.type === 'geojson' && (typeof source.data === 'string' || !(source.data.type === 'FeatureCollection' && source.data.features.length === 0));
    if ((id.startsWith(detailSource('')) || id === FRAME_EDGES) && loaded && now?.type === 'geojson') sources[id] = { ...now, data: source.data };
  }
  return { ...next, sources };
}

/**
 * Loads each detail file of detail.json into its source when the camera first comes within half a
 * zoom level of where it is shown and its box is in view (maplibre fetches it, from the page's own
 * origin: the map is not "loaded" until it has drawn it). Checked as soon as the style's sources
 * exist (`styledata`), so a first view that needs a detail file (a link to a venue's stop) fetches
 * it while the first frame's tiles are made, not after that frame (`load`). `zoomShift` is the
 * style's (a big kiosk screen draws at zoom z + shift what others draw at z). Returns the removal
 * of its listeners.
 */
export function loadDetailOnDemand(
  map: Pick<MapLibreMap, 'getZoom' | 'getBounds' | 'getSource' | 'on' | 'off'>,
  detail: FeatureCollection,
  base: string,
  zoomShift = 0,
): () => void {
  const pending = new Set(detail.features);
  const check = () => {
    if (!pending.size) return;
    const z = map.getZoom() - zoomShift;
    const b = map.getBounds();
    const view: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    for (const f of [...pending]) {
      const p = f.properties as { id: string; minZoom: number; file: string };
      const [[w, s], [e], [, n]] = (f.geometry as Polygon).coordinates[0];
      const source = map.getSource(detailSource(p.id)) as GeoJSONSource | undefined;
      if (!source || !detailWanted({ minZoom: p.minZoom, box: [w, s, e, n] }, z, view)) continue;
      pending.delete(f);
      source.setData(new URL(`data/${p.file}`, base).href);
    }
  };
  const events = ['move', 'styledata', 'load'] as const;
  for (const e of events) map.on(e, check);
  check();
  return () => {
    for (const e of events) map.off(e, check);
  };
}
