import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AnyEvalTask } from '../eval/types.js';
import { installBearerAuth } from './bearer-auth.js';
import { FeedbackStore } from './feedback-store.js';
import { JobQueue } from './github-app/job-queue.js';
import { installErrorHandlers } from './http-errors.js';
import { feedbackPlugin } from './plugins/feedback.js';
import { type GitHubAppServing, githubAppPlugin } from './plugins/github-app.js';
import { healthPlugin, tasksPlugin } from './plugins/health.js';
import { metricsPlugin } from './plugins/metrics.js';
import { openApiPlugin, type RouteList } from './plugins/openapi.js';
import { predictPlugin } from './plugins/predict.js';
import { validatePlugin } from './plugins/validate.js';
import type { ServerContext } from './server-context.js';
import { createServerMetrics } from './server-metrics.js';
import { serverVersion } from './server-version.js';
import { TaskModels } from './task-models.js';

/** Default request body limit: large enough for a module of a few hundred files. */
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

export interface ServeOptions {
  workspace: string;
  /** Model spec per task (default `baseline`). */
  models?: Partial<Record<string, string>>;
  /** When set, every route but /health and /metrics needs `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** The feedback database (default `<workspace>/serve/feedback.duckdb`). */
  feedbackPath?: string;
  /** Fastify's logger option (default: off). */
  logger?: FastifyServerOptions['logger'];
  /** A ready logger instead (`infralm serve` passes its file-and-stderr logger). */
  loggerInstance?: FastifyBaseLogger;
  /** The tasks served (default: every task of the evaluation registry). */
  tasks?: readonly AnyEvalTask[];
  /** Serve the GitHub App webhook (`serve --github-app`). */
  githubApp?: Omit<GitHubAppServing, 'queue'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The review bot's background jobs (when the GitHub App is served). */
    githubJobs?: JobQueue;
  }
}

/** The feedback database of a workspace. */
export function feedbackDatabasePath(workspace: string): string {
  return join(workspace, 'serve', 'feedback.duckdb');
}

/**
 * Build the InfraLM HTTP server from its plugins (not yet listening). Models start loading at once;
 * closing the server waits for in-flight requests, then closes the feedback database.
 */
export async function createServer(options: ServeOptions): Promise<FastifyInstance> {
  const version = serverVersion();
  const metrics = createServerMetrics();
  const feedback = await FeedbackStore.open(options.feedbackPath ?? feedbackDatabasePath(options.workspace));
  const models = new TaskModels(options.workspace, options.models ?? {}, {
    ...(options.tasks ? { tasks: options.tasks } : {}),
    onLoaded: (status) =>
      metrics.modelLoadSeconds.set({ task: status.task, model: status.spec }, status.load_seconds ?? 0),
  });
  const context: ServerContext = { workspace: options.workspace, version, models, metrics, feedback };

  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Bodies are checked as sent: no silent type coercion or stripping of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    return503OnClosing: true,
  });
  installErrorHandlers(app);
  if (options.apiToken) installBearerAuth(app, options.apiToken);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    metrics.requests.inc({ method: request.method, route, status });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) metrics.errors.inc({ status });
  });
  // Responses finished during shutdown tell keep-alive clients to go, so close() need not wait
  // for their idle connections to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  const githubJobs = options.githubApp ? new JobQueue() : undefined;
  app.decorate('githubJobs', githubJobs);
  app.addHook('onClose', async () => {
    // In-flight requests are finished by now; review-bot jobs and model loads may still run and
    // must not outlive the store.
    await githubJobs?.idle();
    await models.settled();
    feedback.close();
  });

  const routes: RouteList = [];
  app.addHook('onRoute', (route) => {
    routes.push({ method: route.method, url: route.url, schema: route.schema });
  });
  const plugin = { context };
  await app.register(healthPlugin, plugin);
  await app.register(tasksPlugin, plugin);
  await app.register(predictPlugin, plugin);
  await app.register(validatePlugin, plugin);
  await app.register(feedbackPlugin, plugin);
  await app.register(metricsPlugin, plugin);
  if (options.githubApp && githubJobs) {
    await app.register(githubAppPlugin, { context, github: { ...options.githubApp, queue: githubJobs } });
  }
  await app.register(openApiPlugin, { routes, version });
  return app;
}

/** Close the server on SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the database. */
export function installGracefulShutdown(
  app: FastifyInstance,
  onClosed: (error?: unknown) => void = () => {},
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  let closing = false;
  const handler = () => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => onClosed(),
      (error: unknown) => onClosed(error),
    );
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
