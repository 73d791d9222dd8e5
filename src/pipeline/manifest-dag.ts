import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestConfig, SourceConfig } from '../config/schema.js';
import { sha256, stableStringify } from '../core/hash.js';
import { readSecret } from '../core/secrets.js';
import { forgetHandedOffShard } from '../corpus/bronze-store.js';
import { directoryFingerprint } from '../corpus/directory-source.js';
import { ingestSource, type SourceSpec } from '../corpus/ingest-source.js';
import type { BronzeShard } from '../corpus/types.js';
import { dedupManifest } from '../dataset/manifest/dedup-stage.js';
import { exportManifest } from '../dataset/manifest/export-stage.js';
import { manifestPaths } from '../dataset/manifest/paths.js';
import type { PrepareShardResult, PrepareShardTask } from '../dataset/manifest/prepare-shard.js';
import { prepareManifest, prepareShardKey, prepareShardTask } from '../dataset/manifest/prepare-stage.js';
import {
  checkManifestAnomalies,
  checkManifestBias,
  validateManifest,
} from '../dataset/manifest/report-stages.js';
import { writeYieldReport } from '../dataset/manifest/yield-report.js';
import { SPLIT_NAMES } from '../dataset/split.js';
import type { PrepareOptions } from '../tasks/manifest/build.js';
import { statFingerprint } from './fingerprint.js';
import type { Stage } from './stage-runner.js';

/** A configured source with its paths resolved. */
export type ResolvedSource = SourceConfig & { resolved: string };

/** The stages of the manifest dataset, in dependency order. */
export function manifestStages(
  workspace: string,
  sources: ResolvedSource[],
  config: ManifestConfig,
  run: { shardDocuments: number; parallelMinBytes: number },
): Stage[] {
  const { shardDocuments, parallelMinBytes } = run;
  const paths = manifestPaths(workspace);
  const bronze = (name: string) => join('bronze', name);
  const relative = (path: string) => path.slice(workspace.length + 1);
  const prepareOptions: PrepareOptions = {
    minBytes: config.filter.min_bytes,
    maxBytes: config.filter.max_bytes,
    extensions: config.filter.extensions,
    licenses: config.filter.licenses,
    keywords: config.filter.keywords,
    promptSeed: config.prompts.seed,
    stripHeaderComments: config.prompts.strip_header_comments,
    minhash: { numPermutations: config.dedup.num_permutations, shingleSize: config.dedup.shingle_size },
  };
  const goldFiles = SPLIT_NAMES.flatMap((split) => [
    relative(paths.split(split)),
    relative(paths.splitMeta(split)),
  ]);

  const prepareParams = { prepareOptions };
  const prepareParamsHash = sha256(stableStringify(prepareParams));
  // Prepare starts on each bronze shard as soon as ingest has written it, on a worker, while this
  // thread reads on. Tasks are keyed by shard content and parameters, so the prepare stage gets the
  // results it would have computed itself; when it is skipped as up to date they go unused.
  const startedShards = new Map<string, Promise<PrepareShardResult>>();

  const ingest: Stage[] = sources.map((source) => {
    const spec: SourceSpec =
      source.kind === 'directory'
        ? { kind: 'directory', path: source.resolved, maxBytes: source.max_bytes }
        : {
            kind: 'parquet',
            location: source.resolved,
            maxRows: source.max_rows,
            token: readSecret('HF_TOKEN'),
          };
    return {
      name: `ingest:${source.name}`,
      params: { ...source, resolved: undefined, shardDocuments },
      inputs: [],
      // A remote source cannot be fingerprinted without reading it; its location and row cap stand in.
      fingerprints: () =>
        source.kind === 'directory'
          ? {
              [source.resolved]: directoryFingerprint(source.resolved),
            }
          : {
              [source.resolved]: /^https?:/.test(source.resolved)
                ? 'remote'
                : statFingerprint(source.resolved),
            },
      outputs: [bronze(source.name)],
      async run(context) {
        const directory = join(workspace, bronze(source.name));
        // Only a corpus large enough to pay for the workers' start-up (parallelMinBytes) gets them:
        // they are warmed up at half of it (an idle warm worker costs a core's worth of module
        // loading on a 2-core machine, more than a small corpus gains), and from then on each written shard is offered to
        // a worker with room. Shards no worker took wait for the prepare stage, where this thread
        // shares them with the workers.
        const deferred: BronzeShard[] = [];
        let bytes = 0;
        const offer = () => {
          while (deferred.length > 0) {
            const task = prepareShardTask(
              workspace,
              directory,
              deferred[0]!,
              prepareOptions,
              prepareParamsHash,
            );
            const started = context.pool.offload<PrepareShardTask, PrepareShardResult>(
              'manifest.prepare-shard',
              task,
            );
            if (!started) return;
            deferred.shift();
            forgetHandedOffShard(task.shardPath);
            startedShards.set(prepareShardKey(task), started);
          }
        };
        const { stats, fingerprint } = await ingestSource(spec, directory, {
          shardDocuments,
          onShard: (shard) => {
            const before = bytes;
            bytes += shard.bytes;
            if (before < parallelMinBytes / 2 && bytes >= parallelMinBytes / 2)
              context.pool.warmUp(['manifest.prepare-shard', 'manifest.validate-chunk']);
            deferred.push(shard);
            if (bytes >= parallelMinBytes) offer();
          },
        });
        if (fingerprint !== undefined) context.recordFingerprint(source.resolved, fingerprint);
        return {
          items_in: stats.seen,
          items_out: stats.yielded,
          drops: stats.skipped,
          counts: { bytes: stats.bytes },
        };
      },
    };
  });

  const prepare: Stage = {
    name: 'prepare:manifest',
    params: prepareParams,
    inputs: sources.map((source) => bronze(source.name)),
    outputs: [
      relative(paths.candidates),
      relative(paths.rejected),
      relative(paths.keys),
      relative(paths.prepareSummary),
    ],
    async run(context) {
      const summary = await prepareManifest(
        workspace,
        sources.map((source) => join(workspace, bronze(source.name))),
        prepareOptions,
        prepareParamsHash,
        {
          pool: context.pool,
          parallelMinBytes,
          started: startedShards,
          onShard: (done, total) => context.reporter.progress('prepare:manifest', done, total, 'shards'),
        },
      );
      context.log.info(
        { event: 'shards-done', shards: summary.shards, resumed: summary.resumed_shards },
        'shards done',
      );
      return {
        items_in: summary.items_in,
        items_out: summary.items_out,
        drops: summary.drops,
        counts: Object.fromEntries(
          Object.entries(summary.redactions).map(([type, n]) => [`redacted_${type}`, n]),
        ),
      };
    },
  };

  const dedup: Stage = {
    name: 'dedup:manifest',
    params: config.dedup,
    inputs: [relative(paths.keys)],
    outputs: [relative(paths.dedup)],
    async run() {
      const result = await dedupManifest(workspace, {
        near: config.dedup.near,
        threshold: config.dedup.threshold,
        numPermutations: config.dedup.num_permutations,
      });
      return {
        items_in: result.candidates,
        items_out: result.candidates - result.removed.length,
        drops: { 'duplicate-exact': result.exact.removed, 'duplicate-near': result.near.removed },
        counts: { exact_clusters: result.exact.clusters, near_clusters: result.near.clusters },
      };
    },
  };

  const exportStage: Stage = {
    name: 'export:manifest',
    params: { format: config.format, system_prompt: config.prompts.system_prompt, split: config.split },
    inputs: [relative(paths.candidates), relative(paths.keys), relative(paths.dedup)],
    outputs: [...goldFiles, relative(paths.splitStats), relative(paths.card)],
    async run() {
      const result = await exportManifest(workspace, {
        format: config.format,
        systemPrompt: config.prompts.system_prompt,
        split: { ratios: config.split.ratios, seed: config.split.seed },
      });
      const total = Object.values(result.records).reduce((a, b) => a + b, 0);
      return { items_in: total, items_out: total, drops: {}, counts: result.records };
    },
  };

  const yieldStage: Stage = {
    name: 'yield:manifest',
    params: {},
    inputs: [
      relative(paths.prepareSummary),
      relative(paths.dedup),
      relative(paths.splitStats),
      ...sources.map((source) => join(bronze(source.name), 'source-stats.json')),
    ],
    outputs: [relative(paths.report('yield', 'json')), relative(paths.report('yield', 'md'))],
    async run() {
      const stats = Object.fromEntries(
        sources.map((source) => [
          source.name,
          JSON.parse(readFileSync(join(workspace, bronze(source.name), 'source-stats.json'), 'utf8')),
        ]),
      );
      const report = await writeYieldReport(workspace, stats);
      return { items_in: report.documents_in, items_out: report.records_written, drops: {}, counts: {} };
    },
  };

  const validate: Stage = {
    name: 'validate:manifest',
    params: {},
    inputs: goldFiles,
    outputs: [relative(paths.report('schema', 'json')), relative(paths.report('schema', 'md'))],
    async run(context) {
      const report = await validateManifest(workspace, context.pool, parallelMinBytes);
      return {
        items_in: report.total,
        items_out: report.valid,
        drops: report.violation_counts,
        counts: { pii_leaks: report.pii_leaks },
      };
    },
  };

  const anomaly: Stage = {
    name: 'anomaly:manifest',
    params: { ...config.anomaly, slack: readSecret('SLACK_WEBHOOK_URL') ? 'set' : 'unset' },
    inputs: [relative(paths.report('schema', 'json'))],
    outputs: [relative(paths.report('anomaly', 'json')), relative(paths.report('anomaly', 'md'))],
    async run(context) {
      const report = await checkManifestAnomalies(
        workspace,
        {
          minPassRatePct: config.anomaly.min_pass_rate_pct,
          maxViolationsPerType: config.anomaly.max_violations_per_type,
          minRecords: config.anomaly.min_records,
          maxPiiLeaks: config.anomaly.max_pii_leaks,
        },
        context.log,
      );
      for (const alert of report.alerts)
        context.reporter.warn(`${alert.severity} ${alert.code}: ${alert.message}`);
      return { items_in: 1, items_out: 1, drops: {}, counts: { alerts: report.anomalies_found } };
    },
  };

  const bias: Stage = {
    name: 'bias:manifest',
    params: config.bias,
    inputs: goldFiles,
    outputs: [
      relative(paths.report('bias', 'json')),
      relative(paths.report('bias', 'md')),
      relative(paths.balanced),
    ],
    async run() {
      const { detection, mitigation } = await checkManifestBias(workspace, {
        dimension: config.bias.dimension,
        maxShare: config.bias.max_share,
        minShare: config.bias.min_share,
        seed: config.bias.seed,
      });
      return {
        items_in: mitigation.original_total,
        items_out: mitigation.balanced_total,
        drops: { downsampled: mitigation.original_total - mitigation.balanced_total },
        counts: { imbalances: detection.imbalances_found },
      };
    },
  };

  return [...ingest, prepare, dedup, exportStage, yieldStage, validate, anomaly, bias];
}
