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

/** The app's side of `data-ready`: a change marks the page not ready until deck.gl has drawn it and the map is idle. */
export interface Readiness {
  /** Marks a change as rendering: not ready until deck.gl draws again. */
  changed(): void;
  /** Notes that the layers have been handed to deck.gl (before that, a deck.gl frame proves nothing). */
  layersSet(): void;
  /** Notes that deck.gl has drawn a frame. */
  deckRendered(): void;
  /** Stops listening to the map. */
  destroy(): void;
}

/** Returns the page's readiness tracker for `map`: ready once deck.gl has drawn the layers and the map is loaded, still and has its tiles. */
export function createReadiness(map: ReadyMap): Readiness {
  let deckDrawn = false;
  let layersSet = false;
  const check = () => {
    if (deckDrawn && map.loaded() && !map.isMoving() && map.areTilesLoaded()) setReady(true);
  };
  const onMoveStart = () => setReady(false);
  map.on('idle', check);
  map.on('movestart', onMoveStart);
  return {
    changed() {
      setReady(false);
      deckDrawn = false;
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
      map.off('idle', check);
      map.off('movestart', onMoveStart);
    },
  };
}
