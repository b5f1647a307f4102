// The kiosk's in-page watchdog: reloads the page when its frame loop stalls, when a WebGL context stays
// lost, and once a night. Each reload leaves its reason in sessionStorage and on the console (where
// `npm run kiosk` copies it into its log). The timing rules are pure functions with the clock passed in.
import type { AppContext } from '../contracts/app-context.ts';

/** Why the watchdog (or the offline worker's update) reloaded the page. */
export type ReloadReason = 'stall' | 'context' | 'nightly' | 'update';

/** One reload, as recorded before it happens. */
export interface ReloadEntry {
  reason: ReloadReason;
  detail: string;
  /** ISO time (UTC) of the reload. */
  at: string;
}

/** The reloads of this tab (sessionStorage survives a reload): how many, and the last few. */
export interface ReloadRecord {
  count: number;
  last: ReloadEntry[];
}

/** The sessionStorage key of the reload record. */
export const RELOAD_KEY = 'kiosk-watchdog';
/** Every console line of the watchdog starts with this (the launcher copies such lines into its log). */
export const LOG_PREFIX = 'Kiosk watchdog:';
/** How many reloads the record keeps. */
const KEEP = 20;
/** How often the watchdog checks (ms). */
const TICK_MS = 1000;
/** How often the kiosk asks the server for a new build of the offline worker (ms); a failure (server down) is ignored. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** No nightly reload in the first hour after a load, so a reload at the hour cannot loop. */
export const NIGHTLY_GRACE_MS = 60 * 60 * 1000;

/**
 * Returns whether the frame loop has stalled: the page is visible and no animation frame has run for
 * longer than `limitMs`. A hidden page runs no animation frames, so it never counts as stalled.
 */
export function isStalled(nowMs: number, lastFrameMs: number, limitMs: number, visible: boolean): boolean {
  return visible && nowMs - lastFrameMs > limitMs;
}

/** Returns whether a WebGL context lost at `lostSinceMs` (null: none lost) has stayed lost longer than `limitMs`. */
export function contextGone(nowMs: number, lostSinceMs: number | null, limitMs: number): boolean {
  return lostSinceMs !== null && nowMs - lostSinceMs > limitMs;
}

/**
 * Returns the time (ms since the epoch) of the nightly reload for a page loaded at `loadedAtMs`: the
 * first moment at least an hour after the load that falls in the local hour `hour` (hour:00 to
 * hour:59), or null when there is no nightly reload. A page loaded at 03:30 with hour 4 reloads at
 * 04:30; one loaded at 04:10 (by the last reload) reloads at 04:00 the next night.
 */
export function nightlyReloadAt(loadedAtMs: number, hour: number | null): number | null {
  if (hour === null || !Number.isInteger(hour) || hour < 0 || hour > 23) return null;
  const earliest = new Date(loadedAtMs + NIGHTLY_GRACE_MS);
  if (earliest.getHours() === hour) return earliest.getTime();
  const next = new Date(earliest);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= earliest.getTime()) next.setDate(next.getDate() + 1);
  // setDate keeps the wall-clock hour across a daylight-saving change; an hour the change skips moves later.
  return next.getTime();
}

/** Returns the record with one more reload (the last `KEEP` kept); `previous` may be anything read from storage. */
export function addReload(previous: unknown, entry: ReloadEntry): ReloadRecord {
  const p = previous as Partial<ReloadRecord> | null;
  const count = typeof p?.count === 'number' && Number.isInteger(p.count) && p.count >= 0 ? p.count : 0;
  const last = Array.isArray(p?.last) ? p.last.slice(-(KEEP - 1)) : [];
  return { count: count + 1, last: [...last, entry] };
}

/** Returns this tab's reload record (zero reloads when none or unreadable). */
export function readReloads(storage: Pick<Storage, 'getItem'> = sessionStorage): ReloadRecord {
  try {
    const r = JSON.parse(storage.getItem(RELOAD_KEY) ?? 'null') as ReloadRecord | null;
    return r && typeof r.count === 'number' && Array.isArray(r.last) ? r : { count: 0, last: [] };
  } catch {
    return { count: 0, last: [] };
  }
}

/** Records a reload (sessionStorage and one console line) and reloads the page. */
export function reloadFor(reason: ReloadReason, detail: string, reload: () => void = () => window.location.reload()): void {
  const entry: ReloadEntry = { reason, detail, at: new Date().toISOString() };
  try {
    sessionStorage.setItem(RELOAD_KEY, JSON.stringify(addReload(readReloads(), entry)));
  } catch {
    // storage full or refused: the console line still says why
  }
  console.warn(`${LOG_PREFIX} reloading the page (${reason}: ${detail})`);
  reload();
}

/** What the watchdog reads and does, replaceable in tests. */
export interface WatchdogDeps {
  /** Monotonic clock (ms): frame gaps and context loss. */
  now(): number;
  /** Wall clock (ms since the epoch): the nightly reload. */
  wallNow(): number;
  reload(reason: ReloadReason, detail: string): void;
}

const defaultDeps: WatchdogDeps = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  reload: (reason, detail) => reloadFor(reason, detail),
};

/** Returns whether a canvas's WebGL context is lost (a canvas without one counts as live). */
function canvasLost(canvas: HTMLCanvasElement): boolean {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  return !!gl && gl.isContextLost();
}

/**
 * Starts the kiosk's watchdog (limits from `ctx.config.kiosk`): an animation-frame heartbeat whose
 * gap over `watchdogSeconds` while the page is visible reloads it ('stall'); a WebGL context of the
 * map that stays lost for `watchdogSeconds` reloads it ('context'; context-recovery.ts restores one
 * that comes back); and the nightly reload at `nightlyReloadHour` ('nightly'). Returns the stop.
 */
export function startKioskWatchdog(ctx: Pick<AppContext, 'config' | 'mapView'>, deps: WatchdogDeps = defaultDeps): () => void {
  const limitMs = ctx.config.kiosk.watchdogSeconds * 1000;
  const nightly = nightlyReloadAt(deps.wallNow(), ctx.config.kiosk.nightlyReloadHour);
  const visible = () => document.visibilityState === 'visible';
  let lastFrame = deps.now();
  let lostSince: number | null = null;
  let raf = 0;
  let done = false;

  const fire = (reason: ReloadReason, detail: string) => {
    if (done) return;
    stop();
    deps.reload(reason, detail);
  };
  const checkStall = (t: number) => {
    if (isStalled(t, lastFrame, limitMs, visible())) fire('stall', `no frame for ${((t - lastFrame) / 1000).toFixed(1)} s (limit ${limitMs / 1000} s)`);
  };
  const beat = () => {
    const t = deps.now();
    checkStall(t);
    lastFrame = t;
    if (!done) raf = requestAnimationFrame(beat);
  };
  const tick = () => {
    const t = deps.now();
    checkStall(t);
    if (lostSince !== null && !ctx.mapView.canvases().some(canvasLost)) lostSince = null;
    if (contextGone(t, lostSince, limitMs)) fire('context', `a WebGL context stayed lost for ${((t - lostSince!) / 1000).toFixed(1)} s (limit ${limitMs / 1000} s)`);
    if (nightly !== null && deps.wallNow() >= nightly) fire('nightly', `nightly reload at hour ${ctx.config.kiosk.nightlyReloadHour} (local time)`);
  };
  const onVisibility = () => {
    // no frames run while hidden: the heartbeat starts afresh when the page is shown again
    if (visible()) lastFrame = deps.now();
  };
  const onLost = () => {
    lostSince ??= deps.now();
  };
  document.addEventListener('visibilitychange', onVisibility);
  // webglcontextlost does not bubble; a capturing listener on the document sees it on every canvas, new ones too.
  document.addEventListener('webglcontextlost', onLost, true);
  raf = requestAnimationFrame(beat);
  const timer = window.setInterval(tick, TICK_MS);
  const stop = () => {
    done = true;
    cancelAnimationFrame(raf);
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('webglcontextlost', onLost, true);
  };
  const before = readReloads();
  if (before.count > 0) {
    const last = before.last[before.last.length - 1];
    console.info(`${LOG_PREFIX} started; this tab was reloaded ${before.count} time(s), last for ${last?.reason} (${last?.detail}) at ${last?.at}`);
  }
  return stop;
}
