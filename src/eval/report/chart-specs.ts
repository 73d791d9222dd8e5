import type { RunMetrics } from '../types.js';

// Vega-Lite specs of the report's charts, as plain data (rendered by render-chart.ts).

export type VegaLiteSpec = Record<string, unknown>;

export interface ChartSpec {
  /** File name without extension. */
  name: string;
  title: string;
  spec: VegaLiteSpec;
}

const FONT = 'DejaVu Sans';

function base(title: string, extra: VegaLiteSpec): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    config: { font: FONT, axis: { labelLimit: 220 }, legend: { labelLimit: 320 }, view: { stroke: '#ddd' } },
    background: 'white',
    ...extra,
  };
}

function isRate(values: number[]): boolean {
  return values.every((value) => value >= 0 && value <= 1);
}

/** The primary metric's distribution per model: over runs, or over bootstrap resamples with one run. */
export function primaryDistributionChart(metrics: RunMetrics): ChartSpec {
  const overRuns = metrics.runs > 1;
  const rows = metrics.models.flatMap((model) =>
    (overRuns
      ? model.run_values.map((values) => values[metrics.primary_metric] ?? 0)
      : model.primary_replicates
    ).map((value) => ({ model: model.spec, value })),
  );
  const title = overRuns
    ? `${metrics.primary_metric} across ${metrics.runs} runs, per model`
    : `${metrics.primary_metric} over ${metrics.resamples} bootstrap resamples (one run), per model`;
  return {
    name: 'primary-boxplot',
    title,
    spec: base(title, {
      width: Math.max(240, 120 * metrics.models.length),
      height: 260,
      data: { values: rows },
      mark: { type: 'boxplot', extent: 'min-max', size: 40 },
      encoding: {
        x: { field: 'model', type: 'nominal', title: 'model', axis: { labelAngle: 0 } },
        y: {
          field: 'value',
          type: 'quantitative',
          title: metrics.primary_metric,
          scale: isRate(rows.map((row) => row.value)) ? { domain: [0, 1] } : { zero: true },
        },
        color: { field: 'model', type: 'nominal', legend: null },
      },
    }),
  };
}

/** Headline metrics per model, with the bootstrap interval as a rule. */
export function metricBarsChart(metrics: RunMetrics): ChartSpec {
  const rows = metrics.models.flatMap((model) =>
    metrics.headline_metrics.map((metric) => ({
      model: model.spec,
      metric,
      value: model.values[metric] ?? 0,
      low: model.ci[metric]?.low ?? 0,
      high: model.ci[metric]?.high ?? 0,
    })),
  );
  const title = `Headline metrics per model (${Math.round(metrics.confidence * 100)}% bootstrap CI)`;
  return {
    name: 'metric-bars',
    title,
    spec: base(title, {
      width: Math.max(320, 60 * rows.length),
      height: 260,
      data: { values: rows },
      encoding: {
        x: {
          field: 'metric',
          type: 'nominal',
          sort: metrics.headline_metrics,
          title: null,
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'model', type: 'nominal' },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'model', type: 'nominal', legend: { orient: 'bottom', title: 'model' } },
            y: {
              field: 'value',
              type: 'quantitative',
              title: 'value',
              scale: isRate(rows.flatMap((row) => [row.value, row.high]))
                ? { domain: [0, 1] }
                : { zero: true },
            },
          },
        },
        {
          mark: { type: 'rule', color: 'black' },
          encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          mark: { type: 'text', dy: -8, fontSize: 10, color: 'black' },
          encoding: {
            y: { field: 'high', type: 'quantitative' },
            text: { field: 'value', type: 'quantitative', format: '.3f' },
          },
        },
      ],
    }),
  };
}

/** Latency per example and model (milliseconds). */
export function runtimeChart(latencies: { model: string; latency_ms: number }[]): ChartSpec {
  const title = 'Runtime per example (ms)';
  return {
    name: 'runtime',
    title,
    spec: base(title, {
      width: Math.max(240, 120 * new Set(latencies.map((row) => row.model)).size),
      height: 240,
      data: { values: latencies },
      mark: { type: 'boxplot', extent: 'min-max', size: 40 },
      encoding: {
        x: { field: 'model', type: 'nominal', axis: { labelAngle: 0 } },
        y: {
          field: 'latency_ms',
          type: 'quantitative',
          title: 'milliseconds per example',
          scale: { zero: true },
        },
        color: { field: 'model', type: 'nominal', legend: null },
      },
    }),
  };
}

/** The stratum metric per value of one stratum, per model, with intervals and example counts. */
export function stratumChart(metrics: RunMetrics, stratum: string): ChartSpec | undefined {
  const rows = metrics.models.flatMap((model) =>
    Object.entries(model.by[stratum] ?? {}).map(([value, entry]) => ({
      model: model.spec,
      value: `${value} (n=${entry.examples})`,
      score: entry.values[metrics.stratum_metric] ?? 0,
      low: entry.ci.low,
      high: entry.ci.high,
    })),
  );
  if (rows.length === 0) return undefined;
  const title = `${metrics.stratum_metric} by ${stratum}`;
  return {
    name: `stratum-${stratum.replace(/[^A-Za-z0-9_-]+/g, '_')}`,
    title,
    spec: base(title, {
      width: Math.max(320, 40 * rows.length),
      height: 240,
      data: { values: rows },
      encoding: {
        x: { field: 'value', type: 'nominal', title: stratum, axis: { labelAngle: -30 } },
        xOffset: { field: 'model', type: 'nominal' },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'model', type: 'nominal', legend: { orient: 'bottom', title: 'model' } },
            y: {
              field: 'score',
              type: 'quantitative',
              title: metrics.stratum_metric,
              scale: isRate(rows.flatMap((row) => [row.score, row.high]))
                ? { domain: [0, 1] }
                : { zero: true },
            },
          },
        },
        {
          mark: { type: 'rule', color: 'black' },
          encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
      ],
    }),
  };
}

/** A confusion matrix as a heat map with counts, one per model. */
export function confusionChart(metrics: RunMetrics, modelIndex: number): ChartSpec | undefined {
  const model = metrics.models[modelIndex];
  const matrix = model?.confusion;
  if (!model || !matrix || matrix.labels.length === 0) return undefined;
  const rows = matrix.labels.flatMap((actual, row) =>
    matrix.labels.map((predicted, column) => ({
      actual,
      predicted,
      count: matrix.counts[row]?.[column] ?? 0,
    })),
  );
  const title = `Confusion matrix (${matrix.subject}): ${model.spec}`;
  const size = Math.max(160, 48 * matrix.labels.length);
  return {
    name: `confusion-${modelIndex + 1}`,
    title,
    spec: base(title, {
      width: size,
      height: size,
      data: { values: rows },
      encoding: {
        x: {
          field: 'predicted',
          type: 'nominal',
          sort: matrix.labels,
          title: 'predicted',
          axis: { labelAngle: -30 },
        },
        y: { field: 'actual', type: 'nominal', sort: matrix.labels, title: 'reference' },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null },
          },
        },
        {
          mark: { type: 'text', fontSize: 12, color: 'black' },
          encoding: { text: { field: 'count', type: 'quantitative' } },
        },
      ],
    }),
  };
}

/** Every chart of a run's report. */
export function reportCharts(
  metrics: RunMetrics,
  latencies: { model: string; latency_ms: number }[],
  strata: string[],
): ChartSpec[] {
  const charts: (ChartSpec | undefined)[] = [
    primaryDistributionChart(metrics),
    metricBarsChart(metrics),
    runtimeChart(latencies),
    ...strata.map((stratum) => stratumChart(metrics, stratum)),
    ...metrics.models.map((_, index) => confusionChart(metrics, index)),
  ];
  return charts.filter((chart): chart is ChartSpec => chart !== undefined);
}
