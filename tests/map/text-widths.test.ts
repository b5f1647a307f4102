import { describe, expect, it } from 'vitest';
import { createTextWidths } from '../../src/map/text-widths.ts';

/** Returns a measure that counts its calls: width = characters × size. */
function createMeasure() {
  const calls: string[] = [];
  return { calls, measure: (text: string, size: number) => (calls.push(`${size} ${text}`), text.length * size) };
}

describe('createTextWidths', () => {
  it('measures a text at a size once, and the same text at another size again', () => {
    const { calls, measure } = createMeasure();
    const w = createTextWidths(measure, 100);
    expect([w.width('Kyiv', 13), w.width('Kyiv', 13), w.width('Kyiv', 15), w.width('Kyiv', 13)]).toEqual([52, 52, 60, 52]);
    expect(calls).toEqual(['13 Kyiv', '15 Kyiv']);
  });

  it('keeps at most max widths, and measures again after clear', () => {
    const { calls, measure } = createMeasure();
    const w = createTextWidths(measure, 2);
    w.width('a', 1);
    w.width('b', 1);
    w.width('c', 1);
    w.width('a', 1);
    expect(calls).toEqual(['1 a', '1 b', '1 c', '1 a']);
    w.clear();
    w.width('a', 1);
    expect(calls.length).toBe(5);
  });
});
