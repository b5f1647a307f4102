import { describe, expect, it } from 'vitest';
import { detailWanted, FETCH_AHEAD_ZOOM } from '../../src/map/detail-loader.ts';

describe('detailWanted: when a detail file is fetched', () => {
  const ukraine = { minZoom: 4.5, box: [22, 43.5, 42.5, 58.5] as [number, number, number, number] };

  it('is fetched half a zoom level before it shows, when its box is in view', () => {
    expect(FETCH_AHEAD_ZOOM).toBe(0.5);
    expect(detailWanted(ukraine, 4, [30, 48, 36, 52])).toBe(true);
    expect(detailWanted(ukraine, 3.9, [30, 48, 36, 52])).toBe(false);
  });

  it('is not fetched for a view beside its box, however close', () => {
    expect(detailWanted(ukraine, 9, [28.8, 40.9, 29.3, 41.2])).toBe(false); // Istanbul
    expect(detailWanted(ukraine, 7, [42.6, 50, 44, 51])).toBe(false);
  });

  it('is fetched for a view that overlaps its box only in part', () => {
    expect(detailWanted(ukraine, 5, [42, 57, 46, 60])).toBe(true);
  });
});
