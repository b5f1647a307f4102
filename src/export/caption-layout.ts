import type { LegendSymbol } from '../theme/symbols.ts';
import { creditLine, sourceLine, type CaptionContent } from './caption.ts';

/** A frame in CSS px. */
export interface Frame {
  width: number;
  height: number;
}

/** A font weight and size (CSS px); the family is the theme's. */
export interface Font {
  weight: 400 | 700;
  size: number;
}

/** Returns the advance width (CSS px) of text in a font. */
export type Measure = (text: string, font: Font) => number;

/** Colour roles of the caption, resolved against the theme when drawing. */
export type Ink = 'text' | 'muted' | 'accent';

export interface TextOp {
  kind: 'text';
  text: string;
  /** Left edge, or right edge when `align` is "right" (CSS px). */
  x: number;
  /** Top of the line box (CSS px); text is drawn centred in it. */
  y: number;
  /** Line box height and measured text width (CSS px). */
  h: number;
  w: number;
  font: Font;
  ink: Ink;
  align: 'left' | 'right';
}

export interface SwatchOp {
  kind: 'swatch';
  x: number;
  y: number;
  size: number;
  symbol: LegendSymbol;
  color: string;
}

export interface RectOp {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: 'panel' | 'accent' | 'rule';
}

export type CaptionOp = TextOp | SwatchOp | RectOp;

/** Where the caption's drawing goes and how much of the frame its bands take. */
export interface CaptionLayout {
  frame: Frame;
  /** Size multiplier used (1 ≈ a 1300 px frame's geometric mean). */
  unit: number;
  /** Height of the top band and of the bottom band (CSS px); the map shows between them. */
  top: number;
  bottom: number;
  /** Shape the layout took: "wide" puts the moment beside the title. */
  shape: 'wide' | 'tall';
  ops: CaptionOp[];
  /** The caption's own texts that did not fit and end with an ellipsis (a desk's headline too long for the frame). */
  cut: CaptionPart[];
}

/** A text of the caption that a desk may write (`CaptionText`). */
export type CaptionPart = 'headline' | 'dek' | 'credit';

/** Largest share of the frame's height the two bands may take together. */
export const MAX_BAND_SHARE = 0.5;

const ELLIPSIS = '…';

/**
 * Returns text broken into at most `maxLines` lines no wider than `width`, breaking at spaces
 * (a no-break space keeps words together); overflow ends the last line with an ellipsis.
 */
export function wrapText(text: string, font: Font, width: number, maxLines: number, measure: Measure): { lines: string[]; cut: boolean } {
  const words = text.split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (measure(next, font) <= width) {
      line = next;
      i++;
    } else if (line) {
      lines.push(line);
      line = '';
    } else lines.push(ellipsize(words[i++], font, width, measure));
  }
  if (line) lines.push(line);
  const cut = i < words.length;
  if (cut) lines[lines.length - 1] = ellipsize(lines[lines.length - 1], font, width, measure);
  return { lines, cut };
}

/**
 * Returns a heading wrapped as `wrapText` does, in as many lines, but with its lines as even as they
 * can be (the narrowest width that keeps that many lines, found by halving): a headline of two lines
 * does not leave its last word alone on the second, as CSS's `text-wrap: balance` does on the page.
 */
export function wrapBalanced(text: string, font: Font, width: number, maxLines: number, measure: Measure): { lines: string[]; cut: boolean } {
  const greedy = wrapText(text, font, width, maxLines, measure);
  if (greedy.cut || greedy.lines.length < 2) return greedy;
  let [lo, hi] = [0, width];
  let best = greedy;
  // to half a px: a dozen halvings of a caption's width
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    const w = wrapText(text, font, mid, maxLines, measure);
    // as many lines, none cut, and no word shortened to fit (a word wider than `mid` would be ellipsized)
    if (!w.cut && w.lines.length === greedy.lines.length && w.lines.join(' ') === greedy.lines.join(' ')) {
      best = w;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/** Returns text with an ellipsis, shortened until it fits `width`. */
function ellipsize(text: string, font: Font, width: number, measure: Measure): string {
  let t = text;
  while (t.length > 1 && measure(`${t}${ELLIPSIS}`, font) > width) t = t.slice(0, -1);
  return `${t.replace(/[\s,;:·–-]+$/, '')}${ELLIPSIS}`;
}

/**
 * Returns the source line ("Sources: AFP; Reuters (contributing). Reported elsewhere:
 * Outlet.") in at most `maxLines` lines no wider than `width`. When it does not fit, the articles'
 * outlets are counted from the end ("; and 2 more") before the outside ones are, so the
 * "Reported elsewhere" mark stays; as a last resort the line ends with an ellipsis.
 */
export function sourcesText(c: Pick<CaptionContent, 'sources' | 'elsewhere'>, font: Font, width: number, maxLines: number, measure: Measure): string[] {
  const counted = (names: string[], k: number) => (k < names.length ? [...names.slice(0, k), `and ${names.length - k} more`] : names);
  const tries: Pick<CaptionContent, 'sources' | 'elsewhere'>[] = [];
  for (let k = c.sources.length; k >= 1; k--) tries.push({ sources: counted(c.sources, k), elsewhere: c.elsewhere });
  for (let k = c.elsewhere.length - 1; k >= 1; k--) tries.push({ sources: counted(c.sources, 1), elsewhere: counted(c.elsewhere, k) });
  for (const t of tries) {
    const w = wrapText(sourceLine(t), font, width, maxLines, measure);
    if (!w.cut) return w.lines;
  }
  return wrapText(sourceLine(tries[tries.length - 1] ?? c), font, width, maxLines, measure).lines;
}

interface Settings {
  unit: number;
  /** Most lines for the title, moment, event and credit. */
  lines: number;
  sourceLines: number;
  legend: boolean;
  sources: boolean;
}

/**
 * Returns the credit line's lines, at most `maxLines` where it fits: where it does not, the graphic
 * credit before the data credit (`dataCredit`: the basemap's sources and licences) is shortened or left
 * out, and the data credit is printed whole, on as many lines as it needs (`onCut` is called).
 */
export function creditLines(c: Pick<CaptionContent, 'graphicCredit' | 'dataCredit'>, font: Font, width: number, maxLines: number, measure: Measure, onCut: () => void): string[] {
  const whole = wrapText(creditLine(c), font, width, maxLines, measure);
  if (!whole.cut) return whole.lines;
  onCut();
  const dataLines = wrapText(c.dataCredit, font, width, Number.MAX_SAFE_INTEGER, measure).lines;
  const room = maxLines - dataLines.length;
  return room > 0 && c.graphicCredit ? [...wrapText(`${c.graphicCredit} ·`, font, width, room, measure).lines, ...dataLines] : dataLines;
}

/**
 * Returns the caption laid out for a frame: a top band (title, moment, event) and a bottom band
 * (legend in as many columns as fit, sources, credit). Wide frames put the moment beside the
 * title; tall frames stack them. Sizes follow the frame, larger in portrait frames (read on phones,
 * with room to spare above and below a wide map); if the bands would take more than half of the
 * height, the layout shrinks, then drops detail, until they fit. Pure: `measure` supplies text widths.
 */
export function layoutCaption(c: CaptionContent, frame: Frame, measure: Measure): CaptionLayout {
  const portrait = frame.height / frame.width >= 1.2;
  const base = Math.max(0.75, Math.sqrt(frame.width * frame.height) / 1300, Math.min(frame.width, frame.height) / (portrait ? 900 : 1200));
  const tall = frame.width / frame.height < 1.3;
  const sourceLines = frame.width / frame.height >= 1.3 ? 2 : frame.height / frame.width > 1.6 ? 4 : 3;
  const tries: Settings[] = [];
  for (let k = 0; k < 6; k++) tries.push({ unit: base * 0.9 ** k, lines: 2, sourceLines, legend: true, sources: true });
  const small = base * 0.9 ** 5;
  tries.push({ unit: small, lines: 1, sourceLines: 1, legend: true, sources: true });
  tries.push({ unit: small, lines: 1, sourceLines: 1, legend: false, sources: true });
  tries.push({ unit: small, lines: 1, sourceLines: 1, legend: false, sources: false });
  let out: CaptionLayout | null = null;
  for (const t of tries) {
    out = layoutWith(c, frame, measure, t, tall);
    if (out.top + out.bottom <= frame.height * MAX_BAND_SHARE) return out;
  }
  return out!;
}

function layoutWith(c: CaptionContent, frame: Frame, measure: Measure, s: Settings, tall: boolean): CaptionLayout {
  const u = s.unit;
  const W = frame.width;
  const H = frame.height;
  const padX = Math.round(Math.min(36 * u, W * 0.05));
  const padY = Math.round(20 * u);
  const strip = Math.max(3, Math.round(6 * u));
  const rule = Math.max(1, Math.round(u));
  const inner = W - 2 * padX;
  const px = (size: number, min: number) => Math.max(min, Math.round(size * u * 2) / 2);
  const F = {
    title: { weight: 700, size: px(38, 16) } as Font,
    moment: { weight: 700, size: px(21, 12) } as Font,
    event: { weight: 700, size: px(24, 13) } as Font,
    legend: { weight: 400, size: px(17, 11) } as Font,
    sources: { weight: 400, size: px(15, 11) } as Font,
    credit: { weight: 400, size: px(13.5, 10) } as Font,
  };
  const lh = (f: Font, k: number) => Math.round(f.size * k);
  const ops: CaptionOp[] = [];
  const text = (t: string, x: number, y: number, font: Font, h: number, ink: Ink, align: 'left' | 'right' = 'left') =>
    ops.push({ kind: 'text', text: t, x, y, h, w: measure(t, font), font, ink, align });
  const block = (lines: string[], x: number, y: number, font: Font, k: number, ink: Ink, align: 'left' | 'right' = 'left') => {
    const h = lh(font, k);
    lines.forEach((l, i) => text(l, x, y + i * h, font, h, ink, align));
    return lines.length * h;
  };
  const moment = c.moment.replace(/ · /g, '\u00a0· ');
  const cut = new Set<CaptionPart>();
  /** The lines of a wrapped text, noting a cut one. */
  const noted = (part: CaptionPart, w: { lines: string[]; cut: boolean }) => {
    if (w.cut) cut.add(part);
    return w.lines;
  };

  // Top band.
  const shape: CaptionLayout['shape'] = tall ? 'tall' : 'wide';
  const topOps = ops.length;
  let top: number;
  if (!tall) {
    const gutter = Math.round(32 * u);
    const leftW = Math.round((inner - gutter) * 0.52);
    const rightW = inner - gutter - leftW;
    const title = noted('headline', wrapBalanced(c.title, F.title, leftW, s.lines, measure));
    const left = block(title, padX, strip + padY, F.title, 1.15, 'text');
    let ry = strip + padY;
    const m = wrapText(moment, F.moment, rightW, s.lines, measure).lines;
    ry += block(m, W - padX, ry, F.moment, 1.3, 'accent', 'right');
    if (c.event) ry += block(noted('dek', wrapBalanced(c.event, F.event, rightW, s.lines, measure)), W - padX, ry + Math.round(2 * u), F.event, 1.25, 'text', 'right') + Math.round(2 * u);
    top = Math.max(strip + padY + left, ry) + padY;
  } else {
    let y = strip + padY;
    y += block(noted('headline', wrapBalanced(c.title, F.title, inner, s.lines, measure)), padX, y, F.title, 1.15, 'text');
    y += Math.round(8 * u);
    y += block(wrapText(moment, F.moment, inner, s.lines, measure).lines, padX, y, F.moment, 1.3, 'accent');
    if (c.event) y += Math.round(2 * u) + block(noted('dek', wrapBalanced(c.event, F.event, inner, s.lines, measure)), padX, y + Math.round(2 * u), F.event, 1.25, 'text');
    top = y + padY;
  }
  ops.splice(topOps, 0, { kind: 'rect', x: 0, y: 0, w: W, h: top, fill: 'panel' }, { kind: 'rect', x: 0, y: 0, w: W, h: strip, fill: 'accent' });
  ops.push({ kind: 'rect', x: 0, y: top - rule, w: W, h: rule, fill: 'rule' });

  // Bottom band, laid out from y = 0 and moved down once its height is known.
  const bottomOps = ops.length;
  let y = padY;
  const gap = Math.round(10 * u);
  const legend = s.legend ? c.legend : [];
  if (legend.length) {
    const sw = Math.round(F.legend.size * 1.05);
    const swGap = Math.round(8 * u);
    const colGap = Math.round(28 * u);
    const rowH = lh(F.legend, 1.55);
    const widths = legend.map((e) => sw + swGap + measure(e.label, F.legend));
    const colW = Math.min(inner, Math.max(...widths));
    let cols = Math.max(1, Math.min(legend.length, Math.floor((inner + colGap) / (colW + colGap))));
    const rows = Math.ceil(legend.length / cols);
    cols = Math.ceil(legend.length / rows);
    const colWidths = Array.from({ length: cols }, (_, ci) => Math.min(colW, Math.max(...widths.slice(ci * rows, ci * rows + rows))));
    let x = padX;
    colWidths.forEach((cw, ci) => {
      legend.slice(ci * rows, ci * rows + rows).forEach((e, ri) => {
        const ly = y + ri * rowH;
        ops.push({ kind: 'swatch', x, y: ly + (rowH - sw) / 2, size: sw, symbol: e.symbol, color: e.color });
        const label = wrapText(e.label, F.legend, cw - sw - swGap, 1, measure).lines[0] ?? '';
        text(label, x + sw + swGap, ly, F.legend, rowH, 'text');
      });
      x += cw + colGap;
    });
    y += rows * rowH + gap;
  }
  if (s.sources) {
    const lines = sourcesText(c, F.sources, inner, s.sourceLines, measure);
    if (lines.length) y += block(lines, padX, y, F.sources, 1.4, 'muted') + Math.round(4 * u);
  }
  y += block(creditLines(c, F.credit, inner, s.lines, measure, () => cut.add('credit')), padX, y, F.credit, 1.4, 'muted');
  const bottom = y + padY;
  for (const op of ops.slice(bottomOps)) op.y += H - bottom;
  ops.splice(bottomOps, 0, { kind: 'rect', x: 0, y: H - bottom, w: W, h: bottom, fill: 'panel' }, { kind: 'rect', x: 0, y: H - bottom, w: W, h: rule, fill: 'rule' });
  return { frame, unit: u, top, bottom, shape, ops, cut: [...cut] };
}
