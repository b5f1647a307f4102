import { describe, expect, it } from 'vitest';
import { boxDistance, boxesIntersect, CLEAR_RATIO, coveredArea, layoutLabels, leaderSpan, lineBoxes, outsideArea, ownLineCost, type Box, type LabelRequest } from '../../src/map/label-layout.ts';

const req = (id: string, at: [number, number], extra: Partial<LabelRequest> = {}): LabelRequest => ({ id, at, w: 80, h: 14, sides: ['above', 'below', 'right', 'left'], gap: 10, ...extra });

describe('layoutLabels', () => {
  it('places labels in priority order on the first side that is free, and none overlap', () => {
    // b's label fits above it (below a's); c's collides with a's above and fits below
    const out = layoutLabels([req('a', [0, 0]), req('b', [0, 20]), req('c', [10, 5])]);
    expect(out.map((p) => [p.id, p.side])).toEqual([
      ['a', 'above'],
      ['b', 'above'],
      ['c', 'below'],
    ]);
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(boxesIntersect(out[i].box, out[j].box)).toBe(false);
  });

  it('leaves out a forced label that every side leaves cut at a cover\'s edge, and keeps one that only meets the room kept off it', () => {
    // a cover over the right of the frame, its edge 20 px right of the anchor: every side of an 80 px
    // label but the left runs under it, and the left is off the frame's edge
    const bounds: Box = [-60, -100, 300, 100];
    const cover: Box = [20, -100, 300, 100];
    const forced = req('a', [0, 0], { forced: true });
    expect(layoutLabels([forced], [], bounds, [cover])).toEqual([]);
    // with the frame's edge further off, the left side is clear: taken
    expect(layoutLabels([forced], [], [-200, -100, 300, 100], [cover]).map((p) => p.side)).toEqual(['left']);
    // a side 2 px into a cover as the plan hands it over (3 px wider than the cover, the room kept off
    // it) is drawn whole; with no room kept, the same 2 px are under the cover, and it is left out
    // (the frame's edge 2 px beyond its other end: no slide clears it)
    const one = () => [req('a', [0, 0], { forced: true, sides: ['above'] })];
    const [tight, widened]: [Box, Box] = [[-42, -100, 300, 100], [38, -100, 300, 100]];
    expect(layoutLabels(one(), [], tight, [widened], undefined, 3).map((p) => [p.side, p.dx])).toEqual([['above', 0]]);
    expect(layoutLabels(one(), [], tight, [widened])).toEqual([]);
  });

  it('makes a line\'s boxes only within a clip box, the same boxes there as unclipped, for a line millions of px long', () => {
    const line: [number, number][] = [
      [-3e6, -1e6],
      [20, 10],
      [3e6, 2e6],
    ];
    const clip: Box = [-200, -150, 250, 180];
    const inClip = (b: Box) => boxesIntersect(b, clip);
    const all = lineBoxes(line);
    const clipped = lineBoxes(line, clip);
    expect(all.length).toBeGreaterThan(1e6);
    expect(clipped.length).toBeLessThan(300);
    expect(clipped.filter(inClip)).toEqual(all.filter(inClip));
    expect(clipped.filter(inClip).length).toBeGreaterThan(50);
    // a segment wholly outside gives none
    expect(lineBoxes([[1000, 1000], [2000, 1000]], clip)).toEqual([]);
  });

  it('keeps a label that asks off the lines drawn, at either zoom, asking for them only then', () => {
    // a line straight across, 10 px above the anchor: where the label's first side, above, would be
    const line = lineBoxes([[-200, -10], [200, -10]]);
    let asked = 0;
    const lines = () => {
      asked++;
      return { at: line, now: line };
    };
    const named = (offLines: boolean) => layoutLabels([req('a', [0, 0], { sides: ['above', 'below'], offLines })], [], undefined, [], lines)[0];
    expect(named(false).side).toBe('above');
    expect(asked).toBe(0);
    const off = named(true);
    expect(off.side).toBe('below');
    expect(line.some((b) => boxesIntersect(b, off.box))).toBe(false);
    // a line only at the zoom shown now counts too
    const onlyNow = layoutLabels([req('a', [0, 0], { sides: ['above', 'below'], offLines: true })], [], undefined, [], () => ({ at: [], now: line }))[0];
    expect(onlyNow.side).toBe('below');
  });

  it('leaves out a label that fits nowhere, unless forced, which moves further out', () => {
    const crowd = [req('a', [0, 0], { sides: ['center'] }), req('b', [0, 0], { sides: ['center'] })];
    expect(layoutLabels(crowd).map((p) => p.id)).toEqual(['a']);
    const forced = layoutLabels([req('a', [0, 0], { sides: ['center'], forced: true }), req('b', [0, 0], { sides: ['center', 'above'], forced: true })]);
    expect(forced.map((p) => p.id)).toEqual(['a', 'b']);
    expect(boxesIntersect(forced[0].box, forced[1].box)).toBe(false);
  });

  it('moves an opaque panel off a mark it would hide, where a name may still cover part of one', () => {
    // the only side in the frame is below, where a mark's top edge lies: a name takes it, a panel goes further out
    const mark: Box = [-14, 40, 14, 68];
    const bounds: Box = [-300, -5, 300, 300];
    const panel = req('a', [0, 0], { w: 200, h: 40, sides: ['below', 'above'], forced: true });
    const [name] = layoutLabels([panel], [mark], bounds);
    expect(name.side).toBe('below');
    expect(boxesIntersect(name.box, mark)).toBe(true);
    const [opaque] = layoutLabels([{ ...panel, opaque: true }], [mark], bounds);
    expect(opaque.side).toBe('below');
    expect(boxesIntersect(opaque.box, mark)).toBe(false);
    expect(opaque.box[3]).toBeLessThanOrEqual(bounds[3]);
  });

  it('keeps a panel that belongs to no place away from every mark, not against one, where another side is clear', () => {
    const bounds: Box = [-400, -400, 400, 400];
    // a dot 12 px right of where the panel's first side (below, 30 px out) puts its right edge: not under it
    const dot: Box = [115, 55, 125, 65];
    const panel = req('figure', [0, 0], { w: 200, h: 40, sides: ['below', 'above', 'right', 'left'], gap: 30, forced: true, opaque: true });
    const [against] = layoutLabels([panel], [dot], bounds);
    expect(against.side).toBe('below');
    expect(boxesIntersect(against.box, dot)).toBe(false);
    const [apart] = layoutLabels([{ ...panel, apartFromMarks: 40 }], [dot], bounds);
    expect(apart.side).toBe('above');
    // where every side is near a mark, it still takes one (never off the frame or over a label for it)
    const ring: Box[] = [dot, [115, -65, 125, -55], [225, -5, 235, 5], [-235, -5, -225, 5]];
    const [anyway] = layoutLabels([{ ...panel, apartFromMarks: 40 }], ring, bounds);
    expect(anyway.box[0]).toBeGreaterThanOrEqual(bounds[0]);
    expect(anyway.box[3]).toBeLessThanOrEqual(bounds[3]);
  });

  it('takes a push rather than let an opaque panel hide most of a small area, and crosses a corner of a large one rather than take a push', () => {
    const bounds: Box = [-400, -400, 400, 400];
    const ring = (l: number, t: number, r: number, b: number): [number, number][] => [[l, t], [r, t], [r, b], [l, b], [l, t]];
    const area = (l: number, t: number, r: number, b: number) => {
      const outline = lineBoxes(ring(l, t, r, b));
      return { box: [l, t, r, b] as Box, outline: () => outline };
    };
    // a mark in the middle of the panel's place above and below (30 px out): those sides would hide it
    const marks: Box[] = [
      [-14, 56, 14, 84],
      [-14, -84, 14, -56],
    ];
    const panel = req('panel', [0, 0], { w: 200, h: 40, sides: ['center', 'below', 'above'], gap: 30, forced: true, opaque: true });
    expect(layoutLabels([panel], marks, bounds)[0].side).toBe('center');
    // a small area (80 × 40) just right of the anchor, wholly under the centred panel: pushed a line out instead
    const small = area(20, -20, 100, 20);
    const [moved] = layoutLabels([{ ...panel, hides: [small] }], marks, bounds);
    expect(moved.side).not.toBe('center');
    expect(boxesIntersect(moved.box, small.box)).toBe(false);
    // a large area (700 × 700) whose corner the centred panel crosses (2 % of its outline): kept there
    const large = area(60, 0, 760, 700);
    expect(layoutLabels([{ ...panel, hides: [large] }], marks, bounds)[0].side).toBe('center');
  });

  it('takes a forced name a line further out rather than across the middle of a mark, though it may cover a mark’s edge', () => {
    // the only sides in the frame are below and above, each with a mark: below, a mark's top edge (none of its middle); above, a whole mark
    const bounds: Box = [-300, -60, 300, 300];
    const edge: Box = [-14, 46, 14, 74];
    const across: Box = [-14, -44, 14, -16];
    const name = req('a', [0, 0], { w: 200, h: 40, sides: ['above', 'below'], forced: true });
    const [beside] = layoutLabels([name], [edge, across], bounds);
    expect([beside.side, boxesIntersect(beside.box, edge)]).toEqual(['below', true]);
    // with the lower mark moved up, below crosses its middle too (a line of text through a ringed point): the name is pushed a line down
    const middle: Box = [-14, 26, 14, 54];
    const [pushed] = layoutLabels([name], [middle, across], bounds);
    expect(pushed.side).toBe('below');
    expect(pushed.dy).toBeGreaterThan(beside.dy);
    const [cx, cy] = [(middle[0] + middle[2]) / 2, (middle[1] + middle[3]) / 2];
    expect(boxesIntersect(pushed.box, [cx - 7, cy - 7, cx + 7, cy + 7])).toBe(false);
  });

  it('runs a leader from its mark’s edge, or from where it leaves its place’s name over the anchor or on its way, to the panel’s near edge', () => {
    // a panel 100 × 40 right of its anchor, 46 px off: the line runs from 10 px out to the panel's left edge
    expect(leaderSpan('right', 96, 0, 100, 40, [0, 0], 10)).toEqual({ from: 10, to: 46 });
    // the place's name is centred over the anchor, 60 px wide: the line starts at its right edge
    expect(leaderSpan('right', 96, 0, 100, 40, [0, 0], 10, [-30, -8, 30, 8])).toEqual({ from: 30, to: 46 });
    // a name beside the anchor, not over it, does not move the start; a panel centred on its anchor has no line
    expect(leaderSpan('below', 0, 70, 100, 40, [0, 0], 10, [20, -8, 80, 8])).toEqual({ from: 10, to: 50 });
    // the name between the anchor and the panel (below both): the line joins the panel to the name, not through it
    expect(leaderSpan('below', 0, 100, 100, 40, [0, 0], 10, [-30, 20, 30, 36])).toEqual({ from: 36, to: 80 });
    // a name on the other side of the anchor is off the way
    expect(leaderSpan('below', 0, 100, 100, 40, [0, 0], 10, [-30, -40, 30, -24])).toEqual({ from: 10, to: 80 });
    expect(leaderSpan('center', 0, 0, 100, 40, [0, 0], 10)).toBeNull();
  });

  it('takes a panel’s side whose leader passes under no name placed before it, and keeps the names after it off its leader', () => {
    // a name 40 px above the anchor; the panel prefers above (its leader would run under the name), then below
    const name = req('name', [0, -40], { w: 60, h: 16, sides: ['center'], forced: true });
    const panel = req('panel', [0, 0], { w: 100, h: 30, sides: ['above', 'below'], gap: 80, forced: true, opaque: true, leader: { start: 10 } });
    const [, placed] = layoutLabels([name, panel], [], [-300, -300, 300, 300]);
    expect([placed.side, placed.leader]).toEqual(['below', { from: 10, to: 80 }]);
    // a later name centred on the leader's path (40 px below the anchor) is left out: it may not overlap the line
    const later = req('later', [0, 40], { w: 60, h: 16, sides: ['center'] });
    expect(layoutLabels([name, panel, later], [], [-300, -300, 300, 300]).map((p) => p.id)).toEqual(['name', 'panel']);
  });

  it('lets a panel’s leader end at its own place’s name on the way, uncharged, so the panel may sit just beyond that name', () => {
    // the place's own name 40 px above the anchor; the panel prefers above, with the name between it and the anchor
    const own = req('own', [0, -40], { w: 60, h: 16, sides: ['center'], forced: true });
    const panel = req('panel', [0, 0], { w: 100, h: 30, sides: ['above', 'below'], gap: 80, forced: true, opaque: true, leader: { start: 10, own: 'own' } });
    const [, placed] = layoutLabels([own, panel], [], [-300, -300, 300, 300]);
    // the line joins the panel's near edge (80 px up) to the name's top (48 px up)
    expect([placed.side, placed.leader]).toEqual(['above', { from: 48, to: 80 }]);
  });

  it('slides a panel along its side, still over its place, where its leader would otherwise graze a name placed before it', () => {
    // a name whose right end reaches 2 px past the way straight down from the anchor (as "Sumy" beside a
    // callout's line); the panel may only go below, and the other side of the frame is cut off
    const name = req('name', [-28, 40], { w: 60, h: 16, sides: ['center'], forced: true });
    const panel = req('panel', [0, 0], { w: 200, h: 30, sides: ['below'], gap: 100, forced: true, opaque: true, leader: { start: 10 } });
    const [, placed] = layoutLabels([name, panel], [], [-300, -300, 300, 300]);
    // slid a third of the way to its end (200 / 2 − 8 = 92 px: 30.7 px), right, away from the name
    expect(placed.side).toBe('below');
    expect(placed.dx).toBeCloseTo(92 / 3, 5);
    // the line runs from the anchor to the box's centre, and passes the name's right end (x = 2, 32–48 px down) clear of its band
    const [ux, uy] = [placed.dx / Math.hypot(placed.dx, placed.dy), placed.dy / Math.hypot(placed.dx, placed.dy)];
    expect(ux * (32 / uy)).toBeGreaterThan(2 + 2);
    expect(placed.box[0]).toBeLessThan(0 - 8);
    // with no name in the way, the panel stays centred under its place
    const [alone] = layoutLabels([panel], [], [-300, -300, 300, 300]);
    expect(alone.dx).toBe(0);
    // a name clear of the line at the layout's zoom that grazes it at the zoom shown now (anchors spread, offsets do not)
    const spread = req('name', [-40, 40], { atNow: [-28, 60], w: 60, h: 16, sides: ['center'], forced: true });
    const [, slid] = layoutLabels([spread, panel], [], [-300, -300, 300, 300]);
    expect(slid.dx).toBeCloseTo(92 / 3, 5);
  });

  it('keeps a forced name off its own line drawn through its first side, where another side is clear of it', () => {
    // an arc coming in from the upper left at a shallow slope to the mark at the origin, through the space above it
    const arc = lineBoxes([
      [-200, -60],
      [0, 0],
    ]);
    expect(arc.length).toBeGreaterThan(40);
    const name = (line?: LabelRequest['line'], forced = true) => req('name', [0, 0], { w: 120, h: 17, sides: ['above', 'below'], gap: 12, forced, line });
    const [withLine] = layoutLabels([name({ at: arc, now: arc })], [], [-300, -300, 300, 300]);
    expect(withLine.side).toBe('below');
    // no line: the first side
    const [alone] = layoutLabels([name()], [], [-300, -300, 300, 300]);
    expect(alone.side).toBe('above');
    // a name that may not overlap anything is not held back by a line (the line is a cost for forced names only)
    expect(layoutLabels([name({ at: arc, now: arc }, false)], [], [-300, -300, 300, 300])[0].side).toBe('above');
    // a line clear of the first side at the layout's zoom, through it at the zoom shown now
    const [now] = layoutLabels([name({ at: [], now: arc })], [], [-300, -300, 300, 300]);
    expect(now.side).toBe('below');
  });

  it('weighs a heavier strike of its own line as more, past the cap too, so the lighter-struck form of a name wins', () => {
    // below the cap, 2 a px² as before; past it, a twentieth of that: never flat
    expect(ownLineCost(20)).toBe(40);
    expect(ownLineCost(50)).toBe(100);
    expect(ownLineCost(450)).toBeCloseTo(100 + (900 - 100) / 20);
    for (const [a, b] of [[60, 61], [100, 400], [400, 4000]]) expect(ownLineCost(b)).toBeGreaterThan(ownLineCost(a));
    // a wide name's own line runs in along its whole one-line form above the mark, and into a corner of its
    // two-line form: both past the cap, the one-line form struck nine times as long; only above is tried
    const arc = lineBoxes([
      [-300, -14],
      [-24, -14],
    ]);
    const [p] = layoutLabels([req('name', [0, 0], { w: 600, h: 17, sides: ['above'], gap: 12, forced: true, line: { at: arc, now: arc }, narrow: { w: 60, h: 34 } })], [], [-300, -300, 300, 300]);
    expect([p.side, p.narrow]).toEqual(['above', true]);
  });

  it('puts a forced name on two lines where its own line strikes through every side of one line and the narrower form clears it', () => {
    // the name's own arc comes in from the upper left, through where it would sit above; below, a
    // neighbour's name leaves room for a narrow form only; right and left are off the frame
    const arc = lineBoxes([
      [-200, -60],
      [0, 0],
    ]);
    const bounds: Box = [-70, -300, 70, 300];
    const neighbour = req('neighbour', [-46, 32], { w: 24, h: 17, sides: ['center'], forced: true });
    const name = (narrow?: { w: number; h: number }) => req('name', [0, 0], { w: 120, h: 17, sides: ['above', 'below', 'right', 'left'], gap: 12, forced: true, line: { at: arc, now: arc }, narrow });
    const one = layoutLabels([neighbour, name()], [], bounds).find((p) => p.id === 'name')!;
    // without a narrower form the arc's capped cost is the least: above, struck through
    expect(one.side).toBe('above');
    expect(arc.some((b) => boxesIntersect(b, one.box))).toBe(true);
    const two = layoutLabels([neighbour, name({ w: 64, h: 34 })], [], bounds).find((p) => p.id === 'name')!;
    // above, the narrow form just clears the arc (which the one-line form crossed)
    expect([two.side, two.narrow]).toEqual(['above', true]);
    expect(two.box[2] - two.box[0]).toBeCloseTo(64);
    expect(two.box[3] - two.box[1]).toBeCloseTo(34);
    expect(arc.some((b) => boxesIntersect(b, two.box))).toBe(false);
    expect(boxesIntersect(two.box, [-58, 23.5, -34, 40.5])).toBe(false);
    // where a side of one line is clear, one line it is
    const clear = layoutLabels([name({ w: 64, h: 34 })], [], [-300, -300, 300, 300])[0];
    expect([clear.side, clear.narrow]).toEqual(['below', undefined]);
    // a later label is kept off the box as placed, the narrow one (in both of the layout's grids), and may
    // sit where the one-line form would have been
    const [, , after] = layoutLabels([neighbour, name({ w: 64, h: 34 }), req('after', [50, -29], { w: 20, h: 10, sides: ['center'] })], [], bounds);
    expect(after?.id).toBe('after');
    expect(boxesIntersect(after.box, two.box)).toBe(false);
    expect(boxesIntersect(after.box, one.box)).toBe(true);
  });

  it("puts a forced area name on two lines where one line runs out of its shape and two keep inside it, and on one line where it fits", () => {
    // a region 100 px wide about the anchor; the share of a box outside it, over the 15 points the plan samples
    const outsideOf = (half: number) => (box: Box) => {
      let out = 0;
      for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9]) for (const fy of [0.2, 0.5, 0.8]) {
        const [x, y] = [box[0] + (box[2] - box[0]) * fx, box[1] + (box[3] - box[1]) * fy];
        if (Math.abs(x) > half || Math.abs(y) > 50) out++;
      }
      return out / 15;
    };
    const name = (half?: number) => req('region', [0, 0], { w: 160, h: 17, sides: ['center', 'above', 'below'], gap: 6, forced: true, narrow: { w: 80, h: 34 }, outsideOwn: half === undefined ? undefined : outsideOf(half) });
    const bounds: Box = [-300, -300, 300, 300];
    // one line: two of the five columns outside (0.4 of the box), more than the two-line form costs
    const [two] = layoutLabels([name(50)], [], bounds);
    expect([two.side, two.narrow, two.box]).toEqual(['center', true, [-40, -17, 40, 17]]);
    // where nothing weighs the shape, the one line over the anchor, as before
    const [one] = layoutLabels([name()], [], bounds);
    expect([one.side, one.narrow]).toEqual(['center', undefined]);
    // a region as wide as the name keeps it on one line
    const [wide] = layoutLabels([name(90)], [], bounds);
    expect([wide.side, wide.narrow]).toEqual(['center', undefined]);
  });

  it('lays out a label asked to go last after every other, the region names moved out included: it takes only the room they leave', () => {
    // listed first, it takes the only side (above) the second one has, which is then left out
    const first = req('first', [0, 0], { sides: ['above', 'below'] });
    const second = req('second', [0, 0], { sides: ['above'] });
    expect(layoutLabels([first, second]).map((p) => [p.id, p.side])).toEqual([['first', 'above']]);
    expect(layoutLabels([{ ...first, last: true }, second]).map((p) => [p.id, p.side])).toEqual([
      ['second', 'above'],
      ['first', 'below'],
    ]);
    // a forced label is laid out in its turn, not dropped
    expect(layoutLabels([{ ...first, last: true, forced: true }, second]).map((p) => p.id)).toContain('first');
    // a region's name that moves out with its leader: east, its shortest clear spot, unless a label is there first
    const inOwn = ([x, y]: [number, number]) => Math.abs(x) <= 50 && Math.abs(y) <= 50;
    const pts = (box: Box) => [0.1, 0.3, 0.5, 0.7, 0.9].flatMap((fx) => [0.2, 0.5, 0.8].map((fy): [number, number] => [box[0] + (box[2] - box[0]) * fx, box[1] + (box[3] - box[1]) * fy]));
    const outOfArea = { misread: (box: Box) => pts(box).filter((q) => !inOwn(q)).length / 15 >= 0.4, onAreas: (box: Box, _now: Box, own: boolean) => own && pts(box).some(inOwn) };
    const region = req('region', [0, 0], { w: 160, h: 17, sides: ['center'], gap: 6, forced: true, outOfArea });
    const town = (last: boolean) => req('town', [170, 10], { w: 40, h: 14, sides: ['above'], gap: 4, last });
    const frame: Box = [-300, -300, 300, 300];
    const [before, beforeTown] = layoutLabels([region, town(false)], [], frame);
    expect(beforeTown.id).toBe('town');
    expect(before.leader?.from).toBe(0);
    expect(before.side).not.toBe('right');
    // the town's name asked to go last: the region's name takes the east spot, and the town's has no room left
    const after = layoutLabels([region, town(true)], [], frame);
    expect(after.map((p) => p.id)).toEqual(['region']);
    expect([after[0].side, after[0].dx, after[0].leader?.from]).toEqual(['right', 120, 0]);
  });

  it("moves an event's region name that reads as another's out to open ground with a leader from its anchor (LabelRequest.outOfArea)", () => {
    // its region 100 px square about the anchor, a neighbouring area shown west of it; land all round
    const inOwn = ([x, y]: [number, number]) => Math.abs(x) <= 50 && Math.abs(y) <= 50;
    const inWest = ([x, y]: [number, number]) => x >= -150 && x < -50 && Math.abs(y) <= 50;
    const samples = (box: Box, fx: number[], fy: number[]) => fx.flatMap((x) => fy.map((y): [number, number] => [box[0] + (box[2] - box[0]) * x, box[1] + (box[3] - box[1]) * y]));
    const outOfArea = {
      misread: (box: Box) => samples(box, [0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.5, 0.8]).filter((q) => !inOwn(q)).length / 15 >= 0.4,
      onAreas: (box: Box, _now: Box, own: boolean) => samples(box, [0.1, 0.5, 0.9], [0.1, 0.5, 0.9]).some((q) => inWest(q) || (own && inOwn(q))),
    };
    const region = (extra: Partial<LabelRequest> = {}) => req('region', [0, 0], { w: 160, h: 17, sides: ['center', 'above', 'below'], gap: 6, forced: true, narrow: { w: 130, h: 34 }, ...extra });
    const frame: Box = [-300, -300, 300, 300];
    // without it, the name stays over its anchor, across the border (its ends over the neighbour and the land east)
    const [stays] = layoutLabels([region()], [], frame);
    expect([stays.side, stays.dx, stays.dy, stays.leader]).toEqual(['center', 0, 0, undefined]);
    // with it, out east (the shortest leader clear of the neighbour), ranged left of its leader's end
    const [out] = layoutLabels([region({ outOfArea })], [], frame);
    expect([out.side, out.anchor, out.narrow, out.leader]).toEqual(['right', -1, undefined, { from: 0, to: 40 }]);
    expect([out.dx, out.dy]).toEqual([120, 0]);
    expect(outOfArea.onAreas(out.box, out.box, true)).toBe(false);
    // a label placed east, where the name and its leader would go: above or below instead (west is the neighbour)
    const east = req('east', [60, 0], { w: 30, h: 30, sides: ['center'], gap: 0 });
    const [, moved] = layoutLabels([east, region({ outOfArea })], [], frame);
    expect(moved.leader?.from).toBe(0);
    expect(boxesIntersect(moved.box, [45, -15, 75, 15])).toBe(false);
    expect(outOfArea.onAreas(moved.box, moved.box, true)).toBe(false);
    expect(['above', 'below']).toContain(moved.side);
    // a town's mark where the name would go east: not beside it (it would read as the town's)
    const [offMark] = layoutLabels([region({ outOfArea })], [[116, -4, 124, 4]], frame);
    expect(offMark.side).not.toBe('right');
    expect(offMark.leader?.from).toBe(0);
    // a region wide enough for its two-line form: that, over its anchor, with no leader
    const [two] = layoutLabels([region({ outOfArea, narrow: { w: 80, h: 34 } })], [], frame);
    expect([two.side, two.narrow, two.dx, two.dy, two.leader]).toEqual(['center', true, 0, 0, undefined]);
    // a callout's leader that starts where it leaves the name's box: the name stays, so the leader still meets it
    const callout = req('callout', [0, 0], { w: 60, h: 30, sides: ['below'], gap: 80, forced: true, opaque: true, leader: { start: 2, own: 'region' } });
    const [held, panel] = layoutLabels([region({ outOfArea }), callout], [], frame);
    expect([held.side, held.dx, held.dy, held.leader]).toEqual(['center', 0, 0, undefined]);
    expect(panel.leader?.from).toBe(8.5);
    // nowhere clear (the frame hardly larger than the region): it stays
    const [kept] = layoutLabels([region({ outOfArea })], [], [-90, -60, 90, 60]);
    expect([kept.side, kept.leader]).toEqual(['center', undefined]);
  });

  it("moves an event's own name that another place's line strikes through to a side wholly clear, taking no other label's room", () => {
    // another place's line runs across where the name sits first (above), clear of its narrow form
    const other = lineBoxes([
      [30, -100],
      [30, -5],
    ]);
    const lines = () => ({ at: other, now: other });
    const name = (extra: Partial<LabelRequest> = {}) => req('name', [0, 0], { forced: true, namesMark: true, ...extra });
    const frame: Box = [-60, -300, 60, 300];
    // without the lines given, above (its first side, clear of everything it weighs)
    expect(layoutLabels([name()], [], frame)[0].side).toBe('above');
    // with them, the first side wholly clear: below
    const moved = layoutLabels([name()], [], frame, [], lines)[0];
    expect(moved.side).toBe('below');
    expect(other.some((b) => boxesIntersect(b, moved.box))).toBe(false);
    // a label placed after it below keeps its room; right and left are off the frame: the name stays, struck
    const later = req('later', [0, 17], { sides: ['center'] });
    const kept = layoutLabels([name(), later], [], frame, [], lines);
    expect(kept.map((p) => [p.id, p.side])).toEqual([
      ['name', 'above'],
      ['later', 'center'],
    ]);
    // unless its narrower form is wholly clear on a side: above on two lines
    const narrow = layoutLabels([name({ narrow: { w: 40, h: 28 } }), later], [], frame, [], lines);
    expect(narrow.map((p) => [p.id, p.side, p.narrow])).toEqual([
      ['name', 'above', true],
      ['later', 'center', undefined],
    ]);
    expect(other.some((b) => boxesIntersect(b, narrow[0].box))).toBe(false);
    expect(boxesIntersect(narrow[0].box, narrow[1].box)).toBe(false);
    // a name a callout's leader starts from is not moved (the leader was laid out from it); a callout
    // whose leader starts at the mark leaves it free to move
    const callout = (own?: string) => req('callout', [0, 0], { w: 30, h: 20, sides: ['above'], gap: 60, forced: true, leader: { start: 5, own } });
    expect(layoutLabels([name(), callout('name')], [], frame, [], lines)[0].side).toBe('above');
    expect(layoutLabels([name(), callout()], [], frame, [], lines)[0].side).toBe('below');
    // its own line, weighed when it was placed, does not move it: one that grazes a corner of the box keeps
    // it on one line (NARROW_COST), where another's line through it sends it to two
    const own = lineBoxes([
      [39, -100],
      [39, -22],
    ]);
    const grazed = (all: Box[]) => layoutLabels([name({ line: { at: own, now: own }, narrow: { w: 40, h: 28 } })], [], [-60, -300, 60, 5], [], () => ({ at: all, now: all }))[0];
    expect([grazed(own).side, grazed(own).narrow]).toEqual(['above', undefined]);
    expect(own.some((b) => boxesIntersect(b, grazed(own).box))).toBe(true);
    expect([grazed([...own, ...other]).side, grazed([...own, ...other]).narrow]).toEqual(['above', true]);
    // a corner touching its own ringed mark's box is wholly clear: with only above and above-right, above-right
    const ring: Box = [-15, -15, 15, 15];
    const cornered = layoutLabels([name({ sides: ['above', 'above-right'], gap: 21 })], [ring], [-300, -300, 300, 300], [], () => ({ at: lineBoxes([[0, -100], [0, -16]]), now: [] }))[0];
    expect(cornered.side).toBe('above-right');
  });

  it("moves an event's struck name further out with a leader where no side beside its mark is clear (LabelRequest.outward)", () => {
    // another place's line runs through both sides beside the mark, and stops short of a line further out
    const other = lineBoxes([
      [30, -20],
      [30, 20],
    ]);
    const frame: Box = [-300, -300, 300, 300];
    const name = (extra: Partial<LabelRequest> = {}) => req('name', [0, 0], { forced: true, namesMark: true, sides: ['above', 'below'], ...extra });
    const lay = (marks: Box[] = [], lines: Box[] = other, extra: Partial<LabelRequest> = {}) => layoutLabels([name(extra)], marks, frame, [], () => ({ at: lines, now: lines }))[0];
    // without `outward` it stays, struck, above
    expect([lay().side, lay().leader]).toEqual(['above', undefined]);
    // with it, a line further out above, the leader from the mark's edge to the name's near edge
    const out = lay([], other, { outward: { start: 5 } });
    expect(out.side).toBe('above');
    expect([out.dx, out.dy]).toEqual([0, -31]);
    expect(out.leader).toEqual({ from: 5, to: 24 });
    expect(other.some((b) => boxesIntersect(b, out.box))).toBe(false);
    // another mark about as near that box as a name sits beside its mark: below instead
    const near: Box = [40, -36, 50, -26];
    const below = lay([near], other, { outward: { start: 5 } });
    expect([below.side, below.dy, below.leader]).toEqual(['below', 31, { from: 5, to: 24 }]);
    // a line across the way up from the mark: the leader would cross it, so below
    const across = lineBoxes([
      [-6, -15],
      [6, -15],
    ]);
    const crossed = lay([], [...other, ...across], { outward: { start: 5 } });
    expect([crossed.side, crossed.dy, crossed.leader]).toEqual(['below', 31, { from: 5, to: 24 }]);
    // nor a leader that would run under a cover (the legend) where the name would not: below instead
    expect(layoutLabels([name({ outward: { start: 5 } })], [], frame, [[-10, -20, 10, -8]], () => ({ at: other, now: other }))[0].side).toBe('below');
    // nothing clear within three lines out (a line 64 px either way reaches a name three lines out, not four): it stays
    const long = lineBoxes([
      [30, -64],
      [30, 64],
    ]);
    expect([lay([], long, { outward: { start: 5 } }).side, lay([], long, { outward: { start: 5 } }).leader]).toEqual(['above', undefined]);
  });

  it('tries a struck name beside its mark again, once the names after it have moved, before moving it out', () => {
    // x's name is struck above; below it meets y's name, which is struck too and moves below its own mark
    const other = [
      ...lineBoxes([
        [30, -30],
        [30, -5],
      ]),
      ...lineBoxes([
        [50, 5],
        [50, 30],
      ]),
    ];
    const name = (id: string, at: [number, number]) => req(id, at, { forced: true, namesMark: true, sides: ['above', 'below'], outward: { start: 5 } });
    const out = layoutLabels([name('x', [0, 0]), name('y', [20, 34])], [], [-300, -300, 300, 300], [], () => ({ at: other, now: other }));
    expect(out.map((p) => [p.id, p.side, p.dy, p.leader])).toEqual([
      ['x', 'below', 17, undefined],
      ['y', 'below', 17, undefined],
    ]);
  });

  it('moves struck names one after another, each seeing where those before it went', () => {
    // another place's lines through a's name above its mark, b's right of its own and c's left of its own
    const other = [
      ...lineBoxes([
        [30, -30],
        [30, -5],
      ]),
      ...lineBoxes([
        [60, 20],
        [60, 45],
      ]),
      ...lineBoxes([
        [-100, -50],
        [-100, -20],
      ]),
    ];
    const lines = () => ({ at: other, now: other });
    const name = (id: string, at: [number, number], sides: LabelRequest['sides']) => req(id, at, { forced: true, namesMark: true, sides });
    const names = [name('a', [0, 0], ['above', 'below']), name('b', [0, 34], ['right', 'above']), name('c', [-30, -34], ['left', 'below'])];
    const frame: Box = [-150, -300, 150, 300];
    expect(layoutLabels(names, [], frame).map((p) => p.side)).toEqual(['above', 'right', 'left']);
    const out = layoutLabels(names, [], frame, [], lines);
    // a goes below; b's other side (above) is where a went now, so b stays; c takes the room a left
    expect(out.map((p) => p.side)).toEqual(['below', 'right', 'below']);
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(boxesIntersect(out[i].box, out[j].box)).toBe(false);
  });

  it('keeps labels apart where they are drawn now as well as at the zoom they are laid out at (offsets do not scale with the anchors)', () => {
    // a's name sits 40 px above its mark; b's label is centred 30 px above that mark at the layout's zoom
    // and 42 px above it now (zoomed in): apart at the layout's zoom, over a's name now
    const a = req('a', [0, 0], { w: 100, h: 20, sides: ['above'], gap: 40, forced: true });
    const b = (more?: LabelRequest['more']) => req('b', [0, -30], { atNow: [0, -42], w: 100, h: 20, sides: ['center'], gap: 0, more });
    const aBox = layoutLabels([a])[0].box;
    expect(boxesIntersect(aBox, [-50, -40, 50, -20])).toBe(false);
    expect(boxesIntersect(aBox, [-50, -52, 50, -32])).toBe(true);
    expect(layoutLabels([a, b()]).map((p) => p.id)).toEqual(['a']);
    // with a further anchor clear at both zooms, it goes there
    expect(layoutLabels([a, b([{ at: [0, 30], now: [0, 42], sides: ['center'] }])]).map((p) => [p.id, p.anchor])).toEqual([
      ['a', -1],
      ['b', 0],
    ]);
  });

  it('keeps clear of obstacles (marks) and inside the bounds', () => {
    const mark: [number, number, number, number] = [-50, -40, 50, -5];
    expect(layoutLabels([req('a', [0, 0])], [mark])[0].side).toBe('below');
    expect(layoutLabels([req('a', [0, 0])], [], [-200, -200, 200, 20])[0].side).toBe('above');
    expect(layoutLabels([req('a', [0, 0])], [], [-200, -5, 200, 200])[0].side).toBe('below');
  });

  it('slides a forced label above a mark near the frame’s side inside the frame, still over its mark, rather than beside a neighbour', () => {
    // a mark 20 px from the right edge, a neighbour's mark to its left: beside it, the label would sit on the neighbour
    const bounds: [number, number, number, number] = [-300, -100, 20, 100];
    const neighbour: [number, number, number, number] = [-70, -8, -50, 8];
    const [placed] = layoutLabels([req('a', [0, 0], { sides: ['right', 'left', 'above', 'below'], forced: true })], [neighbour], bounds);
    expect(placed.side).toBe('above');
    // a few px inside the edge: the drawn text's box can be a pixel or two wider than the one laid out
    expect(placed.box[2]).toBeLessThanOrEqual(16);
    expect(placed.box[2]).toBeGreaterThanOrEqual(15);
    expect(placed.box[0]).toBeLessThan(0);
    expect(placed.box[2]).toBeGreaterThan(0);
    // a label that is not forced is not slid: it is left out, as before
    expect(layoutLabels([req('a', [0, 0], { sides: ['right', 'left', 'above', 'below'] })], [neighbour], bounds)).toEqual([]);
  });

  it('tries further anchors (an area outline) only after its own sides fail, and says which it took', () => {
    const blocker = req('x', [0, 0], { sides: ['center'], w: 200, h: 60 });
    const area = req('area', [0, 0], { sides: ['center', 'above', 'below'], gap: 4, more: [{ at: [150, 0], now: [150, 0], sides: ['right'] }] });
    const [, placed] = layoutLabels([blocker, area]);
    expect(placed.anchor).toBe(0);
    expect(placed.side).toBe('right');
    // the offset is from that anchor: its box starts `gap` px right of it
    expect(placed.box[0]).toBeCloseTo(154, 6);
    expect(placed.dx).toBeCloseTo(4 + 40, 6);
    const free = layoutLabels([area]);
    expect(free[0].anchor).toBe(-1);
    expect(free[0].side).toBe('center');
  });

  it('keeps names clear of the covers (a legend over the map), tested where the map is now, and a forced name under one as little as it can', () => {
    // a legend over the map's left, from x 0 to 120: names 80 px wide left of or above a mark at x 125 end under it
    const legend: Box = [0, 100, 120, 300];
    const r = req('a', [125, 150], { sides: ['left', 'above', 'right'] });
    expect(layoutLabels([r]).map((p) => p.side)).toEqual(['left']);
    expect(layoutLabels([r], [], undefined, [legend]).map((p) => p.side)).toEqual(['right']);
    // laid out at another zoom (`at`), the cover is tested at the anchor shown now (`atNow`): here clear of it
    expect(layoutLabels([{ ...r, at: [0, 0], atNow: [400, 150] }], [], undefined, [legend]).map((p) => p.side)).toEqual(['left']);
    // nowhere clear: left out, unless forced, when it takes the side least under the cover, pushed two
    // lines out (a px² under a cover costs as one off the frame: 40 × 14 px² at the right's own gap)...
    const boxed = req('b', [70, 200], { sides: ['left', 'above', 'right'] });
    expect(layoutLabels([boxed], [], undefined, [legend])).toEqual([]);
    // (drawn, where the plan keeps it 12 px off the cover: the 12 px under it are that room)
    const [forced] = layoutLabels([{ ...boxed, forced: true }], [], undefined, [legend], undefined, 12);
    expect(forced.side).toBe('right');
    expect(forced.box[0]).toBeCloseTo(70 + 10 + 2 * 14, 6);
    expect(coveredArea(forced.box, [legend])).toBeCloseTo(12 * 14, 6);
    // ...and is left out after all where that side would show it cut at the cover's edge (no room kept off it)
    expect(layoutLabels([{ ...boxed, forced: true }], [], undefined, [legend])).toEqual([]);
    // two covers add up; a box clear of them (touching an edge) is 0 exactly
    expect(coveredArea([0, 0, 10, 10], [[5, 0, 20, 10], [0, 5, 10, 20]])).toBe(100);
    expect(coveredArea([120, 100, 200, 114], [legend])).toBe(0);
  });

  it('takes a side well inside the bounds though its area less its overlap is a few 1e-12 px² (float noise)', () => {
    // a name 29.4 px above a mark at (300.7, 133.3): the box's area less its overlap with the frame is 1.8e-12, not 0
    const bounds: Box = [-1000, -1000, 2000, 2000];
    const r = req('a', [300.7, 133.3], { w: 182.33, h: 25.2, gap: 29.4, forced: true });
    const [placed] = layoutLabels([r], [], bounds);
    expect(placed.side).toBe('above');
    expect(placed.dy).toBeCloseTo(-(29.4 + 12.6), 6);
    expect(outsideArea(placed.box, bounds)).toBe(0);
    // not forced, it was left out before: every side looked a hair outside the frame
    expect(layoutLabels([{ ...r, forced: false }], [], bounds).map((p) => p.side)).toEqual(['above']);
    expect(outsideArea([-10, 0, 10, 10], [0, 0, 100, 100])).toBe(100);
  });

  it('puts a name where its own mark is clearly the nearest, trying the corners after the sides, and leaves it out (unless forced) when nowhere is', () => {
    // neighbours to the right, above, below and beyond: above, below and right the box ends 15–20 px from
    // one of them (under 1.25 × its 20 px gap), covering none; left is clear
    const mark = (x: number, y: number): Box => [x - 10, y - 10, x + 10, y + 10];
    const marks = [mark(0, 0), mark(90, -55), mark(90, 55), mark(240, 0)];
    const r = req('a', [0, 0], { w: 200, h: 20, gap: 20, namesMark: true, sides: ['above', 'below', 'right', 'left', 'above-left'] });
    const [placed] = layoutLabels([r], marks);
    expect(placed.side).toBe('left');
    const own = boxDistance(placed.box, [0, 0]);
    expect(own).toBeCloseTo(20, 6);
    for (const m of [[90, -55], [90, 55], [240, 0]] as [number, number][]) expect(boxDistance(placed.box, m)).toBeGreaterThanOrEqual(own * CLEAR_RATIO);
    // without the rule it sits above, its right end 15 px under a neighbour, 20 px off its own mark
    expect(layoutLabels([{ ...r, namesMark: false }], marks)[0].side).toBe('above');
    // the left side taken by another label: a corner (its nearest point 20 px off, at 45°) is next
    const blocker = req('x', [-130, 0], { sides: ['center'], w: 100, h: 20 });
    const [, corner] = layoutLabels([blocker, r], marks);
    expect(corner.side).toBe('above-left');
    expect(boxDistance(corner.box, [0, 0])).toBeCloseTo(20, 6);
    // with a mark on every side and corner, a name that is not forced is left out
    const ring = [0, 45, 90, 135, 180, 225, 270, 315].map((a) => mark(60 * Math.cos((a * Math.PI) / 180), 60 * Math.sin((a * Math.PI) / 180)));
    const crowded = { ...r, w: 60, sides: ['above', 'below', 'right', 'left', 'above-right', 'below-right', 'above-left', 'below-left'] as LabelRequest['sides'] };
    expect(layoutLabels([crowded], [mark(0, 0), ...ring])).toEqual([]);
    // a mark at the same spot (two places at one address) is its own
    expect(layoutLabels([r], [mark(0, 0), mark(0, 0)])[0].side).toBe('above');
  });

  it('keeps a forced name next to its mark, a little near another, rather than a line further out', () => {
    const mark = (x: number, y: number): Box => [x - 10, y - 10, x + 10, y + 10];
    // every side and corner within 1.25 × 20 px of the neighbour's mark, none overlapping it
    const r = req('a', [0, 0], { w: 60, h: 20, gap: 20, namesMark: true, forced: true });
    const [placed] = layoutLabels([r], [mark(0, 0), mark(0, -64), mark(0, 64), mark(84, 0), mark(-84, 0)]);
    expect(boxDistance(placed.box, [0, 0])).toBeCloseTo(20, 6);
  });
});
