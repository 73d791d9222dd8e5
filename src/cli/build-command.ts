import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { loadConfig, resolveConfigPath } from '../config/load-config.js';
import { InfraLMError } from '../core/errors.js';
import type { ResolvedSource } from '../pipeline/manifest-dag.js';
import type { GlobalOptions } from './main.js';
import { runManifestPipeline } from './run-manifest-pipeline.js';

const TASKS = ['manifest', 'plan', 'review', 'lint', 'triage'] as const;

/** `infralm build <task>`: build a task's dataset from a corpus. */
export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('build a task dataset (bronze → silver → gold, with reports)')
    .addArgument(program.createArgument('<task>', 'the task').choices(TASKS))
    .option(
      '-i, --input <dir>',
      'a local folder or git checkout (Kubernetes YAML for manifest, Terraform for plan; repeatable)',
      collect,
      [],
    )
    .option(
      '--parquet <file|url>',
      'the-stack-dedup style parquet: a file, a folder, or an https URL (repeatable)',
      collect,
      [],
    )
    .option('--max-rows <n>', 'read at most n rows from each parquet source', positiveInteger)
    .addOption(new Option('--format <format>', 'record format').choices(['tool_calls', 'legacy']))
    .option(
      '--no-keyword-gate',
      'keep manifests without an ML-infrastructure keyword (general Kubernetes dataset)',
    )
    .option('--workers <n>', 'worker threads (0 = one per core)', nonNegativeInteger)
    .option('-f, --force', 'rerun every stage even when nothing changed', false)
    .option('--strict', 'exit non-zero (3) when the anomaly check raises a critical alert', false)
    .option('--synthetic <n>', 'plan: synthetic edge-case examples to add (default 50)', nonNegativeInteger)
    .addOption(
      new Option(
        '--insecure-at <severity>',
        'lint: label INSECURE at or above this severity (default HIGH)',
      ).choices(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
    )
    .option(
      '--labels-from <report>',
      'lint: label from a Checkov/Trivy/KICS/SARIF report where it covers a file (repeatable)',
      collect,
      [],
    )
    .option('--augment-from <run-dir>', "plan: weight the synthetic examples by a run's error analysis")
    .option(
      '--seed <n>',
      'plan: seed of the synthetic examples and the split (default 42)',
      nonNegativeInteger,
    )
    .action(async (task: string, options, command: Command) => {
      if (task === 'plan') {
        process.exitCode = await runPlanBuild(command, options);
        return;
      }
      if (task === 'lint') {
        process.exitCode = await runLintBuild(command, options);
        return;
      }
      if (task === 'review') {
        const globals = command.optsWithGlobals() as GlobalOptions;
        const loaded = loadConfig({ file: globals.config, overrides: globals.set });
        const workspace = globals.workspace
          ? resolve(globals.workspace)
          : resolveConfigPath(loaded, loaded.config.workspace);
        const { runReviewBuild } = await import('./build-review.js');
        const result = await runReviewBuild(workspace, { seed: options.seed ?? 42 });
        if (globals.json) process.stdout.write(`${JSON.stringify({ workspace, ...result })}\n`);
        else if (!globals.quiet) process.stderr.write(`review dataset: ${JSON.stringify(result)}\n`);
        return;
      }
      if (task !== 'manifest') {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          `build ${task} is not available yet; "manifest", "plan", "lint" and "review" are`,
        );
      }
      const sources: ResolvedSource[] = [];
      (options.input as string[]).forEach((input, index) => {
        const path = resolve(input);
        if (!existsSync(path)) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', path);
        sources.push({
          name: index === 0 ? 'input' : `input-${index + 1}`,
          kind: 'directory',
          path: input,
          max_bytes: 1_048_576,
          resolved: path,
        });
      });
      (options.parquet as string[]).forEach((location, index) => {
        const remote = /^https?:\/\//.test(location);
        const resolved = remote ? location : resolve(location);
        if (!remote && !existsSync(resolved)) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', resolved);
        sources.push({
          name: index === 0 ? 'parquet' : `parquet-${index + 1}`,
          kind: 'parquet',
          location,
          max_rows: options.maxRows,
          resolved,
        });
      });
      const overrides: string[] = [];
      if (options.format) overrides.push(`manifest.format=${options.format}`);
      if (options.keywordGate === false) overrides.push('manifest.filter.keywords.enabled=false');
      if (options.workers !== undefined) overrides.push(`workers=${options.workers}`);
      process.exitCode = await runManifestPipeline(command, {
        force: options.force,
        strict: options.strict,
        sources: sources.length > 0 ? sources : undefined,
        overrides,
      });
    });
}

async function runLintBuild(
  command: Command,
  options: {
    input: string[];
    seed?: number;
    insecureAt?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
    labelsFrom: string[];
  },
): Promise<number> {
  const globals = command.optsWithGlobals() as GlobalOptions;
  const loaded = loadConfig({ file: globals.config, overrides: globals.set });
  const workspace = globals.workspace
    ? resolve(globals.workspace)
    : resolveConfigPath(loaded, loaded.config.workspace);
  if (options.input.length === 0)
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      'build lint needs --input DIR (Terraform and/or Kubernetes files)',
    );
  for (const input of options.input) {
    if (!existsSync(resolve(input))) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', resolve(input));
  }
  const { buildLintDataset } = await import('../dataset/lint/build-lint-dataset.js');
  const result = await buildLintDataset(workspace, {
    inputs: options.input.map((input) => resolve(input)),
    seed: options.seed ?? 42,
    ...(options.insecureAt ? { insecureAt: options.insecureAt } : {}),
    ...(options.labelsFrom.length > 0 ? { labelsFrom: options.labelsFrom.map((file) => resolve(file)) } : {}),
  });
  if (globals.json) process.stdout.write(`${JSON.stringify({ workspace, ...result })}\n`);
  else if (!globals.quiet) {
    process.stderr.write(
      `lint dataset in ${workspace}/gold/lint: train ${result.records.train} (balanced ${result.balanced_train}), validation ${result.records.validation}, test ${result.records.test}; labels ${JSON.stringify(result.labels)}\n`,
    );
  }
  return 0;
}

async function runPlanBuild(
  command: Command,
  options: {
    input: string[];
    synthetic?: number;
    augmentFrom?: string;
    seed?: number;
    engine?: 'static' | 'terraform' | 'tofu';
  },
): Promise<number> {
  const globals = command.optsWithGlobals() as GlobalOptions;
  const loaded = loadConfig({ file: globals.config, overrides: globals.set });
  const workspace = globals.workspace
    ? resolve(globals.workspace)
    : resolveConfigPath(loaded, loaded.config.workspace);
  if (options.input.length === 0 && (options.synthetic ?? 50) === 0) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      'build plan needs --input DIR (a Terraform corpus) or --synthetic N',
    );
  }
  for (const input of options.input) {
    if (!existsSync(resolve(input))) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', resolve(input));
  }
  const { buildPlanDataset } = await import('../dataset/plan/build-plan-dataset.js');
  const result = await buildPlanDataset(workspace, {
    inputs: options.input.map((input) => resolve(input)),
    synthetic: options.synthetic ?? 50,
    seed: options.seed ?? 42,
    ...(options.augmentFrom ? { augmentFrom: resolve(options.augmentFrom) } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ workspace, ...result })}\n`);
  } else if (!globals.quiet) {
    const dropped = Object.entries(result.drops)
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
    process.stderr.write(
      `plan dataset in ${workspace}/gold/plan: train ${result.records.train}, validation ${result.records.validation}, test ${result.records.test} ` +
        `(${result.corpus_examples} from ${result.modules} modules, ${result.synthetic_examples} synthetic; dropped: ${dropped || 'none'})\n`,
    );
  }
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a positive integer, got "${value}"`);
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected an integer ≥ 0, got "${value}"`);
  return n;
}
