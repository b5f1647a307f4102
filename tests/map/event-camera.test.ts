import { describe, expect, it } from 'vitest';
import { clearPadding } from '../../src/map/event-camera.ts';

const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
const BASE = { top: 40, bottom: 30, left: 64, right: 64 };

describe('clearPadding', () => {
  // a 360 × 340 phone map with the closed legend button at its bottom-left
  const map = rect(0, 113, 360, 340);
  const button = rect(6, 353, 150, 36);

  it('without a box, pads the side that leaves the larger clear area', () => {
    expect(clearPadding(map, [button], BASE, 30).bottom).toBeCloseTo(453 - 353 + 30, 6);
  });

  it('with a tall box, gives up width rather than height, so the box is drawn larger', () => {
    const pad = clearPadding(map, [button], BASE, 30, [23, 39, 40, 70]);
    // past the button (the 40 % cap takes a little of the 30 px gap back)
    expect(pad.left).toBeGreaterThan(156);
    expect(pad.bottom).toBe(30);
  });

  it('with a wide box, gives up height', () => {
    const pad = clearPadding(map, [button], BASE, 30, [0, 40, 60, 45]);
    expect(pad.bottom).toBeCloseTo(130, 6);
    expect(pad.left).toBe(64);
  });

  it('prefers a side that clears the overlay after the 40 % cap to one the cap leaves under it', () => {
    // a 900 × 619 desktop map with the open legend (326 × 315) at its bottom-left, and the wide frame of five air bases:
    // padding the foot by 400 px would draw the box largest, but the cap (60 % of the height for top and bottom) cuts
    // that to 337, and the frame's foot (the start of the distance lines) was under the legend
    const desk = rect(0, 78, 900, 619);
    const legend = rect(13, 337, 326, 315);
    const pad = clearPadding(desk, [legend], { top: 40, bottom: 40, left: 64, right: 64 }, 40, [33.2, 49.6, 128.4, 68.2]);
    expect(pad.left).toBeCloseTo(339 + 40, 6);
    expect(pad.bottom).toBe(40);
  });

  it('ignores overlays off the map and keeps 40 % of each side free', () => {
    expect(clearPadding(map, [rect(400, 0, 50, 50)], BASE)).toEqual(BASE);
    const pad = clearPadding(map, [rect(0, 113, 340, 300)], BASE);
    expect(pad.left + pad.right).toBeLessThanOrEqual(360 * 0.6 + 1e-9);
    expect(pad.top + pad.bottom).toBeLessThanOrEqual(340 * 0.6 + 1e-9);
  });
});
