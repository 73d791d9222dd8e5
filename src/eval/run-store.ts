import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { InfraLMError } from '../core/errors.js';
import { readJsonl } from '../core/jsonl.js';
import type { PredictionRecord, RunConfig, RunMetrics } from './types.js';

// runs/<id>/ holds config.json (written first, status "running", then "complete"),
// predictions.jsonl, metrics.json, error-analysis.json, report.html, summary.md and charts/.
// runs/.cache/ holds the prediction cache.

export const RUN_FILES = {
  config: 'config.json',
  predictions: 'predictions.jsonl',
  metrics: 'metrics.json',
  errorAnalysis: 'error-analysis.json',
  report: 'report.html',
  summary: 'summary.md',
  charts: 'charts',
} as const;

/** The runs folder of a workspace. */
export function runsDirectory(workspace: string): string {
  return join(workspace, 'runs');
}

/** A new run id: UTC time, task and a random suffix (sortable by time). */
export function newRunId(task: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${task}-${Math.random().toString(16).slice(2, 8).padEnd(6, '0')}`;
}

/** Create the run folder; an existing id is a usage error. */
export function createRunDirectory(runs: string, id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `run id "${id}" may only hold letters, digits, ".", "_" and "-"`,
    );
  const directory = join(runs, id);
  if (existsSync(directory))
    throw new InfraLMError('INFRALM_ERR_USAGE', `run ${id} exists already (${directory})`);
  mkdirSync(directory, { recursive: true });
  return directory;
}

/** A run folder from an id (under the runs folder) or a path. */
export function resolveRunDirectory(runs: string, idOrPath: string): string {
  const candidates = [join(runs, idOrPath), isAbsolute(idOrPath) ? idOrPath : resolve(idOrPath)];
  for (const candidate of candidates) if (existsSync(join(candidate, RUN_FILES.config))) return candidate;
  throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `run "${idOrPath}" (looked in ${runs})`);
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
      location: { file: path },
    });
  }
}

/** config.json of a run. */
export function readRunConfig(directory: string): RunConfig {
  return readJson<RunConfig>(join(directory, RUN_FILES.config));
}

/** metrics.json of a finished run. */
export function readRunMetrics(directory: string): RunMetrics {
  const path = join(directory, RUN_FILES.metrics);
  if (!existsSync(path))
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `${path} (the run did not finish)`);
  return readJson<RunMetrics>(path);
}

/** The prediction records of a run. */
export function readPredictions(directory: string): AsyncIterable<PredictionRecord> {
  return readJsonl<PredictionRecord>(join(directory, RUN_FILES.predictions));
}

export interface RunSummary {
  id: string;
  directory: string;
  task: string;
  split: string;
  status: string;
  created_at: string;
  examples: number;
  models: string[];
  primary_metric?: string;
  /** Primary metric per model (finished runs). */
  primary?: Record<string, number>;
}

/** Every run in a runs folder, newest first; unreadable folders are skipped. */
export function listRuns(runs: string): RunSummary[] {
  if (!existsSync(runs)) return [];
  const out: RunSummary[] = [];
  for (const entry of readdirSync(runs, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const directory = join(runs, entry.name);
    let config: RunConfig;
    try {
      config = readRunConfig(directory);
    } catch {
      continue;
    }
    let metrics: RunMetrics | undefined;
    try {
      metrics = existsSync(join(directory, RUN_FILES.metrics)) ? readRunMetrics(directory) : undefined;
    } catch {
      metrics = undefined;
    }
    out.push({
      id: config.id,
      directory,
      task: config.task,
      split: config.split,
      status: config.status,
      created_at: config.created_at,
      examples: config.dataset.examples,
      models: config.models.map((model) => model.spec),
      ...(metrics
        ? {
            primary_metric: metrics.primary_metric,
            primary: Object.fromEntries(
              metrics.models.map((model) => [model.spec, model.values[metrics.primary_metric] ?? Number.NaN]),
            ),
          }
        : {}),
    });
  }
  return out.sort((a, b) =>
    a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1,
  );
}
