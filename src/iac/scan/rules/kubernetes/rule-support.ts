// Small pieces every Kubernetes rule file shares: equivalent-id builders, container labels, the
// reference links, and the "point at the closest existing block" rule for missing attributes.

import type { ContainerView, Equivalents } from '../../types.js';
import { hasKey, type ObjectPath } from './manifest-values.js';

/** Trivy's ids for a KSV check: the AVD id and the short id (AVD-KSV-0017 and KSV017). */
export function trivyIds(...numbers: number[]): string[] {
  return numbers.flatMap((number) => [
    `AVD-KSV-${String(number).padStart(4, '0')}`,
    `KSV${String(number).padStart(3, '0')}`,
  ]);
}

/** Equivalents with empty lists filled in. */
export function equivalents(ids: Partial<Equivalents>): Equivalents {
  return { checkov: ids.checkov ?? [], trivy: ids.trivy ?? [], kics: ids.kics ?? [] };
}

/** How a message names a container: its name, else where it is. */
export function containerLabel(container: ContainerView): string {
  const name = container.container.name;
  return typeof name === 'string' && name !== '' ? `'${name}'` : container.path.join('.');
}

/** The container's securityContext path when it has one, else the container itself. */
export function securityContextOrContainer(container: ContainerView): ObjectPath {
  return hasKey(container.container, 'securityContext')
    ? [...container.path, 'securityContext']
    : [...container.path];
}

/** The path of a key when the object has it, else the object's own path. */
export function keyOrParent(object: unknown, parentPath: ObjectPath, key: string): ObjectPath {
  return hasKey(object, key) ? [...parentPath, key] : [...parentPath];
}

export const REFERENCES = {
  podSecurityStandards: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  securityContext: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  resources: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  images: 'https://kubernetes.io/docs/concepts/containers/images/',
  probes:
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  secrets: 'https://kubernetes.io/docs/concepts/configuration/secret/',
  serviceAccounts: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  rbacGoodPractices: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  rbac: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
  services: 'https://kubernetes.io/docs/concepts/services-networking/service/',
  ingressTls: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  seccomp: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  apparmor: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
  hostPath: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  sysctls: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
  namespaces: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
  configurationOverview: 'https://kubernetes.io/docs/concepts/configuration/overview/',
  tiller: 'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  dashboard: 'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
  windowsHostProcess: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
} as const;
