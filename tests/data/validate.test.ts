import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/data/data-files.ts';
import { dataProblems } from '../../src/data/validate.ts';
import { FAULTY_VARIANTS, readDataSet } from '../fixtures/faulty-data/variants.ts';

// The data the build wrote (`npm run data`, part of `npm run build` and `npm test`).
const BUILT = resolve(import.meta.dirname, '../../public/data');

/** Returns the parsed files of a data set, as the app hands them to the check. */
const filesOf = (json: Record<string, unknown>) => Object.fromEntries(DATA_FILES.map((f) => [f, json[f]])) as Parameters<typeof dataProblems>[0];

/** Variants whose files all arrive and parse; those the browser refuses before the check (missing, unreadable) are in tests/e2e/data-faults.test.ts. */
const CONTENT_VARIANTS = FAULTY_VARIANTS.filter((v) => {
  const d = readDataSet(BUILT);
  v.apply(d);
  return d.missing.size === 0 && Object.keys(d.raw).length === 0;
});

describe('dataProblems', () => {
  it('has content faults to check', () => {
    expect(CONTENT_VARIANTS.length).toBeGreaterThanOrEqual(15);
  });

  it('finds nothing wrong in the data the build wrote', () => {
    expect(dataProblems(filesOf(readDataSet(BUILT).json))).toEqual([]);
  });

  it.each(CONTENT_VARIANTS.map((v) => [v.id, v] as const))('names the file and field when %s', (_, variant) => {
    const d = readDataSet(BUILT);
    const expected = variant.apply(d);
    const problems = dataProblems(filesOf(d.json));
    expect(problems.some((p) => p.startsWith(expected)), problems.join('\n')).toBe(true);
  });
});
