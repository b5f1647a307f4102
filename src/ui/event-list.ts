import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { eventSpan } from '../time/format.ts';
import { el, listen } from './dom.ts';

/**
 * Scrolls `box` (the list's own scroll box) just enough to show `item`, and nothing else: unlike
 * `scrollIntoView`, which also scrolls every scrolling ancestor (the side column, the phone's page),
 * so the event card above the list left the screen on each step.
 */
export function revealInBox(box: HTMLElement, item: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const b = box.getBoundingClientRect();
  const r = item.getBoundingClientRect();
  if (r.top < b.top) box.scrollTop += r.top - b.top;
  else if (r.bottom > b.bottom) box.scrollTop += Math.min(r.bottom - b.bottom, r.top - b.top);
}

/**
 * Returns the chronological list of events, the text alternative of the map at time t: each item is
 * marked past, current or future and jumps to its event when activated. With `scroll`, the list
 * scrolls its current event into view.
 */
export function createEventList(prep: PreparedStory, store: Store, actions: Pick<AppActions, 'goToEvent'>, { scroll }: { scroll: boolean }) {
  const items = prep.events.map((e) => {
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
    return { li: el('li', { 'data-event': e.id }, btn), btn };
  });
  const list = el('ol', {}, ...items.map((x) => x.li));
  const root = el('nav', { class: 'event-list', 'aria-label': 'Events' }, el('h2', {}, 'Timeline of events'), list);
  const offs = items.map(({ btn }, i) => listen(btn, 'click', () => actions.goToEvent(prep.events[i].id)));
  const render = (cur: number) => {
    items.forEach(({ li, btn }, i) => {
      const state = i < cur ? 'past' : i === cur ? 'current' : 'future';
      li.className = state;
      btn.toggleAttribute('aria-current', i === cur);
      if (i === cur) btn.setAttribute('aria-current', 'step');
      (btn.querySelector('.state') as HTMLElement).textContent = state === 'current' ? ' (now)' : state === 'past' ? ' (happened)' : ' (upcoming)';
    });
    const current = items[cur]?.li;
    if (current && scroll) revealInBox(list, current);
  };
  offs.push(store.subscribe((s) => currentEventIndex(prep.events, s.t), render, { fireImmediately: true }));
  return { root, destroy: () => offs.forEach((f) => f()) };
}
