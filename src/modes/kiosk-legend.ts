import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import { captionContent, frameTest } from '../export/caption.ts';
import type { MapView } from '../map/map-view.ts';
import type { Store } from '../state/store.ts';
import { el, fill } from '../ui/dom.ts';
import { swatch } from '../ui/legend.ts';

/**
 * Returns the kiosk's legend: a key of what is in the current frame only (the categories of the
 * places shown at the current time inside the map's bounds, as the export caption's legend counts
 * them), always visible under the card. It has no toggles: nothing in it ends the tour.
 */
export function createFrameLegend(prep: PreparedStory, store: Store, mapView: MapView) {
  const list = el('ul', {});
  const root = el('section', { class: 'kiosk-legend', 'aria-label': 'Key to the map now' }, el('h2', {}, 'On the map'), list);
  let shown = '';
  const draw = (entries: ReturnType<typeof captionContent>['legend']) =>
    fill(list, ...entries.map((x) => el('li', { 'data-category': x.id }, swatch(x.symbol, x.color), el('span', {}, x.label))));
  /** Every entry the key can ever show: those of any moment of the story, in the theme's order. */
  const everything = () => {
    const byId = new Map<string, ReturnType<typeof captionContent>['legend'][number]>();
    const layers = store.getState().layers;
    for (const t of [...prep.events.map((e) => e.t0), prep.end]) for (const x of captionContent(prep, { t, layers }).legend) byId.set(x.id, x);
    const order = [...prep.theme.categories.map((c) => c.id), 'distances'];
    return [...byId.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  };
  const render = () => {
    const { map } = mapView;
    const b = map.getBounds();
    // a place's extent and label anchor, and a line's segments, as the export caption's legend counts them (the kiosk's map has no caption bands)
    const entries = captionContent(prep, store.getState(), frameTest([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()])).legend;
    const key = entries.map((x) => x.id).join('|');
    if (key === shown) return;
    shown = key;
    draw(entries);
    root.hidden = entries.length === 0;
  };
  /** The list's width (CSS px) at the last `reserve`, -1 before one. */
  let reservedWidth = -1;
  /**
   * Keeps the key's box as tall as its longest list needs where it is now, so that the frame around it
   * (the bottom bar, the card) keeps its size from one stop to the next: the map never resizes. Measured
   * at the box's own height (not stretched to the bar's other column), and again whenever the list's width
   * changes (`widthWatch`).
   */
  const reserve = () => {
    root.style.minHeight = '';
    root.hidden = false;
    draw(everything());
    root.style.height = 'max-content';
    root.style.minHeight = `${root.offsetHeight}px`;
    root.style.height = '';
    reservedWidth = list.clientWidth;
    shown = '';
    render();
  };
  /**
   * The list's width follows the bar's other column (the moment and the chapters), which can settle
   * after the first measure: at 1280 × 720 the key was measured two columns wide while that column was
   * still 538 px, then held 100 px of empty bar (and a map that much shorter) once it was 310 px.
   */
  const widthWatch = new ResizeObserver(() => {
    // (a hidden key, with nothing in frame, has no width to measure at)
    if (reservedWidth >= 0 && list.clientWidth > 0 && list.clientWidth !== reservedWidth) reserve();
  });
  widthWatch.observe(list);
  const { map } = mapView;
  map.on('moveend', render);
  // Places come in at their events' starts, so the key can only change with the current event (or the frame, or the layers).
  const off = store.subscribe((s) => [currentEventIndex(prep.events, s.t), s.layers] as const, render, { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1], fireImmediately: true });
  return {
    root,
    render,
    reserve,
    destroy() {
      widthWatch.disconnect();
      map.off('moveend', render);
      off();
      root.remove();
    },
  };
}
