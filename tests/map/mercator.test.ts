import { MercatorCoordinate } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { latOf, lonOf, MAX_LAT, mercatorX, mercatorY } from '../../src/map/mercator.ts';

describe('Web Mercator in world units', () => {
  const places: [number, number][] = [
    [29.0158, 41.0445],
    [33.47, 68.1517],
    [128.445, 51.17],
    [-179.9, -60],
    [0, 0],
    [179.9, 84.9],
  ];
  it("matches maplibre's MercatorCoordinate", () => {
    for (const [lon, lat] of places) {
      const m = MercatorCoordinate.fromLngLat([lon, lat]);
      expect(mercatorX(lon)).toBeCloseTo(m.x, 12);
      expect(mercatorY(lat)).toBeCloseTo(m.y, 12);
    }
  });
  it('holds a latitude beyond the limit at the limit, as maplibre draws it', () => {
    expect(mercatorY(89)).toBeCloseTo(mercatorY(MAX_LAT), 12);
    expect(mercatorY(-89)).toBeCloseTo(mercatorY(-MAX_LAT), 12);
    expect(mercatorY(MAX_LAT)).toBeCloseTo(0, 6);
    expect(mercatorY(-MAX_LAT)).toBeCloseTo(1, 6);
  });
  it('goes back from world units to degrees', () => {
    for (const [lon, lat] of places) {
      expect(lonOf(mercatorX(lon))).toBeCloseTo(lon, 9);
      expect(latOf(mercatorY(lat))).toBeCloseTo(lat, 9);
    }
  });
});
