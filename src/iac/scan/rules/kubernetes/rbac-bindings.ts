// Role bindings that hand out too much: cluster-admin, and any role bound to anonymous users or to
// the system:masters group.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesObjectView, KubernetesRule } from '../../types.js';
import { isPlainObject, readList, readString, valueAt } from './manifest-values.js';
import { equivalents, REFERENCES } from './rule-support.js';

const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

/** Fail each subject whose name is one of the names given. */
function failSubjectsNamed(
  object: KubernetesObjectView,
  names: readonly string[],
  message: string,
): CheckResult[] {
  const subjects = readList(object.object.subjects);
  if (subjects === 'unknown') return [UNKNOWN_RESULT];
  const results: CheckResult[] = [];
  (subjects ?? []).forEach((subject, index) => {
    if (!isPlainObject(subject)) return;
    const name = readString(subject.name);
    if (name === 'unknown') results.push(UNKNOWN_RESULT);
    else if (name !== undefined && names.includes(name))
      results.push(fail(['subjects', index, 'name'], `${message} (${name})`));
  });
  return results.length > 0 ? results : [PASS];
}

export const RBAC_BINDING_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-079',
    title: 'ClusterRoleBinding does not grant cluster-admin',
    severity: 'MEDIUM',
    category: 'rbac',
    cwe: 'CWE-269',
    resourceTypes: ['ClusterRoleBinding'],
    remediation: 'Bind a role with only the permissions needed; keep cluster-admin for break-glass accounts.',
    references: [REFERENCES.rbac, REFERENCES.rbacGoodPractices],
    equivalents: equivalents({ kics: ['249328b8-5f0f-409f-b1dd-029f07882e11'] }),
    check(object) {
      const role = readString(valueAt(object.object, ['roleRef', 'name']));
      if (role === 'unknown') return UNKNOWN_RESULT;
      return role === 'cluster-admin' ? fail(['roleRef', 'name'], 'the binding grants cluster-admin') : PASS;
    },
  },
  {
    id: 'ILM-K8S-080',
    title: 'No role is bound to anonymous or unauthenticated users',
    severity: 'CRITICAL',
    category: 'rbac',
    cwe: 'CWE-306',
    resourceTypes: BINDING_KINDS,
    remediation: 'Remove system:anonymous and system:unauthenticated from the binding subjects.',
    references: [REFERENCES.rbac, REFERENCES.rbacGoodPractices],
    equivalents: equivalents({}),
    check(object) {
      return failSubjectsNamed(
        object,
        ['system:anonymous', 'system:unauthenticated'],
        'the binding grants a role to unauthenticated users',
      );
    },
  },
  {
    id: 'ILM-K8S-081',
    title: 'No role is bound to the system:masters group',
    severity: 'CRITICAL',
    category: 'rbac',
    cwe: 'CWE-269',
    resourceTypes: BINDING_KINDS,
    remediation: 'Remove system:masters from the binding subjects; its members bypass RBAC entirely.',
    references: [REFERENCES.rbac, REFERENCES.rbacGoodPractices],
    equivalents: equivalents({}),
    check(object) {
      return failSubjectsNamed(object, ['system:masters'], 'the binding targets system:masters');
    },
  },
];
