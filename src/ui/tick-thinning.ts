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
