/** Map view as in maplibre's hash: zoom, latitude, longitude (degrees). */
export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

/** The map's zoom limits. 0, not 1, at the bottom: on a 360 px phone a story spanning a continent fits only below zoom 1. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 13;
