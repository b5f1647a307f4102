import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { Store } from '../state/store.ts';
import { eventSpan, formatMoment } from '../time/format.ts';
import { commaList, el, fill, listen } from './dom.ts';
import { claimsView, elsewhereMark, sourceItems } from './sources.ts';

/**
 * Returns the card for the current event (time, title, text, claims, sources), re-rendered only when
 * the event changes. With `onPlace`, it lists the event's places as buttons that open their details:
 * the keyboard's way to what a click on the map opens.
 */
export function createEventCard(prep: PreparedStory, store: Store, { onPlace }: { onPlace?: (id: string) => void } = {}) {
  const root = el('article', { class: 'event-card', 'aria-labelledby': 'event-title' });
  const placesOf = (ids: readonly string[]) => {
    const named = ids.map((id) => prep.placeById.get(id)).filter((p) => p !== undefined);
    if (!onPlace || !named.length) return null;
    return el('p', { class: 'card-places' }, 'On the map: ', ...commaList(named.map((p) => el('button', { type: 'button', class: 'linkish', 'data-place': p.id }, p.props.name))));
  };
  const offClick = onPlace
    ? listen(root, 'click', (ev) => {
        const id = (ev.target as Element).closest<HTMLElement>('button[data-place]')?.dataset.place;
        if (id) onPlace(id);
      })
    : () => {};
  const announcer = el('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const render = (i: number) => {
    if (i < 0) {
      fill(
        root,
        el('p', { class: 'kicker' }, 'Before the story begins'),
        el('h2', { id: 'event-title', tabindex: -1 }, prep.story.title),
        el('p', { class: 'body' }, prep.story.subtitle),
        el('p', { class: 'hint' }, 'Press play, drag the timeline, or pick an event from the list.'),
      );
      announcer.textContent = '';
      return;
    }
    const e = prep.events[i];
    const m = formatMoment(e.t0, e.precision, prep.story.displayZone);
    fill(
      root,
      el(
        'p',
        { class: 'kicker' },
        el('time', { datetime: e.start }, eventSpan(e)),
        m.local ? el('span', { class: 'local' }, ` · ${m.local}`) : null,
      ),
      el('h2', { id: 'event-title', tabindex: -1 }, e.title),
      el('p', { class: 'body' }, e.body),
      placesOf(e.places),
      elsewhereMark(prep, e.sources),
      claimsView(prep, e.claims),
      el('footer', { class: 'event-sources' }, el('h3', {}, 'Sources'), el('ul', {}, ...sourceItems(prep, e.sources))),
    );
    announcer.textContent = `${eventSpan(e)}: ${e.title}`;
  };
  const off = store.subscribe((s) => currentEventIndex(prep.events, s.t), render, { fireImmediately: true });
  return {
    root,
    announcer,
    /** The card's button for a place, if the current event lists it. */
    placeButton: (id: string) => root.querySelector<HTMLElement>(`button[data-place="${CSS.escape(id)}"]`),
    /** The card's title (focusable from script): where the focus goes from a place's panel that closes when the card has no button for it. */
    title: () => root.querySelector<HTMLElement>('h2'),
    destroy: () => {
      off();
      offClick();
    },
  };
}
