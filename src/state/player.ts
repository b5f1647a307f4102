import type { PreparedEvent } from '../data/prepare.ts';
import type { Claim, Story } from '../data/schema.ts';
import type { TimeScale } from '../time/time-scale.ts';
import type { Store } from './store.ts';

/** Seconds to cross the whole track at 1×: the explorer's player and a video export move at this pace. */
export const TRACK_SECONDS = 90;

/**
 * Returns how long playback holds on an event (s at 1×): the event's own dwell, else the story's
 * default; with `wordsPerMinute`, at least as long as its card takes to read at that pace: headline,
 * text and each claim (who and what; an unattended screen pages a long card within the hold, so the
 * hold must cover the reading).
 */
export function dwellSeconds(event: HoldEvent, story: Pick<Story, 'defaultDwell'>, wordsPerMinute: number | null = null): number {
  const authored = event.dwell ?? story.defaultDwell;
  if (!wordsPerMinute) return authored;
  const claims = (event.claims ?? []).map((c) => `${c.claimant} ${c.text}`).join(' ');
  return Math.max(authored, (wordCount(`${event.title ?? ''} ${event.body ?? ''} ${claims}`) / wordsPerMinute) * 60);
}

/** What an event's hold is worked out from: its authored dwell, and the words its card shows. */
export type HoldEvent = Pick<PreparedEvent, 'dwell'> & Partial<Pick<PreparedEvent, 'title' | 'body'>> & { claims?: readonly Pick<Claim, 'claimant' | 'text'>[] };

/**
 * Returns every event's hold (s at 1×, in the story's order): `dwellSeconds` at the mode's reading
 * pace, times the share of the dwell the mode holds (`dwellFactor`). Worked out once per page: the
 * player holds on each event this long and the kiosk's card pages and progress bar count it down.
 */
export function eventHolds(events: readonly HoldEvent[], story: Pick<Story, 'defaultDwell'>, mode: { readingWordsPerMinute: number | null; dwellFactor: number }): number[] {
  return events.map((e) => dwellSeconds(e, story, mode.readingWordsPerMinute) * mode.dwellFactor);
}

/** Counts the words of a text (runs of non-space). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export interface PlayContext {
  scale: TimeScale;
  events: PreparedEvent[];
  /** Seconds to cross the whole track at 1×. */
  trackSeconds: number;
  /** Seconds to hold on an event once reached, at 1×. */
  dwell(event: PreparedEvent): number;
  loop: boolean;
}

export interface PlayState {
  /** Current time, epoch ms. */
  t: number;
  /** Milliseconds of dwell left on the event just reached. */
  dwellLeft: number;
}

/**
 * Returns the play state after `dtMs` of (speed-scaled) wall time. The playhead moves at a steady
 * pace along the track (so opened-up hours play slower in story time), stops on each event it
 * reaches for that event's dwell, and at the end wraps when looping or reports `ended`.
 */
export function advance(s: PlayState, dtMs: number, ctx: PlayContext): PlayState & { ended: boolean } {
  let { t, dwellLeft } = s;
  let left = dtMs;
  for (let guard = 0; left > 0 && guard < 1000; guard++) {
    if (dwellLeft > 0) {
      const used = Math.min(dwellLeft, left);
      dwellLeft -= used;
      left -= used;
      continue;
    }
    if (t >= ctx.scale.end) {
      if (!ctx.loop) return { t: ctx.scale.end, dwellLeft: 0, ended: true };
      t = ctx.scale.start;
      continue;
    }
    const pos = ctx.scale.toPos(t);
    const target = ctx.scale.toTime(pos + left / (ctx.trackSeconds * 1000));
    const next = ctx.events.find((e) => e.t0 > t && e.t0 <= target);
    if (next) {
      const spent = ((ctx.scale.toPos(next.t0) - pos) * ctx.trackSeconds * 1000);
      left -= Math.max(0, spent);
      t = next.t0;
      dwellLeft = ctx.dwell(next) * 1000;
    } else {
      t = target;
      left = 0;
    }
  }
  return { t, dwellLeft, ended: false };
}

/** Returns the one player: a cancellable requestAnimationFrame loop that advances the store's time while it plays. */
export function createPlayer(store: Store, ctx: Omit<PlayContext, 'loop'>, clock: { now(): number } = performance) {
  let raf = 0;
  let last = 0;
  let state: PlayState = { t: store.getState().t, dwellLeft: 0 };
  const frame = () => {
    const now = clock.now();
    const dt = Math.min(100, Math.max(0, now - last)) * store.getState().speed;
    last = now;
    const s = store.getState();
    if (s.t !== state.t) state = { t: s.t, dwellLeft: 0 };
    const r = advance(state, dt, { ...ctx, loop: s.loop });
    state = { t: r.t, dwellLeft: r.dwellLeft };
    s.set(r.ended ? { t: r.t, playing: false } : { t: r.t });
    raf = r.ended ? 0 : requestAnimationFrame(frame);
  };
  const start = () => {
    if (raf) return;
    const s = store.getState();
    if (s.t >= ctx.scale.end && !s.loop) s.set({ t: ctx.scale.start });
    state = { t: store.getState().t, dwellLeft: 0 };
    last = clock.now();
    raf = requestAnimationFrame(frame);
  };
  const stop = () => {
    cancelAnimationFrame(raf);
    raf = 0;
  };
  const off = store.subscribe((s, prev) => {
    if (s.playing === prev.playing) return;
    if (s.playing) start();
    else stop();
  });
  if (store.getState().playing) start();
  return {
    destroy() {
      stop();
      off();
    },
  };
}
