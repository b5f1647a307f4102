import { el } from '../ui/dom.ts';
import './card-pages.css';

/** A block of the card's text under the headline: its top and height (CSS px, from the top of the text) and its line height (px). */
export interface TextBlock {
  top: number;
  height: number;
  line: number;
}

/**
 * Returns where each page of the card's text starts (px from its top) for pages `pageHeight` px
 * tall: a page breaks before the first block that does not fit on it, and inside a block taller than
 * a page between its lines. The first page starts at 0.
 */
export function pageStarts(blocks: readonly TextBlock[], pageHeight: number): number[] {
  const starts = [0];
  if (!(pageHeight > 0)) return starts;
  let cur = 0;
  for (const b of [...blocks].sort((x, y) => x.top - y.top)) {
    const bottom = b.top + b.height;
    if (bottom - cur <= pageHeight + 0.5) continue;
    if (b.top > cur + 0.5) starts.push((cur = b.top));
    const step = Math.max(1, Math.floor(pageHeight / b.line)) * b.line;
    while (bottom - cur > pageHeight + 0.5) starts.push((cur += step));
  }
  return starts;
}

/** Returns the page (0-based) shown at a point (0–1) of the event's dwell: each of `pages` pages has an equal share of it. */
export function pageAt(dwellProgress: number, pages: number): number {
  if (pages <= 1) return 0;
  return Math.min(pages - 1, Math.max(0, Math.floor(dwellProgress * pages)));
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
  let page = 0;
  let progress = 0;
  let fade = 0;
  const blocks = (): TextBlock[] => {
    const top = inner.getBoundingClientRect().top;
    const units = Array.from(inner.children).flatMap((c) => (c.classList.contains('claims') ? Array.from(c.children) : [c]));
    return units
      .filter((u) => u instanceof HTMLElement && u.offsetParent !== null)
      .map((u) => {
        const r = u.getBoundingClientRect();
        const cs = getComputedStyle(u);
        const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.4 || 24;
        return { top: r.top - top, height: r.height, line };
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
    starts = pageStarts(blocks(), box.clientHeight);
    clearTimeout(fade);
    inner.classList.remove('turning');
    page = target = pageAt(progress, starts.length);
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
      turn(pageAt(p, starts.length));
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
