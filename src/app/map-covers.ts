import type { Box } from '../map/label-layout.ts';

/**
 * What lies over the map and hides what is under it (the legend, maplibre's attribution, a place's
 * panel, a kiosk visitor's touch controls), from one list: the label plan keeps names clear of all of
 * it, and the camera frames an event clear of all but the labels-only covers (see `addQuiet`).
 */
export interface MapCovers {
  /** The boxes on the page now (CSS px) that a frame keeps clear of: all but the labels-only covers, and a hidden one (no size) left out. */
  rects(): DOMRect[];
  /** Their boxes on the map (CSS px from its top-left corner), as last measured (at creation, then a frame after one of them or the map resized): the label plan's covers. */
  onMap(): readonly Box[];
  /**
   * Calls `f` when a box on the map has changed (the legend opened or closed, the attribution wrapped
   * or folded, the map resized); with `quiet`, also when only a quiet cover came, went or moved (see
   * `addQuiet`). Returns the unsubscribe.
   */
  onChange(f: () => void, opts?: { quiet?: boolean }): () => void;
  /**
   * Adds a quiet cover: labels keep clear of it and a frame made while it is shown keeps clear of it,
   * but its coming and going does not move a frame already made (a kiosk visitor's touch controls,
   * shown by the touch that wakes the kiosk: the map must not move under the finger). With `frames:
   * false` the labels alone keep clear of it (a place's panel, which in an embed covers most of the map:
   * no frame could keep clear of it). Returns the removal.
   */
  addQuiet(el: HTMLElement, opts?: { frames?: boolean }): () => void;
  destroy(): void;
}

/** Returns the covers of `mapEl` among `elements` (null: not on the page), kept up to date by a ResizeObserver. */
export function createMapCovers(mapEl: HTMLElement, elements: (HTMLElement | null)[]): MapCovers {
  const loud = elements.filter((e): e is HTMLElement => !!e);
  const quiet: HTMLElement[] = [];
  /** The quiet covers that frames do not keep clear of. */
  const labelsOnly = new Set<HTMLElement>();
  const shown = (els: HTMLElement[]) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  const rects = () => shown([...loud, ...quiet.filter((e) => !labelsOnly.has(e))]);
  const onMapOf = (els: HTMLElement[]): Box[] => {
    const m = mapEl.getBoundingClientRect();
    return shown(els).map((r) => [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top]);
  };
  // kept, so a plan never forces a layout
  let boxes = onMapOf([...loud, ...quiet]);
  let key = boxes.join(' ');
  let loudKey = onMapOf(loud).join(' ');
  const listeners = new Set<() => void>();
  const quietListeners = new Set<() => void>();
  let frame = 0;
  const update = () => {
    frame = 0;
    const next = onMapOf([...loud, ...quiet]);
    const k = next.join(' ');
    if (k === key) return;
    boxes = next;
    key = k;
    const lk = onMapOf(loud).join(' ');
    const loudMoved = lk !== loudKey;
    loudKey = lk;
    // the camera's refit first: the labels are then planned for the frame it makes
    if (loudMoved) for (const f of listeners) f();
    for (const f of quietListeners) f();
  };
  // measured on the next frame, not in the observer's callback: the legend moves up over the
  // attribution when another callback (the camera's) sets the attribution's height, which moves it
  // without resizing it
  const ro = new ResizeObserver(() => {
    if (!frame) frame = requestAnimationFrame(update);
  });
  // the map too: a cover anchored to the map's foot moves on it when the map changes height
  for (const e of [mapEl, ...loud]) ro.observe(e);
  return {
    rects,
    onMap: () => boxes,
    onChange(f, opts) {
      const set = opts?.quiet ? quietListeners : listeners;
      set.add(f);
      return () => set.delete(f);
    },
    addQuiet(el, opts) {
      quiet.push(el);
      if (opts?.frames === false) labelsOnly.add(el);
      ro.observe(el);
      if (!frame) frame = requestAnimationFrame(update);
      return () => {
        const i = quiet.indexOf(el);
        if (i < 0) return;
        quiet.splice(i, 1);
        labelsOnly.delete(el);
        ro.unobserve(el);
        if (!frame) frame = requestAnimationFrame(update);
      };
    },
    destroy() {
      ro.disconnect();
      cancelAnimationFrame(frame);
      listeners.clear();
      quietListeners.clear();
    },
  };
}
