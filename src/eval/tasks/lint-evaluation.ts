import type { Scored } from '../../core/types.js';
import { scoreLint } from '../../tasks/lint/metrics.js';
import { lintTask } from '../../tasks/lint/task.js';
import type { LintFinding, LintInput, LintTarget } from '../../tasks/lint/types.js';
import { readMetaExamples } from '../gold-files.js';
import type { ConfusionMatrix, EvalTaskDefinition } from '../types.js';
import { failureText } from './shared.js';

// Lint error analysis: which rule categories a model misses. A category of an expected finding is
// missed in an example when the prediction reports no finding of that category or rule; for
// examples wrongly called SECURE the categories of their high and critical findings are counted
// apart, since those are what the label hangs on.

const FAILED = '(failed)';
const SEVERE = new Set(['HIGH', 'CRITICAL']);

export interface LintErrorAnalysis {
  task: 'lint';
  examples: number;
  false_negatives: number;
  false_positives: number;
  failures: number;
  /** Examples per category where the model reported no finding of that category. */
  missed_by_category: Record<string, number>;
  /** Examples per category that had a finding of it. */
  expected_by_category: Record<string, number>;
  /** Categories of the high/critical findings of examples wrongly labelled SECURE. */
  false_negative_categories: Record<string, number>;
  missed_rules: { rule_id: string; category: string; count: number; example: string }[];
  /** Categories the model reported that the reference does not have. */
  spurious_by_category: Record<string, number>;
}

function sorted(record: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...record].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Missed rule categories and label errors of a lint run. */
export function analyzeLintErrors(pairs: Scored<LintTarget>[]): LintErrorAnalysis {
  const missed = new Map<string, number>();
  const expected = new Map<string, number>();
  const falseNegativeCategories = new Map<string, number>();
  const spurious = new Map<string, number>();
  const missedRules = new Map<string, { category: string; count: number; example: string }>();
  let falseNegatives = 0;
  let falsePositives = 0;
  let failures = 0;
  for (const pair of pairs) {
    const predictedFindings: LintFinding[] = pair.prediction?.findings ?? [];
    if (!pair.prediction) failures++;
    const predictedLabel = pair.prediction?.label;
    if (pair.target.label === 'INSECURE' && predictedLabel !== 'INSECURE') {
      falseNegatives++;
      const categories = new Set(
        pair.target.findings
          .filter((finding) => SEVERE.has(finding.severity))
          .map((finding) => finding.category),
      );
      for (const category of categories) bump(falseNegativeCategories, category);
    }
    if (pair.target.label === 'SECURE' && predictedLabel === 'INSECURE') falsePositives++;
    const predictedCategories = new Set(predictedFindings.map((finding) => finding.category));
    const predictedRules = new Set(predictedFindings.map((finding) => finding.rule_id));
    const expectedCategories = new Set(pair.target.findings.map((finding) => finding.category));
    for (const category of expectedCategories) {
      bump(expected, category);
      const rules = pair.target.findings.filter((finding) => finding.category === category);
      const found =
        predictedCategories.has(category) || rules.some((finding) => predictedRules.has(finding.rule_id));
      if (found) continue;
      bump(missed, category);
      for (const rule of new Set(rules.map((finding) => finding.rule_id))) {
        const entry = missedRules.get(rule) ?? { category, count: 0, example: pair.id };
        entry.count++;
        missedRules.set(rule, entry);
      }
    }
    for (const category of predictedCategories)
      if (!expectedCategories.has(category)) bump(spurious, category);
  }
  return {
    task: 'lint',
    examples: pairs.length,
    false_negatives: falseNegatives,
    false_positives: falsePositives,
    failures,
    missed_by_category: sorted(missed),
    expected_by_category: sorted(expected),
    false_negative_categories: sorted(falseNegativeCategories),
    missed_rules: [...missedRules]
      .map(([rule_id, entry]) => ({ rule_id, ...entry }))
      .sort((a, b) => b.count - a.count || (a.rule_id < b.rule_id ? -1 : 1)),
    spurious_by_category: sorted(spurious),
  };
}

/** Expected label against predicted label; failed predictions get their own column. */
export function lintConfusion(pairs: Scored<LintTarget>[]): ConfusionMatrix {
  const hasFailures = pairs.some((pair) => !pair.prediction);
  const labels = ['INSECURE', 'SECURE', ...(hasFailures ? [FAILED] : [])];
  const counts = labels.map(() => labels.map(() => 0));
  for (const pair of pairs) {
    const row = labels.indexOf(pair.target.label);
    const column = labels.indexOf(pair.prediction?.label ?? FAILED);
    counts[row]![column]!++;
  }
  return { subject: 'label', labels, counts };
}

/** What the prediction got wrong, in words. */
export function describeLintError(pair: Scored<LintTarget>): string {
  if (!pair.prediction) return failureText(pair);
  const rules = [...new Set(pair.target.findings.map((finding) => finding.rule_id))];
  const expected = `expected ${pair.target.label}${rules.length > 0 ? ` (${rules.slice(0, 3).join(', ')}${rules.length > 3 ? ', …' : ''})` : ''}`;
  if (pair.prediction.label === pair.target.label) return `correct: ${pair.target.label}`;
  return `${expected}, predicted ${pair.prediction.label}`;
}

/** The lint task: accuracy, P/R/F1 with INSECURE positive; by language, category and label. */
export const lintEvaluation: EvalTaskDefinition<LintInput, LintTarget> = {
  name: 'lint',
  loadTask: async () => lintTask,
  readExamples: (workspace, split) => readMetaExamples<LintInput, LintTarget>(workspace, 'lint', split),
  values: (pairs) => scoreLint(pairs, []).values,
  primaryMetric: 'f1',
  // A language, category or label slice often has no INSECURE example, where F1 is 0 by convention.
  stratumMetric: 'accuracy',
  headlineMetrics: ['accuracy', 'precision', 'recall', 'f1'],
  strata: ['language', 'category', 'label'],
  exampleScore: (pair) => (pair.prediction?.label === pair.target.label ? 1 : 0),
  describeError: describeLintError,
  confusion: lintConfusion,
  errorAnalysis: analyzeLintErrors,
};
