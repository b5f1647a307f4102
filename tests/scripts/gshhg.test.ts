import { describe, expect, it } from 'vitest';
import { chaikin, straightenShore } from '../../scripts/data/gshhg.ts';

describe('chaikin', () => {
  it('cuts each corner of a closed ring, keeping the middle half of each edge, and keeps the ring closed', () => {
    const square = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const once = chaikin(square, 1);
    expect(once).toEqual([[1, 0], [3, 0], [4, 1], [4, 3], [3, 4], [1, 4], [0, 3], [0, 1], [1, 0]]);
    const twice = chaikin(square, 2);
    expect(twice).toHaveLength(4 * 4 + 1);
    expect(twice.at(-1)).toEqual(twice[0]);
  });

  it('turns a shore traced along grid cells (stairs) into a line close to the slope it follows, keeping a real headland', () => {
    // a shore rising one cell every four (a 1:4 slope), closed back along the axes, with a headland
    // three cells out at x = 20
    const ring: number[][] = [[0, 0]];
    for (let i = 0; i < 10; i++) ring.push([4 * i + 4, i], [4 * i + 4, i + 1]);
    ring.push([0, 10], [0, 0]);
    const headland = ring.flatMap((p) => (p[0] === 20 && p[1] === 5 ? [[20, 5], [21, 8], [22, 5]] : [p]));
    /** Returns how far the shore's points between x = 5 and 17 stand, at most, from the straight line fitted through them (cells). */
    const off = (r: number[][]) => {
      const p = r.filter(([x, y]) => x > 5 && x < 17 && y > 0.5 && y < 9.5);
      const mx = p.reduce((a, [x]) => a + x, 0) / p.length;
      const my = p.reduce((a, [, y]) => a + y, 0) / p.length;
      const k = p.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / p.reduce((a, [x]) => a + (x - mx) ** 2, 0);
      return Math.max(...p.map(([x, y]) => Math.abs(y - my - k * (x - mx)) / Math.hypot(1, k)));
    };
    // the stairs' corners stand about half a cell off the line
    expect(off(ring)).toBeGreaterThan(0.4);
    const [[smooth]] = straightenShore([[headland]]);
    expect(off(smooth)).toBeLessThan(0.1);
    expect(smooth.at(-1)).toEqual(smooth[0]);
    // a corner between two long edges (where the shore meets the box) is cut by a cell at most
    for (const corner of [[0, 10], [0, 0]]) expect(Math.min(...smooth.map(([x, y]) => Math.hypot(x - corner[0], y - corner[1]))), `${corner}`).toBeLessThan(1.1);
    // the headland, three cells out, is still there
    expect(Math.max(...smooth.filter(([x]) => Math.abs(x - 21) < 2).map(([, y]) => y))).toBeGreaterThan(6.5);
  });

  it('keeps a ring too short to cut', () => {
    const line = [
      [0, 0],
      [1, 0],
      [0, 0],
    ];
    expect(chaikin(line, 2)).toBe(line);
  });
});
