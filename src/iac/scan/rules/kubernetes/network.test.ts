import { describe, expect, it } from 'vitest';
import { NETWORK_RULES as RULES } from './network.js';
import { failurePaths, manifest, outcome, type RuleCase, uncoveredRules } from './test-manifests.js';

const service = (spec: Record<string, unknown>) =>
  manifest({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'apps' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
  });
const ingress = (spec: Record<string, unknown>) =>
  manifest({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
      ...spec,
    },
  });

const cases: RuleCase[] = [
  ['ILM-K8S-082', 'NodePort', service({ type: 'NodePort' }), 'fail'],
  ['ILM-K8S-082', 'ClusterIP', service({ type: 'ClusterIP' }), 'pass'],
  ['ILM-K8S-083', 'externalIPs', service({ externalIPs: ['203.0.113.10'] }), 'fail'],
  ['ILM-K8S-083', 'no externalIPs', service({}), 'pass'],
  ['ILM-K8S-084', 'no TLS', ingress({}), 'fail'],
  ['ILM-K8S-084', 'empty TLS list', ingress({ tls: [] }), 'fail'],
  ['ILM-K8S-084', 'TLS', ingress({ tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }] }), 'pass'],
];

describe('network rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the field', () => {
    expect(failurePaths(RULES, 'ILM-K8S-082', service({ type: 'NodePort' }))).toEqual([['spec', 'type']]);
    expect(failurePaths(RULES, 'ILM-K8S-084', ingress({}))).toEqual([['spec']]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-082', service({ type: '{{ .Values.service.type }}' }))).toBe('unknown');
    expect(outcome(RULES, 'ILM-K8S-084', ingress({ tls: '{{ toYaml .Values.tls }}' }))).toBe('unknown');
  });
});
