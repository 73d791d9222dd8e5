import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrap, pairedBootstrap, resampleIndices, type Statistic } from './bootstrap.js';
import { mean } from './statistics.js';

const meanOf =
  (values: number[]): Statistic =>
  (indices) => ({ mean: mean(indices.map((index) => values[index]!)) });

describe('bootstrap', () => {
  it('is reproducible for a seed and changes with the seed', () => {
    const values = Array.from({ length: 40 }, (_, index) => (index * 7) % 11);
    const first = bootstrap(values.length, meanOf(values), { resamples: 200, seed: 7 });
    const again = bootstrap(values.length, meanOf(values), { resamples: 200, seed: 7 });
    const other = bootstrap(values.length, meanOf(values), { resamples: 200, seed: 8 });
    expect(again).toEqual(first);
    expect(other.replicates.mean).not.toEqual(first.replicates.mean);
    expect(first.point.mean).toBe(mean(values));
  });

  it('draws indices inside the sample', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        for (const indices of resampleIndices(n, 5, seed)) {
          expect(indices).toHaveLength(n);
          for (const index of indices) expect(index >= 0 && index < n && Number.isInteger(index)).toBe(true);
        }
      }),
    );
  });

  it('matches the normal approximation for a proportion', () => {
    // 50 ones and 50 zeros: p = 0.5, se = sqrt(0.25 / 100) = 0.05, so the 95% CI is about
    // 0.5 ± 1.96·0.05 = [0.402, 0.598] and the 80% CI 0.5 ± 1.28·0.05 = [0.436, 0.564].
    const values = Array.from({ length: 100 }, (_, index) => (index < 50 ? 1 : 0));
    const result = bootstrap(values.length, meanOf(values), { resamples: 2000, seed: 1 });
    expect(result.intervals.mean!.low).toBeGreaterThan(0.388);
    expect(result.intervals.mean!.low).toBeLessThan(0.415);
    expect(result.intervals.mean!.high).toBeGreaterThan(0.585);
    expect(result.intervals.mean!.high).toBeLessThan(0.612);
    const narrow = bootstrap(values.length, meanOf(values), { resamples: 2000, seed: 1, level: 0.8 });
    expect(narrow.intervals.mean!.low).toBeGreaterThan(0.425);
    expect(narrow.intervals.mean!.low).toBeLessThan(0.447);
    expect(narrow.intervals.mean!.high).toBeGreaterThan(0.553);
    expect(narrow.intervals.mean!.high).toBeLessThan(0.575);
  });

  it('collapses to the point for constant data, one example and no examples', () => {
    const constant = bootstrap(5, meanOf([3, 3, 3, 3, 3]), { resamples: 100, seed: 1 });
    expect(constant.intervals.mean).toEqual({ low: 3, high: 3 });
    expect(bootstrap(1, meanOf([0.25]), { resamples: 50, seed: 1 }).intervals.mean).toEqual({
      low: 0.25,
      high: 0.25,
    });
    const empty = bootstrap(0, () => ({ f1: 0 }), { resamples: 50, seed: 1 });
    expect(empty).toEqual({
      point: { f1: 0 },
      intervals: { f1: { low: 0, high: 0 } },
      replicates: { f1: [] },
    });
  });
});

describe('pairedBootstrap', () => {
  it('finds no difference between identical systems', () => {
    const values = [1, 0, 1, 1, 0, 1];
    const result = pairedBootstrap(values.length, meanOf(values), meanOf(values), {
      resamples: 300,
      seed: 3,
    });
    expect(result.mean).toEqual({
      a: 4 / 6,
      b: 4 / 6,
      delta: 0,
      low: 0,
      high: 0,
      p_value: 1,
      significant: false,
    });
  });

  it('finds a system that is right everywhere the other is wrong significantly better', () => {
    const a = Array.from({ length: 30 }, () => 0);
    const b = Array.from({ length: 30 }, () => 1);
    const result = pairedBootstrap(30, meanOf(a), meanOf(b), { resamples: 300, seed: 3 });
    expect(result.mean).toEqual({ a: 0, b: 1, delta: 1, low: 1, high: 1, p_value: 0, significant: true });
  });

  it('pairs the examples: a constant per-example gain is significant even when scores vary a lot', () => {
    const a = Array.from({ length: 30 }, (_, index) => (index % 10) / 10);
    const b = a.map((value) => value + 0.05);
    const paired = pairedBootstrap(30, meanOf(a), meanOf(b), { resamples: 300, seed: 5 });
    expect(paired.mean!.delta).toBeCloseTo(0.05, 12);
    expect(paired.mean!.low).toBeCloseTo(0.05, 12);
    expect(paired.mean!.significant).toBe(true);
    // Unpaired, the intervals of the two means overlap widely.
    const intervalA = bootstrap(30, meanOf(a), { resamples: 300, seed: 5 }).intervals.mean!;
    const intervalB = bootstrap(30, meanOf(b), { resamples: 300, seed: 5 }).intervals.mean!;
    expect(intervalB.low).toBeLessThan(intervalA.high);
  });

  it('is reproducible for a seed', () => {
    const a = [0, 1, 0, 1, 1, 0, 0, 1];
    const b = [1, 1, 0, 1, 1, 1, 0, 1];
    const options = { resamples: 200, seed: 11 };
    expect(pairedBootstrap(8, meanOf(a), meanOf(b), options)).toEqual(
      pairedBootstrap(8, meanOf(a), meanOf(b), options),
    );
  });
});
