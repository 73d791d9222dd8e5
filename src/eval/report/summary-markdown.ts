import type { RunConfig, RunMetrics } from '../types.js';
import { escapeMarkdownCell, formatNumber, formatWithInterval, shortId } from './format.js';

/** A Markdown summary of a run to paste into a pull request. */
export function summaryMarkdown(config: RunConfig, metrics: RunMetrics): string {
  const multiRun = metrics.runs > 1;
  const lines = [
    `### InfraLM eval: ${metrics.task} (${metrics.split} split, ${metrics.examples} examples)`,
    '',
    `Run \`${config.id}\` · ${metrics.runs} run${multiRun ? `s (temperature ${config.temperature}, mean ± sd over runs)` : ''} · ` +
      `${Math.round(metrics.confidence * 100)}% bootstrap CI over examples (${metrics.resamples} resamples, seed ${config.seed})`,
    '',
    `| model | ${metrics.headline_metrics.join(' | ')} | failures | ms / example |`,
    `|---|${metrics.headline_metrics.map(() => '---|').join('')}---|---|`,
  ];
  for (const model of metrics.models) {
    const cells = metrics.headline_metrics.map((metric) => {
      const text = formatWithInterval(model.values[metric], model.ci[metric]);
      return multiRun ? `${text} ± ${formatNumber(model.sd[metric])}` : text;
    });
    const failures = model.failures.parse + model.failures.predictor + model.failures.transport;
    lines.push(
      `| \`${escapeMarkdownCell(model.spec)}\` | ${cells.join(' | ')} | ${failures} | ${model.latency_ms.mean.toFixed(1)} |`,
    );
  }
  for (const model of metrics.models) {
    if (model.worst.length === 0) continue;
    lines.push('', `<details><summary>Worst examples: ${escapeMarkdownCell(model.spec)}</summary>`, '');
    for (const example of model.worst.slice(0, 5)) {
      const where = example.source_path ? ` ${escapeMarkdownCell(example.source_path)}` : '';
      lines.push(
        `- \`${shortId(example.id)}\`${where}: ${formatNumber(example.score)}: ${escapeMarkdownCell(example.description)}`,
      );
    }
    lines.push('', '</details>');
  }
  lines.push('');
  return lines.join('\n');
}
