import type { ModeContext, ModeHandle } from './context.ts';

/** Starts screenshot mode: a clean, captioned frame with no controls. */
export function startScreenshot(_ctx: ModeContext): ModeHandle {
  return { destroy() {} };
}
