import { describe, expect, it } from 'vitest';
import { displayPrecision, momentPrecision, type MomentContext } from '../../src/time/precision.ts';

const at = (iso: string) => Date.parse(iso);

/** A story with a day-, an hour- and a minute-precision event, and a focus band (minutes) over the last two. */
const prep: MomentContext = {
  events: [
    { t0: at('2025-05-16T12:00Z'), precision: 'day' },
    { t0: at('2025-06-01T06:00Z'), precision: 'hour' },
    { t0: at('2025-06-02T10:00Z'), precision: 'minute' },
  ],
  story: { focus: [{ start: '2025-05-31T18:00Z', end: '2025-06-03T06:00Z' }] },
};

describe('momentPrecision', () => {
  it('is never finer than the current event’s: a day-precision event gets a date, an hour-precision one an hour', () => {
    // outside the focus band the moment's own precision is the hour, inside it the minute
    expect(displayPrecision(prep, at('2025-05-20T09:00Z'))).toBe('hour');
    expect(momentPrecision(prep, at('2025-05-20T09:00Z'))).toBe('day');
    expect(displayPrecision(prep, at('2025-06-01T07:17Z'))).toBe('minute');
    expect(momentPrecision(prep, at('2025-06-01T07:17Z'))).toBe('hour');
  });

  it('keeps the moment’s own precision under a minute-precision event, and before the first event', () => {
    expect(momentPrecision(prep, at('2025-06-02T10:47Z'))).toBe('minute');
    expect(momentPrecision(prep, at('2025-05-15T07:00Z'))).toBe('hour');
    // at an event's start, its own precision
    expect(momentPrecision(prep, at('2025-06-02T10:00Z'))).toBe('minute');
    expect(momentPrecision(prep, at('2025-05-16T12:00Z'))).toBe('day');
  });
});
