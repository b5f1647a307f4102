import type { PlannedLabel } from './label-plan.ts';

/** The characters the map's text layers draw, as deck.gl's `characterSet` (`text`) and for look-ups (`set`). */
export interface LabelCharacters {
  set: Set<string>;
  text: string;
  /** The label lists already read (`coverCharacters`): a rebuild keeps the lists that did not change. */
  checked: WeakSet<readonly PlannedLabel[]>;
}

/** Printable ASCII, which deck.gl's font atlas holds by default: digits and punctuation a label may gain. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Returns the characters of `texts` and printable ASCII (line breaks left out: deck.gl draws no
 * glyph for them). Given every label text a story can produce, it is the text layers' character
 * set: their font atlas is drawn once, at load, rather than grown (a new atlas and texture, and every
 * text layer's glyph attributes built again) when a label with a new character first shows.
 */
export function labelCharacters(texts: Iterable<string | undefined>): LabelCharacters {
  const set = new Set(ASCII);
  for (const text of texts) if (text) for (const ch of text) set.add(ch);
  set.delete('\n');
  return { set, text: [...set].join(''), checked: new WeakSet() };
}

/**
 * Returns `chars.text`, grown first by any character of `lists` it lacks (so nothing a label says is
 * left undrawn). For a story's own labels it never grows: `labelCharacters` was given them all. Each
 * list is read once.
 */
export function coverCharacters(chars: LabelCharacters, lists: readonly (readonly PlannedLabel[])[]): string {
  for (const list of lists) {
    if (chars.checked.has(list)) continue;
    chars.checked.add(list);
    for (const l of list)
      for (const ch of l.text)
        if (ch !== '\n' && !chars.set.has(ch)) {
          chars.set.add(ch);
          chars.text += ch;
        }
  }
  return chars.text;
}
