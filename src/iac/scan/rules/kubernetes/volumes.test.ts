import { describe, expect, it } from 'vitest';
import { failurePaths, outcome, podWith, type RuleCase, uncoveredRules } from './test-manifests.js';
import { VOLUME_RULES as RULES } from './volumes.js';

const hostPath = (path: string) =>
  podWith({}, { volumes: [{ name: 'host', hostPath: { path, type: 'Directory' } }] });
const emptyDir = podWith({}, { volumes: [{ name: 'scratch', emptyDir: {} }] });

const cases: RuleCase[] = [
  ['ILM-K8S-036', 'hostPath volume', hostPath('/var/log'), 'fail'],
  ['ILM-K8S-036', 'emptyDir volume', emptyDir, 'pass'],
  ['ILM-K8S-037', 'Docker socket', hostPath('/var/run/docker.sock'), 'fail'],
  ['ILM-K8S-037', 'other host path', hostPath('/var/log'), 'pass'],
  ['ILM-K8S-038', '/etc from the host', hostPath('/etc'), 'fail'],
  ['ILM-K8S-038', 'root of the host', hostPath('/'), 'fail'],
  ['ILM-K8S-038', '/var/log from the host', hostPath('/var/log'), 'pass'],
  [
    'ILM-K8S-039',
    'NFS volume',
    podWith({}, { volumes: [{ name: 'share', nfs: { server: 'nfs.local', path: '/x' } }] }),
    'fail',
  ],
  [
    'ILM-K8S-039',
    'PVC volume',
    podWith({}, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
    'pass',
  ],
];

describe('volume rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the volume source', () => {
    expect(failurePaths(RULES, 'ILM-K8S-037', hostPath('/var/run/docker.sock'))).toEqual([
      ['spec', 'volumes', 0, 'hostPath', 'path'],
    ]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-037', hostPath('{{ .Values.socket }}'))).toBe('unknown');
    expect(outcome(RULES, 'ILM-K8S-036', podWith({}, { volumes: '{{ toYaml .Values.volumes }}' }))).toBe(
      'unknown',
    );
  });
});
