import { el } from './dom.ts';

/** Problems listed at most; the rest are counted. */
const MAX_SHOWN = 8;

/** Returns a problem line with its place ("data/story.json: events[3].start:") set apart from what is wrong. */
function problemItem(line: string): HTMLLIElement {
  const m = /^(\S+: (?:[^\s:]+: )?)(.*)$/s.exec(line);
  return m ? el('li', {}, el('code', {}, m[1].trimEnd()), ` ${m[2]}`) : el('li', {}, line);
}

/**
 * Shows in place of the app why the map could not be loaded: one line per problem (the file, the
 * field path for wrong content, what is wrong; the first MAX_SHOWN and how many more) and `next`,
 * what happens now. The page never goes blank without saying why.
 */
export function showLoadError(root: HTMLElement, problems: string[], next: string): void {
  const list = el('ul', { class: 'problems' }, ...problems.slice(0, MAX_SHOWN).map(problemItem));
  if (problems.length > MAX_SHOWN) list.append(el('li', {}, `and ${problems.length - MAX_SHOWN} more`));
  root.replaceChildren(el('div', { class: 'load-error', role: 'alert' }, el('h1', {}, 'The map could not be loaded'), list, el('p', { class: 'next' }, next)));
}
