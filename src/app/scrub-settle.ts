/** How long a drag must rest (ms without a time step) before the work its steps deferred runs. */
export const SCRUB_SETTLE_MS = 150;
/** And for how many frames: on a slow renderer 150 ms can pass inside one frame of a drag that never stopped. */
export const SCRUB_SETTLE_FRAMES = 3;

export interface ScrubSettleOptions {
  /** Quiet time (ms) that ends a scrub. */
  quietMs?: number;
  /** Quiet frames that end a scrub (both must pass). */
  quietFrames?: number;
  /** Returns the time now, ms (performance.now by default). */
  now?: () => number;
  /** Calls `f` before the next frame (requestAnimationFrame by default); returns an id for `cancelFrame`. */
  requestFrame?: (f: () => void) => number;
  cancelFrame?: (id: number) => void;
}

/**
 * Returns the scheduler of a time step's heavy work (`run`: the layer rebuild, label plan and the
 * basemap's label space when the current event changes). A step that needs the work runs it at once,
 * unless a pointer is held down (a drag on the timeline, where nearly every step of a dense story
 * crosses an event): then the work waits until the drag rests (`quietMs` and `quietFrames` without a
 * step) or the pointer is released, and runs once. A keyboard step, a click on an event, playback and
 * an export hold no pointer down, so they run at once.
 */
export function createScrubSettle(
  run: () => void,
  { quietMs = SCRUB_SETTLE_MS, quietFrames = SCRUB_SETTLE_FRAMES, now = () => performance.now(), requestFrame = (f) => requestAnimationFrame(f), cancelFrame = (id) => cancelAnimationFrame(id) }: ScrubSettleOptions = {},
) {
  let last = 0;
  let quiet = 0;
  let frame: number | null = null;
  let pending = false;
  const stopFrames = () => {
    if (frame !== null) cancelFrame(frame);
    frame = null;
  };
  const settle = () => {
    stopFrames();
    if (!pending) return;
    pending = false;
    // a trace marker (no timeline entry is kept), so a benchmark can tell the rest's rebuild from a step
    console.timeStamp?.('scrub-settle');
    run();
  };
  const watch = () => {
    frame = requestFrame(() => {
      frame = null;
      quiet++;
      if (quiet >= quietFrames && now() - last >= quietMs) settle();
      else watch();
    });
  };
  return {
    /**
     * Notes a time step; `needsWork`: whether it changed what the work builds (the current event);
     * `held`: whether a pointer is down. Runs the work now and returns true, or defers it (false).
     */
    step(needsWork: boolean, held: boolean): boolean {
      last = now();
      quiet = 0;
      if (needsWork && !held) {
        pending = true;
        settle();
        return true;
      }
      if (!needsWork && !pending) return false;
      pending = true;
      if (frame === null) watch();
      return false;
    },
    /** The pointer was released: runs deferred work now. */
    release: settle,
    /** The work ran for another reason (a zoom, a layer toggle): nothing is left to defer. */
    cancel() {
      pending = false;
      stopFrames();
    },
    /** Returns whether work is waiting for the scrub to rest. */
    get pending() {
      return pending;
    },
  };
}
