import type { LngLatBoundsLike } from 'maplibre-gl';
import type { PreparedStory } from '../data/prepare.ts';

/** Returns the box (lon/lat, with a 2° margin) that holds every place of the story, for fitBounds. */
export function storyBounds(prep: PreparedStory): LngLatBoundsLike {
  const xs = prep.places.map((p) => p.props.anchor[0]);
  const ys = prep.places.map((p) => p.props.anchor[1]);
  return [
    [Math.min(...xs) - 2, Math.min(...ys) - 2],
    [Math.max(...xs) + 2, Math.max(...ys) + 2],
  ];
}
