import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

/** Id of the source and layer that keep the basemap's names off the edges of the map's frame. */
export const FRAME_EDGES = 'frame-edges';

/** Spacing (CSS px) of the invisible marks along each edge. */
const STEP_PX = 8;
/** Their size (px): wider than the spacing, so their boxes overlap and no name slips between two. */
const SIZE_PX = 12;

/**
 * The layer of invisible marks along the frame's edges. Like the story's label space, they are
 * placed always and take their room in maplibre's collision index, so a town, sea or country name
 * that would run off the edge (half a "Black Sea" under the caption, "Nizhny Nov" at the side) is
 * left out instead of cut: maplibre itself places a name that is partly outside the view.
 */
export function frameEdgeLayer(font: string): LayerSpecification {
  return {
    id: FRAME_EDGES,
    type: 'symbol',
    source: FRAME_EDGES,
    layout: {
      'text-field': 'M',
      'text-font': [font],
      'text-size': SIZE_PX,
      'text-allow-overlap': true,
      'text-ignore-placement': false,
      'text-padding': 0,
    },
    paint: { 'text-opacity': 0 },
  };
}

/** Returns the points (CSS px) the edge marks sit at around a `w` × `h` frame: every `step` px along each side, corners included once. */
export function edgePoints(w: number, h: number, step = STEP_PX): [number, number][] {
  const pts: [number, number][] = [];
  const along = (length: number) => {
    const n = Math.max(1, Math.ceil(length / step));
    return Array.from({ length: n + 1 }, (_, i) => (i * length) / n);
  };
  for (const x of along(w)) pts.push([x, 0], [x, h]);
  for (const y of along(h).slice(1, -1)) pts.push([0, y], [w, y]);
  return pts;
}

/** The bands (CSS px) a caption covers at the top and bottom of each map: its frame's edges lie inside them. */
const insetsOf = new WeakMap<MapLibreMap, { top: number; bottom: number }>();

/** Says how much of the map a caption covers at the top and bottom (a screenshot's or export's bands), and moves the edge marks there. */
export function setFrameInsets(map: MapLibreMap, bands: { top: number; bottom: number }): void {
  insetsOf.set(map, bands);
  showFrameEdges(map);
}

/** Boxes over each map (CSS px from its top-left corner: the legend, the credits) whose edges no basemap name may cross either. */
const coversOf = new WeakMap<MapLibreMap, readonly (readonly [number, number, number, number])[]>();

/**
 * Says which boxes cover the map (an open legend, the credits), and moves the edge marks there too: a
 * name across a cover's edge would show cut (at 1280 × 800 "CZECHIA" and "Belgrade" ran under the open
 * legend), one wholly under it is hidden. The same list again changes nothing.
 */
export function setFrameCovers(map: MapLibreMap, covers: readonly (readonly [number, number, number, number])[]): void {
  if (coversOf.get(map) === covers) return;
  coversOf.set(map, covers);
  showFrameEdges(map);
}

/** Puts the edge marks at the map's current frame, inside its caption bands, and round its covers (call after each move and resize). */
export function showFrameEdges(map: MapLibreMap): void {
  const source = map.getSource(FRAME_EDGES) as GeoJSONSource | undefined;
  if (!source) return;
  const c = map.getContainer();
  const { top, bottom } = insetsOf.get(map) ?? { top: 0, bottom: 0 };
  const points = edgePoints(c.clientWidth, Math.max(0, c.clientHeight - top - bottom)).map(([x, y]): [number, number] => [x, y + top]);
  for (const [l, t, r, b] of coversOf.get(map) ?? []) points.push(...edgePoints(r - l, b - t).map(([x, y]): [number, number] => [x + l, y + t]));
  source.setData({
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Point' as const, coordinates: map.unproject(p).toArray() },
    })),
  });
}
