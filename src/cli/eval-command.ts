import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { loadConfig, resolveConfigPath } from '../config/load-config.js';
import { InfraLMError } from '../core/errors.js';
import type { SplitName } from '../dataset/split.js';
import type { Gate } from '../eval/gates.js';
import type { GlobalOptions } from './main.js';

/** Exit code of a run whose metrics miss a --fail-under gate. */
export const GATE_FAILED_EXIT_CODE = 3;

interface EvalOptions {
  model: string[];
  split: SplitName;
  runs: number;
  seed: number;
  concurrency: number;
  limit?: number;
  temperature?: number;
  resamples: number;
  failUnder: string[];
  runId?: string;
  cache: boolean;
  report: boolean;
}

/** The workspace folder from --workspace or the configuration. */
export function workspaceOf(command: Command): string {
  const globals = command.optsWithGlobals() as GlobalOptions;
  if (globals.workspace) return resolve(globals.workspace);
  const loaded = loadConfig({ file: globals.config, overrides: globals.set });
  return resolveConfigPath(loaded, loaded.config.workspace);
}

/** `infralm eval TASK --model SPEC ...`: evaluate models on a split and write a run folder. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate models on a task split: metrics with bootstrap CIs, error analysis, an HTML report',
    )
    // The names are listed here so that loading the command does not load every task (start-up time);
    // the registry checks the task exists when the command runs.
    .addArgument(program.createArgument('<task>', 'the task').choices(['plan', 'lint', 'manifest', 'review']))
    .option(
      '-m, --model <spec>',
      'a model: baseline, openai:URL#MODEL, gguf:PATH[?lora=ADAPTER] or router:specialist=SPEC,generalist=SPEC; repeatable (default baseline)',
      collect,
      [],
    )
    .addOption(
      new Option('--split <split>', 'the split to evaluate')
        .choices(['train', 'validation', 'test'])
        .default('test'),
    )
    .option(
      '--runs <n>',
      'runs per model; more than one samples (temperature 0.7) and reports mean ± sd',
      positiveInteger,
      1,
    )
    .option(
      '--seed <n>',
      'seed of the sampling (run i gets seed+i-1) and of the bootstrap',
      nonNegativeInteger,
      42,
    )
    .option('--concurrency <k>', 'predictions in flight per model', positiveInteger, 4)
    .option('--limit <n>', 'evaluate the first n examples only', positiveInteger)
    .option(
      '--temperature <t>',
      'sampling temperature (default 0, or 0.7 with --runs > 1)',
      nonNegativeNumber,
    )
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals', nonNegativeInteger, 1000)
    .option(
      '--fail-under <metric=value>',
      'exit 3 unless every model reaches the value (repeatable)',
      collect,
      [],
    )
    .option('--run-id <id>', 'name of the run folder (default: time, task and a random suffix)')
    .option('--no-cache', 'ignore cached predictions (new ones are still cached)')
    .option('--no-report', 'skip report.html, summary.md and the charts')
    .action(async (task: string, options: EvalOptions, command: Command) => {
      process.exitCode = await runEval(task, options, command);
    });
}

async function runEval(task: string, options: EvalOptions, command: Command): Promise<number> {
  const globals = command.optsWithGlobals() as GlobalOptions;
  const workspace = workspaceOf(command);
  // Loaded here, not at start-up: every other command would pay for the tasks and the report code.
  const { evaluate } = await import('../eval/evaluate.js');
  const { checkGates, parseGate, validateGates } = await import('../eval/gates.js');
  const { formatWithInterval } = await import('../eval/report/format.js');
  const { getEvalTask } = await import('../eval/task-registry.js');
  const definition = getEvalTask(task);
  const gates: Gate[] = options.failUnder.map(parseGate);
  validateGates(gates, Object.keys(definition.values([])));
  const models = options.model.length > 0 ? options.model : ['baseline'];
  let lastLine = '';
  const result = await evaluate({
    workspace,
    task,
    models,
    split: options.split,
    runs: options.runs,
    seed: options.seed,
    concurrency: options.concurrency,
    resamples: options.resamples,
    cache: options.cache,
    report: options.report,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.runId !== undefined ? { runId: options.runId } : {}),
    onProgress: (event) => {
      if (globals.quiet || globals.json || event.done !== event.total) return;
      const line = `eval ${task}: ${event.model} run ${event.run}/${options.runs}: ${event.total} examples\n`;
      if (line !== lastLine) process.stderr.write(line);
      lastLine = line;
    },
  });
  const gateResults = checkGates(result.metrics, gates);
  if (globals.json) {
    process.stdout.write(
      `${JSON.stringify({
        run_id: result.config.id,
        directory: result.directory,
        report: result.report?.html ?? null,
        metrics: result.metrics.models.map((model) => ({
          model: model.spec,
          values: model.values,
          ci: model.ci,
          sd: model.sd,
          failures: model.failures,
          cached: model.cached,
        })),
        gates: gateResults.results,
      })}\n`,
    );
  } else {
    const { metrics } = result;
    const lines = [
      `eval ${metrics.task} on ${metrics.split} (${metrics.examples} examples, ${metrics.runs} run${metrics.runs > 1 ? 's' : ''}): run ${result.config.id}`,
    ];
    for (const model of metrics.models) {
      const failures = model.failures.parse + model.failures.predictor + model.failures.transport;
      lines.push(`  ${model.spec}`);
      for (const metric of metrics.headline_metrics) {
        const sd = metrics.runs > 1 ? ` ± ${(model.sd[metric] ?? 0).toFixed(3)} sd` : '';
        lines.push(
          `    ${metric.padEnd(18)} ${formatWithInterval(model.values[metric], model.ci[metric])}${sd}`,
        );
      }
      lines.push(
        `    failures ${failures} (parse ${model.failures.parse}), cached ${model.cached}, ${model.latency_ms.mean.toFixed(1)} ms/example`,
      );
    }
    lines.push(`  run folder: ${result.directory}`);
    if (result.report)
      lines.push(`  report:     ${result.report.html}`, `  summary:    ${result.report.summary}`);
    for (const gate of gateResults.results) {
      lines.push(
        `  gate ${gate.metric} ≥ ${gate.threshold}: ${gate.model} ${gate.value.toFixed(3)} ${gate.passed ? 'pass' : 'FAIL'}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return gateResults.passed ? 0 : GATE_FAILED_EXIT_CODE;
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

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a number ≥ 0, got "${value}"`);
  return n;
}
