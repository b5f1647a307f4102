import { currentEventIndex } from '../data/prepare.ts';
import type { AppState, Store, View } from './store.ts';

const HOUR_MS = 3_600_000;

/** Whether a change adds a history entry (a discrete step: back returns to it) or replaces the current one (throttled; scrubbing, panning). */
export type HistoryKind = 'push' | 'replace';

/** What the verbs need of the story: its span (epoch ms UTC) and its events in order. */
export interface ActionStory {
  start: number;
  end: number;
  events: readonly { id: string; t0: number }[];
}

/** The app's verbs: every change a reader makes goes through one of these, which also decides its history entry. */
export interface AppActions {
  /** Moves to `t` (clamped to the story) and pauses; `history` defaults to replace (a scrub or a step of a drag). */
  seek(t: number, opts?: { history?: HistoryKind }): void;
  /** Moves to the next event's start (1) or back to the current event's start, or the previous one's when already there (-1); the story's start before the first event. Pauses and adds a history entry; past the last event nothing moves. */
  stepEvent(dir: 1 | -1): void;
  /** Moves `n` hours (negative: back), clamped to the story, and pauses; replaces the history entry. */
  stepHours(n: number): void;
  /** Moves to an event's start and pauses, adding a history entry; an unknown id does nothing. */
  goToEvent(id: string): void;
  /** Plays or pauses; pausing adds a history entry (the moment it stopped on). */
  togglePlay(): void;
  /** Pauses if playing (an export or a kiosk visitor takes over); no history entry. */
  pause(): void;
  /** Opens a place's details (null closes them); `history` defaults to push (replace: the app closes them as part of another change, which makes its own entry). */
  selectPlace(id: string | null, opts?: { history?: HistoryKind }): void;
  /** Shows or hides a layer, adding a history entry. */
  toggleLayer(id: string): void;
  /** Turns the camera's following on or off, adding a history entry. */
  setFollow(on: boolean): void;
  /** Sets the playback speed multiplier (not in the URL). */
  setSpeed(speed: number): void;
  /** Sets whether playback loops (not in the URL). */
  setLoop(loop: boolean): void;
  /** Records the reader's own pan or zoom (null: the app's framing again); replaces the history entry. */
  setView(view: View | null): void;
  /** Returns every state field to its default, adding a history entry. */
  reset(): void;
  /** Adds a history entry for the current state (Fit story, Copy link, the end of a scrub). */
  commit(): void;
}

/**
 * Returns the app's verbs on the store. `history.push()` adds a history entry now; a replace needs
 * nothing here, since the URL module replaces the entry (throttled) whenever the state changes.
 */
export function createActions(store: Store, story: ActionStory, defaults: AppState, history: { push(): void }): AppActions {
  const set = (patch: Partial<AppState>) => store.getState().set(patch);
  const clamp = (t: number) => Math.min(story.end, Math.max(story.start, t));
  const seek = (t: number, { history: kind = 'replace' }: { history?: HistoryKind } = {}) => {
    set({ t: clamp(t), playing: false });
    if (kind === 'push') history.push();
  };
  return {
    seek,
    stepEvent(dir) {
      const { t } = store.getState();
      const i = currentEventIndex(story.events, t);
      const atStart = i >= 0 && story.events[i].t0 === t;
      const target = dir > 0 ? i + 1 : atStart ? i - 1 : i;
      if (target < 0) set({ t: story.start, playing: false });
      else if (target < story.events.length) set({ t: story.events[target].t0, playing: false });
      history.push();
    },
    stepHours(n) {
      seek(store.getState().t + n * HOUR_MS);
    },
    goToEvent(id) {
      const e = story.events.find((x) => x.id === id);
      if (e) seek(e.t0, { history: 'push' });
    },
    togglePlay() {
      const playing = store.getState().playing;
      set({ playing: !playing });
      if (playing) history.push();
    },
    pause() {
      if (store.getState().playing) set({ playing: false });
    },
    selectPlace(id, { history: kind = 'push' } = {}) {
      set({ place: id });
      if (kind === 'push') history.push();
    },
    toggleLayer(id) {
      const layers = store.getState().layers;
      set({ layers: layers.includes(id) ? layers.filter((l) => l !== id) : [...layers, id] });
      history.push();
    },
    setFollow(on) {
      set({ follow: on });
      history.push();
    },
    setSpeed(speed) {
      set({ speed });
    },
    setLoop(loop) {
      set({ loop });
    },
    setView(view) {
      set({ view });
    },
    reset() {
      set({ ...defaults });
      history.push();
    },
    commit() {
      history.push();
    },
  };
}
