import type { PreparedStory } from '../data/prepare.ts';
import type { MapView } from '../map/map-view.ts';
import type { Store } from '../state/store.ts';
import type { TimeScale } from '../time/time-scale.ts';

/** What a mode or tool gets from the app: the data, the one store, the map, and helpers. */
export interface ModeContext {
  /** The app's root element (#app). */
  root: HTMLElement;
  prep: PreparedStory;
  store: Store;
  mapView: MapView;
  scale: TimeScale;
  /** Adds a history entry for the current state. */
  commit(): void;
  /** Whether the reader asked for reduced motion. */
  reducedMotion: boolean;
  /** Frames every place of the story. */
  fitStory(instant: boolean): void;
  /** Resolves once fonts are loaded, the map is idle and every layer has drawn (data-ready). */
  whenReady(): Promise<void>;
  /** Forces the layers to be rebuilt and the map repainted. */
  redraw(): void;
}

/** A mode's handle: everything it added is removed by destroy(). */
export interface ModeHandle {
  destroy(): void;
}
