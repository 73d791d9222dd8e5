import { posix } from 'node:path';
import { sha256, stableStringify } from '../../core/hash.js';
import type { Document, Example, Step } from '../../core/types.js';
import { providerShortName, summarizeModuleTree } from '../../iac/terraform/analysis/module-summary.js';
import { isConfigFileName, loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import { automaticVariableFiles } from '../../iac/terraform/config/variable-values.js';
import { staticPlan } from '../../iac/terraform/plan/static-plan.js';
import { redactFiles } from '../../quality/redact-files.js';
import { memoryFiles } from './memory-files.js';
import { normalizeTarget } from './prompt.js';
import type { PlanInput, PlanTarget } from './types.js';

// Corpus → plan examples: the documents of one repository at a time (a directory source yields them
// contiguously), every directory with configuration files planned as a root module. A module the
// static planner cannot label exactly (errors, undecidable expansions, remote modules not
// downloaded, required variables without values) is dropped with its reason, never guessed.

export const PLAN_DROP_REASONS = [
  'plan-error',
  'required-variables',
  'undecidable',
  'no-changes',
  'input-too-large',
] as const;

export interface PlanBuildOptions {
  /** Largest prompt input, in characters of file content (default 48k). */
  maxInputChars?: number;
}

/** The plan task's build step. */
export function buildPlanExamples(
  options: PlanBuildOptions = {},
): Step<Document, Example<PlanInput, PlanTarget>> {
  const maxInputChars = options.maxInputChars ?? 48_000;
  return async function* (documents, context) {
    let repository: string | undefined;
    let buffered: Document[] = [];
    const flush = function* () {
      if (buffered.length > 0) yield* planRepository(buffered, maxInputChars, context);
      buffered = [];
    };
    for await (const document of documents) {
      const repo = document.source.repo ?? '';
      if (repository !== undefined && repo !== repository) yield* flush();
      repository = repo;
      buffered.push(document);
    }
    yield* flush();
  };
}

function* planRepository(
  documents: Document[],
  maxInputChars: number,
  context: Parameters<Step<Document, unknown>>[1],
): Generator<Example<PlanInput, PlanTarget>> {
  const byPath = new Map(documents.map((document) => [document.source.path, document]));
  const moduleDirectories = [
    ...new Set(
      documents
        .filter((document) => isConfigFileName(posix.basename(document.source.path)))
        .map((document) => posix.dirname(document.source.path)),
    ),
  ].sort();
  for (const directory of moduleDirectories) {
    context.count('modules');
    // The repository seen from this directory: paths relative to it (`../modules/x/main.tf`).
    const view = new Map<string, string>();
    for (const [path, document] of byPath) view.set(posix.relative(directory, path) || path, document.text);
    const reader = memoryFiles(view);
    const tree = loadModuleTree('.', reader);
    const result = staticPlan(tree, { files: reader });
    const label = `${documents[0]!.source.repo ?? ''}/${directory}`;
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.some((error) => error.summary === 'No value for required variable')) {
      context.drop(label, 'required-variables');
      continue;
    }
    if (errors.length > 0) {
      context.drop(label, 'plan-error', `${errors[0]!.summary}: ${errors[0]!.detail.split('\n')[0]}`);
      continue;
    }
    if (result.undecided.length > 0) {
      context.drop(label, 'undecidable', result.undecided[0]!.reason);
      continue;
    }
    if (result.resource_changes.length === 0) {
      context.drop(label, 'no-changes');
      continue;
    }
    const files: PlanInput['files'] = [];
    for (const module of tree.modules) {
      for (const file of module.files)
        files.push({ path: file.filename, content: view.get(file.filename) ?? '' });
    }
    for (const name of automaticVariableFiles(reader.listDirectory('.') ?? []))
      files.push({ path: name, content: view.get(name) ?? '' });
    files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
    const size = files.reduce((sum, file) => sum + file.content.length, 0);
    if (size > maxInputChars) {
      context.drop(label, 'input-too-large', `${size} characters`);
      continue;
    }
    // Addresses and actions do not depend on secret values: the files are written redacted.
    const input: PlanInput = {
      files: redactFiles(files, (type, n) => context.count(`redactions:${type}`, n)).files,
    };
    const target = normalizeTarget({
      resource_changes: result.resource_changes.map((change) => ({
        address: change.address,
        actions: change.change.actions,
      })),
    });
    const summary = summarizeModuleTree(tree);
    const providerCounts = new Map<string, number>();
    for (const change of result.resource_changes) {
      const provider = providerShortName(change.provider_name);
      providerCounts.set(provider, (providerCounts.get(provider) ?? 0) + 1);
    }
    const provider = [...providerCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const first = documents[0]!.source;
    context.count('examples');
    yield {
      id: sha256(stableStringify(input)),
      task: 'plan',
      input,
      target,
      group: first.repo ?? 'unknown',
      strata: { provider, complexity: summary.bucket, label_source: 'static' },
      source: { ...first, path: directory },
    };
  }
}
