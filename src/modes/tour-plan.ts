import { currentEventIndex, type PreparedEvent, type PreparedPlace } from '../data/prepare.ts';
import type { TimeScale } from '../time/time-scale.ts';

/** Seconds (at 1×) the playhead may take from one stop's end to the next stop: a longer stretch is cut short. */
export const MAX_TRAVEL_SECONDS = 2;

/** Seconds (at 1×) the kiosk holds its attract frame (title, "Touch to explore", QR) between tours. */
export const ATTRACT_SECONDS = 12;

/** What the kiosk's tour does with a story, derived from its events and places (no event ids). */
export interface TourPlan {
  /** The attract frame's moment (epoch ms UTC): the last place has appeared, so every place the story draws is on the map. */
  attractT: number;
  /** Index of the tour's first stop: the first event at whose start the map draws a place. */
  first: number;
  /** Index of the last stop (the last event): once its dwell is over the tour ends, and the attract frame comes back. */
  last: number;
}

type PlanEvent = Pick<PreparedEvent, 't0'>;
type PlanPlace = Pick<PreparedPlace, 'appearH'>;

/** Returns how many places the map draws at `h` (hours from the story's start): every place that has appeared by then. */
export function placesDrawnAt(places: readonly PlanPlace[], h: number): number {
  return places.reduce((n, p) => n + (p.appearH <= h ? 1 : 0), 0);
}

/**
 * Returns the tour plan for a story that starts at `start` (epoch ms) and ends at `end`. Stretches
 * with nothing on the map are left out: the tour starts at the first event at which a place is drawn
 * (before it the map is empty) and ends with the last event's dwell (after it nothing changes while
 * the clock would run on to the story's end). An event with no place of its own (a subject box) is
 * still a stop once earlier places are on the map.
 */
export function tourPlan(events: readonly PlanEvent[], places: readonly PlanPlace[], start: number, end: number): TourPlan {
  const hour = (t: number) => (t - start) / 3_600_000;
  const appeared = places.map((p) => p.appearH).filter(Number.isFinite);
  const attractT = appeared.length ? start + Math.max(...appeared) * 3_600_000 : end;
  const found = events.findIndex((e) => placesDrawnAt(places, hour(e.t0)) > 0);
  return { attractT: Math.min(end, attractT), first: Math.max(0, found), last: events.length - 1 };
}

/**
 * Returns where to move the playhead (epoch ms) so that it reaches the next stop at `next` (epoch ms)
 * from `t` in at most `maxSeconds` of track time, for a track crossed in `trackSeconds`; or null when
 * it already would. The result is always before `next`, so the player still stops there.
 */
export function shortenedTravel(scale: Pick<TimeScale, 'toPos' | 'toTime'>, t: number, next: number, trackSeconds: number, maxSeconds = MAX_TRAVEL_SECONDS): number | null {
  const to = scale.toPos(next);
  if ((to - scale.toPos(t)) * trackSeconds <= maxSeconds + 1e-6) return null;
  const moved = scale.toTime(to - maxSeconds / trackSeconds);
  return moved > t && moved < next ? moved : null;
}

/**
 * Returns the moment (epoch ms) from which the tour plays to land on event `i`'s start and hold there:
 * just before it, since the player holds on an event only when it reaches one.
 */
export function approach(events: readonly Pick<PreparedEvent, 't0'>[], i: number): number {
  return events[i].t0 - 1;
}

/**
 * Returns the moment (epoch ms) a tour resumed after a visitor plays from: the start of the event
 * the visitor left the map on, held again; the tour's first stop when they left it before that.
 */
export function resumeAt(plan: TourPlan, events: readonly Pick<PreparedEvent, 't0'>[], t: number): number {
  const i = currentEventIndex(events, t);
  return approach(events, i < plan.first ? plan.first : Math.min(i, plan.last));
}
