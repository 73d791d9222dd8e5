import { seededRandom } from '../tasks/plan/synthetic.js';
import { quantileSorted } from './statistics.js';

// Percentile bootstrap over examples: resample example indices with replacement, recompute the
// metrics on each resample, read the interval off the sorted replicates. Seeded, so the same seed
// gives the same intervals. Micro-averaged metrics (pooled counts) are not means of per-example
// values, so the statistic is recomputed from the resampled pairs rather than averaged.

/** Metric values of a subset of examples, given by their indices (repeats allowed). */
export type Statistic = (indices: readonly number[]) => Record<string, number>;

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface BootstrapResult {
  /** The metrics on all examples. */
  point: Record<string, number>;
  intervals: Record<string, Interval>;
  /** Every resample's value of each metric, in draw order. */
  replicates: Record<string, number[]>;
}

/** Draws `resamples` index lists of length n from a seeded generator. */
export function* resampleIndices(n: number, resamples: number, seed: number): Generator<number[]> {
  const random = seededRandom(seed);
  for (let draw = 0; draw < resamples; draw++) {
    const indices = new Array<number>(n);
    for (let position = 0; position < n; position++) indices[position] = Math.floor(random() * n);
    yield indices;
  }
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index);
}

function percentileInterval(values: number[], level: number): Interval {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha) };
}

/** Percentile bootstrap intervals of every metric the statistic returns. */
export function bootstrap(n: number, statistic: Statistic, options: BootstrapOptions): BootstrapResult {
  const level = options.level ?? 0.95;
  const point = statistic(identity(n));
  const replicates: Record<string, number[]> = Object.fromEntries(Object.keys(point).map((key) => [key, []]));
  if (n > 0) {
    for (const indices of resampleIndices(n, options.resamples, options.seed)) {
      const values = statistic(indices);
      for (const key of Object.keys(point)) replicates[key]!.push(values[key] ?? Number.NaN);
    }
  }
  const intervals: Record<string, Interval> = {};
  for (const key of Object.keys(point)) {
    intervals[key] =
      n > 0 ? percentileInterval(replicates[key]!, level) : { low: point[key]!, high: point[key]! };
  }
  return { point, intervals, replicates };
}

export interface PairedDifference {
  a: number;
  b: number;
  /** b − a on all paired examples. */
  delta: number;
  low: number;
  high: number;
  /** Two-sided bootstrap p-value of "no difference". */
  p_value: number;
  /** True when the interval of the difference excludes 0. */
  significant: boolean;
}

/**
 * Paired bootstrap of B − A: both statistics see the same resampled example indices, so the
 * per-example correlation between the two systems cancels out of the difference.
 */
export function pairedBootstrap(
  n: number,
  statisticA: Statistic,
  statisticB: Statistic,
  options: BootstrapOptions,
): Record<string, PairedDifference> {
  const level = options.level ?? 0.95;
  const all = identity(n);
  const pointA = statisticA(all);
  const pointB = statisticB(all);
  const keys = Object.keys(pointA).filter((key) => key in pointB);
  const deltas: Record<string, number[]> = Object.fromEntries(keys.map((key) => [key, []]));
  if (n > 0) {
    for (const indices of resampleIndices(n, options.resamples, options.seed)) {
      const valuesA = statisticA(indices);
      const valuesB = statisticB(indices);
      for (const key of keys) deltas[key]!.push((valuesB[key] ?? Number.NaN) - (valuesA[key] ?? Number.NaN));
    }
  }
  const out: Record<string, PairedDifference> = {};
  for (const key of keys) {
    const delta = pointB[key]! - pointA[key]!;
    const draws = deltas[key]!.filter(Number.isFinite);
    const interval = draws.length > 0 ? percentileInterval(draws, level) : { low: delta, high: delta };
    const atOrBelow = draws.length > 0 ? draws.filter((value) => value <= 0).length / draws.length : 1;
    const atOrAbove = draws.length > 0 ? draws.filter((value) => value >= 0).length / draws.length : 1;
    out[key] = {
      a: pointA[key]!,
      b: pointB[key]!,
      delta,
      low: interval.low,
      high: interval.high,
      p_value: Math.min(1, 2 * Math.min(atOrBelow, atOrAbove)),
      significant: interval.low > 0 || interval.high < 0,
    };
  }
  return out;
}
