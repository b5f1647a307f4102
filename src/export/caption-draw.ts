import type { Theme } from '../data/schema.ts';
import { drawSymbol } from '../theme/symbols.ts';
import type { CaptionLayout, Font, Ink, Measure } from './caption-layout.ts';

/** The caption's colours: dark text on a near-white panel. */
export interface Palette {
  panel: string;
  rule: string;
  text: string;
  muted: string;
  accent: string;
}

/** Returns the caption palette from the theme's colours. */
export function captionPalette(theme: Theme): Palette {
  const c = theme.colors;
  return { panel: c.panel, rule: c.regionBorder, text: c.text, muted: c.muted, accent: c.accent };
}

/** Returns the WCAG 2 contrast ratio (1–21) of two "#rrggbb" colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    const [r, g, bl] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Returns the CSS font shorthand for a caption font in the given family. */
export function cssFont(f: Font, family: string): string {
  return `${f.weight} ${f.size}px "${family}", sans-serif`;
}

/** Returns a text measurer backed by a 2D canvas (widths in CSS px), cached per text and font. */
export function canvasMeasure(family: string): Measure {
  const g = document.createElement('canvas').getContext('2d');
  if (!g) throw new Error('2D canvas unavailable for measuring caption text');
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font.weight}/${font.size}/${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      g.font = cssFont(font, family);
      w = g.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

/** Draws a laid-out caption into a 2D context whose units are the layout's CSS px (scale the context first for 2×, 3×). */
export function drawCaption(g: CanvasRenderingContext2D, layout: CaptionLayout, palette: Palette, family: string): void {
  const inks: Record<Ink, string> = { text: palette.text, muted: palette.muted, accent: palette.accent };
  g.save();
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      g.fillStyle = op.fill === 'panel' ? palette.panel : op.fill === 'accent' ? palette.accent : palette.rule;
      g.fillRect(op.x, op.y, op.w, op.h);
    } else if (op.kind === 'swatch') drawSymbol(g, op.symbol, op.x, op.y, op.size, op.color);
    else {
      g.font = cssFont(op.font, family);
      g.fillStyle = inks[op.ink];
      g.textAlign = op.align;
      g.textBaseline = 'middle';
      g.fillText(op.text, op.x, op.y + op.h / 2);
    }
  }
  g.restore();
}
