import { describe, expect, it } from 'vitest';
import { edgePoints } from '../../src/map/frame-edges.ts';

describe('edgePoints', () => {
  it('rings the frame with points no further apart than the step, each corner once', () => {
    const pts = edgePoints(100, 30, 8);
    const key = (p: [number, number]) => p.join(',');
    expect(new Set(pts.map(key)).size).toBe(pts.length);
    for (const corner of [[0, 0], [100, 0], [0, 30], [100, 30]] as [number, number][]) expect(pts.map(key)).toContain(key(corner));
    for (const p of pts) expect(p[0] === 0 || p[0] === 100 || p[1] === 0 || p[1] === 30).toBe(true);
    // along each side, neighbours are at most a step apart
    const side = (f: (p: [number, number]) => boolean, axis: 0 | 1) =>
      pts
        .filter(f)
        .map((p) => p[axis])
        .sort((a, b) => a - b);
    for (const [f, axis] of [[(p: [number, number]) => p[1] === 0, 0], [(p: [number, number]) => p[0] === 100, 1]] as const) {
      const xs = side(f, axis);
      for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeLessThanOrEqual(8);
    }
  });

});
