// Seccomp and AppArmor profiles, set through securityContext fields or the legacy annotations.
// Checkov, Trivy (restricted) and Trivy (baseline) accept different profiles, hence three seccomp rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type {
  CheckResult,
  ContainerView,
  KubernetesObjectView,
  KubernetesRule,
  PodSpecView,
} from '../../types.js';
import {
  isPlainObject,
  type ObjectPath,
  type PlainObject,
  readObject,
  readString,
  valueAt,
} from './manifest-values.js';
import {
  APP_CONTAINERS,
  annotationsOf,
  checkContainers,
  checkPodSpecs,
  containerSecurityField,
  containersOf,
  EVERY_CONTAINER,
  effectiveSecurityField,
  podMetadata,
  podMetadataPath,
  podSecurityField,
  type SecurityField,
} from './pod-workloads.js';
import {
  containerLabel,
  equivalents,
  keyOrParent,
  REFERENCES,
  securityContextOrContainer,
  trivyIds,
} from './rule-support.js';

const POD_SECCOMP_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_SECCOMP_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** The `type` of a seccompProfile or appArmorProfile field, with its path; 'unknown' when templated. */
function profileType(
  field: SecurityField,
): { type: string | undefined; path: ObjectPath | undefined } | 'unknown' {
  if (field.unknown) return 'unknown';
  const profile = readObject(field.value);
  if (profile === 'unknown') return 'unknown';
  const type = readString(profile?.type);
  if (type === 'unknown') return 'unknown';
  return { type: type === '' ? undefined : type, path: field.path ? [...field.path, 'type'] : undefined };
}

/** The annotations of a pod spec's metadata with their path; 'unknown' when templated. */
function podAnnotations(
  object: KubernetesObjectView,
  podSpec: PodSpecView,
): { annotations: PlainObject; path: ObjectPath } | 'unknown' {
  const annotations = annotationsOf(podMetadata(object, podSpec));
  if (annotations === 'unknown') return 'unknown';
  return { annotations: annotations ?? {}, path: [...podMetadataPath(podSpec), 'annotations'] };
}

/** The container's name, for the per-container annotations. */
function containerName(container: ContainerView): string | undefined {
  return typeof container.container.name === 'string' ? container.container.name : undefined;
}

export const SECURITY_PROFILE_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-026',
    title: 'Pod uses the RuntimeDefault seccomp profile',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation:
      'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or the legacy runtime/default pod annotation).',
    references: [REFERENCES.seccomp],
    equivalents: equivalents({ checkov: ['CKV_K8S_31'] }),
    check(object, context) {
      return checkPodSpecs(object, context, (podSpec) => {
        const pod = profileType(podSecurityField(podSpec, 'seccompProfile'));
        if (pod === 'unknown') return UNKNOWN_RESULT;
        if (pod.type !== undefined) {
          return pod.type === 'RuntimeDefault'
            ? PASS
            : fail(pod.path, `the pod uses the ${pod.type} seccomp profile`);
        }
        let unknown = false;
        const containers = containersOf(object, context, podSpec, APP_CONTAINERS);
        if (containers.length > 0) {
          let runtimeDefault = 0;
          for (const container of containers) {
            const own = profileType(containerSecurityField(container, 'seccompProfile'));
            if (own === 'unknown') unknown = true;
            else if (own.type === 'RuntimeDefault') runtimeDefault++;
            else if (own.type !== undefined) {
              return fail(
                own.path,
                `container ${containerLabel(container)} uses the ${own.type} seccomp profile`,
              );
            }
          }
          if (runtimeDefault === containers.length) return PASS;
        }
        // Checkov reads the legacy annotation from the pod template, else from the object itself.
        const metadata = podMetadata(object, podSpec) ?? readObject(valueAt(object.object, ['metadata']));
        const annotations = annotationsOf(metadata);
        if (annotations === 'unknown') return UNKNOWN_RESULT;
        for (const [key, value] of Object.entries(annotations ?? {})) {
          if (!key.includes(POD_SECCOMP_ANNOTATION)) continue;
          const profile = readString(value);
          if (profile === 'unknown') unknown = true;
          else if (profile?.includes('docker/default') || profile?.includes('runtime/default')) return PASS;
        }
        if (unknown) return UNKNOWN_RESULT;
        return fail(
          keyOrParent(podSpec.spec, podSpec.path, 'securityContext'),
          'no RuntimeDefault seccomp profile is set',
        );
      });
    },
  },
  {
    id: 'ILM-K8S-027',
    title: 'Seccomp profile is RuntimeDefault or Localhost',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation:
      'Set seccompProfile.type to RuntimeDefault (or Localhost) on the pod or every container, and drop other legacy annotations.',
    references: [REFERENCES.seccomp, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(30) }),
    check(object, context) {
      const valid = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';
      return checkPodSpecs(object, context, (podSpec) => {
        const results: CheckResult[] = [];
        const annotations = podAnnotations(object, podSpec);
        if (annotations === 'unknown') return UNKNOWN_RESULT;
        const annotated = Object.hasOwn(annotations.annotations, POD_SECCOMP_ANNOTATION);
        if (annotated) {
          const value = readString(annotations.annotations[POD_SECCOMP_ANNOTATION]);
          if (value === 'unknown') results.push(UNKNOWN_RESULT);
          else if (value !== 'runtime/default') {
            results.push(
              fail([...annotations.path, POD_SECCOMP_ANNOTATION], `the pod seccomp annotation is ${value}`),
            );
          }
        }
        const pod = profileType(podSecurityField(podSpec, 'seccompProfile'));
        if (pod === 'unknown') return [...results, UNKNOWN_RESULT];
        if (pod.type !== undefined && !valid(pod.type)) {
          results.push(fail(pod.path, `the pod uses the ${pod.type} seccomp profile`));
        }
        for (const container of containersOf(object, context, podSpec, EVERY_CONTAINER)) {
          const own = profileType(containerSecurityField(container, 'seccompProfile'));
          if (own === 'unknown') results.push(UNKNOWN_RESULT);
          else if (own.type !== undefined && !valid(own.type)) {
            results.push(
              fail(own.path, `container ${containerLabel(container)} uses the ${own.type} seccomp profile`),
            );
          } else if (own.type === undefined && pod.type === undefined && !annotated) {
            results.push(
              fail(
                securityContextOrContainer(container),
                `container ${containerLabel(container)} sets no seccomp profile`,
              ),
            );
          }
        }
        return results;
      });
    },
  },
  {
    id: 'ILM-K8S-028',
    title: 'Seccomp is set and not Unconfined',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation:
      'Give every container a seccomp profile (RuntimeDefault or Localhost) through the pod or container securityContext.',
    references: [REFERENCES.seccomp, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(104) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        const effective = effectiveSecurityField(container, podSpec, 'seccompProfile');
        const profile = profileType(effective);
        if (profile === 'unknown') return UNKNOWN_RESULT;
        if (profile.type !== undefined && profile.type !== 'Unconfined') return PASS;
        const name = containerName(container);
        if (name !== undefined) {
          const annotations = podAnnotations(object, podSpec);
          if (annotations === 'unknown') return UNKNOWN_RESULT;
          const annotation = readString(annotations.annotations[`${CONTAINER_SECCOMP_ANNOTATION}${name}`]);
          if (annotation === 'unknown') return UNKNOWN_RESULT;
          if (annotation !== undefined && annotation !== 'unconfined') return PASS;
        }
        return fail(
          profile.path ?? securityContextOrContainer(container),
          `container ${containerLabel(container)} runs ${profile.type === 'Unconfined' ? 'with an Unconfined' : 'without a'} seccomp profile`,
        );
      });
    },
  },
  {
    id: 'ILM-K8S-029',
    title: 'AppArmor annotation keeps the runtime/default profile',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation: `Set the ${APPARMOR_ANNOTATION}<container> annotation to runtime/default, or remove it.`,
    references: [REFERENCES.apparmor, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(2) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
        const name = containerName(container);
        if (name === undefined) return PASS;
        const annotations = podAnnotations(object, podSpec);
        if (annotations === 'unknown') return UNKNOWN_RESULT;
        const key = `${APPARMOR_ANNOTATION}${name}`;
        if (!Object.hasOwn(annotations.annotations, key)) return PASS;
        const profile = readString(annotations.annotations[key]);
        if (profile === 'unknown') return UNKNOWN_RESULT;
        return profile === 'runtime/default'
          ? PASS
          : fail(
              [...annotations.path, key],
              `container ${containerLabel(container)} uses the AppArmor profile ${profile}`,
            );
      });
    },
  },
  {
    id: 'ILM-K8S-030',
    title: 'AppArmor is not disabled (Unconfined)',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['*'],
    remediation:
      'Remove appArmorProfile.type: Unconfined (and the unconfined AppArmor annotation); use RuntimeDefault or Localhost.',
    references: [REFERENCES.apparmor, REFERENCES.podSecurityStandards],
    equivalents: equivalents({}),
    check(object, context) {
      const results: CheckResult[] = [];
      for (const podSpec of context.podSpecs(object)) {
        const pod = profileType(podSecurityField(podSpec, 'appArmorProfile'));
        if (pod === 'unknown') results.push(UNKNOWN_RESULT);
        else if (pod.type === 'Unconfined') results.push(fail(pod.path, 'the pod disables AppArmor'));
      }
      results.push(
        ...checkContainers(object, context, EVERY_CONTAINER, (container, podSpec) => {
          const own = profileType(containerSecurityField(container, 'appArmorProfile'));
          if (own === 'unknown') return UNKNOWN_RESULT;
          if (own.type === 'Unconfined')
            return fail(own.path, `container ${containerLabel(container)} disables AppArmor`);
          const name = containerName(container);
          if (name === undefined) return PASS;
          const annotations = podAnnotations(object, podSpec);
          if (annotations === 'unknown') return UNKNOWN_RESULT;
          const key = `${APPARMOR_ANNOTATION}${name}`;
          const value = annotations.annotations[key];
          if (!isPlainObject(annotations.annotations) || value === undefined) return PASS;
          const profile = readString(value);
          if (profile === 'unknown') return UNKNOWN_RESULT;
          return profile === 'unconfined'
            ? fail([...annotations.path, key], `container ${containerLabel(container)} disables AppArmor`)
            : PASS;
        }),
      );
      return results;
    },
  },
];
