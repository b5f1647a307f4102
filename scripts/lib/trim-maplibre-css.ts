// A PostCSS plugin for the app's build: drops from maplibre-gl.css the rules of the map controls the
// app never adds (zoom, compass, geolocate, fullscreen, terrain, globe, scale, logo; popups and
// markers), most of that file's bytes being their inline SVG icons. The attribution control, the
// canvas and the cooperative-gestures rules stay as they are.

/** Selectors of the parts of maplibre-gl.css the app does not use (see src/map/map-view.ts: only AttributionControl). */
export const UNUSED_MAPLIBRE_SELECTOR =
  /maplibregl-ctrl-(geolocate|fullscreen|shrink|terrain|globe|zoom-in|zoom-out|compass|scale|logo)|maplibregl-user-location|maplibregl-popup|maplibregl-marker/;

/** The few parts of a PostCSS node tree this plugin walks. */
interface CssNode {
  type: string;
  selectors?: string[];
  name?: string;
  params?: string;
  nodes?: CssNode[];
  source?: { input?: { file?: string } };
  remove(): void;
}

/** Removes, in `container`, the rules whose every selector is unused, keyframes only they use, and at-rules left empty. */
function trim(container: CssNode): void {
  for (const node of [...(container.nodes ?? [])]) {
    if (node.type === 'rule' && node.selectors?.every((s) => UNUSED_MAPLIBRE_SELECTOR.test(s))) node.remove();
    else if (node.type === 'atrule' && node.name === 'keyframes' && UNUSED_MAPLIBRE_SELECTOR.test(node.params ?? '')) node.remove();
    else if (node.type === 'atrule' && node.nodes) {
      trim(node);
      if (node.nodes.length === 0) node.remove();
    }
  }
}

/**
 * Returns the PostCSS plugin (for `css.postcss.plugins` in vite.config.ts) that trims maplibre-gl.css
 * as described above; other stylesheets pass through untouched.
 */
export function trimMaplibreCss(): { postcssPlugin: string; Once(root: CssNode): void } {
  return {
    postcssPlugin: 'trim-maplibre-css',
    Once(root) {
      if (root.source?.input?.file?.replaceAll('\\', '/').endsWith('maplibre-gl/dist/maplibre-gl.css')) trim(root);
    },
  };
}
