import { InfraLMError } from '../core/errors.js';
import type { ChatMessage } from '../core/types.js';
import type { GenerateOptions, Generation, HttpSettings, Model, ModelFactory } from './types.js';

// An OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp server, hosted APIs). The task's
// output schema goes out as response_format json_schema so servers that support constrained
// decoding use it; the answer is parsed by the task either way, and a bad answer is data.

export const DEFAULT_HTTP_SETTINGS: HttpSettings = { timeoutMs: 60_000, retries: 2, backoffMs: 500 };

/** Longest wait a server's retry-after may ask for. */
const MAX_RETRY_AFTER_MS = 30_000;

export interface OpenAiSpec {
  baseUrl: string;
  model: string;
}

/** `openai:http://host:8000/v1#model-name` → its parts (a clear usage error otherwise). */
export function parseOpenAiSpec(spec: string): OpenAiSpec {
  const body = spec.slice('openai:'.length);
  const hash = body.lastIndexOf('#');
  const url = hash === -1 ? body : body.slice(0, hash);
  const model = hash === -1 ? '' : body.slice(hash + 1);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": "${url}" is not a URL (openai:URL#MODEL)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}": the URL must be http or https`);
  }
  if (parsed.username || parsed.password) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      'model URL must not hold credentials; set INFRALM_OPENAI_API_KEY or OPENAI_API_KEY instead',
    );
  }
  if (model === '') {
    throw new InfraLMError('INFRALM_ERR_USAGE', `model "${spec}" names no model: use openai:URL#MODEL`);
  }
  return { baseUrl: url.replace(/\/+$/, ''), model };
}

interface CompletionResponse {
  choices?: {
    message?: {
      content?: string | null;
      tool_calls?: { function?: { arguments?: string } }[];
    };
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

/** The answer text of a completion: the content, or the first tool call's arguments. */
export function completionText(response: CompletionResponse): string | undefined {
  const message = response.choices?.[0]?.message;
  if (!message) return undefined;
  if (typeof message.content === 'string' && message.content.trim() !== '') return message.content;
  const toolArguments = message.tool_calls?.[0]?.function?.arguments;
  return typeof toolArguments === 'string' ? toolArguments : (message.content ?? undefined);
}

/** `openai:URL#MODEL`: an OpenAI-compatible chat-completions server. */
export const openAiModelFactory: ModelFactory = {
  name: 'openai',
  form: 'openai:URL#MODEL',
  test: (spec) => spec.startsWith('openai:'),
  create<I, O>(spec: string, context: import('./types.js').ModelContext<I, O>): Model<I, O> {
    const { baseUrl, model } = parseOpenAiSpec(spec);
    const { task } = context;
    const environment = context.environment ?? process.env;
    const apiKey = environment.INFRALM_OPENAI_API_KEY || environment.OPENAI_API_KEY || undefined;
    const http: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, ...context.http };
    // Nothing we write includes the key, but a server may echo request headers in an error body.
    const scrub = (text: string) =>
      apiKey && apiKey.length >= 8 ? text.split(apiKey).join('[secret]') : text;
    const requestBody = (messages: ChatMessage[], options: GenerateOptions) => ({
      model,
      messages,
      temperature: options.temperature,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      response_format: {
        type: 'json_schema',
        json_schema: { name: `${task.name}_answer`, schema: task.outputSchema, strict: false },
      },
    });

    const attempt = async (body: unknown, signal?: AbortSignal): Promise<CompletionResponse> => {
      const timeout = AbortSignal.timeout(http.timeoutMs);
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/chat/completions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        const reason = timeout.aborted ? `timed out after ${http.timeoutMs} ms` : (error as Error).message;
        throw new RetryableError(reason);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw new RetryableError(
          timeout.aborted ? `timed out after ${http.timeoutMs} ms` : (error as Error).message,
        );
      }
      if (
        response.status === 408 ||
        response.status === 409 ||
        response.status === 429 ||
        response.status >= 500
      ) {
        throw new RetryableError(
          `HTTP ${response.status}: ${text.slice(0, 200)}`,
          retryAfter(response.headers.get('retry-after')),
        );
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
      try {
        return JSON.parse(text) as CompletionResponse;
      } catch {
        throw new Error(`the server's answer is not JSON: ${text.slice(0, 200)}`);
      }
    };

    return {
      spec,
      fingerprint: `openai:${baseUrl}#${model}`,
      deterministic: false,
      requestKey: (input, options) => ({
        messages: task.messages(input),
        schema: task.outputSchema,
        // Greedy decoding ignores the seed; sampled runs each get their own entry.
        sampling: options.temperature > 0 ? { temperature: options.temperature, seed: options.seed } : null,
      }),
      async generate(input, options): Promise<Generation<O>> {
        const body = requestBody(task.messages(input), options);
        let response: CompletionResponse | undefined;
        for (let tries = 0; ; tries++) {
          try {
            response = await attempt(body, options.signal);
            break;
          } catch (error) {
            const message = scrub((error as Error).message);
            if (!(error instanceof RetryableError) || tries >= http.retries) {
              const suffix =
                error instanceof RetryableError && tries > 0 ? ` (after ${tries + 1} attempts)` : '';
              return { failure: { kind: 'transport', message: `${baseUrl}: ${message}${suffix}` } };
            }
            const delay = Math.max(http.backoffMs * 2 ** tries, error.retryAfterMs ?? 0);
            try {
              await sleep(delay, options.signal);
            } catch {
              return { failure: { kind: 'transport', message: `${baseUrl}: aborted` } };
            }
          }
        }
        const tokens =
          typeof response.usage?.prompt_tokens === 'number'
            ? { prompt: response.usage.prompt_tokens, completion: response.usage.completion_tokens ?? 0 }
            : undefined;
        const text = completionText(response);
        if (text === undefined) {
          return { failure: { kind: 'parse', message: 'the completion has no message content' }, tokens };
        }
        try {
          return { output: task.parse(text), text, ...(tokens ? { tokens } : {}) };
        } catch (error) {
          return {
            failure: { kind: 'parse', message: scrub((error as Error).message) },
            text,
            ...(tokens ? { tokens } : {}),
          };
        }
      },
    };
  },
};
