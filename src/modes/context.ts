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
  /** Frames the current event (its places or subject, clear of overlays); the story before the first event. */
  frameEvent(instant: boolean): void;
  /** Returns what the camera last framed by itself: the whole story or the current event. */
  framed(): 'story' | 'event';
  /**
   * Sets the map's type scale (1 on screen; an export's or a screenshot frame's `mapTypeScale`):
   * labels, marks, lines and the basemap's names grow by it; labels keep clear of the caption's
   * `bands` (CSS px). Takes effect on the next redraw.
   */
  setTypeScale(k: number, bands?: { top: number; bottom: number }): void;
  /** Resolves once fonts are loaded, the map is idle and every layer has drawn (data-ready). */
  whenReady(): Promise<void>;
  /** Forces the layers to be rebuilt and the map repainted. */
  redraw(): void;
}

/** A mode's handle: everything it added is removed by destroy(). */
export interface ModeHandle {
  destroy(): void;
}

/** Starts a mode (kiosk, screenshot) on the app; loaded with its module before the app is made (`main.ts`). */
export type ModeStart = (ctx: ModeContext) => ModeHandle;
