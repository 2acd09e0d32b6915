/**
 * Response times as bucket counts, mergeable across processes (a percentile of percentiles would be
 * meaningless; summed buckets are exact up to the bucket width). Keys are upper bounds in ms, and
 * "+Inf". The p95 alert threshold is itself a bucket bound, so "p95 above the threshold" is decided
 * exactly; only the reported value is interpolated inside its bucket.
 */
export type LatencyBuckets = Record<string, number>;

const DEFAULT_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];
export const OVERFLOW = '+Inf';

export function bucketBounds(thresholdMs: number): number[] {
  const bounds = new Set(DEFAULT_BOUNDS_MS);
  if (thresholdMs > 0) bounds.add(thresholdMs);
  return [...bounds].sort((a, b) => a - b);
}

/** The key of the bucket `ms` falls in: the first bound ≥ ms. */
export function bucketOf(bounds: readonly number[], ms: number): string {
  for (const bound of bounds) if (ms <= bound) return String(bound);
  return OVERFLOW;
}

export function mergeBuckets(into: LatencyBuckets, from: LatencyBuckets): LatencyBuckets {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

export function totalOf(buckets: LatencyBuckets): number {
  return Object.values(buckets).reduce((sum, n) => sum + n, 0);
}

/**
 * The q-quantile (0 < q < 1) by linear interpolation within its bucket, as Prometheus's
 * histogram_quantile does; in the overflow bucket, the highest finite bound (a lower bound of the
 * truth). undefined when there are no observations.
 */
export function quantileOf(buckets: LatencyBuckets, q: number): number | undefined {
  const total = totalOf(buckets);
  if (total === 0) return undefined;
  const ordered = Object.entries(buckets)
    .map(([key, count]) => ({ bound: key === OVERFLOW ? Infinity : Number(key), count }))
    .filter((b) => !Number.isNaN(b.bound) && b.count > 0)
    .sort((a, b) => a.bound - b.bound);
  const rank = q * total;
  let below = 0;
  let lower = 0;
  for (const { bound, count } of ordered) {
    if (below + count >= rank) {
      if (bound === Infinity) return lower;
      return lower + ((bound - lower) * (rank - below)) / count;
    }
    below += count;
    lower = bound;
  }
  return lower;
}
