import { describe, expect, it } from 'vitest';
import { hasMoreBelow } from '../../src/ui/scroll-more.ts';

describe('hasMoreBelow', () => {
  it('is true while content lies below what the box shows, false at its end or when it all fits', () => {
    expect(hasMoreBelow({ scrollTop: 0, clientHeight: 400, scrollHeight: 1000 })).toBe(true);
    expect(hasMoreBelow({ scrollTop: 598, clientHeight: 400, scrollHeight: 1000 })).toBe(true);
    expect(hasMoreBelow({ scrollTop: 600, clientHeight: 400, scrollHeight: 1000 })).toBe(false);
    expect(hasMoreBelow({ scrollTop: 0, clientHeight: 400, scrollHeight: 400 })).toBe(false);
  });

  it('ignores a sliver of a pixel (a fractional zoom leaves one at the end)', () => {
    expect(hasMoreBelow({ scrollTop: 599.5, clientHeight: 400, scrollHeight: 1000 })).toBe(false);
    expect(hasMoreBelow({ scrollTop: 0, clientHeight: 400.4, scrollHeight: 401 })).toBe(false);
  });
});
