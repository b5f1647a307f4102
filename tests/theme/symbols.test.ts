import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceProblems } from '../../src/data/references.ts';
import { AREA_SYMBOLS, BuiltStory, POINT_SYMBOLS, type SymbolName } from '../../src/data/schema.ts';
import { iconMapping } from '../../src/map/icons.ts';
import { patternMapping } from '../../src/map/patterns.ts';
import { SYMBOLS, drawSymbol, swatchBackground, symbolSpec, type LegendSymbol } from '../../src/theme/symbols.ts';
import { readTheme } from '../fixtures/theme.ts';

const root = resolve(__dirname, '../..');
const styles = readFileSync(resolve(root, 'src/styles.css'), 'utf8');
const readJson = (p: string) => JSON.parse(readFileSync(resolve(root, p), 'utf8'));

/** A 2D context that records the calls the caption's drawing makes. */
function createRecorder() {
  const calls: string[] = [];
  const state = { globalAlpha: 1, fillStyle: '', strokeStyle: '', lineWidth: 1 };
  const g = new Proxy(state, {
    get: (t, k: string) => (k in t ? t[k as keyof typeof t] : (..._args: unknown[]) => void calls.push(k)),
    set: (t, k: string, v) => {
      if (k === 'globalAlpha' && v !== 1) calls.push(`alpha:${(v as number).toFixed(3)}`);
      (t as Record<string, unknown>)[k] = v;
      return true;
    },
  });
  return { g: g as unknown as CanvasRenderingContext2D, calls };
}

/** The drawing calls of the caption's swatch for a symbol. */
const drawn = (symbol: LegendSymbol) => {
  const r = createRecorder();
  drawSymbol(r.g, symbol, 0, 0, 22, '#123456');
  return r.calls;
};

describe('the symbol table', () => {
  it('has an entry for every symbol the theme schema allows, of the shape the schema says', () => {
    for (const s of POINT_SYMBOLS) expect(SYMBOLS[s].kind, s).toBe('point');
    for (const s of AREA_SYMBOLS) expect(SYMBOLS[s].kind, s).toBe('area');
    expect(Object.keys(SYMBOLS).sort()).toEqual([...POINT_SYMBOLS, ...AREA_SYMBOLS].sort());
  });

  it.each(readTheme().categories.map((c) => [c.id, c.symbol] as const))('gives %s (%s) an atlas entry, a legend swatch and a caption drawing that agree', (_id, symbol) => {
    const spec = symbolSpec(symbol);
    const calls = drawn(symbol);
    if (spec.kind === 'point') {
      expect(Object.keys(iconMapping())).toContain(spec.icon);
      // the swatch is drawn by its class, a shape; no pattern
      expect(swatchBackground(symbol)).toBeNull();
      expect(styles).toMatch(new RegExp(`\\.swatch\\.sym-${symbol}\\s*\\{`));
      expect(calls).toContain('fill');
      expect(calls).not.toContain('strokeRect');
      expect(calls).toContain(spec.icon === 'circle' ? 'arc' : spec.icon === 'square' ? 'rect' : 'lineTo');
    } else {
      expect(Object.keys(patternMapping())).toContain(spec.pattern);
      const bg = swatchBackground(symbol)!;
      expect(bg).toContain('var(--c)');
      // an area's outline, in caption and legend alike
      expect(calls).toContain('strokeRect');
      if (spec.pattern === 'solid') {
        const share = (spec.fillAlpha / 255) * 100;
        expect(bg).toBe(`color-mix(in srgb, var(--c) ${Math.round(share)}%, transparent)`);
        expect(calls).toContain(`alpha:${(spec.fillAlpha / 255).toFixed(3)}`);
      } else {
        expect(bg).toMatch(spec.pattern === 'dots' ? /radial-gradient/ : /repeating-linear-gradient/);
        expect(bg.split('repeating-linear-gradient').length - 1).toBe(spec.pattern === 'cross-hatch' ? 2 : spec.pattern === 'hatch' ? 1 : 0);
        expect(calls).toContain(spec.pattern === 'dots' ? 'arc' : 'moveTo');
      }
    }
  });

  it('draws the buffer zone as theme.json says (a light fill with a thicker outline), in all three places', () => {
    const theme = readTheme();
    const buffer = theme.categories.find((c) => c.id === 'buffer-zone')!;
    expect(buffer.symbol).toBe('outline');
    const spec = symbolSpec(buffer.symbol);
    expect(spec).toMatchObject({ kind: 'area', pattern: 'solid' });
    expect(SYMBOLS.outline.lineWidth).toBeGreaterThan(SYMBOLS.hatch.lineWidth);
    expect(swatchBackground('outline')).toBe('color-mix(in srgb, var(--c) 20%, transparent)');
  });

  it("draws the distance line and the labels' Aa for the layers that are not categories", () => {
    expect(drawn('line')).toEqual(['save', 'fillRect', 'restore']);
    expect(swatchBackground('line')).toBeNull();
    expect(styles).toMatch(/\.swatch\.sym-line\s*\{/);
    expect(styles).toMatch(/\.swatch\.sym-text::before\s*\{/);
  });
});

describe("the story's places and their categories' symbols", () => {
  const theme = readTheme();
  const story = BuiltStory.parse(readJson('public/data/story.json'));
  const places = readJson('data/places.geojson').features as { properties: Parameters<typeof referenceProblems>[1][number]['properties'] }[];
  const files = { story: 'story.json', places: 'places.geojson', theme: 'theme.json' };

  it('draws every place of the story with a symbol of its shape', () => {
    expect(referenceProblems(story, places, theme, files)).toEqual([]);
  });

  it('refuses a theme that would draw the Kursk and Belgorod areas with a dot (the legend showed a dot that matched nothing)', () => {
    const cats = theme.categories.filter((c) => c.id !== 'border-region');
    const context = cats.find((c) => c.id === 'context')!;
    const bad = { ...theme, categories: cats.map((c) => (c === context ? { ...c, kinds: [...(c.kinds ?? []), 'border-region' as const] } : c)) };
    const problems = referenceProblems(story, places, bad, files);
    const i = bad.categories.indexOf(bad.categories.find((c) => c.id === 'context')!);
    expect(problems).toContain(`theme.json: categories[${i}].symbol: "circle" cannot draw an area (places.geojson: features[${places.findIndex((p) => p.properties.id === 'kursk-region')}], "kursk-region")`);
  });

  it('refuses a point drawn with an area fill, and a place kind no category draws', () => {
    const bad = { ...theme, categories: theme.categories.map((c) => (c.id === 'venue' ? { ...c, symbol: 'hatch' as SymbolName } : c.id === 'context' ? { ...c, kinds: ['city' as const] } : c)) };
    const problems = referenceProblems(story, places, bad, files);
    expect(problems.some((p) => p.startsWith('theme.json: categories[0].symbol: "hatch" cannot draw a point'))).toBe(true);
    expect(problems).toContain(`theme.json: categories: no category draws kind "landmark" (places.geojson: features[${places.findIndex((p) => p.properties.kind === 'landmark')}].properties.kind)`);
  });
});
