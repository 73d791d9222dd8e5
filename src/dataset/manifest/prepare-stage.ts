import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import { readBronzeManifest } from '../../corpus/bronze-store.js';
import type { WorkerPool } from '../../pipeline/worker-pool.js';
import { DROP_REASONS, type PrepareOptions } from '../../tasks/manifest/build.js';
import { manifestPaths } from './paths.js';
import type { PrepareShardResult, PrepareShardTask } from './prepare-shard.js';

/** The worker module of this stage (the .ts source under the test runner). */
export const PREPARE_SHARD_MODULE = new URL(
  `./prepare-shard${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * Below this much input one thread is faster: measured on shared/corpora/k8s (6 MB), two workers
 * each pay ~200 ms of module load and JIT/regexp warm-up that does not parallelise away, and took
 * 0.53 s against 0.45 s in-process; at 25 MB they only gained 9 %.
 */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** silver/manifest/prepare.json: totals over all shards. */
export interface PrepareSummary extends Omit<PrepareShardResult, 'shard' | 'resumed'> {
  shards: number;
  resumed_shards: number;
}

/** Run the per-document gates, redaction and labelling over every bronze shard, on worker threads. */
export async function prepareManifest(
  workspace: string,
  bronzeDirectories: string[],
  options: PrepareOptions,
  paramsHash: string,
  run: { pool: WorkerPool; parallelMinBytes?: number; onShard?: (done: number, total: number) => void },
): Promise<PrepareSummary> {
  const paths = manifestPaths(workspace);
  const tasks: PrepareShardTask[] = [];
  let totalBytes = 0;
  for (const directory of bronzeDirectories) {
    const manifest = await readBronzeManifest(directory);
    totalBytes += manifest.bytes;
    const source = directory.split('/').at(-1)!;
    for (const shard of manifest.shards) {
      tasks.push({
        shardPath: join(directory, shard.file),
        shardSha256: shard.sha256,
        shardName: `${source}--${shard.file.replace(/\.jsonl$/, '')}`,
        outputDirectory: paths.silver,
        paramsHash,
        options,
      });
    }
  }
  removeStaleShards(paths, new Set(tasks.map((task) => task.shardName)));
  let done = 0;
  // Fault injection for the kill-and-rerun test: die hard after n finished shards.
  const killAfter = Number(process.env.INFRALM_FAULT_KILL_AFTER_SHARDS ?? 0);
  const results = await run.pool.run<PrepareShardTask, PrepareShardResult>(PREPARE_SHARD_MODULE, tasks, {
    parallel: totalBytes >= (run.parallelMinBytes ?? PARALLEL_MIN_BYTES),
    onResult: () => {
      run.onShard?.(++done, tasks.length);
      if (killAfter > 0 && done === killAfter) process.kill(process.pid, 'SIGKILL');
    },
  });
  const summary: PrepareSummary = {
    shards: tasks.length,
    resumed_shards: 0,
    items_in: 0,
    items_out: 0,
    bytes_in: 0,
    drops: Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])),
    redactions: {},
    examples: {},
  };
  for (const result of results) {
    if (result.resumed) summary.resumed_shards++;
    summary.items_in += result.items_in;
    summary.items_out += result.items_out;
    summary.bytes_in += result.bytes_in;
    for (const [reason, n] of Object.entries(result.drops))
      summary.drops[reason] = (summary.drops[reason] ?? 0) + n;
    for (const [type, n] of Object.entries(result.redactions))
      summary.redactions[type] = (summary.redactions[type] ?? 0) + n;
    for (const [reason, list] of Object.entries(result.examples)) {
      summary.examples[reason] ??= [];
      for (const item of list) if (summary.examples[reason].length < 10) summary.examples[reason].push(item);
    }
  }
  summary.redactions = Object.fromEntries(Object.entries(summary.redactions).sort());
  // resumed_shards differs between a resumed and a fresh run; keep it out of the output file.
  const { resumed_shards: _resumed, ...stable } = summary;
  await writeJsonAtomic(paths.prepareSummary, stable);
  return summary;
}

function removeStaleShards(paths: ReturnType<typeof manifestPaths>, current: Set<string>): void {
  for (const [directory, extension] of [
    [paths.candidates, '.jsonl'],
    [paths.rejected, '.jsonl'],
    [paths.markers, '.json'],
  ] as const) {
    let names: string[] = [];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!current.has(name.slice(0, -extension.length)) || name.includes('.tmp-')) {
        rmSync(join(directory, name), { force: true });
      }
    }
  }
}
