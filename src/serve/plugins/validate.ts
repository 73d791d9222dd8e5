import type { FastifyInstance } from 'fastify';
import { InfraLMError } from '../../core/errors.js';
import { ERROR_BODY_SCHEMA, HttpError, SERVE_ERROR_CODES } from '../http-errors.js';
import { inputSchema } from '../input-schemas.js';
import { type PluginOptions, requireTask, revalidate } from '../server-context.js';

interface ValidateBody {
  input: unknown;
  prediction?: unknown;
  expected?: unknown;
}

/**
 * `POST /v1/validate/<task>`: computes the ground truth with the task's deterministic engine and
 * returns the task's metric values for `prediction` (or, without one, `expected`) against it.
 */
export async function validatePlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { context } = options;
  for (const name of context.models.names()) {
    app.post<{ Body: ValidateBody }>(
      `/v1/validate/${name}`,
      {
        schema: {
          summary: `Score a ${name} answer against the deterministic engine's ground truth`,
          body: {
            type: 'object',
            properties: {
              input: inputSchema(name),
              prediction: { type: 'object' },
              expected: { type: 'object' },
            },
            required: ['input'],
            additionalProperties: false,
          },
          response: {
            200: {
              type: 'object',
              properties: {
                task: { type: 'string' },
                engine: { type: 'string' },
                scored: { type: 'string', enum: ['prediction', 'expected'] },
                ground_truth: { type: 'object', additionalProperties: true },
                values: { type: 'object', additionalProperties: { type: 'number' } },
              },
            },
            '4xx': ERROR_BODY_SCHEMA,
            '5xx': ERROR_BODY_SCHEMA,
          },
        },
      },
      async (request) => {
        const { body } = request;
        const scored = body.prediction !== undefined ? 'prediction' : 'expected';
        const candidate = body.prediction ?? body.expected;
        if (candidate === undefined) {
          throw new InfraLMError('INFRALM_ERR_USAGE', 'give a `prediction` or an `expected` output to score');
        }
        const { task, evaluation } = await requireTask(context, name);
        const answer = revalidate(task, candidate, `the ${scored} output`);
        let truth: unknown;
        try {
          truth = await task.baseline.predict(body.input);
        } catch (error) {
          if (InfraLMError.isInstance(error)) throw error;
          throw new HttpError(
            500,
            SERVE_ERROR_CODES.predictionFailed,
            `the engine failed: ${(error as Error).message}`,
          );
        }
        const values = evaluation.values([{ id: 'request', prediction: answer, target: truth, strata: {} }]);
        return { task: name, engine: task.baseline.id, scored, ground_truth: truth, values };
      },
    );
  }
  app.post<{ Params: { task: string } }>(
    '/v1/validate/:task',
    { schema: { summary: 'Unknown tasks (404)', response: { '4xx': ERROR_BODY_SCHEMA } } },
    async (request) => {
      await requireTask(context, request.params.task);
      throw new Error('unreachable: every served task has its own route');
    },
  );
}
