import { describe, expect, it } from 'vitest';
import {
  bucketBounds,
  bucketOf,
  mergeBuckets,
  quantileOf,
} from '../../src/services/alerts/latency-histogram.ts';

describe('latency histogram', () => {
  const bounds = bucketBounds(2000);

  it('makes the p95 threshold a bucket bound, so "above the threshold" is exact', () => {
    expect(bounds).toContain(2000);
    expect(bucketOf(bounds, 2000)).toBe('2000');
    expect(bucketOf(bounds, 2000.5)).toBe('2500');
    expect(bucketOf(bounds, 999_999)).toBe('+Inf');
  });

  it('merges processes by summing buckets and interpolates the quantile inside its bucket', () => {
    const fast: Record<string, number> = { '10': 90 };
    const slow: Record<string, number> = { '2500': 10 };
    const all = mergeBuckets(mergeBuckets({}, fast), slow);
    expect(all).toEqual({ '10': 90, '2500': 10 });
    // Rank 95 of 100 is the 5th of 10 requests in (10, 2500]: 10 + 2490 * 5/10.
    expect(quantileOf(all, 0.95)).toBe(1255);
    expect(quantileOf({ '10': 96, '2500': 4 }, 0.95)).toBeLessThanOrEqual(10);
    expect(quantileOf({ '30000': 1, '+Inf': 99 }, 0.95)).toBe(30_000);
    expect(quantileOf({}, 0.95)).toBeUndefined();
  });
});
