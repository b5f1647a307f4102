import { describe, expect, it } from 'vitest';
import { elsewhereLabel } from '../../src/ui/sources.ts';
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
