import type { ModeContext, ModeHandle } from './context.ts';

/** Starts kiosk mode: the attract loop, yielding to visitors and coming back when idle. */
export function startKiosk(_ctx: ModeContext): ModeHandle {
  return { destroy() {} };
}
