import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChatServer, startFakeChatServer } from '../models/__fixtures__/fake-chat-server.js';
import { planWorkspace } from './__fixtures__/plan-workspace.js';
import { compareRuns } from './compare-runs.js';
import { evaluate } from './evaluate.js';

let workspace: string;
let server: FakeChatServer;
beforeAll(async () => {
  workspace = await planWorkspace();
  server = await startFakeChatServer(() => ({ content: '{"resource_changes":[]}' }));
});
afterAll(() => server.close());

describe('compareRuns', () => {
  it('finds an empty-plan model significantly worse than the baseline on the paired examples', async () => {
    const spec = `openai:${server.url}#empty`;
    const both = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline', spec],
      split: 'train',
      report: false,
      resamples: 200,
    });
    const baselineOnly = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline'],
      split: 'train',
      limit: 6,
      report: false,
      resamples: 200,
    });

    const comparison = await compareRuns(both.directory, both.directory, {
      modelB: spec,
      resamples: 300,
      seed: 1,
    });
    expect(comparison.a.model).toBe('baseline');
    expect(comparison.b.model).toBe(spec);
    expect(comparison.examples).toBe(both.metrics.examples);
    const f1 = comparison.metrics.f1!;
    expect(f1.a).toBe(both.metrics.models[0]!.values.f1);
    expect(f1.b).toBe(0);
    expect(f1.delta).toBe(-f1.a);
    expect(f1.significant).toBe(true);
    expect(f1.high).toBeLessThan(0);
    expect(comparison.metrics.examples).toBeUndefined();

    // Runs over different example sets are compared on the shared ones only.
    const partial = await compareRuns(baselineOnly.directory, both.directory, { resamples: 100 });
    expect(partial.examples).toBe(6);
    expect(partial.only_in_b).toBe(both.metrics.examples - 6);
    expect(partial.metrics.f1).toMatchObject({ delta: 0, p_value: 1, significant: false });
  });

  it('rejects unknown models', async () => {
    const run = await evaluate({
      workspace,
      task: 'plan',
      models: ['baseline'],
      split: 'test',
      report: false,
      resamples: 10,
    });
    await expect(
      compareRuns(run.directory, run.directory, { modelB: 'openai:http://x/v1#y' }),
    ).rejects.toThrow(/has no model "openai:http:\/\/x\/v1#y"; it has baseline/);
  });
});
