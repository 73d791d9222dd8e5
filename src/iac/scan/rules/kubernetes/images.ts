// Container images: pinned tags, digests, and the pull policy that makes the kubelet check them.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { ContainerView, KubernetesRule } from '../../types.js';
import { readString } from './manifest-values.js';
import { checkContainers, EVERY_CONTAINER } from './pod-workloads.js';
import { containerLabel, equivalents, REFERENCES, trivyIds } from './rule-support.js';

export interface ImageReference {
  /** Repository with registry and path, without tag or digest. */
  repository: string;
  /** '' when the reference has none. */
  tag: string;
  /** '' when the reference has none. */
  digest: string;
}

/** Split an image reference; a colon before the last slash belongs to the registry port, not the tag. */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  return colon >= 0
    ? { repository: named.slice(0, colon), tag: named.slice(colon + 1), digest }
    : { repository: named, tag: '', digest };
}

/** The container's image: a string, 'unknown' when templated, undefined when missing or empty. */
function imageOf(container: ContainerView): string | 'unknown' | undefined {
  const image = readString(container.container.image);
  if (image === 'unknown') return 'unknown';
  return image === undefined || image.trim() === '' ? undefined : image.trim();
}

export const IMAGE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-044',
    title: 'Image has a fixed tag (not latest or missing)',
    severity: 'MEDIUM',
    category: 'supply-chain',
    cwe: 'CWE-494',
    resourceTypes: ['*'],
    remediation: 'Reference images by a version tag (or a digest), never latest or no tag.',
    references: [REFERENCES.images, REFERENCES.configurationOverview],
    equivalents: equivalents({ checkov: ['CKV_K8S_14'], trivy: trivyIds(13) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const image = imageOf(container);
        if (image === 'unknown') return UNKNOWN_RESULT;
        if (image === undefined)
          return fail(container.path, `container ${containerLabel(container)} has no image`);
        const reference = parseImageReference(image);
        if (reference.digest !== '') return PASS;
        return reference.tag === '' || reference.tag === 'latest'
          ? fail(
              [...container.path, 'image'],
              `container ${containerLabel(container)} uses ${image} without a fixed tag`,
            )
          : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-045',
    title: 'Image is pinned by digest',
    severity: 'LOW',
    category: 'supply-chain',
    cwe: 'CWE-494',
    resourceTypes: ['*'],
    remediation: 'Reference images as repository@sha256:<digest> (a tag may stay for readability).',
    references: [REFERENCES.images],
    equivalents: equivalents({ checkov: ['CKV_K8S_43'], kics: ['7c81d34c-8e5a-402b-9798-9f442630e678'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const image = imageOf(container);
        if (image === 'unknown') return UNKNOWN_RESULT;
        if (image === undefined)
          return fail(container.path, `container ${containerLabel(container)} has no image`);
        return image.includes('@')
          ? PASS
          : fail(
              [...container.path, 'image'],
              `container ${containerLabel(container)} uses ${image} without a digest`,
            );
      });
    },
  },
  {
    id: 'ILM-K8S-046',
    title: 'Image pull policy is Always',
    severity: 'LOW',
    category: 'supply-chain',
    cwe: 'CWE-494',
    resourceTypes: ['*'],
    remediation:
      'Set imagePullPolicy: Always so the kubelet checks the image and the pull secret on every start.',
    references: [REFERENCES.images],
    equivalents: equivalents({ checkov: ['CKV_K8S_15'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const image = imageOf(container);
        if (image === 'unknown') return UNKNOWN_RESULT;
        if (image === undefined)
          return fail(container.path, `container ${containerLabel(container)} has no image`);
        const policy = readString(container.container.imagePullPolicy);
        if (policy === 'unknown') return UNKNOWN_RESULT;
        if (policy === undefined) {
          // Without a policy the kubelet pulls Always only for latest or untagged images.
          const { tag } = parseImageReference(image.split('@')[0] ?? image);
          return tag === '' || tag === 'latest'
            ? PASS
            : fail(
                container.path,
                `container ${containerLabel(container)} defaults to imagePullPolicy IfNotPresent`,
              );
        }
        return policy === 'Always'
          ? PASS
          : fail(
              [...container.path, 'imagePullPolicy'],
              `container ${containerLabel(container)} pulls ${policy}`,
            );
      });
    },
  },
];
