import type { Theme } from '../data/schema.ts';
import type { CaptionLayout, Font, Ink, Measure, SwatchOp } from './caption-layout.ts';

/** The caption's colours: dark text on a near-white panel. */
export interface Palette {
  panel: string;
  rule: string;
  text: string;
  muted: string;
  accent: string;
}

/** Returns the caption palette from the theme's colours; throws naming a missing colour. */
export function captionPalette(theme: Theme): Palette {
  const need = (key: string) => {
    const c = theme.colors[key];
    if (!c) throw new Error(`theme.colors.${key} is missing: the caption needs it`);
    return c;
  };
  return { panel: need('panel'), rule: need('regionBorder'), text: need('text'), muted: need('muted'), accent: need('accent') };
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

/** Draws a legend swatch: the category's shape or pattern in its colour, as the HTML legend does. */
function drawSwatch(g: CanvasRenderingContext2D, op: SwatchOp): void {
  const { x, y, size: s, color } = op;
  const cx = x + s / 2;
  const cy = y + s / 2;
  const border = Math.max(1, s / 11);
  g.save();
  g.fillStyle = color;
  g.strokeStyle = color;
  g.lineWidth = border;
  g.beginPath();
  switch (op.symbol) {
    case 'circle':
      g.arc(cx, cy, s * 0.45, 0, Math.PI * 2);
      g.fill();
      break;
    case 'square':
      g.fillRect(x + s * 0.1, y + s * 0.1, s * 0.8, s * 0.8);
      break;
    case 'diamond':
      g.moveTo(cx, y);
      g.lineTo(x + s, cy);
      g.lineTo(cx, y + s);
      g.lineTo(x, cy);
      g.closePath();
      g.fill();
      break;
    case 'star':
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const r = k % 2 ? s * 0.22 : s * 0.52;
        g.lineTo(cx + r * Math.cos(a), cy + 0.06 * s + r * Math.sin(a));
      }
      g.closePath();
      g.fill();
      break;
    case 'line':
      g.fillRect(x, cy - border, s, border * 2);
      break;
    default: {
      const inset = border / 2;
      g.rect(x + inset, y + inset, s - border, s - border);
      g.save();
      g.clip();
      if (op.symbol === 'outline' || op.symbol === 'solid') {
        g.globalAlpha = op.symbol === 'outline' ? 0.2 : 0.6;
        g.fillRect(x, y, s, s);
        g.globalAlpha = 1;
      }
      const step = s / 2.6;
      const lines = (dir: 1 | -1) => {
        g.beginPath();
        for (let d = -s; d <= 2 * s; d += step) {
          g.moveTo(x + d, dir > 0 ? y + s : y);
          g.lineTo(x + d + s, dir > 0 ? y : y + s);
        }
        g.lineWidth = Math.max(1, s / 8);
        g.stroke();
      };
      if (op.symbol === 'hatch' || op.symbol === 'cross-hatch') lines(1);
      if (op.symbol === 'cross-hatch') lines(-1);
      if (op.symbol === 'dots')
        for (let dy = step / 2; dy < s; dy += step)
          for (let dx = step / 2; dx < s; dx += step) {
            g.beginPath();
            g.arc(x + dx, y + dy, s / 11, 0, Math.PI * 2);
            g.fill();
          }
      g.restore();
      g.lineWidth = op.symbol === 'outline' ? border * 1.4 : border;
      g.strokeRect(x + inset, y + inset, s - border, s - border);
    }
  }
  g.restore();
}

/** Draws a laid-out caption into a 2D context whose units are the layout's CSS px (scale the context first for 2×, 3×). */
export function drawCaption(g: CanvasRenderingContext2D, layout: CaptionLayout, palette: Palette, family: string): void {
  const inks: Record<Ink, string> = { text: palette.text, muted: palette.muted, accent: palette.accent };
  g.save();
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      g.fillStyle = op.fill === 'panel' ? palette.panel : op.fill === 'accent' ? palette.accent : palette.rule;
      g.fillRect(op.x, op.y, op.w, op.h);
    } else if (op.kind === 'swatch') drawSwatch(g, op);
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
