/**
 * Keeps `--chrome-h` on `root` at the height of the page's fixed parts together (the masthead and the
 * timeline), so that a layout whose map fills the screen between them (a phone on its side: the page
 * scrolls, the timeline sticks to its foot) gives the map what is left. A constant there (5.5rem) had
 * let a 112 px timeline cover the map's foot and the legend's button at 740 × 360.
 */
export function trackChromeHeight(root: HTMLElement, parts: readonly HTMLElement[]): { destroy(): void } {
  let h = -1;
  const place = () => {
    const next = parts.reduce((sum, p) => sum + p.offsetHeight, 0);
    if (next === h) return;
    h = next;
    root.style.setProperty('--chrome-h', `${h}px`);
  };
  place();
  const ro = new ResizeObserver(place);
  for (const p of parts) ro.observe(p);
  return {
    destroy() {
      ro.disconnect();
      root.style.removeProperty('--chrome-h');
    },
  };
}
