import type { ExportFlag } from '../contracts/app-context.ts';

/** Returns the export flag; while it is set, `stage` carries the `exporting` class (its CSS: no overflow while the map has an export's size). */
export function createExportFlag(stage: HTMLElement): ExportFlag {
  let active = false;
  return {
    get active() {
      return active;
    },
    set(on: boolean) {
      active = on;
      stage.classList.toggle('exporting', on);
    },
  };
}
