import type { Box } from '../map/label-layout.ts';

/**
 * What lies over the map and hides what is under it (the legend, maplibre's attribution): the camera
 * frames an event clear of it and the label plan keeps names clear of it, from one list.
 */
export interface MapCovers {
  /** Their boxes on the page now (CSS px); a hidden one (no size) is left out. */
  rects(): DOMRect[];
  /** Their boxes on the map (CSS px from its top-left corner), as last measured (at creation, then a frame after one of them or the map resized): the label plan's covers. */
  onMap(): readonly Box[];
  /** Calls `f` when a box on the map has changed (the legend opened or closed, the attribution wrapped or folded, the map resized); returns the unsubscribe. */
  onChange(f: () => void): () => void;
  destroy(): void;
}

/** Returns the covers of `mapEl` among `elements` (null: not on the page), kept up to date by a ResizeObserver. */
export function createMapCovers(mapEl: HTMLElement, elements: (HTMLElement | null)[]): MapCovers {
  const els = elements.filter((e): e is HTMLElement => !!e);
  const rects = () => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  const measure = (): Box[] => {
    const m = mapEl.getBoundingClientRect();
    return rects().map((r) => [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top]);
  };
  // kept, so a plan never forces a layout
  let boxes = measure();
  let key = boxes.join(' ');
  const listeners = new Set<() => void>();
  let frame = 0;
  const update = () => {
    frame = 0;
    const next = measure();
    const k = next.join(' ');
    if (k === key) return;
    boxes = next;
    key = k;
    for (const f of listeners) f();
  };
  // measured on the next frame, not in the observer's callback: the legend moves up over the
  // attribution when another callback (the camera's) sets the attribution's height, which moves it
  // without resizing it
  const ro = new ResizeObserver(() => {
    if (!frame) frame = requestAnimationFrame(update);
  });
  // the map too: a cover anchored to the map's foot moves on it when the map changes height
  for (const e of [mapEl, ...els]) ro.observe(e);
  return {
    rects,
    onMap: () => boxes,
    onChange(f) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    destroy() {
      ro.disconnect();
      cancelAnimationFrame(frame);
      listeners.clear();
    },
  };
}
