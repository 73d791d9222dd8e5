import type { Scored } from '../../core/types.js';
import type { ManifestTarget } from '../../tasks/manifest/record.js';
import { comparePair, manifestFields, manifestKinds, parseManifest } from './manifest-metrics.js';

// Where manifest answers go wrong: invalid output, kind confusions, the fields most often missing,
// and a histogram of field overlap (how near the misses are).

export interface ManifestErrorAnalysis {
  task: 'manifest';
  examples: number;
  failures: number;
  invalid_yaml: number;
  invalid_kubernetes: number;
  kind_mismatches: { expected: string; predicted: string; count: number }[];
  /** Field paths (no values) of the reference that the answer lacks, most often first. */
  missed_fields: { path: string; count: number }[];
  /** Examples per field-overlap bin [0, 0.1), …, [0.9, 1), exactly 1. */
  field_overlap_histogram: { bin: string; count: number }[];
}

function kinds(text: string | undefined): string {
  if (text === undefined) return '(failed)';
  const parsed = parseManifest(text);
  if (!parsed.valid) return '(invalid)';
  return manifestKinds(parsed.documents).join(',');
}

/** The path part of a `Kind:path=value` field. */
function fieldPath(field: string): string {
  const equals = field.indexOf('=');
  return equals === -1 ? field : field.slice(0, equals);
}

/** Error analysis of a manifest run. */
export function analyzeManifestErrors(pairs: Scored<ManifestTarget>[], limit = 30): ManifestErrorAnalysis {
  const mismatches = new Map<string, number>();
  const missed = new Map<string, number>();
  const bins = Array.from({ length: 11 }, () => 0);
  let failures = 0;
  let invalidYaml = 0;
  let invalidKubernetes = 0;
  for (const pair of pairs) {
    const comparison = comparePair(pair);
    if (!pair.prediction) failures++;
    else if (!comparison.validYaml) invalidYaml++;
    else if (!comparison.validKubernetes) invalidKubernetes++;
    if (!comparison.kindMatch) {
      const key = `${kinds(pair.target.manifest)}\u0000${kinds(pair.prediction?.manifest)}`;
      mismatches.set(key, (mismatches.get(key) ?? 0) + 1);
    }
    const expectedPaths = new Set(
      manifestFields(parseManifest(pair.target.manifest).documents).map(fieldPath),
    );
    const predictedPaths = new Set(
      pair.prediction ? manifestFields(parseManifest(pair.prediction.manifest).documents).map(fieldPath) : [],
    );
    for (const path of expectedPaths)
      if (!predictedPaths.has(path)) missed.set(path, (missed.get(path) ?? 0) + 1);
    bins[comparison.fieldOverlap >= 1 ? 10 : Math.floor(comparison.fieldOverlap * 10)]!++;
  }
  return {
    task: 'manifest',
    examples: pairs.length,
    failures,
    invalid_yaml: invalidYaml,
    invalid_kubernetes: invalidKubernetes,
    kind_mismatches: [...mismatches]
      .map(([key, count]) => {
        const [expected, predicted] = key.split('\u0000') as [string, string];
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || (a.expected < b.expected ? -1 : 1)),
    missed_fields: [...missed]
      .map(([path, count]) => ({ path, count }))
      .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : 1))
      .slice(0, limit),
    field_overlap_histogram: bins.map((count, index) => ({
      bin: index === 10 ? '1.0' : `${(index / 10).toFixed(1)}–${((index + 1) / 10).toFixed(1)}`,
      count,
    })),
  };
}
