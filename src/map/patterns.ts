import type { PatternName } from '../theme/symbols.ts';

export type { PatternName };

export const PATTERN_SIZE = 16;
/** Transparent gutter between tiles, so texture filtering never blends one tile into the next. */
const GUTTER = 4;
const STRIDE = PATTERN_SIZE + GUTTER;

/** Returns the atlas mapping for deck.gl's FillStyleExtension (each pattern a mask tile). */
export function patternMapping(): Record<PatternName, { x: number; y: number; width: number; height: number; mask: boolean }> {
  const tile = (i: number, inset = 0) => ({ x: i * STRIDE + inset, y: inset, width: PATTERN_SIZE - 2 * inset, height: PATTERN_SIZE - 2 * inset, mask: true });
  return { hatch: tile(0), 'cross-hatch': tile(1), dots: tile(2), solid: tile(3, 4) };
}

/** Returns a canvas holding the pattern tiles side by side (white on transparent). */
export function drawPatternAtlas(doc: Document = document): HTMLCanvasElement {
  const s = PATTERN_SIZE;
  const canvas = doc.createElement('canvas');
  canvas.width = STRIDE * 4;
  canvas.height = s;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for pattern atlas');
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.lineWidth = 3;
  const diagonal = (ox: number, flip: boolean) => {
    ctx.save();
    ctx.beginPath();
    ctx.rect(ox, 0, s, s);
    ctx.clip();
    for (let k = -1; k <= 1; k++) {
      ctx.beginPath();
      if (flip) {
        ctx.moveTo(ox + k * s, 0);
        ctx.lineTo(ox + (k + 1) * s, s);
      } else {
        ctx.moveTo(ox + k * s, s);
        ctx.lineTo(ox + (k + 1) * s, 0);
      }
      ctx.stroke();
    }
    ctx.restore();
  };
  diagonal(0, false);
  diagonal(STRIDE, false);
  diagonal(STRIDE, true);
  ctx.beginPath();
  ctx.arc(2 * STRIDE + s / 2, s / 2, s / 5, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(3 * STRIDE, 0, s, s);
  return canvas;
}
