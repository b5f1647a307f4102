import { describe, expect, it } from 'vitest';
import { createReadiness } from '../../src/app/readiness.ts';

/** Returns a fake map (loaded, still, tiles in unless told otherwise), fake frames and the readiness written. */
function createFake() {
  const state = { loaded: true, moving: false, tiles: true };
  const handlers = new Map<string, Set<() => void>>();
  const map = {
    loaded: () => state.loaded,
    isMoving: () => state.moving,
    areTilesLoaded: () => state.tiles,
    on: (type: string, f: () => void) => handlers.set(type, (handlers.get(type) ?? new Set()).add(f)),
    off: (type: string, f: () => void) => handlers.get(type)?.delete(f),
  };
  const fire = (type: string) => [...(handlers.get(type) ?? [])].forEach((f) => f());
  let frames = new Map<number, () => void>();
  let nextId = 1;
  const written: boolean[] = [];
  /** Asks for an animation frame: callbacks run in the order asked, as the browser's do. */
  const request = (f: () => void) => {
    frames.set(nextId, f);
    return nextId++;
  };
  const r = createReadiness(map as never, {
    setReady: (ready) => written.push(ready),
    requestFrame: request,
    cancelFrame: (id) => frames.delete(id),
  });
  /** Runs the callbacks of the next animation frame. */
  const frame = () => {
    const due = [...frames.values()];
    frames = new Map();
    due.forEach((f) => f());
  };
  const ready = () => written.at(-1) === true;
  /** The layers handed to deck.gl and drawn by it (not yet on screen). */
  const drawn = () => {
    r.layersSet();
    r.deckRendered();
  };
  /** A change drawn and its frame run: the page's first ready. */
  const shown = () => {
    r.changed();
    drawn();
    frame();
  };
  return { r, state, fire, frame, ready, drawn, shown, written, request, pending: () => frames.size, listeners: () => [...handlers.values()].reduce((n, s) => n + s.size, 0) };
}

describe('createReadiness', () => {
  it('says ready only on the animation frame after deck.gl drew the layers, not when the draw is issued', () => {
    const f = createFake();
    f.r.changed();
    f.drawn();
    expect(f.ready()).toBe(false);
    expect(f.pending()).toBe(1);
    f.frame();
    expect(f.ready()).toBe(true);
  });

  it('says ready first on the frame after the first drawn step of playback, then at each drawn step until the next step', () => {
    const f = createFake();
    f.r.layersSet();
    // playback: each animation frame starts with a time step (a change) that asks for the next frame
    // after it, and deck.gl draws the step later in that frame
    const play = () => {
      f.r.changed();
      f.request(play);
    };
    f.request(play);
    f.frame();
    f.r.deckRendered();
    // the first drawn step is not on screen yet
    expect(f.written).not.toContain(true);
    f.frame();
    // its check ran ahead of the next step: ready once, then that step marks it not ready
    expect(f.written.filter((w) => w).length).toBe(1);
    expect(f.ready()).toBe(false);
    for (let i = 0; i < 3; i++) {
      f.r.deckRendered();
      // a frame has been on screen: the page is ready as its step is drawn, until the next step
      expect(f.ready()).toBe(true);
      f.frame();
      expect(f.ready()).toBe(false);
    }
  });

  it('after a frame has been on screen, says ready when a change is drawn, and still not before', () => {
    const f = createFake();
    f.shown();
    expect(f.ready()).toBe(true);
    f.r.changed();
    expect(f.ready()).toBe(false);
    f.frame();
    expect(f.ready()).toBe(false);
    f.r.deckRendered();
    expect(f.ready()).toBe(true);
    f.state.moving = true;
    f.fire('movestart');
    f.r.deckRendered();
    expect(f.ready()).toBe(false);
  });

  it('ignores deck.gl frames drawn before the layers were handed to it', () => {
    const f = createFake();
    f.r.deckRendered();
    f.frame();
    expect(f.written).not.toContain(true);
    expect(f.pending()).toBe(0);
  });

  it('waits for the map: loaded, still and with its tiles, then for the frame after its idle', () => {
    const f = createFake();
    f.state.tiles = false;
    f.drawn();
    f.frame();
    expect(f.written).not.toContain(true);
    f.state.tiles = true;
    f.fire('idle');
    expect(f.written).not.toContain(true);
    f.frame();
    expect(f.ready()).toBe(true);
  });

  it('lets a change made before that frame win: not ready until deck.gl draws again', () => {
    const f = createFake();
    f.drawn();
    f.r.changed();
    f.frame();
    expect(f.written).not.toContain(true);
    f.r.deckRendered();
    f.frame();
    expect(f.ready()).toBe(true);
  });

  it('checks again inside the frame: a map that started moving or lost its load meanwhile keeps it not ready', () => {
    const f = createFake();
    f.drawn();
    f.state.loaded = false;
    f.frame();
    expect(f.written).not.toContain(true);
    f.state.loaded = true;
    f.fire('idle');
    f.fire('movestart');
    f.state.moving = true;
    f.frame();
    expect(f.written).not.toContain(true);
    expect(f.written.at(-1)).toBe(false);
  });

  it('asks for one frame however many draws and idles come before it', () => {
    const f = createFake();
    f.drawn();
    f.r.deckRendered();
    f.fire('idle');
    expect(f.pending()).toBe(1);
  });

  it('stops listening and drops its pending frame on destroy', () => {
    const f = createFake();
    f.drawn();
    f.r.destroy();
    expect(f.pending()).toBe(0);
    expect(f.listeners()).toBe(0);
    f.fire('idle');
    expect(f.pending()).toBe(0);
  });
});
