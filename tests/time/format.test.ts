import { describe, expect, it } from 'vitest';
import { eventSpan, formatAt, formatMoment, formatSpan, isoMinute, type Zone } from '../../src/time/format.ts';

const at = (iso: string) => Date.parse(iso);

/** Returns the story's display zone (UTC+3), or another one. */
function createZone(overrides: Partial<Zone> = {}): Zone {
  return { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul, Kyiv, Moscow', ...overrides };
}

describe('formatMoment', () => {
  it('shows a day-precision moment as its UTC date only, with no local time', () => {
    expect(formatMoment(at('2025-06-01T11:35Z'), 'day', createZone())).toEqual({ utc: '1 Jun 2025', local: null });
  });

  it('uses the UTC date for a day-precision moment late in the UTC day', () => {
    expect(formatMoment(at('2025-06-01T22:30Z'), 'day', createZone()).utc).toBe('1 Jun 2025');
  });

  it('shows a minute-precision moment in UTC and as local time with offset and places', () => {
    expect(formatMoment(at('2025-06-01T11:35Z'), 'minute', createZone())).toEqual({
      utc: '1 Jun 2025, 11:35 UTC',
      local: '14:35 UTC+3 (Istanbul, Kyiv, Moscow)',
    });
  });

  it('shows an hour-precision moment on the hour', () => {
    expect(formatMoment(at('2025-06-02T07:38Z'), 'hour', createZone())).toEqual({
      utc: '2 Jun 2025, 07:00 UTC',
      local: '10:00 UTC+3 (Istanbul, Kyiv, Moscow)',
    });
  });

  it('shows the local time past midnight when the local date rolls over', () => {
    const m = formatMoment(at('2025-06-02T22:30Z'), 'minute', createZone());
    expect(m.utc).toBe('2 Jun 2025, 22:30 UTC');
    expect(m.local).toMatch(/^01:30 UTC\+3 /);
  });

  it('writes negative and half-hour offsets', () => {
    expect(formatMoment(at('2025-06-01T11:35Z'), 'minute', createZone({ offsetMinutes: -300, places: 'New York' })).local).toBe(
      '06:35 UTC−5 (New York)',
    );
    expect(formatMoment(at('2025-06-01T11:35Z'), 'minute', createZone({ offsetMinutes: 330, places: 'Delhi' })).local).toBe(
      '17:05 UTC+5:30 (Delhi)',
    );
    expect(formatMoment(at('2025-06-01T11:35Z'), 'minute', createZone({ offsetMinutes: 0, places: 'London' })).local).toBe(
      '11:35 UTC+0 (London)',
    );
  });
});

describe('formatAt', () => {
  it('pads hours and minutes and leaves the day unpadded', () => {
    expect(formatAt(at('2025-06-03T01:04Z'), 'minute')).toBe('3 Jun 2025, 01:04');
  });

  it('shifts by the offset, crossing the date line into the next day', () => {
    expect(formatAt(at('2025-06-02T22:30Z'), 'minute', 180)).toBe('3 Jun 2025, 01:30');
  });
});

describe('formatSpan', () => {
  it('shows a same-day day-precision span as one date', () => {
    expect(formatSpan(at('2025-05-16T12:00Z'), at('2025-05-16T14:00Z'), 'day')).toBe('16 May 2025');
  });

  it('shows a multi-day span within one month with one month and year', () => {
    expect(formatSpan(at('2025-05-23T12:00Z'), at('2025-05-25T12:00Z'), 'day')).toBe('23–25 May 2025');
  });

  it('shows a span across months with both months and one year', () => {
    expect(formatSpan(at('2025-05-29T12:00Z'), at('2025-06-02T12:00Z'), 'day')).toBe('29 May – 2 Jun 2025');
  });

  it('shows a same-day minute span with the date once and UTC at the end', () => {
    expect(formatSpan(at('2025-06-02T11:44Z'), at('2025-06-02T12:50Z'), 'minute')).toBe('2 Jun 2025, 11:44–12:50 UTC');
  });

  it('says "to about" before an estimated end', () => {
    expect(formatSpan(at('2025-06-02T11:44Z'), at('2025-06-02T12:50Z'), 'minute', true)).toBe('2 Jun 2025, 11:44 to about 12:50 UTC');
    expect(formatSpan(at('2025-06-01T23:10Z'), at('2025-06-02T01:05Z'), 'minute', true)).toBe('1 Jun 2025, 23:10 to about 2 Jun 2025, 01:05 UTC');
    expect(formatSpan(at('2025-05-23T12:00Z'), at('2025-05-25T12:00Z'), 'day', true)).toBe('23 May 2025 to about 25 May 2025');
  });

  it('gives an event its span: the end only when the event has one, "to about" when it is an estimate', () => {
    const e = { t0: at('2025-06-02T11:44Z'), t1: at('2025-06-02T12:50Z'), precision: 'minute' as const };
    expect(eventSpan({ ...e, end: '2025-06-02T12:50Z', endApprox: true })).toBe('2 Jun 2025, 11:44 to about 12:50 UTC');
    expect(eventSpan({ ...e, end: '2025-06-02T12:50Z' })).toBe('2 Jun 2025, 11:44–12:50 UTC');
    expect(eventSpan({ ...e, t1: e.t0 })).toBe('2 Jun 2025, 11:44 UTC');
  });

  it('shows a minute span across midnight with both dates', () => {
    expect(formatSpan(at('2025-06-01T23:10Z'), at('2025-06-02T01:05Z'), 'minute')).toBe('1 Jun 2025, 23:10 – 2 Jun 2025, 01:05 UTC');
  });

  it('shows an hour span on the hour', () => {
    expect(formatSpan(at('2025-06-02T11:44Z'), at('2025-06-02T14:20Z'), 'hour')).toBe('2 Jun 2025, 11:00–14:00 UTC');
  });

  it('shows a span with no end as its start', () => {
    expect(formatSpan(at('2025-06-01T11:35Z'), undefined, 'minute')).toBe('1 Jun 2025, 11:35 UTC');
    expect(formatSpan(at('2025-06-01T11:35Z'), undefined, 'day')).toBe('1 Jun 2025');
  });

  // Bug: across a new year the start's year is dropped, so the span reads as within 2025.
  it('keeps the start year on a day span across a new year', () => {
    const text = formatSpan(at('2024-12-30T12:00Z'), at('2025-01-02T12:00Z'), 'day');
    expect(text).toContain('30 Dec 2024');
    expect(text).toContain('2 Jan 2025');
  });

  // Bug: the same month in different years is treated as the same month ("23–25 May 2025").
  it('does not merge the same month of two different years', () => {
    const text = formatSpan(at('2024-05-23T12:00Z'), at('2025-05-25T12:00Z'), 'day');
    expect(text).toContain('23 May 2024');
    expect(text).toContain('25 May 2025');
  });
});

describe('isoMinute', () => {
  it('drops zero seconds', () => {
    expect(isoMinute(at('2025-06-01T11:35Z'))).toBe('2025-06-01T11:35Z');
    expect(isoMinute(at('2025-06-01T11:35:00.000Z'))).toBe('2025-06-01T11:35Z');
  });

  it('keeps non-zero seconds', () => {
    expect(isoMinute(at('2025-06-01T11:35:20Z'))).toBe('2025-06-01T11:35:20Z');
    expect(isoMinute(at('2025-06-01T11:35:01Z'))).toBe('2025-06-01T11:35:01Z');
  });

  it('parses back to the same instant for whole seconds', () => {
    for (const t of [at('2025-05-15T00:00Z'), at('2025-06-02T11:44:59Z'), at('2025-06-17T00:00Z')]) expect(Date.parse(isoMinute(t))).toBe(t);
  });
});
