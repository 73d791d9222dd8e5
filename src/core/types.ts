// The few types every layer shares (see ARCHITECTURE.md "The few types everything shares").
// Spec types only: implementations import this module, never the reverse.

export type TaskName = 'plan' | 'manifest' | 'review' | 'lint' | 'triage';

/** Where a document came from; kept with every record derived from it. */
export interface Provenance {
  kind: string;
  repo?: string;
  commit?: string;
  path: string;
  license?: string;
}

/** A source file with its provenance; id = sha256 of the bytes. */
export interface Document {
  id: string;
  text: string;
  source: Provenance;
}

/** One training/evaluation example; `group` keeps related examples in one split. */
export interface Example<I, O> {
  id: string;
  task: TaskName;
  input: I;
  target: O;
  group: string;
  strata: Record<string, string>;
  weight?: number;
  source: Provenance;
}

/** Counters and the drop sink a step reports to. */
export interface StepContext {
  /** Count an event (items in/out, redactions, ...) under a name. */
  count(name: string, n?: number): void;
  /** Record that an item was dropped, with a stable reason; the item is kept for audit. */
  drop(item: unknown, reason: string, detail?: string): void;
}

/** A pipeline step: a stream in, a stream out; drops are counted by reason. */
export type Step<A, B> = (items: AsyncIterable<A>, context: StepContext) => AsyncIterable<B>;

/** A chat message in the OpenAI fine-tuning shape. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content?: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

export type JSONSchema = Record<string, unknown>;

/** The assistant turn a task renders for training. */
export type AssistantTurn = Extract<ChatMessage, { role: 'assistant' }>;

/** Options of one prediction. */
export interface PredictOptions {
  /** Sampling temperature (0 = greedy). */
  temperature?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Something that answers a task: the deterministic baseline or a model back end. */
export interface Predictor<I, O> {
  id: string;
  predict(input: I, options?: PredictOptions): Promise<O>;
}

/** A prediction next to its reference, with the example's strata for breakdowns. */
export interface Scored<O> {
  id: string;
  /** undefined when the prediction failed (recorded as data, not thrown). */
  prediction: O | undefined;
  target: O;
  strata: Record<string, string>;
}

/** Named metric values; breakdowns by stratum under `by`. */
export interface Metrics {
  values: Record<string, number>;
  by?: Record<string, Record<string, Record<string, number>>>;
}

/** A task is data, not a class hierarchy (ARCHITECTURE.md). */
export interface Task<I, O> {
  name: TaskName;
  build: Step<Document, Example<I, O>>;
  messages(input: I): ChatMessage[];
  render(target: O): AssistantTurn;
  outputSchema: JSONSchema;
  parse(text: string): O;
  score(pairs: Scored<O>[]): Metrics;
  baseline: Predictor<I, O>;
}
