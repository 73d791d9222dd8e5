import type { Scored } from '../core/types.js';
import type { FailureKind } from '../models/types.js';
import { bootstrap, type Statistic } from './bootstrap.js';
import { describe, mean, standardDeviation } from './statistics.js';
import type { AnyEvalTask, ModelMetrics, PredictionRecord, StratumMetrics, WorstExample } from './types.js';

// One model's metrics from its predictions: every run's values, their mean and sd, percentile
// bootstrap intervals of the run mean (examples resampled, each run scored on the same resample),
// breakdowns by stratum, latency, tokens, failures, a confusion matrix and the worst examples.

export interface ScoringOptions {
  resamples: number;
  seed: number;
  confidence: number;
  /** Rows of the worst-examples table. */
  worst?: number;
}

/** Scored pairs with the failure the runner recorded, so descriptions can quote it. */
export type ScoredWithFailure = Scored<unknown> & { failure?: { kind: string; message: string } };

/** The run-mean statistic over example indices. */
export function runMeanStatistic(definition: AnyEvalTask, pairsByRun: ScoredWithFailure[][]): Statistic {
  return (indices) => {
    const perRun = pairsByRun.map((pairs) => definition.values(indices.map((index) => pairs[index]!)));
    const out: Record<string, number> = {};
    for (const key of Object.keys(perRun[0] ?? {})) out[key] = mean(perRun.map((values) => values[key] ?? 0));
    return out;
  };
}

/** Pairs of a run from its records (same order). */
export function pairsOf(records: readonly PredictionRecord[]): ScoredWithFailure[] {
  return records.map((record) => ({
    id: record.id,
    prediction: record.prediction ?? undefined,
    target: record.target,
    strata: record.strata,
    ...(record.failure ? { failure: record.failure } : {}),
  }));
}

/** Metrics of one model; `recordsByRun[run][example]`, every run over the same examples in the same order. */
export function computeModelMetrics(
  definition: AnyEvalTask,
  spec: string,
  recordsByRun: PredictionRecord[][],
  options: ScoringOptions,
): ModelMetrics {
  const pairsByRun = recordsByRun.map(pairsOf);
  const n = pairsByRun[0]?.length ?? 0;
  const statistic = runMeanStatistic(definition, pairsByRun);
  const overall = bootstrap(n, statistic, {
    resamples: options.resamples,
    seed: options.seed,
    level: options.confidence,
  });
  const runValues = pairsByRun.map((pairs) => definition.values(pairs));
  const sd: Record<string, number> = {};
  for (const key of Object.keys(overall.point))
    sd[key] = standardDeviation(runValues.map((values) => values[key] ?? 0));

  const by: Record<string, Record<string, StratumMetrics>> = {};
  const first = pairsByRun[0] ?? [];
  for (const stratum of definition.strata) {
    const groups = new Map<string, number[]>();
    first.forEach((pair, index) => {
      const key = pair.strata[stratum] ?? 'unknown';
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    });
    if (groups.size === 0) continue;
    by[stratum] = {};
    for (const [key, indices] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const sub: Statistic = (picked) => statistic(picked.map((position) => indices[position]!));
      const result = bootstrap(indices.length, sub, {
        resamples: options.resamples,
        seed: options.seed,
        level: options.confidence,
      });
      by[stratum][key] = {
        examples: indices.length,
        values: result.point,
        ci: result.intervals[definition.stratumMetric ?? definition.primaryMetric] ?? { low: 0, high: 0 },
      };
    }
  }

  const all = recordsByRun.flat();
  const failures: Record<FailureKind, number> = { parse: 0, predictor: 0, transport: 0 };
  for (const record of all) if (record.failure) failures[record.failure.kind]++;
  const withTokens = all.filter((record) => record.tokens);
  const tokens =
    withTokens.length > 0
      ? {
          prompt: withTokens.reduce((sum, record) => sum + record.tokens!.prompt, 0),
          completion: withTokens.reduce((sum, record) => sum + record.tokens!.completion, 0),
        }
      : null;

  const firstRecords = recordsByRun[0] ?? [];
  const worst: WorstExample[] = first
    .map((pair, index) => ({ pair, record: firstRecords[index]!, score: definition.exampleScore(pair) }))
    .filter((entry) => entry.score < 1)
    .sort((a, b) => a.score - b.score || (a.pair.id < b.pair.id ? -1 : 1))
    .slice(0, options.worst ?? 10)
    .map(({ pair, record, score }) => ({
      id: pair.id,
      score,
      ...(record.source_path !== undefined ? { source_path: record.source_path } : {}),
      strata: pair.strata,
      description: definition.describeError(pair),
    }));

  return {
    spec,
    values: overall.point,
    ci: overall.intervals,
    sd,
    run_values: runValues,
    primary_replicates: (overall.replicates[definition.primaryMetric] ?? []).map(
      (value) => Math.round(value * 1e6) / 1e6,
    ),
    by,
    latency_ms: describe(all.map((record) => record.latency_ms)),
    tokens,
    failures,
    cached: all.filter((record) => record.cached).length,
    ...(definition.confusion ? { confusion: definition.confusion(first) } : {}),
    worst,
  };
}
