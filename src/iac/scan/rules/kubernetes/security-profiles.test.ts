import { describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_RULES as RULES } from './security-profiles.js';
import {
  container,
  cronJob,
  deployment,
  failurePaths,
  outcome,
  pod,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const podProfile = (type: string) => podWith({}, { securityContext: { seccompProfile: { type } } });
const containerProfile = (type: string) => podWith({ securityContext: { seccompProfile: { type } } });
const podAnnotation = (value: string) =>
  deployment(
    { containers: [container()] },
    { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': value } },
  );

const cases: RuleCase[] = [
  ['ILM-K8S-026', 'pod RuntimeDefault', podProfile('RuntimeDefault'), 'pass'],
  ['ILM-K8S-026', 'pod Localhost', podProfile('Localhost'), 'fail'],
  ['ILM-K8S-026', 'every container RuntimeDefault', containerProfile('RuntimeDefault'), 'pass'],
  ['ILM-K8S-026', 'container Unconfined', containerProfile('Unconfined'), 'fail'],
  ['ILM-K8S-026', 'template annotation runtime/default', podAnnotation('runtime/default'), 'pass'],
  ['ILM-K8S-026', 'template annotation docker/default', podAnnotation('docker/default'), 'pass'],
  ['ILM-K8S-026', 'no profile', podWith({}), 'fail'],
  ['ILM-K8S-027', 'pod Localhost', podProfile('Localhost'), 'pass'],
  ['ILM-K8S-027', 'pod RuntimeDefault', podProfile('RuntimeDefault'), 'pass'],
  ['ILM-K8S-027', 'pod Unconfined', podProfile('Unconfined'), 'fail'],
  ['ILM-K8S-027', 'no profile', podWith({}), 'fail'],
  ['ILM-K8S-027', 'annotation runtime/default', podAnnotation('runtime/default'), 'pass'],
  ['ILM-K8S-027', 'annotation docker/default', podAnnotation('docker/default'), 'fail'],
  ['ILM-K8S-028', 'no profile', podWith({}), 'fail'],
  ['ILM-K8S-028', 'inherited RuntimeDefault', podProfile('RuntimeDefault'), 'pass'],
  [
    'ILM-K8S-028',
    'container Unconfined over a pod profile',
    podWith(
      { securityContext: { seccompProfile: { type: 'Unconfined' } } },
      { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    ),
    'fail',
  ],
  [
    'ILM-K8S-028',
    'container annotation',
    deployment(
      { containers: [container()] },
      { annotations: { 'container.seccomp.security.alpha.kubernetes.io/app': 'runtime/default' } },
    ),
    'pass',
  ],
  [
    'ILM-K8S-029',
    'custom AppArmor profile',
    podWith(
      {},
      {},
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/custom' } },
    ),
    'fail',
  ],
  [
    'ILM-K8S-029',
    'runtime/default AppArmor profile',
    podWith(
      {},
      {},
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' } },
    ),
    'pass',
  ],
  ['ILM-K8S-029', 'no annotation', podWith({}), 'pass'],
  [
    'ILM-K8S-030',
    'pod AppArmor Unconfined',
    podWith({}, { securityContext: { appArmorProfile: { type: 'Unconfined' } } }),
    'fail',
  ],
  [
    'ILM-K8S-030',
    'unconfined annotation',
    deployment(
      { containers: [container()] },
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
    ),
    'fail',
  ],
  [
    'ILM-K8S-030',
    'RuntimeDefault AppArmor',
    podWith({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }),
    'pass',
  ],
];

describe('seccomp and AppArmor rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('reads the pod template of a CronJob and points at the annotation', () => {
    expect(
      outcome(
        RULES,
        'ILM-K8S-026',
        cronJob({
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container()],
        }),
      ),
    ).toBe('pass');
    expect(
      failurePaths(
        RULES,
        'ILM-K8S-029',
        deployment(
          { containers: [container()] },
          { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/x' } },
        ),
      ),
    ).toEqual([
      ['spec', 'template', 'metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app'],
    ]);
  });

  it('never fails on templated values', () => {
    const templated = pod({
      containers: [container()],
      securityContext: { seccompProfile: { type: '{{ .Values.seccomp }}' } },
    });
    for (const id of ['ILM-K8S-026', 'ILM-K8S-027', 'ILM-K8S-028'])
      expect(outcome(RULES, id, templated)).toBe('unknown');
  });
});
