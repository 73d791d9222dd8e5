import { describe, expect, it } from 'vitest';
import { HOST_NAMESPACE_RULES as RULES } from './host-namespaces.js';
import {
  container,
  cronJob,
  failurePaths,
  outcome,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const cases: RuleCase[] = [
  ['ILM-K8S-031', 'hostPID', podWith({}, { hostPID: true }), 'fail'],
  ['ILM-K8S-031', 'hostPID false', podWith({}, { hostPID: false }), 'pass'],
  ['ILM-K8S-032', 'hostIPC', podWith({}, { hostIPC: true }), 'fail'],
  ['ILM-K8S-032', 'no hostIPC', podWith({}), 'pass'],
  [
    'ILM-K8S-033',
    'hostNetwork in a CronJob',
    cronJob({ hostNetwork: true, containers: [container()] }),
    'fail',
  ],
  ['ILM-K8S-033', 'no hostNetwork', podWith({}), 'pass'],
  ['ILM-K8S-034', 'hostPort', podWith({ ports: [{ containerPort: 8080, hostPort: 8080 }] }), 'fail'],
  ['ILM-K8S-034', 'container port only', podWith({ ports: [{ containerPort: 8080 }] }), 'pass'],
  ['ILM-K8S-035', 'port 80', podWith({ ports: [{ containerPort: 80 }] }), 'fail'],
  ['ILM-K8S-035', 'port 8080', podWith({ ports: [{ containerPort: 8080 }] }), 'pass'],
];

describe('host namespace rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the field', () => {
    expect(
      failurePaths(RULES, 'ILM-K8S-033', cronJob({ hostNetwork: true, containers: [container()] })),
    ).toEqual([['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostNetwork']]);
    expect(
      failurePaths(
        RULES,
        'ILM-K8S-034',
        podWith({ ports: [{ containerPort: 53 }, { containerPort: 8080, hostPort: 80 }] }),
      ),
    ).toEqual([['spec', 'containers', 0, 'ports', 1, 'hostPort']]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-033', podWith({}, { hostNetwork: '{{ .Values.hostNetwork }}' }))).toBe(
      'unknown',
    );
    expect(outcome(RULES, 'ILM-K8S-035', podWith({ ports: [{ containerPort: '{{ .Values.port }}' }] }))).toBe(
      'unknown',
    );
  });
});
