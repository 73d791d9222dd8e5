import { describe, expect, it } from 'vitest';
import { SECURITY_CONTEXT_RULES as RULES } from './security-context.js';
import {
  container,
  deployment,
  failurePaths,
  inferenceService,
  manifest,
  outcome,
  pod,
  podWith,
  type RuleCase,
  uncoveredRules,
} from './test-manifests.js';

const cases: RuleCase[] = [
  ['ILM-K8S-001', 'privileged container', podWith({ securityContext: { privileged: true } }), 'fail'],
  ['ILM-K8S-001', 'privileged false', podWith({ securityContext: { privileged: false } }), 'pass'],
  ['ILM-K8S-001', 'no security context', podWith({}), 'pass'],
  [
    'ILM-K8S-001',
    'privileged init container',
    deployment({
      initContainers: [container({ securityContext: { privileged: true } })],
      containers: [container()],
    }),
    'fail',
  ],
  ['ILM-K8S-002', 'no security context', podWith({}), 'fail'],
  [
    'ILM-K8S-002',
    'escalation allowed',
    podWith({ securityContext: { allowPrivilegeEscalation: true } }),
    'fail',
  ],
  [
    'ILM-K8S-002',
    'escalation disabled',
    podWith({ securityContext: { allowPrivilegeEscalation: false } }),
    'pass',
  ],
  ['ILM-K8S-003', 'writable root', podWith({ securityContext: { readOnlyRootFilesystem: false } }), 'fail'],
  ['ILM-K8S-003', 'read-only root', podWith({ securityContext: { readOnlyRootFilesystem: true } }), 'pass'],
  ['ILM-K8S-004', 'no pod security context', podWith({}), 'fail'],
  ['ILM-K8S-004', 'empty pod security context', podWith({}, { securityContext: {} }), 'fail'],
  ['ILM-K8S-004', 'pod security context', podWith({}, { securityContext: { runAsNonRoot: true } }), 'pass'],
  ['ILM-K8S-005', 'no container security context', podWith({}), 'fail'],
  ['ILM-K8S-005', 'container security context', podWith({ securityContext: { runAsUser: 1000 } }), 'pass'],
  ['ILM-K8S-006', 'empty pod context', podWith({}, { securityContext: {} }), 'fail'],
  ['ILM-K8S-006', 'empty container context', podWith({ securityContext: {} }), 'fail'],
  [
    'ILM-K8S-006',
    'empty container context inheriting pod fields',
    podWith({ securityContext: {} }, { securityContext: { runAsUser: 1000 } }),
    'pass',
  ],
  ['ILM-K8S-006', 'no contexts at all', podWith({}), 'pass'],
  ['ILM-K8S-007', 'unmasked /proc', podWith({ securityContext: { procMount: 'Unmasked' } }), 'fail'],
  ['ILM-K8S-007', 'default /proc', podWith({ securityContext: { procMount: 'Default' } }), 'pass'],
  ['ILM-K8S-008', 'custom type', podWith({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }), 'fail'],
  [
    'ILM-K8S-008',
    'custom user on the pod',
    podWith({}, { securityContext: { seLinuxOptions: { user: 'system_u' } } }),
    'fail',
  ],
  [
    'ILM-K8S-008',
    'container_t',
    podWith({ securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1' } } }),
    'pass',
  ],
  [
    'ILM-K8S-009',
    'unsafe sysctl',
    podWith({}, { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }),
    'fail',
  ],
  [
    'ILM-K8S-009',
    'safe sysctl',
    podWith({}, { securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '0' }] } }),
    'pass',
  ],
  [
    'ILM-K8S-010',
    'HostProcess pod',
    podWith({}, { securityContext: { windowsOptions: { hostProcess: true } }, hostNetwork: true }),
    'fail',
  ],
  [
    'ILM-K8S-010',
    'HostProcess off',
    podWith({ securityContext: { windowsOptions: { hostProcess: false } } }),
    'pass',
  ],
];

describe('security context rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the offending attribute, or at the container when it is missing', () => {
    expect(
      failurePaths(
        RULES,
        'ILM-K8S-001',
        deployment({ containers: [container({ securityContext: { privileged: true } })] }),
      ),
    ).toEqual([['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']]);
    expect(failurePaths(RULES, 'ILM-K8S-002', podWith({}))).toEqual([['spec', 'containers', 0]]);
    expect(failurePaths(RULES, 'ILM-K8S-004', podWith({}))).toEqual([['spec']]);
  });

  it('covers KServe framework containers and Seldon component specs', () => {
    const kserve = inferenceService({
      sklearn: { storageUri: 'gs://models/iris', securityContext: { privileged: true } },
    });
    expect(failurePaths(RULES, 'ILM-K8S-001', kserve)).toEqual([
      ['spec', 'predictor', 'sklearn', 'securityContext', 'privileged'],
    ]);
    const seldon = manifest({
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'iris', namespace: 'models' },
      spec: {
        predictors: [
          {
            name: 'default',
            componentSpecs: [
              { spec: { containers: [container({ securityContext: { privileged: true } })] } },
            ],
          },
        ],
      },
    });
    expect(outcome(RULES, 'ILM-K8S-001', seldon)).toBe('fail');
  });

  it('never fails on templated values', () => {
    expect(
      outcome(RULES, 'ILM-K8S-001', podWith({ securityContext: { privileged: '{{ .Values.privileged }}' } })),
    ).toBe('unknown');
    expect(
      outcome(RULES, 'ILM-K8S-003', podWith({ securityContext: '{{ toYaml .Values.securityContext }}' })),
    ).toBe('unknown');
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an unrendered envsubst placeholder is the case under test
      outcome(RULES, 'ILM-K8S-004', pod({ containers: [container()], securityContext: '${POD_CONTEXT}' })),
    ).toBe('unknown');
  });
});

describe('YAML 1.1 booleans', () => {
  it('reads yes and on as true, as the API server does', () => {
    expect(outcome(RULES, 'ILM-K8S-001', podWith({ securityContext: { privileged: 'yes' } }))).toBe('fail');
    expect(
      outcome(RULES, 'ILM-K8S-002', podWith({ securityContext: { allowPrivilegeEscalation: 'off' } })),
    ).toBe('pass');
  });
});
