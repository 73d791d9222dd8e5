// Components that should not be deployed at all: Helm v2's Tiller (its Deployment, its listener and
// its Service) and the Kubernetes dashboard.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { ContainerView, KubernetesObjectView, KubernetesRule, PodSpecView } from '../../types.js';
import {
  isPlainObject,
  type ObjectPath,
  readObject,
  readString,
  readStrings,
  valueAt,
} from './manifest-values.js';
import { checkContainers, EVERY_CONTAINER, labelsOf, podMetadata, podMetadataPath } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES, trivyIds } from './rule-support.js';

/** Labels that mark Tiller (Checkov and Trivy): app=helm or name=tiller. */
function tillerLabel(labels: unknown): 'app' | 'name' | undefined {
  if (!isPlainObject(labels)) return undefined;
  if (labels.app === 'helm') return 'app';
  if (labels.name === 'tiller') return 'name';
  return undefined;
}

/** The image of a container as text ('' when missing or templated). */
function imageText(container: ContainerView): string {
  const image = readString(container.container.image);
  return image === undefined || image === 'unknown' ? '' : image;
}

/** Where a container is marked as Tiller: its image, or the labels of its pod template. */
function tillerMark(
  object: KubernetesObjectView,
  container: ContainerView,
  podSpec: PodSpecView,
): ObjectPath | undefined {
  if (imageText(container).includes('tiller')) return [...container.path, 'image'];
  const label = tillerLabel(labelsOf(podMetadata(object, podSpec)));
  return label ? [...podMetadataPath(podSpec), 'labels', label] : undefined;
}

export const LEGACY_COMPONENT_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-056',
    title: 'Tiller (Helm v2) is not deployed',
    severity: 'CRITICAL',
    category: 'access-control',
    cwe: 'CWE-306',
    resourceTypes: ['*'],
    remediation: 'Remove Tiller and migrate to Helm 3, which has no in-cluster component.',
    references: [REFERENCES.tiller],
    equivalents: equivalents({ checkov: ['CKV_K8S_34'], trivy: trivyIds(102) }),
    check(object, context) {
      const metadata = readObject(object.object.metadata);
      if (metadata !== 'unknown' && metadata) {
        const name = readString(metadata.name);
        if (typeof name === 'string' && name.includes('tiller'))
          return fail(['metadata', 'name'], `${object.name} is Tiller`);
        const label = tillerLabel(metadata.labels);
        if (label) return fail(['metadata', 'labels', label], `${object.name} is labelled as Tiller`);
      }
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        const mark = tillerMark(object, container, podSpec);
        return mark ? fail(mark, `container ${containerLabel(container)} runs Tiller`) : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-057',
    title: 'Tiller only listens on localhost',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-306',
    resourceTypes: ['*'],
    remediation: 'Run Tiller with --listen=localhost:44134 (or remove it and move to Helm 3).',
    references: [REFERENCES.tiller],
    equivalents: equivalents({ checkov: ['CKV_K8S_45'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        if (!tillerMark(object, container, podSpec)) return PASS;
        const args = readStrings(container.container.args);
        if (args === 'unknown') return UNKNOWN_RESULT;
        const local = (args ?? []).some(
          (argument) =>
            argument.includes('--listen') &&
            (argument.includes('localhost') || argument.includes('127.0.0.1')),
        );
        return local
          ? PASS
          : fail(
              container.container.args === undefined ? container.path : [...container.path, 'args'],
              `Tiller container ${containerLabel(container)} listens on every interface`,
            );
      });
    },
  },
  {
    id: 'ILM-K8S-058',
    title: 'No Service exposes Tiller',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-306',
    resourceTypes: ['Service'],
    remediation: 'Delete the Tiller Service (tiller-deploy) so Tiller is not reachable from the cluster.',
    references: [REFERENCES.tiller],
    equivalents: equivalents({ checkov: ['CKV_K8S_44'] }),
    check(object) {
      const mentionsTiller = (value: unknown) => String(value).toLowerCase().includes('tiller');
      const name = valueAt(object.object, ['metadata', 'name']);
      if (name !== undefined && mentionsTiller(name))
        return fail(['metadata', 'name'], 'the Service is named after Tiller');
      for (const [group, path] of [
        [valueAt(object.object, ['metadata', 'labels']), ['metadata', 'labels']],
        [valueAt(object.object, ['spec', 'selector']), ['spec', 'selector']],
      ] as const) {
        if (!isPlainObject(group)) continue;
        for (const [key, value] of Object.entries(group)) {
          if (mentionsTiller(value)) return fail([...path, key], 'the Service selects Tiller');
        }
      }
      return PASS;
    },
  },
  {
    id: 'ILM-K8S-059',
    title: 'Kubernetes dashboard is not deployed',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['*'],
    remediation:
      'Remove the Kubernetes dashboard, or expose it only through an authenticating proxy with a read-only role.',
    references: [REFERENCES.dashboard],
    equivalents: equivalents({ checkov: ['CKV_K8S_33'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        const image = imageText(container);
        if (image.includes('kubernetes-dashboard') || image.includes('kubernetesui')) {
          return fail(
            [...container.path, 'image'],
            `container ${containerLabel(container)} runs the dashboard`,
          );
        }
        const labels = labelsOf(podMetadata(object, podSpec));
        if (!isPlainObject(labels)) return PASS;
        // Checkov looks at k8s-app only when there is no app label.
        const key = Object.hasOwn(labels, 'app') ? 'app' : 'k8s-app';
        return labels[key] === 'kubernetes-dashboard'
          ? fail([...podMetadataPath(podSpec), 'labels', key], 'the pod is labelled as the dashboard')
          : PASS;
      });
    },
  },
];
