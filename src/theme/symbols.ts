import type { AreaSymbolName, PointSymbolName, SymbolName } from '../data/schema.ts';

/** Shapes of the icon atlas (src/map/icons.ts draws them). */
export type IconName = 'circle' | 'diamond' | 'square' | 'star';
/** Tiles of the pattern atlas (src/map/patterns.ts draws them), used as masks tinted by the category's colour. */
export type PatternName = 'hatch' | 'cross-hatch' | 'dots' | 'solid';

/** A category drawn as a mark: an entry of the icon atlas, tinted, `size` CSS px wide at scale 1. */
export interface PointSymbol {
  kind: 'point';
  icon: IconName;
  size: number;
}

/** A category drawn as an area: a tile of the pattern atlas over a fill of `fillAlpha` (0–255), outlined `lineWidth` px. */
export interface AreaSymbol {
  kind: 'area';
  pattern: PatternName;
  fillAlpha: number;
  lineWidth: number;
}

export type SymbolSpec = PointSymbol | AreaSymbol;

/** A legend entry's symbol: a category's, or the distance line and the labels' "Aa". */
export type LegendSymbol = SymbolName | 'line' | 'text';

const point = (icon: IconName, size = 19): PointSymbol => ({ kind: 'point', icon, size });
const area = (pattern: PatternName, fillAlpha = 150, lineWidth = 1.5): AreaSymbol => ({ kind: 'area', pattern, fillAlpha, lineWidth });

/**
 * The one symbol table: what the map draws for each `category.symbol` of data/theme.json. The legend
 * swatch (`swatchBackground`) and the caption's drawing (`drawSymbol`) are derived from the same entry.
 */
export const SYMBOLS: Record<PointSymbolName, PointSymbol> & Record<AreaSymbolName, AreaSymbol> = {
  star: point('star'),
  diamond: point('diamond'),
  square: point('square'),
  circle: point('circle', 13),
  hatch: area('hatch'),
  'cross-hatch': area('cross-hatch'),
  dots: area('dots'),
  outline: area('solid', 50, 2),
  solid: area('solid', 40, 1),
};

/** Returns the symbol table entry of a category symbol. */
export function symbolSpec(symbol: SymbolName): SymbolSpec {
  return SYMBOLS[symbol];
}

/** The CSS of the patterns' swatches, in the category's colour (`--c`). */
const PATTERN_CSS: Record<Exclude<PatternName, 'solid'>, string> = {
  hatch: 'repeating-linear-gradient(135deg, var(--c) 0 2px, transparent 2px 6px)',
  'cross-hatch': 'repeating-linear-gradient(135deg, var(--c) 0 2px, transparent 2px 6px), repeating-linear-gradient(45deg, var(--c) 0 2px, transparent 2px 6px)',
  dots: 'radial-gradient(var(--c) 1.6px, transparent 2px) 0 0 / 6px 6px',
};

/**
 * Returns the CSS background of a legend swatch (colour from `--c`), or null where the swatch's
 * class draws it (`.swatch.sym-<symbol>` in styles.css: the point shapes, the line and "Aa").
 * An area's swatch is its pattern, or its fill at the map's opacity.
 */
export function swatchBackground(symbol: LegendSymbol): string | null {
  if (symbol === 'line' || symbol === 'text') return null;
  const spec = SYMBOLS[symbol];
  if (spec.kind === 'point') return null;
  if (spec.pattern !== 'solid') return PATTERN_CSS[spec.pattern];
  return `color-mix(in srgb, var(--c) ${Math.round((spec.fillAlpha / 255) * 100)}%, transparent)`;
}

/** Traces a point shape centred in the square (x, y, s) as the caption draws it. */
function tracePoint(g: CanvasRenderingContext2D, icon: IconName, x: number, y: number, s: number): void {
  const cx = x + s / 2;
  const cy = y + s / 2;
  switch (icon) {
    case 'circle':
      g.arc(cx, cy, s * 0.45, 0, Math.PI * 2);
      break;
    case 'square':
      g.rect(x + s * 0.1, y + s * 0.1, s * 0.8, s * 0.8);
      break;
    case 'diamond':
      g.moveTo(cx, y);
      g.lineTo(x + s, cy);
      g.lineTo(cx, y + s);
      g.lineTo(x, cy);
      break;
    case 'star':
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const r = k % 2 ? s * 0.22 : s * 0.52;
        g.lineTo(cx + r * Math.cos(a), cy + 0.06 * s + r * Math.sin(a));
      }
      break;
  }
  g.closePath();
}

/** Draws an area swatch: its fill at the map's opacity, its pattern, and its outline. */
function drawArea(g: CanvasRenderingContext2D, spec: AreaSymbol, x: number, y: number, s: number, border: number): void {
  const inset = border / 2;
  g.beginPath();
  g.rect(x + inset, y + inset, s - border, s - border);
  g.save();
  g.clip();
  if (spec.pattern === 'solid') {
    g.globalAlpha = spec.fillAlpha / 255;
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
  if (spec.pattern === 'hatch' || spec.pattern === 'cross-hatch') lines(1);
  if (spec.pattern === 'cross-hatch') lines(-1);
  if (spec.pattern === 'dots')
    for (let dy = step / 2; dy < s; dy += step)
      for (let dx = step / 2; dx < s; dx += step) {
        g.beginPath();
        g.arc(x + dx, y + dy, s / 11, 0, Math.PI * 2);
        g.fill();
      }
  g.restore();
  g.lineWidth = border * (spec.lineWidth / 1.5);
  g.strokeRect(x + inset, y + inset, s - border, s - border);
}

/**
 * Draws a legend symbol into the square (x, y, size) of a 2D context in `color`: the caption's
 * swatch, from the same table entry as the map's mark and the HTML legend's swatch.
 */
export function drawSymbol(g: CanvasRenderingContext2D, symbol: LegendSymbol, x: number, y: number, size: number, color: string): void {
  const border = Math.max(1, size / 11);
  g.save();
  g.fillStyle = color;
  g.strokeStyle = color;
  g.lineWidth = border;
  if (symbol === 'line') g.fillRect(x, y + size / 2 - border, size, border * 2);
  else if (symbol !== 'text') {
    const spec = SYMBOLS[symbol];
    if (spec.kind === 'point') {
      g.beginPath();
      tracePoint(g, spec.icon, x, y, size);
      g.fill();
    } else drawArea(g, spec, x, y, size, border);
  }
  g.restore();
}
