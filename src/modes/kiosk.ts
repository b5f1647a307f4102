import { currentEventIndex } from '../data/prepare.ts';
import { TRACK_SECONDS } from '../state/player.ts';
import type { AppState } from '../state/store.ts';
import { el, listen } from '../ui/dom.ts';
import type { AppContext, ModeHandle } from '../contracts/app-context.ts';
import { startKioskOffline } from './kiosk-offline.ts';
import { startKioskWatchdog } from './kiosk-watchdog.ts';
import { createAttract } from './attract.ts';
import { createCardPages } from './card-pages.ts';
import { approach, ATTRACT_SECONDS, resumeAt, shortenedTravel, tourPlan } from './tour-plan.ts';
import './kiosk.css';
import { mountKioskLayout } from './kiosk-layout.ts'; // kiosk-layout: layout, type, legend, chapters, touch

export { dwellSeconds } from '../state/player.ts';

/** Touring: the attract loop plays by itself. Visitor: someone has the explorer until they leave it idle. */
export type KioskState = 'touring' | 'visitor';

/** Where a touring kiosk is: on its attract frame (title, "Touch to explore", QR) or on the story's events. */
export type KioskStop = 'attract' | 'event';

/** Where the idle timer stands: still waiting, counting down (whole seconds shown), or time to resume the tour. */
export type IdlePhase = { kind: 'wait'; nextMs: number } | { kind: 'countdown'; secondsLeft: number; nextMs: number } | { kind: 'resume' };

const INPUTS = ['pointerdown', 'wheel', 'touchstart', 'keydown'] as const;

/** Returns the length of the "returning to the tour" countdown (s) for an idle timeout (s): 5 s, or half the timeout when that is shorter. */
export function countdownSeconds(idle: number): number {
  return Math.min(5, idle / 2);
}

/**
 * Returns the idle phase `sinceInputMs` (ms) after a visitor's last input, for an idle timeout of
 * `idle` seconds. The countdown takes the last `countdownSeconds(idle)` of the timeout, so the tour
 * resumes exactly `idle` seconds after the last input. `nextMs` is when the phase or the shown
 * number next changes.
 */
export function idlePhase(sinceInputMs: number, idle: number): IdlePhase {
  const idleMs = idle * 1000;
  const countdownFrom = idleMs - countdownSeconds(idle) * 1000;
  if (sinceInputMs < countdownFrom) return { kind: 'wait', nextMs: countdownFrom - sinceInputMs };
  const left = idleMs - sinceInputMs;
  if (left <= 0) return { kind: 'resume' };
  const secondsLeft = Math.ceil(left / 1000);
  return { kind: 'countdown', secondsLeft, nextMs: left - (secondsLeft - 1) * 1000 };
}

/** Returns the progress line for the event at index `i` (-1 before the first) of `n` events. */
export function progressText(i: number, n: number): string {
  return i < 0 ? `${n} events` : `Event ${i + 1} of ${n}`;
}

/** Returns the countdown line for whole seconds left. */
export function countdownText(secondsLeft: number): string {
  return `Returning to the tour in ${secondsLeft}…`;
}

/** Returns the page line of a card shown a page at a time ("Page 1 of 2"), or nothing for a single page. */
export function pageText(page: number, pages: number): string {
  return pages > 1 ? `Page ${page + 1} of ${pages}` : '';
}

/** Returns the progress indicator (event n of N, the card's page, and a bar for the hold on the current event). */
function createProgress() {
  const text = el('span', { class: 'kiosk-progress-text' });
  const page = el('span', { class: 'kiosk-progress-page' });
  const fill = el('span', { class: 'kiosk-progress-fill' });
  const root = el(
    'div',
    { class: 'kiosk-progress' },
    el('p', { class: 'kiosk-progress-line' }, text, page, el('span', { class: 'kiosk-progress-hint' }, 'Touch the screen for quotes and sources')),
    el('div', { class: 'kiosk-progress-bar', 'aria-hidden': 'true' }, fill),
  );
  let shown = '';
  let paged = '';
  let width = -1;
  return {
    root,
    update(line: string, fraction: number, pageLine = '') {
      if (line !== shown) text.textContent = shown = line;
      if (pageLine !== paged) page.textContent = paged = pageLine;
      const w = Math.round(fraction * 1000) / 10;
      if (w !== width) fill.style.width = `${(width = w)}%`;
    },
  };
}

/**
 * Returns the countdown shown before the tour returns: a manual popover, so it sits in the top layer
 * above a modal dialog (the sources) a visitor may have left open.
 */
function createCountdown() {
  const line = el('p', { class: 'kiosk-countdown-text' });
  const root = el(
    'div',
    { class: 'kiosk-countdown', role: 'status', 'aria-live': 'polite', popover: 'manual' },
    line,
    el('p', { class: 'kiosk-countdown-hint' }, 'Touch the screen to keep exploring'),
  );
  const visible = () => root.matches(':popover-open');
  return {
    root,
    visible,
    show(secondsLeft: number) {
      line.textContent = countdownText(secondsLeft);
      if (!visible()) root.showPopover();
    },
    hide() {
      if (visible()) root.hidePopover();
    },
  };
}

/** Keeps the screen awake where the Screen Wake Lock API allows, re-requesting when the page is shown again; returns the release. */
function keepScreenAwake(): () => void {
  let sentinel: WakeLockSentinel | null = null;
  let done = false;
  let told = false;
  const tell = (why: string) => {
    if (told) return;
    told = true;
    console.info(`Kiosk: no screen wake lock (${why}); the display's own power settings apply.`);
  };
  const request = async () => {
    if (done || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    if (!('wakeLock' in navigator)) return tell('not supported by this browser');
    try {
      const s = await navigator.wakeLock.request('screen');
      if (done) void s.release();
      else sentinel = s;
    } catch (e) {
      tell(e instanceof Error ? e.message : String(e));
    }
  };
  const onVisibility = () => void request();
  document.addEventListener('visibilitychange', onVisibility);
  void request();
  return () => {
    done = true;
    document.removeEventListener('visibilitychange', onVisibility);
    sentinel?.release().catch(() => undefined);
    sentinel = null;
  };
}

/** Returns whether the page's link names a moment (`t=` or `event=`): the tour then starts there, not on its attract frame. */
function linkedMoment(search: string): boolean {
  const q = new URLSearchParams(search);
  return q.has('t') || q.has('event');
}

/**
 * Starts kiosk mode: the tour opens on its attract frame (the story's title over a map of every
 * place, "Touch to explore", a QR code when configured), then plays the story event by event with
 * camera stops, and comes back to the attract frame after the last event, forever. Stretches where
 * the map would be empty or nothing changes are left out (`tourPlan`), and long travel between two
 * stops is cut short. A visitor's touch, click, wheel or key pauses it and hands them the explorer;
 * after `idle` seconds without input a short countdown brings the attract frame back, then the
 * tour resumes at the event the visitor left.
 */
export function startKiosk(ctx: AppContext): ModeHandle {
  const { store, prep, scale } = ctx;
  const html = document.documentElement;
  const events = prep.events;
  const plan = tourPlan(events, prep.places, prep.start, prep.end);
  const side = ctx.root.querySelector<HTMLElement>('.side');
  const card = side?.querySelector<HTMLElement>('.event-card') ?? null;
  const progress = createProgress();
  const countdown = createCountdown();
  const attractScreen = createAttract({ title: prep.story.title, subtitle: prep.story.subtitle, events: events.length, qrUrl: ctx.config.kiosk.qrUrl });
  const pages = card ? createCardPages(card, ctx.reducedMotion) : null;
  side?.prepend(progress.root, attractScreen);
  ctx.root.append(countdown.root);
  const offs: (() => void)[] = [];

  let state: KioskState = 'touring';
  let stop: KioskStop = 'event';
  let lastInput = 0;
  let idleTimer = 0;
  let saved: Pick<AppState, 'speed' | 'layers'> | null = null;
  let dwellEvent = -1;
  let dwellMs = 0;
  let lastFrame = 0;
  /** While leaving the attract frame: the event the tour plays to (the frame stays until it is reached). */
  let arriving = -1;
  /** Where the tour resumes after the attract frame (epoch ms), when a visitor left it mid-story. */
  let resumeT: number | null = null;
  let attractMs = 0;
  let attractRaf = 0;
  /** True while the kiosk writes to the store itself: its own changes are not a visitor's. */
  let writing = false;
  const write = (patch: Partial<AppState>) => {
    writing = true;
    try {
      store.getState().set(patch);
    } finally {
      writing = false;
    }
  };
  const setState = (k: KioskState) => {
    state = k;
    html.dataset.kioskState = k;
  };
  /** Set once the layout is mounted (below): the attract frame shows the whole story, no event current. */
  let overview = (_on: boolean) => {};
  const setStop = (k: KioskStop) => {
    stop = k;
    html.dataset.kioskStop = k;
    overview(k === 'attract');
  };

  const stopAttractClock = () => {
    cancelAnimationFrame(attractRaf);
    attractRaf = 0;
  };
  /** Leaves the attract frame: plays from just before the stop the tour goes to, so the player holds there. */
  const leaveAttract = () => {
    stopAttractClock();
    const t = resumeT ?? approach(events, plan.first);
    resumeT = null;
    arriving = currentEventIndex(events, t + 1);
    write({ t, playing: true });
  };
  const attractClock = () => {
    let last = performance.now();
    const frame = () => {
      const now = performance.now();
      attractMs += Math.min(100, Math.max(0, now - last)) * store.getState().speed;
      last = now;
      const held = Math.min(1, attractMs / (ATTRACT_SECONDS * 1000));
      progress.update(progressText(-1, events.length), held);
      if (held >= 1) return leaveAttract();
      attractRaf = requestAnimationFrame(frame);
    };
    stopAttractClock();
    attractRaf = requestAnimationFrame(frame);
  };
  /** Shows the attract frame: every place of the story on the map, fitted, with the title in the side column. */
  const attract = (instant: boolean) => {
    setStop('attract');
    arriving = -1;
    attractMs = 0;
    dwellEvent = -1;
    if (side) side.scrollTop = 0;
    write({ t: plan.attractT, playing: false, place: null, view: null });
    // every place of the story, however far (the story's view on an upright screen keeps to its core)
    ctx.fitStory(instant || ctx.reducedMotion, 'every-place');
    progress.update(progressText(-1, events.length), 0);
    attractClock();
  };

  const tour = (instant: boolean, resume: boolean) => {
    clearTimeout(idleTimer);
    countdown.hide();
    for (const d of ctx.root.querySelectorAll<HTMLDialogElement>('dialog[open]')) d.close();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setState('touring');
    const t = store.getState().t;
    write({ ...saved, loop: true, follow: true, place: null, view: null });
    saved = null;
    resumeT = resume ? resumeAt(plan, events, t) : null;
    attract(instant);
  };
  const checkIdle = () => {
    clearTimeout(idleTimer);
    if (state !== 'visitor') return;
    const phase = idlePhase(performance.now() - lastInput, ctx.config.idle);
    if (phase.kind === 'resume') return tour(false, true);
    if (phase.kind === 'countdown') countdown.show(phase.secondsLeft);
    else countdown.hide();
    idleTimer = window.setTimeout(checkIdle, phase.nextMs);
  };
  /** Hands the explorer to a visitor (on their input only). A touch on the attract frame opens the story at its first stop. */
  const handOver = () => {
    const s = store.getState();
    const fromAttract = stop === 'attract';
    stopAttractClock();
    arriving = -1;
    resumeT = null;
    lastInput = performance.now();
    saved = { speed: s.speed, layers: s.layers };
    setState('visitor');
    setStop('event');
    if (side) side.scrollTop = 0;
    if (fromAttract) write({ t: events[plan.first]?.t0 ?? s.t, playing: false });
    else ctx.actions.pause();
    checkIdle();
  };
  const onInput = (e: Event) => {
    if (state === 'touring') {
      if (e.type === 'pointermove') return;
      handOver();
      // The key that wakes the kiosk only wakes it: Space would otherwise start the paused player again.
      if (e.type === 'keydown') e.stopPropagation();
      return;
    }
    lastInput = performance.now();
    if (countdown.visible()) checkIdle();
  };
  for (const type of [...INPUTS, 'pointermove'] as const) offs.push(listen(window, type, onInput, { capture: true, passive: true }));

  /**
   * Goes from the attract frame to the events, on the store's change that reaches one. The camera has
   * framed that event already (it listens to the store first), with the attract frame's padding, which
   * maplibre adds to a fit's own: framed again without it (a tour resumed after a visitor had stopped
   * at zoom 2.06 on a stop framed at 2.73, its names laid out for the right frame).
   */
  const leaveOverview = () => {
    setStop('event');
    if (ctx.framed() === 'event') ctx.frameEvent(ctx.reducedMotion);
  };
  /** Moves the playhead (after the store's listeners have all seen the change in hand), unless the kiosk's state moved on meanwhile. */
  const jump = (from: number, to: number | 'attract') =>
    queueMicrotask(() => {
      if (state !== 'touring' || stop !== 'event' || store.getState().t !== from) return;
      if (to === 'attract') attract(ctx.reducedMotion);
      else write({ t: to });
    });

  // Only a visitor's input (above) hands the kiosk over. A change to the store the kiosk did not make
  // (a tool or a test moving the clock) is followed as a tour would: a new time on the attract frame
  // leaves it for the events from that moment; a pause holds the tour where it is.
  const onState = (s: AppState, p: AppState) => {
    if (state !== 'touring' || writing) return;
    if (stop === 'attract' && arriving < 0) {
      if (s.t === p.t) return;
      stopAttractClock();
      resumeT = null;
      leaveOverview();
      if (side) side.scrollTop = 0;
    }
    if (!s.playing) return;
    const i = currentEventIndex(events, s.t);
    if (stop === 'attract' && i >= arriving) {
      leaveOverview();
      arriving = -1;
    }
    if (stop === 'event') {
      // The tour's end: past the last stop's dwell, or wrapped round by the player to before the first stop: back to the title frame.
      const wrapped = s.t < p.t && s.t < approach(events, plan.first);
      if (wrapped || i > plan.last || (i === plan.last && s.t > events[i].t0)) return jump(s.t, 'attract');
      // Before the first stop the map is empty: go to it.
      if (s.t < approach(events, plan.first)) return jump(s.t, approach(events, plan.first));
      // Travelling to the next stop: at most MAX_TRAVEL_SECONDS of it.
      if (i >= 0 && i < plan.last && s.t > events[i].t0) {
        const to = shortenedTravel(scale, s.t, events[i + 1].t0, TRACK_SECONDS);
        if (to !== null) return jump(s.t, to);
      }
    }
    const now = performance.now();
    const dwelling = i >= 0 && s.t === events[i].t0;
    if (dwelling && dwellEvent !== i) {
      dwellEvent = i;
      dwellMs = 0;
    } else if (dwelling) dwellMs += Math.min(100, now - lastFrame) * s.speed;
    else if (i !== dwellEvent) dwellEvent = -1;
    lastFrame = now;
    const held = i < 0 ? 0 : dwelling ? Math.min(1, dwellMs / (ctx.holds[i] * 1000)) : 1;
    pages?.show(held);
    const paged = pages?.state() ?? { page: 0, pages: 1 };
    progress.update(progressText(i, events.length), held, pageText(paged.page, paged.pages));
  };
  offs.push(store.subscribe(onState));
  // A new event while touring starts its card at the top: the headline in view, the first page shown.
  offs.push(
    store.subscribe(
      (s) => currentEventIndex(events, s.t),
      () => {
        if (state === 'touring' && side) side.scrollTop = 0;
      },
    ),
  );
  offs.push(keepScreenAwake());
  // kiosk-resilience hook: the watchdog (stall, lost context, nightly reload) and the offline worker
  // the watchdog counts from the first complete frame: a slow first load is not a stalled loop
  let stopWatchdog = () => {};
  let ended = false;
  void ctx.whenReady().then(() => {
    if (!ended) stopWatchdog = startKioskWatchdog(ctx);
  });
  offs.push(() => {
    ended = true;
    stopWatchdog();
  }, startKioskOffline(ctx.whenReady()));
  const layout = mountKioskLayout(ctx); // kiosk-layout hook
  overview = (on) => {
    ctx.setOverview(on);
    layout.setOverview(on);
  };
  offs.push(() => {
    overview(false);
    layout.destroy();
  });

  setState('touring');
  write({ loop: true, follow: true, place: null, view: null });
  if (linkedMoment(window.location.search)) {
    // A link to an event's start holds on it first, as the tour would.
    const t = store.getState().t;
    const i = currentEventIndex(events, t);
    setStop('event');
    write({ t: i >= 0 && events[i].t0 === t ? approach(events, i) : t, playing: true });
    ctx.frameEvent(true);
  } else attract(true);
  return {
    destroy() {
      clearTimeout(idleTimer);
      stopAttractClock();
      offs.forEach((f) => f());
      pages?.destroy();
      progress.root.remove();
      attractScreen.remove();
      countdown.root.remove();
      delete html.dataset.kioskState;
      delete html.dataset.kioskStop;
    },
  };
}
