import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PreparedPlace } from '../../src/data/prepare.ts';
import { createAreaDetail, DETAIL_ERROR_PX, detailBand, detailTolerance, FULL_DETAIL_ZOOM, simplifyArea, simplifyRing, vertexCount } from '../../src/map/area-detail.ts';

/** Returns a point in Web Mercator world units (the world 1 wide), as maplibre places it. */
const mercator = ([lon, lat]: Position) => [lon / 360, Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI)];

/** Returns the distance (world units) from `p` to the nearest segment of a closed ring given in world units. */
function distanceToRing(p: Position, ring: number[][]): number {
  const [px, py] = mercator(p);
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [dx, dy] = [ring[i + 1][0] - ax, ring[i + 1][1] - ay];
    const len = dx * dx + dy * dy;
    const t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
    best = Math.min(best, Math.hypot(px - (ax + dx * t), py - (ay + dy * t)));
  }
  return best;
}

/** Returns a closed ring of `n` points round (lon, lat) with a wobbly edge of about `r` degrees: a finely drawn coast or border. */
function createWobblyRing(lon: number, lat: number, r: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const k = r * (1 + 0.08 * Math.sin(a * 37) + 0.03 * Math.sin(a * 411));
    ring.push([lon + k * Math.cos(a), lat + k * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

describe('detailBand', () => {
  it('is the whole zoom in device pixels, from 0 up to full detail', () => {
    expect(detailBand(3.9)).toBe(3);
    expect(detailBand(3.9, 2)).toBe(4);
    expect(detailBand(4, 1)).toBe(4);
    expect(detailBand(-0.5)).toBe(0);
    expect(detailBand(FULL_DETAIL_ZOOM + 3)).toBe(FULL_DETAIL_ZOOM);
  });
});

describe('simplifyRing', () => {
  for (const lat of [45, 69]) {
    it(`keeps every point of a finely drawn ring at ${lat}° within ${DETAIL_ERROR_PX} px of the outline drawn, at every band, with far fewer points zoomed out`, () => {
      const ring = createWobblyRing(35, lat, 1.5, 10_000);
      const counts: number[] = [];
      for (const band of [2, 4, 6, 8, 10]) {
        const tol = detailTolerance(band);
        const out = simplifyRing(ring, tol);
        counts.push(out.length);
        expect(out[0]).toEqual(out[out.length - 1]);
        // every input point lies within the tolerance of the simplified ring (checked on a sample, and the worst of it)
        let worst = 0;
        const drawn = out.map(mercator);
        for (let i = 0; i < ring.length; i += 13) worst = Math.max(worst, distanceToRing(ring[i], drawn));
        expect(worst).toBeLessThanOrEqual(tol * (1 + 1e-9));
        // the tolerance is DETAIL_ERROR_PX at the band's deepest zoom: 512 × 2^(band + 1) px to the world
        expect(tol * 512 * 2 ** (band + 1)).toBeCloseTo(DETAIL_ERROR_PX, 12);
      }
      // zoomed out, a tenth of the points or fewer carry the shape; each band in keeps at least as many
      expect(counts[0]).toBeLessThan(ring.length / 10);
      for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
    });
  }

  it('keeps four of its own points for a speck smaller than the tolerance, and a ring of four as it is', () => {
    const speck = createWobblyRing(35, 50, 1e-6, 50);
    const out = simplifyRing(speck, detailTolerance(2));
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual(out[3]);
    for (const p of out) expect(speck).toContain(p);
    const square: Position[] = [[0, 0], [1, 0], [1, 1], [0, 0]];
    expect(simplifyRing(square, 1)).toBe(square);
  });
});

describe('createAreaDetail', () => {
  const geometry: Polygon = { type: 'Polygon', coordinates: [createWobblyRing(35, 48, 2, 5_000), createWobblyRing(35, 48, 0.5, 2_000)] };
  const place = { id: 'a', feature: { type: 'Feature', geometry, properties: { id: 'a' } } } as unknown as PreparedPlace;

  it("gives each band's features once (the same array again) with the place attached, and the data's own outline from full detail on", () => {
    const at = createAreaDetail([place]);
    expect(at(3)).toBe(at(3));
    expect(at(3)[0].place).toBe(place);
    expect(at(FULL_DETAIL_ZOOM)[0].geometry).toBe(geometry);
    expect(vertexCount(at(3)[0].geometry)).toBeLessThan(vertexCount(geometry) / 4);
    expect(vertexCount(at(3)[0].geometry)).toBeLessThan(vertexCount(at(7)[0].geometry));
  });

  it('simplifies every part of a multipolygon, and leaves other geometries alone', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [geometry.coordinates, [createWobblyRing(40, 50, 1, 3_000)]] };
    const out = simplifyArea(multi, detailTolerance(3));
    expect(out.type).toBe('MultiPolygon');
    expect(vertexCount(out)).toBeLessThan(vertexCount(multi) / 4);
    const point = { type: 'Point' as const, coordinates: [1, 2] };
    expect(simplifyArea(point, 1)).toBe(point);
  });
});
