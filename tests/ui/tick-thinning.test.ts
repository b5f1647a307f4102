import { describe, expect, it } from 'vitest';
import { tickGroups, ticksBetween } from '../../src/ui/tick-thinning.ts';

describe('tickGroups', () => {
  it('keeps every tick when they are far enough apart', () => {
    expect(tickGroups([0, 10, 20, 35], 4)).toEqual([0, 1, 2, 3]);
  });

  it('groups events closer than the gap to their group’s first event', () => {
    expect(tickGroups([0, 1, 3.9, 4, 5, 20], 4)).toEqual([0, 3, 5]);
  });

  it('draws at most width / gap + 1 ticks however many events there are', () => {
    const px = Array.from({ length: 20_000 }, (_, i) => (i * 1000) / 20_000);
    const starts = tickGroups(px, 4);
    expect(starts.length).toBeLessThanOrEqual(1000 / 4 + 1);
    expect(starts[0]).toBe(0);
  });
});

describe('ticksBetween', () => {
  /** Returns each tick's state for current event i, as the timeline marks it. */
  const states = (starts: number[], n: number, i: number) =>
    starts.map((first, k) => {
      const last = (starts[k + 1] ?? n) - 1;
      return last < i ? 'past' : first <= i ? 'current' : 'future';
    });

  it('covers every tick whose state changes between two current events, in either direction', () => {
    const starts = [0, 3, 5, 9, 10, 14];
    const n = 17;
    for (let a = -1; a < n; a++)
      for (let b = -1; b < n; b++) {
        const [from, to] = ticksBetween(starts, a, b);
        const before = states(starts, n, a);
        const after = states(starts, n, b);
        const changed = starts.map((_, k) => k).filter((k) => before[k] !== after[k]);
        expect(changed.every((k) => k >= from && k <= to), `${a} → ${b}`).toBe(true);
      }
  });

  it('touches only the ticks between the two events, not all of them', () => {
    const starts = Array.from({ length: 300 }, (_, k) => k * 8);
    expect(ticksBetween(starts, 800, 809)).toEqual([100, 101]);
    expect(ticksBetween(starts, 809, 800)).toEqual([100, 101]);
    expect(ticksBetween(starts, -1, 0)).toEqual([0, 0]);
    expect(ticksBetween([], 3, 4)).toEqual([0, -1]);
  });
});
