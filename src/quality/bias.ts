import { InfraLMError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';

// Bias detection slices records by their strata; mitigation downsamples the slices of one
// dimension that hold more than a maximum share, then weights the rest by inverse frequency.

/** A record as bias checks see it: an id and its slice values (iac_type, license, ...). */
export interface StratifiedRecord {
  id: string;
  strata: Record<string, string>;
}

/** The slice value used for a record that has no value for a dimension. */
export const MISSING_STRATUM = '(none)';

export type SizeBucket = '<1KB' | '1-10KB' | '10-100KB' | '>=100KB';

const KILOBYTE = 1024;

/** The size bucket of a file of this many bytes (1 KB = 1024 bytes). */
export function classifySizeBucket(bytes: number): SizeBucket {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `a size in bytes must be a non-negative number, got ${bytes}`,
    );
  }
  if (bytes < KILOBYTE) return '<1KB';
  if (bytes < 10 * KILOBYTE) return '1-10KB';
  if (bytes < 100 * KILOBYTE) return '10-100KB';
  return '>=100KB';
}

export interface BiasSlice {
  value: string;
  count: number;
  /** count / total, rounded to 6 decimals. */
  share: number;
}

export interface BiasImbalance {
  dimension: string;
  value: string;
  share: number;
  kind: 'over' | 'under';
}

export interface BiasDetection {
  total: number;
  max_share: number;
  min_share: number;
  /** Per dimension, its slices by count (descending), then value. */
  dimensions: Record<string, BiasSlice[]>;
  imbalances: BiasImbalance[];
  imbalances_found: number;
}

export interface BiasReportOptions {
  dimensions: string[];
  /** A slice above this share is over-represented (e.g. 0.4). */
  maxShare: number;
  /** A slice below this share is under-represented when its dimension has 2+ slices; 0.05 unless told. */
  minShare?: number;
}

/** Slice the records along each dimension and flag over- and under-represented slices. */
export function biasReport(records: readonly StratifiedRecord[], options: BiasReportOptions): BiasDetection {
  const minShare = options.minShare ?? 0.05;
  checkShare('maxShare', options.maxShare);
  checkShare('minShare', minShare);
  const total = records.length;
  const dimensions: [string, BiasSlice[]][] = [];
  const imbalances: BiasImbalance[] = [];
  for (const dimension of options.dimensions) {
    const counts = countBy(records, dimension);
    const slices = [...counts]
      .map(([value, count]) => ({ value, count, share: round(count / total, 6) }))
      .sort(bySizeThenValue);
    dimensions.push([dimension, slices]);
    for (const slice of slices) {
      // Shares are compared unrounded; the rounded one is only for display.
      const share = slice.count / total;
      if (share > options.maxShare)
        imbalances.push({ dimension, value: slice.value, share: slice.share, kind: 'over' });
      else if (slices.length >= 2 && share < minShare) {
        imbalances.push({ dimension, value: slice.value, share: slice.share, kind: 'under' });
      }
    }
  }
  return {
    total,
    max_share: options.maxShare,
    min_share: minShare,
    dimensions: Object.fromEntries(dimensions),
    imbalances,
    imbalances_found: imbalances.length,
  };
}

export interface MitigateBiasOptions {
  /** The dimension to balance (e.g. iac_type). */
  dimension: string;
  /** No slice may hold more than this share after mitigation (e.g. 0.4). */
  maxShare: number;
  /** Seed for the choice of records to drop; same seed, same records. */
  seed: number;
}

export interface BiasMitigation {
  /** Ids of the records kept, in input order. */
  keptIds: string[];
  /** sampling_weight per kept id: inverse slice frequency, mean 1 over the kept records. */
  weights: Map<string, number>;
  original_total: number;
  balanced_total: number;
  /** Records dropped per slice (0 for slices left whole). */
  removed_by_slice: Record<string, number>;
  /** Records kept per slice. */
  kept_by_slice: Record<string, number>;
  /** Share per slice after mitigation, rounded to 6 decimals. */
  final_shares: Record<string, number>;
  /** False when no downsampling can bring every slice under maxShare; then every record is kept. */
  feasible: boolean;
}

/** Downsample the slices of one dimension above maxShare (seeded) and weight the kept records. */
export function mitigateBias(
  records: readonly StratifiedRecord[],
  options: MitigateBiasOptions,
): BiasMitigation {
  checkShare('maxShare', options.maxShare);
  const groups = new Map<string, StratifiedRecord[]>();
  const sliceOf = new Map<string, string>();
  for (const record of records) {
    if (sliceOf.has(record.id))
      throw new InfraLMError('INFRALM_ERR_USAGE', `duplicate record id ${record.id}`);
    const value = stratum(record, options.dimension);
    sliceOf.set(record.id, value);
    const group = groups.get(value);
    if (group) group.push(record);
    else groups.set(value, [record]);
  }
  const values = [...groups.keys()].sort();
  const original = values.map((value) => groups.get(value)!.length);
  // Keeping one record per slice is the smallest candidate; if even that breaks the cap
  // (1 / slices > maxShare, e.g. a single slice), no downsampling can meet it.
  const feasible = values.length === 0 || withinCap(1, values.length - 1, options.maxShare);
  const kept = feasible ? greatestBalancedCounts(original, options.maxShare) : original;

  const keep = new Set<string>();
  values.forEach((value, index) => {
    const group = groups.get(value)!;
    const target = kept[index]!;
    if (target === group.length) {
      for (const record of group) keep.add(record.id);
      return;
    }
    const ranked = group
      .map((record) => ({ id: record.id, rank: sha256(`${options.seed}\u0000${record.id}`) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const entry of ranked.slice(0, target)) keep.add(entry.id);
  });
  const keptIds = records.filter((record) => keep.has(record.id)).map((record) => record.id);

  const balancedTotal = keptIds.length;
  const keptBySlice = new Map(values.map((value, index) => [value, kept[index]!]));
  const weights = new Map<string, number>();
  for (const id of keptIds) {
    const value = sliceOf.get(id)!;
    // Inverse frequency scaled so the mean over kept records is 1: total / (slices × slice size).
    weights.set(id, round(balancedTotal / (values.length * keptBySlice.get(value)!), 6));
  }
  return {
    keptIds,
    weights,
    original_total: records.length,
    balanced_total: balancedTotal,
    removed_by_slice: Object.fromEntries(
      values.map((value, index) => [value, original[index]! - kept[index]!]),
    ),
    kept_by_slice: Object.fromEntries(keptBySlice),
    final_shares: Object.fromEntries(
      values.map((value, index) => [value, balancedTotal === 0 ? 0 : round(kept[index]! / balancedTotal, 6)]),
    ),
    feasible,
  };
}

/** The largest per-slice counts, each at most its original, under which no slice exceeds maxShare. */
export function greatestBalancedCounts(original: readonly number[], maxShare: number): number[] {
  if (maxShare >= 1) return [...original];
  let counts = [...original];
  // Termination and correctness. Each pass lowers every slice above the cap to the largest count
  // that fits under it against the current rest: next[i] = min(counts[i], cap(rest_i)). That map is
  // monotone (cap grows with the rest) and never raises a count, so the counts only go down, and in
  // integer steps: every pass that changes something lowers the sum by at least 1, so there are at
  // most sum(original) passes. Monotonicity also keeps every pass at or above any feasible vector
  // below the original (the all-ones vector when the caller checked 1/slices <= maxShare), so no
  // slice empties and the loop stops at the greatest feasible vector: as many records as possible.
  for (;;) {
    const total = counts.reduce((sum, count) => sum + count, 0);
    const next = counts.map((count) => Math.min(count, largestWithinCap(total - count, maxShare)));
    if (next.every((count, index) => count === counts[index])) return counts;
    counts = next;
  }
}

// count / (rest + count) <= maxShare, with the exact floating-point test the callers use.
function withinCap(count: number, rest: number, maxShare: number): boolean {
  return count === 0 || count / (rest + count) <= maxShare;
}

// The largest count that stays within the cap next to `rest` others: the closed form
// maxShare × rest / (1 − maxShare), nudged onto the exact floating-point test.
function largestWithinCap(rest: number, maxShare: number): number {
  let count = Math.max(0, Math.floor((maxShare * rest) / (1 - maxShare)));
  while (withinCap(count + 1, rest, maxShare)) count++;
  while (count > 0 && !withinCap(count, rest, maxShare)) count--;
  return count;
}

function countBy(records: readonly StratifiedRecord[], dimension: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const value = stratum(record, dimension);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

// Own properties only: a dimension named like an Object.prototype member must not read it.
function stratum(record: StratifiedRecord, dimension: string): string {
  const value = Object.hasOwn(record.strata, dimension) ? record.strata[dimension] : undefined;
  return typeof value === 'string' ? value : MISSING_STRATUM;
}

function bySizeThenValue(a: BiasSlice, b: BiasSlice): number {
  if (a.count !== b.count) return b.count - a.count;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

function checkShare(name: string, share: number): void {
  if (!(share >= 0 && share <= 1)) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `${name} must be a share between 0 and 1, got ${share}`);
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
