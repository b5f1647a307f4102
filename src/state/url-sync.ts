import type { AppConfig } from './config.ts';
import { createPointerHold, type PointerHold } from './pointer-hold.ts';
import type { Store } from './store.ts';
import { parseUrl, serializeUrl, stateFields, type SerializeContext } from './url-state.ts';

/** Minimum gap between history writes, in ms (browsers rate-limit replaceState). */
export const URL_THROTTLE_MS = 600;

/** What the sync uses of the window (a test passes a fake). */
export type UrlSyncWindow = Pick<Window, 'location' | 'history' | 'setTimeout' | 'clearTimeout' | 'addEventListener' | 'removeEventListener' | 'performance'>;

/** The URL's side of the app: a history entry on demand; continuous changes follow by themselves. */
export interface UrlSync {
  /** Adds a history entry for the current state at once (a discrete action). */
  push(): void;
  destroy(): void;
}

/**
 * Keeps the URL in step with the store: continuous changes replace the entry at most every
 * URL_THROTTLE_MS, `push()` adds an entry for a discrete action, and back/forward restore state
 * (never the page's config: mode, embed and idle stay as the page opened). While a pointer is held
 * down (a drag on the slider, a pan), continuous changes wait for its release: the entry the
 * gesture started from keeps its state, and the gesture's end (a push, or one replace) writes once.
 * The throttle runs on the monotonic clock (`performance.now()`): a wall clock set back (NTP, a
 * kiosk's time zone or daylight change) would otherwise hold every write back by the jump.
 * `hold` is the page's record of held pointers (one of its own on `win` when none is given).
 */
export function createUrlSync(store: Store, ctx: SerializeContext & { config: AppConfig }, win: UrlSyncWindow = window, hold?: PointerHold): UrlSync {
  let timer = 0;
  let lastWrite = -Infinity;
  const ownHold = hold ? null : createPointerHold(win);
  const pointers = hold ?? ownHold!;
  /** Whether a continuous change waits for the held pointers' release. */
  let waiting = false;
  // the config goes in whole: a kiosk's own settings are written too, so a reload keeps them
  const current = () => serializeUrl({ ...store.getState(), ...ctx.config }, ctx);
  const write = (kind: 'push' | 'replace') => {
    win.clearTimeout(timer);
    timer = 0;
    waiting = false;
    lastWrite = win.performance.now();
    const q = current();
    if (q === win.location.search) return;
    const url = `${win.location.pathname}${q}${win.location.hash}`;
    if (kind === 'push') win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  };
  const schedule = () => {
    if (pointers.held) {
      waiting = true;
      return;
    }
    if (timer) return;
    timer = win.setTimeout(() => {
      timer = 0;
      if (pointers.held) waiting = true;
      else write('replace');
    }, Math.max(0, URL_THROTTLE_MS - (win.performance.now() - lastWrite)));
  };
  const offRelease = pointers.onRelease(() => {
    if (!waiting) return;
    waiting = false;
    schedule();
  });
  const off = store.subscribe((s, p) => {
    if (s.t !== p.t || s.place !== p.place || s.view !== p.view || s.layers !== p.layers || s.follow !== p.follow) schedule();
  });
  const onPop = () => {
    store.getState().set({ place: null, view: null, layers: ctx.defaults.layers, ...stateFields(parseUrl(win.location.search, ctx)), playing: false });
  };
  win.addEventListener('popstate', onPop);
  return {
    push: () => write('push'),
    destroy() {
      win.clearTimeout(timer);
      off();
      win.removeEventListener('popstate', onPop);
      offRelease();
      ownHold?.destroy();
    },
  };
}
