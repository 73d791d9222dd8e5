// Sharing the node's namespaces and ports: hostPID, hostIPC, hostNetwork, hostPort, and container
// ports in the privileged range.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesRule } from '../../types.js';
import { hasKey, readBoolean, readList, readNumber } from './manifest-values.js';
import { checkContainers, checkPodSpecs, EVERY_CONTAINER } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES, trivyIds } from './rule-support.js';

/** A rule body: fail each pod spec that sets a boolean host-namespace field to true. */
function hostFlag(field: 'hostPID' | 'hostIPC' | 'hostNetwork', what: string): KubernetesRule['check'] {
  return (object, context) =>
    checkPodSpecs(object, context, (podSpec) => {
      const value = readBoolean(podSpec.spec[field]);
      if (value === 'unknown') return UNKNOWN_RESULT;
      return value === true ? fail([...podSpec.path, field], `the pod shares the host ${what}`) : PASS;
    });
}

export const HOST_NAMESPACE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-031',
    title: 'Pod does not share the host PID namespace',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation: 'Remove spec.hostPID or set it to false.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({
      checkov: ['CKV_K8S_17'],
      trivy: trivyIds(10),
      kics: ['302736f4-b16c-41b8-befe-c0baffa0bd9d'],
    }),
    check: hostFlag('hostPID', 'process ID namespace'),
  },
  {
    id: 'ILM-K8S-032',
    title: 'Pod does not share the host IPC namespace',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation: 'Remove spec.hostIPC or set it to false.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({
      checkov: ['CKV_K8S_18'],
      trivy: trivyIds(8),
      kics: ['cd290efd-6c82-4e9d-a698-be12ae31d536'],
    }),
    check: hostFlag('hostIPC', 'IPC namespace'),
  },
  {
    id: 'ILM-K8S-033',
    title: 'Pod does not share the host network namespace',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation: 'Remove spec.hostNetwork or set it to false; expose the workload through a Service instead.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({
      checkov: ['CKV_K8S_19'],
      trivy: trivyIds(9),
      kics: ['6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a'],
    }),
    check: hostFlag('hostNetwork', 'network namespace'),
  },
  {
    id: 'ILM-K8S-034',
    title: 'Containers do not bind host ports',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation: 'Remove ports[].hostPort; expose the container through a Service.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.configurationOverview],
    equivalents: equivalents({ checkov: ['CKV_K8S_26'], trivy: trivyIds(24) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const ports = readList(container.container.ports);
        if (ports === 'unknown') return UNKNOWN_RESULT;
        const index = (ports ?? []).findIndex((port) => hasKey(port, 'hostPort'));
        return index >= 0
          ? fail(
              [...container.path, 'ports', index, 'hostPort'],
              `container ${containerLabel(container)} binds a host port`,
            )
          : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-035',
    title: 'Containers do not listen on privileged ports (below 1024)',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Have the process listen on a port of 1024 or above and map the Service port to it.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(117) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const ports = readList(container.container.ports);
        if (ports === 'unknown') return UNKNOWN_RESULT;
        let result: CheckResult = PASS;
        for (const [index, port] of (ports ?? []).entries()) {
          const number = readNumber(
            hasKey(port, 'containerPort') ? (port as { containerPort: unknown }).containerPort : undefined,
          );
          if (number === 'unknown') result = UNKNOWN_RESULT;
          else if (number !== undefined && number < 1024) {
            return fail(
              [...container.path, 'ports', index, 'containerPort'],
              `container ${containerLabel(container)} listens on privileged port ${number}`,
            );
          }
        }
        return result;
      });
    },
  },
];
