import { InfraLMError } from '../core/errors.js';
import type { RunMetrics } from './types.js';

// `--fail-under metric=value`: every evaluated model must reach the value (mean over runs), or the
// command exits non-zero — for CI and for promoting a model.

export interface Gate {
  metric: string;
  threshold: number;
}

export interface GateResult extends Gate {
  model: string;
  value: number;
  passed: boolean;
}

/** `f1=0.8` → {metric: 'f1', threshold: 0.8}. */
export function parseGate(text: string): Gate {
  const match = /^([A-Za-z0-9_]+)=(-?\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match)
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `--fail-under expects metric=value (e.g. f1=0.8), got "${text}"`,
    );
  return { metric: match[1]!, threshold: Number(match[2]) };
}

/** Check that every gate names a metric the task computes. */
export function validateGates(gates: readonly Gate[], metricNames: readonly string[]): void {
  for (const gate of gates) {
    if (!metricNames.includes(gate.metric)) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `--fail-under: no metric "${gate.metric}"; this task has ${metricNames.join(', ')}`,
      );
    }
  }
}

/** Every (model, gate) result; the run passes when all do. */
export function checkGates(
  metrics: RunMetrics,
  gates: readonly Gate[],
): { passed: boolean; results: GateResult[] } {
  const results: GateResult[] = [];
  for (const model of metrics.models) {
    for (const gate of gates) {
      const value = model.values[gate.metric] ?? Number.NaN;
      results.push({ ...gate, model: model.spec, value, passed: value >= gate.threshold });
    }
  }
  return { passed: results.every((result) => result.passed), results };
}
