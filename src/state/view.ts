/** Map view as in maplibre's hash: zoom, latitude, longitude (degrees). */
export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

/** The map's zoom limits. 0, not 1, at the bottom: on a 360 px phone a story spanning a continent fits only below zoom 1. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 13;

/**
 * Returns a view rounded as a link writes it (zoom to 2 decimals, degrees to 4, as maplibre's hash
 * does): a view the reader moves to is kept at this precision, so that the link to it opens the very
 * same view (the same frame, so the same names).
 */
export function roundView(v: View): View {
  // `|| 0`: no -0 (a view just south of the equator rounds to 0, as its link writes it)
  const r = (n: number, d: number) => Number(n.toFixed(d)) || 0;
  return { zoom: r(v.zoom, 2), lat: r(v.lat, 4), lon: r(v.lon, 4) };
}
