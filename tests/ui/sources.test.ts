import { describe, expect, it } from 'vitest';
import { elsewhereLabel, sourceByline } from '../../src/ui/sources.ts';
import type { Source } from '../../src/data/schema.ts';

const outside = (date: string | null, outlet = 'The Paper'): Source => ({ id: 'ref', kind: 'elsewhere', headline: 'A headline', outlet, author: null, date, url: 'https://example.org/news/a-headline' });

describe('elsewhereLabel', () => {
  it('names an outside document by outlet and day, without the year in the story’s own year', () => {
    expect(elsewhereLabel(outside('2025-06-16'), 2025)).toBe('The Paper, 16 June');
  });

  it('gives the year of a document from another year, so an old report does not read as the story’s', () => {
    expect(elsewhereLabel(outside('2022-10-13'), 2025)).toBe('The Paper, 13 October 2022');
  });

  it('gives every year in a story that runs across two years', () => {
    expect(elsewhereLabel(outside('2025-01-02'), null)).toBe('The Paper, 2 January 2025');
  });

  it('names an undated reference article by its outlet, without the edition in brackets', () => {
    expect(elsewhereLabel(outside(null, 'Wikipedia (English)'), 2025)).toBe('Wikipedia');
  });
});

describe('sourceByline', () => {
  const article = (language?: string): Source => ({ id: 'a', kind: 'article', file: 'a.txt', headline: null, lede: 'A lede.', credit: null, agency: 'AFP', date: '2025-06-02', ...(language ? { language } : {}) });

  it('says when the article was read in translation, naming the language in full', () => {
    expect(sourceByline(article('en (translated from Spanish)'))).toBe('AFP · 2 June 2025 · English translation from Spanish');
    expect(sourceByline(article('en (translated from Brazilian Portuguese)'))).toBe('AFP · 2 June 2025 · English translation from Brazilian Portuguese');
    expect(sourceByline(article('en'))).toBe('AFP · 2 June 2025');
    expect(sourceByline(article())).toBe('AFP · 2 June 2025');
  });
});
