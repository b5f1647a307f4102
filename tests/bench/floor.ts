// The benchmark floor: the same basemap and place geometry in maplibre with one deck.gl layer and no
// UI, store, time filter or fonts beyond the one the basemap labels use; the same detail files, loaded
// as the app loads them. The app is measured against it.
import '@fontsource/noto-sans/400.css';
import { GeoJsonLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { Theme } from '../../src/data/schema.ts';
import { addBasemapImages, basemapGeo, basemapStyle } from '../../src/map/basemap-style.ts';
import { loadDetailOnDemand } from '../../src/map/detail-loader.ts';
import { createReadiness } from '../../src/app/readiness.ts';
import './floor.css';

setWorkerUrl(workerUrl);

async function main() {
  const [basemap, places, theme, detail] = await Promise.all(
    ['basemap.topo.json', 'places.json', 'theme.json', 'detail.json'].map((f) => fetch(`./data/${f}`).then((r) => r.json())),
  );
  await document.fonts.load('400 16px "Noto Sans"');
  const map = new MapLibreMap({
    container: 'map',
    style: basemapStyle(basemapGeo(basemap as Topology, detail as FeatureCollection), theme as Theme, 'Natural Earth'),
    bounds: [
      [27, 39],
      [131, 70],
    ],
    fadeDuration: 0,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  addBasemapImages(map, (theme as Theme).colors);
  // The same detail files as the app, fetched when its view needs them (its first view needs none).
  loadDetailOnDemand(map, detail as FeatureCollection, new URL('./', location.href).href);
  // `data-ready` as the app sets it: deck.gl has drawn, the map is loaded, still and has its tiles, and that frame is on screen
  const readiness = createReadiness(map);
  const layer = new GeoJsonLayer({
    id: 'places',
    data: places,
    filled: true,
    stroked: true,
    getFillColor: [160, 40, 30, 120],
    getLineColor: [160, 40, 30, 255],
    getPointRadius: 8,
    pointRadiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
  });
  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [layer],
    onAfterRender: () => readiness.deckRendered(),
  });
  map.addControl(overlay);
  readiness.layersSet();
  /** A plain redraw: both canvases draw again on the next frame, nothing changed. */
  const redraw = () => {
    map.triggerRepaint();
    layer.setNeedsRedraw();
  };
  (window as unknown as { floor: unknown }).floor = { map, overlay, redraw };
}
void main();
