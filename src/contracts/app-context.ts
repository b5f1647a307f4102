import type { PreparedStory } from '../data/prepare.ts';
import type { StoryScope } from '../map/bounds.ts';
import type { MapView } from '../map/map-view.ts';
import type { AppActions } from '../state/actions.ts';
import type { AppConfig } from '../state/config.ts';
import type { Store } from '../state/store.ts';
import type { TimeScale } from '../time/time-scale.ts';

/**
 * What a mode changes in the one app (`src/modes/profiles.ts` holds one per mode): the app's code
 * reads these flags and never asks which mode it is in.
 */
export interface ModeProfile {
  /** The map takes the reader's pan, zoom, hover and click. */
  interactive: boolean;
  /** The app's camera fits the story, follows the events and refits on resize; false where the mode frames the map itself (screenshot). */
  follows: boolean;
  /** Places fade in and out as time moves (never under reduced motion or while exporting). */
  fade: boolean;
  /** Size factor of the map's marks, labels and lines (before a big screen's scale). */
  markScale: number;
  /** Share of an event's dwell the player holds on it. */
  dwellFactor: number;
  /** Holds each event at least as long as its card takes to read at this pace (words a minute), or null: the authored dwell alone. */
  readingWordsPerMinute: number | null;
  /** The map's type and camera stops grow with a screen bigger than the one the mode was designed at. */
  scalesWithScreen: boolean;
  /** A narrow map shows fewer labels when zoomed out. */
  narrowLabels: boolean;
  /** Fitting the story keeps clear of the open legend. */
  fitsClearOfLegend: boolean;
  /** Fitting the story keeps clear of the closed legend's button at the bottom-left. */
  fitsClearOfLegendButton: boolean;
  /** The mode shows its own key (the kiosk's legend of what is in frame): the explorer's legend starts closed. */
  ownLegend: boolean;
  /** The masthead offers Export PNG and Export video. */
  exportControls: boolean;
  /** Opening a place's details moves the focus to them. */
  focusesPanel: boolean;
  /** A place's panel opened over the place it is about moves the map to show the place beside it, and back when it closes. */
  revealsPlace: boolean;
  /** The event list scrolls its current event into view. */
  scrollsList: boolean;
  /** The screen is a captioned frame (the screenshot's): an export frames as it does and keeps its type scale. */
  captioned: boolean;
  /** The mode's own code (loaded on demand) starts on the app. */
  hasModeCode: boolean;
  /** A page that cannot load tries again by itself, then reloads (an unattended screen). */
  retriesLoad: boolean;
  /**
   * On a short screen (a phone on its side) the page scrolls, the map fills what the masthead and the
   * timeline leave (`--chrome-h`) and its credits fold behind maplibre's ⓘ; a screen turned or resized
   * across the threshold changes with it. False where the page is one fixed frame (kiosk, screenshot).
   */
  fitsShortScreens: boolean;
}

/** Whether an export (PNG or video) has the map: it sets the time, the size and the camera itself meanwhile. */
export interface ExportFlag {
  readonly active: boolean;
  /** Whether the export's camera moves between its frames (a video), rather than holding one frame (a PNG). */
  readonly moving: boolean;
  set(active: boolean, moving?: boolean): void;
}

/** What a mode or tool gets from the app: the data, the one store and its verbs, the map, and helpers. */
export interface AppContext {
  /** The app's root element (#app). */
  root: HTMLElement;
  prep: PreparedStory;
  store: Store;
  actions: AppActions;
  /** The page's mode, embed flag and idle time, fixed by its URL. */
  config: AppConfig;
  /** What the page's mode changes. */
  profile: ModeProfile;
  mapView: MapView;
  scale: TimeScale;
  /** Whether the reader asked for reduced motion. */
  reducedMotion: boolean;
  exporting: ExportFlag;
  /** Each event's hold (s at 1×, by event index), as the player holds it (`eventHolds`). */
  holds: readonly number[];
  /** Frames the story (`storyBox` for the map's shape), or with scope `every-place` every place of it, however far (`everyPlaceBox`: the kiosk's attract frame). */
  fitStory(instant: boolean, scope?: StoryScope): void;
  /** Frames the current event (its places or subject, clear of overlays); the story before the first event. */
  frameEvent(instant: boolean): void;
  /** Returns what the camera last framed by itself: the whole story or the current event. */
  framed(): 'story' | 'event';
  /**
   * Sets the map's type scale (1 on screen; an export's or a screenshot frame's `mapTypeScale`):
   * labels, marks, lines and the basemap's names grow by it. `bands` (CSS px) are the strips at the
   * map's top and foot that something covers (an export's caption, an upright kiosk's credits): no
   * label is placed across them, and the frame's edge marks lie at their edges. Takes effect on the
   * next redraw.
   */
  setTypeScale(k: number, bands?: { top: number; bottom: number }): void;
  /** Draws the map as an overview of the whole story (the kiosk's attract frame: no event ringed or named first), or as usual. */
  setOverview(on: boolean): void;
  /**
   * Lays `el` over the map as a quiet cover: names keep clear of it, and a frame made while it shows,
   * but its coming and going does not move the map (a kiosk visitor's touch controls). Returns the removal.
   */
  addQuietCover(el: HTMLElement): () => void;
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
export type ModeStart = (ctx: AppContext) => ModeHandle;
