import { describe, expect, it } from 'vitest';
import {
  describe as describeValues,
  mean,
  quantile,
  quantileSorted,
  standardDeviation,
} from './statistics.js';

describe('statistics', () => {
  it('computes mean and sample standard deviation by hand', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    // Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; 32 / 7 = 4.571…
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(mean([])).toBe(0);
    expect(standardDeviation([3])).toBe(0);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('describes latencies', () => {
    expect(describeValues([10, 30, 20, 40])).toEqual({ mean: 25, p50: 25, p95: 38.5, max: 40, total: 100 });
    expect(describeValues([])).toEqual({ mean: 0, p50: 0, p95: 0, max: 0, total: 0 });
  });
});
