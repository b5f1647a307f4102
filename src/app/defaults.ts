import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import { layerIds } from '../map/layers.ts';
import { kioskSettings } from '../state/kiosk-settings.ts';
import type { AppState } from '../state/store.ts';
import type { SerializeContext } from '../state/url-state.ts';

/** Returns the state a bare link opens on (and Reset returns to): the story's start, paused, following, every layer shown. */
export function defaultState(prep: PreparedStory): AppState {
  return { t: prep.start, playing: false, speed: 1, loop: false, follow: true, place: null, view: null, layers: layerIds(prep.theme) };
}

/** Returns what the URL module validates against and writes with: the story's span, events, place and layer ids, and the defaults a link leaves out. */
export function urlContext(prep: PreparedStory, defaults: AppState): SerializeContext & { defaults: AppState & { idle: number } } {
  const storyKiosk = kioskSettings('', prep.story.kiosk);
  return {
    start: prep.start,
    end: prep.end,
    events: prep.events,
    placeIds: prep.places.map((p) => p.id),
    layerIds: defaults.layers,
    eventAt: (t) => {
      const i = currentEventIndex(prep.events, t);
      return i >= 0 ? prep.events[i].id : null;
    },
    // a link leaves out what a link without parameters gets: the story's kiosk block over the defaults
    defaults: { ...defaults, idle: storyKiosk.idleSeconds, kiosk: storyKiosk },
  };
}
