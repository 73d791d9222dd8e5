import type { FastifyInstance } from 'fastify';
import { InfraLMError } from '../../core/errors.js';
import { ERROR_BODY_SCHEMA, HttpError, SERVE_ERROR_CODES } from '../http-errors.js';
import { inputSchema } from '../input-schemas.js';
import { type PluginOptions, requireTask, revalidate } from '../server-context.js';

const RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    task: { type: 'string' },
    model: { type: 'string' },
    prediction: { type: 'object', additionalProperties: true },
    latency_ms: { type: 'number' },
    tokens: {
      type: ['object', 'null'],
      properties: { prompt: { type: 'integer' }, completion: { type: 'integer' } },
    },
  },
} as const;

/**
 * `POST /v1/predict/<task>`: `{ input }` validated against the task's input schema; answers with the
 * parsed prediction, the model, the latency and token counts. One route per task so each has its own
 * schema; `/v1/predict/:task` catches unknown names with a 404.
 */
export async function predictPlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { context } = options;
  for (const name of context.models.names()) {
    app.post<{ Body: { input: unknown } }>(
      `/v1/predict/${name}`,
      {
        schema: {
          summary: `Predict the ${name} task's answer for an input`,
          body: {
            type: 'object',
            properties: { input: inputSchema(name) },
            required: ['input'],
            additionalProperties: false,
          },
          response: { 200: RESPONSE_SCHEMA, '4xx': ERROR_BODY_SCHEMA, '5xx': ERROR_BODY_SCHEMA },
        },
      },
      async (request) => {
        const { task, model } = await requireTask(context, name);
        const started = performance.now();
        const generation = await model.generate(request.body.input, { temperature: 0 });
        const latencyMs = performance.now() - started;
        if (generation.failure) {
          const { kind, message } = generation.failure;
          if (kind === 'parse')
            throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `the model's answer: ${message}`);
          if (kind === 'transport') throw new InfraLMError('INFRALM_ERR_HTTP', message);
          throw new HttpError(500, SERVE_ERROR_CODES.predictionFailed, `the predictor failed: ${message}`);
        }
        // A back end's parsed output is checked once more the way training data is, before it leaves.
        const prediction = revalidate(task, generation.output, 'the prediction');
        const tokens = generation.tokens ?? null;
        if (tokens && latencyMs > 0) {
          context.metrics.tokensPerSecond.observe({ task: name }, tokens.completion / (latencyMs / 1000));
        }
        return { task: name, model: model.spec, prediction, latency_ms: latencyMs, tokens };
      },
    );
  }
  app.post<{ Params: { task: string } }>(
    '/v1/predict/:task',
    { schema: { summary: 'Unknown tasks (404)', response: { '4xx': ERROR_BODY_SCHEMA } } },
    async (request) => {
      await requireTask(context, request.params.task);
      throw new Error('unreachable: every served task has its own route');
    },
  );
}
