/**
 * Returns where each drawn tick's group of events starts: events are taken in time order at their
 * x positions `px` (ascending, px), and an event closer than `minGap` px to its group's first event
 * joins that group, so no two drawn ticks are closer than `minGap`. Group k holds events
 * starts[k] … starts[k+1] − 1 (the last runs to the end). At most width / minGap + 1 groups.
 */
export function tickGroups(px: readonly number[], minGap: number): number[] {
  const starts: number[] = [];
  let at = -Infinity;
  px.forEach((x, i) => {
    if (x - at >= minGap) {
      starts.push(i);
      at = x;
    }
  });
  return starts;
}

/**
 * Returns the drawn ticks (first and last, inclusive, indices into `starts` from `tickGroups`) whose
 * past / current / upcoming state can differ between current events `a` and `b` (event indices,
 * −1 before the first event): the ticks holding any event from the earlier to the later of the two.
 * Empty ([0, −1]) when there are no ticks.
 */
export function ticksBetween(starts: readonly number[], a: number, b: number): [number, number] {
  /** The tick holding event i: the last group starting at or before it (0 before the first event). */
  const tickOf = (i: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  if (!starts.length) return [0, -1];
  return [tickOf(Math.min(a, b)), tickOf(Math.max(a, b))];
}
