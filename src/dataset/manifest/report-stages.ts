import { readFileSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from '../../core/atomic-write.js';
import { readJsonl } from '../../core/jsonl.js';
import { readSecret } from '../../core/secrets.js';
import type { WorkerPool } from '../../pipeline/worker-pool.js';
import {
  type AlertLogger,
  type AnomalyReport,
  type AnomalyThresholds,
  detectAnomalies,
  sendAlerts,
} from '../../quality/anomaly.js';
import { type BiasDetection, type BiasMitigation, biasReport, mitigateBias } from '../../quality/bias.js';
import {
  renderAnomalyMarkdown,
  renderBiasMarkdown,
  renderSchemaMarkdown,
} from '../../quality/report-markdown.js';
import { buildSchemaReport, type SchemaReport } from '../../tasks/manifest/schema-check.js';
import { SPLIT_NAMES } from '../split.js';
import { manifestPaths } from './paths.js';
import { PARALLEL_MIN_BYTES } from './prepare-stage.js';
import type { ValidateChunkResult, ValidateChunkTask } from './validate-chunk.js';

/** AutoMend's six checks over every gold record (on the worker pool); writes reports/manifest/schema.{json,md}. */
export async function validateManifest(
  workspace: string,
  pool: WorkerPool,
  parallelMinBytes = PARALLEL_MIN_BYTES,
): Promise<SchemaReport> {
  const paths = manifestPaths(workspace);
  const tasks: ValidateChunkTask[] = [];
  let bytes = 0;
  for (const split of SPLIT_NAMES) {
    // Decoded line by line: one non-ASCII character then widens only its own line's string, not the
    // whole split's (a two-byte string is slower to decode, parse and hash).
    const buffer = readFileSync(paths.split(split));
    bytes += buffer.length;
    const lines: string[] = [];
    for (let start = 0; start < buffer.length; ) {
      let end = buffer.indexOf(10, start);
      if (end < 0) end = buffer.length;
      lines.push(buffer.toString('utf8', start, end));
      start = end + 1;
    }
    const { ids, clean } = readMetaIds(paths.splitMeta(split));
    // A few chunks per worker balance the load without much message overhead.
    const size = Math.max(50, Math.ceil(lines.length / (pool.size * 3)));
    for (let start = 0; start < lines.length; start += size)
      tasks.push({
        split,
        lines: lines.slice(start, start + size),
        parsedIds: ids.slice(start, start + size),
        cleanIds: clean.slice(start, start + size).filter((id) => id !== undefined),
      });
  }
  const chunks = await pool.run<ValidateChunkTask, ValidateChunkResult>('manifest.validate-chunk', tasks, {
    parallel: bytes >= parallelMinBytes,
  });
  const report = buildSchemaReport(
    chunks.flatMap((chunk) => chunk.checks.map((check) => ({ split: chunk.split, ...check }))),
  );
  await writeJsonAtomic(paths.report('schema', 'json'), report);
  await writeFileAtomic(paths.report('schema', 'md'), renderSchemaMarkdown(report));
  return report;
}

/**
 * The record ids of a split's .meta.jsonl, line by line, and in `clean` the ids of records whose
 * redaction changed nothing (undefined elsewhere); none when the file is missing or broken.
 */
function readMetaIds(path: string): { ids: string[]; clean: (string | undefined)[] } {
  try {
    const ids: string[] = [];
    const clean: (string | undefined)[] = [];
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      const meta = JSON.parse(line) as { id: unknown; redactions?: unknown };
      const id = String(meta.id);
      ids.push(id);
      const redactions = meta.redactions;
      const none =
        typeof redactions === 'object' && redactions !== null && Object.keys(redactions).length === 0;
      clean.push(none ? id : undefined);
    }
    return { ids, clean };
  } catch {
    return { ids: [], clean: [] };
  }
}

/** Alerts from the schema report; posts to SLACK_WEBHOOK_URL when set, else logs CRITICAL lines. */
export async function checkManifestAnomalies(
  workspace: string,
  thresholds: AnomalyThresholds,
  log: AlertLogger,
): Promise<AnomalyReport> {
  const paths = manifestPaths(workspace);
  const schema = JSON.parse(readFileSync(paths.report('schema', 'json'), 'utf8')) as SchemaReport;
  const report = detectAnomalies(schema, thresholds);
  const delivery = await sendAlerts(report, {
    webhookUrl: readSecret('SLACK_WEBHOOK_URL'),
    log,
    source: 'manifest',
  });
  await writeJsonAtomic(paths.report('anomaly', 'json'), { ...report, delivery });
  await writeFileAtomic(paths.report('anomaly', 'md'), renderAnomalyMarkdown(report));
  return report;
}

const NEWLINE = Buffer.from('\n');

export interface BiasOptions {
  dimension: string;
  maxShare: number;
  minShare: number;
  seed: number;
}

/** Bias slices over all records, mitigation on the training split; writes train.balanced.jsonl. */
export async function checkManifestBias(
  workspace: string,
  options: BiasOptions,
): Promise<{ detection: BiasDetection; mitigation: BiasMitigation }> {
  const paths = manifestPaths(workspace);
  const all: { id: string; strata: Record<string, string> }[] = [];
  const train: { id: string; strata: Record<string, string> }[] = [];
  for (const split of SPLIT_NAMES) {
    for await (const meta of readJsonl<{ id: string; strata: Record<string, string> }>(
      paths.splitMeta(split),
    )) {
      all.push({ id: meta.id, strata: meta.strata });
      if (split === 'train') train.push({ id: meta.id, strata: meta.strata });
    }
  }
  const dimensions = ['iac_type', 'license', 'size_bucket', 'prompt_type'];
  if (!dimensions.includes(options.dimension)) dimensions.push(options.dimension);
  const detection = biasReport(all, { dimensions, maxShare: options.maxShare, minShare: options.minShare });
  // Validation and test keep the true distribution; only what the model trains on is rebalanced.
  const mitigation = mitigateBias(train, {
    dimension: options.dimension,
    maxShare: options.maxShare,
    seed: options.seed,
  });
  const trainDetection = biasReport(train, {
    dimensions: [options.dimension],
    maxShare: options.maxShare,
    minShare: options.minShare,
  });

  const kept = new Set(mitigation.keptIds);
  // The records are copied as bytes (no decoding and re-encoding), each with the weight inserted as
  // its first key; the split's lines and its meta lines correspond one to one.
  const records = readFileSync(paths.split('train'));
  const parts: Buffer[] = [];
  let start = 0;
  for (const id of train.map((item) => item.id)) {
    let end = records.indexOf(10, start);
    if (end < 0) end = records.length;
    if (kept.has(id)) {
      parts.push(
        Buffer.from(`{"sampling_weight":${mitigation.weights.get(id)},`),
        records.subarray(start + 1, end),
        NEWLINE,
      );
    }
    start = end + 1;
  }
  writeFileAtomicSync(paths.balanced, Buffer.concat(parts));
  const report = {
    ...detection,
    mitigation: {
      applied_to: 'train',
      dimension: options.dimension,
      max_share: options.maxShare,
      seed: options.seed,
      train_before: trainDetection.dimensions[options.dimension],
      original_total: mitigation.original_total,
      balanced_total: mitigation.balanced_total,
      removed_by_slice: mitigation.removed_by_slice,
      kept_by_slice: mitigation.kept_by_slice,
      final_shares: mitigation.final_shares,
      feasible: mitigation.feasible,
      output: 'gold/manifest/train.balanced.jsonl',
    },
  };
  await writeJsonAtomic(paths.report('bias', 'json'), report);
  await writeFileAtomic(paths.report('bias', 'md'), renderBiasMarkdown(detection, mitigation));
  return { detection, mitigation };
}
