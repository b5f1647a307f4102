import type { PreparedStory } from '../data/prepare.ts';
import type { Claim, Source } from '../data/schema.ts';
import { el } from './dom.ts';
import { quoted } from './quote.ts';

/** Returns the short name of a source: its own headline, else (an article without one) its lede cut at a word. */
export function sourceTitle(s: Source): string {
  const text = s.headline ?? (s.kind === 'article' ? s.lede : null) ?? s.id;
  if (text.length <= 90) return text;
  return `${text.slice(0, 88).replace(/\s+\S*$/, '')}…`;
}

/** Returns a YYYY-MM-DD date as "9 June 2025" (or "9 June" with `short`), read in UTC. */
export function formatDay(date: string, short = false): string {
  return new Date(`${date}T00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: short ? undefined : 'numeric', timeZone: 'UTC' });
}

/**
 * Returns the credit line of a source: agency or reporting credit and date for an article (photo
 * credits are not a byline: "No byline" then), and whether we read it in translation (its quotes are
 * the translation's); outlet, author and date for an outside document.
 */
export function sourceByline(s: Source): string {
  if (s.kind === 'article') {
    const credit = s.credit && !/^photos?\b/i.test(s.credit) ? s.credit : null;
    const from = /translated from ([^)]+)/.exec(s.language ?? '')?.[1]?.trim();
    return [s.agency ?? credit ?? 'No byline', s.date ? formatDay(s.date) : 'undated', from ? `English translation from ${from}` : null].filter(Boolean).join(' · ');
  }
  return [s.author && s.author !== s.outlet ? `${s.outlet}, ${s.author}` : s.outlet, s.date ? formatDay(s.date) : 'reference article, undated'].join(' · ');
}

/**
 * Returns how a source reported elsewhere is named in a mark: "Outlet, 9 June", or "Wikipedia" for an
 * undated reference article. The year is left out only where it cannot mislead: a document of
 * `storyYear`, the one year the story runs in (null for a story across two years); so "Outlet, 13 October 2022".
 */
export function elsewhereLabel(s: Source, storyYear: number | null): string {
  if (s.kind === 'article') return sourceTitle(s);
  if (!s.date) return s.outlet.replace(/\s*\(.*\)$/, '');
  return `${s.outlet}, ${formatDay(s.date, Number(s.date.slice(0, 4)) === storyYear)}`;
}

/** Returns the sources reported elsewhere among `ids`, in order, without repeats. */
export function elsewhereSources(prep: PreparedStory, ids: readonly string[]): Source[] {
  return [...new Set(ids)].map((id) => prep.story.sources.find((x) => x.id === id)).filter((s): s is Source => !!s && s.kind === 'elsewhere');
}

/** Returns the "Reported elsewhere: …" mark for facts resting on sources outside the articles, or null when there are none. */
export function elsewhereMark(prep: PreparedStory, ids: readonly string[]): HTMLElement | null {
  const [from, to] = [prep.story.start, prep.story.end].map((t) => new Date(t).getUTCFullYear());
  const year = from === to ? from : null;
  const labels = [...new Set(elsewhereSources(prep, ids).map((s) => elsewhereLabel(s, year)))];
  if (!labels.length) return null;
  return el('p', { class: 'elsewhere-mark' }, el('span', { class: 'tag' }, 'Reported elsewhere'), ` ${labels.join('; ')} (not among the story’s articles)`);
}

/** Returns a citation element for a source id: the outlet's headline (or the article's lede) and its byline; outside documents are tagged. */
export function citation(prep: PreparedStory, id: string): HTMLElement {
  const s = prep.story.sources.find((x) => x.id === id);
  if (!s) return el('span', { class: 'cite' }, id);
  return el(
    'span',
    { class: s.kind === 'elsewhere' ? 'cite elsewhere' : 'cite' },
    s.kind === 'elsewhere' ? el('span', { class: 'tag' }, 'Reported elsewhere') : null,
    s.kind === 'elsewhere' ? ' ' : null,
    el('cite', {}, sourceTitle(s)),
    ' ',
    el('span', { class: 'byline' }, `(${sourceByline(s)})`),
  );
}

/** Returns the list items citing `ids`: the story's articles first, then the documents reported elsewhere. */
export function sourceItems(prep: PreparedStory, ids: readonly string[]): HTMLElement[] {
  const kindOf = (id: string) => prep.story.sources.find((x) => x.id === id)?.kind;
  const ordered = [...ids.filter((id) => kindOf(id) !== 'elsewhere'), ...ids.filter((id) => kindOf(id) === 'elsewhere')];
  return ordered.map((id) => el('li', {}, citation(prep, id)));
}

/** Returns a rendered claim: who claims what, the verbatim quote, and where it was reported. */
export function claimView(prep: PreparedStory, c: Claim): HTMLElement {
  return el(
    'div',
    { class: 'claim' },
    el('p', { class: 'claimant' }, el('strong', {}, c.claimant), ': ', c.text),
    ...c.sources.map((s) =>
      el('figure', { class: 'quote' }, el('blockquote', {}, quoted(s.quote)), el('figcaption', {}, 'Reported in ', citation(prep, s.source))),
    ),
  );
}

/** Returns claims grouped: topics with two or more claims are shown side by side as a disagreement. */
export function claimsView(prep: PreparedStory, claims: Claim[]): HTMLElement | null {
  if (claims.length === 0) return null;
  const groups = new Map<string, Claim[]>();
  const loose: Claim[] = [];
  for (const c of claims) {
    if (!c.topic) loose.push(c);
    else groups.set(c.topic, [...(groups.get(c.topic) ?? []), c]);
  }
  const out = el('div', { class: 'claims' });
  for (const [topic, list] of groups) {
    if (list.length < 2) {
      loose.push(...list);
      continue;
    }
    out.append(
      el(
        'section',
        { class: 'dispute', 'aria-label': `Disputed: ${topic}` },
        el('h4', {}, `Accounts differ: ${topic}`),
        el('div', { class: 'dispute-cols' }, ...list.map((c) => claimView(prep, c))),
      ),
    );
  }
  for (const c of loose) out.append(claimView(prep, c));
  return out;
}
