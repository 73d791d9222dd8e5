import { loadAll } from 'js-yaml';
import type { Scored } from '../../core/types.js';
import type { ManifestTarget } from '../../tasks/manifest/record.js';
import { mean } from '../statistics.js';

// The manifest task's metrics, per example then averaged:
// - valid_yaml: the answer parses as a YAML stream with at least one non-empty document;
// - valid_kubernetes: and every non-empty document is a mapping with string apiVersion and kind;
// - kind_match: the multiset of kinds equals the reference's;
// - field_overlap: F1 between the multisets of leaf fields (`Kind:path=value`, list positions
//   dropped so order does not matter) of the answer and the reference.
// A failed prediction scores 0 on all four. Both sides empty of fields counts as full overlap.

export interface ManifestComparison {
  validYaml: boolean;
  validKubernetes: boolean;
  kindMatch: boolean;
  fieldOverlap: number;
  fieldPrecision: number;
  fieldRecall: number;
  /** Kind of the first document, or undefined when the text is not Kubernetes YAML. */
  primaryKind: string | undefined;
}

interface ParsedManifest {
  valid: boolean;
  documents: unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Parse a YAML stream; non-empty documents only. */
export function parseManifest(text: string): ParsedManifest {
  try {
    const documents = loadAll(text).filter((document) => document !== null && document !== undefined);
    return { valid: documents.length > 0, documents };
  } catch {
    return { valid: false, documents: [] };
  }
}

function kindOf(document: unknown): string | undefined {
  return isObject(document) && typeof document.kind === 'string' && document.kind !== ''
    ? document.kind
    : undefined;
}

/** The kinds of a manifest's documents, sorted ("?" for a document without one). */
export function manifestKinds(documents: unknown[]): string[] {
  return documents.map((document) => kindOf(document) ?? '?').sort();
}

function isKubernetesObject(document: unknown): boolean {
  return (
    isObject(document) &&
    typeof document.apiVersion === 'string' &&
    document.apiVersion !== '' &&
    kindOf(document) !== undefined
  );
}

function flatten(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${path}=[]`);
    for (const item of value) flatten(item, `${path}[]`, out);
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) out.push(`${path}={}`);
    for (const key of keys) flatten(value[key], path === '' ? key : `${path}.${key}`, out);
  } else {
    out.push(`${path}=${JSON.stringify(value instanceof Date ? value.toISOString() : value)}`);
  }
}

/** The leaf fields of a manifest's documents, each prefixed by its document's kind. */
export function manifestFields(documents: unknown[]): string[] {
  const out: string[] = [];
  for (const document of documents) {
    const leaves: string[] = [];
    flatten(document, '', leaves);
    const kind = kindOf(document) ?? '?';
    for (const leaf of leaves) out.push(`${kind}:${leaf}`);
  }
  return out;
}

function counts(items: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/** Precision, recall and F1 between two multisets. */
export function multisetOverlap(
  predicted: string[],
  expected: string[],
): { precision: number; recall: number; f1: number } {
  if (predicted.length === 0 && expected.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const expectedCounts = counts(expected);
  let common = 0;
  for (const [item, count] of counts(predicted)) common += Math.min(count, expectedCounts.get(item) ?? 0);
  const precision = predicted.length === 0 ? 0 : common / predicted.length;
  const recall = expected.length === 0 ? 0 : common / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Compare an answer (undefined when the prediction failed) with the reference manifest. */
export function compareManifests(prediction: string | undefined, reference: string): ManifestComparison {
  const failed: ManifestComparison = {
    validYaml: false,
    validKubernetes: false,
    kindMatch: false,
    fieldOverlap: 0,
    fieldPrecision: 0,
    fieldRecall: 0,
    primaryKind: undefined,
  };
  if (prediction === undefined) return failed;
  const predicted = parseManifest(prediction);
  if (!predicted.valid) return failed;
  const expected = parseManifest(reference);
  const kinds = (documents: unknown[]) => manifestKinds(documents).join(',');
  const overlap = multisetOverlap(manifestFields(predicted.documents), manifestFields(expected.documents));
  const validKubernetes = predicted.documents.every(isKubernetesObject);
  return {
    validYaml: true,
    validKubernetes,
    kindMatch: kinds(predicted.documents) === kinds(expected.documents),
    fieldOverlap: overlap.f1,
    fieldPrecision: overlap.precision,
    fieldRecall: overlap.recall,
    primaryKind: validKubernetes ? kindOf(predicted.documents[0]) : undefined,
  };
}

// Bootstrap resamples score the same pair objects many times: parse each pair once.
const memo = new WeakMap<Scored<ManifestTarget>, ManifestComparison>();

/** The comparison of a scored pair (memoized per pair object). */
export function comparePair(pair: Scored<ManifestTarget>): ManifestComparison {
  let comparison = memo.get(pair);
  if (!comparison) {
    comparison = compareManifests(pair.prediction?.manifest, pair.target.manifest);
    memo.set(pair, comparison);
  }
  return comparison;
}

/** The manifest metrics of a set of predictions (means over examples). */
export function scoreManifests(pairs: Scored<ManifestTarget>[]): Record<string, number> {
  const comparisons = pairs.map(comparePair);
  const rate = (test: (comparison: ManifestComparison) => boolean) =>
    mean(comparisons.map((comparison) => (test(comparison) ? 1 : 0)));
  return {
    examples: pairs.length,
    valid_yaml: rate((comparison) => comparison.validYaml),
    valid_kubernetes: rate((comparison) => comparison.validKubernetes),
    kind_match: rate((comparison) => comparison.kindMatch),
    field_overlap: mean(comparisons.map((comparison) => comparison.fieldOverlap)),
    field_precision: mean(comparisons.map((comparison) => comparison.fieldPrecision)),
    field_recall: mean(comparisons.map((comparison) => comparison.fieldRecall)),
    parse_failure_rate: mean(pairs.map((pair) => (pair.prediction === undefined ? 1 : 0))),
  };
}
