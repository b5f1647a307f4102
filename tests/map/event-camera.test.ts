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

  it('ignores overlays off the map and keeps 40 % of each side free', () => {
    expect(clearPadding(map, [rect(400, 0, 50, 50)], BASE)).toEqual(BASE);
    const pad = clearPadding(map, [rect(0, 113, 340, 300)], BASE);
    expect(pad.left + pad.right).toBeLessThanOrEqual(360 * 0.6 + 1e-9);
    expect(pad.top + pad.bottom).toBeLessThanOrEqual(340 * 0.6 + 1e-9);
  });
});
