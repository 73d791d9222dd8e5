import type { FastifyInstance } from 'fastify';
import { CASE_TYPES, type FeedbackInput } from '../feedback-store.js';
import { ERROR_BODY_SCHEMA } from '../http-errors.js';
import type { PluginOptions } from '../server-context.js';

const MAX_TEXT = 200_000;

/** `POST /v1/feedback`: a user's verdict on a model output, stored in the feedback database. */
export async function feedbackPlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { context } = options;
  app.post<{ Body: FeedbackInput }>(
    '/v1/feedback',
    {
      schema: {
        summary: 'Store feedback on a model output (accepted, modified or rewritten)',
        body: {
          type: 'object',
          properties: {
            task: { type: 'string', enum: context.models.names() },
            prompt: { type: 'string', minLength: 1, maxLength: MAX_TEXT },
            model_output: { type: 'string', maxLength: MAX_TEXT },
            feedback: { type: 'string', maxLength: MAX_TEXT },
            case_type: { type: 'string', enum: [...CASE_TYPES] },
            model: { type: 'string', maxLength: 1000 },
          },
          required: ['task', 'prompt', 'model_output', 'feedback', 'case_type'],
          additionalProperties: false,
        },
        response: {
          201: {
            type: 'object',
            properties: { id: { type: 'string' }, created_at: { type: 'string' } },
          },
          '4xx': ERROR_BODY_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const record = await context.feedback.add(request.body);
      context.metrics.feedback.inc({ case_type: record.case_type });
      return reply.status(201).send({ id: record.id, created_at: record.created_at });
    },
  );
}
