import { describe, expect, it } from 'vitest';
import { edgePoints, FRAME_EDGES, setFrameCovers, showFrameEdges } from '../../src/map/frame-edges.ts';

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

describe('setFrameCovers', () => {
  /** A stand-in map (100 × 60 px, a lon/lat equal to its px) that keeps the edge marks it is given. */
  function stubMap() {
    let marks: [number, number][] = [];
    const map = {
      getSource: (id: string) => (id === FRAME_EDGES ? { setData: (d: { features: { geometry: { coordinates: [number, number] } }[] }) => (marks = d.features.map((f) => f.geometry.coordinates)) } : undefined),
      getContainer: () => ({ clientWidth: 100, clientHeight: 60 }),
      unproject: ([x, y]: [number, number]) => ({ toArray: () => [x, y] }),
    };
    return { map: map as never, marks: () => marks };
  }

  it("rings each cover with marks too (a name across a cover's edge would show cut), and only the frame without covers", () => {
    const { map, marks } = stubMap();
    showFrameEdges(map);
    const frameOnly = marks().length;
    const legend = [4, 30, 44, 56] as const;
    setFrameCovers(map, [legend]);
    const added = marks().slice(frameOnly);
    expect(added.length).toBeGreaterThan(0);
    // every added mark on the legend's outline, its corners among them
    for (const [x, y] of added) expect(x === 4 || x === 44 || y === 30 || y === 56).toBe(true);
    for (const corner of [[4, 30], [44, 56]]) expect(added).toContainEqual(corner);
    setFrameCovers(map, []);
    expect(marks().length).toBe(frameOnly);
  });
});
