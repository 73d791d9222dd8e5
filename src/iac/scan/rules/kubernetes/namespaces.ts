// Where objects live: not the default namespace, and user workloads not in kube-system.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { KubernetesRule } from '../../types.js';
import { hasKey, readObject, readString, valueAt } from './manifest-values.js';
import { equivalents, REFERENCES, trivyIds } from './rule-support.js';

/** Control-plane components kubeadm runs as static pods in kube-system. */
const CORE_COMPONENTS = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

/** The explicit metadata.namespace: a string, 'unknown' when templated, undefined when absent. */
function explicitNamespace(object: Record<string, unknown>): string | 'unknown' | undefined {
  return readString(valueAt(object, ['metadata', 'namespace']));
}

export const NAMESPACE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-054',
    title: 'Object is not in the default namespace',
    severity: 'LOW',
    category: 'general',
    cwe: 'CWE-1220',
    resourceTypes: [
      'Pod',
      'Deployment',
      'DaemonSet',
      'StatefulSet',
      'ReplicaSet',
      'ReplicationController',
      'Job',
      'CronJob',
      'Service',
      'Secret',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'ConfigMap',
      'Ingress',
      'InferenceService',
      'SeldonDeployment',
    ],
    remediation:
      'Set metadata.namespace to a dedicated namespace with its own RBAC, quotas and network policies.',
    references: [REFERENCES.namespaces],
    equivalents: equivalents({
      checkov: ['CKV_K8S_21'],
      trivy: trivyIds(110),
      kics: ['611ab018-c4aa-4ba2-b0f6-a448337509a6'],
    }),
    check(object) {
      const metadata = readObject(object.object.metadata);
      if (metadata === 'unknown') return UNKNOWN_RESULT;
      const namespace = explicitNamespace(object.object);
      if (namespace === 'unknown') return UNKNOWN_RESULT;
      if (namespace !== undefined && namespace !== 'default') return PASS;
      // Checkov leaves the objects Kubernetes itself puts in "default" alone.
      const name = readString(metadata?.name);
      if (object.kind === 'ServiceAccount' && name === 'default') return PASS;
      if (object.kind === 'Service' && name === 'kubernetes') return PASS;
      const path = hasKey(metadata, 'namespace') ? ['metadata', 'namespace'] : metadata ? ['metadata'] : [];
      return fail(path, `${object.kind} ${object.name} is in the default namespace`);
    },
  },
  {
    id: 'ILM-K8S-055',
    title: 'User workloads are not placed in kube-system',
    severity: 'MEDIUM',
    category: 'general',
    cwe: 'CWE-1220',
    resourceTypes: ['*'],
    remediation: 'Deploy the workload to its own namespace; kube-system is for control-plane components.',
    references: [REFERENCES.namespaces],
    equivalents: equivalents({ trivy: trivyIds(37) }),
    check(object, context) {
      const namespace = explicitNamespace(object.object);
      if (namespace === 'unknown') return UNKNOWN_RESULT;
      if (namespace !== 'kube-system') return PASS;
      const labels = readObject(valueAt(object.object, ['metadata', 'labels']));
      const priorityClass = context.podSpecs(object)[0]?.spec.priorityClassName;
      const core =
        labels !== 'unknown' &&
        labels?.tier === 'control-plane' &&
        priorityClass === 'system-node-critical' &&
        typeof labels.component === 'string' &&
        CORE_COMPONENTS.has(labels.component);
      return core
        ? PASS
        : fail(['metadata', 'namespace'], `${object.kind} ${object.name} runs in kube-system`);
    },
  },
];
