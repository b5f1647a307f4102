import { currentEventIndex, type PreparedEvent } from '../data/prepare.ts';
import type { TimeScale } from '../time/time-scale.ts';

/** Longest camera flight, in seconds of video; a flight never takes more than half its event's hold. */
export const FLIGHT_SECONDS = 2;

/** Frame rates a video may use (frames per second). */
export const MIN_FPS = 1;
export const MAX_FPS = 60;

/** How the clip is paced: the player's pace along the track and each event's dwell, in seconds of video. */
export interface VideoPacing {
  scale: TimeScale;
  events: PreparedEvent[];
  /** Seconds of video to cross the whole track (the player's pace at 1×). */
  trackSeconds: number;
  /** Seconds of video an event is held for once the slider reaches it. */
  dwell(event: PreparedEvent): number;
  /**
   * Returns a key of what the camera frames for event index `i` (equal keys: the same frame), or
   * null when the event has no frame of its own (the camera stays where it was). By default the
   * event's data camera.
   */
  frameKey?(i: number): string | null;
}

/** A stretch of the clip: the slider held on an event, or moving between two instants. */
export type Segment =
  | { kind: 'hold'; start: number; seconds: number; t: number; event: number }
  | { kind: 'move'; start: number; seconds: number; from: number; to: number };

/** A camera flight: from the camera before it to event `event`'s camera, starting `start` s into the clip. */
export interface Flight {
  start: number;
  seconds: number;
  /** Index of the event flown from, or -1 for the whole story. */
  from: number;
  /** Index of the event flown to (it has a frame). */
  to: number;
}

/** A clip's timetable: what the slider and the camera do, second by second, and how many frames that makes. */
export interface VideoPlan {
  /** The span, epoch ms UTC: the clip starts at `from` and ends as the slider reaches `to`. */
  from: number;
  to: number;
  fps: number;
  segments: Segment[];
  flights: Flight[];
  /** Event whose camera frames the first frame, or -1 for the whole story. */
  firstCamera: number;
  /** Number of frames: the plan's length × fps, rounded, at least 1. */
  frames: number;
  /** Length of the clip, seconds: frames / fps. */
  seconds: number;
}

/** Where the slider and the camera are on one frame. */
export interface FrameState {
  /** Story time shown, epoch ms UTC. */
  t: number;
  /** The camera: a flight between two events (index -1 = the whole story) at progress 0–1, or resting on one. */
  camera: { from: number; to: number; k: number };
}

/**
 * Returns the timetable of a clip of [from, to): the slider moves along the track at the player's
 * pace and holds on each event it reaches (one at `from` included, one at `to` not) for the event's
 * dwell; the camera flies to each held event's frame (`frameKey`) at its start. Throws when the span is empty or
 * the frame rate is out of range.
 */
export function planVideo(p: VideoPacing, from: number, to: number, fps: number): VideoPlan {
  if (!(to > from)) throw new Error('the span is empty: --to must come after --from');
  if (!Number.isInteger(fps) || fps < MIN_FPS || fps > MAX_FPS) throw new Error(`fps must be a whole number from ${MIN_FPS} to ${MAX_FPS} (got ${fps})`);
  const stops = [...new Set(p.events.filter((e) => e.t0 >= from && e.t0 < to).map((e) => e.t0))];
  const segments: Segment[] = [];
  const flights: Flight[] = [];
  const key = p.frameKey ?? ((i: number) => dataCameraKey(p.events[i]));
  const firstCamera = cameraEvent(p.events.length, key, currentEventIndex(p.events, from));
  let camera = firstCamera;
  let clock = 0;
  let t = from;
  for (const stop of [...stops, to]) {
    if (stop > t) {
      const seconds = (p.scale.toPos(stop) - p.scale.toPos(t)) * p.trackSeconds;
      segments.push({ kind: 'move', start: clock, seconds, from: t, to: stop });
      clock += seconds;
      t = stop;
    }
    if (stop === to) break;
    const event = currentEventIndex(p.events, stop);
    const seconds = p.dwell(p.events[event]);
    const target = cameraEvent(p.events.length, key, event);
    if (seconds > 0) segments.push({ kind: 'hold', start: clock, seconds, t: stop, event });
    if (target !== camera && target >= 0 && key(target) !== (camera >= 0 ? key(camera) : null)) {
      flights.push({ start: clock, seconds: Math.min(FLIGHT_SECONDS, seconds / 2), from: camera, to: target });
      camera = target;
    }
    clock += seconds;
  }
  const frames = Math.max(1, Math.round(clock * fps));
  return { from, to, fps, segments, flights, firstCamera, frames, seconds: frames / fps };
}

/** Returns the index of the event whose frame the camera shows at event `i` (itself if it has one, else the nearest earlier one with a frame), or -1. */
function cameraEvent(count: number, key: (i: number) => string | null, i: number): number {
  for (let j = Math.min(i, count - 1); j >= 0; j--) if (key(j) !== null) return j;
  return -1;
}

function dataCameraKey(e: PreparedEvent | undefined): string | null {
  return e?.camera ? `${e.camera.center[0]},${e.camera.center[1]},${e.camera.zoom}` : null;
}

/** Returns the slider time and camera of frame `i` (0-based; frame i is shown from i / fps s). */
export function frameState(plan: VideoPlan, i: number, scale: TimeScale): FrameState {
  const at = i / plan.fps;
  let t = plan.from;
  for (const seg of plan.segments) {
    if (at < seg.start) break;
    if (seg.kind === 'hold') t = seg.t;
    else {
      const k = Math.min(1, (at - seg.start) / seg.seconds);
      const a = scale.toPos(seg.from);
      t = k >= 1 ? seg.to : Math.min(seg.to, Math.round(scale.toTime(a + (scale.toPos(seg.to) - a) * k)));
    }
  }
  let camera = { from: plan.firstCamera, to: plan.firstCamera, k: 1 };
  for (const f of plan.flights) {
    if (at < f.start) break;
    camera = { from: f.from, to: f.to, k: f.seconds > 0 ? Math.min(1, (at - f.start) / f.seconds) : 1 };
  }
  if (camera.k >= 1) camera = { from: camera.to, to: camera.to, k: 1 };
  return { t, camera };
}

/**
 * Returns the span of an event's clip, epoch ms UTC: from its start to its end, or, for an event
 * without an end, up to the next event (or the story's end), so the clip holds on it and then moves on.
 */
export function eventSpan(events: PreparedEvent[], i: number, storyEnd: number): { from: number; to: number } {
  const e = events[i];
  const next = events.find((x) => x.t0 > e.t0)?.t0 ?? storyEnd;
  return { from: e.t0, to: e.t1 > e.t0 ? e.t1 : next };
}
