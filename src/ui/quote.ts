/** Returns whether a quote mark at `i` opens a quotation (at the start, or after a space or an opening bracket or dash). */
function opens(text: string, i: number): boolean {
  return i === 0 || /[\s([{–—-]/.test(text[i - 1]);
}

/**
 * Returns verbatim text wrapped in double quote marks, its own quotations turned into single marks
 * as a quotation inside a quotation is printed (“‘It was…,’ said…”): straight or curly double
 * marks become ‘ and ’ by position. Apostrophes and the words are left as they are.
 */
export function quoted(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') out += opens(text, i) ? '‘' : '’';
    else if (c === '“') out += '‘';
    else if (c === '”') out += '’';
    else out += c;
  }
  return `“${out}”`;
}
