import { describe, expect, it } from 'vitest';
import { createTimeScale } from '../../src/time/time-scale.ts';
import { eventSpan, FLIGHT_SECONDS, frameState, planVideo, type VideoPacing } from '../../src/export/video-timeline.ts';
import { createEvent, FIXTURE_START, HOUR } from '../fixtures/prepared-event.ts';

const START = FIXTURE_START;
/** 100 hours crossed in 100 s of video: one story hour per second on a linear scale. */
const END = START + 100 * HOUR;
const at = (h: number) => START + h * HOUR;

/** Returns pacing over a linear 100-hour scale with events at 10 h (dwell 4, camera A), 20 h (camera B) and 30 h (camera B again); default dwell 8 s. */
function createPacing(): VideoPacing {
  const scale = createTimeScale(START, END);
  const events = [createEvent(0, 10, { dwell: 4, camera: [30, 50, 5] }), createEvent(1, 20, { endHours: 25, camera: [40, 55, 4] }), createEvent(2, 30, { camera: [40, 55, 4] })];
  return { scale, events, trackSeconds: 100, dwell: (e) => e.dwell ?? 8 };
}

describe('planVideo', () => {
  it('moves at the track pace and holds each event from `from` on, not one at `to`', () => {
    const plan = planVideo(createPacing(), at(10), at(30), 10);
    expect(plan.segments.map((s) => [s.kind, +s.start.toFixed(9), +s.seconds.toFixed(9)])).toEqual([
      ['hold', 0, 4],
      ['move', 4, 10],
      ['hold', 14, 8],
      ['move', 22, 10],
    ]);
    expect(plan.frames).toBe(320);
    expect(plan.seconds).toBe(32);
  });

  it('rounds the length to whole frames', () => {
    const plan = planVideo(createPacing(), at(0), at(5.55), 5);
    expect(plan.frames).toBe(28);
    expect(plan.seconds).toBeCloseTo(5.6, 9);
  });

  it('flies to a held event’s camera at its start, in at most FLIGHT_SECONDS and half the hold; not to the same camera again', () => {
    const plan = planVideo(createPacing(), at(5), at(40), 30);
    expect(plan.firstCamera).toBe(-1);
    expect(plan.flights).toEqual([
      { start: 5, seconds: 2, from: -1, to: 0 },
      { start: 19, seconds: FLIGHT_SECONDS, from: 0, to: 1 },
    ]);
  });

  it('starts on the camera of the event current at `from`', () => {
    expect(planVideo(createPacing(), at(12), at(15), 30).firstCamera).toBe(0);
  });

  it('flies to the frames `frameKey` gives (the page’s event frames), not to the data cameras; an event with no frame keeps the camera', () => {
    const keys = ['box A', null, 'box C'];
    const plan = planVideo({ ...createPacing(), frameKey: (i) => keys[i] }, at(5), at(40), 30);
    expect(plan.flights).toEqual([
      { start: 5, seconds: 2, from: -1, to: 0 },
      { start: 37, seconds: FLIGHT_SECONDS, from: 0, to: 2 },
    ]);
    expect(planVideo({ ...createPacing(), frameKey: () => null }, at(5), at(40), 30).flights).toEqual([]);
  });

  it('refuses an empty span and a frame rate out of range', () => {
    expect(() => planVideo(createPacing(), at(10), at(10), 30)).toThrow(/span is empty/);
    expect(() => planVideo(createPacing(), at(10), at(20), 0)).toThrow(/fps must be/);
    expect(() => planVideo(createPacing(), at(10), at(20), 61)).toThrow(/fps must be/);
  });
});

describe('frameState', () => {
  const p = createPacing();
  const plan = planVideo(p, at(10), at(30), 10);
  const states = Array.from({ length: plan.frames }, (_, i) => frameState(plan, i, p.scale));

  it('holds the slider on an event, moves it steadily between, and never reaches `to`', () => {
    expect(states.slice(0, 40).every((s) => s.t === at(10))).toBe(true);
    expect(states[40].t).toBe(at(10));
    expect(states[45].t).toBe(at(10.5));
    expect(states[140].t).toBe(at(20));
    expect(states[219].t).toBe(at(20));
    for (let i = 1; i < states.length; i++) expect(states[i].t).toBeGreaterThanOrEqual(states[i - 1].t);
    expect(states[states.length - 1].t).toBeLessThan(at(30));
    expect(states[states.length - 1].t).toBe(at(29.9));
  });

  it('reports a flight’s progress and then rests on the new camera', () => {
    expect(states[140].camera).toEqual({ from: 0, to: 1, k: 0 });
    expect(states[150].camera).toEqual({ from: 0, to: 1, k: 0.5 });
    expect(states[160].camera).toEqual({ from: 1, to: 1, k: 1 });
    expect(states[0].camera).toEqual({ from: 0, to: 0, k: 1 });
  });
});

describe('eventSpan', () => {
  const { events } = createPacing();
  it('runs from an event’s start to its end, or else to the next event, or the story’s end', () => {
    expect(eventSpan(events, 1, END)).toEqual({ from: at(20), to: at(25) });
    expect(eventSpan(events, 0, END)).toEqual({ from: at(10), to: at(20) });
    expect(eventSpan(events, 2, END)).toEqual({ from: at(30), to: END });
  });
});
