import { describe, expect, it } from 'vitest';
import { checkGates, parseGate, validateGates } from './gates.js';
import type { ModelMetrics, RunMetrics } from './types.js';

function run(values: Record<string, Record<string, number>>): RunMetrics {
  return {
    run_id: 'r',
    task: 'plan',
    split: 'test',
    primary_metric: 'f1',
    stratum_metric: 'f1',
    headline_metrics: ['f1'],
    examples: 1,
    runs: 1,
    resamples: 0,
    confidence: 0.95,
    models: Object.entries(values).map(
      ([spec, metricValues]) => ({ spec, values: metricValues }) as ModelMetrics,
    ),
  };
}

describe('gates', () => {
  it('parses metric=value and rejects anything else', () => {
    expect(parseGate('f1=0.8')).toEqual({ metric: 'f1', threshold: 0.8 });
    expect(parseGate(' exact_match=1 ')).toEqual({ metric: 'exact_match', threshold: 1 });
    expect(() => parseGate('f1>0.8')).toThrow(/metric=value/);
    expect(() => parseGate('f1=high')).toThrow(/metric=value/);
  });

  it('rejects gates on metrics the task does not compute', () => {
    expect(() => validateGates([{ metric: 'bleu', threshold: 1 }], ['f1', 'recall'])).toThrow(
      /no metric "bleu"/,
    );
    expect(() => validateGates([{ metric: 'f1', threshold: 1 }], ['f1'])).not.toThrow();
  });

  it('passes only when every model reaches every threshold (equal counts as reaching)', () => {
    const metrics = run({ baseline: { f1: 0.8, recall: 0.5 }, candidate: { f1: 0.79, recall: 0.9 } });
    const result = checkGates(metrics, [{ metric: 'f1', threshold: 0.8 }]);
    expect(result.passed).toBe(false);
    expect(result.results.map((entry) => [entry.model, entry.passed])).toEqual([
      ['baseline', true],
      ['candidate', false],
    ]);
    expect(checkGates(metrics, [{ metric: 'recall', threshold: 0.5 }]).passed).toBe(true);
    expect(checkGates(metrics, []).passed).toBe(true);
  });
});
