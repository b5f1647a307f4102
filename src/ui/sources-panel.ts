import type { PreparedStory } from '../data/prepare.ts';
import { el } from './dom.ts';
import { NOTICES_FILE } from './notices.ts';
import { sourceByline, sourceTitle } from './sources.ts';

/** Returns the sources panel: every source with its credit and date and the events and places that cite it. */
export function createSourcesPanel(prep: PreparedStory, onEvent: (id: string) => void): HTMLElement {
  const eventTitle = new Map(prep.events.map((e) => [e.id, e.title]));
  const placeName = new Map(prep.places.map((p) => [p.id, p.props.name]));
  const item = (id: string) => {
    const s = prep.story.sources.find((x) => x.id === id)!;
    const cites = prep.citations.get(id) ?? { events: [], places: [] };
    return el(
      'li',
      { id: `source-${s.id}` },
      el('cite', {}, sourceTitle(s)),
      el('p', { class: 'byline' }, sourceByline(s), s.credit && s.kind === 'article' ? ` · ${s.credit}` : ''),
      s.url ? el('p', { class: 'url' }, el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.url.replace(/^https:\/\//, ''))) : null,
      cites.events.length
        ? el(
            'p',
            { class: 'cited' },
            'Cited by: ',
            ...cites.events.flatMap((e, i) => {
              const b = el('button', { type: 'button', class: 'linkish' }, eventTitle.get(e) ?? e);
              b.addEventListener('click', () => onEvent(e));
              return i ? [', ', b] : [b];
            }),
          )
        : null,
      cites.places.length ? el('p', { class: 'cited' }, `Places: ${cites.places.map((p) => placeName.get(p) ?? p).join(', ')}`) : null,
    );
  };
  const articles = prep.story.sources.filter((s) => s.kind === 'article');
  const refs = prep.story.sources.filter((s) => s.kind === 'reference');
  return el(
    'section',
    { class: 'sources-panel', 'aria-labelledby': 'sources-title' },
    el('h2', { id: 'sources-title' }, 'Sources'),
    el('h3', {}, 'News reports (all quotes are verbatim)'),
    el('ul', {}, ...articles.map((s) => item(s.id))),
    el('h3', {}, 'Reference pages (coordinates and exact times)'),
    el('ul', {}, ...refs.map((s) => item(s.id))),
    el('p', { class: 'credit' }, prep.story.credit),
    el('p', { class: 'credit' }, 'Software: MapLibre, deck.gl and other open-source packages, ', el('a', { href: NOTICES_FILE, target: '_blank', rel: 'noopener' }, 'licences and notices'), '.'),
  );
}
