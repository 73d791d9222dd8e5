// Pod volumes that reach outside the pod: hostPath mounts (any, the container runtime socket,
// sensitive host directories) and volume types outside the Pod Security Standards core set.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesRule, PodSpecView } from '../../types.js';
import { hasKey, isPlainObject, readList, readObject, readString } from './manifest-values.js';
import { checkPodSpecs } from './pod-workloads.js';
import { equivalents, REFERENCES, trivyIds } from './rule-support.js';

const DOCKER_SOCKET = '/var/run/docker.sock';

/** Host directories Trivy (KSV121) forbids as hostPath sources. */
const SENSITIVE_HOST_PATHS = new Set([
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/var/lib/docker',
]);

/** Volume types the restricted Pod Security Standard disallows (hostPath has its own rule). */
const NON_CORE_VOLUME_TYPES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephFS',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/** A rule body: judge each volume of each pod spec; unknown when the volume list is templated. */
function eachVolume(
  judge: (volume: Record<string, unknown>, path: (string | number)[], podSpec: PodSpecView) => CheckResult,
): KubernetesRule['check'] {
  return (object, context) =>
    checkPodSpecs(object, context, (podSpec) => {
      const volumes = readList(podSpec.spec.volumes);
      if (volumes === 'unknown') return UNKNOWN_RESULT;
      const results = (volumes ?? []).map((volume, index) =>
        isPlainObject(volume) ? judge(volume, [...podSpec.path, 'volumes', index], podSpec) : PASS,
      );
      return results.length > 0 ? results : PASS;
    });
}

/** The hostPath.path of a volume; 'unknown' when templated. */
function hostPathOf(volume: Record<string, unknown>): string | 'unknown' | undefined {
  const hostPath = readObject(volume.hostPath);
  if (hostPath === 'unknown') return 'unknown';
  return readString(hostPath?.path);
}

/** A hostPath path without trailing slashes ('/etc/' is '/etc'). */
function normalisedPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export const VOLUME_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-036',
    title: 'Pod mounts no hostPath volumes',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation:
      'Replace hostPath volumes with emptyDir, ConfigMap, Secret or PersistentVolumeClaim volumes.',
    references: [REFERENCES.podSecurityStandards, REFERENCES.hostPath],
    equivalents: equivalents({ trivy: trivyIds(23) }),
    check: eachVolume((volume, path) =>
      hasKey(volume, 'hostPath')
        ? fail([...path, 'hostPath'], `volume ${String(volume.name)} mounts a host path`)
        : PASS,
    ),
  },
  {
    id: 'ILM-K8S-037',
    title: 'Pod does not mount the Docker socket',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation: `Remove the hostPath volume for ${DOCKER_SOCKET}; it gives root on the node.`,
    references: [REFERENCES.hostPath],
    equivalents: equivalents({
      checkov: ['CKV_K8S_27'],
      trivy: trivyIds(6),
      kics: ['a6f34658-fdfb-4154-9536-56d516f65828'],
    }),
    check: eachVolume((volume, path) => {
      const hostPath = hostPathOf(volume);
      if (hostPath === 'unknown') return UNKNOWN_RESULT;
      return hostPath === DOCKER_SOCKET
        ? fail([...path, 'hostPath', 'path'], 'the pod mounts the Docker socket')
        : PASS;
    }),
  },
  {
    id: 'ILM-K8S-038',
    title: 'Pod does not mount sensitive host directories',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation:
      'Do not mount /, /boot, /dev, /etc, /lib, /proc, /sys, /usr or /var/lib/docker from the host.',
    references: [REFERENCES.hostPath, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(121) }),
    check: eachVolume((volume, path) => {
      const hostPath = hostPathOf(volume);
      if (hostPath === 'unknown') return UNKNOWN_RESULT;
      return hostPath !== undefined && SENSITIVE_HOST_PATHS.has(normalisedPath(hostPath))
        ? fail([...path, 'hostPath', 'path'], `the pod mounts the host directory ${hostPath}`)
        : PASS;
    }),
  },
  {
    id: 'ILM-K8S-039',
    title: 'Pod uses only core volume types',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-668',
    resourceTypes: ['*'],
    remediation:
      'Use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes.',
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(28) }),
    check: eachVolume((volume, path) => {
      const type = NON_CORE_VOLUME_TYPES.find((name) => hasKey(volume, name));
      return type
        ? fail([...path, type], `volume ${String(volume.name)} uses the ${type} volume type`)
        : PASS;
    }),
  },
];
