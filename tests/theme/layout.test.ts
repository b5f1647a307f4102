import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIT_NARROW_PX,
  KIOSK_SCREEN,
  LAYOUT_PROPERTIES,
  LEGEND_BESIDE_STORY_PX,
  MEDIA,
  NARROW_MAP_PX,
  PHONE_MAX_PX,
  SHORT_MAX_PX,
  WALL_STEPS,
  expandCustomMedia,
} from '../../src/theme/layout.ts';

const SRC = resolve(__dirname, '../../src');
/** Every CSS file under src/, with its text. */
const cssFiles = (dir = SRC): [string, string][] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? cssFiles(join(dir, d.name)) : d.name.endsWith('.css') ? [[join(dir, d.name), readFileSync(join(dir, d.name), 'utf8')] as [string, string]] : [],
  );

describe('layout thresholds', () => {
  it('are in increasing order where one layout gives way to the next', () => {
    expect(NARROW_MAP_PX).toBeLessThan(FIT_NARROW_PX);
    expect(FIT_NARROW_PX).toBeLessThan(PHONE_MAX_PX);
    expect(PHONE_MAX_PX).toBeLessThan(LEGEND_BESIDE_STORY_PX);
    expect(WALL_STEPS[0].minWidth).toBeLessThan(WALL_STEPS[1].minWidth);
  });

  it('give the media queries the CSS names', () => {
    expect(MEDIA.phone).toBe(`(max-width: ${PHONE_MAX_PX}px)`);
    expect(MEDIA.short).toBe(`(max-height: ${SHORT_MAX_PX}px)`);
    expect(MEDIA['phone-short']).toBe(`${MEDIA.phone} and ${MEDIA.short}`);
    // a phone-width screen that is not short: no height falls in both or in neither
    expect(MEDIA['phone-tall']).toBe(`${MEDIA.phone} and (height > ${SHORT_MAX_PX}px)`);
    expect(MEDIA.wall).toBe('(min-width: 2400px) and (min-height: 1350px)');
    expect(MEDIA['wall-2x']).toBe('(min-width: 3200px) and (min-height: 1800px)');
  });

  it("give the kiosk's root size: 18 px on its 1920 × 1080 screen, by the shorter side beyond", () => {
    expect(LAYOUT_PROPERTIES['--kiosk-root']).toBe('18px');
    expect(parseFloat(LAYOUT_PROPERTIES['--kiosk-root-vw']) * (KIOSK_SCREEN.width / 100)).toBeCloseTo(18, 3);
    expect(parseFloat(LAYOUT_PROPERTIES['--kiosk-root-vh']) * (KIOSK_SCREEN.height / 100)).toBeCloseTo(18, 2);
    expect(LAYOUT_PROPERTIES['--wall-root']).toBe('150%');
    expect(LAYOUT_PROPERTIES['--wall-2x-root']).toBe('200%');
  });
});

describe('expandCustomMedia', () => {
  it('fills in named media queries, alone or combined, and leaves other rules alone', () => {
    const css = '@media (--phone) { a { b: c } }\n@media print, (--short) { d { e: f } }\n@media (prefers-reduced-motion: reduce) { g { h: var(--x) } }';
    expect(expandCustomMedia(css)).toBe(
      `@media ${MEDIA.phone} { a { b: c } }\n@media print, ${MEDIA.short} { d { e: f } }\n@media (prefers-reduced-motion: reduce) { g { h: var(--x) } }`,
    );
  });

  it('stops the build naming the file and the unknown name', () => {
    expect(() => expandCustomMedia('@media (--tablet) { a { b: c } }', 'src/x.css')).toThrow(/^src\/x\.css: @media \(--tablet\): unknown layout threshold; known: phone, /);
  });
});

describe('the CSS and the TypeScript read the same thresholds', () => {
  const files = cssFiles();

  it('finds the CSS files', () => {
    expect(files.map(([f]) => f.slice(SRC.length + 1))).toEqual(expect.arrayContaining(['styles.css', 'modes/kiosk.css']));
  });

  it.each(files.map(([f, css]) => [f.slice(SRC.length + 1), css]))('%s writes no width or height threshold of its own, only named ones that exist', (file, css) => {
    for (const m of css.matchAll(/@media([^{]*)\{/g)) expect(m[1], `${file}: @media${m[1]}`).not.toMatch(/(min|max)-(width|height)/);
    expect(() => expandCustomMedia(css, file)).not.toThrow();
    expect(expandCustomMedia(css, file)).not.toMatch(/@media[^{]*\(--/);
  });

  it('uses every named query and the phone, short and wall thresholds in the expanded CSS', () => {
    const all = files.map(([f, css]) => expandCustomMedia(css, f)).join('\n');
    for (const q of Object.values(MEDIA)) expect(all).toContain(`@media ${q}`);
  });

  it("reads the kiosk's and the wall screens' root sizes from the custom properties the layout writes", () => {
    const all = files.map(([, css]) => css).join('\n');
    for (const name of Object.keys(LAYOUT_PROPERTIES)) expect(all).toContain(`var(${name})`);
    expect(all).not.toMatch(/font-size:\s*max\(18px/);
  });
});
