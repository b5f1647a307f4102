import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, MIN_SIDE, PRESETS, SCALES, sizeProblem } from '../../src/export/presets.ts';

describe('export presets', () => {
  it('offers the five publication sizes and scales 1×, 2×, 3×', () => {
    expect(PRESETS.map((p) => `${p.width}x${p.height}`)).toEqual(['1920x1080', '1200x675', '1080x1080', '1080x1350', '1080x1920']);
    expect(SCALES).toEqual([1, 2, 3]);
  });

  it('accepts every preset at every scale', () => {
    for (const p of PRESETS) for (const scale of SCALES) expect(sizeProblem({ width: p.width, height: p.height, scale })).toBeNull();
  });

  it('rejects a scale other than 1, 2 or 3', () => {
    expect(sizeProblem({ width: 1200, height: 675, scale: 4 })).toMatch(/scale must be 1, 2, 3/);
  });

  it('rejects sides that are too small, fractional, or too large once scaled', () => {
    expect(sizeProblem({ width: MIN_SIDE - 1, height: 800, scale: 1 })).toMatch(/at least 320×320/);
    expect(sizeProblem({ width: 800.5, height: 800, scale: 1 })).toMatch(/whole pixels/);
    expect(sizeProblem({ width: 3000, height: 1000, scale: 3 })).toMatch(/9000×3000 px; each side must be at most 8192/);
    expect(sizeProblem({ width: MAX_PIXELS, height: 400, scale: 1 })).toBeNull();
  });
});
