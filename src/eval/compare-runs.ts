import { InfraLMError } from '../core/errors.js';
import { type PairedDifference, pairedBootstrap } from './bootstrap.js';
import { pairsOf, runMeanStatistic } from './model-metrics.js';
import { readPredictions, readRunConfig } from './run-store.js';
import { getEvalTask } from './task-registry.js';
import type { PredictionRecord } from './types.js';

// `infralm runs compare A B`: B − A on the examples both runs scored, with a paired bootstrap
// (the same resampled examples for both sides) for the interval and p-value of each difference.

export interface CompareOptions {
  /** The model of run A to compare (default: its first). */
  modelA?: string;
  modelB?: string;
  resamples?: number;
  seed?: number;
  confidence?: number;
}

export interface RunComparison {
  task: string;
  primary_metric: string;
  a: { run: string; model: string; runs: number };
  b: { run: string; model: string; runs: number };
  /** Examples both sides scored (the paired set). */
  examples: number;
  only_in_a: number;
  only_in_b: number;
  resamples: number;
  confidence: number;
  metrics: Record<string, PairedDifference>;
}

async function loadSide(
  directory: string,
  wanted: string | undefined,
): Promise<{ id: string; task: string; model: string; byRun: Map<number, Map<string, PredictionRecord>> }> {
  const config = readRunConfig(directory);
  const model = wanted ?? config.models[0]?.spec;
  if (!model || !config.models.some((entry) => entry.spec === model)) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `run ${config.id} has no model "${wanted}"; it has ${config.models.map((entry) => entry.spec).join(', ')}`,
    );
  }
  const byRun = new Map<number, Map<string, PredictionRecord>>();
  for await (const record of readPredictions(directory)) {
    if (record.model !== model) continue;
    let run = byRun.get(record.run);
    if (!run) {
      run = new Map();
      byRun.set(record.run, run);
    }
    run.set(record.id, record);
  }
  return { id: config.id, task: config.task, model, byRun };
}

/** Compare model B of run B with model A of run A on their shared examples. */
export async function compareRuns(
  directoryA: string,
  directoryB: string,
  options: CompareOptions = {},
): Promise<RunComparison> {
  const a = await loadSide(directoryA, options.modelA);
  const b = await loadSide(directoryB, options.modelB);
  if (a.task !== b.task)
    throw new InfraLMError('INFRALM_ERR_USAGE', `run ${a.id} is ${a.task} and run ${b.id} is ${b.task}`);
  const definition = getEvalTask(a.task);
  // Examples every run of both sides has, in a stable order.
  const idsOf = (side: typeof a) => {
    const runs = [...side.byRun.values()];
    return new Set((runs[0] ? [...runs[0].keys()] : []).filter((id) => runs.every((run) => run.has(id))));
  };
  const idsA = idsOf(a);
  const idsB = idsOf(b);
  const shared = [...idsA].filter((id) => idsB.has(id)).sort();
  if (shared.length === 0)
    throw new InfraLMError('INFRALM_ERR_USAGE', `runs ${a.id} and ${b.id} share no examples`);
  const aligned = (side: typeof a) =>
    [...side.byRun.keys()]
      .sort((x, y) => x - y)
      .map((run) => pairsOf(shared.map((id) => side.byRun.get(run)!.get(id)!)));
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const metrics = pairedBootstrap(
    shared.length,
    runMeanStatistic(definition, aligned(a)),
    runMeanStatistic(definition, aligned(b)),
    { resamples, seed: options.seed ?? 42, level: confidence },
  );
  delete metrics.examples;
  return {
    task: a.task,
    primary_metric: definition.primaryMetric,
    a: { run: a.id, model: a.model, runs: a.byRun.size },
    b: { run: b.id, model: b.model, runs: b.byRun.size },
    examples: shared.length,
    only_in_a: idsA.size - shared.length,
    only_in_b: idsB.size - shared.length,
    resamples,
    confidence,
    metrics,
  };
}
