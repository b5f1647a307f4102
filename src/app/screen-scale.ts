import { KIOSK_ROOT_PX } from '../theme/layout.ts';

/**
 * Returns how much bigger than 1080p the screen is, for a mode that scales with the screen (kiosk):
 * kiosk.css grows the root font with the screen, and the map's marks, labels and camera stops follow
 * by the same factor (read once: a kiosk screen does not change size). 1 otherwise, so exports never
 * depend on the screen.
 */
export function screenScaleFor(scalesWithScreen: boolean): number {
  return scalesWithScreen ? Math.max(1, parseFloat(getComputedStyle(document.documentElement).fontSize) / KIOSK_ROOT_PX) : 1;
}
