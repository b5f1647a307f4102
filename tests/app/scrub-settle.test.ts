import { describe, expect, it } from 'vitest';
import { createScrubSettle } from '../../src/app/scrub-settle.ts';

/** Returns a scheduler on a fake clock and fake frames: `frame(ms)` moves the clock by `ms` and draws a frame. */
function createFake() {
  let t = 1_000;
  let callbacks = new Map<number, () => void>();
  let nextId = 1;
  let runs = 0;
  const s = createScrubSettle(() => runs++, {
    quietMs: 150,
    quietFrames: 3,
    now: () => t,
    requestFrame: (f) => {
      callbacks.set(nextId, f);
      return nextId++;
    },
    cancelFrame: (id) => callbacks.delete(id),
  });
  const frame = (ms = 16) => {
    t += ms;
    const due = [...callbacks.values()];
    callbacks = new Map();
    for (const f of due) f();
  };
  return { s, frame, runs: () => runs, waiting: () => callbacks.size };
}

describe('createScrubSettle', () => {
  it('runs a step that needs the work at once when no pointer is held (a key, a click on an event, playback)', () => {
    const { s, frame, runs, waiting } = createFake();
    for (let i = 0; i < 20; i++) {
      expect(s.step(true, false)).toBe(true);
      frame();
    }
    expect(runs()).toBe(20);
    expect(s.step(false, false)).toBe(false);
    expect(runs()).toBe(20);
    expect(waiting()).toBe(0);
  });

  it('defers the work of a drag across many events and runs it once when the drag rests 150 ms and 3 frames', () => {
    const { s, frame, runs, waiting } = createFake();
    for (let i = 0; i < 30; i++) {
      expect(s.step(i % 3 !== 0, true)).toBe(false);
      frame();
    }
    expect(runs()).toBe(0);
    expect(s.pending).toBe(true);
    frame(16);
    frame(16);
    expect(runs()).toBe(0); // 3 frames since the last step, but 48 ms
    for (let i = 0; i < 6; i++) frame(16);
    expect(runs()).toBe(0); // 9 frames, 144 ms
    frame(16);
    expect(runs()).toBe(1);
    expect(s.pending).toBe(false);
    expect(waiting()).toBe(0);
    frame(1_000);
    expect(runs()).toBe(1);
  });

  it('on a slow renderer waits for frames without a step too, not only for the clock', () => {
    const { s, frame, runs } = createFake();
    // a frame every 2 s, a step every other frame: 150 ms pass in every frame, but the drag goes on
    for (let i = 0; i < 10; i++) {
      s.step(true, true);
      frame(2_000);
      frame(2_000);
    }
    expect(runs()).toBe(0);
    frame(2_000);
    expect(runs()).toBe(1);
  });

  it('runs deferred work when the pointer is released, once', () => {
    const { s, frame, runs, waiting } = createFake();
    s.step(false, true);
    frame();
    s.step(true, true);
    expect(runs()).toBe(0);
    s.release();
    expect(runs()).toBe(1);
    expect(waiting()).toBe(0);
    s.release();
    frame(1_000);
    expect(runs()).toBe(1);
  });

  it('drops deferred work that ran for another reason (a zoom, a layer toggle)', () => {
    const { s, frame, runs, waiting } = createFake();
    s.step(true, true);
    s.cancel();
    for (let i = 0; i < 20; i++) frame(100);
    expect(runs()).toBe(0);
    expect(waiting()).toBe(0);
    s.release();
    expect(runs()).toBe(0);
  });
});
