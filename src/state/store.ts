import { createStore, type StoreApi } from 'zustand/vanilla';

export type Mode = 'explore' | 'kiosk' | 'screenshot';
export const MODES: readonly Mode[] = ['explore', 'kiosk', 'screenshot'];

/** Map view as in maplibre's hash: zoom, latitude, longitude (degrees). */
export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

export interface AppState {
  mode: Mode;
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
  /** Embedded in an article iframe: compact layout. */
  embed: boolean;
  /** Kiosk idle timeout in seconds. */
  idle: number;
}

export interface Actions {
  set(patch: Partial<AppState>): void;
  toggleLayer(id: string): void;
}

export type Store = StoreApi<AppState & Actions>;

/** Returns the one app store, seeded with defaults and any state parsed from the URL. */
export function createAppStore(defaults: AppState, initial: Partial<AppState> = {}): Store {
  return createStore<AppState & Actions>()((set, get) => ({
    ...defaults,
    ...initial,
    set: (patch) => set(patch),
    toggleLayer: (id) => {
      const layers = get().layers;
      set({ layers: layers.includes(id) ? layers.filter((l) => l !== id) : [...layers, id] });
    },
  }));
}
