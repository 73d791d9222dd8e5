import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type LoadedConfig, loadConfig, resolveConfigPath } from '../config/load-config.js';
import { InfraLMError } from '../core/errors.js';
import { manifestPaths } from '../dataset/manifest/paths.js';
import type { YieldReport } from '../dataset/manifest/yield-report.js';
import type { LogLevel } from '../pipeline/logger.js';
import { manifestStages, type ResolvedSource } from '../pipeline/manifest-dag.js';
import { createReporter } from '../pipeline/progress.js';
import { runStages, type StageResult } from '../pipeline/stage-runner.js';
import { createWorkerPool, workerCount } from '../pipeline/worker-pool.js';
import { codeVersion } from './code-version.js';
import type { GlobalOptions } from './main.js';

export interface ManifestRunOptions {
  force: boolean;
  strict: boolean;
  /** Replace the configured sources (from --input / --parquet). */
  sources?: ResolvedSource[];
  overrides?: string[];
}

/** Load config, run the manifest DAG, print the summary; returns the exit code. */
export async function runManifestPipeline(command: Command, options: ManifestRunOptions): Promise<number> {
  const globals = command.optsWithGlobals() as GlobalOptions;
  const loaded: LoadedConfig = loadConfig({
    file: globals.config,
    overrides: [...globals.set, ...(options.overrides ?? [])],
  });
  const { config } = loaded;
  const workspace = globals.workspace
    ? resolve(globals.workspace)
    : resolveConfigPath(loaded, config.workspace);
  const sources =
    options.sources ??
    config.sources.map((source) => ({
      ...source,
      resolved:
        source.kind === 'directory'
          ? resolveConfigPath(loaded, source.path)
          : /^https?:\/\//.test(source.location)
            ? source.location
            : resolveConfigPath(loaded, source.location),
    }));
  if (sources.length === 0) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `no sources: pass --input DIR or --parquet FILE|URL, or list sources in ${loaded.file ?? 'infralm.yaml'}`,
    );
  }
  const reporter = createReporter({ quiet: globals.quiet });
  const started = performance.now();
  const pool = createWorkerPool(workerCount(config.workers));
  let results: StageResult[];
  try {
    results = await runStages(
      manifestStages(workspace, sources, config.manifest, {
        shardDocuments: config.shard_documents,
        parallelMinBytes: config.parallel_min_bytes,
      }),
      {
        workspace,
        force: options.force,
        logLevel: (globals.logLevel ?? config.log_level) as LogLevel,
        reporter,
        pool,
        codeVersion: codeVersion(),
      },
    );
  } finally {
    await pool.close();
  }
  reporter.end();
  const seconds = (performance.now() - started) / 1000;
  const paths = manifestPaths(workspace);
  const yieldReport = JSON.parse(readFileSync(paths.report('yield', 'json'), 'utf8')) as YieldReport;
  const anomaly = JSON.parse(readFileSync(paths.report('anomaly', 'json'), 'utf8')) as {
    status: string;
    alerts: { severity: string; code: string; message: string }[];
  };
  const summary = {
    workspace,
    seconds: Math.round(seconds * 1000) / 1000,
    stages: results.map((result) => ({
      name: result.name,
      skipped: result.skipped,
      seconds: Math.round(result.seconds * 1000) / 1000,
      ...result.summary,
    })),
    records: yieldReport.records_by_split,
    anomaly: anomaly.status,
  };
  if (globals.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!globals.quiet) {
    const written = Object.entries(yieldReport.records_by_split)
      .map(([split, n]) => `${split} ${n}`)
      .join(', ');
    process.stderr.write(
      `manifest: ${yieldReport.documents_in} documents → ${yieldReport.records_written} records (${written}) in ${seconds.toFixed(2)} s\n` +
        `  gold:    ${paths.gold}\n  reports: ${paths.reports}  (anomaly check: ${anomaly.status})\n`,
    );
  }
  const critical = anomaly.alerts.filter((alert) => alert.severity === 'CRITICAL');
  if (options.strict && critical.length > 0) {
    process.stderr.write(
      `infralm: --strict: ${critical.length} critical data alert(s): ${critical.map((a) => a.code).join(', ')}\n`,
    );
    return 3;
  }
  return 0;
}
