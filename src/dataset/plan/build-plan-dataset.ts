import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../core/atomic-write.js';
import { InfraLMError } from '../../core/errors.js';
import { sha256, stableStringify } from '../../core/hash.js';
import type { Example, StepContext } from '../../core/types.js';
import { directorySource } from '../../corpus/directory-source.js';
import { createSourceStats } from '../../corpus/source-stats.js';
import { PLAN_DROP_REASONS } from '../../tasks/plan/build.js';
import type { AddressCategory, PlanErrorAnalysis } from '../../tasks/plan/error-analysis.js';
import { normalizeTarget } from '../../tasks/plan/prompt.js';
import { generateSynthetic } from '../../tasks/plan/synthetic.js';
import { planTask } from '../../tasks/plan/task.js';
import type { PlanInput, PlanTarget } from '../../tasks/plan/types.js';
import { assignSplits, SPLIT_NAMES, type SplitName, splitStats } from '../split.js';
import { planWithCli } from './terraform-cli.js';

// `infralm build plan`: Terraform corpus → plan examples (labelled by the static planner) plus
// synthetic edge cases → group-isolated splits stratified by provider → gold chat records, with a
// yield report. With --augment-from, the synthetic mix follows a run's error analysis.

export interface PlanDatasetOptions {
  inputs: string[];
  synthetic: number;
  seed: number;
  /** A run directory holding error-analysis.json (from `infralm eval plan`). */
  augmentFrom?: string;
  /**
   * Label corpus examples with the real CLI (`terraform` or `tofu`, which must be on PATH and able to
   * install the providers); an example the CLI cannot plan keeps its static label, marked as such.
   */
  engine?: 'static' | 'terraform' | 'tofu';
  ratios?: Record<SplitName, number>;
}

export interface PlanDatasetResult {
  records: Record<SplitName, number>;
  corpus_examples: number;
  synthetic_examples: number;
  modules: number;
  drops: Record<string, number>;
  drop_examples: Record<string, string[]>;
  by_provider: Record<string, number>;
  by_complexity: Record<string, number>;
  by_label_source: Record<string, number>;
  /** With --engine terraform|tofu: how many examples the CLI labelled, and why the others kept static labels. */
  cli_labels?: Record<string, number>;
  augmentation?: Partial<Record<AddressCategory, number>>;
}

/** Build the plan dataset into `workspace`. */
export async function buildPlanDataset(
  workspace: string,
  options: PlanDatasetOptions,
): Promise<PlanDatasetResult> {
  const drops: Record<string, number> = Object.fromEntries(PLAN_DROP_REASONS.map((reason) => [reason, 0]));
  const dropExamples: Record<string, string[]> = {};
  let modules = 0;
  const context: StepContext = {
    count(name, n = 1) {
      if (name === 'modules') modules += n;
    },
    drop(item, reason, detail) {
      drops[reason] = (drops[reason] ?? 0) + 1;
      dropExamples[reason] ??= [];
      if (dropExamples[reason].length < 10)
        dropExamples[reason].push(detail ? `${String(item)}: ${detail}` : String(item));
    },
  };
  const examples: Example<PlanInput, PlanTarget>[] = [];
  for (const input of options.inputs) {
    const stats = createSourceStats();
    // Terraform files only; templates and other files the configuration reads come along too.
    for await (const example of planTask.build(directorySource(input, { stats }), context))
      examples.push(example);
  }
  const corpusExamples = examples.length;
  const relabelled: Record<string, number> = {};
  if (options.engine && options.engine !== 'static') {
    for (const example of examples) {
      const outcome = await labelWithCli(example.input, options.engine);
      relabelled[outcome.status] = (relabelled[outcome.status] ?? 0) + 1;
      if (outcome.status !== 'labelled') continue;
      example.target = outcome.target;
      example.strata = { ...example.strata, label_source: options.engine };
    }
  }

  let weights: Partial<Record<AddressCategory, number>> | undefined;
  if (options.augmentFrom) weights = augmentationWeights(options.augmentFrom);
  for (const synthetic of generateSynthetic(options.synthetic, options.seed, weights)) {
    examples.push({
      id: sha256(stableStringify(synthetic.input)),
      task: 'plan',
      input: synthetic.input,
      target: synthetic.target,
      group: `synthetic/${synthetic.template}`,
      strata: {
        provider: 'synthetic',
        complexity: 'simple',
        label_source: 'static',
        template: synthetic.template,
      },
      source: { kind: 'synthetic', path: synthetic.template },
    });
  }
  // Identical inputs (a module vendored twice) would leak across splits: keep the first.
  const seen = new Set<string>();
  const unique = examples.filter((example) => {
    if (seen.has(example.id)) return false;
    seen.add(example.id);
    return true;
  });
  drops.duplicate = examples.length - unique.length;

  const assignment = assignSplits(
    unique.map((example) => ({ group: example.group, stratum: example.strata.provider ?? 'unknown' })),
    { ratios: options.ratios ?? { train: 0.8, validation: 0.1, test: 0.1 }, seed: options.seed },
  );
  const lines: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  const meta: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  for (const example of unique) {
    const split = assignment.get(example.group) ?? 'train';
    const messages = [...planTask.messages(example.input), planTask.render(example.target)];
    lines[split].push(JSON.stringify({ messages }));
    meta[split].push(
      JSON.stringify({
        id: example.id,
        group: example.group,
        strata: example.strata,
        source: example.source,
        input: example.input,
        target: example.target,
      }),
    );
  }
  const gold = join(workspace, 'gold', 'plan');
  for (const split of SPLIT_NAMES) {
    await writeFileAtomic(join(gold, `${split}.jsonl`), lines[split].map((line) => `${line}\n`).join(''));
    await writeFileAtomic(join(gold, `${split}.meta.jsonl`), meta[split].map((line) => `${line}\n`).join(''));
  }
  const count = (key: string) => {
    const out: Record<string, number> = {};
    for (const example of unique)
      out[example.strata[key] ?? 'unknown'] = (out[example.strata[key] ?? 'unknown'] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort());
  };
  const result: PlanDatasetResult = {
    records: { train: lines.train.length, validation: lines.validation.length, test: lines.test.length },
    corpus_examples: corpusExamples,
    synthetic_examples: examples.length - corpusExamples,
    modules,
    drops,
    drop_examples: dropExamples,
    by_provider: count('provider'),
    by_complexity: count('complexity'),
    by_label_source: count('label_source'),
    ...(options.engine && options.engine !== 'static' ? { cli_labels: relabelled } : {}),
    ...(weights ? { augmentation: weights } : {}),
  };
  const stats = splitStats(
    unique.map((example) => ({ group: example.group, stratum: example.strata.provider ?? 'unknown' })),
    assignment,
  );
  await writeJsonAtomic(join(gold, 'stats.json'), { ...result, split: stats });
  await writeJsonAtomic(join(workspace, 'reports', 'plan', 'yield.json'), result);
  return result;
}

/** Plan an example's files with the real CLI, in a temporary copy laid out as in the repository. */
async function labelWithCli(
  input: PlanInput,
  engine: 'terraform' | 'tofu',
): Promise<{ status: 'labelled'; target: PlanTarget } | { status: 'cli-rejected' | 'cli-failed' }> {
  // Paths such as ../modules/x/main.tf need as many folders above the root as they climb.
  const depth = Math.max(
    0,
    ...input.files.map((file) => (/^(?:\.\.\/)+/.exec(file.path)?.[0].length ?? 0) / 3),
  );
  const base = mkdtempSync(join(tmpdir(), 'infralm-cli-label-'));
  const root = join(base, ...Array.from({ length: depth }, (_, index) => `up${index}`), 'root');
  try {
    for (const file of input.files) {
      const path = resolve(root, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    const result = await planWithCli(root, { engine, timeoutMs: 120_000 });
    if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
      // Rejected by the CLI: often providers it cannot install here; the static label stays.
      return {
        status: result.diagnostics.some((diagnostic) =>
          /provider|registry|download|init/i.test(`${diagnostic.summary} ${diagnostic.detail}`),
        )
          ? 'cli-failed'
          : 'cli-rejected',
      };
    }
    return {
      status: 'labelled',
      target: normalizeTarget({
        resource_changes: result.resource_changes.map((change) => ({
          address: change.address,
          actions: change.change.actions,
        })),
      }),
    };
  } catch {
    return { status: 'cli-failed' };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Category weights for synthetic generation: the missed rate of each category in a run. */
export function augmentationWeights(runDirectory: string): Partial<Record<AddressCategory, number>> {
  let analysis: PlanErrorAnalysis;
  const path = join(runDirectory, 'error-analysis.json');
  try {
    analysis = JSON.parse(readFileSync(path, 'utf8')) as PlanErrorAnalysis;
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `${path} (${(error as Error).message})`);
  }
  if (analysis.task !== 'plan')
    throw new InfraLMError('INFRALM_ERR_USAGE', `${path} is not a plan error analysis`);
  const weights: Partial<Record<AddressCategory, number>> = {};
  for (const [category, missed] of Object.entries(analysis.missed_by_category) as [
    AddressCategory,
    number,
  ][]) {
    const expected = analysis.expected_by_category[category] ?? 0;
    if (missed > 0) weights[category] = expected > 0 ? missed / expected : 1;
  }
  return weights;
}
