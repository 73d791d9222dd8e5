// Spec types of the evaluation layer.
import type { Example, Scored, Task, TaskName } from '../core/types.js';
import type { SplitName } from '../dataset/split.js';
import type { FailureKind } from '../models/types.js';

/** Counts of (actual, predicted) label pairs. */
export interface ConfusionMatrix {
  /** What is counted (e.g. "label", "action per address", "primary kind"). */
  subject: string;
  labels: string[];
  /** counts[actual][predicted] in `labels` order. */
  counts: number[][];
}

/** How one task is evaluated; one entry per task in task-registry.ts. */
export interface EvalTaskDefinition<I, O> {
  name: TaskName;
  /** The task for a workspace (a retrieval baseline indexes the workspace's training split). */
  loadTask(workspace: string): Promise<Task<I, O>>;
  /** The gold examples of a split, from the files `infralm build <task>` writes. */
  readExamples(workspace: string, split: SplitName): AsyncIterable<Example<I, O>>;
  /** Metric values without breakdowns: called once per bootstrap resample, so keep it cheap. */
  values(pairs: Scored<O>[]): Record<string, number>;
  /** The metric gates, box plots and comparisons default to. */
  primaryMetric: string;
  /** The metric charted per stratum (default: the primary; F1 means nothing in a stratum without positives). */
  stratumMetric?: string;
  /** The metrics drawn as bars and shown first. */
  headlineMetrics: string[];
  /** Strata keys to break the metrics down by. */
  strata: string[];
  /** A score in [0, 1] per example, lowest = worst (for the worst-examples table). */
  exampleScore(pair: Scored<O>): number;
  /** One line on what went wrong in an example. */
  describeError(pair: Scored<O>): string;
  confusion?(pairs: Scored<O>[]): ConfusionMatrix;
  /** JSON the data-augmentation step reads back (`error-analysis.json`). */
  errorAnalysis?(pairs: Scored<O>[]): unknown;
}

/** An entry with its types erased, as the registry holds it. */
export type AnyEvalTask = EvalTaskDefinition<unknown, unknown>;

/** One line of predictions.jsonl: one model's answer to one example in one run. */
export interface PredictionRecord {
  model: string;
  run: number;
  id: string;
  strata: Record<string, string>;
  source_path?: string;
  target: unknown;
  /** null when the prediction failed. */
  prediction: unknown;
  failure: { kind: FailureKind; message: string } | null;
  text?: string;
  latency_ms: number;
  tokens: { prompt: number; completion: number } | null;
  cached: boolean;
  /** The task's per-example score. */
  score: number;
}

/** config.json of a run: everything needed to reproduce it. */
export interface RunConfig {
  id: string;
  task: TaskName;
  split: SplitName;
  workspace: string;
  models: { spec: string; fingerprint: string; deterministic: boolean }[];
  runs: number;
  seed: number;
  temperature: number;
  concurrency: number;
  limit: number | null;
  resamples: number;
  confidence: number;
  dataset: { examples: number; ids_sha256: string; file: string };
  created_at: string;
  finished_at?: string;
  status: 'running' | 'complete';
  infralm_version: string;
}

export interface MetricInterval {
  low: number;
  high: number;
}

/** One stratum value's metrics. */
export interface StratumMetrics {
  examples: number;
  values: Record<string, number>;
  /** Interval of the stratum metric. */
  ci: MetricInterval;
}

export interface WorstExample {
  id: string;
  score: number;
  source_path?: string;
  strata: Record<string, string>;
  description: string;
}

/** One model's results in metrics.json. */
export interface ModelMetrics {
  spec: string;
  /** Mean over runs. */
  values: Record<string, number>;
  /** Bootstrap interval of the run mean, per metric. */
  ci: Record<string, MetricInterval>;
  /** Standard deviation over runs (0 with one run). */
  sd: Record<string, number>;
  /** Each run's values. */
  run_values: Record<string, number>[];
  /** The primary metric's bootstrap replicates (for the box plot when there is one run). */
  primary_replicates: number[];
  by: Record<string, Record<string, StratumMetrics>>;
  latency_ms: { mean: number; p50: number; p95: number; max: number; total: number };
  tokens: { prompt: number; completion: number } | null;
  failures: Record<FailureKind, number>;
  cached: number;
  confusion?: ConfusionMatrix;
  worst: WorstExample[];
}

/** metrics.json of a run. */
export interface RunMetrics {
  run_id: string;
  task: TaskName;
  split: SplitName;
  primary_metric: string;
  /** The metric of the per-stratum charts and intervals. */
  stratum_metric: string;
  headline_metrics: string[];
  examples: number;
  runs: number;
  resamples: number;
  confidence: number;
  models: ModelMetrics[];
}
