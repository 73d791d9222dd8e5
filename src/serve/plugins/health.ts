import type { FastifyInstance } from 'fastify';
import { inputSchema } from '../input-schemas.js';
import type { PluginOptions } from '../server-context.js';

/** `GET /health`: version and each task's model with its load state (always public). */
export async function healthPlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { context } = options;
  app.get(
    '/health',
    {
      schema: {
        summary: 'Server version and model load states',
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok', 'loading', 'degraded'] },
              version: { type: 'string' },
              models: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    task: { type: 'string' },
                    spec: { type: 'string' },
                    state: { type: 'string', enum: ['loading', 'ready', 'failed'] },
                    load_seconds: { type: 'number' },
                    error: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const models = context.models.statuses();
      const status = models.some((model) => model.state === 'failed')
        ? 'degraded'
        : models.some((model) => model.state === 'loading')
          ? 'loading'
          : 'ok';
      return { status, version: context.version, models };
    },
  );
}

/** `GET /v1/tasks`: the tasks served, with their input schemas and models. */
export async function tasksPlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { context } = options;
  app.get(
    '/v1/tasks',
    {
      schema: {
        summary: 'The tasks this server answers',
        response: {
          200: {
            type: 'object',
            properties: {
              tasks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    model: { type: 'string' },
                    state: { type: 'string' },
                    input_schema: { type: 'object', additionalProperties: true },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => ({
      tasks: context.models.statuses().map((status) => ({
        name: status.task,
        model: status.spec,
        state: status.state,
        input_schema: inputSchema(status.task),
      })),
    }),
  );
}
