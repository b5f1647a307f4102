import { describe, expect, it } from 'vitest';
import { APART_MAX_IN, apartZoom, MARKS_APART_PX, onMap, type FramedMark } from '../../src/map/marks.ts';
import { mercatorX, mercatorY, TILE_PX } from '../../src/map/mercator.ts';

/** Returns the px between two [lon, lat] at zoom `z` (north up, no wrap). */
const px = (a: [number, number], b: [number, number], z: number) => Math.hypot(mercatorX(a[0]) - mercatorX(b[0]), mercatorY(a[1]) - mercatorY(b[1])) * TILE_PX * 2 ** z;

/** Two venues about 1.5 km apart (36 px at zoom 10.5), the first the current event's with a ring of reach 23.5, the other a plain star of reach 10. */
const RINGED: FramedMark = { at: [29.0169, 41.0437], reach: 23.5, current: true };
const STAR: FramedMark = { at: [29.0004, 41.0391], reach: 10 };

describe('apartZoom', () => {
  it('keeps the closest zoom where the marks are clear of each other at the scale they are drawn', () => {
    expect(px(RINGED.at, STAR.at, 10.5)).toBeGreaterThan(35);
    expect(px(RINGED.at, STAR.at, 11)).toBeGreaterThan(RINGED.reach + STAR.reach + MARKS_APART_PX);
    expect(apartZoom(11, [RINGED, STAR], 1)).toBe(11);
    const far: FramedMark = { at: [30.5, 50.45], reach: 10 };
    expect(apartZoom(10.5, [RINGED, far], 2.2)).toBe(10.5);
  });

  it('comes just close enough that a current mark drawn larger keeps the room from another mark', () => {
    for (const scale of [1, 1.5, 2.14]) {
      const z = apartZoom(10.5, [RINGED, STAR], scale);
      expect(z).toBeGreaterThanOrEqual(10.5);
      // at the zoom given, exactly the two reaches and the room apart (or more, at the data's zoom)
      expect(px(RINGED.at, STAR.at, z)).toBeGreaterThanOrEqual((RINGED.reach + STAR.reach + MARKS_APART_PX) * scale - 1e-6);
      if (z > 10.5) expect(px(RINGED.at, STAR.at, z)).toBeCloseTo((RINGED.reach + STAR.reach + MARKS_APART_PX) * scale, 6);
    }
    // the kiosk's marks (1.4 × its type scale): star and ring were 36 px apart, the ring alone reaching 50
    expect(apartZoom(10.5, [RINGED, STAR], 2.14)).toBeGreaterThan(11.5);
  });

  it('looks only at pairs with a current mark, whichever comes first in the list', () => {
    expect(apartZoom(10.5, [STAR, { ...RINGED, current: false }], 3)).toBe(10.5);
    expect(apartZoom(10.5, [STAR, RINGED], 3)).toBe(apartZoom(10.5, [RINGED, STAR], 3));
  });

  it('leaves marks on one spot, or ones that would need more than APART_MAX_IN levels, as they are', () => {
    expect(apartZoom(10.5, [RINGED, { ...STAR, at: RINGED.at }], 2)).toBe(10.5);
    // 40 m apart: 1 px at zoom 10.5, over five levels to part
    const near: FramedMark = { ...STAR, at: [RINGED.at[0] + 0.0005, RINGED.at[1]] };
    expect(px(RINGED.at, near.at, 10.5 + APART_MAX_IN)).toBeLessThan(RINGED.reach + STAR.reach);
    expect(apartZoom(10.5, [RINGED, near], 1)).toBe(10.5);
  });

  it('measures across the antimeridian to the nearer copy of the world', () => {
    // 0.02° of longitude: 29 px at zoom 10, short of the 44 they need
    const east: FramedMark = { at: [179.99, 60], reach: 20, current: true };
    const west: FramedMark = { at: [-179.99, 60], reach: 20 };
    const z = apartZoom(10, [east, west], 1);
    expect(z).toBeGreaterThan(10);
    expect(z).toBeLessThanOrEqual(10 + APART_MAX_IN);
  });
});

describe('onMap', () => {
  const none = { top: 0, bottom: 0, left: 0, right: 0 };
  // at zoom 5 the world is 16,384 px wide: 1° of longitude is 45.5 px
  const cam = { center: [30, 50] as [number, number], zoom: 5 };

  it('finds a point inside the map, on its edge, and outside it each way', () => {
    expect(onMap(cam, 1000, 600, none, [30, 50])).toBe(true);
    expect(onMap(cam, 1000, 600, none, [30 + 500 / (16384 / 360), 50])).toBe(true);
    expect(onMap(cam, 1000, 600, none, [30 + 501 / (16384 / 360), 50])).toBe(false);
    expect(onMap(cam, 1000, 600, none, [30 - 12, 50])).toBe(false);
    expect(onMap(cam, 1000, 600, none, [30, 60])).toBe(false);
    expect(onMap(cam, 1000, 600, none, [30, 40])).toBe(false);
  });

  it('draws the centre in the middle of the map less its padding', () => {
    // 400 px of padding at the left: the centre is drawn at x 700, and 300 px east of it is the edge
    const inset = { ...none, left: 400 };
    expect(onMap(cam, 1000, 600, inset, [30 + 299 / (16384 / 360), 50])).toBe(true);
    expect(onMap(cam, 1000, 600, inset, [30 + 301 / (16384 / 360), 50])).toBe(false);
    expect(onMap(cam, 1000, 600, inset, [30 - 699 / (16384 / 360), 50])).toBe(true);
    expect(onMap(cam, 1000, 600, inset, [30 - 701 / (16384 / 360), 50])).toBe(false);
  });

  it('takes the world copy nearest the centre (a place across the antimeridian)', () => {
    const east = { center: [175, 60] as [number, number], zoom: 4 };
    expect(onMap(east, 1000, 600, none, [-178, 60])).toBe(true);
  });
});
