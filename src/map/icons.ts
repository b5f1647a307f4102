import type { IconName } from '../theme/symbols.ts';

export type { IconName };

export const ICON_SIZE = 64;
const NAMES: IconName[] = ['circle', 'diamond', 'square', 'star'];

/** Returns deck.gl IconLayer mapping for the atlas (masks, tinted by getColor). */
export function iconMapping(): Record<IconName, { x: number; y: number; width: number; height: number; mask: boolean }> {
  return Object.fromEntries(NAMES.map((n, i) => [n, { x: i * ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: true }])) as never;
}

/** Returns a canvas with the symbol shapes in white with a dark rim, side by side. */
export function drawIconAtlas(doc: Document = document): HTMLCanvasElement {
  const s = ICON_SIZE;
  const canvas = doc.createElement('canvas');
  canvas.width = s * NAMES.length;
  canvas.height = s;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for icon atlas');
  ctx.fillStyle = '#fff';
  NAMES.forEach((name, i) => {
    const cx = i * s + s / 2;
    const cy = s / 2;
    const r = s * 0.42;
    ctx.beginPath();
    if (name === 'circle') ctx.arc(cx, cy, r * 0.85, 0, Math.PI * 2);
    if (name === 'square') ctx.rect(cx - r * 0.75, cy - r * 0.75, r * 1.5, r * 1.5);
    if (name === 'diamond') {
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r, cy);
      ctx.lineTo(cx, cy + r);
      ctx.lineTo(cx - r, cy);
    }
    if (name === 'star') {
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const rr = k % 2 ? r * 0.45 : r;
        ctx.lineTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
      }
    }
    ctx.closePath();
    ctx.fill();
  });
  return canvas;
}
