// Service account tokens: whether pods mount them, whether the namespace's default service account
// hands one out, and whether anything is bound to that default account.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesRule } from '../../types.js';
import { isPlainObject, readBoolean, readList, readString, valueAt } from './manifest-values.js';
import { checkPodSpecs, containersOf, EVERY_CONTAINER } from './pod-workloads.js';
import { equivalents, keyOrParent, REFERENCES } from './rule-support.js';

const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export const SERVICE_ACCOUNT_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-050',
    title: 'Pod disables service account token automount',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-522',
    resourceTypes: ['*'],
    remediation: 'Set spec.automountServiceAccountToken: false unless the pod calls the Kubernetes API.',
    references: [REFERENCES.serviceAccounts],
    equivalents: equivalents({ checkov: ['CKV_K8S_38'] }),
    check(object, context) {
      return checkPodSpecs(object, context, (podSpec) => {
        const automount = readBoolean(podSpec.spec.automountServiceAccountToken);
        if (automount === 'unknown') return UNKNOWN_RESULT;
        return automount === false
          ? PASS
          : fail(
              keyOrParent(podSpec.spec, podSpec.path, 'automountServiceAccountToken'),
              'the pod mounts a service account token',
            );
      });
    },
  },
  {
    id: 'ILM-K8S-051',
    title: 'Pod does not explicitly mount a service account token',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-522',
    resourceTypes: ['*'],
    remediation: `Set automountServiceAccountToken: false and do not mount ${TOKEN_MOUNT_PATH} by hand.`,
    references: [REFERENCES.serviceAccounts],
    equivalents: equivalents({ trivy: ['AVD-KSV-0036', 'KSV036'] }),
    check(object, context) {
      return checkPodSpecs(object, context, (podSpec) => {
        const automount = readBoolean(podSpec.spec.automountServiceAccountToken);
        if (automount === 'unknown') return UNKNOWN_RESULT;
        if (automount === true) {
          return fail([...podSpec.path, 'automountServiceAccountToken'], 'the pod turns token automount on');
        }
        if (automount === false) return PASS;
        const results: CheckResult[] = [];
        for (const container of containersOf(object, context, podSpec, EVERY_CONTAINER)) {
          const mounts = readList(container.container.volumeMounts);
          if (mounts === 'unknown') {
            results.push(UNKNOWN_RESULT);
            continue;
          }
          (mounts ?? []).forEach((mount, index) => {
            const path = readString(isPlainObject(mount) ? mount.mountPath : undefined);
            if (path === 'unknown') results.push(UNKNOWN_RESULT);
            else if (path?.replace(/\/+$/, '') === TOKEN_MOUNT_PATH) {
              results.push(
                fail(
                  [...container.path, 'volumeMounts', index, 'mountPath'],
                  'a container mounts the token path',
                ),
              );
            }
          });
        }
        return results.length > 0 ? results : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-052',
    title: 'Default service account does not automount its token',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-522',
    resourceTypes: ['ServiceAccount'],
    remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount of every namespace.',
    references: [REFERENCES.serviceAccounts, REFERENCES.rbacGoodPractices],
    equivalents: equivalents({ checkov: ['CKV_K8S_41'] }),
    check(object) {
      const name = readString(valueAt(object.object, ['metadata', 'name']));
      if (name === 'unknown') return UNKNOWN_RESULT;
      if (name !== 'default') return PASS;
      const automount = readBoolean(object.object.automountServiceAccountToken);
      if (automount === 'unknown') return UNKNOWN_RESULT;
      return automount === false
        ? PASS
        : fail(
            keyOrParent(object.object, [], 'automountServiceAccountToken'),
            'the default service account mounts tokens',
          );
    },
  },
  {
    id: 'ILM-K8S-053',
    title: 'No role is bound to a default service account',
    severity: 'MEDIUM',
    category: 'rbac',
    cwe: 'CWE-284',
    resourceTypes: ['RoleBinding', 'ClusterRoleBinding'],
    remediation: 'Bind roles to a dedicated ServiceAccount, never to "default".',
    references: [REFERENCES.serviceAccounts, REFERENCES.rbacGoodPractices],
    equivalents: equivalents({ checkov: ['CKV_K8S_42'] }),
    check(object) {
      const subjects = readList(object.object.subjects);
      if (subjects === 'unknown') return UNKNOWN_RESULT;
      const results: CheckResult[] = [];
      (subjects ?? []).forEach((subject, index) => {
        if (!isPlainObject(subject)) return;
        const kind = readString(subject.kind);
        const name = readString(subject.name);
        if (kind === 'unknown' || name === 'unknown') results.push(UNKNOWN_RESULT);
        else if (kind === 'ServiceAccount' && name === 'default') {
          results.push(fail(['subjects', index], 'the binding grants a role to the default service account'));
        }
      });
      return results.length > 0 ? results : PASS;
    },
  },
];
