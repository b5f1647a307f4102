import { describe, expect, it } from 'vitest';
import { revealShift } from '../../src/app/reveal-place.ts';
import type { Box } from '../../src/map/label-layout.ts';

// a 900 × 580 map with a 360 px panel over its right side, as the explorer's at 1280 × 800
const SIZE: [number, number] = [900, 580];
const PANEL: Box = [522, 10, 888, 570];
const M = 64;

describe('revealShift', () => {
  it('leaves a place the panel does not cover where it is', () => {
    expect(revealShift([300, 300], SIZE, PANEL, [], M)).toEqual([0, 0]);
    // within the margin of the panel's edge is covered: its name would run under the panel
    expect(revealShift([480, 300], SIZE, PANEL, [], M)).toEqual([522 - M - 480, 0]);
  });

  it('moves a place under a side panel the least way out: beside it, at the same height', () => {
    expect(revealShift([640, 300], SIZE, PANEL, [], M)).toEqual([522 - M - 640, 0]);
  });

  it('moves a place under a sheet at the foot (a phone) up above it', () => {
    const sheet: Box = [0, 320, 390, 900];
    expect(revealShift([200, 400], [390, 430], sheet, [], M)).toEqual([0, 320 - M - 400]);
  });

  it('keeps the place off the other covers: above the open legend, not under it', () => {
    // a wider panel: the room left of it is all above the legend's height or beside it, under it
    const legend: Box = [13, 260, 338, 570];
    const panel: Box = [400, 10, 888, 570];
    expect(revealShift([600, 500], SIZE, panel, [legend], M)).toEqual([400 - M - 600, 260 - M - 500]);
    // with the legend closed, straight across
    expect(revealShift([600, 500], SIZE, panel, [], M)).toEqual([400 - M - 600, 0]);
  });

  it('gives up where the panel leaves no room (an embed)', () => {
    expect(revealShift([200, 200], [400, 300], [0, 0, 400, 300], [], M)).toBeNull();
  });

  it('leaves a place the reader has moved out of view', () => {
    expect(revealShift([1200, 300], SIZE, PANEL, [], M)).toEqual([0, 0]);
  });
});
