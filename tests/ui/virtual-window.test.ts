import { describe, expect, it } from 'vitest';
import { RowHeights, gapsAround, rowsToRender } from '../../src/ui/virtual-window.ts';

describe('RowHeights', () => {
  it('uses the estimate until rows are measured, then the measured rows and their mean for the rest', () => {
    const h = new RowHeights(10, 40);
    expect(h.offset(10)).toBe(400);
    expect(h.set(0, 20)).toBe(true);
    expect(h.set(0, 20)).toBe(false);
    expect(h.offset(1)).toBe(20);
    expect(h.offset(10)).toBe(200); // every row at the mean, 20
    h.set(1, 60);
    expect(h.offset(2)).toBe(80);
    expect(h.offset(10)).toBe(80 + 8 * 40);
  });

  it('knows which rows were measured, so a list measures a row once until it is resized', () => {
    const h = new RowHeights(3, 40);
    expect([0, 1, 2].map((i) => h.isMeasured(i))).toEqual([false, false, false]);
    h.set(1, 52);
    expect([0, 1, 2].map((i) => h.isMeasured(i))).toEqual([false, true, false]);
  });

  it('finds the row at a y offset (clamped)', () => {
    const h = new RowHeights(5, 10);
    expect([-5, 0, 9.9, 10, 45, 999].map((y) => h.indexAt(y))).toEqual([0, 0, 0, 1, 4, 4]);
  });
});

describe('rowsToRender', () => {
  it('renders a short list whole, wherever it is scrolled', () => {
    expect(rowsToRender(new RowHeights(24, 50), 0, 0, [], { renderAll: 60 })).toHaveLength(24);
  });

  it('renders a long list’s rows in view with overscan, plus the pinned rows, ascending', () => {
    const h = new RowHeights(2000, 50);
    const rows = rowsToRender(h, 1000, 1400, [1500, 3], { overscan: 100, renderAll: 60 });
    expect(rows[0]).toBe(3);
    expect(rows.slice(1, -1)).toEqual(Array.from({ length: 12 }, (_, i) => 18 + i)); // 900 … 1500 px
    expect(rows.at(-1)).toBe(1500);
  });

  it('renders only the pinned rows when the list is not on screen', () => {
    expect(rowsToRender(new RowHeights(2000, 50), 0, 0, [7], { renderAll: 60 })).toEqual([7]);
  });
});

describe('gapsAround', () => {
  it('returns the height of the unrendered rows before each rendered one and after the last', () => {
    const h = new RowHeights(100, 10);
    expect(gapsAround(h, [3, 4, 50])).toEqual({ before: [30, 0, 450], after: 490 });
    expect(gapsAround(h, [])).toEqual({ before: [], after: 1000 });
  });
});
