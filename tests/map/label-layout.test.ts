import { describe, expect, it } from 'vitest';
import { boxesIntersect, layoutLabels, type LabelRequest } from '../../src/map/label-layout.ts';

const req = (id: string, at: [number, number], extra: Partial<LabelRequest> = {}): LabelRequest => ({ id, at, w: 80, h: 14, sides: ['above', 'below', 'right', 'left'], gap: 10, ...extra });

describe('layoutLabels', () => {
  it('places labels in priority order on the first side that is free, and none overlap', () => {
    // b's label fits above it (below a's); c's collides with a's above and fits below
    const out = layoutLabels([req('a', [0, 0]), req('b', [0, 20]), req('c', [10, 5])]);
    expect(out.map((p) => [p.id, p.side])).toEqual([
      ['a', 'above'],
      ['b', 'above'],
      ['c', 'below'],
    ]);
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(boxesIntersect(out[i].box, out[j].box)).toBe(false);
  });

  it('leaves out a label that fits nowhere, unless forced, which moves further out', () => {
    const crowd = [req('a', [0, 0], { sides: ['center'] }), req('b', [0, 0], { sides: ['center'] })];
    expect(layoutLabels(crowd).map((p) => p.id)).toEqual(['a']);
    const forced = layoutLabels([req('a', [0, 0], { sides: ['center'], forced: true }), req('b', [0, 0], { sides: ['center', 'above'], forced: true })]);
    expect(forced.map((p) => p.id)).toEqual(['a', 'b']);
    expect(boxesIntersect(forced[0].box, forced[1].box)).toBe(false);
  });

  it('keeps clear of obstacles (marks) and inside the bounds', () => {
    const mark: [number, number, number, number] = [-50, -40, 50, -5];
    expect(layoutLabels([req('a', [0, 0])], [mark])[0].side).toBe('below');
    expect(layoutLabels([req('a', [0, 0])], [], [-200, -200, 200, 20])[0].side).toBe('above');
    expect(layoutLabels([req('a', [0, 0])], [], [-200, -5, 200, 200])[0].side).toBe('below');
  });

  it('slides a forced label above a mark near the frame’s side inside the frame, still over its mark, rather than beside a neighbour', () => {
    // a mark 20 px from the right edge, a neighbour's mark to its left: beside it, the label would sit on the neighbour
    const bounds: [number, number, number, number] = [-300, -100, 20, 100];
    const neighbour: [number, number, number, number] = [-70, -8, -50, 8];
    const [placed] = layoutLabels([req('a', [0, 0], { sides: ['right', 'left', 'above', 'below'], forced: true })], [neighbour], bounds);
    expect(placed.side).toBe('above');
    // a few px inside the edge: the drawn text's box can be a pixel or two wider than the one laid out
    expect(placed.box[2]).toBeLessThanOrEqual(16);
    expect(placed.box[2]).toBeGreaterThanOrEqual(15);
    expect(placed.box[0]).toBeLessThan(0);
    expect(placed.box[2]).toBeGreaterThan(0);
    // a label that is not forced is not slid: it is left out, as before
    expect(layoutLabels([req('a', [0, 0], { sides: ['right', 'left', 'above', 'below'] })], [neighbour], bounds)).toEqual([]);
  });

  it('tries further anchors (an area outline) only after its own sides fail, and says which it took', () => {
    const blocker = req('x', [0, 0], { sides: ['center'], w: 200, h: 60 });
    const area = req('area', [0, 0], { sides: ['center', 'above', 'below'], gap: 4, more: [{ at: [150, 0], now: [150, 0], sides: ['right'] }] });
    const [, placed] = layoutLabels([blocker, area]);
    expect(placed.anchor).toBe(0);
    expect(placed.side).toBe('right');
    // the offset is from that anchor: its box starts `gap` px right of it
    expect(placed.box[0]).toBeCloseTo(154, 6);
    expect(placed.dx).toBeCloseTo(4 + 40, 6);
    const free = layoutLabels([area]);
    expect(free[0].anchor).toBe(-1);
    expect(free[0].side).toBe('center');
  });
});
