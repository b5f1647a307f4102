/**
 * Web Mercator as maplibre draws it, in world units: the world is 1 wide and 1 tall, x from 0 at 180° W
 * to 1 at 180° E, y from 0 at the north limit to 1 at the south (maplibre's `MercatorCoordinate`,
 * which tests/map/mercator.test.ts compares against). Plain functions of one number, for loops over
 * many points where an object per point would cost.
 */

/** maplibre's world width at zoom 0, px: at zoom z the world is TILE_PX × 2^z px wide. */
export const TILE_PX = 512;

/** Web Mercator's latitude limit (maplibre's), degrees. */
export const MAX_LAT = 85.051129;

/** Returns a longitude's x, world units. */
export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

/** Returns a latitude's y, world units, the latitude held within `MAX_LAT`. */
export function mercatorY(lat: number): number {
  const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + (phi * Math.PI) / 360)) / (2 * Math.PI);
}

/** Returns the longitude of an x, degrees. */
export function lonOf(x: number): number {
  return x * 360 - 180;
}

/** Returns the latitude of a y, degrees. */
export function latOf(y: number): number {
  return (360 / Math.PI) * Math.atan(Math.exp((1 - 2 * y) * Math.PI)) - 90;
}
