import { describe, expect, it } from 'vitest';
import type { PreparedPlace } from '../../src/data/prepare.ts';
import { outlinePoints, outward, wrapWords } from '../../src/map/label-plan.ts';

/** Returns an area place with this outer ring (all outlinePoints reads). */
function createArea(ring: [number, number][]): PreparedPlace {
  return { feature: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} } } as unknown as PreparedPlace;
}

describe('outward', () => {
  it('puts a label on the side of an outline point away from the anchor, the other axis second', () => {
    expect(outward([0, 0], [0, -50])).toEqual(['above', 'right']);
    expect(outward([0, 0], [10, 40])).toEqual(['below', 'right']);
    expect(outward([0, 0], [-60, 5])).toEqual(['left', 'below']);
  });
});

describe('outlinePoints', () => {
  it('spreads at most 12 points along the ring, nearest the anchor first', () => {
    const ring: [number, number][] = [];
    for (let i = 0; i <= 100; i++) ring.push([i, 0]);
    for (let i = 100; i >= 0; i--) ring.push([i, 10]);
    const px = (ll: [number, number]): [number, number] => [ll[0] * 10, ll[1] * 10];
    const pts = outlinePoints(createArea(ring), [0, 0], px);
    expect(pts.length).toBe(12);
    const d = pts.map((p) => Math.hypot(p.at[0], p.at[1]));
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    for (const p of pts) expect(p.at).toEqual(px(p.lonLat));
  });

  it('gives nothing for a point', () => {
    const point = { feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} } } as unknown as PreparedPlace;
    expect(outlinePoints(point, [0, 0], (ll) => ll)).toEqual([]);
  });
});

describe('wrapWords', () => {
  it('breaks at spaces into lines of at most the given length', () => {
    expect(wrapWords('Russian troops near Sumy (Ukrainian estimate)', 26)).toBe('Russian troops near Sumy\n(Ukrainian estimate)');
  });
});
