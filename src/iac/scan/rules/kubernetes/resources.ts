// CPU and memory requests and limits on every container.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { KubernetesRule } from '../../types.js';
import { hasKey, readObject } from './manifest-values.js';
import { checkContainers, EVERY_CONTAINER } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES, trivyIds } from './rule-support.js';

/** A rule body: each container must set resources.<group>.<resource> to a non-empty value. */
function requiresResource(group: 'requests' | 'limits', resource: 'cpu' | 'memory'): KubernetesRule['check'] {
  return (object, context) =>
    checkContainers(object, context, EVERY_CONTAINER, (container) => {
      const resources = readObject(container.container.resources);
      if (resources === 'unknown') return UNKNOWN_RESULT;
      const values = readObject(resources?.[group]);
      if (values === 'unknown') return UNKNOWN_RESULT;
      const value = values?.[resource];
      if (value !== undefined && value !== null && value !== '') return PASS;
      const path = values
        ? [...container.path, 'resources', group]
        : hasKey(container.container, 'resources')
          ? [...container.path, 'resources']
          : container.path;
      return fail(
        path,
        `container ${containerLabel(container)} sets no ${resource} ${group === 'requests' ? 'request' : 'limit'}`,
      );
    });
}

export const RESOURCE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-040',
    title: 'Containers set CPU requests',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-770',
    resourceTypes: ['*'],
    remediation: 'Set resources.requests.cpu on every container.',
    references: [REFERENCES.resources],
    equivalents: equivalents({
      checkov: ['CKV_K8S_10'],
      trivy: trivyIds(15),
      kics: ['ca469dd4-c736-448f-8ac1-30a642705e0a'],
    }),
    check: requiresResource('requests', 'cpu'),
  },
  {
    id: 'ILM-K8S-041',
    title: 'Containers set CPU limits',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-770',
    resourceTypes: ['*'],
    remediation: 'Set resources.limits.cpu on every container.',
    references: [REFERENCES.resources],
    equivalents: equivalents({
      checkov: ['CKV_K8S_11'],
      trivy: trivyIds(11),
      kics: ['4ac0e2b7-d2d2-4af7-8799-e8de6721ccda'],
    }),
    check: requiresResource('limits', 'cpu'),
  },
  {
    id: 'ILM-K8S-042',
    title: 'Containers set memory requests',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-770',
    resourceTypes: ['*'],
    remediation: 'Set resources.requests.memory on every container.',
    references: [REFERENCES.resources],
    equivalents: equivalents({ checkov: ['CKV_K8S_12'], trivy: trivyIds(16) }),
    check: requiresResource('requests', 'memory'),
  },
  {
    id: 'ILM-K8S-043',
    title: 'Containers set memory limits',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-770',
    resourceTypes: ['*'],
    remediation: 'Set resources.limits.memory on every container.',
    references: [REFERENCES.resources],
    equivalents: equivalents({ checkov: ['CKV_K8S_13'], trivy: trivyIds(18) }),
    check: requiresResource('limits', 'memory'),
  },
];
