import { describe, expect, it } from 'vitest';
import { addReload, contextGone, isStalled, NIGHTLY_GRACE_MS, nightlyReloadAt, readReloads, RELOAD_KEY } from '../../src/modes/kiosk-watchdog.ts';

/** Local time (the machine's zone) as ms since the epoch. */
const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('the kiosk watchdog: frame-loop stall', () => {
  it('counts a gap over the limit while visible, never at or under it, never while hidden', () => {
    expect(isStalled(31_001, 1_000, 30_000, true)).toBe(true);
    expect(isStalled(31_000, 1_000, 30_000, true)).toBe(false);
    expect(isStalled(10_000, 1_000, 30_000, true)).toBe(false);
    expect(isStalled(999_999, 1_000, 30_000, false)).toBe(false);
  });
});

describe('the kiosk watchdog: lost WebGL context', () => {
  it('reloads only for a context lost longer than the limit', () => {
    expect(contextGone(100_000, null, 30_000)).toBe(false);
    expect(contextGone(40_000, 10_000, 30_000)).toBe(false);
    expect(contextGone(40_001, 10_000, 30_000)).toBe(true);
  });
});

describe('the kiosk watchdog: nightly reload (local time)', () => {
  it('reloads at the hour the next night when loaded after it', () => {
    expect(nightlyReloadAt(local(2026, 3, 10, 14, 20), 4)).toBe(local(2026, 3, 11, 4));
  });

  it('reloads at the hour the same night when loaded more than an hour before it', () => {
    expect(nightlyReloadAt(local(2026, 3, 10, 1, 15), 4)).toBe(local(2026, 3, 10, 4));
  });

  it('never within the first hour after a load: loaded at 03:30 it reloads at 04:30, loaded at 04:00 (by its own reload) not before the next night', () => {
    expect(nightlyReloadAt(local(2026, 3, 10, 3, 30), 4)).toBe(local(2026, 3, 10, 4, 30));
    const afterReload = local(2026, 3, 10, 4, 0);
    const next = nightlyReloadAt(afterReload, 4)!;
    expect(next).toBe(local(2026, 3, 11, 4));
    expect(next - afterReload).toBeGreaterThanOrEqual(NIGHTLY_GRACE_MS);
  });

  it('handles midnight and the end of a month', () => {
    expect(nightlyReloadAt(local(2026, 1, 31, 23, 30), 0)).toBe(local(2026, 2, 1, 0, 30));
    expect(nightlyReloadAt(local(2026, 1, 31, 12, 0), 0)).toBe(local(2026, 2, 1, 0));
  });

  it('has none when the hour is null or out of range', () => {
    expect(nightlyReloadAt(local(2026, 3, 10, 1), null)).toBeNull();
    expect(nightlyReloadAt(local(2026, 3, 10, 1), 24)).toBeNull();
  });
});

describe('the reload record', () => {
  const entry = (n: number) => ({ reason: 'stall' as const, detail: `#${n}`, at: '2026-03-10T04:00:00.000Z' });

  it('counts reloads and keeps the last 20, whatever was stored before', () => {
    expect(addReload(null, entry(1))).toEqual({ count: 1, last: [entry(1)] });
    expect(addReload('garbage', entry(1)).count).toBe(1);
    let r = addReload(null, entry(0));
    for (let i = 1; i < 25; i++) r = addReload(r, entry(i));
    expect(r.count).toBe(25);
    expect(r.last).toHaveLength(20);
    expect(r.last.at(-1)!.detail).toBe('#24');
  });

  it('reads an unreadable record as no reloads', () => {
    const store = (v: string | null) => ({ getItem: (k: string) => (k === RELOAD_KEY ? v : null) });
    expect(readReloads(store(null))).toEqual({ count: 0, last: [] });
    expect(readReloads(store('{not json'))).toEqual({ count: 0, last: [] });
    expect(readReloads(store(JSON.stringify({ count: 2, last: [entry(1)] })))).toEqual({ count: 2, last: [entry(1)] });
  });
});
