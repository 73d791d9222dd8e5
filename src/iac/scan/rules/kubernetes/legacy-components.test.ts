import { describe, expect, it } from 'vitest';
import { LEGACY_COMPONENT_RULES as RULES } from './legacy-components.js';
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

const tiller = (args?: string[]) =>
  deployment(
    {
      containers: [
        container({
          name: 'tiller',
          image: 'gcr.io/kubernetes-helm/tiller:v2.16.12',
          ...(args ? { args } : {}),
        }),
      ],
    },
    { labels: { app: 'helm', name: 'tiller' } },
  );
const service = (name: string, selector: Record<string, string>) =>
  manifest({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'apps' },
    spec: { selector, ports: [{ port: 80 }] },
  });

const cases: RuleCase[] = [
  ['ILM-K8S-056', 'Tiller deployment', tiller(), 'fail'],
  ['ILM-K8S-056', 'ordinary deployment', deployment({ containers: [container()] }), 'pass'],
  ['ILM-K8S-057', 'Tiller listening everywhere', tiller(), 'fail'],
  ['ILM-K8S-057', 'Tiller on localhost', tiller(['--listen=localhost:44134']), 'pass'],
  ['ILM-K8S-057', 'not Tiller', podWith({}), 'pass'],
  ['ILM-K8S-058', 'tiller-deploy Service', service('tiller-deploy', { app: 'helm', name: 'tiller' }), 'fail'],
  ['ILM-K8S-058', 'Service selecting Tiller', service('helm-api', { name: 'tiller' }), 'fail'],
  ['ILM-K8S-058', 'ordinary Service', service('web', { app: 'web' }), 'pass'],
  ['ILM-K8S-059', 'dashboard image', podWith({ image: 'kubernetesui/dashboard:v2.7.0' }), 'fail'],
  [
    'ILM-K8S-059',
    'dashboard label',
    deployment({ containers: [container()] }, { labels: { 'k8s-app': 'kubernetes-dashboard' } }),
    'fail',
  ],
  ['ILM-K8S-059', 'ordinary image', podWith({}), 'pass'],
];

describe('legacy component rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the Tiller image and arguments', () => {
    expect(failurePaths(RULES, 'ILM-K8S-056', tiller())).toEqual([
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-057', tiller(['--history-max=10']))).toEqual([
      ['spec', 'template', 'spec', 'containers', 0, 'args'],
    ]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-057', tiller(['{{ .Values.listen }}']))).toBe('unknown');
  });
});
