import type { ExportFlag } from '../contracts/app-context.ts';

/**
 * Returns the export flag. Code reads `active` (tests read `window.explainer.exporting`); while it is
 * set, `stage` carries `data-exporting`, which only its CSS reads (no overflow while the map has an
 * export's size).
 */
export function createExportFlag(stage: HTMLElement): ExportFlag {
  let active = false;
  return {
    get active() {
      return active;
    },
    set(on: boolean) {
      active = on;
      stage.toggleAttribute('data-exporting', on);
    },
  };
}
