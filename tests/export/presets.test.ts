import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, MAX_VIDEO_SIDE, MIN_SIDE, PRESETS, SCALES, sizeProblem, videoSizeProblem } from '../../src/export/presets.ts';

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

  it('takes video frames with even sides from MIN_SIDE to MAX_VIDEO_SIDE px', () => {
    expect(videoSizeProblem({ width: 1080, height: 1920 })).toBeNull();
    expect(videoSizeProblem({ width: MAX_VIDEO_SIDE, height: MIN_SIDE })).toBeNull();
    expect(videoSizeProblem({ width: 1081, height: 1920 })).toBe('sides must be even numbers for video encoding (got 1081x1920)');
    expect(videoSizeProblem({ width: MAX_VIDEO_SIDE + 2, height: 1080 })).toBe('sides must be from 320 to 3840 px (got 3842x1080)');
    expect(videoSizeProblem({ width: MIN_SIDE - 2, height: 1080 })).toMatch(/^sides must be from 320/);
  });
});
