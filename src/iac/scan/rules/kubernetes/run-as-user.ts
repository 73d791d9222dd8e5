// Which user and group containers run as: root, runAsNonRoot, low UIDs and GIDs. Checkov and Trivy
// judge these differently (Checkov accepts runAsUser > 0 in place of runAsNonRoot, uses >= 10000 and
// looks at app containers only), so each tool's reading is its own rule.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, ContainerView, KubernetesRule, PodSpecView } from '../../types.js';
import { readBoolean, readList, readNumber } from './manifest-values.js';
import {
  APP_CONTAINERS,
  checkContainers,
  checkPodSpecs,
  containerSecurityField,
  EVERY_CONTAINER,
  effectiveSecurityField,
  podSecurityField,
  type SecurityField,
} from './pod-workloads.js';
import {
  containerLabel,
  equivalents,
  REFERENCES,
  securityContextOrContainer,
  trivyIds,
} from './rule-support.js';

type Status = 'passed' | 'failed' | 'absent' | 'unknown';

/** Checkov's reading of runAsNonRoot: set and truthy passes, set otherwise fails. */
function nonRootStatus(field: SecurityField): Status {
  if (field.unknown) return 'unknown';
  if (field.source === 'none') return 'absent';
  const value = readBoolean(field.value);
  if (value === 'unknown') return 'unknown';
  return value === true ? 'passed' : 'failed';
}

/** Checkov's reading of runAsUser against a minimum UID. */
function userStatus(field: SecurityField, minimum: number): Status {
  if (field.unknown) return 'unknown';
  if (field.source === 'none') return 'absent';
  const value = readNumber(field.value);
  if (value === 'unknown') return 'unknown';
  return value !== undefined && value >= minimum ? 'passed' : 'failed';
}

/** A container whose effective numeric id (container, else pod) must be above a bound. */
function effectiveIdAbove(
  container: ContainerView,
  podSpec: PodSpecView,
  field: 'runAsUser' | 'runAsGroup',
  bound: number,
): CheckResult {
  const effective = effectiveSecurityField(container, podSpec, field);
  if (effective.unknown) return UNKNOWN_RESULT;
  const id = readNumber(effective.value);
  if (id === 'unknown') return UNKNOWN_RESULT;
  if (id !== undefined && id > bound) return PASS;
  return fail(
    effective.path ?? securityContextOrContainer(container),
    `container ${containerLabel(container)} runs with ${field} ${id ?? 'unset'} (needs > ${bound})`,
  );
}

export const RUN_AS_USER_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-011',
    title: 'Containers do not run as root (runAsNonRoot or a non-zero runAsUser)',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation:
      'Set runAsNonRoot: true (or a runAsUser above 0) in the pod securityContext, and do not override it in containers.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_23'] }),
    check(object, context) {
      return checkContainers(object, context, APP_CONTAINERS, (container, podSpec) => {
        const podNonRoot = nonRootStatus(podSecurityField(podSpec, 'runAsNonRoot'));
        const podUser = userStatus(podSecurityField(podSpec, 'runAsUser'), 1);
        const ownNonRootField = containerSecurityField(container, 'runAsNonRoot');
        const ownUserField = containerSecurityField(container, 'runAsUser');
        const ownNonRoot = nonRootStatus(ownNonRootField);
        const ownUser = userStatus(ownUserField, 1);
        if ([podNonRoot, podUser, ownNonRoot, ownUser].includes('unknown')) return UNKNOWN_RESULT;
        let failed: boolean;
        if (podNonRoot === 'passed') failed = ownNonRoot === 'failed' && ownUser !== 'passed';
        else if (podUser === 'passed') failed = ownUser === 'failed';
        else failed = ownNonRoot !== 'passed' && ownUser !== 'passed';
        if (!failed) return PASS;
        const path =
          ownUser === 'failed'
            ? ownUserField.path
            : ownNonRoot === 'failed'
              ? ownNonRootField.path
              : securityContextOrContainer(container);
        return fail(path, `container ${containerLabel(container)} may run as root`);
      });
    },
  },
  {
    id: 'ILM-K8S-012',
    title: 'Containers set runAsNonRoot to true',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Set securityContext.runAsNonRoot: true on the pod, or on every container.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(12) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        const podField = podSecurityField(podSpec, 'runAsNonRoot');
        if (podField.unknown) return UNKNOWN_RESULT;
        const pod = readBoolean(podField.value);
        if (pod === 'unknown') return UNKNOWN_RESULT;
        // Trivy lets a pod-level runAsNonRoot: true stand for every container.
        if (pod === true) return PASS;
        const own = containerSecurityField(container, 'runAsNonRoot');
        if (own.unknown) return UNKNOWN_RESULT;
        const value = readBoolean(own.value);
        if (value === 'unknown') return UNKNOWN_RESULT;
        if (value === true) return PASS;
        return fail(
          own.path ?? securityContextOrContainer(container),
          `container ${containerLabel(container)} does not set runAsNonRoot`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-013',
    title: 'Pod and containers do not set runAsUser to 0',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Remove runAsUser: 0 from the pod and container security contexts, or set a non-zero UID.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(105) }),
    check(object, context) {
      const judge = (field: SecurityField, where: string): CheckResult => {
        if (field.unknown) return UNKNOWN_RESULT;
        const user = readNumber(field.value);
        if (user === 'unknown') return UNKNOWN_RESULT;
        return user === 0 ? fail(field.path, `${where} runs as UID 0`) : PASS;
      };
      return [
        ...checkPodSpecs(object, context, (podSpec) =>
          judge(podSecurityField(podSpec, 'runAsUser'), 'the pod'),
        ),
        ...checkContainers(object, context, EVERY_CONTAINER, (container) =>
          judge(containerSecurityField(container, 'runAsUser'), `container ${containerLabel(container)}`),
        ),
      ];
    },
  },
  {
    id: 'ILM-K8S-014',
    title: 'Containers run with a UID of at least 10000',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Set runAsUser to 10000 or more in the pod securityContext (or on every container).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_40'] }),
    check(object, context) {
      return checkContainers(object, context, APP_CONTAINERS, (container, podSpec) => {
        const effective = effectiveSecurityField(container, podSpec, 'runAsUser');
        const status = userStatus(effective, 10000);
        if (status === 'unknown') return UNKNOWN_RESULT;
        if (status === 'passed') return PASS;
        return fail(
          effective.path ?? securityContextOrContainer(container),
          `container ${containerLabel(container)} runs with a UID below 10000`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-015',
    title: 'Containers run with a UID above 10000',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Set runAsUser to a value above 10000 in the pod securityContext (or on every container).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(20) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) =>
        effectiveIdAbove(container, podSpec, 'runAsUser', 10000),
      );
    },
  },
  {
    id: 'ILM-K8S-016',
    title: 'Containers run with a GID above 10000',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Set runAsGroup to a value above 10000 in the pod securityContext (or on every container).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(21) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) =>
        effectiveIdAbove(container, podSpec, 'runAsGroup', 10000),
      );
    },
  },
  {
    id: 'ILM-K8S-017',
    title: 'No root primary or supplementary group',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Do not set runAsGroup, fsGroup or supplementalGroups to 0.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(116) }),
    check(object, context) {
      const isZero = (field: SecurityField, where: string): CheckResult => {
        if (field.unknown) return UNKNOWN_RESULT;
        const id = readNumber(field.value);
        if (id === 'unknown') return UNKNOWN_RESULT;
        return id === 0 ? fail(field.path, `${where} uses group 0`) : PASS;
      };
      return [
        ...checkPodSpecs(object, context, (podSpec) => {
          const results = [
            isZero(podSecurityField(podSpec, 'runAsGroup'), 'the pod runAsGroup'),
            isZero(podSecurityField(podSpec, 'fsGroup'), 'the pod fsGroup'),
          ];
          const supplemental = podSecurityField(podSpec, 'supplementalGroups');
          const groups = supplemental.unknown ? 'unknown' : readList(supplemental.value);
          if (groups === 'unknown') results.push(UNKNOWN_RESULT);
          else
            groups?.forEach((group, index) => {
              const id = readNumber(group);
              if (id === 'unknown') results.push(UNKNOWN_RESULT);
              else if (id === 0)
                results.push(fail([...(supplemental.path ?? []), index], 'the pod has supplemental group 0'));
            });
          return results;
        }),
        ...checkContainers(object, context, EVERY_CONTAINER, (container) =>
          isZero(containerSecurityField(container, 'runAsGroup'), `container ${containerLabel(container)}`),
        ),
      ];
    },
  },
];
