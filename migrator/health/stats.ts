// Nearest-rank percentiles: the one definition the health monitor and the benchmarks share.

/** The nearest-rank value at q (0..1) of samples already sorted ascending; undefined when empty. */
export function nearestRank(sorted: readonly number[], q: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The nearest-rank percentile p (0..1) of xs, in any order; 0 when there are none. */
export function percentile(xs: readonly number[], p: number): number {
  return (
    nearestRank(
      [...xs].sort((a, b) => a - b),
      p,
    ) ?? 0
  );
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 0.5);
}
