import { describe, expect, it } from 'vitest';
import { createTimeScale } from '../../src/time/time-scale.ts';
import { approach, placesDrawnAt, resumeAt, shortenedTravel, tourPlan } from '../../src/modes/tour-plan.ts';
import { createEvent, FIXTURE_START, HOUR } from '../fixtures/prepared-event.ts';

const END = FIXTURE_START + 100 * HOUR;
/** A place that appears `h` hours after the start (Infinity: named by no event). */
const place = (h: number) => ({ appearH: h });

describe('tourPlan', () => {
  const events = [createEvent(0, 10), createEvent(1, 20), createEvent(2, 30), createEvent(3, 60)];

  it('starts at the first event with a place on the map, and ends on the last event', () => {
    // The first event brings no place and none is on the map yet: an empty map, left out.
    const plan = tourPlan(events, [place(20), place(30), place(Infinity)], FIXTURE_START, END);
    expect(plan.first).toBe(1);
    expect(plan.last).toBe(3);
  });

  it('keeps an event without places of its own once earlier places are on the map', () => {
    // event 3 (hour 60) names no place but the map already shows two
    expect(tourPlan(events, [place(10), place(30)], FIXTURE_START, END)).toMatchObject({ first: 0, last: 3 });
  });

  it('holds the attract frame at the moment the last place has appeared, so every place is drawn', () => {
    const plan = tourPlan(events, [place(10), place(30), place(20), place(Infinity)], FIXTURE_START, END);
    expect(plan.attractT).toBe(FIXTURE_START + 30 * HOUR);
    expect(placesDrawnAt([place(10), place(30), place(20), place(Infinity)], 30)).toBe(3);
  });

  it('falls back to the story end and the first event for a story without places', () => {
    expect(tourPlan(events, [], FIXTURE_START, END)).toEqual({ attractT: END, first: 0, last: 3 });
  });
});

describe('placesDrawnAt', () => {
  it('counts the places that have appeared by an hour', () => {
    const places = [place(5), place(10), place(Infinity)];
    expect(placesDrawnAt(places, 4.9)).toBe(0);
    expect(placesDrawnAt(places, 5)).toBe(1);
    expect(placesDrawnAt(places, 1e6)).toBe(2);
  });
});

describe('shortenedTravel', () => {
  // 100 hours over a 100 s track, evenly: one hour a second
  const scale = createTimeScale(FIXTURE_START, END);
  const at = (h: number) => FIXTURE_START + h * HOUR;

  it('cuts a long stretch to the last `max` seconds before the next stop', () => {
    const to = shortenedTravel(scale, at(10), at(40), 100, 2)!;
    expect((to - FIXTURE_START) / HOUR).toBeCloseTo(38, 6);
    // and once cut it is short enough
    expect(shortenedTravel(scale, to, at(40), 100, 2)).toBeNull();
  });

  it('leaves a short stretch alone', () => {
    expect(shortenedTravel(scale, at(10), at(12), 100, 2)).toBeNull();
    expect(shortenedTravel(scale, at(10), at(11), 100, 2)).toBeNull();
  });

  it('follows the scale: a focus band that gives hours more width takes longer to cross', () => {
    // hours 20–30 take half the track (50 s); the rest share the other half
    const focused = createTimeScale(FIXTURE_START, END, [{ start: at(20), end: at(30), share: 0.5 }]);
    const to = shortenedTravel(focused, at(20), at(30), 100, 2)!;
    expect((to - FIXTURE_START) / HOUR).toBeCloseTo(29.6, 6);
  });

  it('always lands before the next stop, so the player still holds there', () => {
    for (const max of [0.001, 0.5, 2, 10]) {
      const to = shortenedTravel(scale, at(0), at(50), 100, max);
      if (to !== null) {
        expect(to).toBeLessThan(at(50));
        expect(to).toBeGreaterThan(at(0));
      }
    }
  });
});

describe('approach and resumeAt', () => {
  const events = [createEvent(0, 10), createEvent(1, 20), createEvent(2, 30)];
  const plan = { attractT: FIXTURE_START + 30 * HOUR, first: 1, last: 2 };

  it('plays from just before an event, so the player reaches it and holds', () => {
    expect(approach(events, 1)).toBe(events[1].t0 - 1);
  });

  it('resumes at the start of the event the visitor left the map on', () => {
    expect(resumeAt(plan, events, events[1].t0)).toBe(events[1].t0 - 1);
    expect(resumeAt(plan, events, events[1].t0 + 5 * HOUR)).toBe(events[1].t0 - 1);
    // still on the last event, however long after it
    expect(resumeAt(plan, events, events[2].t0 + 50 * HOUR)).toBe(events[2].t0 - 1);
  });

  it('resumes at the first stop when the visitor left before it', () => {
    expect(resumeAt(plan, events, FIXTURE_START)).toBe(events[1].t0 - 1);
    expect(resumeAt(plan, events, events[0].t0)).toBe(events[1].t0 - 1);
  });
});
