/** What the tracker uses of the window (a test passes a fake). */
export type PointerHoldWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** Whether a pointer is held down anywhere in the page (a drag on the slider, a pan, a pinch). */
export interface PointerHold {
  /** Whether a pointer is down now. */
  readonly held: boolean;
  /** Calls `f` each time the last held pointer is released; returns the unsubscribe. */
  onRelease(f: () => void): () => void;
  destroy(): void;
}

/**
 * Returns the page's one record of pointers held down, for the work a gesture defers until its end
 * (the URL's writes, the rebuild of a drag across events). It listens on the window in the capture
 * phase, so it knows of a press before any element handles it. A release outside the window can go
 * unseen, so the window losing focus ends every hold too.
 */
export function createPointerHold(win: PointerHoldWindow = window): PointerHold {
  const down = new Set<number>();
  const listeners = new Set<() => void>();
  const released = () => {
    for (const f of [...listeners]) f();
  };
  const onDown = (e: PointerEvent) => {
    down.add(e.pointerId);
  };
  const onUp = (e: PointerEvent) => {
    down.delete(e.pointerId);
    if (!down.size) released();
  };
  const onBlur = () => {
    if (!down.size) return;
    down.clear();
    released();
  };
  win.addEventListener('pointerdown', onDown, true);
  win.addEventListener('pointerup', onUp, true);
  win.addEventListener('pointercancel', onUp, true);
  win.addEventListener('blur', onBlur);
  return {
    get held() {
      return down.size > 0;
    },
    onRelease(f) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    destroy() {
      listeners.clear();
      down.clear();
      win.removeEventListener('pointerdown', onDown, true);
      win.removeEventListener('pointerup', onUp, true);
      win.removeEventListener('pointercancel', onUp, true);
      win.removeEventListener('blur', onBlur);
    },
  };
}
