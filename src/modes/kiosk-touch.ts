import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { el, listen } from '../ui/dom.ts';
import { icon } from '../ui/icons.ts';
import { chapterOf, type Chapter } from './kiosk-chapters.ts';

/**
 * Touch controls for a kiosk visitor (`data-kiosk-state="visitor"`; kiosk.css shows them only then):
 * large Previous / Play / Next buttons and a chip for each event of the current chapter, every target at
 * least 44 × 44 CSS px (WCAG 2.5.5), in place of the explorer's speed menu and small checkboxes. They
 * lie over the bottom of the map, so the map does not change size when they appear. The verbs are the
 * app's actions.
 */
export function createTouchControls(prep: PreparedStory, store: Store, actions: Pick<AppActions, 'stepEvent' | 'togglePlay' | 'goToEvent'>, chapters: Chapter[]) {
  const big = (cls: string, label: string, iconName: string) =>
    el('button', { type: 'button', class: `kiosk-touch-btn ${cls}`, 'aria-label': label }, icon(iconName), el('span', { class: 'kiosk-touch-label' }, label));
  const prev = big('prev', 'Previous', 'prev');
  const play = big('play', 'Play', 'play');
  const next = big('next', 'Next', 'next');
  const chips = el('div', { class: 'kiosk-chips', role: 'group', 'aria-label': 'Events in this chapter' });
  const root = el('div', { class: 'kiosk-touch', role: 'group', 'aria-label': 'Touch controls' }, el('div', { class: 'kiosk-touch-row' }, prev, play, next), chips);
  const offs = [
    listen(prev, 'click', () => actions.stepEvent(-1)),
    listen(next, 'click', () => actions.stepEvent(1)),
    listen(play, 'click', () => actions.togglePlay()),
    listen(chips, 'click', (e) => {
      const id = (e.target as Element).closest<HTMLElement>('[data-event]')?.dataset.event;
      if (id) actions.goToEvent(id);
    }),
  ];
  let chapterShown = -2;
  let currentShown = -2;
  /** Scrolls the chip row (only it: scrollIntoView would also scroll the stage and the page) so the current event's chip is in its middle. */
  const centre = () => {
    const b = chips.querySelector<HTMLElement>('.kiosk-chip.current');
    if (b) chips.scrollLeft = b.offsetLeft - (chips.clientWidth - b.offsetWidth) / 2;
  };
  // The strip is hidden while touring (no layout, nothing to scroll): when a visitor's touch shows it, the current chip comes into view.
  const shownObserver = new ResizeObserver(centre);
  shownObserver.observe(chips);
  offs.push(() => shownObserver.disconnect());
  const render = () => {
    const s = store.getState();
    const i = currentEventIndex(prep.events, s.t);
    const playLabel = s.playing ? 'Pause' : 'Play';
    if (play.getAttribute('aria-label') !== playLabel) {
      play.setAttribute('aria-label', playLabel);
      play.replaceChildren(icon(s.playing ? 'pause' : 'play'), el('span', { class: 'kiosk-touch-label' }, playLabel));
    }
    prev.disabled = i < 0;
    next.disabled = i >= prep.events.length - 1;
    const k = Math.max(0, chapterOf(chapters, i));
    if (k !== chapterShown && chapters[k]) {
      chapterShown = k;
      currentShown = -2;
      const c = chapters[k];
      chips.replaceChildren(
        ...prep.events.slice(c.first, c.last + 1).map((e) => el('button', { type: 'button', class: 'kiosk-chip', 'data-event': e.id }, el('span', { class: 'kiosk-chip-n' }, String(e.index + 1)), el('span', {}, e.title))),
      );
    }
    if (i !== currentShown) {
      currentShown = i;
      for (const b of chips.querySelectorAll<HTMLElement>('.kiosk-chip')) {
        const on = b.dataset.event === prep.events[i]?.id;
        b.classList.toggle('current', on);
        if (on) b.setAttribute('aria-current', 'step');
        else b.removeAttribute('aria-current');
      }
      centre();
    }
  };
  offs.push(store.subscribe((s) => [s.t, s.playing] as const, render, { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1], fireImmediately: true }));
  return { root, destroy: () => (offs.forEach((f) => f()), root.remove()) };
}
