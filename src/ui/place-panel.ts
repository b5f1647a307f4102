import type { PreparedStory } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { distanceWording } from '../theme/wording.ts';
import { el, fill, listen } from './dom.ts';
import { citation, claimsView, elsewhereMark, sourceItems } from './sources.ts';

/**
 * Returns the details panel of the selected place: name, kind, description, claims with claimants,
 * and sources. With `focus`, opening it moves the focus to it, and closing it gives the focus back
 * to what had it (a place button on the card, the map).
 */
export function createPlacePanel(
  prep: PreparedStory,
  store: Store,
  actions: Pick<AppActions, 'selectPlace'>,
  { focus, opener }: { focus: boolean; /** Finds a place's button again (the card's, redrawn since it opened the panel), else what takes the focus instead (the card's title: a step of the story closed the panel). */ opener?: (id: string) => HTMLElement | null },
) {
  const body = el('div', { class: 'place-body' });
  const close = el('button', { type: 'button', class: 'btn close', 'aria-label': 'Close details' }, '✕');
  const root = el('aside', { class: 'place-panel', 'aria-label': 'Place details', hidden: true, tabindex: -1 }, close, body);
  const categoryLabel = new Map(prep.theme.categories.map((c) => [c.id, c.label]));
  const offs = [
    listen(close, 'click', () => actions.selectPlace(null)),
    listen(root, 'keydown', (e) => {
      if (e.key === 'Escape') actions.selectPlace(null);
    }),
  ];
  /** What had the focus when the panel took it (the card's place button, the map): it gets it back when the panel closes. */
  let returnTo: HTMLElement | null = null;
  const render = (id: string | null, was: string | null | undefined) => {
    const opening = !was && !!id;
    const p = id ? prep.placeById.get(id) : undefined;
    const hadFocus = root.contains(document.activeElement);
    root.hidden = !p;
    // A closed panel keeps no content: a kiosk shows places to visitors for days, and the DOM must not grow.
    if (!p) {
      body.replaceChildren();
      // the card's button for the place, found again if the card was drawn anew since (a step of the
      // story), else what the opener gives instead (a step closed the panel: the new event's title)
      const back = returnTo?.isConnected ? returnTo : was ? (opener?.(was) ?? null) : null;
      if (hadFocus) back?.focus({ preventScroll: true });
      returnTo = null;
      return;
    }
    const pr = p.props;
    const facts: (HTMLElement | null)[] = [
      pr.regionName ? el('li', {}, `Region: ${pr.regionName}`) : null,
      pr.distanceKm !== undefined ? el('li', {}, distanceWording(prep.theme, pr.distanceKm, 'detail')) : null,
      pr.areaKm2 !== undefined ? el('li', {}, `Area: about ${pr.areaKm2.toLocaleString('en-GB')} km² (computed by the map)`) : null,
      pr.heldShare ? el('li', {}, `${pr.heldShare.text} — `, citation(prep, pr.heldShare.source)) : null,
      p.firstEvent >= 0 ? el('li', {}, `Enters the story: ${prep.events[p.firstEvent].title}`) : null,
    ];
    fill(
      body,
      el('p', { class: 'kicker' }, categoryLabel.get(p.category) ?? pr.kind),
      el('h2', {}, pr.name),
      el('p', { class: 'body' }, pr.description),
      elsewhereMark(prep, pr.sources),
      el('ul', { class: 'facts' }, ...facts),
      pr.claims ? claimsView(prep, pr.claims) : null,
      el('footer', { class: 'event-sources' }, el('h3', {}, 'Sources'), el('ul', {}, ...sourceItems(prep, pr.sources))),
    );
    // each place opened from outside the panel (another card button while it is open) is what the focus goes back to
    const from = document.activeElement;
    const outside = from instanceof HTMLElement && from !== document.body && !root.contains(from);
    if (focus && outside) returnTo = from;
    // the panel takes the focus when it opens, and when another place is opened from outside it
    if (focus && (opening || (outside && id !== was))) root.focus({ preventScroll: true });
  };
  offs.push(store.subscribe((s) => s.place, render));
  render(store.getState().place, undefined);
  return { root, destroy: () => offs.forEach((f) => f()) };
}
