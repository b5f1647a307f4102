import { el } from '../ui/dom.ts';
import './card-pages.css';

/**
 * A block of the card's text under the headline (a paragraph, a claim, a dispute's columns): its top
 * and height (CSS px, from the top of the text) and where a page may break inside it: the y of each
 * gap between its lines of text, where no line of any of its columns is cut.
 */
export interface TextBlock {
  top: number;
  height: number;
  breaks: readonly number[];
}

/** A line of text's box, top and bottom (CSS px); a heading's line keeps with the line after it. */
export interface LineBox {
  top: number;
  bottom: number;
  keepWithNext?: boolean;
}

/**
 * How far (CSS px) two lines' boxes may overlap and still have a break between them (in the middle of
 * the overlap): a text box is the font's whole height (about 1.36 em for the theme's face), so at a line
 * height of 1.4 the boxes of two lines are a pixel apart, and rounding can make them touch.
 */
const LINE_OVERLAP_PX = 1;

/**
 * Returns where a page may break among lines of text (the middle of each gap between them), for
 * lines in any order and in columns side by side whose lines do not line up: a y is a break only
 * where no line of any column crosses it (by more than `LINE_OVERLAP_PX`), and not right after a heading
 * (it stays with its first line).
 */
export function lineBreaks(lines: readonly LineBox[]): number[] {
  const sorted = lines.filter((l) => l.bottom > l.top).sort((a, b) => a.top - b.top);
  const out: number[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  // whether the run of lines since the last gap ends with a heading's line
  let keep = false;
  for (const l of sorted) {
    if (l.top >= reach - LINE_OVERLAP_PX && Number.isFinite(reach) && !keep) out.push((reach + l.top) / 2);
    if (l.bottom >= reach) keep = !!l.keepWithNext;
    reach = Math.max(reach, l.bottom);
  }
  return out;
}

/**
 * Returns where each page of the card's text starts (px from its top) for pages `pageHeight` px
 * tall. A block that fits on a page is never cut: the page breaks before it when it does not fit on
 * the current one. A block taller than a page goes on from where the page is, and its pages break at
 * the last gap between its lines that fits (cut at the page's height only where no gap fits within a
 * page: a line taller than a page, or columns whose gaps never line up within one). The first page
 * starts at 0; a page under 1 px tall (not yet laid out) gives one page.
 */
export function pageStarts(blocks: readonly TextBlock[], pageHeight: number): number[] {
  const starts = [0];
  if (!(pageHeight >= 1)) return starts;
  let cur = 0;
  for (const b of [...blocks].sort((x, y) => x.top - y.top)) {
    const bottom = b.top + b.height;
    if (bottom - cur <= pageHeight + 0.5) continue;
    if (b.height <= pageHeight + 0.5) {
      starts.push((cur = b.top));
      continue;
    }
    const candidates = [b.top, ...b.breaks];
    while (bottom - cur > pageHeight + 0.5) {
      const limit = cur + pageHeight + 0.5;
      const fit = candidates.filter((y) => y > cur + 0.5 && y <= limit);
      starts.push((cur = fit.length ? Math.max(...fit) : cur + pageHeight));
    }
  }
  return starts;
}

/**
 * Returns each page's share of the event's dwell (summing to 1): half the dwell shared equally, half
 * by how much text each page holds, so a page of one line is not held as long as a full one, and no
 * page less than half an equal share. `starts` are the pages' starts and `end` the text's bottom (px).
 */
export function pageShares(starts: readonly number[], end: number): number[] {
  const n = starts.length;
  if (n <= 1) return [1];
  const heights = starts.map((s, k) => Math.max(0, (starts[k + 1] ?? end) - s));
  const total = heights.reduce((a, h) => a + h, 0);
  if (!(total > 0)) return starts.map(() => 1 / n);
  return heights.map((h) => 0.5 / n + (0.5 * h) / total);
}

/** Returns the page (0-based) shown at a point (0–1) of the event's dwell, each page held for its share (`pageShares`). */
export function pageAt(dwellProgress: number, shares: readonly number[]): number {
  if (shares.length <= 1) return 0;
  let acc = 0;
  for (let k = 0; k < shares.length - 1; k++) {
    acc += shares[k];
    if (dwellProgress < acc - 1e-9) return k;
  }
  return shares.length - 1;
}

/** Returns the boxes of the lines of text in `root` (px from `origin`), from each text node's line fragments. */
function textLines(root: HTMLElement, origin: number): LineBox[] {
  const out: LineBox[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent?.trim()) continue;
    range.selectNodeContents(n);
    const keepWithNext = !!n.parentElement?.closest('h1, h2, h3, h4, h5, h6');
    for (const q of range.getClientRects()) if (q.height > 0 && q.width > 0) out.push({ top: q.top - origin, bottom: q.bottom - origin, keepWithNext });
  }
  return out;
}

/** How long (ms) a page fades out before the next fades in (not under reduced motion: a cut). */
const FADE_MS = 260;

/** The card's text under a pinned headline, shown a page at a time while the kiosk tours. */
export interface CardPages {
  /** Shows the page for a point (0–1) of the event's dwell. */
  show(dwellProgress: number): void;
  /** Returns the page shown (0-based) and how many there are. */
  state(): { page: number; pages: number };
  destroy(): void;
}

/**
 * Pages an event card's text while touring: the card's kicker and headline stay where they are and
 * everything after them is moved into a clipped box that shows one page at a time (by CSS custom
 * properties that only the touring state's rules read, so a visitor's card is untouched). The card
 * re-renders on each event: its new text is wrapped again and the pages measured again, and again
 * when the box changes size.
 */
export function createCardPages(card: HTMLElement, reducedMotion: boolean): CardPages {
  const inner = el('div', { class: 'kiosk-pages-inner' });
  const box = el('div', { class: 'kiosk-pages' }, inner);
  let starts = [0];
  let shares = [1];
  let page = 0;
  let progress = 0;
  let fade = 0;
  const blocks = (): TextBlock[] => {
    const top = inner.getBoundingClientRect().top;
    const units = Array.from(inner.children).flatMap((c) => (c.classList.contains('claims') ? Array.from(c.children) : [c]));
    return units
      .filter((u): u is HTMLElement => u instanceof HTMLElement && u.offsetParent !== null)
      .map((u) => {
        const r = u.getBoundingClientRect();
        return { top: r.top - top, height: r.height, breaks: lineBreaks(textLines(u, top)) };
      });
  };
  const place = () => {
    const start = starts[page] ?? 0;
    const end = starts[page + 1] ?? Number.POSITIVE_INFINITY;
    inner.style.setProperty('--page-top', `${start}px`);
    inner.style.setProperty('--page-bottom', `${Number.isFinite(end) ? Math.max(0, inner.offsetHeight - end) : 0}px`);
    box.dataset.page = String(page + 1);
    box.dataset.pages = String(starts.length);
  };
  /** The page being faded to (the page shown when no fade runs). */
  let target = 0;
  const turn = (next: number) => {
    if (next === target) return;
    target = next;
    clearTimeout(fade);
    if (reducedMotion) {
      page = next;
      return place();
    }
    inner.classList.add('turning');
    fade = window.setTimeout(() => {
      page = target;
      place();
      inner.classList.remove('turning');
    }, FADE_MS);
  };
  const measure = () => {
    const measured = blocks();
    starts = pageStarts(measured, box.clientHeight);
    shares = pageShares(starts, measured.reduce((m, b) => Math.max(m, b.top + b.height), 0));
    clearTimeout(fade);
    inner.classList.remove('turning');
    page = target = pageAt(progress, shares);
    place();
  };
  const wrap = () => {
    if (box.parentNode === card && card.lastElementChild === box) return;
    const title = card.querySelector(':scope > h2');
    if (!title) return;
    const rest: Node[] = [];
    for (let n = title.nextSibling; n; n = n.nextSibling) if (n !== box) rest.push(n);
    inner.replaceChildren(...rest);
    card.append(box);
    progress = 0;
    page = 0;
    measure();
  };
  const mo = new MutationObserver(wrap);
  mo.observe(card, { childList: true });
  const ro = new ResizeObserver(() => measure());
  ro.observe(box);
  wrap();
  return {
    show(p) {
      progress = p;
      turn(pageAt(p, shares));
    },
    state: () => ({ page, pages: starts.length }),
    destroy() {
      clearTimeout(fade);
      mo.disconnect();
      ro.disconnect();
      if (box.parentNode === card) box.replaceWith(...Array.from(inner.childNodes));
    },
  };
}
