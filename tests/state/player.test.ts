import { describe, expect, it } from 'vitest';
import { advance, dwellSeconds, eventHolds, type PlayContext, type PlayState } from '../../src/state/player.ts';
import { createTimeScale, type Band } from '../../src/time/time-scale.ts';
import { createEvent, FIXTURE_START, HOUR } from '../fixtures/prepared-event.ts';

const START = FIXTURE_START;
/** 100 hours, crossed in 100 s at 1×: one story hour per wall second on a linear scale. */
const END = START + 100 * HOUR;
const TRACK_SECONDS = 100;

/** Returns a play context over a linear 100-hour scale with events at 10 h, 20 h and 30 h. */
function createCtx(overrides: Partial<PlayContext> & { dwellSeconds?: number; bands?: Band[] } = {}): PlayContext {
  const { dwellSeconds = 8, bands = [], ...rest } = overrides;
  return {
    scale: createTimeScale(START, END, bands),
    events: [createEvent(0, 10), createEvent(1, 20), createEvent(2, 30)],
    trackSeconds: TRACK_SECONDS,
    dwell: (e) => e.dwell ?? dwellSeconds,
    loop: false,
    ...rest,
  };
}

/** Returns a play state at `hours` after START. */
function createState(hours: number, dwellLeft = 0): PlayState {
  return { t: START + hours * HOUR, dwellLeft };
}

const hoursOf = (t: number) => (t - START) / HOUR;

describe('advance', () => {
  it('moves at the track pace: the whole track in trackSeconds', () => {
    const r = advance(createState(0), 5000, createCtx());
    expect(hoursOf(r.t)).toBeCloseTo(5, 6);
    expect(r).toMatchObject({ dwellLeft: 0, ended: false });
    expect(hoursOf(advance(createState(40), 1000, createCtx()).t)).toBeCloseTo(41, 6);
  });

  it('moves at a steady track pace, so a focus band plays slower in story time', () => {
    // Hours 40–50 take half the track: 50 s of wall time for 10 story hours.
    const ctx = createCtx({ bands: [{ start: START + 40 * HOUR, end: START + 50 * HOUR, share: 0.5 }], events: [] });
    expect(hoursOf(advance(createState(42), 5000, ctx).t)).toBeCloseTo(43, 6);
    // Outside it, 90 hours share the other 50 s.
    expect(hoursOf(advance(createState(60), 5000, ctx).t)).toBeCloseTo(69, 6);
  });

  it('stops exactly on an event it crosses and holds there', () => {
    const r = advance(createState(8), 5000, createCtx());
    expect(r.t).toBe(START + 10 * HOUR);
    // 2 s to reach it, 3 s of the 8 s dwell used.
    expect(r.dwellLeft).toBeCloseTo(5000, 6);
    expect(r.ended).toBe(false);
  });

  it('dwells for dwell(e) seconds in total before moving on', () => {
    const ctx = createCtx();
    let s: PlayState = advance(createState(9), 1000, ctx);
    expect(s).toEqual({ t: START + 10 * HOUR, dwellLeft: 8000, ended: false });
    for (let i = 0; i < 7; i++) {
      s = advance(s, 1000, ctx);
      expect(s.t).toBe(START + 10 * HOUR);
    }
    expect(s.dwellLeft).toBeCloseTo(1000, 6);
    s = advance(s, 3000, ctx);
    expect(hoursOf(s.t)).toBeCloseTo(12, 6);
    expect(s.dwellLeft).toBe(0);
  });

  it("uses each event's own dwell", () => {
    const ctx = createCtx({ events: [createEvent(0, 10, { dwell: 30 }), createEvent(1, 20)] });
    expect(advance(createState(9), 1000, ctx).dwellLeft).toBe(30_000);
  });

  it('stops at the first of two crossed events while its dwell lasts longer than the time left', () => {
    const r = advance(createState(8), 15_000, createCtx({ dwellSeconds: 20 }));
    expect(r.t).toBe(START + 10 * HOUR);
    expect(r.dwellLeft).toBeCloseTo(20_000 - 13_000, 6);
  });

  it('spends a long step on the travel and the dwell, then stops at the next event', () => {
    // 2 s to the first event, its 8 s dwell, 10 s to the second, 1 s into its dwell.
    const r = advance(createState(8), 21_000, createCtx());
    expect(r.t).toBe(START + 20 * HOUR);
    expect(r.dwellLeft).toBeCloseTo(7000, 6);
  });

  it('does not dwell again on the event it is standing on', () => {
    const r = advance(createState(10), 1000, createCtx());
    expect(hoursOf(r.t)).toBeCloseTo(11, 6);
    expect(r.dwellLeft).toBe(0);
  });

  it('stops on an event at the very end of the range', () => {
    const ctx = createCtx({ events: [createEvent(0, 100)] });
    const r = advance(createState(99), 5000, ctx);
    expect(r.t).toBe(END);
    expect(r.dwellLeft).toBeCloseTo(4000, 6);
  });

  it('stops at the end without looping, never past it, and then reports ended', () => {
    const ctx = createCtx();
    const r = advance(createState(98), 5000, ctx);
    expect(r.t).toBe(END);
    expect(advance(r, 16, ctx)).toEqual({ t: END, dwellLeft: 0, ended: true });
    expect(advance(createState(100), 1000, ctx)).toEqual({ t: END, dwellLeft: 0, ended: true });
  });

  it('wraps to the start when looping and keeps moving', () => {
    const ctx = createCtx({ loop: true });
    const r = advance(createState(100), 5000, ctx);
    expect(hoursOf(r.t)).toBeCloseTo(5, 6);
    expect(r.ended).toBe(false);
  });

  it('stops on the first event after wrapping', () => {
    const r = advance(createState(100), 12_000, createCtx({ loop: true }));
    expect(r.t).toBe(START + 10 * HOUR);
    expect(r.dwellLeft).toBeCloseTo(6000, 6);
  });

  it('changes nothing for dt = 0', () => {
    const ctx = createCtx();
    for (const s of [createState(15), createState(10, 3000), createState(0)]) expect(advance(s, 0, ctx)).toEqual({ ...s, ended: false });
  });
});

describe('eventHolds', () => {
  /** Returns a text of `n` words. */
  const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
  const story = { defaultDwell: 8 };
  const events = [{ dwell: 14, title: words(10), body: words(90) }, { title: words(2), body: words(10) }];

  it("is each event's dwellSeconds at the mode's pace, times its dwell factor, in order", () => {
    expect(eventHolds(events, story, { readingWordsPerMinute: 200, dwellFactor: 1 })).toEqual([30, 8]);
    expect(eventHolds(events, story, { readingWordsPerMinute: null, dwellFactor: 0.5 })).toEqual([7, 4]);
    expect(eventHolds(events, story, { readingWordsPerMinute: 200, dwellFactor: 1 })[0]).toBe(dwellSeconds(events[0], story, 200));
  });
});
