import { describe, expect, it } from 'vitest';
import { NAMESPACE_RULES as RULES } from './namespaces.js';
import {
  container,
  failurePaths,
  manifest,
  outcome,
  pod,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const configMap = (metadata: Record<string, unknown>) =>
  manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { a: 'b' } });
const apiServer = pod(
  { priorityClassName: 'system-node-critical', containers: [container({ command: ['kube-apiserver'] })] },
  {
    name: 'kube-apiserver',
    namespace: 'kube-system',
    labels: { tier: 'control-plane', component: 'kube-apiserver' },
  },
);

const cases: RuleCase[] = [
  ['ILM-K8S-054', 'no namespace', pod({ containers: [container()] }, { namespace: undefined }), 'fail'],
  [
    'ILM-K8S-054',
    'explicit default namespace',
    configMap({ name: 'settings', namespace: 'default' }),
    'fail',
  ],
  ['ILM-K8S-054', 'own namespace', podWith({}), 'pass'],
  [
    'ILM-K8S-054',
    'the default ServiceAccount',
    manifest({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }),
    'pass',
  ],
  ['ILM-K8S-055', 'user pod in kube-system', podWith({}, {}, { namespace: 'kube-system' }), 'fail'],
  ['ILM-K8S-055', 'control-plane static pod', apiServer, 'pass'],
  ['ILM-K8S-055', 'user namespace', podWith({}), 'pass'],
];

describe('namespace rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the namespace, or at metadata when it is missing', () => {
    expect(failurePaths(RULES, 'ILM-K8S-054', configMap({ name: 'settings', namespace: 'default' }))).toEqual(
      [['metadata', 'namespace']],
    );
    expect(failurePaths(RULES, 'ILM-K8S-054', configMap({ name: 'settings' }))).toEqual([['metadata']]);
  });

  it('never fails on templated values', () => {
    expect(
      outcome(RULES, 'ILM-K8S-054', configMap({ name: 'settings', namespace: '{{ .Release.Namespace }}' })),
    ).toBe('unknown');
    expect(outcome(RULES, 'ILM-K8S-055', podWith({}, {}, { namespace: '{{ .Release.Namespace }}' }))).toBe(
      'unknown',
    );
  });
});
