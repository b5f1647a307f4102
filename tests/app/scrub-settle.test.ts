import { describe, expect, it } from 'vitest';
import { createScrubSettle } from '../../src/app/scrub-settle.ts';

/** Returns a scheduler on a fake clock: `advance(ms)` moves the clock and fires the timer when due. */
function createFake(quietMs = 150) {
  let t = 1_000;
  let timer: { at: number; f: () => void } | null = null;
  let runs = 0;
  const s = createScrubSettle(() => runs++, {
    quietMs,
    now: () => t,
    setTimer: (f, ms) => (timer = { at: t + ms, f }),
    clearTimer: (id) => {
      if (id === timer) timer = null;
    },
  });
  const advance = (ms: number) => {
    t += ms;
    if (timer && timer.at <= t) {
      const { f } = timer;
      timer = null;
      f();
    }
  };
  return { s, advance, runs: () => runs };
}

describe('createScrubSettle', () => {
  it('runs a lone step that needs the work at once (a key, a click, a press on the track)', () => {
    const { s, advance, runs } = createFake();
    expect(s.step(true, false)).toBe(true);
    expect(runs()).toBe(1);
    advance(1_000);
    expect(s.step(true, true)).toBe(true);
    expect(runs()).toBe(2);
    expect(s.pending).toBe(false);
  });

  it('never defers without a pointer held, however fast the steps (playback, held keys, exports)', () => {
    const { s, advance, runs } = createFake();
    for (let i = 0; i < 20; i++) {
      expect(s.step(true, false)).toBe(true);
      advance(16);
    }
    expect(runs()).toBe(20);
  });

  it('defers the work of a fast drag across many events and runs it once when the drag rests', () => {
    const { s, advance, runs } = createFake();
    s.step(true, true);
    expect(runs()).toBe(1);
    for (let i = 0; i < 30; i++) {
      advance(16);
      expect(s.step(i % 3 !== 0, true)).toBe(false);
    }
    expect(runs()).toBe(1);
    expect(s.pending).toBe(true);
    advance(149);
    expect(runs()).toBe(1);
    advance(1);
    expect(runs()).toBe(2);
    expect(s.pending).toBe(false);
    advance(1_000);
    expect(runs()).toBe(2);
  });

  it('keeps waiting while steps that cross no event go on, and runs on release', () => {
    const { s, advance, runs } = createFake();
    s.step(false, true);
    advance(16);
    expect(s.step(true, true)).toBe(false);
    for (let i = 0; i < 10; i++) {
      advance(100);
      s.step(false, true);
    }
    expect(runs()).toBe(0);
    s.release();
    expect(runs()).toBe(1);
    s.release();
    expect(runs()).toBe(1);
  });

  it('runs a step at once after the drag has rested, and drops deferred work that ran for another reason', () => {
    const { s, advance, runs } = createFake();
    s.step(false, true);
    advance(10);
    s.step(true, true);
    s.cancel();
    advance(500);
    expect(runs()).toBe(0);
    expect(s.step(true, true)).toBe(true);
    expect(runs()).toBe(1);
  });
});
