import type { Scored } from '../../core/types.js';
import { analyzePlanErrors } from '../../tasks/plan/error-analysis.js';
import { changePairs, countPairs, precisionRecallF1, scorePlans } from '../../tasks/plan/metrics.js';
import { planTask } from '../../tasks/plan/task.js';
import type { PlanInput, PlanTarget } from '../../tasks/plan/types.js';
import { readMetaExamples } from '../gold-files.js';
import type { ConfusionMatrix, EvalTaskDefinition } from '../types.js';
import { failureText, orderedLabels } from './shared.js';

const ABSENT = '(absent)';

function actionsByAddress(target: PlanTarget | undefined): Map<string, string> {
  return new Map(
    (target?.resource_changes ?? []).map((change) => [change.address, change.actions.join('+')]),
  );
}

/** Per address in either plan: the expected action against the predicted one. */
export function planConfusion(pairs: Scored<PlanTarget>[]): ConfusionMatrix {
  const cells = new Map<string, number>();
  const seen: string[] = [];
  for (const pair of pairs) {
    const expected = actionsByAddress(pair.target);
    const predicted = actionsByAddress(pair.prediction);
    for (const address of new Set([...expected.keys(), ...predicted.keys()])) {
      const actual = expected.get(address) ?? ABSENT;
      const guess = predicted.get(address) ?? ABSENT;
      seen.push(actual, guess);
      const key = `${actual}\u0000${guess}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
  }
  const labels = orderedLabels(seen, [ABSENT]);
  const counts = labels.map((actual) => labels.map((guess) => cells.get(`${actual}\u0000${guess}`) ?? 0));
  return { subject: 'action per resource address', labels, counts };
}

/** Missed and spurious pairs of one example, in words. */
export function describePlanError(pair: Scored<PlanTarget>): string {
  if (pair.prediction === undefined) return failureText(pair);
  const expected = changePairs(pair.target);
  const predicted = changePairs(pair.prediction);
  const missed = [...expected].filter((item) => !predicted.has(item));
  const spurious = [...predicted].filter((item) => !expected.has(item));
  if (missed.length === 0 && spurious.length === 0) return 'exact match';
  const list = (items: string[]) =>
    items.slice(0, 3).join(', ') + (items.length > 3 ? ` (+${items.length - 3} more)` : '');
  const parts: string[] = [];
  if (missed.length > 0) parts.push(`missed ${missed.length}: ${list(missed)}`);
  if (spurious.length > 0) parts.push(`spurious ${spurious.length}: ${list(spurious)}`);
  return parts.join('; ');
}

/** The plan task: P/R/F1 over (address, action), exact match; by provider and complexity. */
export const planEvaluation: EvalTaskDefinition<PlanInput, PlanTarget> = {
  name: 'plan',
  loadTask: async () => planTask,
  readExamples: (workspace, split) => readMetaExamples<PlanInput, PlanTarget>(workspace, 'plan', split),
  values: (pairs) => scorePlans(pairs, []).values,
  primaryMetric: 'f1',
  headlineMetrics: ['precision', 'recall', 'f1', 'exact_match'],
  strata: ['provider', 'complexity'],
  exampleScore: (pair) => precisionRecallF1(countPairs(pair.prediction, pair.target)).f1,
  describeError: describePlanError,
  confusion: planConfusion,
  errorAnalysis: analyzePlanErrors,
};
