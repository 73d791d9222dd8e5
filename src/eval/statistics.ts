// Small descriptive statistics; empty inputs give 0 rather than NaN so JSON stays valid.

/** Arithmetic mean (0 for no values). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Quantile with linear interpolation between order statistics (R type 7); input must be sorted. */
export function quantileSorted(sorted: readonly number[], probability: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, probability));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction;
}

/** Quantile of unsorted values. */
export function quantile(values: readonly number[], probability: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    probability,
  );
}

/** Mean, median, 95th percentile, max and total of a list (latencies, token counts). */
export function describe(values: readonly number[]): {
  mean: number;
  p50: number;
  p95: number;
  max: number;
  total: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: mean(sorted),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
    total: sorted.reduce((sum, value) => sum + value, 0),
  };
}
