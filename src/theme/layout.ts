/**
 * The layout's thresholds, named once. TypeScript imports them; the CSS files name them as custom
 * media (`@media (--phone)`), which the build fills in from `MEDIA` below (`expandCustomMedia`,
 * run by the Vite plugin in vite.config.ts), and read the kiosk's sizes from custom properties
 * written at boot (`applyLayout`). All sizes are CSS px.
 */

/** Maps up to this wide (phones, narrow embeds) show fewer labels when zoomed out. */
export const NARROW_MAP_PX = 600;
/** Maps up to this wide fit the story with room for the end labels and never beside the legend. */
export const FIT_NARROW_PX = 700;
/** Viewports up to this wide get the phone layout (one column, sticky timeline) and start with the legend closed. */
export const PHONE_MAX_PX = 760;
/** Maps narrower than this start with the legend closed: the open legend and the fitted story do not both fit. */
export const LEGEND_BESIDE_STORY_PX = 860;
/** Viewports up to this tall get the short layout (one-line masthead, tight timeline). */
export const SHORT_MAX_PX = 520;

/** The screen the kiosk is laid out for, and its root font size there; a bigger screen scales it as a whole. */
export const KIOSK_SCREEN = { width: 1920, height: 1080, rootPx: 18 } as const;
/** kiosk.css's root font size on a 1920 × 1080 screen, what the kiosk's map was designed at. */
export const KIOSK_ROOT_PX = KIOSK_SCREEN.rootPx;

/**
 * Wall screens (a 4K panel at device pixel ratio 1): from each size on, the explorer's root font
 * grows to `rootPercent`, so each step still leaves the room of a 1600 × 900 screen at the base size.
 */
export const WALL_STEPS = [
  { name: 'wall', minWidth: 2400, minHeight: 1350, rootPercent: 150 },
  { name: 'wall-2x', minWidth: 3200, minHeight: 1800, rootPercent: 200 },
] as const;

/** The media queries the CSS names (`@media (--phone)`), built from the thresholds above. */
export const MEDIA: Readonly<Record<string, string>> = {
  phone: `(max-width: ${PHONE_MAX_PX}px)`,
  short: `(max-height: ${SHORT_MAX_PX}px)`,
  'phone-short': `(max-width: ${PHONE_MAX_PX}px) and (max-height: ${SHORT_MAX_PX}px)`,
  // the range form: a fractional height (browser zoom) between 520 and 521 px is short or tall, never neither
  'phone-tall': `(max-width: ${PHONE_MAX_PX}px) and (height > ${SHORT_MAX_PX}px)`,
  ...Object.fromEntries(WALL_STEPS.map((w) => [w.name, `(min-width: ${w.minWidth}px) and (min-height: ${w.minHeight}px)`])),
};

/** Custom properties the CSS reads for sizes that are not media queries. */
export const LAYOUT_PROPERTIES: Readonly<Record<string, string>> = {
  '--kiosk-root': `${KIOSK_SCREEN.rootPx}px`,
  '--kiosk-root-vw': `${+((KIOSK_SCREEN.rootPx / KIOSK_SCREEN.width) * 100).toFixed(4)}vw`,
  '--kiosk-root-vh': `${+((KIOSK_SCREEN.rootPx / KIOSK_SCREEN.height) * 100).toFixed(4)}vh`,
  ...Object.fromEntries(WALL_STEPS.map((w) => [`--${w.name}-root`, `${w.rootPercent}%`])),
};

/**
 * Returns CSS with each custom media reference `@media (--name)` (alone or joined with `and`,
 * `,`) replaced by its query from `MEDIA`; throws naming the file and the name when it is unknown.
 */
export function expandCustomMedia(css: string, file = 'css'): string {
  return css.replace(/@media([^{;]*)\{/g, (rule, query: string) =>
    rule.includes('(--')
      ? `@media${query.replace(/\(--([a-z0-9-]+)\)/g, (_, name: string) => {
          const q = MEDIA[name];
          if (!q) throw new Error(`${file}: @media (--${name}): unknown layout threshold; known: ${Object.keys(MEDIA).join(', ')}`);
          return q;
        })}{`
      : rule,
  );
}
