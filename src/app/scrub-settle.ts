/** How long a drag must rest (ms without a time step) before the work its steps deferred runs. */
export const SCRUB_SETTLE_MS = 150;

export interface ScrubSettleOptions {
  /** Quiet time (ms) that ends a fast scrub. */
  quietMs?: number;
  /** Returns the time now, ms (performance.now by default). */
  now?: () => number;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

/**
 * Returns the scheduler of a time step's heavy work (`run`: the layer rebuild, label plan and the
 * basemap's label space when the current event changes). A step that needs the work runs it at once,
 * unless it comes during a fast scrub: a pointer held down and the previous step less than `quietMs`
 * ago. Then the work waits until the scrub rests `quietMs`, or the pointer is released, and runs once.
 * A keyboard step, a click, playback or an export never holds a pointer down, so they run at once.
 */
export function createScrubSettle(run: () => void, { quietMs = SCRUB_SETTLE_MS, now = () => performance.now(), setTimer = setTimeout, clearTimer = (id) => clearTimeout(id as number) }: ScrubSettleOptions = {}) {
  let last = -Infinity;
  let timer: unknown = null;
  let pending = false;
  const stopTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  const settle = () => {
    stopTimer();
    if (!pending) return;
    pending = false;
    run();
  };
  return {
    /**
     * Notes a time step; `needsWork`: whether it changed what the work builds (the current event);
     * `held`: whether a pointer is down. Runs the work now and returns true, or defers it (false).
     */
    step(needsWork: boolean, held: boolean): boolean {
      const t = now();
      const fast = held && t - last < quietMs;
      last = t;
      if (!needsWork && !pending) return false;
      if (needsWork && !fast) {
        pending = true;
        settle();
        return true;
      }
      pending = true;
      stopTimer();
      timer = setTimer(settle, quietMs);
      return false;
    },
    /** The pointer was released: runs deferred work now. */
    release: settle,
    /** The work ran for another reason (a zoom, a layer toggle): nothing is left to defer. */
    cancel() {
      pending = false;
      stopTimer();
    },
    /** Returns whether work is waiting for the scrub to rest. */
    get pending() {
      return pending;
    },
  };
}
