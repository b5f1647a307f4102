import { LngLat } from 'maplibre-gl';
import type { ExportFlag, ModeProfile } from '../contracts/app-context.ts';
import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import { scopeBox, type StoryScope } from '../map/bounds.ts';
import { clearPadding, eventFrame } from '../map/event-camera.ts';
import type { MapView } from '../map/map-view.ts';
import { apartZoom, keepMarksWhole, onMap, shownMarks, type FrameCamera } from '../map/marks.ts';
import type { AppActions } from '../state/actions.ts';
import type { MapCovers } from './map-covers.ts';
import type { Store } from '../state/store.ts';
import { FIT_NARROW_PX, LEGEND_BESIDE_STORY_PX } from '../theme/layout.ts';


/** What the camera needs of the legend: its box on screen (CSS px) and whether it is open. */
export interface LegendBox {
  box(): { rect: DOMRect; open: boolean };
  close(): void;
}

export interface CameraOptions {
  prep: PreparedStory;
  store: Store;
  actions: Pick<AppActions, 'setView'>;
  mapView: MapView;
  mapEl: HTMLElement;
  /** The stage around the map, whose `--attribution-h` places the legend above the attribution. */
  stage: HTMLElement;
  legend: LegendBox;
  /** maplibre's attribution over the map's foot (its corner control), if any: the legend sits above it. */
  attribution: HTMLElement | null;
  /** What lies over the map (the legend, the attribution): an event is framed clear of it. */
  covers: MapCovers;
  profile: ModeProfile;
  exporting: ExportFlag;
  /** A big kiosk screen's scale (1 elsewhere). */
  screenScale: number;
  reducedMotion: boolean;
}

/** The app's camera: frames the whole story or the current event, clear of the legend (an event also clear of the attribution), and frames again when the map changes size or a cover changes. */
export interface Camera {
  /** Frames the story (`storyBox` for the map's shape; with scope `every-place`, every place however far) and remembers that, and in which scope, the story is framed. */
  fitStory(instant?: boolean, scope?: StoryScope): void;
  /** Frames the current event (its places, subject box and data camera; `eventFrame`); the whole story before the first event. */
  frameEvent(instant?: boolean): void;
  /** Returns whether the frame that `frameEvent` (`what` 'event') or `fitStory` ('story') would move to now has [lon, lat] on the map (inside its box; under a cover or not). */
  frameShows(at: [number, number], what: 'event' | 'story'): boolean;
  /** Returns what the camera last framed by itself. */
  framed(): 'story' | 'event';
  /** Returns the index of the event the camera last framed (-1: none). */
  framedEvent(): number;
  /** Frames again what the camera framed (at once, or with a short move when `animate`), unless the reader has moved the map, an export has it or the mode frames it itself; while the map moves, when that move ends. */
  refit(animate?: boolean): void;
  /** Takes the map's type scale (`AppContext.setTypeScale`), which the marks are drawn at (an event's closest zoom keeps them apart: `apartZoom`), and frames a framed event again. */
  setTypeScale(k: number): void;
  destroy(): void;
}

/** Returns the app's camera on `mapView` (see `Camera`); it refits when the map changes size or a cover moves (the legend opened or closed, the attribution under it folded). */
export function createCamera(o: CameraOptions): Camera {
  const { prep, store, mapEl, legend, profile, attribution } = o;
  const { map } = o.mapView;
  let framed: 'story' | 'event' = 'story';
  let framedEvent = -1;
  /** The scope of the last story frame: a refit keeps it (the kiosk's attract frame stays every place). */
  let storyScope: StoryScope = 'story';
  /** The map's type scale (the kiosk's, for its viewing distance; 1 elsewhere): with the mode's mark scale, how much larger than the explorer's the marks are drawn. */
  let typeScale = 1;
  /** Returns the box that frames the story in `scope` and the padding it is fitted with. */
  const storyFit = (scope: StoryScope) => {
    const mapBox = mapEl.getBoundingClientRect();
    const narrow = mapEl.clientWidth <= FIT_NARROW_PX;
    const l = legend.box();
    // An open legend covers the map's left edge (its size follows the root font): keep the story and
    // the labels centred on its westernmost places (about 70 px each side) clear of it.
    const open = profile.fitsClearOfLegend && !narrow && l.open ? l.rect : undefined;
    // On a narrow map the labels of the westernmost and easternmost places (about 60 px each side of them) need the room.
    const left = open ? Math.max(40, open.right - mapBox.left + 70) : narrow ? 64 : 40;
    // A closed legend is a button at the bottom-left, where the story's south-west corner (a venue and
    // its 22 px ring) would otherwise land on a short or narrow map.
    const closed = profile.fitsClearOfLegendButton && !l.open ? l.rect : undefined;
    const box = scopeBox(prep, mapBox.width / Math.max(1, mapBox.height), scope);
    return { box, padding: clearPadding(mapBox, closed ? [closed] : [], { top: 40, bottom: 30, right: narrow ? 64 : 80, left }, 30, box) };
  };
  const fitStory = (instant = o.reducedMotion, scope: StoryScope = 'story') => {
    framed = 'story';
    storyScope = scope;
    o.actions.setView(null);
    const { box, padding } = storyFit(scope);
    map.fitBounds(box, { padding, animate: !instant, duration: instant ? 0 : 1200 });
  };
  /** Returns the camera that frames event `i` (`frameEvent`), 'story' where the story is framed instead (no event, or nothing to frame), null where the frame cannot be fitted. */
  const eventCamera = (i: number): (FrameCamera & { bearing: number }) | 'story' | null => {
    const f = eventFrame(prep, i);
    if (!f) return 'story';
    const m = 40 * o.screenScale;
    // Clear of the legend and of the attribution over the map's foot (two or three lines on a small map,
    // open until the reader first moves the map) by the whole margin, as of the map's own edges: a place
    // framed at the margin's line has its ring and its name beyond it, which either would hide.
    const padding = clearPadding(mapEl.getBoundingClientRect(), o.covers.rects(), { top: m, bottom: m, left: 1.6 * m, right: 1.6 * m }, m, f.box);
    const [w, s, e, n] = f.box;
    // The closest zoom shows a point with its region around it (closer on a big screen, whose marks and
    // names are larger), and closer still where the event's marks, at the mode's and the kiosk type's
    // scale, would touch another's (two venues a few km apart: one's star inside the other's ring).
    const { t, layers } = store.getState();
    const marks = shownMarks(prep, t, layers);
    const scale = o.screenScale * profile.markScale * typeScale;
    const maxZoom = apartZoom(f.maxZoom + Math.log2(o.screenScale), marks, scale);
    const fit = map.cameraForBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding, maxZoom },
    );
    if (!fit?.center || fit.zoom === undefined) return null;
    // A mark the frame's edge would cut (a city's dot half under the masthead, an air base's star at
    // the foot): the frame zooms out a little to show it whole, as a printed frame does. Measured in
    // the map's area about the centre the camera is drawn at (the map's own padding, the kiosk's room
    // each side and the credits strip over an upright screen's map, moves it).
    const c = LngLat.convert(fit.center);
    const { width, height } = drawnArea();
    return { ...keepMarksWhole({ center: [c.lng, c.lat], zoom: fit.zoom }, marks, width, height, scale), bearing: fit.bearing ?? 0 };
  };
  /** The map's area the camera's centre is drawn in the middle of (the container less the map's own padding's difference each way), CSS px. */
  const drawnArea = () => {
    const inset = map.getPadding();
    const box = map.getContainer();
    return { width: box.clientWidth - Math.abs((inset.left ?? 0) - (inset.right ?? 0)), height: box.clientHeight - Math.abs((inset.top ?? 0) - (inset.bottom ?? 0)) };
  };
  const frameEvent = (instant = o.reducedMotion) => {
    framedEvent = currentEventIndex(prep.events, store.getState().t);
    const cam = eventCamera(framedEvent);
    if (cam === 'story') return fitStory(instant);
    framed = 'event';
    if (cam) map.flyTo({ center: cam.center, zoom: cam.zoom, bearing: cam.bearing, animate: !instant, duration: instant ? 0 : 1400 });
  };
  /** Returns the camera a story frame (`storyFit`) is fitted to, null where it cannot be. */
  const storyCameraFor = ({ box, padding }: ReturnType<typeof storyFit>): FrameCamera | null => {
    const fit = map.cameraForBounds(box, { padding });
    if (!fit?.center || fit.zoom === undefined) return null;
    const c = LngLat.convert(fit.center);
    return { center: [c.lng, c.lat], zoom: fit.zoom };
  };
  const frameShows = (at: [number, number], what: 'event' | 'story') => {
    const cam = what === 'event' ? eventCamera(currentEventIndex(prep.events, store.getState().t)) : 'story';
    const fit = cam === 'story' ? storyCameraFor(storyFit('story')) : cam;
    if (!fit) return true;
    const { top = 0, bottom = 0, left = 0, right = 0 } = map.getPadding();
    const box = map.getContainer();
    return onMap(fit, box.clientWidth, box.clientHeight, { top, bottom, left, right }, at);
  };
  /** Whether the map changed size while it moved: the frame that move was heading for was fitted to the old size. */
  let refitAtMoveEnd = false;
  const refit = (animate = false) => {
    const s = store.getState();
    if (!profile.follows || s.view || o.exporting.active) return;
    if (map.isMoving()) {
      refitAtMoveEnd = true;
      return;
    }
    const instant = !animate || o.reducedMotion;
    if (framed === 'event' && s.follow) frameEvent(instant);
    else if (!s.follow || framed === 'story') fitStory(instant, storyScope);
  };
  // after the move, frame again for the size the map has now (a reader's own move has set a view by then, and keeps it)
  const onMoveEnd = () => {
    if (!refitAtMoveEnd) return;
    refitAtMoveEnd = false;
    refit();
  };
  map.on('moveend', onMoveEnd);
  const offs: (() => void)[] = [() => map.off('moveend', onMoveEnd)];
  // The legend sits above the attribution, which wraps to two or three lines on a narrow map.
  if (attribution) {
    let h = -1;
    const place = () => {
      if (attribution.offsetHeight === h) return;
      h = attribution.offsetHeight;
      o.stage.style.setProperty('--attribution-h', `${h}px`);
    };
    place(); // now, so that fitting the story measures the legend where it is
    // the attribution fills in when the style's sources load, and the legend above it moves (a cover's change, below)
    const ro = new ResizeObserver(place);
    ro.observe(attribution);
    offs.push(() => ro.disconnect());
  }
  // The legend starts open only where the story still fits beside it; on a narrower map (a 1024 px
  // laptop's is 644 px) it would cover the story's west. A click opens it.
  if (legend.box().open && mapEl.clientWidth < LEGEND_BESIDE_STORY_PX) legend.close();
  // A cover changed: a frame the camera made is made again clear of it. When the reader opened or
  // closed the legend, with a move they can follow; when the page did it (the attribution filling in as
  // the style's sources load, and the legend above it moving up), at once, as on a resize. Read after
  // the page's own close above, which is no reader's act.
  let legendOpen = legend.box().open;
  offs.push(
    o.covers.onChange(() => {
      const open = legend.box().open;
      refit(open !== legendOpen);
      legendOpen = open;
    }),
  );
  // A phone turned to landscape (or a resized window): a fitted story stays fitted.
  const onResize = () => refit();
  map.on('resize', onResize);
  offs.push(() => map.off('resize', onResize));
  const setTypeScale = (k: number) => {
    if (k === typeScale) return;
    typeScale = k;
    if (framed === 'event') refit();
  };
  return { fitStory, frameEvent, frameShows, framed: () => framed, framedEvent: () => framedEvent, refit, setTypeScale, destroy: () => offs.forEach((f) => f()) };
}
