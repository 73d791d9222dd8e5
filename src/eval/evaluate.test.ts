import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Scored } from '../core/types.js';
import { augmentationWeights } from '../dataset/plan/build-plan-dataset.js';
import { type FakeChatServer, startFakeChatServer } from '../models/__fixtures__/fake-chat-server.js';
import { planTask } from '../tasks/plan/task.js';
import type { PlanTarget } from '../tasks/plan/types.js';
import { goldExamples, planWorkspace } from './__fixtures__/plan-workspace.js';
import { evaluate } from './evaluate.js';
import { planEvaluation } from './tasks/plan-evaluation.js';
import type { PredictionRecord } from './types.js';

const HTTP = { timeoutMs: 2000, retries: 0, backoffMs: 1 };
const EMPTY_PLAN = '{"resource_changes":[]}';

let workspace: string;
let server: FakeChatServer | undefined;
beforeAll(async () => {
  workspace = await planWorkspace();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function predictions(directory: string): PredictionRecord[] {
  return readFileSync(join(directory, 'predictions.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PredictionRecord);
}

/** Answers an empty plan, except "not JSON" for prompts whose module declares a `count`. */
function emptyOrGarbage(prompt: string): string {
  return prompt.includes('count') ? 'not JSON' : EMPTY_PLAN;
}

describe('evaluate', () => {
  it('scores the baseline against the gold targets and caches its predictions', async () => {
    const examples = await goldExamples(workspace, 'train');
    const first = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline'],
      split: 'train',
      report: false,
      resamples: 200,
    });
    // Expected metrics computed independently: the static planner's answer for every example.
    const expected: Scored<PlanTarget>[] = [];
    for (const example of examples)
      expected.push({
        id: example.id,
        prediction: await planTask.baseline.predict(example.input),
        target: example.target,
        strata: example.strata,
      });
    expect(first.metrics.models[0]!.values).toEqual(planEvaluation.values(expected));
    expect(first.metrics.examples).toBe(examples.length);
    const records = predictions(first.directory);
    expect(records.map((record) => record.id)).toEqual(examples.map((example) => example.id));
    expect(
      records.every((record) => record.cached === false && record.latency_ms >= 0 && record.tokens === null),
    ).toBe(true);
    expect(Object.keys(first.metrics.models[0]!.by)).toEqual(['provider', 'complexity']);
    expect(JSON.parse(readFileSync(join(first.directory, 'config.json'), 'utf8'))).toMatchObject({
      status: 'complete',
      task: 'plan',
      split: 'train',
      runs: 1,
      temperature: 0,
      dataset: { examples: examples.length },
    });

    const second = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline'],
      split: 'train',
      report: false,
      resamples: 200,
    });
    expect(predictions(second.directory).every((record) => record.cached)).toBe(true);
    expect(second.metrics.models[0]!.values).toEqual(first.metrics.models[0]!.values);
    // Same seed, same data: the same intervals.
    expect(second.metrics.models[0]!.ci).toEqual(first.metrics.models[0]!.ci);
    const cacheFolders = readdirSync(join(workspace, 'runs', '.cache'));
    expect(cacheFolders.length).toBeGreaterThan(0);

    // error-analysis.json is what `infralm build plan --augment-from RUN_DIR` reads.
    expect(() => augmentationWeights(first.directory)).not.toThrow();
  });

  it('records parse failures as data, caches answers but not transport failures', async () => {
    let broken = true;
    server = await startFakeChatServer((request) => {
      const prompt = request.body.messages.map((message) => message.content ?? '').join('\n');
      if (broken && prompt.includes('for_each')) return { status: 400, text: 'context too long' };
      return { content: emptyOrGarbage(prompt), usage: { prompt_tokens: 10, completion_tokens: 5 } };
    });
    const spec = `openai:${server.url}#fake`;
    const examples = await goldExamples(workspace, 'train');
    const run = await evaluate({
      workspace,
      task: 'plan',
      models: [spec],
      split: 'train',
      report: false,
      resamples: 100,
      http: HTTP,
    });
    const records = predictions(run.directory);
    const contents = (index: number) =>
      planTask
        .messages(examples[index]!.input)
        .map((message) => message.content)
        .join('\n');
    records.forEach((record, index) => {
      const prompt = contents(index);
      if (prompt.includes('for_each')) expect(record.failure?.kind).toBe('transport');
      else if (prompt.includes('count'))
        expect(record).toMatchObject({ prediction: null, failure: { kind: 'parse' }, text: 'not JSON' });
      else
        expect(record).toMatchObject({
          prediction: { resource_changes: [] },
          failure: null,
          tokens: { prompt: 10, completion: 5 },
        });
    });
    const model = run.metrics.models[0]!;
    const transport = records.filter((record) => record.failure?.kind === 'transport').length;
    const parse = records.filter((record) => record.failure?.kind === 'parse').length;
    expect(transport).toBeGreaterThan(0);
    expect(parse).toBeGreaterThan(0);
    expect(model.failures).toEqual({ parse, predictor: 0, transport });
    expect(model.tokens).toEqual({
      prompt: 10 * (records.length - transport),
      completion: 5 * (records.length - transport),
    });

    broken = false;
    const before = server.requests.length;
    const rerun = await evaluate({
      workspace,
      task: 'plan',
      models: [spec],
      split: 'train',
      report: false,
      resamples: 100,
      http: HTTP,
    });
    // Only the transport failures are asked again.
    expect(server.requests.length - before).toBe(transport);
    expect(predictions(rerun.directory).filter((record) => !record.cached)).toHaveLength(transport);
    expect(rerun.metrics.models[0]!.failures.transport).toBe(0);
  });

  it('runs a sampled model several times with one seed per run and reports mean and sd', async () => {
    server = await startFakeChatServer((request) => ({
      // Run-dependent answers: the seed decides whether the model answers at all.
      content: (request.body.seed ?? 0) % 2 === 0 ? EMPTY_PLAN : 'no idea',
    }));
    const run = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline', `openai:${server.url}#fake`],
      split: 'train',
      runs: 3,
      seed: 10,
      limit: 5,
      report: false,
      resamples: 50,
      http: HTTP,
      cache: false,
    });
    expect(run.config.temperature).toBe(0.7);
    expect(server.requests.map((request) => [request.body.seed, request.body.temperature])).toEqual([
      ...Array.from({ length: 5 }, () => [10, 0.7]),
      ...Array.from({ length: 5 }, () => [11, 0.7]),
      ...Array.from({ length: 5 }, () => [12, 0.7]),
    ]);
    const sampled = run.metrics.models[1]!;
    expect(sampled.run_values.map((values) => values.parse_failure_rate)).toEqual([0, 1, 0]);
    expect(sampled.values.parse_failure_rate).toBeCloseTo(1 / 3, 12);
    // sd of (0, 1, 0) with n − 1: sqrt(((1/3)²·2 + (2/3)²) / 2) = sqrt(1/3).
    expect(sampled.sd.parse_failure_rate).toBeCloseTo(Math.sqrt(1 / 3), 12);
    const baseline = run.metrics.models[0]!;
    expect(baseline.sd.f1).toBe(0);
    expect(baseline.run_values).toHaveLength(3);
    // The deterministic baseline is asked once per example; later runs reuse the answer.
    expect(baseline.cached).toBe(10);
    expect(predictions(run.directory)).toHaveLength(2 * 3 * 5);
  });

  it('fails fast on a bad model spec, before any run folder exists', async () => {
    await expect(
      evaluate({ workspace, task: 'plan', models: ['baseline', 'gguf:./x.gguf'], runId: 'never' }),
    ).rejects.toThrow(/input not found: model file/);
    expect(existsSync(join(workspace, 'runs', 'never'))).toBe(false);
    await expect(evaluate({ workspace, task: 'triage', models: ['baseline'] })).rejects.toThrow(
      /cannot be evaluated yet/,
    );
    await expect(evaluate({ workspace, task: 'plan', models: ['baseline', 'baseline'] })).rejects.toThrow(
      /named twice/,
    );
  });
});
