import { describe, expect, it } from 'vitest';
import { RBAC_ROLE_RULES as RULES } from './rbac-roles.js';
import { failurePaths, outcome, type RuleCase, role, uncoveredRules } from './test-manifests.js';

const readPods = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };
const rule = (
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  extra: Record<string, unknown> = {},
) => ({
  apiGroups,
  resources,
  verbs,
  ...extra,
});

const cases: RuleCase[] = [
  [
    'ILM-K8S-060',
    'wildcard verb in a later rule',
    role([readPods, rule([''], ['configmaps'], ['*'])]),
    'fail',
  ],
  ['ILM-K8S-060', 'wildcard API group', role([rule(['*'], ['pods'], ['get'])], 'ClusterRole'), 'fail'],
  ['ILM-K8S-060', 'explicit rules', role([readPods]), 'pass'],
  ['ILM-K8S-061', 'everything', role([rule(['*'], ['*'], ['*'])]), 'fail'],
  ['ILM-K8S-061', 'everything in one group', role([rule(['apps'], ['*'], ['*'])]), 'pass'],
  ['ILM-K8S-062', 'any verb on secrets', role([rule([''], ['secrets'], ['*'])]), 'fail'],
  ['ILM-K8S-062', 'any verb on configmaps', role([rule([''], ['configmaps'], ['*'])]), 'pass'],
  [
    'ILM-K8S-063',
    'cluster role listing everything',
    role([rule([''], ['*'], ['list'])], 'ClusterRole'),
    'fail',
  ],
  [
    'ILM-K8S-063',
    'cluster role watching everything',
    role([rule([''], ['*'], ['watch'])], 'ClusterRole'),
    'pass',
  ],
  [
    'ILM-K8S-064',
    'cluster role reading secrets',
    role([rule([''], ['secrets'], ['get'])], 'ClusterRole'),
    'fail',
  ],
  ['ILM-K8S-064', 'cluster role reading pods', role([readPods], 'ClusterRole'), 'pass'],
  ['ILM-K8S-065', 'creates rolebindings', role([rule([''], ['rolebindings'], ['create'])]), 'fail'],
  ['ILM-K8S-065', 'reads roles', role([rule([''], ['roles'], ['get'])]), 'pass'],
  ['ILM-K8S-066', 'impersonates groups', role([rule(['*'], ['groups'], ['impersonate'])]), 'fail'],
  [
    'ILM-K8S-066',
    'impersonates service accounts',
    role([rule([''], ['serviceaccounts'], ['impersonate'])]),
    'pass',
  ],
  ['ILM-K8S-067', 'node proxy', role([rule([''], ['nodes/proxy'], ['get'])], 'ClusterRole'), 'fail'],
  ['ILM-K8S-067', 'nodes', role([rule([''], ['nodes'], ['get'])], 'ClusterRole'), 'pass'],
  ['ILM-K8S-068', 'patches deployments', role([rule(['apps'], ['deployments'], ['patch'])]), 'fail'],
  ['ILM-K8S-068', 'reads deployments', role([rule(['apps'], ['deployments'], ['get', 'list'])]), 'pass'],
  ['ILM-K8S-069', 'exec into pods', role([rule([''], ['pods/exec'], ['create'])]), 'fail'],
  ['ILM-K8S-069', 'reads logs', role([rule([''], ['pods/log'], ['get'])]), 'pass'],
  [
    'ILM-K8S-070',
    'attach and get pods',
    role([rule(['*'], ['pods/attach'], ['create']), rule(['*'], ['pods'], ['get'])]),
    'fail',
  ],
  ['ILM-K8S-070', 'attach alone', role([rule(['*'], ['pods/attach'], ['create'])]), 'pass'],
  [
    'ILM-K8S-071',
    'patches webhooks',
    role(
      [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['patch'])],
      'ClusterRole',
    ),
    'fail',
  ],
  [
    'ILM-K8S-071',
    'lists webhooks',
    role(
      [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['list'])],
      'ClusterRole',
    ),
    'pass',
  ],
  [
    'ILM-K8S-072',
    'wildcard control of webhooks',
    role([rule(['*'], ['*'], ['create'])], 'ClusterRole'),
    'fail',
  ],
  [
    'ILM-K8S-072',
    'reads webhooks',
    role([rule(['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations'], ['get'])], 'ClusterRole'),
    'pass',
  ],
  [
    'ILM-K8S-073',
    'approves CSRs',
    role(
      [
        rule(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update']),
        rule(['certificates.k8s.io'], ['signers'], ['approve']),
      ],
      'ClusterRole',
    ),
    'fail',
  ],
  [
    'ILM-K8S-073',
    'updates approvals without a signer',
    role([rule(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update'])], 'ClusterRole'),
    'pass',
  ],
  [
    'ILM-K8S-074',
    'bind on rolebindings',
    role([rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['bind'])]),
    'fail',
  ],
  [
    'ILM-K8S-074',
    'get on rolebindings',
    role([rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['get'])]),
    'pass',
  ],
  [
    'ILM-K8S-075',
    'escalate on roles',
    role([rule(['rbac.authorization.k8s.io'], ['roles'], ['escalate'])]),
    'fail',
  ],
  [
    'ILM-K8S-075',
    'wildcard verb on roles',
    role([rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['*'])]),
    'fail',
  ],
  ['ILM-K8S-075', 'list roles', role([rule(['rbac.authorization.k8s.io'], ['roles'], ['list'])]), 'pass'],
  ['ILM-K8S-076', 'create pods', role([rule([''], ['pods'], ['create'])]), 'fail'],
  ['ILM-K8S-076', 'any verb on any resource', role([rule([''], ['*'], ['*'])]), 'fail'],
  ['ILM-K8S-076', 'read pods', role([readPods]), 'pass'],
  [
    'ILM-K8S-077',
    'create bindings and bind any role',
    role([
      rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'], { resourceNames: ['*'] }),
    ]),
    'fail',
  ],
  [
    'ILM-K8S-077',
    'bind one named role',
    role([
      rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'], { resourceNames: ['view'] }),
    ]),
    'pass',
  ],
  ['ILM-K8S-078', 'update configmaps', role([rule([''], ['configmaps'], ['update'])]), 'fail'],
  ['ILM-K8S-078', 'read configmaps', role([rule([''], ['configmaps'], ['get'])]), 'pass'],
];

describe('RBAC role rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('applies ClusterRole-only rules to ClusterRoles only', () => {
    expect(outcome(RULES, 'ILM-K8S-064', role([rule([''], ['secrets'], ['get'])]))).toBe('not-applicable');
  });

  it('points at the offending rule', () => {
    expect(failurePaths(RULES, 'ILM-K8S-060', role([readPods, rule([''], ['configmaps'], ['*'])]))).toEqual([
      ['rules', 1, 'verbs'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-062', role([readPods, rule([''], ['secrets'], ['*'])]))).toEqual([
      ['rules', 1],
    ]);
  });

  it('never fails on templated values', () => {
    const templated = role([rule(['*'], ['*'], ['{{ .Values.verb }}'])]);
    for (const id of ['ILM-K8S-060', 'ILM-K8S-061', 'ILM-K8S-076'])
      expect(outcome(RULES, id, templated)).toBe('unknown');
  });
});
