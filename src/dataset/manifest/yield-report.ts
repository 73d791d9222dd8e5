import { readFileSync } from 'node:fs';
import { writeFileAtomic, writeJsonAtomic } from '../../core/atomic-write.js';
import { DROP_REASONS } from '../../tasks/manifest/build.js';
import type { DedupResult } from './dedup-stage.js';
import { manifestPaths } from './paths.js';
import type { PrepareSummary } from './prepare-stage.js';

/** The yield report: what each gate let through, dedup, redactions and records written. */
export interface YieldReport {
  sources: Record<string, { seen: number; yielded: number; bytes: number; skipped: Record<string, number> }>;
  documents_in: number;
  bytes_in: number;
  gates: { gate: string; in: number; dropped: number; out: number }[];
  candidates: number;
  dedup: {
    exact_clusters: number;
    exact_removed: number;
    near_clusters: number;
    near_removed: number;
    threshold: number;
  };
  records_written: number;
  records_by_split: Record<string, number>;
  redactions: Record<string, number>;
  parse_error_examples: Record<string, string[]>;
}

/** Combine the stage outputs into reports/manifest/yield.{json,md}. */
export async function writeYieldReport(
  workspace: string,
  sources: YieldReport['sources'],
): Promise<YieldReport> {
  const paths = manifestPaths(workspace);
  const prepare = JSON.parse(readFileSync(paths.prepareSummary, 'utf8')) as PrepareSummary;
  const dedup = JSON.parse(readFileSync(paths.dedup, 'utf8')) as DedupResult;
  const splits = JSON.parse(readFileSync(paths.splitStats, 'utf8')) as { records: Record<string, number> };
  const gates: YieldReport['gates'] = [];
  let remaining = prepare.items_in;
  for (const reason of DROP_REASONS) {
    const dropped = prepare.drops[reason] ?? 0;
    gates.push({ gate: reason, in: remaining, dropped, out: remaining - dropped });
    remaining -= dropped;
  }
  gates.push({
    gate: 'duplicate-exact',
    in: remaining,
    dropped: dedup.exact.removed,
    out: remaining - dedup.exact.removed,
  });
  remaining -= dedup.exact.removed;
  gates.push({
    gate: 'duplicate-near',
    in: remaining,
    dropped: dedup.near.removed,
    out: remaining - dedup.near.removed,
  });
  const report: YieldReport = {
    sources,
    documents_in: prepare.items_in,
    bytes_in: prepare.bytes_in,
    gates,
    candidates: prepare.items_out,
    dedup: {
      exact_clusters: dedup.exact.clusters,
      exact_removed: dedup.exact.removed,
      near_clusters: dedup.near.clusters,
      near_removed: dedup.near.removed,
      threshold: dedup.near.threshold,
    },
    records_written: Object.values(splits.records).reduce((a, b) => a + b, 0),
    records_by_split: splits.records,
    redactions: prepare.redactions,
    parse_error_examples: prepare.examples,
  };
  await writeJsonAtomic(paths.report('yield', 'json'), report);
  await writeFileAtomic(paths.report('yield', 'md'), renderYieldMarkdown(report, dedup));
  return report;
}

function renderYieldMarkdown(report: YieldReport, dedup: DedupResult): string {
  const lines = [
    '# Yield: manifest',
    '',
    `${report.documents_in} documents (${(report.bytes_in / 1e6).toFixed(2)} MB) in, ${report.records_written} records written.`,
    '',
    '## Gates, in order',
    '',
    '| gate | in | dropped | out |',
    '|---|---:|---:|---:|',
    ...report.gates.map((gate) => `| ${gate.gate} | ${gate.in} | ${gate.dropped} | ${gate.out} |`),
    '',
    '## Records by split',
    '',
    ...Object.entries(report.records_by_split).map(([split, n]) => `- ${split}: ${n}`),
    '',
    '## Redactions by type',
    '',
    ...(Object.keys(report.redactions).length === 0
      ? ['none']
      : Object.entries(report.redactions)
          .sort()
          .map(([type, n]) => `- ${type}: ${n}`)),
    '',
    `## Near-duplicate clusters (threshold ${dedup.near.threshold}, ${dedup.near.bands} bands × ${dedup.near.rows} rows)`,
    '',
    ...[
      ...dedup.exact.list.map((c) => ({ ...c, kind: 'exact' })),
      ...dedup.near.list.map((c) => ({ ...c, kind: 'near' })),
    ]
      .slice(0, 200)
      .map(
        (cluster) =>
          `- ${cluster.kind}, kept \`${cluster.kept}\`, similarity ≥ ${cluster.similarity.toFixed(2)}: ${cluster.members
            .filter((m) => m !== cluster.kept)
            .map((m) => `\`${m}\``)
            .join(', ')}`,
      ),
    '',
  ];
  return lines.join('\n');
}
