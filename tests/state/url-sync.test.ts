import { KIOSK_DEFAULTS, kioskSettings } from '../../src/state/kiosk-settings.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActions } from '../../src/state/actions.ts';
import type { AppConfig } from '../../src/state/config.ts';
import { createAppStore, type AppState } from '../../src/state/store.ts';
import { URL_THROTTLE_MS, createUrlSync, type UrlSyncWindow } from '../../src/state/url-sync.ts';

const at = (iso: string) => Date.parse(iso);

const DEFAULTS: AppState = {
  t: at('2025-05-15T00:00Z'),
  playing: false,
  speed: 1,
  loop: false,
  follow: false,
  place: null,
  view: null,
  layers: ['venue', 'struck'],
};

/** Returns a URL context like the app's, for a story from 15 May to 17 June 2025 with one event. */
function createCtx(config: AppConfig = { mode: 'explore', embed: false, idle: 60, kiosk: KIOSK_DEFAULTS }) {
  return {
    start: at('2025-05-15T00:00Z'),
    end: at('2025-06-17T00:00Z'),
    events: [{ id: 'operation-spiderweb', t0: at('2025-06-01T11:35Z') }],
    placeIds: ['olenya'],
    layerIds: ['venue', 'struck'],
    eventAt: (t: number) => (t >= at('2025-06-01T11:35Z') ? 'operation-spiderweb' : null),
    defaults: { ...DEFAULTS, idle: 60 },
    config,
  };
}

/**
 * Returns a fake window: a monotonic clock the test advances, timers that fire on it, and a history
 * that records every write. The wall clock (Date) is separate and faked by vitest.
 */
function createWindow() {
  let mono = 1000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const popListeners = new Set<() => void>();
  const listeners = new Map<string, Set<(e: { pointerId?: number }) => void>>();
  const writes: { kind: 'push' | 'replace'; url: string }[] = [];
  const location = { pathname: '/', search: '', hash: '' };
  const record = (kind: 'push' | 'replace') => (_: unknown, __: string, url: string) => {
    writes.push({ kind, url });
    location.search = url.slice(url.indexOf('?'));
  };
  const win = {
    location,
    history: { pushState: record('push'), replaceState: record('replace') },
    performance: { now: () => mono },
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(nextId, { at: mono + ms, fn });
      return nextId++;
    },
    clearTimeout: (id: number) => timers.delete(id),
    addEventListener: (type: string, fn: () => void) => (type === 'popstate' ? popListeners.add(fn) : listeners.set(type, (listeners.get(type) ?? new Set()).add(fn))),
    removeEventListener: (type: string, fn: () => void) => (type === 'popstate' ? popListeners.delete(fn) : listeners.get(type)?.delete(fn)),
  } as unknown as UrlSyncWindow;
  /** Goes back or forward to an entry with query string `search`, as the browser does: the location changes, then popstate fires. */
  const pop = (search: string) => {
    location.search = search;
    for (const fn of popListeners) fn();
  };
  /** Moves the monotonic clock on by `ms`, firing the timers that fall due. */
  const advance = (ms: number) => {
    const end = mono + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      mono = Math.max(mono, due[1].at);
      due[1].fn();
    }
    mono = end;
  };
  /** Fires a window event (`pointerdown`, `pointerup`, `blur`…) at the listeners the sync added. */
  const fire = (type: string, pointerId = 1) => {
    for (const fn of listeners.get(type) ?? []) fn({ pointerId });
  };
  return { win, writes, advance, pop, popListeners, fire };
}

describe('createUrlSync', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T01:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('replaces the entry at most once per throttle interval while scrubbing, with the last state', () => {
    const { win, writes, advance } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    for (let i = 1; i <= 20; i++) {
      store.getState().set({ t: DEFAULTS.t + i * 3_600_000 });
      advance(50);
    }
    advance(URL_THROTTLE_MS);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThanOrEqual(3);
    expect(writes.every((w) => w.kind === 'replace')).toBe(true);
    expect(writes.at(-1)!.url).toBe('/?t=2025-05-15T20:00Z');
    sync.destroy();
  });

  it('writes nothing while a pointer is held (a drag), then replaces the entry once after its release, with the last state', () => {
    const { win, writes, advance, fire } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    fire('pointerdown');
    for (let i = 1; i <= 20; i++) {
      store.getState().set({ t: DEFAULTS.t + i * 3_600_000 });
      advance(100);
    }
    advance(URL_THROTTLE_MS * 2);
    expect(writes).toEqual([]);
    fire('pointerup');
    advance(URL_THROTTLE_MS);
    expect(writes).toEqual([{ kind: 'replace', url: '/?t=2025-05-15T20:00Z' }]);
    sync.destroy();
  });

  it('holds back a replace scheduled before a press until the release; the drag\'s own push is its one entry', () => {
    const { win, writes, advance, fire } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    store.getState().set({ t: at('2025-05-16T00:00Z') });
    fire('pointerdown', 7);
    store.getState().set({ t: at('2025-05-17T00:00Z') });
    advance(URL_THROTTLE_MS * 2);
    expect(writes).toEqual([]);
    fire('pointerup', 7);
    sync.push();
    advance(URL_THROTTLE_MS * 2);
    expect(writes).toEqual([{ kind: 'push', url: '/?t=2025-05-17T00:00Z' }]);
    sync.destroy();
  });

  it('writes again once the window loses focus during a hold (a release it did not see)', () => {
    const { win, writes, advance, fire } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    fire('pointerdown');
    store.getState().set({ t: at('2025-05-16T00:00Z') });
    advance(URL_THROTTLE_MS * 2);
    fire('blur');
    advance(URL_THROTTLE_MS);
    expect(writes).toEqual([{ kind: 'replace', url: '/?t=2025-05-16T00:00Z' }]);
    sync.destroy();
  });

  it('adds a history entry for a discrete action at once', () => {
    const { win, writes } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    store.getState().set({ t: at('2025-06-01T11:35Z') });
    sync.push();
    expect(writes).toEqual([{ kind: 'push', url: '/?t=2025-06-01T11:35Z&event=operation-spiderweb' }]);
    sync.destroy();
  });

  it('keeps writing after the wall clock jumps back an hour', () => {
    const { win, writes, advance } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    store.getState().set({ t: at('2025-05-16T00:00Z') });
    advance(URL_THROTTLE_MS);
    vi.setSystemTime(new Date('2026-03-29T00:00:00Z'));
    advance(1000);
    store.getState().set({ t: at('2025-05-17T00:00Z') });
    advance(URL_THROTTLE_MS + 100);
    expect(writes.map((w) => w.url)).toEqual(['/?t=2025-05-16T00:00Z', '/?t=2025-05-17T00:00Z']);
    sync.destroy();
  });

  it('waits out the rest of the interval after a write, then writes', () => {
    const { win, writes, advance } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    sync.push();
    advance(100);
    store.getState().set({ t: at('2025-05-18T00:00Z') });
    advance(URL_THROTTLE_MS - 200);
    expect(writes.length).toBe(1);
    advance(200);
    expect(writes.map((w) => w.url)).toEqual(['/?t=2025-05-15T00:00Z', '/?t=2025-05-18T00:00Z']);
    sync.destroy();
  });

  it('writes nothing after destroy', () => {
    const { win, writes, advance } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    store.getState().set({ t: at('2025-05-18T00:00Z') });
    sync.destroy();
    advance(URL_THROTTLE_MS * 2);
    expect(writes).toEqual([]);
  });

  it('writes the page config (mode, embed, idle) into every entry, from the config and not the store', () => {
    const { win, writes, advance } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx({ mode: 'kiosk', embed: true, idle: 30, kiosk: { ...KIOSK_DEFAULTS, idleSeconds: 30 } }), win);
    store.getState().set({ t: at('2025-05-16T00:00Z') });
    advance(URL_THROTTLE_MS);
    expect(writes).toEqual([{ kind: 'replace', url: '/?t=2025-05-16T00:00Z&mode=kiosk&embed=1&idle=30' }]);
    sync.destroy();
  });

  it('restores the moment, place, view, layers and follow on back/forward, paused, with defaults for what the entry leaves out', () => {
    const { win, pop } = createWindow();
    const store = createAppStore(DEFAULTS, { place: 'olenya', view: { zoom: 5, lat: 50, lon: 30 }, layers: ['venue'], playing: true, speed: 2 });
    const sync = createUrlSync(store, createCtx(), win);
    pop('?t=2025-06-01T12:00Z&follow=1');
    const s = store.getState();
    expect([s.t, s.place, s.view, s.layers, s.follow, s.playing, s.speed]).toEqual([at('2025-06-01T12:00Z'), null, null, DEFAULTS.layers, true, false, 2]);
    pop('?event=operation-spiderweb&place=olenya&view=6/41/29&layers=struck');
    const r = store.getState();
    expect([r.t, r.place, r.view, r.layers]).toEqual([at('2025-06-01T11:35Z'), 'olenya', { zoom: 6, lat: 41, lon: 29 }, ['struck']]);
    sync.destroy();
  });

  it('takes nothing but state from a back/forward entry: its mode, embed and idle are not state', () => {
    const { win, pop } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx(), win);
    pop('?t=2025-05-20T00:00Z&mode=kiosk&embed=1&idle=5');
    expect(Object.keys(store.getState()).sort()).toEqual([...Object.keys(DEFAULTS), 'set'].sort());
    expect(store.getState().t).toBe(at('2025-05-20T00:00Z'));
    sync.destroy();
  });

  it('writes a bad back/forward entry back to defaults without an error', () => {
    const { win, pop } = createWindow();
    const store = createAppStore(DEFAULTS, { t: at('2025-05-20T00:00Z') });
    const sync = createUrlSync(store, createCtx(), win);
    expect(() => pop('?t=2025-02-30T00:00Z&place=%3Cscript%3E&view=99/0/0&layers=nope')).not.toThrow();
    const s = store.getState();
    expect([s.t, s.place, s.view, s.layers]).toEqual([at('2025-05-20T00:00Z'), null, null, DEFAULTS.layers]);
    sync.destroy();
  });

  it('stops listening to back/forward after destroy', () => {
    const { win, popListeners } = createWindow();
    const sync = createUrlSync(createAppStore(DEFAULTS), createCtx(), win);
    expect(popListeners.size).toBe(1);
    sync.destroy();
    expect(popListeners.size).toBe(0);
  });

  it('with the actions: a step adds an entry at once, a scrub and an hour step replace it once the interval has passed', () => {
    const { win, writes, advance } = createWindow();
    const ctx = createCtx();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, ctx, win);
    const actions = createActions(store, ctx, DEFAULTS, sync);
    actions.stepEvent(1);
    expect(writes).toEqual([{ kind: 'push', url: '/?t=2025-06-01T11:35Z&event=operation-spiderweb' }]);
    actions.seek(at('2025-06-03T00:00Z'));
    actions.stepHours(2);
    expect(writes.length).toBe(1);
    advance(URL_THROTTLE_MS);
    expect(writes.at(-1)).toEqual({ kind: 'replace', url: '/?t=2025-06-03T02:00Z&event=operation-spiderweb' });
    // pausing adds an entry for where playback stopped, at once (the player's steps are still waiting out the interval)
    actions.togglePlay();
    advance(100);
    store.getState().set({ t: at('2025-06-05T00:00Z') });
    actions.togglePlay();
    expect(writes.at(-1)).toEqual({ kind: 'push', url: '/?t=2025-06-05T00:00Z&event=operation-spiderweb' });
    sync.destroy();
  });
});

describe('a kiosk page’s URL', () => {
  it('keeps the kiosk’s own settings through every rewrite, so a reload (watchdog, launcher) opens with them', () => {
    const { win, writes, advance } = createWindow();
    const search = '?mode=kiosk&orientation=portrait&t=2025-06-01T00:00Z&qr=https://example.org/a?b=1&distance=4&watchdog=5';
    win.location.search = search;
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx({ mode: 'kiosk', embed: false, idle: 60, kiosk: kioskSettings(search) }), win);
    store.getState().set({ t: at('2025-06-01T11:35Z') });
    advance(URL_THROTTLE_MS);
    expect(writes.map((w) => w.url)).toEqual(['/?t=2025-06-01T11:35Z&event=operation-spiderweb&mode=kiosk&distance=4&qr=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1&orientation=portrait&watchdog=5']);
    expect(kioskSettings(win.location.search)).toEqual(kioskSettings(search));
    sync.destroy();
  });

  it('writes no kiosk setting of its own when it has only the defaults', () => {
    const { win, writes } = createWindow();
    const store = createAppStore(DEFAULTS);
    const sync = createUrlSync(store, createCtx({ mode: 'kiosk', embed: false, idle: 60, kiosk: KIOSK_DEFAULTS }), win);
    store.getState().set({ t: at('2025-06-01T11:35Z') });
    sync.push();
    expect(writes.map((w) => w.url)).toEqual(['/?t=2025-06-01T11:35Z&event=operation-spiderweb&mode=kiosk']);
    sync.destroy();
  });
});
