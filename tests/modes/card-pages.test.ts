import { describe, expect, it } from 'vitest';
import { lineBreaks, pageAt, pageShares, pageStarts, type LineBox, type TextBlock } from '../../src/modes/card-pages.ts';

/** A block of `height` px from `top` in lines of `line` px (text 0.8 of the line, centred), and its breaks. */
const lines = (top: number, height: number, line = 20): LineBox[] => {
  const out: LineBox[] = [];
  for (let y = top; y + line <= top + height + 0.01; y += line) out.push({ top: y + 0.1 * line, bottom: y + 0.9 * line });
  return out;
};
const block = (top: number, height: number, line = 20): TextBlock => ({ top, height, breaks: lineBreaks(lines(top, height, line)) });

/** Returns whether a line box is cut at a page's top or bottom by `starts`. */
const cuts = (starts: number[], boxes: LineBox[]) => boxes.filter((b) => starts.some((y) => b.top < y - 0.5 && b.bottom > y + 0.5));

describe('lineBreaks', () => {
  it('breaks in the middle of each gap between lines', () => {
    expect(lineBreaks([{ top: 2, bottom: 18 }, { top: 22, bottom: 38 }, { top: 42, bottom: 58 }])).toEqual([20, 40]);
  });

  it('never breaks through a line of any column, where columns’ lines do not line up', () => {
    // left column: 20 px lines from 0; right column: 35 px lines from 10 (a bigger type, a quote)
    const left = lines(0, 200, 20);
    const right = lines(10, 175, 35);
    const breaks = lineBreaks([...right, ...left]);
    expect(breaks.length).toBeGreaterThan(0);
    expect(cuts(breaks, [...left, ...right])).toEqual([]);
  });

  it('keeps a heading with the line after it', () => {
    const heading = { top: 2, bottom: 18, keepWithNext: true };
    expect(lineBreaks([heading, { top: 22, bottom: 38 }, { top: 42, bottom: 58 }])).toEqual([40]);
    // a heading of two lines keeps both with the first line after it
    expect(lineBreaks([heading, { ...heading, top: 22, bottom: 38 }, { top: 42, bottom: 58 }, { top: 62, bottom: 78 }])).toEqual([60]);
  });

  it('breaks between two lines whose boxes touch or overlap by a rounding (a line height near the font’s own)', () => {
    expect(lineBreaks([{ top: 0, bottom: 32.6 }, { top: 32.5, bottom: 65.1 }])).toEqual([32.55]);
    // but not across a line that runs well into the next
    expect(lineBreaks([{ top: 0, bottom: 40 }, { top: 37, bottom: 70 }])).toEqual([]);
  });

  it('gives no break inside a single line', () => {
    expect(lineBreaks([{ top: 0, bottom: 30 }])).toEqual([]);
    expect(lineBreaks([])).toEqual([]);
  });
});

describe('pageStarts', () => {
  it('is one page when the text fits', () => {
    expect(pageStarts([block(0, 100), block(110, 80)], 200)).toEqual([0]);
    expect(pageStarts([], 200)).toEqual([0]);
  });

  it('breaks before the first block that does not fit, so no block that fits on a page is cut', () => {
    expect(pageStarts([block(0, 120), block(130, 100), block(240, 60)], 200)).toEqual([0, 130]);
    expect(pageStarts([block(0, 190), block(200, 190), block(400, 190)], 200)).toEqual([0, 200, 400]);
  });

  it('breaks a block taller than a page between its lines', () => {
    // 500 px of 24 px lines on 200 px pages: 8 lines a page, breaking in the gaps (at 192 and 384)
    expect(pageStarts([block(0, 504, 24)], 200)).toEqual([0, 192, 384]);
    // a tall block goes on from where the page is: its first lines fill the rest of the first page
    expect(pageStarts([block(0, 50), block(60, 300, 20)], 200)).toEqual([0, 200]);
  });

  it('never cuts a line of a dispute’s columns whose lines do not line up', () => {
    const left = lines(100, 400, 20);
    const right = lines(112, 385, 35);
    const dispute: TextBlock = { top: 100, height: 400, breaks: lineBreaks([...left, ...right]) };
    const starts = pageStarts([block(0, 90), dispute, block(510, 40)], 174);
    expect(starts.length).toBeGreaterThan(2);
    const ends = [...starts.slice(1), 550];
    for (let k = 0; k < starts.length; k++) expect(ends[k] - starts[k]).toBeLessThanOrEqual(174.5);
    expect(cuts(starts, [...left, ...right])).toEqual([]);
  });

  it('cuts at the page’s height only where one line is taller than a page', () => {
    expect(pageStarts([{ top: 0, height: 500, breaks: [] }], 200)).toEqual([0, 200, 400]);
  });

  it('shows every part of the text on some page, each page no taller than the page', () => {
    const blocks = [block(0, 90), block(100, 260, 26), block(370, 40), block(420, 150), block(580, 30)];
    const page = 180;
    const starts = pageStarts(blocks, page);
    const total = 610;
    const ends = [...starts.slice(1), total];
    for (let k = 0; k < starts.length; k++) {
      expect(ends[k] - starts[k]).toBeLessThanOrEqual(page + 0.5);
      expect(ends[k]).toBeGreaterThan(starts[k]);
    }
    expect(starts[0]).toBe(0);
  });

  it('gives one page for a page of no height (not yet laid out)', () => {
    expect(pageStarts([block(0, 500)], 0)).toEqual([0]);
    expect(pageStarts([{ top: 0, height: 500, breaks: [] }], 0.001)).toEqual([0]);
  });
});

describe('pageShares and pageAt', () => {
  it('holds a page by how much text it has, a short last page at least half an equal share', () => {
    const shares = pageShares([0, 200, 400], 440);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(shares[0]).toBeCloseTo(shares[1], 9);
    expect(shares[2]).toBeLessThan(shares[0]);
    expect(shares[2]).toBeGreaterThanOrEqual(0.5 / 3);
    // pages of 200, 1 and 201 px: half shared equally (1/6 each), half by height
    const uneven = pageShares([0, 200, 201], 402);
    expect(uneven[0]).toBeCloseTo(1 / 6 + 0.5 * (200 / 402), 9);
    expect(uneven[1]).toBeCloseTo(1 / 6 + 0.5 * (1 / 402), 9);
    expect(uneven[2]).toBeCloseTo(1 / 6 + 0.5 * (201 / 402), 9);
    expect(pageShares([0], 300)).toEqual([1]);
  });

  it('shows the pages in order, each for its share of the dwell', () => {
    const equal = [1 / 3, 1 / 3, 1 / 3];
    expect(pageAt(0, equal)).toBe(0);
    expect(pageAt(0.33, equal)).toBe(0);
    expect(pageAt(0.34, equal)).toBe(1);
    expect(pageAt(0.67, equal)).toBe(2);
    expect(pageAt(1, equal)).toBe(2);
    expect(pageAt(0.9, [1])).toBe(0);
    expect(pageAt(0.5, [0.6, 0.2, 0.2])).toBe(0);
    expect(pageAt(0.7, [0.6, 0.2, 0.2])).toBe(1);
    const shares = pageShares([0, 180, 360, 400], 420);
    for (let p = 0; p < 1; p += 0.01) expect(pageAt(p + 0.01, shares)).toBeGreaterThanOrEqual(pageAt(p, shares));
  });
});
