import { describe, expect, it } from 'vitest';
import { planTask } from '../tasks/plan/task.js';
import { baselineModelFactory } from './baseline-model.js';
import { checkModelFactories, MODEL_FACTORIES, resolveModel } from './registry.js';

describe('model registry', () => {
  it('resolves "baseline" to the task baseline, deterministic and keyed by the input', async () => {
    const model = resolveModel('baseline', { task: planTask });
    expect(model.deterministic).toBe(true);
    expect(model.fingerprint).toMatch(/^baseline:plan:baseline:[0-9a-f]{16}$/);
    const input = { files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" { count = 2 }\n' }] };
    expect(model.requestKey(input, { temperature: 0.7, seed: 3 })).toEqual(input);
    expect(await model.generate(input, { temperature: 0 })).toEqual({
      output: {
        resource_changes: [
          { address: 'aws_s3_bucket.b[0]', actions: ['create'] },
          { address: 'aws_s3_bucket.b[1]', actions: ['create'] },
        ],
      },
    });
  });

  it('turns a throwing baseline into a predictor failure', async () => {
    const task = {
      ...planTask,
      baseline: { id: 'broken', predict: async () => Promise.reject(new Error('boom')) },
    };
    const model = baselineModelFactory.create('baseline', { task });
    expect(await model.generate({ files: [] }, { temperature: 0 })).toEqual({
      failure: { kind: 'predictor', message: 'boom' },
    });
  });

  it('names a missing gguf file, and lists the forms for unknown specs', () => {
    expect(() => resolveModel('gguf:./models/x.gguf', { task: planTask })).toThrow(
      /input not found: model file/,
    );
    expect(() => resolveModel('gpt-4', { task: planTask })).toThrow(
      /unknown model "gpt-4"; known forms: baseline, openai:URL#MODEL, gguf:PATH.*router:specialist=SPEC,generalist=SPEC/,
    );
  });

  it('checks the factories for duplicate names', () => {
    expect(() => checkModelFactories(MODEL_FACTORIES)).not.toThrow();
    expect(() => checkModelFactories([baselineModelFactory, baselineModelFactory])).toThrow(
      /registered twice/,
    );
  });
});
