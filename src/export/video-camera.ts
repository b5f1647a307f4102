import { latOf, lonOf, mercatorX, mercatorY, TILE_PX } from '../map/mercator.ts';

/** A map camera: centre [lon, lat] in degrees and zoom. */
export interface CameraView {
  center: [number, number];
  zoom: number;
}

/** maplibre's default flight curve (ρ in van Wijk and Nuij's "optimal" zoom-and-pan path). */
const RHO = 1.42;

/** Returns cubic ease-in-out of k (0–1). */
export function easeInOut(k: number): number {
  const x = Math.min(1, Math.max(0, k));
  return x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2;
}


/**
 * Returns the camera at eased progress k (0–1) of a flight from `a` to `b`, on the zoom-out-and-in
 * path maplibre's flyTo takes (van Wijk and Nuij, ρ = 1.42), for a map area of `width` × `height`
 * CSS px; the short way round in longitude. Pure and deterministic: the same k gives the same camera.
 */
export function flyCamera(a: CameraView, b: CameraView, k: number, width: number, height: number): CameraView {
  const e = easeInOut(k);
  if (e <= 0) return a;
  if (e >= 1) return b;
  let lonB = b.center[0];
  while (lonB - a.center[0] > 180) lonB -= 360;
  while (lonB - a.center[0] < -180) lonB += 360;
  const world = TILE_PX * 2 ** a.zoom;
  const p0 = [mercatorX(a.center[0]) * world, mercatorY(a.center[1]) * world];
  const p1 = [mercatorX(lonB) * world, mercatorY(b.center[1]) * world];
  const w0 = Math.max(width, height);
  const w1 = w0 / 2 ** (b.zoom - a.zoom);
  const u1 = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
  const rho2 = RHO * RHO;
  const r = (i: 0 | 1) => {
    const bb = (w1 * w1 - w0 * w0 + (i ? -1 : 1) * rho2 * rho2 * u1 * u1) / (2 * (i ? w1 : w0) * rho2 * u1);
    return Math.log(Math.sqrt(bb * bb + 1) - bb);
  };
  let scaleAt: (s: number) => number;
  let along: (s: number) => number;
  let total: number;
  const r0 = u1 > 1e-6 ? r(0) : 0;
  if (u1 > 1e-6 && Number.isFinite(r(1) - r0)) {
    total = (r(1) - r0) / RHO;
    scaleAt = (s) => Math.cosh(r0) / Math.cosh(r0 + RHO * s);
    along = (s) => (w0 * ((Math.cosh(r0) * Math.tanh(r0 + RHO * s) - Math.sinh(r0)) / rho2)) / u1;
  } else {
    const dir = w1 < w0 ? -1 : 1;
    total = Math.abs(Math.log(w1 / w0)) / RHO;
    scaleAt = (s) => Math.exp(dir * RHO * s);
    along = () => e;
  }
  const s = e * total;
  const zoom = a.zoom - Math.log2(scaleAt(s));
  const u = Math.min(1, Math.max(0, along(s)));
  const x = (p0[0] + (p1[0] - p0[0]) * u) / world;
  const y = (p0[1] + (p1[1] - p0[1]) * u) / world;
  let lon = lonOf(x);
  if (lon > 180) lon -= 360;
  if (lon < -180) lon += 360;
  return { center: [lon, latOf(y)], zoom };
}
