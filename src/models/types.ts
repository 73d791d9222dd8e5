// Spec types of the model layer: a model answers a task's inputs and reports failures as data.
import type { Task } from '../core/types.js';

/** Options of one generation. */
export interface GenerateOptions {
  /** Sampling temperature (0 = greedy). */
  temperature: number;
  /** Sampling seed; back ends that support it get one per run. */
  seed?: number;
  signal?: AbortSignal;
}

/**
 * Why a generation has no output. `parse`: the model answered but the answer does not parse;
 * `predictor`: the predictor itself failed; `transport`: the request failed (not cached, retried on a rerun).
 */
export type FailureKind = 'parse' | 'predictor' | 'transport';

export interface GenerationFailure {
  kind: FailureKind;
  message: string;
}

/** One answer: the parsed output, or a failure, plus what the back end can tell about it. */
export interface Generation<O> {
  output?: O;
  failure?: GenerationFailure;
  /** The model's raw text, when the back end produces text. */
  text?: string;
  tokens?: { prompt: number; completion: number };
}

/** A resolved model: a back end bound to a task. `generate` never throws for a bad answer. */
export interface Model<I, O> {
  /** The spec string it was resolved from (`baseline`, `openai:URL#MODEL`, ...). */
  spec: string;
  /** Changes whenever the model's answers may change (code version, endpoint, model name). */
  fingerprint: string;
  /** True when the same request always gets the same answer (runs then share one cache entry). */
  deterministic: boolean;
  /** What identifies one request besides the fingerprint (the input, or the messages sent). */
  requestKey(input: I, options: GenerateOptions): unknown;
  generate(input: I, options: GenerateOptions): Promise<Generation<O>>;
}

/** HTTP settings of remote back ends. */
export interface HttpSettings {
  timeoutMs: number;
  retries: number;
  /** First retry delay; doubles per attempt. */
  backoffMs: number;
}

/** What a factory gets besides the spec. */
export interface ModelContext<I, O> {
  task: Task<I, O>;
  environment?: NodeJS.ProcessEnv;
  http?: Partial<HttpSettings>;
}

/** One back end: `test` claims a spec string, `create` resolves it. */
export interface ModelFactory {
  name: string;
  /** The spec form, for help and error messages. */
  form: string;
  test(spec: string): boolean;
  create<I, O>(spec: string, context: ModelContext<I, O>): Model<I, O>;
}
