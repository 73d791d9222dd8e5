import { describe, expect, it } from 'vitest';
import { SECRET_RULES as RULES } from './secrets.js';
import { failurePaths, outcome, podWith, type RuleCase, uncoveredRules } from './test-manifests.js';

const cases: RuleCase[] = [
  [
    'ILM-K8S-049',
    'secretKeyRef',
    podWith({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }),
    'fail',
  ],
  ['ILM-K8S-049', 'envFrom secretRef', podWith({ envFrom: [{ secretRef: { name: 'db' } }] }), 'fail'],
  [
    'ILM-K8S-049',
    'ConfigMap and plain values',
    podWith({
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } },
      ],
      envFrom: [{ configMapRef: { name: 'app' } }],
    }),
    'pass',
  ],
];

describe('secret rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the secret reference', () => {
    const yaml = podWith({
      env: [
        { name: 'A', value: 'x' },
        { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      ],
    });
    expect(failurePaths(RULES, 'ILM-K8S-049', yaml)).toEqual([
      ['spec', 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef'],
    ]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-049', podWith({ env: '{{ toYaml .Values.env }}' }))).toBe('unknown');
  });
});
