import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { eventSpan } from '../time/format.ts';
import { el, listen } from './dom.ts';
import { markMoreBelow } from './scroll-more.ts';
import { createVirtualList, revealRow } from './virtual-list.ts';

const STATE_TEXT = { past: ' (happened)', current: ' (now)', future: ' (upcoming)' } as const;

/**
 * Returns the chronological list of events, the text alternative of the map at time t: each item is
 * marked past, current or future and jumps to its event when activated. With `scroll`, the list
 * scrolls its current event into view. A long story's list renders only the items in view and the
 * current one (`createVirtualList`), each with its place in the whole ("3 of 2,000").
 */
export function createEventList(prep: PreparedStory, store: Store, actions: Pick<AppActions, 'goToEvent'>, { scroll }: { scroll: boolean }) {
  let cur = currentEventIndex(prep.events, store.getState().t);
  const stateOf = (i: number) => (i < cur ? 'past' : i === cur ? 'current' : 'future');
  /** Marks an item past, current or future (class, aria-current and the screen-reader word). */
  const mark = (li: HTMLLIElement, i: number) => {
    const state = stateOf(i);
    li.className = state;
    const btn = li.firstElementChild as HTMLButtonElement;
    if (i === cur) btn.setAttribute('aria-current', 'step');
    else btn.removeAttribute('aria-current');
    (btn.querySelector('.state') as HTMLElement).textContent = STATE_TEXT[state];
  };
  const renderRow = (i: number) => {
    const e = prep.events[i];
    const btn = el(
      'button',
      { type: 'button', class: 'event-link', 'data-event': e.id },
      el('time', { datetime: e.start }, eventSpan(e)),
      el('span', { class: 'title' }, e.title),
      el('span', { class: 'state sr-only' }),
      el(
        'span',
        { class: 'places' },
        e.places
          .map((id) => prep.placeById.get(id)?.props.name)
          .filter(Boolean)
          .join(' · '),
      ),
    );
    const li = el('li', { 'data-event': e.id }, btn);
    mark(li, i);
    return li;
  };
  const list = el('ol', {});
  const root = el('nav', { class: 'event-list', 'aria-label': 'Events' }, el('h2', {}, 'Timeline of events'), list);
  const rows = createVirtualList(list, { count: prep.events.length, renderRow, pinned: () => (cur >= 0 ? [cur] : []), estimate: 56 });
  const byId = new Map(prep.events.map((e, i) => [e.id, i]));
  const offs = [
    listen(list, 'click', (ev) => {
      const id = (ev.target as Element).closest<HTMLElement>('button[data-event]')?.dataset.event;
      if (id !== undefined && byId.has(id)) actions.goToEvent(id);
    }),
  ];
  // the explorer's list scrolls in its own box under the card: its foot fades while it goes on
  const more = markMoreBelow(list);
  offs.push(() => more.destroy());
  /**
   * Renders the current item and scrolls to it, once per frame: a drag over a dense story changes the
   * current event on nearly every pointer move, and reading the list's geometry in the move's handler,
   * after the card and the readout have changed, would force a layout each time.
   */
  let frame = 0;
  const follow = () => {
    frame = 0;
    // before the first event the list goes back to its top, where the story starts
    if (cur < 0) {
      if (scroll) list.scrollTop = 0;
      return rows.update();
    }
    // the item is rendered already unless the list was scrolled away from it; the scroll renders the rest
    const current = rows.row(cur);
    if (scroll) revealRow(list, current);
  };
  const render = (next: number) => {
    const prev = cur;
    cur = next;
    if (prev === next) return;
    const lo = Math.min(prev, next);
    const hi = Math.max(prev, next);
    // only the rendered items between the old and the new current event change state, at once
    for (const i of rows.renderedBetween(Math.max(lo, 0), hi)) mark(rows.rendered(i)!, i);
    if (!frame) frame = requestAnimationFrame(follow);
  };
  offs.push(store.subscribe((s) => currentEventIndex(prep.events, s.t), render));
  return {
    root,
    destroy: () => {
      cancelAnimationFrame(frame);
      rows.destroy();
      offs.forEach((f) => f());
    },
  };
}
