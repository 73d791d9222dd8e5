import { describe, expect, it } from 'vitest';
import { PROBE_RULES as RULES } from './probes.js';
import {
  container,
  cronJob,
  deployment,
  outcome,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };

const cases: RuleCase[] = [
  ['ILM-K8S-047', 'no liveness probe', podWith({}), 'fail'],
  ['ILM-K8S-047', 'liveness probe', podWith({ livenessProbe: probe }), 'pass'],
  [
    'ILM-K8S-048',
    'no readiness probe',
    deployment({ containers: [container({ livenessProbe: probe })] }),
    'fail',
  ],
  [
    'ILM-K8S-048',
    'readiness probe',
    deployment({ containers: [container({ readinessProbe: probe })] }),
    'pass',
  ],
];

describe('probe rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('leaves Jobs, CronJobs and init containers alone', () => {
    expect(outcome(RULES, 'ILM-K8S-047', cronJob({ containers: [container()] }))).toBe('not-applicable');
    const withInit = deployment({
      initContainers: [container({ name: 'init' })],
      containers: [container({ livenessProbe: probe, readinessProbe: probe })],
    });
    expect(outcome(RULES, 'ILM-K8S-047', withInit)).toBe('pass');
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-048', podWith({ readinessProbe: '{{ toYaml .Values.readiness }}' }))).toBe(
      'unknown',
    );
  });
});
