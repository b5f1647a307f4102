import type { PreparedStory } from '../data/prepare.ts';
import type { Claim, Source } from '../data/schema.ts';
import { el } from './dom.ts';

/** Returns the short name of a source: its headline, else its lede (cut at a word), for citations. */
export function sourceTitle(s: Source): string {
  const text = s.headline ?? s.lede ?? s.id;
  if (text.length <= 90) return text;
  return `${text.slice(0, 88).replace(/\s+\S*$/, '')}…`;
}

/** Returns the credit line of a source: agency or credit, and date, for display. */
export function sourceByline(s: Source): string {
  const parts = [s.kind === 'reference' ? 'Reference page' : (s.agency ?? s.credit ?? 'Uncredited report'), s.date ?? 'undated'];
  return parts.join(' · ');
}

/** Returns a citation element for a source id: headline or lede, credit, date. */
export function citation(prep: PreparedStory, id: string): HTMLElement {
  const s = prep.story.sources.find((x) => x.id === id);
  if (!s) return el('span', { class: 'cite' }, id);
  return el(
    'span',
    { class: 'cite' },
    el('cite', {}, sourceTitle(s)),
    ' ',
    el('span', { class: 'byline' }, `(${sourceByline(s)})`),
  );
}

/** Returns a rendered claim: who claims what, the verbatim quote, and where it was reported. */
export function claimView(prep: PreparedStory, c: Claim): HTMLElement {
  return el(
    'div',
    { class: 'claim' },
    el('p', { class: 'claimant' }, el('strong', {}, c.claimant), ': ', c.text),
    ...c.sources.map((s) =>
      el('figure', { class: 'quote' }, el('blockquote', {}, `“${s.quote}”`), el('figcaption', {}, 'Reported in ', citation(prep, s.source))),
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
