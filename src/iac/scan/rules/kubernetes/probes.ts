// Liveness and readiness probes on long-running workloads (Jobs and CronJobs run to completion and
// KServe/Seldon inject their own probes, so they are out of scope).

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { KubernetesRule } from '../../types.js';
import { isTruthy, readObject } from './manifest-values.js';
import { APP_CONTAINERS, checkContainers, SERVICE_WORKLOAD_KINDS } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES } from './rule-support.js';

/** A rule body: every app container must define the probe. */
function requiresProbe(probe: 'livenessProbe' | 'readinessProbe'): KubernetesRule['check'] {
  return (object, context) =>
    checkContainers(object, context, APP_CONTAINERS, (container) => {
      const value = container.container[probe];
      if (readObject(value) === 'unknown') return UNKNOWN_RESULT;
      return isTruthy(value)
        ? PASS
        : fail(container.path, `container ${containerLabel(container)} has no ${probe}`);
    });
}

export const PROBE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-047',
    title: 'Containers define a liveness probe',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-754',
    resourceTypes: SERVICE_WORKLOAD_KINDS,
    remediation: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to every container.',
    references: [REFERENCES.probes],
    equivalents: equivalents({ checkov: ['CKV_K8S_8'] }),
    check: requiresProbe('livenessProbe'),
  },
  {
    id: 'ILM-K8S-048',
    title: 'Containers define a readiness probe',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-754',
    resourceTypes: SERVICE_WORKLOAD_KINDS,
    remediation: 'Add a readinessProbe to every container so traffic only reaches ready pods.',
    references: [REFERENCES.probes],
    equivalents: equivalents({ checkov: ['CKV_K8S_9'] }),
    check: requiresProbe('readinessProbe'),
  },
];
