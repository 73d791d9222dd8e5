import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { RUN_FILES, readPredictions, readRunConfig, readRunMetrics } from '../run-store.js';
import { reportCharts } from './chart-specs.js';
import { renderPng, renderSvg } from './render-chart.js';
import { type RenderedChart, reportHtml } from './report-html.js';
import { summaryMarkdown } from './summary-markdown.js';

/** Write report.html, summary.md and charts/*.{svg,png} of a finished run, from its files only. */
export async function writeReport(
  directory: string,
): Promise<{ html: string; summary: string; charts: string[] }> {
  const config = readRunConfig(directory);
  const metrics = readRunMetrics(directory);
  const latencies: { model: string; latency_ms: number }[] = [];
  for await (const record of readPredictions(directory))
    latencies.push({ model: record.model, latency_ms: record.latency_ms });
  const strata = Object.keys(metrics.models[0]?.by ?? {});
  const rendered: RenderedChart[] = [];
  const files: string[] = [];
  for (const chart of reportCharts(metrics, latencies, strata)) {
    const svg = await renderSvg(chart.spec);
    const svgPath = join(directory, RUN_FILES.charts, `${chart.name}.svg`);
    const pngPath = join(directory, RUN_FILES.charts, `${chart.name}.png`);
    await writeFileAtomic(svgPath, svg);
    await writeFileAtomic(pngPath, await renderPng(svg));
    files.push(svgPath, pngPath);
    rendered.push({ name: chart.name, title: chart.title, svg });
  }
  const analysisPath = join(directory, RUN_FILES.errorAnalysis);
  const errorAnalysis = existsSync(analysisPath)
    ? (JSON.parse(readFileSync(analysisPath, 'utf8')) as unknown)
    : undefined;
  const html = join(directory, RUN_FILES.report);
  const summary = join(directory, RUN_FILES.summary);
  await writeFileAtomic(html, reportHtml(config, metrics, rendered, errorAnalysis));
  await writeFileAtomic(summary, summaryMarkdown(config, metrics));
  return { html, summary, charts: files };
}
