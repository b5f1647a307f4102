import type { PreparedStory } from '../data/prepare.ts';
import type { Source } from '../data/schema.ts';
import { commaList, el } from './dom.ts';
import { NOTICES_FILE } from './notices.ts';
import { sourceByline, sourceTitle } from './sources.ts';
import { createVirtualList } from './virtual-list.ts';

/** Citing events listed inline up to this many; more go into a windowed list. */
export const CITED_INLINE = 20;

/** Places named under a source; more are counted. */
export const PLACES_NAMED = 30;

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Returns a small count in words ("five"), larger ones as digits. */
export function countWord(n: number): string {
  return WORDS[n] ?? String(n);
}

/**
 * Returns the sources panel: the story's articles first, then "Other reports (not among the …
 * articles)", each with its byline, address, our note where there is one, and the events and
 * places that cite it.
 */
export function createSourcesPanel(prep: PreparedStory, onEvent: (id: string) => void): HTMLElement {
  const eventTitle = new Map(prep.events.map((e) => [e.id, e.title]));
  const placeName = new Map(prep.places.map((p) => [p.id, p.props.name]));
  const button = (e: string) => el('button', { type: 'button', class: 'linkish', 'data-event': e }, eventTitle.get(e) ?? e);
  /**
   * Returns the events citing a source: inline up to CITED_INLINE, else a scrolling list that renders
   * only the rows in view (a 100× story cites one article from over a thousand events).
   */
  const citedBy = (events: string[]) => {
    if (!events.length) return null;
    if (events.length <= CITED_INLINE) return el('p', { class: 'cited' }, 'Cited by: ', ...commaList(events.map(button)));
    const list = el('ul', { class: 'cited-list', style: 'max-height:14em;overflow-y:auto;margin:0.2rem 0;padding-left:1.2rem' });
    createVirtualList(list, { count: events.length, renderRow: (i) => el('li', {}, button(events[i])), estimate: 24, renderAll: CITED_INLINE });
    return el('div', { class: 'cited' }, el('p', {}, `Cited by ${events.length.toLocaleString('en-GB')} events:`), list);
  };
  /** Returns the places' names, the first PLACES_NAMED of them and a count of the rest. */
  const placeList = (ids: string[]) => {
    const names = ids.slice(0, PLACES_NAMED).map((p) => placeName.get(p) ?? p);
    return ids.length > PLACES_NAMED ? `${names.join(', ')} and ${(ids.length - PLACES_NAMED).toLocaleString('en-GB')} more` : names.join(', ');
  };
  const item = (s: Source) => {
    const cites = prep.citations.get(s.id) ?? { events: [], places: [] };
    return el(
      'li',
      { id: `source-${s.id}`, class: s.kind === 'elsewhere' ? 'elsewhere' : 'article' },
      el('cite', {}, sourceTitle(s)),
      s.kind === 'article' && !s.headline ? el('span', { class: 'byline' }, ' (its first sentence: the article has no headline)') : null,
      el('p', { class: 'byline' }, sourceByline(s), s.kind === 'article' && s.credit && !sourceByline(s).startsWith(s.credit) ? ` · credit: ${s.credit}` : ''),
      s.kind === 'elsewhere' ? el('p', { class: 'url' }, el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, decodeURI(s.url).replace(/^https?:\/\/(www\.)?/, ''))) : null,
      s.kind === 'elsewhere' && s.summary ? el('p', { class: 'our-note' }, el('span', { class: 'tag' }, 'Our note'), ` ${s.summary}`) : null,
      citedBy(cites.events),
      cites.places.length ? el('p', { class: 'cited' }, `Places: ${placeList(cites.places)}`) : null,
    );
  };
  const articles = prep.story.sources.filter((s) => s.kind === 'article');
  const others = prep.story.sources.filter((s) => s.kind === 'elsewhere');
  const n = countWord(articles.length);
  const panel = el(
    'section',
    { class: 'sources-panel', 'aria-labelledby': 'sources-title' },
    el('h2', { id: 'sources-title' }, 'Sources'),
    el('h3', {}, `The story’s ${n} articles`),
    el('p', { class: 'panel-note' }, 'Every quote on the map is an exact extract from one of these; each claim names who made it and which article reports it.'),
    el('ul', {}, ...articles.map(item)),
    others.length ? el('h3', {}, `Other reports (not among the ${n} articles)`) : null,
    others.length
      ? el(
          'p',
          { class: 'panel-note' },
          'Specific documents behind facts the articles do not give, each with its own headline, outlet, date and address, and our note on what it supports. Facts resting on them are marked “reported elsewhere” on the map, in the cards and in screenshot captions.',
        )
      : null,
    others.length ? el('ul', {}, ...others.map(item)) : null,
    el('p', { class: 'credit' }, prep.story.credit),
    el('p', { class: 'credit' }, 'Software: MapLibre, deck.gl and other open-source packages, ', el('a', { href: NOTICES_FILE, target: '_blank', rel: 'noopener' }, 'licences and notices'), '.'),
  );
  panel.addEventListener('click', (e) => {
    const id = (e.target as Element).closest<HTMLElement>('button.linkish[data-event]')?.dataset.event;
    if (id !== undefined) onEvent(id);
  });
  return panel;
}
