import type { Feature, Geometry, Position } from 'geojson';
import type { PreparedPlace } from '../data/prepare.ts';
import { mercatorX, mercatorY, TILE_PX } from './mercator.ts';


/** The most an outline point may move when it is simplified, device px at the deepest zoom of its band. */
export const DETAIL_ERROR_PX = 0.25;

/** From this device zoom on (zoom plus log2 of the pixel ratio), areas are drawn with every point of their outline. */
export const FULL_DETAIL_ZOOM = 11;

/**
 * Returns the detail band an areas layer draws at: the whole device zoom (the map's zoom plus log2 of its
 * pixel ratio, so a 2× export counts as one zoom deeper), or `FULL_DETAIL_ZOOM` from there on.
 */
export function detailBand(zoom: number, pixelRatio = 1): number {
  const z = Math.floor(zoom + Math.log2(pixelRatio || 1));
  return Math.max(0, Math.min(FULL_DETAIL_ZOOM, z));
}

/** Returns the tolerance of a band in Web Mercator world units (the world is 1 wide): `DETAIL_ERROR_PX` at the band's deepest zoom. */
export function detailTolerance(band: number): number {
  return DETAIL_ERROR_PX / (TILE_PX * 2 ** (band + 1));
}

/**
 * Returns a closed ring ([lon, lat] degrees) simplified by Douglas–Peucker in Web Mercator, so that no
 * point of the drawn outline moves more than `tolerance` world units (a fixed share of a pixel at any
 * latitude, which a tolerance in degrees would not give: Mercator stretches the north). A ring that
 * would fall below four points (a speck smaller than the tolerance) keeps four of its own.
 */
export function simplifyRing(ring: Position[], tolerance: number): Position[] {
  const n = ring.length;
  if (n <= 4) return ring;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = mercatorX(ring[i][0]);
    y[i] = mercatorY(ring[i][1]);
  }
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const sq = tolerance * tolerance;
  const stack = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const [ax, ay] = [x[first], y[first]];
    const [dx, dy] = [x[last] - ax, y[last] - ay];
    const len = dx * dx + dy * dy;
    let far = -1;
    let farSq = sq;
    for (let i = first + 1; i < last; i++) {
      let [px, py] = [ax, ay];
      if (len > 0) {
        const t = Math.max(0, Math.min(1, ((x[i] - ax) * dx + (y[i] - ay) * dy) / len));
        px += dx * t;
        py += dy * t;
      }
      const d = (x[i] - px) ** 2 + (y[i] - py) ** 2;
      if (d > farSq) {
        far = i;
        farSq = d;
      }
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack.push(first, far, far, last);
  }
  const out = ring.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : [ring[0], ring[Math.floor(n / 3)], ring[Math.floor((2 * n) / 3)], ring[n - 1]];
}

/** Returns a polygon or multipolygon with every ring simplified within `tolerance` world units (`simplifyRing`); other geometries as they are. */
export function simplifyArea(g: Geometry, tolerance: number): Geometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => simplifyRing(r, tolerance)) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => simplifyRing(r, tolerance))) };
  return g;
}

/** Returns the number of positions in a polygon's or multipolygon's rings (0 for other geometries). */
export function vertexCount(g: Geometry): number {
  if (g.type === 'Polygon') return g.coordinates.reduce((n, r) => n + r.length, 0);
  if (g.type === 'MultiPolygon') return g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  return 0;
}

/** An area's feature as the areas layer draws it: its outline at one detail band, with the place it belongs to. */
export type AreaFeature = Feature & { place: PreparedPlace };

/**
 * Returns the areas' features at a detail band, each outline simplified by no more than
 * `DETAIL_ERROR_PX` device px at that band's zooms, worked out the first time a band is asked for and
 * kept: a story of many finely drawn regions otherwise sends every outline point to the GPU in every
 * frame, at every zoom (deck.gl draws what it is given). From `FULL_DETAIL_ZOOM` the outlines are the data's own.
 */
export function createAreaDetail(areas: PreparedPlace[]): (band: number) => AreaFeature[] {
  const bands = new Map<number, AreaFeature[]>();
  return (band) => {
    let out = bands.get(band);
    if (!out) {
      const tolerance = detailTolerance(band);
      out = areas.map((place) => ({ ...place.feature, geometry: band >= FULL_DETAIL_ZOOM ? place.feature.geometry : simplifyArea(place.feature.geometry, tolerance), place }) as AreaFeature);
      bands.set(band, out);
    }
    return out;
  };
}
