import type { Scored } from '../../core/types.js';
import type { ManifestInput, ManifestTarget } from '../../tasks/manifest/record.js';
import { failureText, orderedLabels } from '../tasks/shared.js';
import type { ConfusionMatrix, EvalTaskDefinition } from '../types.js';
import { analyzeManifestErrors } from './manifest-error-analysis.js';
import { comparePair, manifestKinds, parseManifest, scoreManifests } from './manifest-metrics.js';
import { createManifestTask } from './manifest-task.js';
import { readManifestExamples } from './read-manifest-examples.js';

const INVALID = '(invalid)';
/** Kinds beyond this many are pooled as "(other)" so the matrix stays readable. */
const MAX_KINDS = 10;

function firstKind(text: string | undefined): string {
  if (text === undefined) return INVALID;
  const parsed = parseManifest(text);
  const first = parsed.documents[0];
  return parsed.valid && typeof first === 'object' && first !== null && 'kind' in first
    ? String((first as { kind: unknown }).kind)
    : INVALID;
}

/** Kind of the first document, reference against answer. */
export function manifestConfusion(pairs: Scored<ManifestTarget>[]): ConfusionMatrix {
  const rows = pairs.map(
    (pair) => [firstKind(pair.target.manifest), firstKind(pair.prediction?.manifest)] as const,
  );
  const frequent = orderedLabels(rows.flat(), [INVALID]).filter((label) => label !== INVALID);
  const kept = new Set(frequent.slice(0, MAX_KINDS));
  const name = (label: string) => (label === INVALID || kept.has(label) ? label : '(other)');
  const labels = orderedLabels(
    rows.flatMap(([actual, predicted]) => [name(actual), name(predicted)]),
    ['(other)', INVALID],
  );
  const counts = labels.map(() => labels.map(() => 0));
  for (const [actual, predicted] of rows)
    counts[labels.indexOf(name(actual))]![labels.indexOf(name(predicted))]!++;
  return { subject: 'kind of the first document', labels, counts };
}

/** What is wrong with an answer, in words. */
export function describeManifestError(pair: Scored<ManifestTarget>): string {
  if (!pair.prediction) return failureText(pair);
  const comparison = comparePair(pair);
  if (!comparison.validYaml) return 'the answer is not valid YAML';
  const parts: string[] = [];
  if (!comparison.validKubernetes) parts.push('not a Kubernetes object (apiVersion/kind missing)');
  if (!comparison.kindMatch) {
    const kinds = (text: string) => manifestKinds(parseManifest(text).documents).join(', ');
    parts.push(`kinds [${kinds(pair.prediction.manifest)}] instead of [${kinds(pair.target.manifest)}]`);
  }
  parts.push(`field overlap ${comparison.fieldOverlap.toFixed(2)}`);
  return parts.join('; ');
}

/** The manifest task: valid YAML, valid Kubernetes object, kind match, field overlap. */
export const manifestEvaluation: EvalTaskDefinition<ManifestInput, ManifestTarget> = {
  name: 'manifest',
  loadTask: createManifestTask,
  readExamples: readManifestExamples,
  values: scoreManifests,
  primaryMetric: 'field_overlap',
  headlineMetrics: ['valid_yaml', 'valid_kubernetes', 'kind_match', 'field_overlap'],
  strata: ['iac_type', 'prompt_type', 'size_bucket'],
  exampleScore: (pair) => comparePair(pair).fieldOverlap,
  describeError: describeManifestError,
  confusion: manifestConfusion,
  errorAnalysis: analyzeManifestErrors,
};
