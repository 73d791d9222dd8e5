import type { FastifyInstance } from 'fastify';
import type { PluginOptions } from '../server-context.js';

/** `GET /metrics`: the Prometheus exposition of the server's registry (always public). */
export async function metricsPlugin(app: FastifyInstance, options: PluginOptions): Promise<void> {
  const { registry } = options.context.metrics;
  app.get('/metrics', { schema: { summary: 'Prometheus metrics' } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
