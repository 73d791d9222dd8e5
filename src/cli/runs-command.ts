import type { Command } from 'commander';
import { InfraLMError } from '../core/errors.js';
import { formatNumber } from '../eval/report/format.js';
import { summaryMarkdown } from '../eval/report/summary-markdown.js';
import {
  listRuns,
  readRunConfig,
  readRunMetrics,
  resolveRunDirectory,
  runsDirectory,
} from '../eval/run-store.js';
import { workspaceOf } from './eval-command.js';
import type { GlobalOptions } from './main.js';

/** `infralm runs list|show|compare|report`: the run store under <workspace>/runs. */
export function registerRunsCommand(program: Command): void {
  const runs = program
    .command('runs')
    .description('list, show and compare evaluation runs (<workspace>/runs)');

  runs
    .command('list')
    .description('every run, newest first, with its primary metric per model')
    .option('--task <task>', 'only runs of this task')
    .action((options: { task?: string }, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const all = listRuns(runsDirectory(workspaceOf(command))).filter(
        (run) => !options.task || run.task === options.task,
      );
      if (globals.json) {
        process.stdout.write(`${JSON.stringify(all.map(({ directory: _directory, ...run }) => run))}\n`);
        return;
      }
      if (all.length === 0) {
        process.stdout.write('no runs yet (infralm eval TASK --model SPEC)\n');
        return;
      }
      const rows = all.map((run) => [
        run.id,
        run.task,
        run.split,
        String(run.examples),
        run.status,
        run.primary
          ? Object.entries(run.primary)
              .map(([model, value]) => `${model} ${run.primary_metric}=${formatNumber(value)}`)
              .join('; ')
          : run.models.join(', '),
      ]);
      process.stdout.write(renderTable(['id', 'task', 'split', 'examples', 'status', 'models'], rows));
    });

  runs
    .command('show')
    .description("a run's summary (metrics.json with --json)")
    .argument('<id>', 'run id or run folder')
    .action((id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const directory = resolveRunDirectory(runsDirectory(workspaceOf(command)), id);
      const config = readRunConfig(directory);
      const metrics = readRunMetrics(directory);
      if (globals.json) {
        process.stdout.write(`${JSON.stringify({ config, metrics })}\n`);
        return;
      }
      process.stdout.write(`${summaryMarkdown(config, metrics)}\nrun folder: ${directory}\n`);
    });

  runs
    .command('compare')
    .description('B − A on the examples both runs scored, with paired-bootstrap intervals and p-values')
    .argument('<a>', 'run id or folder (the reference)')
    .argument('<b>', 'run id or folder (the candidate)')
    .option('--model-a <spec>', 'model of run A (default: its first)')
    .option('--model-b <spec>', 'model of run B (default: its first)')
    .option('--resamples <n>', 'bootstrap resamples', positiveInteger, 1000)
    .option('--seed <n>', 'bootstrap seed', nonNegativeInteger, 42)
    .action(
      async (
        a: string,
        b: string,
        options: { modelA?: string; modelB?: string; resamples: number; seed: number },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals() as GlobalOptions;
        const folder = runsDirectory(workspaceOf(command));
        const { compareRuns } = await import('../eval/compare-runs.js');
        const comparison = await compareRuns(resolveRunDirectory(folder, a), resolveRunDirectory(folder, b), {
          ...(options.modelA ? { modelA: options.modelA } : {}),
          ...(options.modelB ? { modelB: options.modelB } : {}),
          resamples: options.resamples,
          seed: options.seed,
        });
        if (globals.json) {
          process.stdout.write(`${JSON.stringify(comparison)}\n`);
          return;
        }
        const header =
          `${comparison.task}: B (${comparison.b.run}, ${comparison.b.model}) − A (${comparison.a.run}, ${comparison.a.model}) ` +
          `on ${comparison.examples} paired examples` +
          (comparison.only_in_a + comparison.only_in_b > 0
            ? ` (${comparison.only_in_a} only in A, ${comparison.only_in_b} only in B, left out)`
            : '') +
          `; ${Math.round(comparison.confidence * 100)}% paired bootstrap, ${comparison.resamples} resamples\n`;
        const rows = Object.entries(comparison.metrics).map(([metric, difference]) => [
          metric + (metric === comparison.primary_metric ? ' *' : ''),
          formatNumber(difference.a, metric),
          formatNumber(difference.b, metric),
          signed(difference.delta),
          `[${signed(difference.low)}, ${signed(difference.high)}]`,
          difference.p_value.toFixed(3),
          difference.significant ? 'yes' : 'no',
        ]);
        process.stdout.write(
          header + renderTable(['metric', 'A', 'B', 'B − A', 'CI', 'p', 'significant'], rows),
        );
      },
    );

  runs
    .command('report')
    .description("rewrite a run's report.html, summary.md and charts from its files")
    .argument('<id>', 'run id or run folder')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const directory = resolveRunDirectory(runsDirectory(workspaceOf(command)), id);
      const { writeReport } = await import('../eval/report/write-report.js');
      const written = await writeReport(directory);
      if (globals.json) process.stdout.write(`${JSON.stringify(written)}\n`);
      else process.stdout.write(`report: ${written.html}\nsummary: ${written.summary}\n`);
    });
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

/** A plain-text table with padded columns. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((text, column) => (column === cells.length - 1 ? text : text.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')}\n`;
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
