// Secrets handed to containers as environment variables (env[].valueFrom.secretKeyRef and
// envFrom[].secretRef) instead of mounted files.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { KubernetesRule } from '../../types.js';
import { hasKey, isPlainObject, readList } from './manifest-values.js';
import { checkContainers, EVERY_CONTAINER } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES } from './rule-support.js';

export const SECRET_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-049',
    title: 'Secrets are mounted as files, not exposed as environment variables',
    severity: 'LOW',
    category: 'secrets',
    cwe: 'CWE-526',
    resourceTypes: ['*'],
    remediation:
      'Mount the Secret as a volume and read it from a file instead of env valueFrom.secretKeyRef or envFrom.secretRef.',
    references: [REFERENCES.secrets],
    equivalents: equivalents({ checkov: ['CKV_K8S_35'], kics: ['3d658f8b-d988-41a0-a841-40043121de1e'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const env = readList(container.container.env);
        const envFrom = readList(container.container.envFrom);
        for (const [index, variable] of (env === 'unknown' ? [] : (env ?? [])).entries()) {
          const valueFrom = isPlainObject(variable) ? variable.valueFrom : undefined;
          if (hasKey(valueFrom, 'secretKeyRef')) {
            return fail(
              [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'],
              `container ${containerLabel(container)} reads a secret into ${String((variable as { name?: unknown }).name)}`,
            );
          }
        }
        for (const [index, source] of (envFrom === 'unknown' ? [] : (envFrom ?? [])).entries()) {
          if (hasKey(source, 'secretRef')) {
            return fail(
              [...container.path, 'envFrom', index, 'secretRef'],
              `container ${containerLabel(container)} loads a whole secret into its environment`,
            );
          }
        }
        return env === 'unknown' || envFrom === 'unknown' ? UNKNOWN_RESULT : PASS;
      });
    },
  },
];
