import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThemeColors } from '../../src/data/schema.ts';
import { colorProperty, themeProperties } from '../../src/theme/apply-theme.ts';
import { readTheme } from '../fixtures/theme.ts';

const SRC = resolve(__dirname, '../../src');
const css = (dir = SRC): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? css(join(dir, d.name)) : d.name.endsWith('.css') ? [readFileSync(join(dir, d.name), 'utf8')] : []));

describe('theme colours as CSS custom properties', () => {
  const theme = readTheme();
  const props = themeProperties(theme);

  it('writes every named colour of the theme, and the font with fallbacks', () => {
    for (const key of Object.keys(ThemeColors.shape)) expect(props[colorProperty(key)], key).toBe(theme.colors[key as keyof typeof theme.colors]);
    expect(colorProperty('countryBorder')).toBe('--country-border');
    expect(props['--font']).toBe(`"${theme.font}", system-ui, sans-serif`);
  });

  it('gives every custom property the CSS reads a source: the theme, the layout, or the CSS itself', () => {
    const text = css().join('\n');
    const defined = new Set([...text.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
    // set by code on an element: a swatch's colour, the attribution's height, the kiosk card's page window, the masthead's and timeline's height, a kiosk visitor's touch strip's height
    const byCode = new Set(['--c', '--attribution-h', '--page-top', '--page-bottom', '--chrome-h', '--kiosk-touch-h']);
    const read = new Set([...text.matchAll(/var\((--[a-z0-9-]+)/g)].map((m) => m[1]));
    const missing = [...read].filter((v) => !(v in props) && !defined.has(v) && !byCode.has(v));
    expect(missing).toEqual([]);
    expect(read.size).toBeGreaterThan(8);
  });

  it('copies no theme colour into the CSS', () => {
    const text = css().join('\n').toLowerCase();
    for (const key of ['text', 'muted', 'panel', 'page', 'line', 'accent'] as const) expect(text, key).not.toContain(theme.colors[key].toLowerCase());
    expect(text).not.toContain(theme.font.toLowerCase());
  });

  it('leaves no colour literal in the page’s own CSS or the export dialog’s: every colour is a theme property', () => {
    for (const file of ['styles.css', 'export/export.css']) {
      const text = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(text.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|(?<![-\w])(?:white|black)(?![-\w])/gi), file).toBeNull();
    }
  });
});
