import { describe, expect, it } from 'vitest';
import { chapterOf, daySpan, MAX_CHAPTERS, storyChapters, storySpan } from '../../src/modes/kiosk-chapters.ts';
import { kioskLayout } from '../../src/modes/kiosk-layout.ts';
import { capHeightMm, CAP_HEIGHT_EM, fontPx, kioskType, mapTypeScaleFor, mmPerCssPx } from '../../src/modes/kiosk-type.ts';
import { legendStartsOpen } from '../../src/ui/legend.ts';
import { PHONE_MAX_PX } from '../../src/theme/layout.ts';

const T = (iso: string) => Date.parse(iso);

describe('kiosk type for a viewing distance', () => {
  it('takes 16 minutes of arc as 4.65 mm of cap height per metre', () => {
    expect(capHeightMm(1, 16)).toBeCloseTo(4.654, 3);
    expect(capHeightMm(2.5, 16)).toBeCloseTo(11.64, 2);
    expect(capHeightMm(5, 16) / capHeightMm(2.5, 16)).toBeCloseTo(2, 6);
  });

  it('gives a 55-inch 1920 × 1080 panel 0.634 mm per px, a 4K one half that, and the same upright', () => {
    expect(mmPerCssPx(55, 1920, 1080)).toBeCloseTo(0.6342, 4);
    expect(mmPerCssPx(55, 3840, 2160)).toBeCloseTo(0.3171, 4);
    expect(mmPerCssPx(55, 1080, 1920)).toBeCloseTo(mmPerCssPx(55, 1920, 1080), 9);
  });

  it('sizes the kiosk at 2.5 m on a 55-inch 1080p panel: 25.7 px minimum, body 29.0, headline 41.8', () => {
    const t = kioskType({ viewingDistanceM: 2.5, screenDiagonalIn: 55 }, 1920, 1080);
    expect(t.min).toBeCloseTo(25.7, 1);
    expect(t.body).toBeCloseTo(29.0, 1);
    expect(t.headline).toBeCloseTo(41.8, 1);
    // the minimum's capitals are at least the rule's 11.64 mm on that panel
    expect(t.min * CAP_HEIGHT_EM * t.mmPerPx).toBeGreaterThanOrEqual(capHeightMm(2.5, 16));
    expect(t.min * CAP_HEIGHT_EM * t.mmPerPx).toBeLessThan(capHeightMm(2.5, 16) * 1.01);
  });

  it('grows in proportion to the distance and to the pixels of a denser screen', () => {
    const at = (d: number, w: number, h: number, inch = 55) => kioskType({ viewingDistanceM: d, screenDiagonalIn: inch }, w, h).min;
    expect(at(5, 1920, 1080) / at(2.5, 1920, 1080)).toBeCloseTo(2, 1);
    expect(at(2.5, 3840, 2160) / at(2.5, 1920, 1080)).toBeCloseTo(2, 1);
    expect(at(2.5, 1920, 1080, 75) / at(2.5, 1920, 1080, 55)).toBeCloseTo(55 / 75, 1);
    expect(fontPx(16, 2.5, 0.5)).toBeGreaterThan(fontPx(16, 2.5, 1));
  });

  it('scales the map labels so the smallest (12 px at mark scale 1) reaches the minimum, never down', () => {
    expect(mapTypeScaleFor(25.8, 1.4, 1)).toBeCloseTo(25.8 / 16.8, 2);
    expect(mapTypeScaleFor(51.6, 1.4, 2)).toBeCloseTo(mapTypeScaleFor(25.8, 1.4, 1), 2);
    expect(mapTypeScaleFor(10, 1.4, 1)).toBe(1);
  });
});

describe('kiosk chapters from the data', () => {
  const focus = [
    { start: T('2025-05-16T06:00Z'), end: T('2025-05-16T18:00Z'), share: 0.06 },
    { start: T('2025-05-31T18:00Z'), end: T('2025-06-03T06:00Z'), share: 0.5 },
  ];
  const starts = ['2025-05-16T12:00Z', '2025-05-22T12:00Z', '2025-05-29T12:00Z', '2025-06-01T06:00Z', '2025-06-01T18:00Z', '2025-06-01T22:00Z', '2025-06-02T12:00Z', '2025-06-03T12:00Z', '2025-06-11T12:00Z'].map(T);

  it('splits at the main focus band: before, a chapter per day in the display zone, after', () => {
    const c = storyChapters({ starts, focus, offsetMinutes: 180 });
    expect(c.map((x) => [x.label, x.span, x.first, x.last])).toEqual([
      ['Before', '16–29 May', 0, 2],
      ['1 June', '', 3, 4],
      // 22:00 UTC on 1 June is 01:00 on 2 June in UTC+3
      ['2 June', '', 5, 6],
      ['After', '3–11 June', 7, 8],
    ]);
  });

  it('counts days in UTC when the zone is UTC, and leaves out an empty before or after', () => {
    const c = storyChapters({ starts: starts.slice(3, 7), focus, offsetMinutes: 0 });
    expect(c.map((x) => x.label)).toEqual(['1 June', '2 June']);
    expect(c.map((x) => [x.first, x.last])).toEqual([
      [0, 2],
      [3, 3],
    ]);
  });

  it('without focus bands gives one chapter per day, merged into at most six runs', () => {
    const days = Array.from({ length: 20 }, (_, i) => T('2025-05-01T12:00Z') + i * 86_400_000);
    const c = storyChapters({ starts: days, focus: [], offsetMinutes: 0 });
    expect(c.length).toBeLessThanOrEqual(MAX_CHAPTERS);
    expect(c[0].first).toBe(0);
    expect(c[c.length - 1].last).toBe(19);
    for (let k = 1; k < c.length; k++) expect(c[k].first).toBe(c[k - 1].last + 1);
    expect(c[0].label).toMatch(/^1–\d+ May$/);
    expect(storyChapters({ starts: days.slice(0, 3), focus: [], offsetMinutes: 0 }).map((x) => x.label)).toEqual(['1 May', '2 May', '3 May']);
  });

  it('finds the chapter of an event, and none before the first', () => {
    const c = storyChapters({ starts, focus, offsetMinutes: 180 });
    expect([-1, 0, 3, 6, 8].map((i) => chapterOf(c, i))).toEqual([-1, 0, 1, 2, 3]);
    expect(daySpan(20239, 20241)).toBe('31 May – 2 June');
  });

  it('names the days the story covers for the attract frame, in the display zone, with the year', () => {
    expect(storySpan(starts, 180)).toBe('16 May – 11 June 2025');
    // 23:00 UTC on 31 December is already 1 January in UTC+3
    expect(storySpan([T('2024-12-20T12:00Z'), T('2024-12-31T23:00Z')], 180)).toBe('20 December 2024 – 1 January 2025');
    expect(storySpan([T('2025-06-02T12:00Z')], 0)).toBe('2 June 2025');
    expect(storySpan([], 0)).toBe('');
  });
});

describe('kiosk layout and the legend', () => {
  it('stacks on an upright screen unless the setting says otherwise', () => {
    expect(kioskLayout('auto', 1080, 1920)).toBe('portrait');
    expect(kioskLayout('auto', 1920, 1080)).toBe('landscape');
    expect(kioskLayout('portrait', 1920, 1080)).toBe('portrait');
    expect(kioskLayout('landscape', 1080, 1920)).toBe('landscape');
  });

  it('opens the explorer legend from the config, the profile and the phone threshold, not from the DOM', () => {
    const explore = { ownLegend: false };
    expect(legendStartsOpen({ embed: false }, explore, PHONE_MAX_PX + 1)).toBe(true);
    expect(legendStartsOpen({ embed: false }, explore, PHONE_MAX_PX)).toBe(false);
    expect(legendStartsOpen({ embed: true }, explore, 1600)).toBe(false);
    expect(legendStartsOpen({ embed: false }, { ownLegend: true }, 1920)).toBe(false);
  });
});
