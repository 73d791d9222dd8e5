import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAtomicWriter, writeJsonAtomic } from '../core/atomic-write.js';
import { InfraLMError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import type { Example } from '../core/types.js';
import type { SplitName } from '../dataset/split.js';
import { resolveModel } from '../models/registry.js';
import type { Generation, HttpSettings, Model } from '../models/types.js';
import { mapConcurrent } from './map-concurrent.js';
import { computeModelMetrics, pairsOf } from './model-metrics.js';
import { type CachedGeneration, PredictionCache } from './prediction-cache.js';
import { createRunDirectory, newRunId, RUN_FILES, runsDirectory } from './run-store.js';
import { getEvalTask } from './task-registry.js';
import type { AnyEvalTask, PredictionRecord, RunConfig, RunMetrics } from './types.js';

// `infralm eval`: every model over a split, `runs` times; predictions cached by model and request,
// failures recorded as data; then metrics with bootstrap intervals, error analysis and the report.

export interface EvaluateOptions {
  workspace: string;
  task: string;
  models: string[];
  split?: SplitName;
  runs?: number;
  seed?: number;
  concurrency?: number;
  limit?: number;
  /** Sampling temperature; default 0 for one run, 0.7 when `runs` > 1 (the multi-run benchmark). */
  temperature?: number;
  resamples?: number;
  confidence?: number;
  runId?: string;
  /** Where runs go (default `<workspace>/runs`). */
  runsDirectory?: string;
  /** Read cached predictions (default true); fresh ones are always written. */
  cache?: boolean;
  /** Write report.html, summary.md and charts (default true). */
  report?: boolean;
  http?: Partial<HttpSettings>;
  environment?: NodeJS.ProcessEnv;
  onProgress?: (event: { model: string; run: number; done: number; total: number }) => void;
}

export interface EvaluateResult {
  directory: string;
  config: RunConfig;
  metrics: RunMetrics;
  /** Paths of the report files, when written. */
  report?: { html: string; summary: string; charts: string[] };
}

function packageVersion(): string {
  try {
    const path = fileURLToPath(new URL('../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function positive(name: string, value: number | undefined, fallback: number, minimum = 1): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < minimum)
    throw new InfraLMError('INFRALM_ERR_USAGE', `${name} must be an integer ≥ ${minimum}, got ${chosen}`);
  return chosen;
}

async function readExamples(
  definition: AnyEvalTask,
  workspace: string,
  split: SplitName,
  limit: number | undefined,
): Promise<Example<unknown, unknown>[]> {
  const examples: Example<unknown, unknown>[] = [];
  for await (const example of definition.readExamples(workspace, split)) {
    if (limit !== undefined && examples.length >= limit) break;
    examples.push(example);
  }
  return examples;
}

/** Ask a model once, through the cache; never throws for the model's own failures. */
async function predictOne(
  model: Model<unknown, unknown>,
  input: unknown,
  options: { temperature: number; seed: number },
  cache: PredictionCache,
  readCache: boolean,
  memory: Map<string, CachedGeneration<unknown>>,
): Promise<CachedGeneration<unknown> & { cached: boolean }> {
  const generateOptions = { temperature: options.temperature, seed: options.seed };
  const requestKey = model.requestKey(input, generateOptions);
  const memoryKey = sha256(JSON.stringify([model.fingerprint, requestKey]));
  const remembered = memory.get(memoryKey);
  if (remembered) return { ...remembered, cached: true };
  const stored = readCache ? cache.get<unknown>(model.fingerprint, requestKey) : undefined;
  if (stored) {
    memory.set(memoryKey, stored);
    return { ...stored, cached: true };
  }
  const started = performance.now();
  let generation: Generation<unknown>;
  try {
    generation = await model.generate(input, generateOptions);
  } catch (error) {
    generation = { failure: { kind: 'predictor', message: (error as Error).message } };
  }
  const entry: CachedGeneration<unknown> = {
    ...generation,
    latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
  };
  if (entry.failure?.kind !== 'transport') {
    memory.set(memoryKey, entry);
    await cache.set(model.fingerprint, requestKey, entry);
  }
  return { ...entry, cached: false };
}

/** Run an evaluation and write its run folder. */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const definition = getEvalTask(options.task);
  if (options.models.length === 0) throw new InfraLMError('INFRALM_ERR_USAGE', 'name at least one --model');
  if (new Set(options.models).size !== options.models.length)
    throw new InfraLMError('INFRALM_ERR_USAGE', 'a model is named twice');
  const split = options.split ?? 'test';
  const runs = positive('--runs', options.runs, 1);
  const seed = positive('--seed', options.seed, 42, 0);
  const concurrency = positive('--concurrency', options.concurrency, 4);
  const resamples = positive('--resamples', options.resamples, 1000, 0);
  const limit = options.limit === undefined ? undefined : positive('--limit', options.limit, 1);
  const temperature = options.temperature ?? (runs > 1 ? 0.7 : 0);
  const confidence = options.confidence ?? 0.95;

  const task = await definition.loadTask(options.workspace);
  // Resolve every model before any work, so a bad spec fails fast.
  const models = options.models.map((spec) =>
    resolveModel(spec, {
      task,
      ...(options.environment ? { environment: options.environment } : {}),
      ...(options.http ? { http: options.http } : {}),
    }),
  );
  const examples = await readExamples(definition, options.workspace, split, limit);
  const runsFolder = options.runsDirectory ?? runsDirectory(options.workspace);
  const id = options.runId ?? newRunId(definition.name);
  const directory = createRunDirectory(runsFolder, id);

  const config: RunConfig = {
    id,
    task: definition.name,
    split,
    workspace: options.workspace,
    models: models.map((model) => ({
      spec: model.spec,
      fingerprint: model.fingerprint,
      deterministic: model.deterministic,
    })),
    runs,
    seed,
    temperature,
    concurrency,
    limit: limit ?? null,
    resamples,
    confidence,
    dataset: {
      examples: examples.length,
      ids_sha256: sha256(examples.map((example) => example.id).join('\n')),
      file: join('gold', definition.name, `${split}.jsonl`),
    },
    created_at: new Date().toISOString(),
    status: 'running',
    infralm_version: packageVersion(),
  };
  await writeJsonAtomic(join(directory, RUN_FILES.config), config);

  const cache = new PredictionCache(join(runsFolder, '.cache'));
  const memory = new Map<string, CachedGeneration<unknown>>();
  const writer = createAtomicWriter(join(directory, RUN_FILES.predictions));
  const recordsByModel: PredictionRecord[][][] = [];
  try {
    for (const model of models) {
      const byRun: PredictionRecord[][] = [];
      for (let run = 1; run <= runs; run++) {
        let done = 0;
        const records = await mapConcurrent(examples, concurrency, async (example) => {
          const answer = await predictOne(
            model,
            example.input,
            { temperature, seed: seed + run - 1 },
            cache,
            options.cache !== false,
            memory,
          );
          const record: PredictionRecord = {
            model: model.spec,
            run,
            id: example.id,
            strata: example.strata,
            ...(example.source?.path !== undefined ? { source_path: example.source.path } : {}),
            target: example.target,
            prediction: answer.output ?? null,
            failure: answer.failure ?? null,
            ...(answer.text !== undefined ? { text: answer.text } : {}),
            latency_ms: answer.latency_ms,
            tokens: answer.tokens ?? null,
            cached: answer.cached,
            score: 0,
          };
          record.score = definition.exampleScore(pairsOf([record])[0]!);
          options.onProgress?.({ model: model.spec, run, done: ++done, total: examples.length });
          return record;
        });
        for (const record of records) await writer.write(`${JSON.stringify(record)}\n`);
        byRun.push(records);
      }
      recordsByModel.push(byRun);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }

  const metrics: RunMetrics = {
    run_id: id,
    task: definition.name,
    split,
    primary_metric: definition.primaryMetric,
    stratum_metric: definition.stratumMetric ?? definition.primaryMetric,
    headline_metrics: definition.headlineMetrics,
    examples: examples.length,
    runs,
    resamples,
    confidence,
    models: models.map((model, index) =>
      computeModelMetrics(definition, model.spec, recordsByModel[index]!, { resamples, seed, confidence }),
    ),
  };
  await writeJsonAtomic(join(directory, RUN_FILES.metrics), metrics);

  if (definition.errorAnalysis) {
    // error-analysis.json is the first model's (the candidate's), in the shape the augmentation
    // step reads; with several models each also gets error-analysis/<n>-<slug>.json.
    const analyses = recordsByModel.map((byRun) => definition.errorAnalysis!(pairsOf(byRun[0] ?? [])));
    await writeJsonAtomic(join(directory, RUN_FILES.errorAnalysis), {
      ...(analyses[0] as object),
      model: models[0]!.spec,
    });
    if (models.length > 1) {
      for (const [index, analysis] of analyses.entries()) {
        const slug = models[index]!.spec.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
        await writeJsonAtomic(join(directory, 'error-analysis', `${index + 1}-${slug}.json`), {
          ...(analysis as object),
          model: models[index]!.spec,
        });
      }
    }
  }

  const finished: RunConfig = { ...config, status: 'complete', finished_at: new Date().toISOString() };
  await writeJsonAtomic(join(directory, RUN_FILES.config), finished);
  let report: EvaluateResult['report'];
  if (options.report !== false) {
    const { writeReport } = await import('./report/write-report.js');
    report = await writeReport(directory);
  }
  return { directory, config: finished, metrics, ...(report ? { report } : {}) };
}
