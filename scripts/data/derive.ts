import { area as turfArea } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { buffer } from '@turf/buffer';
import { distance } from '@turf/distance';
import { featureCollection, lineString, multiLineString, point } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import { polygonToLine } from '@turf/polygon-to-line';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { SCHEMATIC_KINDS, type PlaceProperties } from '../../src/data/schema.ts';
import type { Area, CountryProps, RegionProps } from './basemap.ts';

/** What the build adds to a place's properties. */
export interface DerivedProps {
  /** Great-circle distance from the nearest point of the `distanceFrom` area's outline, in km (rounded to 10 km). */
  distanceKm?: number;
  /** That nearest point of the area's outline, [lon, lat]: where the distance arc starts. */
  borderPoint?: [number, number];
  /** Area of a derived polygon, in km² (rounded). */
  areaKm2?: number;
  /** Label anchor, [lon, lat]. */
  anchor: [number, number];
}

export type BuiltPlace = Feature<Polygon | MultiPolygon | { type: 'Point'; coordinates: [number, number] }, PlaceProperties & DerivedProps>;

export class DataError extends Error {}

/** Returns every exterior and hole ring of an area as lines. */
function outline(a: Area): Feature<LineString | MultiLineString> {
  const l = polygonToLine(a);
  if (l.type === 'FeatureCollection') {
    const lines: Position[][] = [];
    for (const f of l.features) {
      if (f.geometry.type === 'LineString') lines.push(f.geometry.coordinates);
      else lines.push(...f.geometry.coordinates);
    }
    return multiLineString(lines);
  }
  return l as Feature<LineString | MultiLineString>;
}

/** Returns the distance in km from a point to the nearest point on an area's outline, and that point. */
export function nearestOnOutline(p: [number, number], a: Area): { km: number; at: [number, number] } {
  const near = nearestPointOnLine(outline(a), point(p), { units: 'kilometers' });
  const at = near.geometry.coordinates as [number, number];
  return { km: distance(point(p), point(at), { units: 'kilometers' }), at };
}

/** Returns the union of several areas. */
export function unionAll(areas: Area[]): Area {
  if (areas.length === 1) return areas[0];
  const u = union(featureCollection(areas));
  if (!u) throw new DataError('union of regions is empty');
  return u;
}

/** Returns the label anchor of an area: the vertex-weighted centre of its largest polygon, nudged inside. */
export function anchorOf(a: Area): [number, number] {
  const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
  let best = polys[0];
  let bestArea = -1;
  for (const p of polys) {
    const ar = turfArea({ type: 'Polygon', coordinates: p });
    if (ar > bestArea) {
      bestArea = ar;
      best = p;
    }
  }
  const ring = best[0];
  let x = 0;
  let y = 0;
  for (const [lon, lat] of ring) {
    x += lon;
    y += lat;
  }
  const c: [number, number] = [x / ring.length, y / ring.length];
  if (booleanPointInPolygon(c, { type: 'Polygon', coordinates: best })) return c;
  let closest = ring[0];
  let d = Infinity;
  for (const v of ring) {
    const dd = (v[0] - c[0]) ** 2 + (v[1] - c[1]) ** 2;
    if (dd < d) {
      d = dd;
      closest = v;
    }
  }
  return [closest[0], closest[1]];
}

/** Returns an area's bounding box, [west, south, east, north] in degrees. */
function bboxOf(a: Area): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}

/**
 * Returns a test of whether a point of `box` lies within `km` of `lines` (great-circle, as turf's
 * nearestPointOnLine measures it). Only segments reaching into the box widened by `km` (with room to
 * spare) are kept, in a grid of cells at least that wide, and each point is measured against the
 * segments of its own and the eight cells around it: every point of the lines within `km` of it lies
 * on one of those, so the answer is the one a search of the whole outline gives. A country's outline
 * has tens of thousands of vertices; a point has a few near it.
 */
export function withinKmOf(lines: Feature<LineString | MultiLineString>, box: [number, number, number, number], km: number): (p: Position) => boolean {
  const dLat = (km / 110) * 1.5 + 0.01;
  const maxLat = Math.min(89, Math.max(Math.abs(box[1]), Math.abs(box[3])) + dLat);
  const dLon = dLat / Math.cos((maxLat * Math.PI) / 180);
  const [w, s, e, n] = [box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat];
  const all = lines.geometry.type === 'LineString' ? [lines.geometry.coordinates] : lines.geometry.coordinates;
  const cells = new Map<string, Position[][]>();
  const cellOf = (x: number, y: number) => [Math.floor(x / dLon), Math.floor(y / dLat)];
  for (const line of all)
    for (let i = 1; i < line.length; i++) {
      const seg = [line[i - 1], line[i]];
      const [x0, x1] = [Math.min(seg[0][0], seg[1][0]), Math.max(seg[0][0], seg[1][0])];
      const [y0, y1] = [Math.min(seg[0][1], seg[1][1]), Math.max(seg[0][1], seg[1][1])];
      if (x1 < w || x0 > e || y1 < s || y0 > n) continue;
      const [cx0, cy0] = cellOf(Math.max(x0, w), Math.max(y0, s));
      const [cx1, cy1] = cellOf(Math.min(x1, e), Math.min(y1, n));
      for (let cx = cx0; cx <= cx1; cx++)
        for (let cy = cy0; cy <= cy1; cy++) {
          const k = `${cx},${cy}`;
          const list = cells.get(k);
          if (list) list.push(seg);
          else cells.set(k, [seg]);
        }
    }
  return (p) => {
    const [cx, cy] = cellOf(p[0], p[1]);
    const near = new Set<Position[]>();
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) for (const seg of cells.get(`${cx + dx},${cy + dy}`) ?? []) near.add(seg);
    if (near.size === 0) return false;
    return (nearestPointOnLine(multiLineString([...near]), point(p), { units: 'kilometers' }).properties.dist ?? Infinity) <= km;
  };
}

/**
 * Returns the part of `region` within `depthKm` of its border with `neighbour`, optionally only
 * along `alongKm` of that border centred on `around`. The border is the run of the region's
 * outline lying within `toleranceKm` of the neighbour's outline.
 */
export function borderStrip(
  region: Area,
  neighbour: Area,
  opts: { depthKm: number; around?: [number, number]; alongKm?: number; toleranceKm?: number },
): Area {
  const tol = opts.toleranceKm ?? 4;
  const onBorder = withinKmOf(outline(neighbour), bboxOf(region), tol);
  const rings = region.geometry.type === 'Polygon' ? [region.geometry.coordinates[0]] : region.geometry.coordinates.map((p) => p[0]);
  const runs: Position[][] = [];
  for (const ring of rings) {
    let run: Position[] = [];
    for (const v of ring) {
      const inReach =
        !opts.around || !opts.alongKm || distance(point(v), point(opts.around), { units: 'kilometers' }) <= opts.alongKm / 2;
      if (inReach && onBorder(v)) run.push(v);
      else {
        if (run.length > 1) runs.push(run);
        run = [];
      }
    }
    if (run.length > 1) runs.push(run);
  }
  if (runs.length === 0) throw new DataError('no shared border found between region and neighbour');
  const band = buffer(runs.length === 1 ? lineString(runs[0]) : multiLineString(runs), opts.depthKm, { units: 'kilometers', steps: 8 });
  if (!band) throw new DataError('buffer of border failed');
  const strip = intersect(featureCollection([region, band as Area]));
  if (!strip) throw new DataError('strip does not overlap region');
  return strip;
}

export interface DeriveInputs {
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>;
  regions: FeatureCollection<Polygon | MultiPolygon, RegionProps>;
  /** The basemap's country id (ISO numeric, as world-atlas has it) of each ISO alpha-3 code the data may name. */
  countryByIso: Readonly<Record<string, string>>;
}

/**
 * Returns the places with geometry derived from the basemap where asked, checks each point lies in
 * the region it names, and adds each `distanceFrom` distance (from a country, by ISO alpha-3 code, or
 * an admin-1 region, by id). Throws a DataError naming the place's path on any failure.
 */
export function derivePlaces(
  file: string,
  features: { geometry: { type: 'Point'; coordinates: [number, number] } | null; properties: PlaceProperties }[],
  inputs: DeriveInputs,
): BuiltPlace[] {
  const regionById = new Map(inputs.regions.features.map((f) => [f.properties.id, f]));
  const country = (iso: string, path = ''): Area => {
    const id = inputs.countryByIso[iso];
    const f = id === undefined ? undefined : inputs.countries.features.find((c) => c.properties.id === id);
    if (!f) throw new DataError(`${path ? `${file}: ${path}: ` : ''}unknown country "${iso}" (the basemap knows ${Object.keys(inputs.countryByIso).join(', ')})`);
    return f;
  };
  const region = (id: string, path: string): Area => {
    const r = regionById.get(id);
    if (!r) throw new DataError(`${file}: ${path}: unknown admin-1 region "${id}"`);
    return r;
  };
  return features.map((f, i) => {
    const p = f.properties;
    const path = `features[${i}].properties`;
    let geometry: BuiltPlace['geometry'];
    const derived: DerivedProps = { anchor: [0, 0] };
    if (f.geometry) {
      geometry = f.geometry;
      derived.anchor = f.geometry.coordinates;
      if (p.region && !booleanPointInPolygon(f.geometry.coordinates, region(p.region, `${path}.region`)))
        throw new DataError(`${file}: features[${i}].geometry: point ${f.geometry.coordinates.join(',')} is not inside region "${p.region}"`);
      if (p.distanceFrom) {
        const at = `${path}.distanceFrom`;
        const from = /^[A-Z]{3}$/.test(p.distanceFrom) ? country(p.distanceFrom, at) : region(p.distanceFrom, at);
        if (booleanPointInPolygon(f.geometry.coordinates, from))
          throw new DataError(`${file}: ${at}: point is inside ${p.distanceFrom}`);
        const near = nearestOnOutline(f.geometry.coordinates, from);
        derived.distanceKm = Math.round(near.km / 10) * 10;
        derived.borderPoint = [Number(near.at[0].toFixed(4)), Number(near.at[1].toFixed(4))];
      }
    } else if (p.derive?.from === 'admin1') {
      const a = unionAll(p.derive.regions.map((r, j) => region(r, `${path}.derive.regions[${j}]`)));
      geometry = a.geometry;
      derived.anchor = anchorOf(a);
    } else if (p.derive?.from === 'border-strip') {
      const d = p.derive;
      const inside = region(d.region, `${path}.derive.region`);
      const across = country(d.neighbour, `${path}.derive.neighbour`);
      let a: Area;
      try {
        a = borderStrip(inside, across, d);
      } catch (e) {
        throw new DataError(`${file}: ${path}.derive: ${(e as Error).message}`);
      }
      geometry = a.geometry;
      derived.anchor = anchorOf(a);
      // A schematic shape's area would be a figure no source gives (the panel prints any area it has).
      if (!SCHEMATIC_KINDS.includes(p.kind)) derived.areaKm2 = Math.round(turfArea(a) / 1e6);
    } else {
      throw new DataError(`${file}: features[${i}].geometry: missing, and no derive rule`);
    }
    derived.anchor = [Number(derived.anchor[0].toFixed(4)), Number(derived.anchor[1].toFixed(4))];
    return { type: 'Feature', geometry, properties: { ...p, ...derived } } as BuiltPlace;
  });
}
