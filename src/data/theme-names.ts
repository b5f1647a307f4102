/**
 * The names data/theme.json draws with, as plain constants: the schema (schema.ts) builds its enums
 * from them, and the page's own code reads them without loading zod.
 */

/** Symbols of categories whose places are points: a mark from the icon atlas. */
export const POINT_SYMBOLS = ['circle', 'diamond', 'star', 'square'] as const;
/** Symbols of categories whose places are areas: a fill from the pattern atlas. */
export const AREA_SYMBOLS = ['hatch', 'cross-hatch', 'dots', 'solid', 'outline'] as const;
/** Statuses an event gives a place that decide how it is drawn (they outrank its kind). */
export const IMPACT_STATUSES = ['struck', 'attack-reported'] as const;
