import { describe, expect, it } from 'vitest';
import { createActions, type ActionStory } from '../../src/state/actions.ts';
import { createAppStore, type AppState } from '../../src/state/store.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** Returns a story from 15 May to 17 June 2025 with three events. */
function createStory(): ActionStory {
  return {
    start: at('2025-05-15T00:00Z'),
    end: at('2025-06-17T00:00Z'),
    events: [
      { id: 'first-round', t0: at('2025-05-16T10:00Z') },
      { id: 'operation-spiderweb', t0: at('2025-06-01T11:35Z') },
      { id: 'second-round', t0: at('2025-06-02T10:00Z') },
    ],
  };
}

function createDefaults(story: ActionStory): AppState {
  return { t: story.start, playing: false, speed: 1, loop: false, follow: true, place: null, view: null, layers: ['venue', 'struck', 'labels'] };
}

/** Returns a store, its verbs, and the history entries they added (`pushes`: the state's moment at each). */
function createApp(initial: Partial<AppState> = {}) {
  const story = createStory();
  const defaults = createDefaults(story);
  const store = createAppStore(defaults, initial);
  const pushes: number[] = [];
  const actions = createActions(store, story, defaults, { push: () => pushes.push(store.getState().t) });
  return { story, defaults, store, actions, pushes, state: () => store.getState() };
}

describe('createActions: history', () => {
  it('adds an entry for discrete steps and none for a scrub, an hour step or a pan', () => {
    const { actions, pushes, story } = createApp();
    actions.seek(at('2025-05-20T00:00Z'));
    actions.stepHours(1);
    actions.setView({ zoom: 5, lat: 50, lon: 30 });
    actions.setSpeed(2);
    actions.setLoop(true);
    actions.pause();
    expect(pushes).toEqual([]);
    actions.seek(at('2025-05-21T00:00Z'), { history: 'push' });
    actions.stepEvent(1);
    actions.goToEvent('second-round');
    actions.selectPlace('olenya');
    actions.toggleLayer('venue');
    actions.setFollow(false);
    expect(pushes).toEqual([at('2025-05-21T00:00Z'), story.events[1].t0, story.events[2].t0, story.events[2].t0, story.events[2].t0, story.events[2].t0]);
  });

  it('adds an entry when playback is paused, not when it starts', () => {
    const { actions, pushes, state } = createApp();
    actions.togglePlay();
    expect([state().playing, pushes.length]).toEqual([true, 0]);
    actions.togglePlay();
    expect([state().playing, pushes.length]).toEqual([false, 1]);
  });

  it('pauses playback on every move in time', () => {
    const { actions, state, store, story } = createApp();
    const moves: [string, () => void][] = [
      ['seek', () => actions.seek(at('2025-05-20T00:00Z'))],
      ['stepHours', () => actions.stepHours(-2)],
      ['stepEvent', () => actions.stepEvent(1)],
      ['goToEvent', () => actions.goToEvent('first-round')],
    ];
    for (const [name, move] of moves) {
      store.getState().set({ playing: true, t: story.events[0].t0 + HOUR });
      move();
      expect(state().playing, name).toBe(false);
    }
  });
});

describe('createActions: stepEvent', () => {
  it('steps forward to each event in turn, then stays on the last one', () => {
    const { actions, state, story } = createApp();
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) {
      actions.stepEvent(1);
      seen.push(state().t);
    }
    const [a, b, c] = story.events.map((e) => e.t0);
    expect(seen).toEqual([a, b, c, c, c]);
  });

  it('steps back to the current event’s start first, then to the one before, then to the story’s start', () => {
    const { actions, state, story } = createApp({ t: at('2025-06-01T20:00Z') });
    const seen: number[] = [];
    for (let k = 0; k < 4; k++) {
      actions.stepEvent(-1);
      seen.push(state().t);
    }
    expect(seen).toEqual([story.events[1].t0, story.events[0].t0, story.start, story.start]);
  });

  it('goes forward from before the first event to the first event, and back to the start', () => {
    const { actions, state, story } = createApp({ t: at('2025-05-15T12:00Z') });
    actions.stepEvent(1);
    expect(state().t).toBe(story.events[0].t0);
    const other = createApp({ t: at('2025-05-15T12:00Z') });
    other.actions.stepEvent(-1);
    expect(other.state().t).toBe(story.start);
  });

  it('does not pause when there is no later event to step to', () => {
    const { actions, state, store, story } = createApp({ t: at('2025-06-10T00:00Z') });
    store.getState().set({ playing: true });
    actions.stepEvent(1);
    expect([state().t, state().playing]).toEqual([at('2025-06-10T00:00Z'), true]);
    expect(story.events.at(-1)!.t0).toBeLessThan(state().t);
  });
});

describe('createActions: time', () => {
  it('clamps seeks and hour steps to the story', () => {
    const { actions, state, story } = createApp();
    actions.stepHours(-3);
    expect(state().t).toBe(story.start);
    actions.seek(story.end + 10 * HOUR);
    expect(state().t).toBe(story.end);
    actions.stepHours(1);
    expect(state().t).toBe(story.end);
    actions.stepHours(-2);
    expect(state().t).toBe(story.end - 2 * HOUR);
  });

  it('ignores an unknown event id: no move, no history entry', () => {
    const { actions, state, pushes, story } = createApp();
    actions.goToEvent('no-such-event');
    expect([state().t, pushes.length]).toEqual([story.start, 0]);
  });
});

describe('createActions: layers, places and reset', () => {
  it('toggles a layer off and back on, keeping the others', () => {
    const { actions, state } = createApp();
    actions.toggleLayer('struck');
    expect(state().layers).toEqual(['venue', 'labels']);
    actions.toggleLayer('struck');
    expect([...state().layers].sort()).toEqual(['labels', 'struck', 'venue']);
  });

  it('opens and closes a place', () => {
    const { actions, state } = createApp();
    actions.selectPlace('olenya');
    expect(state().place).toBe('olenya');
    actions.selectPlace(null);
    expect(state().place).toBeNull();
  });

  it('closes a place with history replace as part of another change: the step’s one entry holds the place closed', () => {
    const story = createStory();
    const defaults = createDefaults(story);
    const store = createAppStore(defaults, {});
    const entries: (string | null)[] = [];
    const actions = createActions(store, story, defaults, { push: () => entries.push(store.getState().place) });
    actions.selectPlace('olenya');
    // as the camera's side does when a step's frame leaves the open place off the map
    store.subscribe((s, p) => {
      if (s.t !== p.t && s.place) actions.selectPlace(null, { history: 'replace' });
    });
    actions.stepEvent(1);
    expect(store.getState().place).toBeNull();
    expect(entries).toEqual(['olenya', null]);
  });

  it('resets every state field to its default and adds a history entry', () => {
    const { actions, state, pushes, defaults } = createApp();
    actions.goToEvent('second-round');
    actions.selectPlace('olenya');
    actions.toggleLayer('venue');
    actions.setFollow(false);
    actions.setSpeed(4);
    actions.setLoop(true);
    actions.setView({ zoom: 6, lat: 41, lon: 29 });
    const before = pushes.length;
    actions.reset();
    const { set, ...fields } = state();
    expect(typeof set).toBe('function');
    expect(fields).toEqual(defaults);
    expect(pushes.length).toBe(before + 1);
  });
});
