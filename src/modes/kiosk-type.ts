import type { KioskSettings } from '../state/kiosk-settings.ts';
import { SMALLEST_MAP_LABEL_PX } from '../map/label-sizes.ts';

/**
 * Kiosk type sized for a viewing distance. The rule: a character's height (its capital letters,
 * measured on "H") must subtend at least 16 minutes of arc at the farthest viewing distance
 * (ISO 9241-303's minimum for displayed text; NUREG-0700 §1.3.1 and its group-view displays give the
 * same 16′ at the maximum viewing distance), which is 4.65 mm of cap height per metre. Text read for
 * longer sits above it: the card body at 18′ (the FAA's Human Factors guidance: legibility begins to
 * fall below 18′) and the headline at 26′ (above the 20–22′ ISO 9241-303 prefers).
 *
 * The CSS px those millimetres take follow from the screen: its diagonal (a kiosk setting, 55 inches by
 * default) over the page's diagonal in CSS px, so a 55-inch panel is 0.634 mm per px at 1920 × 1080
 * and 0.317 at 3840 × 2160 (device pixel ratio 1), upright or not.
 */

/** Minutes of arc a capital letter subtends, per tier of kiosk text. */
export const KIOSK_ARCMIN = { min: 16, body: 18, headline: 26 } as const;
export type KioskTypeTier = keyof typeof KIOSK_ARCMIN;

/** Cap height of Noto Sans, the theme's font (capHeight 714 of 1000 units per em). */
export const CAP_HEIGHT_EM = 0.714;

const MM_PER_INCH = 25.4;

/** Returns the cap height (mm) that subtends `arcmin` minutes of arc at `distanceM` metres. */
export function capHeightMm(distanceM: number, arcmin: number): number {
  return 2 * distanceM * 1000 * Math.tan(((arcmin / 60) * Math.PI) / 180 / 2);
}

/** Returns millimetres per CSS px on a screen of `diagonalIn` inches showing `width` × `height` CSS px (square pixels). */
export function mmPerCssPx(diagonalIn: number, width: number, height: number): number {
  return (diagonalIn * MM_PER_INCH) / Math.hypot(width, height);
}

/** Kiosk font sizes (CSS px) for each tier, and the figures they come from. */
export interface KioskType {
  /** Font size (CSS px) of the smallest kiosk text: legend, progress, attribution, map labels. */
  min: number;
  /** Font size (CSS px) of the card's body text. */
  body: number;
  /** Font size (CSS px) of the card's headline. */
  headline: number;
  /** The screen's mm per CSS px. */
  mmPerPx: number;
  /** The minimum cap height (mm) at this distance. */
  minCapMm: number;
}

/** Returns the font size (CSS px) whose capitals subtend `arcmin` at `distanceM` on a screen of `mmPerPx`. */
export function fontPx(arcmin: number, distanceM: number, mmPerPx: number, capEm = CAP_HEIGHT_EM): number {
  return capHeightMm(distanceM, arcmin) / mmPerPx / capEm;
}

/** Returns the kiosk's font sizes for its settings on a page of `width` × `height` CSS px (rounded up to a tenth of a px). */
export function kioskType(settings: Pick<KioskSettings, 'viewingDistanceM' | 'screenDiagonalIn'>, width: number, height: number): KioskType {
  const mmPerPx = mmPerCssPx(settings.screenDiagonalIn, width, height);
  const size = (tier: KioskTypeTier) => Math.ceil(fontPx(KIOSK_ARCMIN[tier], settings.viewingDistanceM, mmPerPx) * 10) / 10;
  return { min: size('min'), body: size('body'), headline: size('headline'), mmPerPx, minCapMm: capHeightMm(settings.viewingDistanceM, KIOSK_ARCMIN.min) };
}


/**
 * Returns the map type scale (≥ 1) that brings the smallest story label, drawn at `markScale ×
 * screenScale × SMALLEST_MAP_LABEL_PX`, up to `minPx`.
 */
export function mapTypeScaleFor(minPx: number, markScale: number, screenScale: number): number {
  return Math.max(1, Math.round((minPx / (SMALLEST_MAP_LABEL_PX * markScale * screenScale)) * 100) / 100);
}

/** The custom properties kiosk.css reads for its text sizes. */
export function typeProperties(t: KioskType): Record<string, string> {
  return { '--kiosk-text-min': `${t.min}px`, '--kiosk-text-body': `${t.body}px`, '--kiosk-text-head': `${t.headline}px` };
}
