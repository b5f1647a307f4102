import { describe, expect, it } from 'vitest';
import type { PreparedStory } from '../../src/data/prepare.ts';
import { boxAspect, everyPlaceBox, scopeBox, storyBox } from '../../src/map/bounds.ts';

/** Returns a story whose places sit at these anchors (all storyBox reads). */
function createStory(anchors: [number, number][]): PreparedStory {
  return { places: anchors.map((anchor) => ({ props: { anchor } })) } as unknown as PreparedStory;
}

/** Istanbul, Kyiv, Moscow, Vilnius, Olenya, and two bases far to the east. */
const STORY = createStory([
  [29, 41],
  [30.5, 50.4],
  [37.6, 55.8],
  [25.3, 54.7],
  [33.4, 68.1],
  [103.6, 52.9],
  [128.4, 51.2],
]);

describe('storyBox', () => {
  it('holds every place, 2° out, on a wide map', () => {
    expect(storyBox(STORY)).toEqual([23.3, 39, 130.4, 70.1]);
    expect(storyBox(STORY, 1.6)).toEqual([23.3, 39, 130.4, 70.1]);
  });

  it('on a map much narrower than the story leaves out a far group of places, keeping the largest', () => {
    const [w, s, e, n] = storyBox(STORY, 1);
    expect([w, s, n]).toEqual([23.3, 39, 70.1]);
    expect(e).toBeCloseTo(39.6, 6);
  });

  it('keeps everything when no group stands apart', () => {
    const near = createStory([
      [29, 41],
      [37.6, 55.8],
      [50, 50],
    ]);
    expect(storyBox(near, 0.5)).toEqual([27, 39, 52, 57.8]);
  });
});

describe('everyPlaceBox and scopeBox', () => {
  it("hold every place, 2° out, however narrow the map (the kiosk's attract frame on an upright screen)", () => {
    expect(everyPlaceBox(STORY)).toEqual([23.3, 39, 130.4, 70.1]);
    expect(scopeBox(STORY, 0.5, 'every-place')).toEqual([23.3, 39, 130.4, 70.1]);
  });

  it("scope 'story' is the story view for the map's shape", () => {
    expect(scopeBox(STORY, 1, 'story')).toEqual(storyBox(STORY, 1));
    expect(scopeBox(STORY, 1, 'story')[2]).toBeLessThan(40);
  });
});

describe('boxAspect', () => {
  it('measures a box as Web Mercator draws it: a degree of latitude is taller in the north', () => {
    expect(boxAspect([0, -1, 2, 1])).toBeCloseTo(1, 3);
    expect(boxAspect([0, 59, 2, 61])).toBeCloseTo(0.5, 2);
    expect(boxAspect([10, 50, 10, 50])).toBe(Infinity);
  });
});
