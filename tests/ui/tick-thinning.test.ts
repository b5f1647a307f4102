import { describe, expect, it } from 'vitest';
import { tickGroups } from '../../src/ui/tick-thinning.ts';

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
