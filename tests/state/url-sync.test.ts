import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
function createCtx() {
  return {
    start: at('2025-05-15T00:00Z'),
    end: at('2025-06-17T00:00Z'),
    events: [{ id: 'operation-spiderweb', t0: at('2025-06-01T11:35Z') }],
    placeIds: ['olenya'],
    layerIds: ['venue', 'struck'],
    eventAt: (t: number) => (t >= at('2025-06-01T11:35Z') ? 'operation-spiderweb' : null),
    defaults: { ...DEFAULTS, idle: 60 },
    config: { mode: 'explore' as const, embed: false, idle: 60 },
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
    addEventListener: () => {},
    removeEventListener: () => {},
  } as unknown as UrlSyncWindow;
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
  return { win, writes, advance };
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
});
