/** A stretch of time given a fixed share of the slider's width. */
export interface Band {
  /** Start, epoch ms UTC. */
  start: number;
  /** End, epoch ms UTC. */
  end: number;
  /** Share of the track width (0–1). */
  share: number;
}

/** A piecewise-linear, invertible map between time (epoch ms) and track position (0–1). */
export interface TimeScale {
  start: number;
  end: number;
  /** Returns the track position (0–1) of a time (epoch ms), clamped to the range. */
  toPos(t: number): number;
  /** Returns the time (epoch ms) at a track position (0–1), clamped. */
  toTime(pos: number): number;
  /** Returns the breakpoints as [time, pos] pairs, for drawing the scale's segments. */
  knots: ReadonlyArray<readonly [number, number]>;
}

/**
 * Returns a time scale over [start, end] in which each focus band takes its `share` of the width
 * and the rest of the time shares what is left evenly. Bands are clipped to the range and must not
 * overlap; a band that does is dropped (the first one wins).
 */
export function createTimeScale(start: number, end: number, bands: Band[] = []): TimeScale {
  if (!(end > start)) throw new Error('time scale: end must be after start');
  const sorted = bands
    .map((b) => ({ start: Math.max(start, b.start), end: Math.min(end, b.end), share: b.share }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start)
    .reduce<Band[]>((kept, b) => (kept.length === 0 || b.start >= kept[kept.length - 1].end ? [...kept, b] : kept), []);
  const bandShare = sorted.reduce((a, b) => a + b.share, 0);
  const bandTime = sorted.reduce((a, b) => a + (b.end - b.start), 0);
  const restTime = end - start - bandTime;
  const restShare = 1 - bandShare;
  const knots: [number, number][] = [[start, 0]];
  let pos = 0;
  let t = start;
  for (const b of sorted) {
    if (b.start > t) {
      pos += restTime > 0 ? ((b.start - t) / restTime) * restShare : 0;
      knots.push([b.start, pos]);
    }
    pos += b.share;
    knots.push([b.end, pos]);
    t = b.end;
  }
  if (t < end) knots.push([end, 1]);
  knots[knots.length - 1] = [end, 1];

  const interp = (x: number, from: 0 | 1, to: 0 | 1) => {
    for (let i = 1; i < knots.length; i++) {
      const a = knots[i - 1];
      const b = knots[i];
      if (x <= b[from] || i === knots.length - 1) {
        const span = b[from] - a[from];
        return span === 0 ? a[to] : a[to] + ((x - a[from]) / span) * (b[to] - a[to]);
      }
    }
    return knots[knots.length - 1][to];
  };
  return {
    start,
    end,
    knots,
    toPos: (time) => interp(Math.min(end, Math.max(start, time)), 0, 1),
    toTime: (p) => interp(Math.min(1, Math.max(0, p)), 1, 0),
  };
}
