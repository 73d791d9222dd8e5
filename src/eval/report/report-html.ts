import type { ConfusionMatrix, RunConfig, RunMetrics } from '../types.js';
import { escapeHtml, formatNumber, formatWithInterval, shortId } from './format.js';

// report.html: one self-contained file (inline CSS, inline SVG charts, HTML tables, no scripts),
// readable offline. PNG and SVG copies of the charts sit in charts/ beside it.

export interface RenderedChart {
  name: string;
  title: string;
  svg: string;
}

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin-bottom:6px}.meta{color:#555;font-size:13px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure.chart{margin:0;border:1px solid #eee;padding:8px}
figcaption{font-size:12px;color:#555;margin-top:4px}pre{background:#f8f8f8;padding:8px;overflow:auto;font-size:12px;max-height:480px}
code{font-size:12px}.fail{color:#a00;font-weight:bold}.pass{color:#070;font-weight:bold}`;

/** Prefix the ids inside one SVG so several inline SVGs cannot reference each other's clip paths. */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(
      /(xlink:)?href="#([^"]+)"/g,
      (_, xlink: string | undefined, id: string) => `${xlink ?? ''}href="#${prefix}-${id}"`,
    );
}

function table(headers: string[], rows: string[][], className = ''): string {
  const head = `<tr>${headers.map((header) => `<th>${header}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
const numberCell = (text: string) => `<td class="number">${escapeHtml(text)}</td>`;

function confusionTable(matrix: ConfusionMatrix): string {
  return table(
    ['reference ↓ / predicted →', ...matrix.labels.map(escapeHtml)],
    matrix.labels.map((label, row) => [
      `<th>${escapeHtml(label)}</th>`,
      ...matrix.labels.map((_, column) => numberCell(String(matrix.counts[row]?.[column] ?? 0))),
    ]),
    'confusion',
  );
}

/** The whole report page. */
export function reportHtml(
  config: RunConfig,
  metrics: RunMetrics,
  charts: RenderedChart[],
  errorAnalysis: unknown,
): string {
  const multiRun = metrics.runs > 1;
  const metricNames = Object.keys(metrics.models[0]?.values ?? {});
  const parts: string[] = [];
  parts.push(`<header><h1>InfraLM evaluation: ${escapeHtml(metrics.task)}</h1>
<p class="meta">Run <code>${escapeHtml(config.id)}</code> · ${escapeHtml(metrics.split)} split · ${metrics.examples} examples · ${metrics.runs} run${multiRun ? `s at temperature ${config.temperature}` : ''} · seed ${config.seed} · ${Math.round(metrics.confidence * 100)}% percentile bootstrap intervals over examples (${metrics.resamples} resamples) · created ${escapeHtml(config.created_at)} · infralm ${escapeHtml(config.infralm_version)}</p></header>`);

  const headlineRows = metrics.models.map((model) => [
    `<td><code>${escapeHtml(model.spec)}</code></td>`,
    ...metrics.headline_metrics.map((metric) =>
      numberCell(
        formatWithInterval(model.values[metric], model.ci[metric]) +
          (multiRun ? ` ± ${formatNumber(model.sd[metric])}` : ''),
      ),
    ),
    numberCell(String(model.failures.parse)),
    numberCell(String(model.failures.predictor + model.failures.transport)),
    numberCell(String(model.cached)),
    numberCell(model.latency_ms.mean.toFixed(1)),
    numberCell(model.tokens ? `${model.tokens.prompt} / ${model.tokens.completion}` : '—'),
  ]);
  parts.push(`<section id="headline"><h2>Headline</h2>
${table(
  [
    'model',
    ...metrics.headline_metrics.map((metric) =>
      escapeHtml(metric + (metric === metrics.primary_metric ? ' (primary)' : '')),
    ),
    'parse failures',
    'other failures',
    'cached',
    'ms / example',
    'tokens in / out',
  ],
  headlineRows,
  'headline',
)}</section>`);

  parts.push(`<section id="charts"><h2>Charts</h2><div class="charts">
${charts
  .map(
    (chart) => `<figure class="chart" id="chart-${escapeHtml(chart.name)}">
${scopeSvgIds(chart.svg, chart.name)}
<figcaption>${escapeHtml(chart.title)} · <a href="charts/${escapeHtml(chart.name)}.png">PNG</a> · <a href="charts/${escapeHtml(chart.name)}.svg">SVG</a></figcaption>
</figure>`,
  )
  .join('\n')}
</div></section>`);

  parts.push(`<section id="metrics"><h2>All metrics</h2>
${table(
  ['metric', ...metrics.models.map((model) => `<code>${escapeHtml(model.spec)}</code>`)],
  metricNames.map((metric) => [
    cell(metric),
    ...metrics.models.map((model) =>
      numberCell(
        metric === 'examples'
          ? formatNumber(model.values[metric], metric)
          : formatWithInterval(model.values[metric], model.ci[metric]) +
              (multiRun ? ` ± ${formatNumber(model.sd[metric])}` : ''),
      ),
    ),
  ]),
  'all-metrics',
)}</section>`);

  if (multiRun) {
    parts.push(`<section id="runs"><h2>Every run</h2>
${metrics.models
  .map(
    (model) => `<h3><code>${escapeHtml(model.spec)}</code></h3>
${table(
  ['run', ...metrics.headline_metrics.map(escapeHtml)],
  model.run_values.map((values, index) => [
    numberCell(String(index + 1)),
    ...metrics.headline_metrics.map((metric) => numberCell(formatNumber(values[metric]))),
  ]),
  'run-values',
)}`,
  )
  .join('\n')}</section>`);
  }

  const strata = Object.keys(metrics.models[0]?.by ?? {});
  if (strata.length > 0) {
    parts.push(`<section id="strata"><h2>By stratum</h2>
${strata
  .map(
    (stratum) => `<h3>${escapeHtml(stratum)}</h3>
${table(
  ['model', stratum, 'examples', ...metrics.headline_metrics.map(escapeHtml)],
  metrics.models.flatMap((model) =>
    Object.entries(model.by[stratum] ?? {}).map(([value, entry]) => [
      `<td><code>${escapeHtml(model.spec)}</code></td>`,
      cell(value),
      numberCell(String(entry.examples)),
      ...metrics.headline_metrics.map((metric) =>
        numberCell(
          metric === metrics.stratum_metric
            ? formatWithInterval(entry.values[metric], entry.ci)
            : formatNumber(entry.values[metric]),
        ),
      ),
    ]),
  ),
  'stratum',
)}`,
  )
  .join('\n')}</section>`);
  }

  const withConfusion = metrics.models.filter((model) => model.confusion);
  if (withConfusion.length > 0) {
    parts.push(`<section id="confusion"><h2>Confusion matrices</h2>
${withConfusion
  .map(
    (model) => `<h3><code>${escapeHtml(model.spec)}</code>: ${escapeHtml(model.confusion!.subject)}</h3>
${confusionTable(model.confusion!)}`,
  )
  .join('\n')}</section>`);
  }

  parts.push(`<section id="worst"><h2>Worst examples</h2>
${table(
  ['model', 'example', 'source', 'strata', 'score', 'what went wrong'],
  metrics.models.flatMap((model) =>
    model.worst.map((example) => [
      `<td><code>${escapeHtml(model.spec)}</code></td>`,
      `<td><code title="${escapeHtml(example.id)}">${escapeHtml(shortId(example.id))}</code></td>`,
      cell(example.source_path ?? ''),
      cell(
        Object.entries(example.strata)
          .map(([key, value]) => `${key}=${value}`)
          .join(', '),
      ),
      numberCell(formatNumber(example.score)),
      cell(example.description),
    ]),
  ),
  'worst',
)}
${metrics.models.every((model) => model.worst.length === 0) ? '<p>Every example scored 1.</p>' : ''}</section>`);

  if (errorAnalysis !== undefined) {
    parts.push(`<section id="error-analysis"><h2>Error analysis</h2>
<p>The first model's analysis, as <code>error-analysis.json</code> (read by the data-augmentation step).</p>
<details><summary>error-analysis.json</summary><pre>${escapeHtml(JSON.stringify(errorAnalysis, null, 2))}</pre></details></section>`);
  }
  parts.push(`<section id="config"><h2>Configuration</h2>
<details><summary>config.json</summary><pre>${escapeHtml(JSON.stringify(config, null, 2))}</pre></details></section>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>InfraLM eval: ${escapeHtml(metrics.task)} · ${escapeHtml(config.id)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
