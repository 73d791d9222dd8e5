// Pod and container security contexts: privileged mode, privilege escalation, read-only root file
// systems, empty contexts, /proc masks, SELinux options, sysctls and Windows HostProcess containers.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesRule } from '../../types.js';
import {
  isPlainObject,
  isTruthy,
  type PlainObject,
  readBoolean,
  readList,
  readObject,
  readString,
} from './manifest-values.js';
import {
  CONTAINERS_AND_INIT,
  checkContainers,
  checkPodSpecs,
  containerSecurityField,
  EVERY_CONTAINER,
  podSecurityField,
  type SecurityField,
} from './pod-workloads.js';
import {
  containerLabel,
  equivalents,
  keyOrParent,
  REFERENCES,
  securityContextOrContainer,
  trivyIds,
} from './rule-support.js';

/** Pod-level fields a container inherits (Trivy resolves them before judging the container). */
const INHERITED_FIELDS = [
  'runAsGroup',
  'runAsNonRoot',
  'runAsUser',
  'seLinuxOptions',
  'seccompProfile',
  'windowsOptions',
];

/** SELinux types the Pod Security Standards (and Trivy) accept. */
const ALLOWED_SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t']);

/** Sysctls the Pod Security Standards (baseline) call safe. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const SECURITY_CONTEXT_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-001',
    title: 'Container does not run in privileged mode',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Remove securityContext.privileged or set it to false on every container.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.securityContext],
    equivalents: equivalents({
      checkov: ['CKV_K8S_16'],
      trivy: trivyIds(17),
      kics: ['dd29336b-fe57-445b-a26e-e6aa867ae609'],
    }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const field = containerSecurityField(container, 'privileged');
        if (field.unknown) return UNKNOWN_RESULT;
        const privileged = readBoolean(field.value);
        if (privileged === 'unknown') return UNKNOWN_RESULT;
        return privileged === true
          ? fail(field.path, `container ${containerLabel(container)} is privileged`)
          : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-002',
    title: 'Container sets allowPrivilegeEscalation to false',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-269',
    resourceTypes: ['*'],
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container (the default is true).',
    references: [REFERENCES.podSecurityStandards, REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_20'], trivy: trivyIds(1) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const field = containerSecurityField(container, 'allowPrivilegeEscalation');
        if (field.unknown) return UNKNOWN_RESULT;
        const allowed = readBoolean(field.value);
        if (allowed === 'unknown') return UNKNOWN_RESULT;
        if (allowed === false) return PASS;
        return fail(
          field.path ?? securityContextOrContainer(container),
          `container ${containerLabel(container)} may escalate privileges`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-003',
    title: 'Container root file system is read-only',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-732',
    resourceTypes: ['*'],
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the container must write.',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_22'], trivy: trivyIds(14) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const field = containerSecurityField(container, 'readOnlyRootFilesystem');
        if (field.unknown) return UNKNOWN_RESULT;
        const readOnly = readBoolean(field.value);
        if (readOnly === 'unknown') return UNKNOWN_RESULT;
        if (readOnly === true) return PASS;
        return fail(
          field.path ?? securityContextOrContainer(container),
          `container ${containerLabel(container)} has a writable root file system`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-004',
    title: 'Pod defines a security context',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-1188',
    resourceTypes: ['*'],
    remediation: 'Set spec.securityContext on the pod (runAsNonRoot, runAsUser, fsGroup, seccompProfile).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_29'] }),
    check(object, context) {
      return checkPodSpecs(object, context, (podSpec) => {
        const securityContext = podSpec.spec.securityContext;
        if (readObject(securityContext) === 'unknown') return UNKNOWN_RESULT;
        if (isTruthy(securityContext)) return PASS;
        return fail(
          keyOrParent(podSpec.spec, podSpec.path, 'securityContext'),
          'the pod has no security context',
        );
      });
    },
  },
  {
    id: 'ILM-K8S-005',
    title: 'Container defines a security context',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-1188',
    resourceTypes: ['*'],
    remediation:
      'Set securityContext on every container (allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_30'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const securityContext = container.container.securityContext;
        if (readObject(securityContext) === 'unknown') return UNKNOWN_RESULT;
        if (isTruthy(securityContext)) return PASS;
        return fail(
          securityContextOrContainer(container),
          `container ${containerLabel(container)} has no security context`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-006',
    title: 'Security context is not left empty',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-1188',
    resourceTypes: ['*'],
    remediation:
      'Replace empty securityContext blocks with explicit settings (runAsNonRoot, capabilities, ...).',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(118) }),
    check(object, context) {
      const results: CheckResult[] = [];
      for (const podSpec of context.podSpecs(object)) {
        const podContext = podSpec.spec.securityContext;
        if (isPlainObject(podContext) && Object.keys(podContext).length === 0) {
          results.push(fail([...podSpec.path, 'securityContext'], 'the pod security context is empty'));
        }
      }
      results.push(
        ...checkContainers(object, context, CONTAINERS_AND_INIT, (container, podSpec) => {
          const own = container.container.securityContext;
          if (!isPlainObject(own) || Object.keys(own).length > 0) return PASS;
          const podContext = podSpec.spec.securityContext;
          if (readObject(podContext) === 'unknown') return UNKNOWN_RESULT;
          const inherits =
            isPlainObject(podContext) && INHERITED_FIELDS.some((field) => Object.hasOwn(podContext, field));
          return inherits
            ? PASS
            : fail(
                [...container.path, 'securityContext'],
                `container ${containerLabel(container)} has an empty security context`,
              );
        }),
      );
      return results;
    },
  },
  {
    id: 'ILM-K8S-007',
    title: 'Container keeps the default /proc mount',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation:
      'Remove securityContext.procMount (or set it to Default); Unmasked exposes host /proc paths.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(27) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const field = containerSecurityField(container, 'procMount');
        if (field.unknown) return UNKNOWN_RESULT;
        const procMount = readString(field.value);
        if (procMount === 'unknown') return UNKNOWN_RESULT;
        return procMount === undefined || procMount === 'Default'
          ? PASS
          : fail(field.path, `container ${containerLabel(container)} sets procMount ${procMount}`);
      });
    },
  },
  {
    id: 'ILM-K8S-008',
    title: 'No custom SELinux user, role or type',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation:
      'Do not set seLinuxOptions.user or role, and keep seLinuxOptions.type to container_t, container_init_t or container_kvm_t.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(25) }),
    check(object, context) {
      const judge = (field: SecurityField, where: string) => {
        if (field.unknown) return [UNKNOWN_RESULT];
        const options = readObject(field.value);
        if (options === 'unknown') return [UNKNOWN_RESULT];
        if (options === undefined || field.path === undefined) return [PASS];
        const results: CheckResult[] = [];
        const type = readString(options.type);
        if (type === 'unknown') results.push(UNKNOWN_RESULT);
        else if (type !== undefined && type !== '' && !ALLOWED_SELINUX_TYPES.has(type)) {
          results.push(fail([...field.path, 'type'], `${where} uses SELinux type ${type}`));
        }
        for (const key of ['user', 'role']) {
          if (Object.hasOwn(options, key))
            results.push(fail([...field.path, key], `${where} sets seLinuxOptions.${key}`));
        }
        return results.length > 0 ? results : [PASS];
      };
      const results: CheckResult[] = [];
      for (const podSpec of context.podSpecs(object)) {
        results.push(...judge(podSecurityField(podSpec, 'seLinuxOptions'), 'the pod'));
      }
      results.push(
        ...checkContainers(object, context, EVERY_CONTAINER, (container) => {
          const outcome = judge(
            containerSecurityField(container, 'seLinuxOptions'),
            `container ${containerLabel(container)}`,
          );
          return outcome.find((result) => result.status === 'fail') ?? outcome[0] ?? PASS;
        }),
      );
      return results;
    },
  },
  {
    id: 'ILM-K8S-009',
    title: 'Pod sets only safe sysctls',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation:
      'Remove sysctls outside the Pod Security Standards safe set from spec.securityContext.sysctls.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.sysctls],
    equivalents: equivalents({ trivy: trivyIds(26) }),
    check(object, context) {
      return checkPodSpecs(object, context, (podSpec) => {
        const field = podSecurityField(podSpec, 'sysctls');
        if (field.unknown) return UNKNOWN_RESULT;
        const sysctls = readList(field.value);
        if (sysctls === 'unknown') return UNKNOWN_RESULT;
        if (sysctls === undefined || field.path === undefined) return PASS;
        const results: CheckResult[] = [];
        sysctls.forEach((sysctl, index) => {
          const name = readString(isPlainObject(sysctl) ? (sysctl as PlainObject).name : undefined);
          if (name === 'unknown') results.push(UNKNOWN_RESULT);
          else if (name !== undefined && !SAFE_SYSCTLS.has(name)) {
            results.push(
              fail([...(field.path ?? []), index, 'name'], `the pod sets the unsafe sysctl ${name}`),
            );
          }
        });
        return results.length > 0 ? results : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-010',
    title: 'No Windows HostProcess containers',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation:
      'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its containers.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.windowsHostProcess],
    equivalents: equivalents({ trivy: trivyIds(103) }),
    check(object, context) {
      const judge = (field: SecurityField, where: string) => {
        if (field.unknown) return UNKNOWN_RESULT;
        const options = readObject(field.value);
        if (options === 'unknown') return UNKNOWN_RESULT;
        if (options === undefined || field.path === undefined) return PASS;
        const hostProcess = readBoolean(options.hostProcess);
        if (hostProcess === 'unknown') return UNKNOWN_RESULT;
        return hostProcess === true
          ? fail([...field.path, 'hostProcess'], `${where} runs as a HostProcess`)
          : PASS;
      };
      const results: CheckResult[] = context
        .podSpecs(object)
        .map((podSpec) => judge(podSecurityField(podSpec, 'windowsOptions'), 'the pod'));
      results.push(
        ...checkContainers(object, context, EVERY_CONTAINER, (container) =>
          judge(
            containerSecurityField(container, 'windowsOptions'),
            `container ${containerLabel(container)}`,
          ),
        ),
      );
      return results;
    },
  },
];
