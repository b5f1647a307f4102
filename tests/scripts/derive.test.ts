// The data build's derived shapes: the border test that borderStrip runs on every vertex gives the
// answer a search of the neighbour's whole outline gives, and a strip lies along the shared border.
import { area } from '@turf/area';
import { multiLineString, point, polygon } from '@turf/helpers';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { borderStrip, withinKmOf } from '../../scripts/data/derive.ts';
import { seededRandom } from '../../scripts/lib/synthetic-story.ts';

/** Returns a closed square ring [w, s] to [e, n] with `n` vertices a side (outlines have many). */
function squareRing(w: number, s: number, e: number, n: number, perSide = 40): Position[] {
  const side = (a: Position, b: Position) => Array.from({ length: perSide }, (_, i) => [a[0] + ((b[0] - a[0]) * i) / perSide, a[1] + ((b[1] - a[1]) * i) / perSide]);
  const ring = [...side([w, s], [e, s]), ...side([e, s], [e, n]), ...side([e, n], [w, n]), ...side([w, n], [w, s])];
  return [...ring, ring[0]];
}

describe('withinKmOf', () => {
  it('answers as a search of the whole line does, near and far from it', () => {
    const rand = seededRandom(5);
    // a long wandering line (a country's outline) and a box (a region) over part of it
    const line = Array.from({ length: 4000 }, (_, i) => [20 + i * 0.005, 50 + Math.sin(i / 30) * 0.3 + (rand() - 0.5) * 0.02]);
    const lines = multiLineString([line, [[10, 40], [10.1, 40.1]]]);
    const box: [number, number, number, number] = [25, 49.5, 28, 50.5];
    const near = withinKmOf(lines, box, 4);
    let inside = 0;
    for (let i = 0; i < 400; i++) {
      const p = [box[0] + rand() * (box[2] - box[0]), 49.6 + rand() * 0.8];
      const whole = (nearestPointOnLine(lines, point(p), { units: 'kilometers' }).properties.dist ?? Infinity) <= 4;
      expect(near(p)).toBe(whole);
      if (whole) inside++;
    }
    expect(inside).toBeGreaterThan(10);
  });
});

describe('borderStrip', () => {
  it('is the part of the region within the depth of the border it shares with the neighbour', () => {
    const region = polygon([squareRing(0, 0, 1, 1)]);
    const neighbour = polygon([squareRing(1, -2, 5, 3)]);
    const strip = borderStrip(region, neighbour, { depthKm: 10 });
    const xy = (strip.geometry.type === 'Polygon' ? strip.geometry.coordinates : strip.geometry.coordinates.flat()).flat();
    const [w, e] = [Math.min(...xy.map((c) => c[0])), Math.max(...xy.map((c) => c[0]))];
    const [s, n] = [Math.min(...xy.map((c) => c[1])), Math.max(...xy.map((c) => c[1]))];
    expect(e).toBeCloseTo(1, 3);
    expect(w).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(0.01);
    expect(n).toBeGreaterThan(0.99);
    // about 10 km by 111 km
    expect(area(strip) / 1e6).toBeGreaterThan(900);
    expect(area(strip) / 1e6).toBeLessThan(1300);
  });

  it('refuses a region that shares no border with the neighbour', () => {
    expect(() => borderStrip(polygon([squareRing(0, 0, 1, 1)]), polygon([squareRing(3, 0, 4, 1)]), { depthKm: 10 })).toThrow('no shared border');
  });
});
