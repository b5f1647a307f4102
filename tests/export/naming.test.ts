import { describe, expect, it } from 'vitest';
import { exportFileName, slugify } from '../../src/export/naming.ts';

const at = (iso: string) => Date.parse(iso);

describe('slugify', () => {
  it('turns a title into lower-case kebab case', () => {
    expect(slugify('Talks in the shadow of Spiderweb')).toBe('talks-in-the-shadow-of-spiderweb');
  });

  it('folds diacritics and the dotless i to ASCII and drops punctuation and apostrophes', () => {
    expect(slugify('Çırağan talks: Russia’s “buffer zone”!')).toBe('ciragan-talks-russias-buffer-zone');
  });

  it('cuts a long title at a word, within the limit', () => {
    const slug = slugify('A very long title about a great many things that happened over several weeks', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('a-very-long-title-about-a-great-many');
  });

  it('never returns an empty slug', () => {
    expect(slugify('«»')).toBe('map');
  });
});

describe('exportFileName', () => {
  it('says what (the story slug), when (UTC minute without colons) and how big', () => {
    expect(exportFileName('talks-in-the-shadow-of-spiderweb', at('2025-06-01T11:35Z'), 1080, 1350, 2)).toBe(
      'talks-in-the-shadow-of-spiderweb_2025-06-01T1135Z_1080x1350@2x.png',
    );
  });

  it('keeps seconds when the moment has them', () => {
    expect(exportFileName('istanbul-talks', at('2025-06-02T11:44:30Z'), 1200, 675, 1)).toBe('istanbul-talks_2025-06-02T114430Z_1200x675@1x.png');
  });

  it('gives every moment of a run its own name', () => {
    const names = ['2025-06-01T11:35Z', '2025-06-01T18:00Z', '2025-06-02T00:00Z'].map((t) => exportFileName('T', at(t), 1200, 675, 1));
    expect(new Set(names).size).toBe(3);
  });
});
