import type { ExportFlag, ModeProfile } from '../contracts/app-context.ts';
import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { MapView } from '../map/map-view.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store, View } from '../state/store.ts';
import { roundView } from '../state/view.ts';
import { listen } from '../ui/dom.ts';
import type { Camera } from './camera.ts';

export interface FollowOptions {
  prep: PreparedStory;
  store: Store;
  actions: Pick<AppActions, 'setView' | 'selectPlace'>;
  mapView: MapView;
  camera: Camera;
  /** The timeline's track: while the reader scrubs it, the camera waits for the scrub to end. */
  track: HTMLElement;
  profile: ModeProfile;
  exporting: ExportFlag;
  reducedMotion: boolean;
}

/** The camera's side of the store: it follows the story's events and the view the store asks for. */
export interface Follow {
  /** Records a pan or zoom the reader made (the map's own move, not one to jump to). */
  userMoved(view: View): void;
  /** Frames the whole story at the reader's asking (Fit story), first closing an open place's panel that the story's frame leaves off the map, as a step does. */
  fitStory(): void;
  destroy(): void;
}

/**
 * Makes the camera follow the store. Following, a new event is framed and the reader's own pan or
 * zoom gives way to it; while the reader scrubs, once the scrub ends (a flight per event crossed
 * would chase the playhead); never while an export renders (it frames each moment itself). A view
 * set in the store (back/forward) is jumped to; clearing it unfollowed fits the story; turning
 * following on frames the current event.
 */
export function followStory(o: FollowOptions): Follow {
  const { prep, store, camera, profile } = o;
  const { map } = o.mapView;
  let lastUserView: View | null = null;
  let scrubbing = false;
  const follows = () => store.getState().follow && profile.follows;
  /**
   * Closes an open place's panel that the frame about to be made leaves off the map: a panel about a
   * place out of view would lie over the new frame's marks (a place the frame shows keeps its panel,
   * and is shown beside it: `revealPlace`). Called before the camera moves, so that the panel's giving
   * back of its frame does not cut the new one short; it joins the step's history entry.
   */
  const closeOffFrame = (what: 'event' | 'story') => {
    const id = store.getState().place;
    const place = id ? prep.placeById.get(id) : undefined;
    if (place && !camera.frameShows(place.props.anchor, what)) o.actions.selectPlace(null, { history: 'replace' });
  };
  /** Frames the current event, first closing a place's panel the frame leaves off the map. */
  const frameEvent = (instant?: boolean) => {
    closeOffFrame('event');
    camera.frameEvent(instant);
  };
  const scrubEnd = () => {
    if (!scrubbing) return;
    scrubbing = false;
    if (follows() && currentEventIndex(prep.events, store.getState().t) !== camera.framedEvent()) {
      if (store.getState().view) o.actions.setView(null);
      frameEvent();
    }
  };
  const offs = [
    listen(o.track, 'pointerdown', () => {
      scrubbing = true;
    }),
    listen(o.track, 'pointerup', scrubEnd),
    listen(o.track, 'pointercancel', scrubEnd),
    store.subscribe((s, p) => {
      if (s.t !== p.t) {
        const i = currentEventIndex(prep.events, s.t);
        const j = currentEventIndex(prep.events, p.t);
        if (i !== j && s.follow && profile.follows && !scrubbing && !o.exporting.active) {
          if (s.view) o.actions.setView(null);
          frameEvent(o.reducedMotion || (!s.playing && Math.abs(i - j) > 1));
        }
      }
      if (s.view !== p.view && s.view && s.view !== lastUserView) map.jumpTo({ center: [s.view.lon, s.view.lat], zoom: s.view.zoom });
      if (s.view !== p.view && !s.view && p.view && !s.follow) camera.fitStory();
      if (s.follow && !p.follow && !s.view) frameEvent();
    }),
  ];
  return {
    userMoved(moved) {
      // the map is set to the view its link writes (at most a few hundredths of a pixel's move, or 2 px
      // at the frame's edge for a zoom), so that the link opens the same frame, with the same names
      const view = roundView(moved);
      lastUserView = view;
      if (view.zoom !== moved.zoom || view.lat !== moved.lat || view.lon !== moved.lon) map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
      o.actions.setView(view);
    },
    fitStory() {
      closeOffFrame('story');
      camera.fitStory();
    },
    destroy: () => offs.forEach((f) => f()),
  };
}
