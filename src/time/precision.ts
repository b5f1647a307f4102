import type { Precision } from './format.ts';

/** What the precision of a moment depends on: the events (start epoch ms UTC, precision) and the focus bands. */
export interface MomentContext {
  events: readonly { t0: number; precision: Precision }[];
  story: { focus: readonly { start: string; end: string }[] };
}

/** Returns the index of the current event at time t (epoch ms): the last that has started, or -1 before the first. */
export function currentEventIndex(events: readonly { t0: number }[], t: number): number {
  let lo = 0;
  let hi = events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].t0 <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Returns the precision to show a moment (epoch ms UTC) at: the event's own at its start, else minutes inside a focus band and hours outside (`i`: the current event's index, if known). */
export function displayPrecision(prep: MomentContext, t: number, i = currentEventIndex(prep.events, t)): Precision {
  if (i >= 0 && prep.events[i].t0 === t) return prep.events[i].precision;
  const inFocus = prep.story.focus.some((f) => t >= Date.parse(f.start) && t <= Date.parse(f.end));
  return inFocus ? 'minute' : 'hour';
}

/** How fine each precision is: a day is coarser than an hour, an hour than a minute. */
const FINENESS: Record<Precision, number> = { day: 0, hour: 1, minute: 2 };

/**
 * Returns the precision to print a moment at beside its current event (a caption's date line, the
 * slider's readout and value text): the moment's own (`displayPrecision`), but never finer than the
 * event's. A day-precision event is then never printed with a time of day its sources do not give, at
 * whatever moment of the day the map stands.
 */
export function momentPrecision(prep: MomentContext, t: number): Precision {
  const i = currentEventIndex(prep.events, t);
  const own = displayPrecision(prep, t, i);
  if (i < 0) return own;
  const ev = prep.events[i].precision;
  return FINENESS[ev] < FINENESS[own] ? ev : own;
}
