import type { Metrics, Scored } from '../../core/types.js';
import type { LintTarget } from './types.js';

// Binary classification with INSECURE as the positive class. 0/0 conventions: precision with no
// positive prediction is 0 (and recall with no positive example), F1 is 0 when both are 0; the
// counts are reported too so a reader can tell "no positives" from "all wrong".

function summarize(pairs: Scored<LintTarget>[]): Record<string, number> {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let failures = 0;
  for (const pair of pairs) {
    if (!pair.prediction) failures++;
    const predicted = pair.prediction?.label === 'INSECURE';
    const actual = pair.target.label === 'INSECURE';
    if (predicted && actual) tp++;
    else if (predicted && !actual) fp++;
    else if (!predicted && actual) fn++;
    else tn++;
  }
  const n = pairs.length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    examples: n,
    accuracy: n === 0 ? 0 : (tp + tn) / n,
    precision,
    recall,
    f1,
    true_positives: tp,
    false_positives: fp,
    true_negatives: tn,
    false_negatives: fn,
    parse_failure_rate: n === 0 ? 0 : failures / n,
  };
}

/** Accuracy, precision, recall and F1 (INSECURE positive), overall and by stratum. */
export function scoreLint(pairs: Scored<LintTarget>[], strata: string[] = ['language', 'category']): Metrics {
  const by: Record<string, Record<string, Record<string, number>>> = {};
  for (const stratum of strata) {
    const groups = new Map<string, Scored<LintTarget>[]>();
    for (const pair of pairs) {
      const key = pair.strata[stratum] ?? 'none';
      groups.set(key, [...(groups.get(key) ?? []), pair]);
    }
    by[stratum] = Object.fromEntries(
      [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, group]) => [key, summarize(group)]),
    );
  }
  return { values: summarize(pairs), by };
}
