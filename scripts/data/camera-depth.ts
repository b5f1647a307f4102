import type { Position } from 'geojson';
import { prepareStory, type BuiltPlace } from '../../src/data/prepare.ts';
import type { BuiltStory, Theme } from '../../src/data/schema.ts';
import { eventFrame, type LonLatBox } from '../../src/map/event-camera.ts';
import type { BasemapConfig } from './basemap-config.ts';
import { toPixels } from './doubled-borders.ts';

/** The frames an event's camera is checked at (CSS px): the landscape and portrait export presets. */
export const CHECKED_FRAMES: [number, number][] = [
  [1200, 675],
  [1080, 1350],
];

const inBox = ([x, y]: Position, [w, s, e, n]: number[]) => x >= w && x <= e && y >= s && y <= n;

/** Returns the deepest zoom the basemap holds up at a lon/lat, and the data it draws there. */
export function depthAt(cfg: BasemapConfig, at: Position): { zoom: number; data: string } {
  const close = cfg.closeUps.filter((c) => inBox(at, c.bbox)).sort((a, b) => b.maxZoom - a.maxZoom)[0];
  if (close) return { zoom: close.maxZoom, data: `GSHHG full shoreline (${close.id})` };
  if (cfg.fine.boxes.some((b) => inBox(at, b.bbox))) return { zoom: cfg.fine.maxZoom, data: 'Natural Earth 1:10m' };
  return { zoom: cfg.coarseMaxZoom, data: 'Natural Earth 1:50m' };
}

/** Returns the zoom at which `fitBounds` would fit a box into a `w` × `h` frame with the event padding (as close as it could come). */
export function fitZoom(box: LonLatBox, [w, h]: [number, number]): number {
  const padX = 2 * Math.max(96, Math.round(w * 0.08));
  const padY = 2 * Math.max(56, Math.round(h * 0.06));
  const [x0, y1] = toPixels([box[0], box[1]], 0);
  const [x1, y0] = toPixels([box[2], box[3]], 0);
  const zx = x1 - x0 > 0 ? Math.log2((w - padX) / (x1 - x0)) : Infinity;
  const zy = y1 - y0 > 0 ? Math.log2((h - padY) / (y1 - y0)) : Infinity;
  return Math.min(zx, zy);
}

/**
 * Returns one line per camera stop that zooms deeper than the basemap's data holds up where it looks:
 * each event's data camera, and each event's computed frame at its closest (fitted in the checked
 * frames, capped by its max zoom), against `depthAt` its centre.
 */
export function cameraDepthProblems(story: BuiltStory, places: BuiltPlace[], theme: Theme, cfg: BasemapConfig, file: string): string[] {
  const prep = prepareStory(story, theme, places);
  const problems: string[] = [];
  const check = (what: string, centre: Position, zoom: number) => {
    const d = depthAt(cfg, centre);
    if (zoom > d.zoom + 1e-9)
      problems.push(`${file}: ${what} zooms to ${zoom.toFixed(2)} at ${centre.map((v) => v.toFixed(2)).join(', ')}, deeper than the basemap there (${d.data}, good to zoom ${d.zoom})`);
  };
  story.events.forEach((e, i) => {
    if (e.camera) check(`events[${i}] (${e.id}).camera`, e.camera.center, e.camera.zoom);
    const f = eventFrame(prep, i);
    if (!f) return;
    const centre: Position = [(f.box[0] + f.box[2]) / 2, (f.box[1] + f.box[3]) / 2];
    const zoom = Math.min(f.maxZoom, Math.max(...CHECKED_FRAMES.map((fr) => fitZoom(f.box, fr))));
    check(`events[${i}] (${e.id})'s frame`, centre, zoom);
  });
  return problems;
}
