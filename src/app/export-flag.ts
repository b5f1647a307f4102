import type { ExportFlag } from '../contracts/app-context.ts';

/**
 * Returns the export flag. Code reads `active` (tests read `window.explainer.exporting`); while it is
 * set, `stage` carries `data-exporting`, which only its CSS reads (no overflow while the map has an
 * export's size).
 */
export function createExportFlag(stage: HTMLElement): ExportFlag {
  let active = false;
  let moving = false;
  return {
    get active() {
      return active;
    },
    get moving() {
      return moving;
    },
    set(on: boolean, move = false) {
      active = on;
      moving = on && move;
      stage.toggleAttribute('data-exporting', on);
    },
  };
}
