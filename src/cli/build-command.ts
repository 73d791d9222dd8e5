import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { InfraLMError } from '../core/errors.js';
import type { ResolvedSource } from '../pipeline/manifest-dag.js';
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
      'a local folder or git checkout of Kubernetes YAML (repeatable)',
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
    .action(async (task: string, options, command: Command) => {
      if (task !== 'manifest') {
        throw new InfraLMError('INFRALM_ERR_USAGE', `build ${task} is not available yet; only "manifest" is`);
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
