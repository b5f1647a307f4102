import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import type { View } from './view.ts';

export type { View } from './view.ts';

export interface AppState {
  /** Current moment, epoch ms UTC. */
  t: number;
  playing: boolean;
  /** Playback speed multiplier (1 = the default pace). */
  speed: number;
  loop: boolean;
  /** Move the camera to each event's camera stop. */
  follow: boolean;
  /** Selected place id (details panel), or null. */
  place: string | null;
  /** Camera, or null for the story's default view. */
  view: View | null;
  /** Ids of visible toggleable layers. */
  layers: string[];
}

export interface StoreSetters {
  /** Applies a patch as it is. The app's verbs (`actions.ts`) are the way to change state; `set` is their tool, the player's and the URL's. */
  set(patch: Partial<AppState>): void;
}

/** The one app store; `subscribe(selector, listener)` calls the listener only when the selected value changes. */
export type Store = Mutate<StoreApi<AppState & StoreSetters>, [['zustand/subscribeWithSelector', never]]>;

/** Returns the one app store, seeded with defaults and any state parsed from the URL. */
export function createAppStore(defaults: AppState, initial: Partial<AppState> = {}): Store {
  return createStore<AppState & StoreSetters>()(
    subscribeWithSelector((set) => ({
      ...defaults,
      ...initial,
      set: (patch) => set(patch),
    })),
  );
}
