import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { PreparedPlace } from '../data/prepare.ts';

/** Each area's [west, south, east, north] (lon/lat), worked out once. */
const areaBoxes = new WeakMap<PreparedPlace, [number, number, number, number]>();

/** Returns an area's polygons (none for a point). */
export function polygonsOf(p: PreparedPlace) {
  const g = p.feature.geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}

/** Returns an area's [west, south, east, north] (lon/lat of its outer rings; empty, Infinity to -Infinity, for a point). */
export function areaBox(p: PreparedPlace): [number, number, number, number] {
  let bbox = areaBoxes.get(p);
  if (!bbox) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polygonsOf(p))
      for (const [x, y] of poly[0]) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    bbox = [w, s, e, n];
    areaBoxes.set(p, bbox);
  }
  return bbox;
}

/** Returns whether an area's shape holds the point `q` (lon/lat; its holes do not, its outline does); never for a point. */
export function holds(p: PreparedPlace, q: [number, number]): boolean {
  const [w, s, e, n] = areaBox(p);
  const [x, y] = q;
  if (x < w || x > e || y < s || y > n) return false;
  const g = p.feature.geometry;
  return (g.type === 'Polygon' || g.type === 'MultiPolygon') && booleanPointInPolygon(q, g);
}

/**
 * Returns a test of whether a point (lon/lat) lies in any of `shapes` (a country's outline, say), each
 * shape's box worked out once: most points are ruled out by the boxes alone.
 */
export function inAnyShape(shapes: readonly { geometry: Polygon | MultiPolygon }[]): (q: [number, number]) => boolean {
  const boxed = shapes.map((f) => {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys)
      for (const [x, y] of poly[0]) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    return { box: [w, s, e, n] as const, geometry: f.geometry };
  });
  return ([x, y]) => boxed.some(({ box, geometry }) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && booleanPointInPolygon([x, y], geometry));
}
