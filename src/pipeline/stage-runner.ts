import { isAbsolute, join, relative } from 'node:path';
import { InfraLMError } from '../core/errors.js';
import { sha256, stableStringify } from '../core/hash.js';
import { hashContents } from './fingerprint.js';
import { type LockEntry, readLock, type StageSummary, writeLock } from './lock-file.js';
import { createStageLogger, type Logger, type LogLevel } from './logger.js';
import type { Reporter } from './progress.js';
import type { WorkerPool } from './worker-pool.js';

/** Everything a stage gets when it runs. */
export interface StageContext {
  workspace: string;
  log: Logger;
  reporter: Reporter;
  pool: WorkerPool;
  /**
   * Record an input fingerprint the stage computed while running (a directory's, from its own reads),
   * in place of calling `fingerprints()` after the run. A stage that records any records every key
   * its `fingerprints()` gives.
   */
  recordFingerprint(key: string, value: string): void;
}

/** One stage of a DAG: declared inputs, parameters and outputs, and the work. */
export interface Stage {
  name: string;
  /** Anything that changes the outputs when it changes (config section, options). */
  params: unknown;
  /** Workspace-relative (or absolute) paths whose contents are hashed as inputs. */
  inputs: string[];
  /**
   * Extra input fingerprints (e.g. a source tree's stat fingerprint). Computed before the run only
   * when the lock has an entry to compare with; otherwise after it, unless the run recorded them.
   */
  fingerprints?: () => Record<string, string>;
  /** Workspace-relative paths the stage writes (files or folders). */
  outputs: string[];
  run(context: StageContext): Promise<StageSummary>;
}

export interface RunOptions {
  workspace: string;
  force: boolean;
  logLevel: LogLevel;
  reporter: Reporter;
  pool: WorkerPool;
  /** Version of the code; a new version reruns every stage. */
  codeVersion: string;
}

export interface StageResult {
  name: string;
  skipped: boolean;
  summary: StageSummary;
  seconds: number;
}

/** Run stages in order, skipping those whose inputs, params, code and outputs are unchanged. */
export async function runStages(stages: Stage[], options: RunOptions): Promise<StageResult[]> {
  const lock = readLock(options.workspace);
  const hashCache = new Map<string, string | undefined>();
  const hashOf = (path: string) => {
    if (!hashCache.has(path)) hashCache.set(path, hashContents(absolute(options.workspace, path)));
    return hashCache.get(path);
  };
  const results: StageResult[] = [];
  for (const stage of stages) {
    const started = performance.now();
    const params = sha256(stableStringify(stage.params ?? null));
    // The lock entry to compare with; without one (or with --force) the stage runs.
    const previous = options.force ? undefined : lock.stages[stage.name];
    // Without a lock entry nothing needs them yet; a fresh run then walks a source tree only once.
    const fingerprints = previous ? (stage.fingerprints?.() ?? {}) : undefined;
    const inputs: Record<string, string> = { ...fingerprints };
    for (const input of stage.inputs) {
      const hash = hashOf(input);
      if (hash === undefined) {
        throw new InfraLMError('INFRALM_ERR_STAGE_FAILED', `${stage.name}: input ${input} does not exist`);
      }
      inputs[displayPath(options.workspace, input)] = hash;
    }
    if (previous && upToDate(previous, options.codeVersion, params, inputs, hashOf, stage)) {
      options.reporter.info(`${stage.name}: up to date, skipped`);
      results.push({ name: stage.name, skipped: true, summary: previous.summary, seconds: 0 });
      continue;
    }
    const log = createStageLogger(options.workspace, stage.name, options.logLevel);
    log.info({ event: 'stage-start', params }, 'stage start');
    let summary: StageSummary;
    const recorded: Record<string, string> = {};
    try {
      summary = await stage.run({
        workspace: options.workspace,
        log,
        reporter: options.reporter,
        pool: options.pool,
        recordFingerprint: (key, value) => {
          recorded[key] = value;
        },
      });
    } catch (error) {
      log.error({ event: 'stage-failed', error: (error as Error).message }, 'stage failed');
      throw error;
    }
    // Fingerprints taken during the run describe what it read; without them they are taken now.
    const declared = fingerprints ?? (Object.keys(recorded).length > 0 ? {} : (stage.fingerprints?.() ?? {}));
    Object.assign(inputs, declared, recorded);
    const outputs: Record<string, string> = {};
    for (const output of stage.outputs) {
      hashCache.delete(output);
      const hash = hashOf(output);
      if (hash === undefined) {
        throw new InfraLMError('INFRALM_ERR_STAGE_FAILED', `${stage.name}: did not write ${output}`);
      }
      outputs[output] = hash;
    }
    lock.stages[stage.name] = { code: options.codeVersion, params, inputs, outputs, summary };
    writeLock(options.workspace, lock);
    const seconds = (performance.now() - started) / 1000;
    log.info({ event: 'stage-end', seconds, ...summary }, 'stage end');
    log.flush?.();
    results.push({ name: stage.name, skipped: false, summary, seconds });
  }
  return results;
}

function upToDate(
  previous: LockEntry,
  codeVersion: string,
  params: string,
  inputs: Record<string, string>,
  hashOf: (path: string) => string | undefined,
  stage: Stage,
): boolean {
  if (previous.code !== codeVersion || previous.params !== params) return false;
  if (stableStringify(previous.inputs) !== stableStringify(inputs)) return false;
  // An output deleted or edited by hand since the last run makes the stage stale.
  return stage.outputs.every((output) => previous.outputs[output] === hashOf(output));
}

function absolute(workspace: string, path: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}

function displayPath(workspace: string, path: string): string {
  return isAbsolute(path) ? relative(workspace, path) || '.' : path;
}
