import { colorProperty } from '../theme/apply-theme.ts';
import { el } from './dom.ts';

/**
 * The notice's look when the theme's colours cannot be read (the theme file is missing, not JSON, or
 * never arrives): plain greys, a white panel and a red edge. Custom properties, as the theme writes them.
 */
export const FALLBACK_LOOK: Readonly<Record<string, string>> = {
  '--text': '#222222',
  '--muted': '#555555',
  '--panel': '#ffffff',
  '--page': '#eeeeee',
  '--line': '#cccccc',
  '--alert': '#b00020',
};

/** How long (ms) the notice waits for the theme file before it keeps the fallback. */
const THEME_WAIT_MS = 5000;

/**
 * Returns the custom properties the notice can take from a theme file's JSON: each colour written
 * #rrggbb (as the schema requires; anything else is left to the fallback) and the font when it is a
 * plain family name. The whole file need not be valid: the notice may be about another of its fields.
 */
export function lookFromTheme(json: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const t = json as { colors?: unknown; font?: unknown } | null;
  if (t && typeof t.colors === 'object' && t.colors)
    for (const [k, v] of Object.entries(t.colors)) if (/^[a-z][a-zA-Z]*$/.test(k) && typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v)) out[colorProperty(k)] = v;
  if (t && typeof t.font === 'string' && /^[\w -]{1,60}$/.test(t.font)) out['--font'] = `"${t.font}", system-ui, sans-serif`;
  return out;
}

/**
 * Gives the load-error notice the theme's look. When the theme was applied before the failure, it is
 * kept. Otherwise the fallback look is set at once, then the theme file is read (it may be the
 * file that failed: then, or when it does not answer within THEME_WAIT_MS, the fallback stays).
 * Never rejects.
 */
export async function applyErrorLook(doc: HTMLElement = document.documentElement, base = import.meta.env.BASE_URL): Promise<void> {
  if (doc.dataset.look || doc.style.getPropertyValue('--text')) return;
  for (const [k, v] of Object.entries(FALLBACK_LOOK)) doc.style.setProperty(k, v);
  let look: Record<string, string> = {};
  try {
    const res = await fetch(new URL('data/theme.json', new URL(base, location.href)), { signal: AbortSignal.timeout(THEME_WAIT_MS) });
    if (res.ok) look = lookFromTheme(JSON.parse(await res.text()));
  } catch {
    // the fallback stays: the notice itself says what failed
  }
  const themed = !!look['--text'] && !!look['--panel'];
  if (themed) for (const [k, v] of Object.entries(look)) doc.style.setProperty(k, v);
  // which look the notice got, once settled (for tests)
  doc.dataset.look = themed ? 'theme' : 'fallback';
}

/** Problems listed at most; the rest are counted. */
const MAX_SHOWN = 8;

/** Returns a problem line with its place ("data/story.json: events[3].start:") set apart from what is wrong. */
function problemItem(line: string): HTMLLIElement {
  const m = /^(\S+: (?:[^\s:]+: )?)(.*)$/s.exec(line);
  return m ? el('li', {}, el('code', {}, m[1].trimEnd()), ` ${m[2]}`) : el('li', {}, line);
}

/** Returns the list of problem lines: the first MAX_SHOWN, each with its place set apart, and how many more. */
export function problemList(problems: readonly string[]): HTMLUListElement {
  const list = el('ul', { class: 'problems' }, ...problems.slice(0, MAX_SHOWN).map(problemItem));
  if (problems.length > MAX_SHOWN) list.append(el('li', {}, `and ${problems.length - MAX_SHOWN} more`));
  return list;
}

/**
 * Shows in place of the app why the map could not be loaded: one line per problem (the file, the
 * field path for wrong content, what is wrong; the first MAX_SHOWN and how many more) and `next`,
 * what happens now, in the theme's look (`applyErrorLook`). The page never goes blank without saying why.
 */
export function showLoadError(root: HTMLElement, problems: string[], next: string): void {
  void applyErrorLook();
  const list = problemList(problems);
  root.replaceChildren(el('div', { class: 'load-error', role: 'alert' }, el('h1', {}, 'The map could not be loaded'), list, el('p', { class: 'next' }, next)));
}
