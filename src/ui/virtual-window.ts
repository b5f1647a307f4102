/** Lists this long or shorter are rendered whole: windowing only pays off (and only changes anything) beyond. */
export const RENDER_ALL_UP_TO = 60;

/**
 * Row heights of a long list, in px: measured where a row has been rendered, else the mean of those
 * measured (or a first estimate). Offsets are prefix sums, recomputed once after any change.
 */
export class RowHeights {
  private readonly measured: Float64Array;
  private readonly hasHeight: Uint8Array;
  private sum = 0;
  private count = 0;
  private offsets: Float64Array | null = null;

  constructor(
    readonly n: number,
    private readonly estimate: number,
  ) {
    this.measured = new Float64Array(n);
    this.hasHeight = new Uint8Array(n);
  }

  /** Returns the height of row `i`: measured, or the mean of the measured rows. */
  height(i: number): number {
    return this.hasHeight[i] ? this.measured[i] : this.count ? this.sum / this.count : this.estimate;
  }

  /** Returns whether row `i` has been measured. */
  isMeasured(i: number): boolean {
    return this.hasHeight[i] === 1;
  }

  /** Records row `i`'s measured height; returns whether it changed what the list lays out. */
  set(i: number, h: number): boolean {
    if (this.hasHeight[i] && Math.abs(this.measured[i] - h) < 0.5) return false;
    if (this.hasHeight[i]) this.sum -= this.measured[i];
    else this.count++;
    this.hasHeight[i] = 1;
    this.measured[i] = h;
    this.sum += h;
    this.offsets = null;
    return true;
  }

  /** Returns the top of row `i` (0 ≤ i ≤ n) from the list's top, px. */
  offset(i: number): number {
    if (!this.offsets) {
      const o = new Float64Array(this.n + 1);
      for (let k = 0; k < this.n; k++) o[k + 1] = o[k] + this.height(k);
      this.offsets = o;
    }
    return this.offsets[Math.max(0, Math.min(this.n, i))];
  }

  /** Returns the index of the row at `y` px from the list's top (clamped to the rows). */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offset(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }
}

/**
 * Returns the rows to render, ascending: every row when there are at most `renderAll`, else the rows
 * overlapping [top − overscan, bottom + overscan) (px from the list's top) plus the `pinned` ones (the
 * current item, the focused one), which stay rendered wherever the list is scrolled.
 */
export function rowsToRender(heights: RowHeights, top: number, bottom: number, pinned: readonly number[], { overscan = 200, renderAll = RENDER_ALL_UP_TO } = {}): number[] {
  const n = heights.n;
  if (n <= renderAll) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  if (bottom > top) {
    const first = heights.indexAt(Math.max(0, top - overscan));
    for (let i = first; i < n && heights.offset(i) < bottom + overscan; i++) out.add(i);
  }
  for (const p of pinned) if (p >= 0 && p < n) out.add(p);
  return [...out].sort((a, b) => a - b);
}

/** Returns, for rendered rows `rows` (ascending), the px of unrendered rows before each and after the last. */
export function gapsAround(heights: RowHeights, rows: readonly number[]): { before: number[]; after: number } {
  let prevEnd = 0;
  const before = rows.map((i) => {
    const gap = heights.offset(i) - heights.offset(prevEnd);
    prevEnd = i + 1;
    return gap;
  });
  return { before, after: heights.offset(heights.n) - heights.offset(prevEnd) };
}
