/**
 * Sets `<html data-ready>`: "true" once fonts are loaded and the map and every layer have drawn a
 * complete frame, "false" while a change is rendering. `reason` is kept in `data-ready-reason` for tools.
 */
export function setReady(ready: boolean, reason = ''): void {
  const root = document.documentElement;
  const value = ready ? 'true' : 'false';
  if (root.dataset.ready !== value) root.dataset.ready = value;
  if (reason) root.dataset.readyReason = reason;
  else delete root.dataset.readyReason;
}

/** Resolves once `<html data-ready>` is "true" (after the next frame, so a pending change can first set it to "false"). */
export function whenReady(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const root = document.documentElement;
      if (root.dataset.ready === 'true') return resolve();
      const obs = new MutationObserver(() => {
        if (root.dataset.ready === 'true') {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(root, { attributes: true, attributeFilter: ['data-ready'] });
    });
  });
}

/** What readiness watches of the map: maplibre's own loaded, moving and tiles state, and its idle and movestart events. */
type ReadyMap = Pick<import('maplibre-gl').Map, 'loaded' | 'isMoving' | 'areTilesLoaded' | 'on' | 'off'>;

/** The app's side of `data-ready`: a change marks the page not ready until deck.gl has drawn it, the map is idle and that frame is on screen. */
export interface Readiness {
  /** Marks a change as rendering: not ready until deck.gl draws again. */
  changed(): void;
  /** Notes that the layers have been handed to deck.gl (before that, a deck.gl frame proves nothing). */
  layersSet(): void;
  /** Notes that deck.gl has drawn a frame. */
  deckRendered(): void;
  /** Stops listening to the map and drops a pending frame. */
  destroy(): void;
}

/** What `createReadiness` writes to and waits on; the page's own by default (tests pass fakes). */
export interface ReadinessHooks {
  setReady(ready: boolean): void;
  requestFrame(f: () => void): number;
  cancelFrame(id: number): void;
}

const pageHooks: ReadinessHooks = {
  setReady: (ready) => setReady(ready),
  requestFrame: (f) => requestAnimationFrame(f),
  cancelFrame: (id) => cancelAnimationFrame(id),
};

/**
 * Returns the page's readiness tracker for `map`: ready once deck.gl has drawn the layers and the map is
 * loaded, still and has its tiles; the page's first ready also waits until that frame is on screen.
 * deck.gl's draw calls return before the GPU process has built their programs (about half a second each
 * under software WebGL, and the first frame builds them all), so the first frame's "drawn" is proven by
 * the next animation frame, which Chromium holds back until the frame before it is presented; the
 * conditions are checked again then, so a change in between wins. A change asks for that frame at once,
 * so its check runs ahead of a playing page's next time step (a kiosk tours from its first frame). Once
 * a frame has been on screen, ready is set when a frame is drawn, as the page stays ready until the next
 * change: a playing page (a kiosk's tour held at a crawl by its tools and tests) is ready between steps.
 */
export function createReadiness(map: ReadyMap, hooks: ReadinessHooks = pageHooks): Readiness {
  let deckDrawn = false;
  let layersSet = false;
  let frame = 0;
  const holds = () => deckDrawn && map.loaded() && !map.isMoving() && map.areTilesLoaded();
  const drop = () => {
    if (frame) hooks.cancelFrame(frame);
    frame = 0;
  };
  /** Whether a complete frame has been on screen since the page loaded. */
  let shown = false;
  const onFrame = () => {
    frame = 0;
    if (!holds()) return;
    shown = true;
    hooks.setReady(true);
  };
  const check = () => {
    if (!holds()) return;
    if (shown) hooks.setReady(true);
    else if (!frame) frame = hooks.requestFrame(onFrame);
  };
  const onMoveStart = () => {
    drop();
    hooks.setReady(false);
  };
  map.on('idle', check);
  map.on('movestart', onMoveStart);
  return {
    changed() {
      drop();
      hooks.setReady(false);
      deckDrawn = false;
      if (!shown) frame = hooks.requestFrame(onFrame);
    },
    layersSet() {
      layersSet = true;
    },
    deckRendered() {
      if (!layersSet) return;
      deckDrawn = true;
      check();
    },
    destroy() {
      drop();
      map.off('idle', check);
      map.off('movestart', onMoveStart);
    },
  };
}
