import { currentEventIndex } from '../data/prepare.ts';
import { dwellSeconds } from '../state/player.ts';
import type { AppState } from '../state/store.ts';
import { el, listen } from '../ui/dom.ts';
import type { AppContext, ModeHandle } from '../contracts/app-context.ts';
import './kiosk.css';
import { mountKioskLayout } from './kiosk-layout.ts'; // kiosk-layout: layout, type, legend, chapters, touch

export { dwellSeconds } from '../state/player.ts';

/** Touring: the attract loop plays by itself. Visitor: someone has the explorer until they leave it idle. */
export type KioskState = 'touring' | 'visitor';

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

/**
 * Returns how far (0–1) an overflowing card is scrolled at a point (0–1) of the event's dwell: it
 * rests at the top for the first 30 %, eases down, and rests at the bottom from 85 %.
 */
export function scrollFraction(dwellProgress: number): number {
  const x = Math.min(1, Math.max(0, (dwellProgress - 0.3) / 0.55));
  return x * x * (3 - 2 * x);
}

/** Returns the progress indicator (event n of N, and a bar for the hold on the current event). */
function createProgress() {
  const text = el('span', { class: 'kiosk-progress-text' });
  const fill = el('span', { class: 'kiosk-progress-fill' });
  const root = el(
    'div',
    { class: 'kiosk-progress' },
    el('p', { class: 'kiosk-progress-line' }, text, el('span', { class: 'kiosk-progress-hint' }, 'Touch the screen for quotes and sources')),
    el('div', { class: 'kiosk-progress-bar', 'aria-hidden': 'true' }, fill),
  );
  let shown = '';
  let width = -1;
  return {
    root,
    update(line: string, fraction: number) {
      if (line !== shown) text.textContent = shown = line;
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

/**
 * Starts kiosk mode: the attract loop plays the story event by event with camera stops, forever. A
 * visitor's touch, click, wheel or key pauses it and hands them the explorer; after `idle` seconds
 * without input a short countdown brings the tour back from where they left it.
 */
export function startKiosk(ctx: AppContext): ModeHandle {
  const { store, prep } = ctx;
  const html = document.documentElement;
  const events = prep.events;
  const side = ctx.root.querySelector<HTMLElement>('.side');
  const progress = createProgress();
  const countdown = createCountdown();
  side?.prepend(progress.root);
  ctx.root.append(countdown.root);
  const offs: (() => void)[] = [];

  let state: KioskState = 'touring';
  let lastInput = 0;
  let idleTimer = 0;
  let saved: Pick<AppState, 'speed' | 'layers'> | null = null;
  let dwellEvent = -1;
  let dwellMs = 0;
  let lastFrame = 0;
  let lastIndex = -2;
  const setState = (k: KioskState) => {
    state = k;
    html.dataset.kioskState = k;
  };

  const tour = (instant: boolean) => {
    clearTimeout(idleTimer);
    countdown.hide();
    for (const d of ctx.root.querySelectorAll<HTMLDialogElement>('dialog[open]')) d.close();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setState('touring');
    const s = store.getState();
    s.set({ ...saved, playing: true, loop: true, follow: true, place: null, view: null });
    saved = null;
    dwellEvent = -1;
    ctx.frameEvent(instant || ctx.reducedMotion);
  };
  const checkIdle = () => {
    clearTimeout(idleTimer);
    if (state !== 'visitor') return;
    const phase = idlePhase(performance.now() - lastInput, ctx.config.idle);
    if (phase.kind === 'resume') return tour(false);
    if (phase.kind === 'countdown') countdown.show(phase.secondsLeft);
    else countdown.hide();
    idleTimer = window.setTimeout(checkIdle, phase.nextMs);
  };
  const handOver = () => {
    const s = store.getState();
    lastInput = performance.now();
    saved = { speed: s.speed, layers: s.layers };
    setState('visitor');
    if (side) side.scrollTop = 0;
    ctx.actions.pause();
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

  const onState = (s: AppState, p: AppState) => {
    if (state !== 'touring') return;
    if (!s.playing) {
      if (p.playing) handOver();
      return;
    }
    const i = currentEventIndex(events, s.t);
    const now = performance.now();
    if (s.t < p.t) ctx.fitStory(ctx.reducedMotion);
    if (i !== lastIndex && side) side.scrollTop = 0;
    lastIndex = i;
    const dwelling = i >= 0 && s.t === events[i].t0;
    if (dwelling && dwellEvent !== i) {
      dwellEvent = i;
      dwellMs = 0;
    } else if (dwelling) dwellMs += Math.min(100, now - lastFrame) * s.speed;
    else if (i !== dwellEvent) dwellEvent = -1;
    lastFrame = now;
    const held = i < 0 ? 0 : dwelling ? Math.min(1, dwellMs / (dwellSeconds(events[i], prep.story) * 1000)) : 1;
    progress.update(progressText(i, events.length), held);
    if (side && !ctx.reducedMotion) {
      const room = side.scrollHeight - side.clientHeight;
      if (room > 0) side.scrollTop = Math.round(scrollFraction(held) * room);
    }
  };
  offs.push(store.subscribe(onState));
  offs.push(keepScreenAwake());
  offs.push(mountKioskLayout(ctx)); // kiosk-layout hook

  tour(true);
  progress.update(progressText(currentEventIndex(events, store.getState().t), events.length), 0);
  return {
    destroy() {
      clearTimeout(idleTimer);
      offs.forEach((f) => f());
      progress.root.remove();
      countdown.root.remove();
      delete html.dataset.kioskState;
    },
  };
}
