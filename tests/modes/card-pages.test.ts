import { describe, expect, it } from 'vitest';
import { pageAt, pageStarts, type TextBlock } from '../../src/modes/card-pages.ts';

const block = (top: number, height: number, line = 20): TextBlock => ({ top, height, line });

describe('pageStarts', () => {
  it('is one page when the text fits', () => {
    expect(pageStarts([block(0, 100), block(110, 80)], 200)).toEqual([0]);
    expect(pageStarts([], 200)).toEqual([0]);
  });

  it('breaks before the first block that does not fit, so no block is cut', () => {
    expect(pageStarts([block(0, 120), block(130, 100), block(240, 60)], 200)).toEqual([0, 130]);
    expect(pageStarts([block(0, 190), block(200, 190), block(400, 190)], 200)).toEqual([0, 200, 400]);
  });

  it('breaks a block taller than a page between its lines', () => {
    // 500 px of 24 px lines on 200 px pages: 8 lines (192 px) a page
    expect(pageStarts([block(0, 500, 24)], 200)).toEqual([0, 192, 384]);
    // after a first block, the tall one starts its own page
    expect(pageStarts([block(0, 50), block(60, 300, 20)], 200)).toEqual([0, 60, 260]);
  });

  it('shows every part of the text on some page, each page no taller than the page', () => {
    const blocks = [block(0, 90), block(100, 260, 26), block(370, 40), block(420, 150), block(580, 30)];
    const page = 180;
    const starts = pageStarts(blocks, page);
    const total = 610;
    const ends = [...starts.slice(1), total];
    for (let k = 0; k < starts.length; k++) {
      expect(ends[k] - starts[k]).toBeLessThanOrEqual(page);
      expect(ends[k]).toBeGreaterThan(starts[k]);
    }
    expect(starts[0]).toBe(0);
  });

  it('gives one page for a page of no height (not yet laid out)', () => {
    expect(pageStarts([block(0, 500)], 0)).toEqual([0]);
  });
});

describe('pageAt', () => {
  it('gives each page an equal share of the dwell, in order', () => {
    expect(pageAt(0, 3)).toBe(0);
    expect(pageAt(0.33, 3)).toBe(0);
    expect(pageAt(0.34, 3)).toBe(1);
    expect(pageAt(0.67, 3)).toBe(2);
    expect(pageAt(1, 3)).toBe(2);
    expect(pageAt(0.9, 1)).toBe(0);
    for (let p = 0; p < 1; p += 0.01) expect(pageAt(p + 0.01, 4)).toBeGreaterThanOrEqual(pageAt(p, 4));
  });
});
