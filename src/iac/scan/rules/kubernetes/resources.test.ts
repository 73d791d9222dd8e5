import { describe, expect, it } from 'vitest';
import { RESOURCE_RULES as RULES } from './resources.js';
import {
  container,
  deployment,
  failurePaths,
  outcome,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const full = podWith({
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
});
const limitsOnly = podWith({ resources: { limits: { cpu: '500m', memory: '256Mi' } } });
const requestsOnly = podWith({ resources: { requests: { cpu: '100m', memory: '128Mi' } } });

const cases: RuleCase[] = [
  ['ILM-K8S-040', 'no resources', podWith({}), 'fail'],
  ['ILM-K8S-040', 'limits only', limitsOnly, 'fail'],
  ['ILM-K8S-040', 'requests set', full, 'pass'],
  ['ILM-K8S-041', 'requests only', requestsOnly, 'fail'],
  ['ILM-K8S-041', 'limits set', full, 'pass'],
  ['ILM-K8S-042', 'limits only', limitsOnly, 'fail'],
  ['ILM-K8S-042', 'requests set', requestsOnly, 'pass'],
  ['ILM-K8S-043', 'no resources', podWith({}), 'fail'],
  ['ILM-K8S-043', 'limits set', limitsOnly, 'pass'],
];

describe('resource rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('judges init containers and points at the deepest block present', () => {
    const yaml = deployment({
      initContainers: [container({ name: 'migrate', resources: { limits: { memory: '64Mi' } } })],
      containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })],
    });
    expect(failurePaths(RULES, 'ILM-K8S-041', yaml)).toEqual([
      ['spec', 'template', 'spec', 'initContainers', 0, 'resources', 'limits'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-040', podWith({}))).toEqual([['spec', 'containers', 0]]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-041', podWith({ resources: '{{ toYaml .Values.resources }}' }))).toBe(
      'unknown',
    );
  });
});
