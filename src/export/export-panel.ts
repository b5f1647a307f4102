import type { ModeContext } from '../modes/context.ts';

/** Returns the "Export PNG" control for the explorer's toolbar, or null where it does not apply. */
export function createExportControl(_ctx: ModeContext): { root: HTMLElement; destroy(): void } | null {
  return null;
}
