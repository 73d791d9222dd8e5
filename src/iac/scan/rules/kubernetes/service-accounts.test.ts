import { describe, expect, it } from 'vitest';
import { SERVICE_ACCOUNT_RULES as RULES } from './service-accounts.js';
import {
  container,
  deployment,
  failurePaths,
  manifest,
  outcome,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const serviceAccount = (name: string, fields: Record<string, unknown> = {}) =>
  manifest({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'apps' }, ...fields });
const binding = (kind: string, subjects: Record<string, unknown>[]) =>
  manifest({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'readers', namespace: 'apps' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects,
  });
const tokenMount = podWith({
  volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
});

const cases: RuleCase[] = [
  ['ILM-K8S-050', 'automount not set', podWith({}), 'fail'],
  ['ILM-K8S-050', 'automount disabled', podWith({}, { automountServiceAccountToken: false }), 'pass'],
  ['ILM-K8S-051', 'automount turned on', podWith({}, { automountServiceAccountToken: true }), 'fail'],
  ['ILM-K8S-051', 'token path mounted by hand', tokenMount, 'fail'],
  ['ILM-K8S-051', 'automount not set, no token mount', podWith({}), 'pass'],
  ['ILM-K8S-051', 'automount disabled', podWith({}, { automountServiceAccountToken: false }), 'pass'],
  ['ILM-K8S-052', 'default account automounting', serviceAccount('default'), 'fail'],
  [
    'ILM-K8S-052',
    'default account not automounting',
    serviceAccount('default', { automountServiceAccountToken: false }),
    'pass',
  ],
  ['ILM-K8S-052', 'other account', serviceAccount('builder'), 'pass'],
  [
    'ILM-K8S-053',
    'RoleBinding to default',
    binding('RoleBinding', [{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }]),
    'fail',
  ],
  [
    'ILM-K8S-053',
    'ClusterRoleBinding to a dedicated account',
    binding('ClusterRoleBinding', [{ kind: 'ServiceAccount', name: 'reader', namespace: 'apps' }]),
    'pass',
  ],
];

describe('service account rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the pod template or the subject', () => {
    expect(failurePaths(RULES, 'ILM-K8S-050', deployment({ containers: [container()] }))).toEqual([
      ['spec', 'template', 'spec'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-051', tokenMount)).toEqual([
      ['spec', 'containers', 0, 'volumeMounts', 0, 'mountPath'],
    ]);
    expect(
      failurePaths(
        RULES,
        'ILM-K8S-053',
        binding('RoleBinding', [
          { kind: 'User', name: 'a' },
          { kind: 'ServiceAccount', name: 'default' },
        ]),
      ),
    ).toEqual([['subjects', 1]]);
  });

  it('never fails on templated values', () => {
    const templated = podWith({}, { automountServiceAccountToken: '{{ .Values.automount }}' });
    expect(outcome(RULES, 'ILM-K8S-050', templated)).toBe('unknown');
    expect(outcome(RULES, 'ILM-K8S-051', templated)).toBe('unknown');
    expect(outcome(RULES, 'ILM-K8S-052', serviceAccount('{{ .Values.serviceAccount }}'))).toBe('unknown');
  });
});
