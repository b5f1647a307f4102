import type { Theme } from '../data/schema.ts';
import { LAYOUT_PROPERTIES } from './layout.ts';

/** Returns a theme colour key as a CSS custom property name: `countryBorder` → `--country-border`. */
export function colorProperty(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Returns the custom properties the page's CSS reads from the theme and the layout: every colour, the font and the layout's sizes. */
export function themeProperties(theme: Pick<Theme, 'colors' | 'font'>): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(theme.colors).map(([k, v]) => [colorProperty(k), v])),
    '--font': `"${theme.font}", system-ui, sans-serif`,
    ...LAYOUT_PROPERTIES,
  };
}

/**
 * Writes the theme's colours and font and the layout's sizes into custom properties on the root
 * element, through the CSSOM (allowed by a strict Content-Security-Policy, unlike a <style> element),
 * then waits for the theme's font (regular and bold, with the story's accented letters) to load.
 */
/** Letters that make the browser load the font's Latin and Latin-extended files (accented names of any story). */
export const LATIN_SAMPLE = 'Aa ÁáÇçĞğİıŁłŐőŞşŽžÑñ';

export async function applyTheme(theme: Pick<Theme, 'colors' | 'font'>, root: HTMLElement = document.documentElement): Promise<void> {
  for (const [k, v] of Object.entries(themeProperties(theme))) root.style.setProperty(k, v);
  await Promise.all([document.fonts.load(`400 16px "${theme.font}"`, LATIN_SAMPLE), document.fonts.load(`700 16px "${theme.font}"`, LATIN_SAMPLE)]);
}
