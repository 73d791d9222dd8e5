import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics of one server (its own registry, so servers in one process do not collide). */
export interface ServerMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  errors: Counter<'status'>;
  feedback: Counter<'case_type'>;
  tokensPerSecond: Histogram<'task'>;
  modelLoadSeconds: Gauge<'task' | 'model'>;
  githubWebhooks: Counter<'event' | 'outcome'>;
  githubJobs: Counter<'kind' | 'outcome'>;
  githubReviewComments: Counter<'placement'>;
}

/** Create the server's metrics in a fresh registry. */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'infralm_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'infralm_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    errors: new Counter({
      name: 'infralm_http_errors_total',
      help: 'HTTP responses with status >= 400, by status',
      labelNames: ['status'],
      registers,
    }),
    feedback: new Counter({
      name: 'infralm_feedback_total',
      help: 'Feedback records stored, by case type',
      labelNames: ['case_type'],
      registers,
    }),
    tokensPerSecond: new Histogram({
      name: 'infralm_completion_tokens_per_second',
      help: 'Completion tokens per second of predictions whose back end reports token counts',
      labelNames: ['task'],
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    }),
    modelLoadSeconds: new Gauge({
      name: 'infralm_model_load_seconds',
      help: 'Time the model of a task took to load',
      labelNames: ['task', 'model'],
      registers,
    }),
    githubWebhooks: new Counter({
      name: 'infralm_github_webhooks_total',
      help: 'GitHub webhook deliveries by event and outcome (queued, ignored, duplicate, rejected)',
      labelNames: ['event', 'outcome'],
      registers,
    }),
    githubJobs: new Counter({
      name: 'infralm_github_jobs_total',
      help: 'Review-bot jobs by kind (review, feedback) and outcome (posted, nothing-new, skipped, stored, failed)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    githubReviewComments: new Counter({
      name: 'infralm_github_review_comments_total',
      help: 'Predicted review comments by where they went (line, body, duplicate, capped)',
      labelNames: ['placement'],
      registers,
    }),
  };
}
