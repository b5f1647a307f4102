import { describe, expect, it } from 'vitest';
import { endOfUtcDay, parseUtcInstant } from '../../src/time/instant.ts';

describe('parseUtcInstant', () => {
  it('reads a UTC instant with or without seconds', () => {
    expect(parseUtcInstant('2025-06-01T11:35Z')).toBe(Date.UTC(2025, 5, 1, 11, 35));
    expect(parseUtcInstant('2025-06-01T11:35:20.5Z')).toBe(Date.UTC(2025, 5, 1, 11, 35, 20, 500));
  });

  it('refuses a time that does not exist, a local time and a date alone', () => {
    for (const s of ['2025-02-30T10:00Z', '2025-06-01T24:00Z', '2025-06-01T10:60Z', '2025-06-01T10:00', '2025-06-01T10:00+03:00', '2025-06-01']) expect(parseUtcInstant(s), s).toBeNull();
  });
});

describe('endOfUtcDay', () => {
  it('is the next day’s midnight UTC, across a month’s and a year’s end', () => {
    expect(endOfUtcDay(Date.UTC(2025, 5, 16, 0, 0))).toBe(Date.UTC(2025, 5, 17));
    expect(endOfUtcDay(Date.UTC(2025, 5, 16, 23, 59, 59, 999))).toBe(Date.UTC(2025, 5, 17));
    expect(endOfUtcDay(Date.UTC(2025, 4, 31, 12))).toBe(Date.UTC(2025, 5, 1));
    expect(endOfUtcDay(Date.UTC(2025, 11, 31, 21))).toBe(Date.UTC(2026, 0, 1));
  });
});
