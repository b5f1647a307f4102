import type { PreparedStory } from '../data/prepare.ts';
import { currentEventIndex } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { formatAt, formatMoment } from '../time/format.ts';
import { momentPrecision } from '../time/precision.ts';
import type { TimeScale } from '../time/time-scale.ts';
import { el, listen } from './dom.ts';
import { icon } from './icons.ts';
import { tickGroups, ticksBetween } from './tick-thinning.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How far (CSS px) a press on a tick moves before it scrubs instead of choosing the tick's event. */
const TICK_DRAG_PX = 4;

/** Returns the timeline (controls, readout, slider with event ticks): it shows the store and acts through `actions`; `destroy` removes its listeners. */
export function createTimeline(prep: PreparedStory, scale: TimeScale, store: Store, actions: AppActions) {
  const zone = prep.story.displayZone;
  const play = el('button', { type: 'button', class: 'btn play', 'aria-label': 'Play' }, icon('play'));
  const prev = el('button', { type: 'button', class: 'btn', 'aria-label': 'Previous event', title: 'Previous event (←)' }, icon('prev'));
  const next = el('button', { type: 'button', class: 'btn', 'aria-label': 'Next event', title: 'Next event (→)' }, icon('next'));
  const speed = el(
    'select',
    { class: 'speed', 'aria-label': 'Playback speed' },
    ...[0.5, 1, 2, 4].map((s) => el('option', { value: s, selected: s === store.getState().speed }, `${s}×`)),
  );
  const loop = el('input', { type: 'checkbox', class: 'loop' });
  const follow = el('input', { type: 'checkbox', class: 'follow' });
  // the readout changes on every step of a drag: its text nodes are updated in place, not replaced
  const utcText = document.createTextNode('');
  const localText = document.createTextNode('');
  const utc = el('time', { class: 'utc' }, utcText);
  const local = el('span', { class: 'local' }, localText);
  const playhead = el('div', { class: 'playhead', 'aria-hidden': 'true' });
  const track = el('div', {
    class: 'track',
    role: 'slider',
    tabindex: 0,
    'aria-label': 'Story time',
    'aria-valuemin': prep.start,
    'aria-valuemax': prep.end,
  });
  const bands = prep.story.focus.map((f) => {
    const a = scale.toPos(Date.parse(f.start));
    const b = scale.toPos(Date.parse(f.end));
    return el('div', { class: 'band', style: `left:${a * 100}%;width:${(b - a) * 100}%`, title: 'Hours opened up: this stretch is shown at hour resolution' });
  });
  const axis = el('div', { class: 'axis', 'aria-hidden': 'true' });
  /**
   * Lays out day and hour labels for the track's width in px: day labels at least `gap` apart, then
   * hour labels of labelled days wherever they keep `hourGap` from every label already placed (inside
   * the focus bands, where a day is wide). Gaps follow the root font size, which grows on wall screens.
   */
  const layoutAxis = (width: number) => {
    const em = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    const gap = 46 * em;
    const hourGap = 40 * em;
    const marks: HTMLElement[] = [];
    const placed: number[] = [];
    const days: number[] = [];
    const labelled: number[] = [];
    for (let d = Math.ceil(prep.start / DAY) * DAY; d <= prep.end; d += DAY) days.push(d);
    for (const d of days) {
      const p = scale.toPos(d);
      marks.push(el('span', { class: 'day-mark', style: `left:${p * 100}%` }));
      // where the label's middle would be: labels at the track's ends are aligned to the end, not centred
      const edge = p * width < gap / 2 ? ' at-start' : (1 - p) * width < gap / 2 ? ' at-end' : '';
      const middle = p * width + (edge === ' at-start' ? gap / 2 : edge === ' at-end' ? -gap / 2 : 0);
      if (middle - (placed[placed.length - 1] ?? -Infinity) >= gap) {
        marks.push(el('span', { class: `day-label${edge}`, style: `left:${p * 100}%` }, formatAt(d, 'day').replace(/ \d{4}$/, '')));
        placed.push(middle);
        labelled.push(d);
      }
    }
    // hours only after their day's own label, so "12h" never reads as another day's; the first says
    // its zone (the axis is in UTC, as the readout's first time is), and needs the room of a wider label
    let zoned = false;
    for (const d of labelled)
      for (const hh of [6, 12, 18]) {
        const p = scale.toPos(d + hh * HOUR);
        const need = zoned ? hourGap : hourGap * 1.6;
        if (d + hh * HOUR > prep.end || placed.some((x) => Math.abs(x - p * width) < need)) continue;
        marks.push(el('span', { class: 'hour-label', style: `left:${p * 100}%` }, `${String(hh).padStart(2, '0')}h${zoned ? '' : ' UTC'}`));
        zoned = true;
        placed.push(p * width);
      }
    axis.replaceChildren(...marks);
  };
  let axisWidth = 0;
  let trackWidth = 0;
  // The axis spans the track: one observer places the playhead and lays out the axis labels.
  const resize = new ResizeObserver(([entry]) => {
    trackWidth = entry.contentRect.width;
    placePlayhead();
    const w = Math.round(trackWidth);
    if (w && w !== axisWidth) {
      axisWidth = w;
      layoutAxis(w);
      layoutTicks(w);
    }
  });
  resize.observe(track);
  /** Moves the playhead by a transform (composited: no layout, no repaint of the track). */
  const placePlayhead = () => {
    playhead.style.transform = `translateX(${scale.toPos(store.getState().t) * trackWidth}px)`;
  };
  /** Drawn ticks: one per group of events closer than a tick's line apart (`tickGroups`), first and last event index. */
  let ticks: { tick: HTMLButtonElement; first: number; last: number }[] = [];
  let tickStarts: number[] = [];
  const tickLayer = el('div', { class: 'ticks', role: 'group', 'aria-label': 'Events on the timeline' });
  const tickFor = (first: number, last: number) => {
    const e = prep.events[first];
    const at = formatMoment(e.t0, e.precision, zone).utc;
    const more = last > first ? ` (and ${last - first} more events close by: step with the next-event button or use the list of events)` : '';
    return el(
      'button',
      { type: 'button', class: 'tick', style: `left:${scale.toPos(e.t0) * 100}%`, 'data-event': e.id, 'aria-label': `${at}: ${e.title}${more}`, title: `${at}: ${e.title}${more}`, tabindex: -1 },
      el('span', { class: 'tick-label' }, last > first ? `${e.title} (+${last - first})` : e.title),
    );
  };
  /**
   * Draws the ticks for a track `width` px wide. A story with more events than quarter ems (4 px) of
   * track is thinned: events closer than that share one tick, which goes to the group's first event;
   * every event stays reachable by the next/previous-event steps and the event list. A smaller story
   * keeps a tick per event. Either way there are at most width / 4 px ticks. Redrawn only when the
   * grouping changes.
   */
  const layoutTicks = (width: number) => {
    const em = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    const gap = prep.events.length > width / (4 * em) ? 4 * em : 0;
    const starts = tickGroups(prep.events.map((e) => scale.toPos(e.t0) * width), gap);
    if (starts.length === tickStarts.length && starts.every((x, k) => x === tickStarts[k])) return;
    tickStarts = starts;
    ticks = starts.map((first, k) => {
      const last = (starts[k + 1] ?? prep.events.length) - 1;
      return { tick: tickFor(first, last), first, last };
    });
    tickLayer.replaceChildren(...ticks.map((t) => t.tick));
    markTicks(currentEventIndex(prep.events, store.getState().t));
  };
  track.append(...bands, playhead);
  const root = el(
    'div',
    { class: 'timeline', role: 'group', 'aria-label': 'Timeline' },
    el(
      'div',
      { class: 'controls' },
      prev,
      play,
      next,
      el('label', { class: 'opt' }, 'Speed ', speed),
      el('label', { class: 'opt' }, loop, ' Loop'),
      el('label', { class: 'opt' }, follow, ' Follow camera'),
      el('div', { class: 'readout', 'aria-live': 'off' }, utc, local),
    ),
    el('div', { class: 'track-wrap' }, track, tickLayer, axis),
  );

  const offs: (() => void)[] = [];
  offs.push(listen(play, 'click', () => actions.togglePlay()));
  offs.push(listen(prev, 'click', () => actions.stepEvent(-1)));
  offs.push(listen(next, 'click', () => actions.stepEvent(1)));
  offs.push(listen(speed, 'change', () => actions.setSpeed(Number(speed.value))));
  offs.push(listen(loop, 'change', () => actions.setLoop(loop.checked)));
  offs.push(listen(follow, 'change', () => actions.setFollow(follow.checked)));
  // A press on a tick that moves more than a few pixels becomes a scrub, as on the bare track: in a
  // dense story the ticks cover the whole track, and a reader must still be able to drag the slider.
  // A press that stays put is the tick's click (its event), and a drag never ends in one.
  let tickPress: { pointerId: number; x: number } | null = null;
  let draggedFromTick = false;
  offs.push(
    listen(tickLayer, 'pointerdown', (e) => {
      draggedFromTick = false;
      if (e.button === 0 && (e.target as Element).closest('.tick')) tickPress = { pointerId: e.pointerId, x: e.clientX };
    }),
  );
  offs.push(
    listen(window, 'pointermove', (e) => {
      if (!tickPress || e.pointerId !== tickPress.pointerId || Math.abs(e.clientX - tickPress.x) < TICK_DRAG_PX) return;
      tickPress = null;
      draggedFromTick = true;
      dragging = true;
      track.setPointerCapture(e.pointerId);
      actions.seek(timeAt(e.clientX));
    }),
  );
  offs.push(
    listen(window, 'pointerup', () => {
      tickPress = null;
    }),
  );
  offs.push(
    listen(tickLayer, 'click', (e) => {
      const id = (e.target as Element).closest<HTMLElement>('.tick')?.dataset.event;
      if (id === undefined) return;
      e.stopPropagation();
      if (draggedFromTick) {
        draggedFromTick = false;
        return;
      }
      actions.goToEvent(id);
    }),
  );
  const timeAt = (clientX: number) => {
    const r = track.getBoundingClientRect();
    return Math.round(scale.toTime((clientX - r.left) / r.width) / 60_000) * 60_000;
  };
  let dragging = false;
  offs.push(
    listen(track, 'pointerdown', (e) => {
      dragging = true;
      track.setPointerCapture(e.pointerId);
      actions.seek(timeAt(e.clientX));
      track.focus();
    }),
  );
  offs.push(
    listen(track, 'pointermove', (e) => {
      if (dragging) actions.seek(timeAt(e.clientX));
    }),
  );
  const end = () => {
    if (!dragging) return;
    dragging = false;
    actions.commit();
  };
  // While scrubbing, mouse moves are the timeline's alone: keep them from the map's document-level
  // drag handlers, which would otherwise measure the map (a forced layout) on every move.
  offs.push(
    listen(
      window,
      'mousemove',
      (e) => {
        if (dragging) e.stopPropagation();
      },
      { capture: true },
    ),
  );
  offs.push(listen(track, 'pointerup', end));
  offs.push(listen(track, 'pointercancel', end));

  const render = () => {
    const s = store.getState();
    placePlayhead();
    const m = formatMoment(s.t, momentPrecision(prep, s.t), zone);
    if (utcText.data !== m.utc) {
      utcText.data = m.utc;
      utc.dateTime = new Date(s.t).toISOString();
    }
    if (localText.data !== (m.local ?? '')) localText.data = m.local ?? '';
    const i = currentEventIndex(prep.events, s.t);
    track.setAttribute('aria-valuenow', String(s.t));
    track.setAttribute('aria-valuetext', `${m.utc}${m.local ? `, ${m.local}` : ''}${i >= 0 ? `. ${prep.events[i].title}` : '. Before the first event'}`);
    // written only on change: a drag renders here on every pointer move
    if (loop.checked !== s.loop) loop.checked = s.loop;
    if (follow.checked !== s.follow) follow.checked = s.follow;
    if (speed.value !== String(s.speed)) speed.value = String(s.speed);
  };
  const showPlaying = (playing: boolean) => {
    play.replaceChildren(icon(playing ? 'pause' : 'play'));
    play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    play.setAttribute('aria-pressed', String(playing));
  };
  /** Marks the ticks past or current for event `i`: all of them, or with `prev` (the event they show) only those whose state can have changed. */
  function markTicks(i: number, prev?: number) {
    const [from, to] = prev === undefined ? [0, ticks.length - 1] : ticksBetween(tickStarts, i, prev);
    for (let k = from; k <= to; k++) {
      const { tick, first, last } = ticks[k];
      tick.classList.toggle('past', last < i);
      tick.classList.toggle('current', first <= i && i <= last);
    }
  }
  /** Marks Previous and Next as doing nothing where the story has no event that way (`ends`: "at start, at last event" as 0/1). */
  function showEnds(ends: string) {
    prev.setAttribute('aria-disabled', String(ends[0] === '1'));
    next.setAttribute('aria-disabled', String(ends[1] === '1'));
  }
  offs.push(
    store.subscribe(render),
    store.subscribe((s) => s.playing, showPlaying, { fireImmediately: true }),
    store.subscribe((s) => currentEventIndex(prep.events, s.t), (i, prev) => markTicks(i, prev)),
    // at the story's start there is no event before, and from the last event's start none after: the
    // buttons say so (aria-disabled, not disabled: a button that had the focus keeps it)
    store.subscribe((s) => `${s.t <= prep.start ? 1 : 0}${currentEventIndex(prep.events, s.t) >= prep.events.length - 1 ? 1 : 0}`, showEnds, { fireImmediately: true }),
  );
  // drawn at once for a typical width, so the ticks are there before the first resize report
  layoutTicks(1000);
  render();
  return {
    root,
    track,
    destroy() {
      resize.disconnect();
      offs.forEach((f) => f());
    },
  };
}
