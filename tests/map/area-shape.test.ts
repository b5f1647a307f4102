import { describe, expect, it } from 'vitest';
import type { PreparedPlace } from '../../src/data/prepare.ts';
import { areaBox, holds, inAnyShape, polygonsOf } from '../../src/map/area-shape.ts';

const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const placeOf = (geometry: object) => ({ feature: { type: 'Feature', geometry, properties: {} } }) as unknown as PreparedPlace;

describe('holds', () => {
  it('tells a point inside an area from one outside it, in a hole of it, or in another of its polygons', () => {
    const place = placeOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 5)]] });
    expect(holds(place, [1, 1])).toBe(true);
    expect(holds(place, [5, 5])).toBe(false);
    expect(holds(place, [22, 2])).toBe(true);
    expect(holds(place, [15, 2])).toBe(false);
    expect(holds(place, [1, -1])).toBe(false);
  });

  it('reads a single polygon, and holds nothing for a point', () => {
    expect(holds(placeOf({ type: 'Polygon', coordinates: [square(0, 0, 10)] }), [9, 9])).toBe(true);
    expect(holds(placeOf({ type: 'Polygon', coordinates: [square(0, 0, 10)] }), [11, 9])).toBe(false);
    const point = placeOf({ type: 'Point', coordinates: [1, 1] });
    expect(holds(point, [1, 1])).toBe(false);
    expect(polygonsOf(point)).toEqual([]);
  });
});

describe('areaBox', () => {
  it('bounds the outer rings of every polygon', () => {
    expect(areaBox(placeOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, -3, 5)]] }))).toEqual([0, -3, 25, 10]);
  });
});

describe('inAnyShape', () => {
  it('tells a point in any of the shapes, a hole aside, from one in none', () => {
    const land = inAnyShape([
      { geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] } },
      { geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 5)], [square(40, 40, 1)]] } },
    ]);
    expect(land([1, 1])).toBe(true);
    expect(land([5, 5])).toBe(false);
    expect(land([22, 2])).toBe(true);
    expect(land([40.5, 40.5])).toBe(true);
    expect(land([15, 2])).toBe(false);
    expect(inAnyShape([])([0, 0])).toBe(false);
  });
});
