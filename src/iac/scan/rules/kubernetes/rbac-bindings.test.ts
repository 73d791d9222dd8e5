import { describe, expect, it } from 'vitest';
import { RBAC_BINDING_RULES as RULES } from './rbac-bindings.js';
import { failurePaths, manifest, outcome, type RuleCase, uncoveredRules } from './test-manifests.js';

const binding = (kind: string, roleName: string, subjects: Record<string, unknown>[]) =>
  manifest({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'RoleBinding' ? { name: 'grant', namespace: 'apps' } : { name: 'grant' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  });
const group = (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });

const cases: RuleCase[] = [
  ['ILM-K8S-079', 'cluster-admin', binding('ClusterRoleBinding', 'cluster-admin', [group('ops')]), 'fail'],
  ['ILM-K8S-079', 'view', binding('ClusterRoleBinding', 'view', [group('ops')]), 'pass'],
  [
    'ILM-K8S-080',
    'unauthenticated users',
    binding('ClusterRoleBinding', 'view', [group('system:unauthenticated')]),
    'fail',
  ],
  [
    'ILM-K8S-080',
    'anonymous user',
    binding('RoleBinding', 'view', [{ kind: 'User', name: 'system:anonymous' }]),
    'fail',
  ],
  ['ILM-K8S-080', 'named group', binding('RoleBinding', 'view', [group('ops')]), 'pass'],
  ['ILM-K8S-081', 'system:masters', binding('RoleBinding', 'edit', [group('system:masters')]), 'fail'],
  ['ILM-K8S-081', 'named group', binding('ClusterRoleBinding', 'edit', [group('ops')]), 'pass'],
];

describe('RBAC binding rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the subject name', () => {
    expect(
      failurePaths(
        RULES,
        'ILM-K8S-080',
        binding('RoleBinding', 'view', [group('ops'), group('system:unauthenticated')]),
      ),
    ).toEqual([['subjects', 1, 'name']]);
  });

  it('never fails on templated values', () => {
    expect(
      outcome(RULES, 'ILM-K8S-079', binding('ClusterRoleBinding', '{{ .Values.role }}', [group('ops')])),
    ).toBe('unknown');
    expect(
      outcome(RULES, 'ILM-K8S-081', binding('RoleBinding', 'edit', [group('{{ .Values.group }}')])),
    ).toBe('unknown');
  });
});
