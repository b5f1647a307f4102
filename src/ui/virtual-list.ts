import { el, listen } from './dom.ts';
import { RENDER_ALL_UP_TO, RowHeights, gapsAround, rowsToRender } from './virtual-window.ts';

export interface VirtualListOptions {
  /** Number of rows. */
  count: number;
  /** Returns a new `li` for row `i` (called when the row comes into view). */
  renderRow(i: number): HTMLLIElement;
  /** Returns rows kept rendered wherever the list is scrolled (e.g. the current one). */
  pinned?(): number[];
  /** First estimate of a row's height, px. */
  estimate?: number;
  /** Rows rendered whole up to this count. */
  renderAll?: number;
}

export interface VirtualList {
  /** Returns row `i`'s element, rendering it first (it then stays while focused or pinned). */
  row(i: number): HTMLLIElement;
  /** Returns row `i`'s element if it is rendered. */
  rendered(i: number): HTMLLIElement | undefined;
  /** Returns the rendered rows from `lo` to `hi` (inclusive), ascending. */
  renderedBetween(lo: number, hi: number): number[];
  /** Renders the rows now in view (and the pinned ones). */
  update(): void;
  destroy(): void;
}

/**
 * Renders a long list (`ol` or `ul`) by windowing: only the rows in view, some overscan and the
 * pinned rows are in the DOM; hidden `li` gaps of the unrendered rows' height keep the scroll
 * geometry. Every row carries aria-setsize and aria-posinset, so a screen reader announces "3 of
 * 2,000". A focused row is never removed (focus stays on it), and Up/Down arrows move focus between
 * rows' first focusable element, rendering the next one. Short lists (up to `renderAll`) are rendered
 * whole and never re-rendered on scroll. The view is the part of the list inside both the viewport
 * and the list's own box, so it works whether the list or the page scrolls.
 */
export function createVirtualList(list: HTMLOListElement | HTMLUListElement, o: VirtualListOptions): VirtualList {
  const renderAll = o.renderAll ?? RENDER_ALL_UP_TO;
  const heights = new RowHeights(o.count, o.estimate ?? 40);
  const live = new Map<number, HTMLLIElement>();
  const extra = new Set<number>();
  const make = (i: number) => {
    let li = live.get(i);
    if (!li) {
      li = o.renderRow(i);
      li.dataset.index = String(i);
      li.setAttribute('aria-setsize', String(o.count));
      li.setAttribute('aria-posinset', String(i + 1));
      live.set(i, li);
    }
    return li;
  };
  const focusedRow = (): number => {
    const a = document.activeElement;
    const li = a && list.contains(a) ? a.closest<HTMLLIElement>('li[data-index]') : null;
    return li ? Number(li.dataset.index) : -1;
  };
  /** Returns the list's visible part as px from its first row's top (empty when it is not on screen). */
  const view = (): [number, number] => {
    const first = list.querySelector<HTMLLIElement>('li[data-index]');
    const box = list.getBoundingClientRect();
    if (!box.height) return [0, 0];
    const origin = first ? first.getBoundingClientRect().top - heights.offset(Number(first.dataset.index)) : box.top + list.clientTop - list.scrollTop;
    return [Math.max(box.top, 0) - origin, Math.min(box.bottom, window.innerHeight) - origin];
  };
  const gap = (px: number) => el('li', { class: 'vgap', 'aria-hidden': 'true', role: 'presentation', style: `height:${px}px;padding:0;margin:0;border:0` });
  /** Whether rows measured before must be measured again (at first, and after the list or the window is resized). */
  let stale = true;
  /** Measures the rows not measured yet (all of them when `stale`): each read may force a layout. */
  const measure = (rows: number[]) => {
    let changed = false;
    for (const i of rows) {
      if (!stale && heights.isMeasured(i)) continue;
      const li = live.get(i)!;
      const h = li.getBoundingClientRect().height;
      if (h > 0) changed = heights.set(i, h) || changed;
    }
    return changed;
  };
  const place = (rows: number[]) => {
    const { before, after } = gapsAround(heights, rows);
    const nodes: HTMLElement[] = [];
    rows.forEach((i, k) => {
      if (before[k] > 0) nodes.push(gap(before[k]));
      nodes.push(make(i));
    });
    if (after > 0) nodes.push(gap(after));
    const want = new Set<Node>(nodes);
    let cur = list.firstChild;
    for (const node of nodes) {
      while (cur && !want.has(cur)) {
        const next = cur.nextSibling;
        cur.remove();
        cur = next;
      }
      if (cur === node) cur = cur.nextSibling;
      else list.insertBefore(node, cur);
    }
    while (cur) {
      const next = cur.nextSibling;
      cur.remove();
      cur = next;
    }
    for (const i of [...live.keys()]) if (!rows.includes(i)) live.delete(i);
  };
  const rowsNow = () => {
    const [top, bottom] = view();
    return rowsToRender(heights, top, bottom, [...(o.pinned?.() ?? []), focusedRow(), ...extra], { renderAll });
  };
  const update = () => {
    let rows = rowsNow();
    place(rows);
    if (o.count > renderAll && measure(rows)) {
      rows = rowsNow();
      place(rows);
      measure(rows);
    }
    stale = false;
  };
  let frame = 0;
  const soon = () => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), update()));
  };
  const resized = () => {
    stale = true;
    soon();
  };
  const offs: (() => void)[] = [];
  let resize: ResizeObserver | null = null;
  if (o.count > renderAll) {
    offs.push(listen(document, 'scroll', soon, { capture: true, passive: true }));
    offs.push(listen(window, 'resize', resized));
    resize = new ResizeObserver(resized);
    resize.observe(list);
  }
  offs.push(
    listen(list, 'keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const i = focusedRow();
      const j = i + (e.key === 'ArrowDown' ? 1 : -1);
      if (i < 0 || j < 0 || j >= o.count) return;
      e.preventDefault();
      e.stopPropagation();
      const target = api.row(j).querySelector<HTMLElement>('button, a, [tabindex]');
      target?.focus({ preventScroll: true });
      extra.clear();
      revealRow(list, api.row(j));
      soon();
    }),
  );
  const api: VirtualList = {
    row(i) {
      if (!live.has(i)) {
        extra.clear();
        extra.add(i);
        update();
      }
      return live.get(i)!;
    },
    rendered: (i) => live.get(i),
    renderedBetween: (lo, hi) => [...live.keys()].filter((i) => i >= lo && i <= hi).sort((a, b) => a - b),
    update,
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      resize?.disconnect();
      offs.forEach((f) => f());
    },
  };
  update();
  return api;
}

/**
 * Scrolls `box` (the list's own scroll box) just enough to show `item`, and nothing else: unlike
 * `scrollIntoView`, which also scrolls every scrolling ancestor (the side column, the phone's page),
 * so the event card above the list left the screen on each step.
 */
export function revealRow(box: HTMLElement, item: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const b = box.getBoundingClientRect();
  const r = item.getBoundingClientRect();
  if (r.top < b.top) box.scrollTop += r.top - b.top;
  else if (r.bottom > b.bottom) box.scrollTop += Math.min(r.bottom - b.bottom, r.top - b.top);
}
