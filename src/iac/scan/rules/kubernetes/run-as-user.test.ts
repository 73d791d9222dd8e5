import { describe, expect, it } from 'vitest';
import { RUN_AS_USER_RULES as RULES } from './run-as-user.js';
import {
  container,
  deployment,
  failurePaths,
  outcome,
  pod,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const cases: RuleCase[] = [
  ['ILM-K8S-011', 'nothing set', podWith({}), 'fail'],
  ['ILM-K8S-011', 'pod runAsNonRoot', podWith({}, { securityContext: { runAsNonRoot: true } }), 'pass'],
  [
    'ILM-K8S-011',
    'container overrides runAsNonRoot to false',
    podWith({ securityContext: { runAsNonRoot: false } }, { securityContext: { runAsNonRoot: true } }),
    'fail',
  ],
  ['ILM-K8S-011', 'container runAsUser above 0', podWith({ securityContext: { runAsUser: 1000 } }), 'pass'],
  ['ILM-K8S-011', 'pod runAsUser above 0', podWith({}, { securityContext: { runAsUser: 1000 } }), 'pass'],
  [
    'ILM-K8S-011',
    'container runAsUser 0 under a pod UID',
    podWith({ securityContext: { runAsUser: 0 } }, { securityContext: { runAsUser: 1000 } }),
    'fail',
  ],
  ['ILM-K8S-012', 'only a pod runAsUser', podWith({}, { securityContext: { runAsUser: 1000 } }), 'fail'],
  ['ILM-K8S-012', 'pod runAsNonRoot', podWith({}, { securityContext: { runAsNonRoot: true } }), 'pass'],
  ['ILM-K8S-012', 'container runAsNonRoot', podWith({ securityContext: { runAsNonRoot: true } }), 'pass'],
  [
    'ILM-K8S-012',
    'init container without runAsNonRoot',
    pod({
      initContainers: [container({ name: 'init' })],
      containers: [container({ securityContext: { runAsNonRoot: true } })],
    }),
    'fail',
  ],
  ['ILM-K8S-013', 'pod UID 0', podWith({}, { securityContext: { runAsUser: 0 } }), 'fail'],
  ['ILM-K8S-013', 'container UID 0', podWith({ securityContext: { runAsUser: 0 } }), 'fail'],
  ['ILM-K8S-013', 'UID 1000', podWith({ securityContext: { runAsUser: 1000 } }), 'pass'],
  ['ILM-K8S-014', 'pod UID 10000', podWith({}, { securityContext: { runAsUser: 10000 } }), 'pass'],
  ['ILM-K8S-014', 'pod UID 9999', podWith({}, { securityContext: { runAsUser: 9999 } }), 'fail'],
  [
    'ILM-K8S-014',
    'container raises a low pod UID',
    podWith({ securityContext: { runAsUser: 20000 } }, { securityContext: { runAsUser: 1000 } }),
    'pass',
  ],
  [
    'ILM-K8S-014',
    'container lowers a high pod UID',
    podWith({ securityContext: { runAsUser: 1000 } }, { securityContext: { runAsUser: 20000 } }),
    'fail',
  ],
  ['ILM-K8S-014', 'no UID', podWith({}), 'fail'],
  ['ILM-K8S-015', 'UID exactly 10000', podWith({}, { securityContext: { runAsUser: 10000 } }), 'fail'],
  ['ILM-K8S-015', 'UID 10001 on the pod', podWith({}, { securityContext: { runAsUser: 10001 } }), 'pass'],
  ['ILM-K8S-016', 'no GID', podWith({}), 'fail'],
  ['ILM-K8S-016', 'GID 20000', podWith({ securityContext: { runAsGroup: 20000 } }), 'pass'],
  ['ILM-K8S-017', 'fsGroup 0', podWith({}, { securityContext: { fsGroup: 0 } }), 'fail'],
  [
    'ILM-K8S-017',
    'supplemental group 0',
    podWith({}, { securityContext: { supplementalGroups: [1000, 0] } }),
    'fail',
  ],
  ['ILM-K8S-017', 'container runAsGroup 0', podWith({ securityContext: { runAsGroup: 0 } }), 'fail'],
  [
    'ILM-K8S-017',
    'non-root groups',
    podWith({}, { securityContext: { runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] } }),
    'pass',
  ],
];

describe('run-as-user rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('judges app containers only for the Checkov root rule, init containers too for Trivy', () => {
    const initAsRoot = deployment({
      securityContext: { runAsNonRoot: true },
      initContainers: [container({ name: 'init', securityContext: { runAsNonRoot: false } })],
      containers: [container()],
    });
    expect(outcome(RULES, 'ILM-K8S-011', initAsRoot)).toBe('pass');
    expect(failurePaths(RULES, 'ILM-K8S-014', podWith({ securityContext: { runAsUser: 5 } }))).toEqual([
      ['spec', 'containers', 0, 'securityContext', 'runAsUser'],
    ]);
    expect(
      failurePaths(RULES, 'ILM-K8S-017', podWith({}, { securityContext: { supplementalGroups: [1000, 0] } })),
    ).toEqual([['spec', 'securityContext', 'supplementalGroups', 1]]);
  });

  it('never fails on templated values', () => {
    const templated = podWith({
      securityContext: { runAsUser: '{{ .Values.uid }}', runAsNonRoot: '{{ .Values.nonRoot }}' },
    });
    for (const id of ['ILM-K8S-011', 'ILM-K8S-012', 'ILM-K8S-013', 'ILM-K8S-014', 'ILM-K8S-015']) {
      expect(outcome(RULES, id, templated)).toBe('unknown');
    }
  });
});
