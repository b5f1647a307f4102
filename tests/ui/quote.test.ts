import { describe, expect, it } from 'vitest';
import { quoted } from '../../src/ui/quote.ts';

describe('quoted', () => {
  it('wraps plain verbatim text in double marks, apostrophes untouched', () => {
    expect(quoted('Ukraine’s humiliation')).toBe('“Ukraine’s humiliation”');
  });

  it('turns a quotation inside the quote into single marks (straight marks)', () => {
    expect(quoted('"It was a very good meeting," said Turkish President Recep Tayyip Erdoğan')).toBe('“‘It was a very good meeting,’ said Turkish President Recep Tayyip Erdoğan”');
  });

  it('turns curly inner marks into single ones, and quoted words mid-sentence', () => {
    expect(quoted('Russia rules out the "unconditional cease-fire" demanded')).toBe('“Russia rules out the ‘unconditional cease-fire’ demanded”');
    expect(quoted('we will try.” Trump said (“never”)')).toBe('“we will try.’ Trump said (‘never’)”');
  });

  it('never prints a double mark inside the outer pair', () => {
    const out = quoted('"a" "b" “c”');
    expect(out.slice(1, -1)).not.toMatch(/["“”]/);
  });
});
