import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, feedbackDatabasePath } from './create-server.js';
import { exportFeedback } from './feedback-export.js';
import { FeedbackStore } from './feedback-store.js';

const PLAN_INPUT = {
  files: [
    { path: 'main.tf', content: 'resource "aws_instance" "web" {\n  count = 2\n  ami   = "ami-1"\n}\n' },
  ],
};
const LINT_INPUT = {
  language: 'terraform',
  files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' }],
};

let workspace: string;
const servers: FastifyInstance[] = [];

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'infralm-serve-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(workspace, { recursive: true, force: true });
});

async function start(options: Partial<Parameters<typeof createServer>[0]> = {}) {
  const app = await createServer({ workspace, ...options });
  servers.push(app);
  return app;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('health and tasks', () => {
  it('reports the package version and every task model reaching ready', async () => {
    const app = await start({ models: { plan: 'baseline' } });
    const base = await listen(app);
    const version = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
    // Loading is background work: poll the real endpoint until it settles.
    let body: { status: string; version: string; models: { task: string; state: string; spec: string }[] };
    do body = (await (await fetch(`${base}/health`)).json()) as typeof body;
    while (body.status === 'loading');
    expect(body.version).toBe(version);
    expect(body.models.map((model) => model.task).sort()).toEqual(['lint', 'manifest', 'plan', 'review']);
    expect(body.models.find((model) => model.task === 'plan')).toMatchObject({
      state: 'ready',
      spec: 'baseline',
    });
  });

  it('lists the tasks with their input schemas', async () => {
    const app = await start();
    const response = await app.inject({ method: 'GET', url: '/v1/tasks' });
    expect(response.statusCode).toBe(200);
    const plan = response.json().tasks.find((task: { name: string }) => task.name === 'plan');
    expect(plan.input_schema.required).toEqual(['files']);
  });
});

describe('predict', () => {
  it('plans a module with count = 2 as two addresses', async () => {
    const base = await listen(await start());
    const response = await fetch(`${base}/v1/predict/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: PLAN_INPUT }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.model).toBe('baseline');
    expect(body.prediction).toEqual({
      resource_changes: [
        { address: 'aws_instance.web[0]', actions: ['create'] },
        { address: 'aws_instance.web[1]', actions: ['create'] },
      ],
    });
    expect(body.latency_ms).toBeGreaterThanOrEqual(0);
    expect(body.tokens).toBeNull();
  });

  it('lints a bucket without encryption as INSECURE', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/predict/lint',
      payload: { input: LINT_INPUT },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().prediction.label).toBe('INSECURE');
    expect(response.json().prediction.findings.length).toBeGreaterThan(0);
  });

  it('answers an unknown task with 404 and a malformed body with 400', async () => {
    const app = await start();
    const unknown = await app.inject({ method: 'POST', url: '/v1/predict/nope', payload: { input: {} } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('INFRALM_ERR_INPUT_NOT_FOUND');
    const missing = await app.inject({
      method: 'POST',
      url: '/v1/predict/plan',
      payload: { input: { files: 'x' } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'INFRALM_ERR_REQUEST_INVALID' });
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/predict/plan',
      headers: { 'content-type': 'application/json' },
      payload: '{"input": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('INFRALM_ERR_REQUEST_INVALID');
  });

  it('rejects a body over the limit with 413', async () => {
    const base = await listen(await start({ bodyLimit: 1024 }));
    const big = { input: { files: [{ path: 'main.tf', content: 'x'.repeat(4096) }] } };
    const response = await fetch(`${base}/v1/predict/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(big),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'INFRALM_ERR_BODY_TOO_LARGE',
    );
  });
});

describe('validate', () => {
  it('scores a prediction against the engine and an expected output that matches it', async () => {
    const app = await start();
    const half = { resource_changes: [{ address: 'aws_instance.web[0]', actions: ['create'] }] };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/validate/plan',
      payload: { input: PLAN_INPUT, prediction: half },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.scored).toBe('prediction');
    expect(body.ground_truth.resource_changes).toHaveLength(2);
    expect(body.values.precision).toBe(1);
    expect(body.values.recall).toBe(0.5);
    const exact = await app.inject({
      method: 'POST',
      url: '/v1/validate/plan',
      payload: { input: PLAN_INPUT, expected: body.ground_truth },
    });
    expect(exact.json()).toMatchObject({ scored: 'expected', values: { f1: 1, exact_match: 1 } });
  });

  it('rejects a request with nothing to score and an answer of the wrong shape', async () => {
    const app = await start();
    const nothing = await app.inject({
      method: 'POST',
      url: '/v1/validate/plan',
      payload: { input: PLAN_INPUT },
    });
    expect(nothing.statusCode).toBe(400);
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/validate/plan',
      payload: { input: PLAN_INPUT, prediction: { changes: 3 } },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('INFRALM_ERR_RECORD_PARSE');
  });
});

describe('feedback', () => {
  const entries = [
    { task: 'plan', prompt: 'plan A', model_output: 'out A', feedback: '', case_type: 'accepted' },
    { task: 'plan', prompt: 'plan B', model_output: 'out B', feedback: 'fixed B', case_type: 'modified' },
    {
      task: 'lint',
      prompt: "lint 'C'); DROP TABLE feedback;--",
      model_output: 'out C',
      feedback: 'new C',
      case_type: 'rewritten',
      model: 'baseline',
    },
  ];

  it('survives a server restart and exports weighted chat examples', async () => {
    const first = await start();
    for (const entry of entries) {
      const response = await first.inject({ method: 'POST', url: '/v1/feedback', payload: entry });
      expect(response.statusCode).toBe(201);
    }
    await first.close();
    const second = await start();
    const extra = await second.inject({ method: 'POST', url: '/v1/feedback', payload: entries[0] });
    expect(extra.statusCode).toBe(201);
    await second.close();

    const store = await FeedbackStore.open(feedbackDatabasePath(workspace));
    const out = join(workspace, 'feedback.jsonl');
    try {
      expect(await store.counts()).toEqual({ accepted: 2, modified: 1, rewritten: 1 });
      expect(await exportFeedback(store, out)).toBe(4);
    } finally {
      store.close();
    }
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byPrompt = new Map(lines.map((line) => [line.messages[0].content, line]));
    expect(byPrompt.get('plan A')).toMatchObject({
      weight: 0.3,
      messages: [{ role: 'user' }, { role: 'assistant', content: 'out A' }],
    });
    expect(byPrompt.get('plan B')).toMatchObject({ weight: 0.7, messages: [{}, { content: 'fixed B' }] });
    expect(byPrompt.get(entries[2]!.prompt)).toMatchObject({ weight: 1, task: 'lint', model: 'baseline' });
  });

  it('rejects an unknown case type', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { ...entries[0], case_type: 'liked' },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('metrics and openapi', () => {
  it('counts requests, errors and feedback', async () => {
    const app = await start();
    await app.inject({ method: 'POST', url: '/v1/predict/plan', payload: { input: PLAN_INPUT } });
    await app.inject({ method: 'POST', url: '/v1/predict/plan', payload: {} });
    await app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { task: 'plan', prompt: 'p', model_output: 'o', feedback: 'f', case_type: 'modified' },
    });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain(
      'infralm_http_requests_total{method="POST",route="/v1/predict/plan",status="200"} 1',
    );
    expect(text).toContain('infralm_http_errors_total{status="400"} 1');
    expect(text).toContain('infralm_feedback_total{case_type="modified"} 1');
    expect(text).toMatch(
      /infralm_http_request_duration_seconds_count\{method="POST",route="\/v1\/predict\/plan"\} 2/,
    );
    expect(text).toMatch(/infralm_model_load_seconds\{task="plan",model="baseline"\}/);
  });

  it('lists every route in openapi.json', async () => {
    const app = await start();
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/health',
      '/v1/tasks',
      '/v1/predict/plan',
      '/v1/validate/lint',
      '/v1/feedback',
      '/metrics',
      '/openapi.json',
      '/v1/predict/{task}',
    ])
      expect(Object.keys(document.paths)).toContain(path);
    expect(
      document.paths['/v1/predict/plan'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['input']);
  });
});

describe('auth', () => {
  it('needs the bearer token everywhere but /health and /metrics', async () => {
    const base = await listen(await start({ apiToken: 'correct-horse-battery' }));
    const tasks = (authorization?: string) =>
      fetch(`${base}/v1/tasks`, authorization ? { headers: { authorization } } : {});
    expect((await tasks()).status).toBe(401);
    expect((await tasks('Bearer wrong')).status).toBe(401);
    const denied = (await (await tasks('Bearer correct-horse-batterx')).json()) as {
      error: { code: string; message: string };
    };
    expect(denied.error.code).toBe('INFRALM_ERR_UNAUTHORIZED');
    expect(denied.error.message).not.toContain('correct-horse');
    expect((await tasks('Bearer correct-horse-battery')).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('finishes a slow in-flight request while close() waits', async () => {
    const app = await start();
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    app.get('/test-slow', async () => {
      arrived();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { done: true };
    });
    const base = await listen(app);
    const inFlight = fetch(`${base}/test-slow`);
    await requestArrived;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    // Give close() a chance to finish early if it did not wait (it must not).
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
  });
});
