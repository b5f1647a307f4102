// Main-thread busy time from a Chromium performance trace (the JSON that `browser.stopTracing()`
// returns): the renderer main thread of one page, its top-level tasks merged into busy intervals,
// and the busy milliseconds inside each window between consecutive user-timing marks.

/** Trace categories that record top-level tasks, thread names and `performance.mark()`. */
export const TRACE_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing', '__metadata'];

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The fields of a Chromium trace event read here. */
export interface TraceEvent {
  name: string;
  ph?: string;
  cat?: string;
  pid: number;
  tid?: number;
  /** Start, µs (metadata events have none). */
  ts?: number;
  /** Length, µs. */
  dur?: number;
  args?: { name?: string; data?: { frames?: { url: string; processId: number }[]; message?: string } };
}

/** An interval [start, end] in µs. */
export type Interval = [number, number];

/**
 * Returns the renderer main thread ("pid:tid") whose process drew a frame of `origin`, or throws
 * naming what the trace held.
 */
export function mainThreadOf(events: readonly TraceEvent[], origin: string): string {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frames = started?.args?.data?.frames ?? [];
  const pids = new Set(frames.filter((f) => String(f.url).startsWith(origin)).map((f) => f.processId));
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid));
  if (!main) throw new Error(`trace: no renderer main thread for ${origin} (frames: ${frames.map((f) => f.url).join(', ') || 'none'})`);
  return `${main.pid}:${main.tid}`;
}

/** Returns the thread's top-level task intervals [start, end] in µs, sorted and merged (nested tasks count once). */
export function busyIntervals(events: readonly TraceEvent[], thread: string): Interval[] {
  const spans = events
    .filter((e) => e.ph === 'X' && TASKS.has(e.name) && `${e.pid}:${e.tid}` === thread)
    .map((e): Interval => [e.ts ?? 0, (e.ts ?? 0) + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Returns the timestamps (µs) of the thread's `performance.mark(name)` calls, in order. */
export function markTimes(events: readonly TraceEvent[], thread: string, name: string): number[] {
  const pid = thread.split(':')[0];
  return events
    .filter((e) => e.name === name && String(e.cat).includes('user_timing') && String(e.pid) === pid)
    .map((e) => e.ts ?? 0)
    .sort((a, b) => a - b);
}

/** Returns the busy milliseconds inside each window between consecutive marks. */
export function busyPerWindow(intervals: readonly Interval[], marks: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < marks.length; i++) {
    const [lo, hi] = [marks[i - 1], marks[i]];
    let busy = 0;
    for (const [a, b] of intervals) {
      if (b <= lo) continue;
      if (a >= hi) break;
      busy += Math.min(b, hi) - Math.max(a, lo);
    }
    out.push(busy / 1000);
  }
  return out;
}

/** Returns the median of a list of numbers (NaN for none). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Returns the busy ms per window between the page's `mark` marks, from a parsed trace. */
export function stepCosts(trace: TraceEvent[] | { traceEvents: TraceEvent[] }, origin: string, mark: string): number[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const thread = mainThreadOf(events, origin);
  return busyPerWindow(busyIntervals(events, thread), markTimes(events, thread, mark));
}

/** Returns, for each window between the page's `mark` marks, whether the page called `console.timeStamp(stamp)` inside it. */
export function windowsStamped(trace: TraceEvent[] | { traceEvents: TraceEvent[] }, origin: string, mark: string, stamp: string): boolean[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const thread = mainThreadOf(events, origin);
  const marks = markTimes(events, thread, mark);
  const stamps = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === stamp && `${e.pid}:${e.tid}` === thread).map((e) => e.ts ?? 0);
  return marks.slice(1).map((hi, k) => stamps.some((t) => t > marks[k] && t <= hi));
}

/** What a step window held: the drag's rebuild at rest, the window after one (where its updates are drawn), or neither. */
export type WindowKind = 'rest' | 'after' | 'plain';

/** Returns each window's kind from which windows held the rest's rebuild (`windowsStamped`); a window holding a rest is 'rest' even right after another. */
export function windowKinds(rested: readonly boolean[]): WindowKind[] {
  return rested.map((r, k) => (r ? 'rest' : k > 0 && rested[k - 1] ? 'after' : 'plain'));
}
