import { contours } from 'd3-contour';
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

  it('straightens what the land mask traces (d3-contour on a grid of cells) without making shores cross: a one-cell channel, a pier, a lake one cell from the shore', () => {
    const nx = 60;
    const ny = 40;
    const cells: number[] = [];
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        // land below a 1:4 shore
        let land = y > 8 + x / 4 ? 1 : 0;
        if (x === 30 && y > 10 && y < 30) land = 0; // a channel one cell wide
        if (x >= 44 && x <= 50 && y >= 22 && y <= 26) land = 0; // a lake, one cell of land from the shore
        if (x === 20 && y > 2 && y <= 14) land = 1; // a pier one cell wide
        if ((x + y) % 7 === 0 && y > 30 && x < 25) land = 1 - land; // cell noise
        cells.push(land);
      }
    const [traced] = contours().size([nx, ny]).thresholds([0.5])(cells);
    const out = straightenShore(traced.coordinates);
    expect(out.map((p) => p.length)).toEqual(traced.coordinates.map((p) => p.length));
    // no edge of any ring crosses another
    const edges = out.flatMap((poly) => poly.flatMap((ring) => ring.slice(1).map((b, k) => [ring[k], b])));
    const side = (p: number[], q: number[], r: number[]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
    let crossings = 0;
    for (let i = 0; i < edges.length; i++)
      for (let j = i + 1; j < edges.length; j++) {
        const [a, b] = edges[i];
        const [c, d] = edges[j];
        if (side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0) crossings++;
      }
    expect(crossings).toBe(0);
    // the pier (a cell wide, ten long) is still there, and far fewer points draw the shore
    expect(Math.min(...out[0][0].filter(([x]) => Math.abs(x - 20.5) < 1).map(([, y]) => y))).toBeLessThan(5);
    expect(out.flat(2).length).toBeLessThan(traced.coordinates.flat(2).length / 3);
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
