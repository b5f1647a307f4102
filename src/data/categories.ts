import type { ImpactStatus, PlaceKind, PlaceStatus, ThemeCategory } from './schema.ts';
import { IMPACT_STATUSES, POINT_SYMBOLS } from './theme-names.ts';

/** Returns whether a status is one that decides how a place is drawn (struck, attack-reported). */
export function isImpact(status: PlaceStatus | undefined): status is ImpactStatus {
  return (IMPACT_STATUSES as readonly (string | undefined)[]).includes(status);
}

/**
 * Returns the theme category a place is drawn in, by data/theme.json's rule: the first category that
 * lists the place's impact status (given by an event: struck, attack-reported), else the first that
 * lists its kind; undefined if none does (the data build refuses such a theme).
 */
export function categoryFor(categories: readonly ThemeCategory[], kind: PlaceKind, status?: PlaceStatus): ThemeCategory | undefined {
  const impact = isImpact(status) ? status : undefined;
  return (impact && categories.find((c) => c.statuses?.includes(impact))) || categories.find((c) => c.kinds?.includes(kind));
}

/** Returns whether a category's symbol draws points (else areas). */
export function drawsPoints(category: ThemeCategory): boolean {
  return (POINT_SYMBOLS as readonly string[]).includes(category.symbol);
}
