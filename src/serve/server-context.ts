import { InfraLMError } from '../core/errors.js';
import type { Task } from '../core/types.js';
import type { FeedbackStore } from './feedback-store.js';
import { HttpError, SERVE_ERROR_CODES } from './http-errors.js';
import type { ServerMetrics } from './server-metrics.js';
import type { LoadedTask, TaskModels } from './task-models.js';

/** What every plugin of a server shares. */
export interface ServerContext {
  workspace: string;
  version: string;
  models: TaskModels;
  metrics: ServerMetrics;
  feedback: FeedbackStore;
}

/** Options of every plugin. */
export interface PluginOptions {
  context: ServerContext;
}

/** The loaded task named in a request: 404 for an unknown name, 503 while its model cannot serve. */
export async function requireTask(context: ServerContext, name: string): Promise<LoadedTask> {
  if (!context.models.has(name)) {
    throw new InfraLMError(
      'INFRALM_ERR_INPUT_NOT_FOUND',
      `task "${name}" (served: ${context.models.names().join(', ')})`,
    );
  }
  try {
    return await context.models.get(name);
  } catch (error) {
    throw new HttpError(
      503,
      SERVE_ERROR_CODES.modelUnavailable,
      `the model of task "${name}" did not load: ${(error as Error).message}`,
    );
  }
}

/**
 * Check an answer the way a model's text is checked: render it as the assistant turn and parse that
 * back with the task's parser. Returns the parsed (normalised) answer; a malformed one is a 422.
 */
export function revalidate<O>(task: Task<unknown, O>, answer: unknown, what: string): O {
  try {
    const turn = task.render(answer as O);
    const text = turn.content ?? turn.tool_calls?.[0]?.function.arguments;
    if (typeof text !== 'string') throw new Error('the answer renders to no text');
    return task.parse(text);
  } catch (error) {
    throw new InfraLMError(
      'INFRALM_ERR_RECORD_PARSE',
      `${what} is not a valid ${task.name} answer: ${(error as Error).message}`,
    );
  }
}
