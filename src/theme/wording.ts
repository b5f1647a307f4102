import type { Theme } from '../data/schema.ts';

/**
 * Returns a distance in the theme's wording (`layers.distances.text`, or `detail` for a place's
 * details) with `{km}` replaced by the kilometres written the British way, e.g. "1,760 km from the border".
 */
export function distanceWording(theme: Pick<Theme, 'layers'>, km: number, form: 'text' | 'detail' = 'text'): string {
  return theme.layers.distances[form].replace('{km}', km.toLocaleString('en-GB'));
}
