import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../core/types.js';
import { planTask } from '../tasks/plan/task.js';
import type { PlanInput, PlanTarget } from '../tasks/plan/types.js';
import { writeTinyGguf } from '../test-support/make-tiny-gguf.js';
import { type GgufModel, grammarSchema, parseGgufSpec, schemaViolations } from './gguf-model.js';
import { resolveModel } from './registry.js';

// Real llama.cpp inference on a random-weight model the test writes: the answers are garbage, so the
// assertions are about validity (JSON, schema, parse), determinism and plumbing, never content.

const input: PlanInput = { files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" {}\n' }] };
let directory: string;
let files: { model: string; lora: string };
const models: GgufModel<PlanInput, PlanTarget>[] = [];

function open(spec: string, task: Task<PlanInput, PlanTarget> = planTask): GgufModel<PlanInput, PlanTarget> {
  const model = resolveModel(spec, { task }) as GgufModel<PlanInput, PlanTarget>;
  models.push(model);
  return model;
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'infralm-gguf-'));
  files = writeTinyGguf(directory);
});

afterAll(async () => {
  for (const model of models) await model.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('gguf model back end', () => {
  it('answers the plan task with schema-valid JSON for every seed, and reports token counts', async () => {
    const model = open(`gguf:${files.model}?maxTokens=400`);
    await model.load();
    let answered = 0;
    let completionTokens = 0;
    let promptTokens = 0;
    const started = performance.now();
    for (let seed = 1; seed <= 6; seed++) {
      const generation = await model.generate(input, { temperature: 0.9, seed });
      expect(generation.text).toBeDefined();
      expect(generation.tokens?.prompt).toBeGreaterThan(20);
      expect(generation.tokens?.completion).toBeGreaterThan(0);
      completionTokens += generation.tokens?.completion ?? 0;
      promptTokens += generation.tokens?.prompt ?? 0;
      expect(generation.failure).toBeUndefined();
      answered++;
      const value = JSON.parse(generation.text ?? '');
      expect(schemaViolations(value, planTask.outputSchema)).toEqual([]);
      expect(generation.output).toEqual(planTask.parse(generation.text ?? ''));
    }
    expect(answered).toBe(6);
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `tiny gguf: ${answered}/6 parsed; ${promptTokens} prompt + ${completionTokens} completion tokens in ${seconds.toFixed(2)} s`,
    );
  });

  it('is reproducible for the same seed', async () => {
    const model = open(`gguf:${files.model}?maxTokens=64`);
    const first = await model.generate(input, { temperature: 0.8, seed: 11 });
    const second = await model.generate(input, { temperature: 0.8, seed: 11 });
    expect(second.text).toBe(first.text);
  });

  it('applies a LoRA adapter: greedy output differs from the base model', async () => {
    const base = await open(`gguf:${files.model}?maxTokens=64`).generate(input, { temperature: 0 });
    const adapted = open(`gguf:${files.model}?lora=${files.lora}&scale=1&maxTokens=64`);
    expect(adapted.fingerprint).toContain('+lora:');
    const withLora = await adapted.generate(input, { temperature: 0 });
    const scaledToZero = await open(`gguf:${files.model}?lora=${files.lora}&scale=0&maxTokens=64`).generate(
      input,
      { temperature: 0 },
    );
    expect(base.text).toBeDefined();
    expect(withLora.text).not.toBe(base.text);
    expect(scaledToZero.text).toBe(base.text);
  });

  it('runs two predictions in parallel on a pool of two contexts', async () => {
    const model = open(`gguf:${files.model}?contexts=2&maxTokens=48`);
    const [first, second] = await Promise.all([
      model.generate(input, { temperature: 0.7, seed: 1 }),
      model.generate(input, { temperature: 0.7, seed: 2 }),
    ]);
    for (const generation of [first, second]) {
      expect(generation.text).toBeDefined();
      expect(generation.failure?.kind ?? 'parse').toBe('parse');
    }
    // With one context, parallel requests queue and still both complete.
    const single = open(`gguf:${files.model}?maxTokens=32`);
    const queued = await Promise.all(
      [1, 2, 3].map((seed) => single.generate(input, { temperature: 0.7, seed })),
    );
    expect(queued.every((generation) => generation.text !== undefined)).toBe(true);
  });

  it('records a prompt longer than the context as a predictor failure', async () => {
    const long: PlanInput = { files: [{ path: 'main.tf', content: 'x'.repeat(600) }] };
    const generation = await open(`gguf:${files.model}?contextSize=256`).generate(long, { temperature: 0 });
    expect(generation.failure).toEqual({
      kind: 'predictor',
      message: expect.stringMatching(/^the prompt is \d+ tokens; the context holds 256$/),
    });
  });

  it('records an answer the task rejects as a parse failure with the text', async () => {
    const strict = {
      ...planTask,
      parse: () => {
        throw new Error('rejected by the task');
      },
    };
    const generation = await open(`gguf:${files.model}?maxTokens=32`, strict).generate(input, {
      temperature: 0,
    });
    expect(generation.failure).toEqual({ kind: 'parse', message: 'rejected by the task' });
    expect(generation.text).toBeDefined();
  });

  it('gives clear errors for missing, non-GGUF and badly written specs without loading anything', () => {
    expect(() => open(`gguf:${join(directory, 'nope.gguf')}`)).toThrow(
      /input not found: model file .*nope\.gguf/,
    );
    expect(() => open(`gguf:${files.model}?lora=${join(directory, 'nope.gguf')}`)).toThrow(
      /input not found: LoRA adapter file/,
    );
    const text = join(directory, 'not-a-model.gguf');
    writeFileSync(text, 'hello world');
    expect(() => open(`gguf:${text}`)).toThrow(/is not a GGUF file/);
    expect(() => open(`gguf:${files.model}?contexts=0`)).toThrow(/contexts must be a positive integer/);
    expect(() => open(`gguf:${files.model}?temperature=1`)).toThrow(/unknown option "temperature"/);
    expect(() => open(`gguf:${files.model}?scale=2`)).toThrow(/scale needs a lora adapter/);
    expect(() => open('gguf:')).toThrow(/names no file/);
  });
});

describe('gguf spec and schema helpers', () => {
  it('parses the spec options with defaults', () => {
    expect(parseGgufSpec('gguf:/m.gguf')).toEqual({
      modelPath: '/m.gguf',
      loraScale: 1,
      contexts: 1,
      maxTokens: 512,
    });
    expect(
      parseGgufSpec('gguf:/m.gguf?lora=/a.gguf&scale=0.5&contexts=3&maxTokens=9&contextSize=300'),
    ).toEqual({
      modelPath: '/m.gguf',
      loraPath: '/a.gguf',
      loraScale: 0.5,
      contexts: 3,
      maxTokens: 9,
      contextSize: 300,
    });
  });

  it('strips keywords the grammar cannot express, recursively', () => {
    expect(
      grammarSchema({
        $schema: 'x',
        type: 'object',
        properties: {
          line: { type: 'integer', minimum: 1, maximum: 9 },
          id: { type: 'string', pattern: '^a' },
        },
        anyOf: [{ required: ['line'], title: 't' }],
        required: ['line'],
      }),
    ).toEqual({
      type: 'object',
      properties: { line: { type: 'integer' }, id: { type: 'string' } },
      oneOf: [{ required: ['line'] }],
      required: ['line'],
    });
  });

  it('finds schema violations the grammar lets through', () => {
    const schema = {
      type: 'object',
      properties: { line: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    };
    expect(schemaViolations({ line: 3 }, schema)).toEqual([]);
    expect(schemaViolations({ line: 0 }, schema)).toEqual(['$.line: below minimum']);
    expect(schemaViolations({ line: 1.5, extra: 1 }, schema)).toEqual([
      '$.line: expected integer, got number',
      '$: unexpected "extra"',
    ]);
    expect(
      schemaViolations({ resource_changes: [{ address: '', actions: [] }] }, planTask.outputSchema),
    ).toEqual(['$.resource_changes[0].address: too short', '$.resource_changes[0].actions: too few items']);
  });
});
