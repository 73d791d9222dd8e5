import type { AnomalyReport, SchemaReport } from './anomaly.js';
import type { BiasDetection, BiasMitigation } from './bias.js';

// Short Markdown pages for reports/<task>/; the JSON reports stay the source of truth.

/** Render a schema report as a Markdown page. */
export function renderSchemaMarkdown(report: SchemaReport): string {
  const lines = [
    '# Schema report',
    '',
    `**Pass rate ${report.pass_rate_pct.toFixed(1)}%**: ${report.valid} of ${report.total} records valid; ${report.pii_leaks} leak PII.`,
    '',
    '## Violations',
    '',
    ...table(
      ['violation', 'records'],
      Object.entries<number>(report.violation_counts).map(([violation, count]) => [violation, String(count)]),
    ),
  ];
  const piiTypes = Object.entries(report.pii_types);
  if (piiTypes.length > 0) {
    lines.push(
      '',
      '## PII types',
      '',
      ...table(
        ['type', 'records'],
        piiTypes.map(([type, n]) => [type, String(n)]),
      ),
    );
  }
  lines.push(
    '',
    '## By split',
    '',
    ...table(
      ['split', 'records', 'valid', 'pass rate'],
      Object.entries(report.by_split).map(([split, counts]) => [
        split,
        String(counts.total),
        String(counts.valid),
        percent(counts.total === 0 ? 0 : counts.valid / counts.total),
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** Render an anomaly report as a Markdown page. */
export function renderAnomalyMarkdown(report: AnomalyReport): string {
  const lines = ['# Anomaly report', '', `**${report.status}**: ${report.anomalies_found} anomalies found.`];
  if (report.alerts.length > 0) {
    lines.push(
      '',
      ...table(
        ['severity', 'code', 'value', 'threshold', 'message'],
        report.alerts.map((alert) => [
          alert.severity,
          alert.code,
          String(alert.value),
          String(alert.threshold),
          alert.message,
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Render bias detection and, when given, its mitigation as a Markdown page. */
export function renderBiasMarkdown(detection: BiasDetection, mitigation?: BiasMitigation): string {
  const dimensions = Object.entries(detection.dimensions);
  const lines = [
    '# Bias report',
    '',
    `**${detection.imbalances_found} imbalances** across ${dimensions.length} dimensions of ${detection.total} records (over: share > ${percent(detection.max_share)}, under: share < ${percent(detection.min_share)}).`,
  ];
  if (detection.imbalances.length > 0) {
    lines.push(
      '',
      '## Imbalances',
      '',
      ...table(
        ['dimension', 'value', 'share', 'kind'],
        detection.imbalances.map((item) => [item.dimension, item.value, percent(item.share), item.kind]),
      ),
    );
  }
  for (const [dimension, slices] of dimensions) {
    lines.push(
      '',
      `## ${escapeCell(dimension)}`,
      '',
      ...table(
        ['value', 'records', 'share'],
        slices.map((slice) => [slice.value, String(slice.count), percent(slice.share)]),
      ),
    );
  }
  if (mitigation) {
    lines.push(
      '',
      '## Mitigation',
      '',
      mitigation.feasible
        ? `Downsampled ${mitigation.original_total} records to ${mitigation.balanced_total}.`
        : `Not feasible: no downsampling brings every slice under the cap; all ${mitigation.original_total} records kept, weighted only.`,
      '',
      ...table(
        ['value', 'removed', 'kept', 'final share'],
        Object.entries(mitigation.final_shares).map(([value, share]) => [
          value,
          String(mitigation.removed_by_slice[value] ?? 0),
          String(mitigation.kept_by_slice[value] ?? 0),
          percent(share),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)];
}

// Values come from data (slice values, messages): a pipe or newline would break the table.
function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
