import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import { readBronzeManifest } from '../../corpus/bronze-store.js';
import type { BronzeShard } from '../../corpus/types.js';
import type { WorkerPool } from '../../pipeline/worker-pool.js';
import { DROP_REASONS, type PrepareOptions } from '../../tasks/manifest/build.js';
import { manifestPaths } from './paths.js';
import type { PrepareShardResult, PrepareShardTask } from './prepare-shard.js';

/**
 * Below this much input one thread is faster. On 2 cores (npm run bench): shared/corpora/k8s (6 MB)
 * took 1.15 s on one thread and 1.30 s with a worker (its module load and JIT warm-up are paid again,
 * and it competes with V8's own compile and GC threads); four copies of it (25 MB) took 4.4 s on
 * one thread and 3.75 s with a worker.
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** silver/manifest/prepare.json: totals over all shards. */
export interface PrepareSummary extends Omit<PrepareShardResult, 'shard' | 'resumed'> {
  shards: number;
  resumed_shards: number;
}

/** The prepare task of one bronze shard (also used to start it early, as soon as ingest writes it). */
export function prepareShardTask(
  workspace: string,
  bronzeDirectory: string,
  shard: BronzeShard,
  options: PrepareOptions,
  paramsHash: string,
): PrepareShardTask {
  const source = bronzeDirectory.split('/').at(-1)!;
  return {
    shardPath: join(bronzeDirectory, shard.file),
    shardSha256: shard.sha256,
    shardName: `${source}--${shard.file.replace(/\.jsonl$/, '')}`,
    outputDirectory: manifestPaths(workspace).silver,
    paramsHash,
    options,
  };
}

/** Key of a shard task for the map of tasks started early. */
export function prepareShardKey(task: PrepareShardTask): string {
  return `${task.shardName}@${task.shardSha256}@${task.paramsHash}`;
}

/**
 * Run the per-document gates, redaction and labelling over every bronze shard, on this thread and the
 * pool's workers. Shards already started early (`started`, by key) are awaited rather than redone.
 */
export async function prepareManifest(
  workspace: string,
  bronzeDirectories: string[],
  options: PrepareOptions,
  paramsHash: string,
  run: {
    pool: WorkerPool;
    parallelMinBytes?: number;
    started?: ReadonlyMap<string, Promise<PrepareShardResult>>;
    onShard?: (done: number, total: number) => void;
  },
): Promise<PrepareSummary> {
  const paths = manifestPaths(workspace);
  const tasks: PrepareShardTask[] = [];
  let totalBytes = 0;
  for (const directory of bronzeDirectories) {
    const manifest = await readBronzeManifest(directory);
    totalBytes += manifest.bytes;
    for (const shard of manifest.shards)
      tasks.push(prepareShardTask(workspace, directory, shard, options, paramsHash));
  }
  removeStaleShards(paths, new Set(tasks.map((task) => task.shardName)));
  let done = 0;
  // Fault injection for the kill-and-rerun test: die hard after n finished shards.
  const killAfter = Number(process.env.INFRALM_FAULT_KILL_AFTER_SHARDS ?? 0);
  const onDone = () => {
    run.onShard?.(++done, tasks.length);
    if (killAfter > 0 && done === killAfter) process.kill(process.pid, 'SIGKILL');
  };
  const results = new Array<PrepareShardResult>(tasks.length);
  const waiting: Promise<void>[] = [];
  const remaining: number[] = [];
  for (const [index, task] of tasks.entries()) {
    const started = run.started?.get(prepareShardKey(task));
    if (!started) {
      remaining.push(index);
      continue;
    }
    waiting.push(
      started.then((result) => {
        results[index] = result;
        onDone();
      }),
    );
  }
  const ran = await run.pool.run<PrepareShardTask, PrepareShardResult>(
    'manifest.prepare-shard',
    remaining.map((index) => tasks[index]!),
    {
      // Workers already busy with early shards are warm: splitting the rest always pays then.
      parallel: waiting.length > 0 || totalBytes >= (run.parallelMinBytes ?? PARALLEL_MIN_BYTES),
      onResult: onDone,
    },
  );
  ran.forEach((result, position) => {
    results[remaining[position]!] = result;
  });
  await Promise.all(waiting);
  removeTemporaryFiles(paths);
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
    [paths.keys, '.json'],
  ] as const) {
    let names: string[] = [];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      // Temporary files of current shards may belong to a task still running; they go at the end.
      if (!name.includes('.tmp-') && !current.has(name.slice(0, -extension.length))) {
        rmSync(join(directory, name), { force: true });
      }
    }
  }
}

/** Leftovers of writes a killed run did not finish (every task of this run has finished). */
function removeTemporaryFiles(paths: ReturnType<typeof manifestPaths>): void {
  for (const directory of [paths.candidates, paths.rejected, paths.markers, paths.keys]) {
    let names: string[] = [];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) if (name.includes('.tmp-')) rmSync(join(directory, name), { force: true });
  }
}
