// Snapping the admin-1 regions' shared edges to each other before they go into one topology.
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { RegionProps } from './basemap.ts';

/**
 * Returns the regions with their shared edges made identical, so that one topology shares them as
 * one arc (a region line is an arc between two regions: an edge whose points differ between the two
 * neighbours would be two arcs of one region each, drawn by neither, and the line would break into
 * fragments, as Russia's did). Each point within `tolDeg` of a point met before (the countries'
 * points first, so that no border moves) takes that point's place, then each edge gets, in order, the
 * points of other edges that lie within `tolDeg` of it (a T-junction: a neighbour's corner on it).
 * With `only` (alpha-3 codes), only those countries' regions are snapped; the others are returned as they are.
 */
export function snapRegionEdges(
  regions: FeatureCollection<Polygon | MultiPolygon, RegionProps>,
  countries: FeatureCollection<Polygon | MultiPolygon>,
  tolDeg: number,
  only?: string[],
): FeatureCollection<Polygon | MultiPolygon, RegionProps> {
  const snapped1 = (r: { properties: RegionProps }) => !only || only.includes(r.properties.country);
  const cell = tolDeg;
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  const grid = new Map<string, Position[]>();
  const ringsOf = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  /** Returns the point kept for `p`: one met before within tolDeg, or p itself (then kept). */
  const snap = (p: Position): Position => {
    const cx = Math.floor(p[0] / cell);
    const cy = Math.floor(p[1] / cell);
    let best: Position | null = null;
    let bestD = tolDeg;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of grid.get(key(cx + dx, cy + dy)) ?? []) {
          const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
          if (d <= bestD) [best, bestD] = [q, d];
        }
    if (best) return best;
    const k = key(cx, cy);
    const list = grid.get(k);
    if (list) list.push(p);
    else grid.set(k, [p]);
    return p;
  };
  for (const c of countries.features) for (const poly of ringsOf(c.geometry)) for (const ring of poly) for (const p of ring) snap(p);
  const mine = regions.features.filter(snapped1);
  const snapped = mine.map((r) =>
    ringsOf(r.geometry)
      .map((poly) => poly.map((ring) => ring.map(snap).filter((p, i, a) => i === 0 || p !== a[i - 1])).filter((ring) => ring.length >= 4))
      .filter((poly) => poly.length),
  );
  // the regions' own points (not the countries'), to put on the edges that pass through them, by cells
  // of 0.05° (an edge's box is then a few cells)
  const COARSE = 0.05;
  const regionPoints = new Map<string, Position[]>();
  const seen = new Set<Position>();
  for (const polys of snapped)
    for (const poly of polys)
      for (const ring of poly)
        for (const p of ring) {
          if (seen.has(p)) continue;
          seen.add(p);
          const k = key(Math.floor(p[0] / COARSE), Math.floor(p[1] / COARSE));
          const list = regionPoints.get(k);
          if (list) list.push(p);
          else regionPoints.set(k, [p]);
        }
  /** Returns the points strictly inside segment a–b within tolDeg of it, ordered from a. */
  const onSegment = (a: Position, b: Position): Position[] => {
    const [x0, x1] = [Math.min(a[0], b[0]) - tolDeg, Math.max(a[0], b[0]) + tolDeg];
    const [y0, y1] = [Math.min(a[1], b[1]) - tolDeg, Math.max(a[1], b[1]) + tolDeg];
    const vx = b[0] - a[0];
    const vy = b[1] - a[1];
    const len2 = vx * vx + vy * vy;
    if (!len2) return [];
    const found: [number, Position][] = [];
    for (let cx = Math.floor(x0 / COARSE); cx <= Math.floor(x1 / COARSE); cx++)
      for (let cy = Math.floor(y0 / COARSE); cy <= Math.floor(y1 / COARSE); cy++)
        for (const p of regionPoints.get(key(cx, cy)) ?? []) {
          if (p === a || p === b) continue;
          const t = ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / len2;
          if (t <= 0 || t >= 1) continue;
          if (Math.hypot(a[0] + t * vx - p[0], a[1] + t * vy - p[1]) <= tolDeg) found.push([t, p]);
        }
    return found.sort((m, n) => m[0] - n[0]).map(([, p]) => p);
  };
  return {
    type: 'FeatureCollection',
    features: regions.features.map((r) => {
      const i = mine.indexOf(r);
      if (i < 0) return r;
      const polys = snapped[i].map((poly) =>
        poly.map((ring) => {
          const out: Position[] = [ring[0]];
          for (let j = 1; j < ring.length; j++) out.push(...onSegment(ring[j - 1], ring[j]), ring[j]);
          return out.map((p) => [p[0], p[1]]);
        }),
      );
      if (!polys.length) throw new Error(`basemap: region ${r.properties.id} vanished when its edges were snapped`);
      return { ...r, geometry: { type: 'MultiPolygon', coordinates: polys } };
    }),
  };
}
