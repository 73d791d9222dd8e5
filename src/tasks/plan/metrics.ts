import type { Metrics, Scored } from '../../core/types.js';
import type { PlanTarget } from './types.js';

// Precision, recall and F1 over (address, action) pairs. A change's actions form one label
// ("delete+create" is a replace), so a pair matches only when address and actions both match.
// Micro figures sum true/false positives over all examples; macro F1 averages per-example F1.
// 0/0 conventions: precision with nothing predicted is 1 when nothing was expected, else 0 (and the
// same for recall), so an empty plan predicted for an empty module is a perfect answer.

/** The (address, action) pairs of a target. */
export function changePairs(target: PlanTarget): Set<string> {
  return new Set(target.resource_changes.map((change) => `${change.address} ${change.actions.join('+')}`));
}

export interface PairCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Pair counts of one prediction (a failed prediction predicts nothing). */
export function countPairs(prediction: PlanTarget | undefined, target: PlanTarget): PairCounts {
  const expected = changePairs(target);
  const predicted = prediction ? changePairs(prediction) : new Set<string>();
  let truePositives = 0;
  for (const pair of predicted) if (expected.has(pair)) truePositives++;
  return {
    truePositives,
    falsePositives: predicted.size - truePositives,
    falseNegatives: expected.size - truePositives,
  };
}

/** Precision, recall and F1 from counts, with the 0/0 conventions above. */
export function precisionRecallF1(counts: PairCounts): { precision: number; recall: number; f1: number } {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function summarize(pairs: Scored<PlanTarget>[]): Record<string, number> {
  const total: PairCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  let exact = 0;
  let f1Sum = 0;
  let failures = 0;
  for (const pair of pairs) {
    if (pair.prediction === undefined) failures++;
    const counts = countPairs(pair.prediction, pair.target);
    total.truePositives += counts.truePositives;
    total.falsePositives += counts.falsePositives;
    total.falseNegatives += counts.falseNegatives;
    if (pair.prediction !== undefined && counts.falsePositives === 0 && counts.falseNegatives === 0) exact++;
    f1Sum += precisionRecallF1(counts).f1;
  }
  const micro = precisionRecallF1(total);
  const n = pairs.length;
  return {
    examples: n,
    precision: micro.precision,
    recall: micro.recall,
    f1: micro.f1,
    macro_f1: n === 0 ? 0 : f1Sum / n,
    exact_match: n === 0 ? 0 : exact / n,
    parse_failure_rate: n === 0 ? 0 : failures / n,
  };
}

/** The plan task's metrics, overall and by provider and complexity bucket. */
export function scorePlans(
  pairs: Scored<PlanTarget>[],
  strata: string[] = ['provider', 'complexity'],
): Metrics {
  const by: Record<string, Record<string, Record<string, number>>> = {};
  for (const stratum of strata) {
    const groups = new Map<string, Scored<PlanTarget>[]>();
    for (const pair of pairs) {
      const key = pair.strata[stratum] ?? 'unknown';
      groups.set(key, [...(groups.get(key) ?? []), pair]);
    }
    by[stratum] = Object.fromEntries(
      [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, group]) => [key, summarize(group)]),
    );
  }
  return { values: summarize(pairs), by };
}
