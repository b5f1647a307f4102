import { describe, expect, it } from 'vitest';
import { busyIntervals, busyPerWindow, mainThreadOf, markTimes, median, stepCosts, windowKinds, windowsStamped, type TraceEvent } from '../../scripts/lib/main-thread.ts';

/** A small trace: two renderers (app on pid 2, another page on pid 3), nested tasks, marks. */
function trace(): { traceEvents: TraceEvent[] } {
  const task = (pid: number, ts: number, dur: number, name = 'ThreadControllerImpl::RunTask') => ({ ph: 'X', name, cat: 'toplevel', pid, tid: 1, ts, dur });
  return {
    traceEvents: [
      {
        name: 'TracingStartedInBrowser',
        ph: 'I',
        pid: 1,
        args: { data: { frames: [{ processId: 2, url: 'http://127.0.0.1:4000/?t=1' }, { processId: 3, url: 'http://127.0.0.1:5000/floor.html' }] } },
      },
      { ph: 'M', name: 'thread_name', pid: 2, tid: 1, args: { name: 'CrRendererMain' } },
      { ph: 'M', name: 'thread_name', pid: 2, tid: 7, args: { name: 'Compositor' } },
      { ph: 'M', name: 'thread_name', pid: 3, tid: 1, args: { name: 'CrRendererMain' } },
      { name: 'bench-step', cat: 'blink.user_timing', ph: 'R', pid: 2, tid: 1, ts: 1000 },
      // window 1 (1000–2000): 300 µs task with a nested RunTask, and a task straddling the end
      task(2, 1100, 300),
      task(2, 1150, 100, 'RunTask'),
      task(2, 1900, 200),
      { name: 'bench-step', cat: 'blink.user_timing', ph: 'R', pid: 2, tid: 1, ts: 2000 },
      // window 2 (2000–3000): the straddling task's tail (100) plus 500
      task(2, 2400, 500),
      // the other page and another thread of the app do not count
      task(3, 2400, 5000),
      { ph: 'X', name: 'RunTask', pid: 2, tid: 7, ts: 2100, dur: 800 },
      { name: 'bench-step', cat: 'blink.user_timing', ph: 'R', pid: 2, tid: 1, ts: 3000 },
      { name: 'bench-step', cat: 'blink.user_timing', ph: 'R', pid: 3, tid: 1, ts: 3500 },
    ],
  };
}

describe('main-thread busy time from a trace', () => {
  it('finds the renderer main thread of the page by origin', () => {
    const events = trace().traceEvents;
    expect(mainThreadOf(events, 'http://127.0.0.1:4000')).toBe('2:1');
    expect(mainThreadOf(events, 'http://127.0.0.1:5000')).toBe('3:1');
    expect(() => mainThreadOf(events, 'http://127.0.0.1:9999')).toThrow(/no renderer main thread for http:\/\/127.0.0.1:9999/);
  });

  it('merges nested and overlapping tasks so time counts once', () => {
    expect(busyIntervals(trace().traceEvents, '2:1')).toEqual([
      [1100, 1400],
      [1900, 2100],
      [2400, 2900],
    ]);
  });

  it('splits busy time at the marks, a task straddling a mark counting on both sides', () => {
    const events = trace().traceEvents;
    const marks = markTimes(events, '2:1', 'bench-step');
    expect(marks).toEqual([1000, 2000, 3000]);
    expect(busyPerWindow(busyIntervals(events, '2:1'), marks)).toEqual([0.4, 0.6]);
    expect(stepCosts(trace(), 'http://127.0.0.1:4000', 'bench-step')).toEqual([0.4, 0.6]);
  });

  it('tells which windows hold a console.timeStamp of the page (its main thread only, by message)', () => {
    const t = trace();
    const stamp = (pid: number, tid: number, ts: number, message: string) => ({ name: 'TimeStamp', cat: 'devtools.timeline', ph: 'I', pid, tid, ts, args: { data: { message } } });
    t.traceEvents.push(stamp(2, 1, 2500, 'scrub-settle'), stamp(2, 1, 1500, 'other'), stamp(3, 1, 1500, 'scrub-settle'), stamp(2, 7, 1600, 'scrub-settle'));
    expect(windowsStamped(t, 'http://127.0.0.1:4000', 'bench-step', 'scrub-settle')).toEqual([false, true]);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('windowKinds', () => {
  it("names each step window: the rest's rebuild, the window right after one, or neither (a rest right after a rest stays a rest)", () => {
    expect(windowKinds([false, true, false, false, true, true, false])).toEqual(['plain', 'rest', 'after', 'plain', 'rest', 'rest', 'after']);
    expect(windowKinds([])).toEqual([]);
    expect(windowKinds([true])).toEqual(['rest']);
  });
});
