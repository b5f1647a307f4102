import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Theme } from '../data/schema.ts';

export interface BasemapGeo {
  countries: FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; lx?: number; ly?: number; rank?: number }>;
  borders: MultiLineString;
  regionLines: MultiLineString;
  labels: FeatureCollection;
  /** City-scale coastline: boxes (kind "box") and 1:10m land inside them (kind "land"), each with a minZoom. */
  detail: FeatureCollection;
}

/** Returns the basemap's GeoJSON pieces from the built TopoJSON: areas, international borders, internal region lines, country labels. */
export function basemapGeo(topo: Topology, detail: FeatureCollection = { type: 'FeatureCollection', features: [] }): BasemapGeo {
  const countriesObj = topo.objects.countries as GeometryCollection;
  const regionsObj = topo.objects.regions as GeometryCollection<{ country: string }>;
  const countries = feature(topo, countriesObj) as unknown as BasemapGeo['countries'];
  const labels: FeatureCollection = {
    type: 'FeatureCollection',
    features: countries.features
      .filter((f) => f.properties.lx !== undefined)
      .map((f) => ({
        type: 'Feature',
        properties: { name: f.properties.name, rank: f.properties.rank ?? 9 },
        geometry: { type: 'Point', coordinates: [f.properties.lx!, f.properties.ly!] },
      })),
  };
  return {
    countries,
    borders: mesh(topo, countriesObj, (a, b) => a !== b),
    regionLines: mesh(topo, regionsObj, (a, b) => a !== b && (a.properties as { country?: string } | undefined)?.country === (b.properties as { country?: string } | undefined)?.country),
    labels,
    detail,
  };
}

/** Id of the source and layer that hold the story labels' room in the basemap. */
export const LABEL_SPACE = 'story-label-space';

/** Tells the basemap where the story's labels are (text, size px, offset px from their point) so that its own names give way. */
export function showLabelSpace(map: MapLibreMap, labels: { text: string; position: [number, number]; size: number; dx: number; dy: number }[]): void {
  const source = map.getSource(LABEL_SPACE) as GeoJSONSource | undefined;
  source?.setData({
    type: 'FeatureCollection',
    features: labels.map((l) => ({
      type: 'Feature',
      properties: { text: l.text, size: l.size, offset: [l.dx / l.size, l.dy / l.size] },
      geometry: { type: 'Point', coordinates: l.position },
    })),
  });
}

/**
 * Returns a self-contained maplibre style (no tiles, no glyph or sprite URLs) drawing the basemap in
 * the theme. `scale` (a big kiosk screen's, ≥ 1) draws it as a screen `scale` times smaller would, in
 * proportion: zoom thresholds move by log2(scale), and lines and labels grow by `scale`.
 */
export function basemapStyle(geo: BasemapGeo, theme: Theme, credit: string, scale = 1): StyleSpecification {
  const c = theme.colors;
  const dz = Math.log2(scale);
  /** A linear zoom ramp through [zoom, value] stops, shifted and scaled for the screen. */
  const ramp = (...stops: [number, number][]) => ['interpolate', ['linear'], ['zoom'], ...stops.flatMap(([z, v]) => [z + dz, v * scale])] as ExpressionSpecification;
  const detailMinZoom = Math.min(24, ...geo.detail.features.map((f) => Number(f.properties?.minZoom ?? 24) + dz));
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: geo.countries, attribution: credit },
      borders: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: geo.borders } },
      regionLines: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: geo.regionLines } },
      countryLabels: { type: 'geojson', data: geo.labels },
      detail: { type: 'geojson', data: geo.detail },
      [LABEL_SPACE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'ocean', type: 'background', paint: { 'background-color': c.ocean } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': c.land, 'fill-antialias': true } },
      {
        id: 'detail-water',
        type: 'fill',
        source: 'detail',
        minzoom: detailMinZoom,
        filter: ['==', ['get', 'kind'], 'box'],
        paint: { 'fill-color': c.ocean, 'fill-antialias': false },
      },
      {
        id: 'detail-land',
        type: 'fill',
        source: 'detail',
        minzoom: detailMinZoom,
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'fill-color': c.land },
      },
      {
        id: 'region-lines',
        type: 'line',
        source: 'regionLines',
        minzoom: 3 + dz,
        paint: { 'line-color': c.regionBorder, 'line-width': ramp([3, 0.4], [8, 1]) },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': c.countryBorder, 'line-width': ramp([1, 0.5], [6, 1.4], [10, 2]) },
      },
      {
        id: 'country-labels',
        type: 'symbol',
        source: 'countryLabels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [theme.font],
          'text-size': ramp([1, 10], [6, 14]),
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.12,
          'text-max-width': 8,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: { 'text-color': c.countryLabel, 'text-halo-color': c.land, 'text-halo-width': 1.2 * scale },
      },
      {
        // The story's labels (drawn by deck.gl) as invisible text at the same place and size: placed
        // first (top layer) and always, they take their room in maplibre's collision index, so the
        // basemap's names give way to them.
        id: LABEL_SPACE,
        type: 'symbol',
        source: LABEL_SPACE,
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [theme.font],
          'text-size': ['get', 'size'],
          'text-offset': ['get', 'offset'],
          'text-anchor': 'center',
          'text-line-height': 1,
          'text-max-width': 100,
          'text-allow-overlap': true,
          'text-ignore-placement': false,
          'text-padding': 4,
        },
        paint: { 'text-opacity': 0 },
      },
    ],
  };
}
