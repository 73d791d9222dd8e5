import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChatHistoryItem, Llama, LlamaContextSequence, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { InfraLMError } from '../core/errors.js';
import type { ChatMessage, JSONSchema } from '../core/types.js';
import type { GenerateOptions, Generation, Model, ModelContext, ModelFactory } from './types.js';

// `gguf:PATH[?lora=ADAPTER&scale=S&contexts=N&maxTokens=N&contextSize=N]`: local llama.cpp inference
// through node-llama-cpp. Generation is constrained by a grammar built from the task's output schema,
// and the answer still goes through the task's parse and a schema check, because the grammar cannot
// express every keyword (notes/deps.md §1). Threads are pinned (llama 2, context 1): the library's
// default of 4 threads on a 2-core machine is 100-400x slower.

export interface GgufSpec {
  modelPath: string;
  loraPath?: string;
  /** LoRA scale (default 1). */
  loraScale: number;
  /** Contexts in the pool, one sequence each: how many requests run at once (default 1). */
  contexts: number;
  /** Upper bound of generated tokens (default 512). */
  maxTokens: number;
  /** Context size in tokens (default: the model's training context, at most 4096). */
  contextSize?: number;
}

const OPTION_NAMES = new Set(['lora', 'scale', 'contexts', 'maxTokens', 'contextSize']);

function positiveInteger(spec: string, name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": ${name} must be a positive integer`);
  }
  return value;
}

/** `gguf:PATH?lora=ADAPTER&scale=0.5&contexts=2` → its parts (a clear usage error otherwise). */
export function parseGgufSpec(spec: string): GgufSpec {
  const body = spec.slice('gguf:'.length);
  const query = body.indexOf('?');
  const path = query === -1 ? body : body.slice(0, query);
  if (path === '')
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}" names no file: use gguf:PATH`);
  const parameters = new URLSearchParams(query === -1 ? '' : body.slice(query + 1));
  for (const name of parameters.keys()) {
    if (!OPTION_NAMES.has(name)) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `model "${spec}": unknown option "${name}" (known: ${[...OPTION_NAMES].join(', ')})`,
      );
    }
  }
  const lora = parameters.get('lora');
  const scaleText = parameters.get('scale');
  const loraScale = scaleText === null ? 1 : Number(scaleText);
  if (!Number.isFinite(loraScale)) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": scale must be a number`);
  }
  if (scaleText !== null && !lora) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": scale needs a lora adapter`);
  }
  const contextSize = parameters.get('contextSize');
  return {
    modelPath: resolve(path),
    ...(lora ? { loraPath: resolve(lora) } : {}),
    loraScale,
    contexts: positiveInteger(spec, 'contexts', parameters.get('contexts') ?? '1'),
    maxTokens: positiveInteger(spec, 'maxTokens', parameters.get('maxTokens') ?? '512'),
    ...(contextSize !== null ? { contextSize: positiveInteger(spec, 'contextSize', contextSize) } : {}),
  };
}

/** Throws a clear error unless the file exists and starts with the GGUF magic. */
function checkGgufFile(spec: string, path: string, role: string): { size: number; mtimeMs: number } {
  let stats: import('node:fs').Stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `${role} file ${path} (model "${spec}")`);
  }
  const magic = Buffer.alloc(4);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, magic, 0, 4, 0);
  } finally {
    closeSync(descriptor);
  }
  if (magic.toString('latin1') !== 'GGUF') {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": ${path} is not a GGUF file`);
  }
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}

// Keywords the grammar builder understands; anything else (minimum, pattern, $schema, ...) is dropped
// here and enforced afterwards by `schemaViolations`.
const GRAMMAR_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'oneOf',
  'minLength',
  'maxLength',
  'description',
  '$defs',
  '$ref',
]);
const SCHEMA_MAPS = new Set(['properties', '$defs']);
const SCHEMA_LISTS = new Set(['oneOf', 'prefixItems']);

/** The part of a JSON schema a node-llama-cpp grammar can express (anyOf becomes oneOf). */
export function grammarSchema(schema: JSONSchema): JSONSchema {
  const result: JSONSchema = {};
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = rawKey === 'anyOf' ? 'oneOf' : rawKey;
    if (!GRAMMAR_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      result[key] = Object.fromEntries(
        Object.entries(value as Record<string, JSONSchema>).map(([name, child]) => [
          name,
          grammarSchema(child),
        ]),
      );
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      result[key] = value.map((child: JSONSchema) => grammarSchema(child));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      result[key] = grammarSchema(value as JSONSchema);
    } else result[key] = value;
  }
  return result;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Where a value breaks a JSON schema (the common keywords); empty when it conforms. */
export function schemaViolations(value: unknown, schema: JSONSchema, path = '$'): string[] {
  const problems: string[] = [];
  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  if (types) {
    const actual = typeOf(value);
    const matches = types.some(
      (type) =>
        type === actual ||
        (type === 'integer' && Number.isInteger(value)) ||
        (type === 'number' && actual === 'number'),
    );
    if (!matches) return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
  ) {
    problems.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as JSONSchema[] | undefined;
  if (alternatives && !alternatives.some((option) => schemaViolations(value, option, path).length === 0)) {
    problems.push(`${path}: matches none of the alternatives`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      problems.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) problems.push(`${path}: too long`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      problems.push(`${path}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      problems.push(`${path}: too many items`);
    const items = schema.items as JSONSchema | undefined;
    if (items) {
      for (const [index, item] of value.entries()) {
        problems.push(...schemaViolations(item, items, `${path}[${index}]`));
      }
    }
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JSONSchema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in record)) problems.push(`${path}: missing "${name}"`);
    }
    for (const [name, child] of Object.entries(record)) {
      const childSchema = properties[name];
      if (childSchema) problems.push(...schemaViolations(child, childSchema, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected "${name}"`);
    }
  }
  return problems;
}

/** ChatML-style roles → node-llama-cpp chat history, ending with the empty model turn to fill. */
function chatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message): ChatHistoryItem => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'assistant') {
      const text = message.content ?? JSON.stringify(message.tool_calls ?? []);
      return { type: 'model', response: [text] };
    }
    return { type: 'user', text: message.content };
  });
  history.push({ type: 'model', response: [] });
  return history;
}

let llamaPromise: Promise<Llama> | undefined;

/** The process-wide llama.cpp binding: CPU, prebuilt only (never an 8-minute source build). */
function sharedLlama(): Promise<Llama> {
  llamaPromise ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
    getLlama({ gpu: false, build: 'never', maxThreads: 2, logLevel: LlamaLogLevel.error }),
  );
  return llamaPromise;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  free: LlamaContextSequence[];
  waiting: ((sequence: LlamaContextSequence) => void)[];
  grammars: Map<string, Promise<LlamaGrammar>>;
  dispose(): Promise<void>;
}

async function loadRuntime(settings: GgufSpec): Promise<Loaded> {
  const llama = await sharedLlama();
  const model = await llama.loadModel({ modelPath: settings.modelPath });
  const free: LlamaContextSequence[] = [];
  try {
    for (let index = 0; index < settings.contexts; index++) {
      const context = await model.createContext({
        contextSize: settings.contextSize ?? Math.min(model.trainContextSize, 4096),
        threads: 1,
        ...(settings.loraPath
          ? { lora: { adapters: [{ filePath: settings.loraPath, scale: settings.loraScale }] } }
          : {}),
      });
      free.push(context.getSequence());
    }
  } catch (error) {
    await model.dispose();
    throw error;
  }
  return { llama, model, free, waiting: [], grammars: new Map(), dispose: () => model.dispose() };
}

/** A gguf model: the registry's Model plus explicit loading and freeing. */
export interface GgufModel<I, O> extends Model<I, O> {
  /** Load the weights and create the context pool (otherwise done by the first generate). */
  load(): Promise<void>;
  /** Free the model and its contexts; a later generate loads them again. */
  dispose(): Promise<void>;
}

/** Resolve a `gguf:` spec for a task; the files are checked now, the weights load lazily. */
export function createGgufModel<I, O>(spec: string, context: ModelContext<I, O>): GgufModel<I, O> {
  const settings = parseGgufSpec(spec);
  const { task } = context;
  const modelFile = checkGgufFile(spec, settings.modelPath, 'model');
  const loraFile = settings.loraPath ? checkGgufFile(spec, settings.loraPath, 'LoRA adapter') : undefined;
  const schema = grammarSchema(task.outputSchema);
  let runtime: Promise<Loaded> | undefined;
  const load = () => {
    runtime ??= loadRuntime(settings).catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
    return runtime;
  };
  const acquire = (loaded: Loaded) =>
    new Promise<LlamaContextSequence>((resolveSequence) => {
      const sequence = loaded.free.pop();
      if (sequence) resolveSequence(sequence);
      else loaded.waiting.push(resolveSequence);
    });
  const release = (loaded: Loaded, sequence: LlamaContextSequence) => {
    const next = loaded.waiting.shift();
    if (next) next(sequence);
    else loaded.free.push(sequence);
  };
  const grammarFor = (loaded: Loaded) => {
    const key = JSON.stringify(schema);
    let grammar = loaded.grammars.get(key);
    if (!grammar) {
      // biome-ignore lint/suspicious/noExplicitAny: the schema is checked against the grammar's own type at runtime
      grammar = loaded.llama.createGrammarForJsonSchema(schema as any);
      loaded.grammars.set(key, grammar);
    }
    return grammar;
  };

  const fileIdentity = (file: { size: number; mtimeMs: number }) =>
    `${file.size}:${Math.trunc(file.mtimeMs)}`;
  return {
    spec,
    fingerprint:
      `gguf:${settings.modelPath}@${fileIdentity(modelFile)}` +
      (settings.loraPath && loraFile
        ? `+lora:${settings.loraPath}@${fileIdentity(loraFile)}*${settings.loraScale}`
        : '') +
      `:max${settings.maxTokens}`,
    // Same weights, prompt, temperature and seed give the same tokens; requestKey carries the sampling.
    deterministic: true,
    requestKey: (input, options) => ({
      messages: task.messages(input),
      schema: task.outputSchema,
      sampling:
        options.temperature > 0 ? { temperature: options.temperature, seed: options.seed ?? null } : null,
    }),
    async load() {
      await load();
    },
    async dispose() {
      const loaded = runtime;
      runtime = undefined;
      if (loaded) await (await loaded.catch(() => undefined))?.dispose();
    },
    async generate(input, options: GenerateOptions): Promise<Generation<O>> {
      let loaded: Loaded;
      let grammar: LlamaGrammar;
      try {
        loaded = await load();
        grammar = await grammarFor(loaded);
      } catch (error) {
        return {
          failure: { kind: 'predictor', message: `${settings.modelPath}: ${(error as Error).message}` },
        };
      }
      const sequence = await acquire(loaded);
      const { LlamaChat } = await import('node-llama-cpp');
      const chat = new LlamaChat({ contextSequence: sequence });
      try {
        await sequence.clearHistory();
        const history = chatHistory(task.messages(input));
        const promptTokens = chat.chatWrapper
          .generateContextState({ chatHistory: history })
          .contextText.tokenize(loaded.model.tokenizer).length;
        const room = sequence.contextSize - promptTokens;
        if (room < 2) {
          return {
            failure: {
              kind: 'predictor',
              message: `the prompt is ${promptTokens} tokens; the context holds ${sequence.contextSize}`,
            },
          };
        }
        const before = sequence.tokenMeter.getState();
        const answer = await chat.generateResponse(history, {
          grammar,
          maxTokens: Math.min(settings.maxTokens, room - 1),
          temperature: options.temperature,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const used = sequence.tokenMeter.diff(before);
        const tokens = { prompt: used.usedInputTokens, completion: used.usedOutputTokens };
        const text = answer.response;
        try {
          const output = task.parse(text);
          const problems = schemaViolations(JSON.parse(text), task.outputSchema);
          if (problems.length > 0)
            throw new Error(`the answer breaks the output schema: ${problems.slice(0, 3).join('; ')}`);
          return { output, text, tokens };
        } catch (error) {
          return { failure: { kind: 'parse', message: (error as Error).message }, text, tokens };
        }
      } catch (error) {
        return { failure: { kind: 'predictor', message: (error as Error).message } };
      } finally {
        chat.dispose({ disposeSequence: false });
        release(loaded, sequence);
      }
    },
  };
}

/** `gguf:PATH[?lora=ADAPTER&scale=S&contexts=N&maxTokens=N&contextSize=N]`: local llama.cpp inference. */
export const ggufModelFactory: ModelFactory = {
  name: 'gguf',
  form: 'gguf:PATH[?lora=ADAPTER]',
  test: (spec) => spec.startsWith('gguf:'),
  create: createGgufModel,
};
