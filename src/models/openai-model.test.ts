import { afterEach, describe, expect, it } from 'vitest';
import { planTask } from '../tasks/plan/task.js';
import type { PlanInput, PlanTarget } from '../tasks/plan/types.js';
import { type FakeChatServer, startFakeChatServer } from './__fixtures__/fake-chat-server.js';
import { completionText, openAiModelFactory, parseOpenAiSpec } from './openai-model.js';
import type { Model } from './types.js';

const INPUT: PlanInput = { files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" {}\n' }] };
const ANSWER = '{"resource_changes":[{"address":"aws_s3_bucket.b","actions":["create"]}]}';
const KEY = 'sk-test-0123456789abcdef';

let server: FakeChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function model(
  url: string,
  http = { timeoutMs: 2000, retries: 2, backoffMs: 5 },
): Model<PlanInput, PlanTarget> {
  return openAiModelFactory.create(`openai:${url}#tiny-model`, {
    task: planTask,
    environment: { OPENAI_API_KEY: KEY },
    http,
  });
}

describe('parseOpenAiSpec', () => {
  it('splits the URL and the model name and rejects incomplete specs', () => {
    expect(parseOpenAiSpec('openai:http://127.0.0.1:8000/v1/#qwen2.5-coder')).toEqual({
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'qwen2.5-coder',
    });
    expect(() => parseOpenAiSpec('openai:http://127.0.0.1:8000/v1')).toThrow(/names no model/);
    expect(() => parseOpenAiSpec('openai:not a url#m')).toThrow(/is not a URL/);
    expect(() => parseOpenAiSpec('openai:ftp://host/v1#m')).toThrow(/http or https/);
    expect(() => parseOpenAiSpec('openai:http://user:pw@host/v1#m')).toThrow(/must not hold credentials/);
  });

  it('reads the answer from the content or from the first tool call', () => {
    expect(completionText({ choices: [{ message: { content: 'x' } }] })).toBe('x');
    expect(
      completionText({
        choices: [{ message: { content: null, tool_calls: [{ function: { arguments: '{}' } }] } }],
      }),
    ).toBe('{}');
    expect(completionText({ choices: [] })).toBeUndefined();
  });
});

describe('openai model', () => {
  it('sends the task prompt with the output schema as response_format and parses the answer', async () => {
    server = await startFakeChatServer(() => ({
      content: ANSWER,
      usage: { prompt_tokens: 42, completion_tokens: 17 },
    }));
    const generation = await model(server.url).generate(INPUT, { temperature: 0 });
    expect(generation).toEqual({
      output: { resource_changes: [{ address: 'aws_s3_bucket.b', actions: ['create'] }] },
      text: ANSWER,
      tokens: { prompt: 42, completion: 17 },
    });
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body.model).toBe('tiny-model');
    expect(request.body.messages).toEqual(planTask.messages(INPUT));
    expect(request.body.temperature).toBe(0);
    expect(request.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'plan_answer', schema: planTask.outputSchema, strict: false },
    });
  });

  it('records an answer that does not parse as a parse failure, with the text', async () => {
    server = await startFakeChatServer(() => ({ content: 'I think it creates a bucket.' }));
    const generation = await model(server.url).generate(INPUT, { temperature: 0 });
    expect(generation.output).toBeUndefined();
    expect(generation.failure?.kind).toBe('parse');
    expect(generation.failure?.message).toMatch(/not JSON/);
    expect(generation.text).toBe('I think it creates a bucket.');
  });

  it('retries 5xx and 429 (honouring retry-after) and then succeeds', async () => {
    server = await startFakeChatServer((_, index) =>
      index === 0
        ? { status: 503, text: 'overloaded' }
        : index === 1
          ? { status: 429, headers: { 'retry-after': '0' } }
          : { content: ANSWER },
    );
    const generation = await model(server.url).generate(INPUT, { temperature: 0 });
    expect(generation.output?.resource_changes).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the retries with a transport failure that does not leak the key', async () => {
    server = await startFakeChatServer(() => ({ status: 500, text: `echo: Bearer ${KEY}` }));
    const generation = await model(server.url).generate(INPUT, { temperature: 0 });
    expect(generation.failure?.kind).toBe('transport');
    expect(generation.failure?.message).toMatch(/HTTP 500.*after 3 attempts/);
    expect(generation.failure?.message).not.toContain(KEY);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 400 and times out a server that never answers', async () => {
    server = await startFakeChatServer((_, index) =>
      index === 0 ? { status: 400, text: 'bad model' } : { hang: true },
    );
    const bad = await model(server.url).generate(INPUT, { temperature: 0 });
    expect(bad.failure).toEqual({ kind: 'transport', message: `${server.url}: HTTP 400: bad model` });
    const slow = await model(server.url, { timeoutMs: 100, retries: 1, backoffMs: 1 }).generate(INPUT, {
      temperature: 0,
    });
    expect(slow.failure?.kind).toBe('transport');
    expect(slow.failure?.message).toMatch(/timed out after 100 ms/);
    expect(server.requests).toHaveLength(3);
  });

  it('keys greedy requests without the seed and sampled ones with it', async () => {
    const resolved = model('http://127.0.0.1:9/v1');
    expect(resolved.deterministic).toBe(false);
    const greedy = (seed: number) => JSON.stringify(resolved.requestKey(INPUT, { temperature: 0, seed }));
    const sampled = (seed: number) => JSON.stringify(resolved.requestKey(INPUT, { temperature: 0.7, seed }));
    expect(greedy(1)).toBe(greedy(2));
    expect(sampled(1)).not.toBe(sampled(2));
  });
});
