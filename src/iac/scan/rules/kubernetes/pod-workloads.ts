// Where a workload's pieces are: its pod specs and their metadata, its containers, and the security
// context a container ends up with once the pod-level fields it inherits are applied.

import type {
  CheckResult,
  ContainerView,
  KubernetesObjectView,
  KubernetesRuleContext,
  PodSpecView,
} from '../../types.js';
import {
  hasKey,
  type ObjectPath,
  type PlainObject,
  readObject,
  resultsOrPass,
  type Unknown,
  valueAt,
} from './manifest-values.js';

export type ContainerKind = ContainerView['kind'];

/** Containers, init containers and ephemeral containers (Checkov's container checks). */
export const EVERY_CONTAINER: readonly ContainerKind[] = ['container', 'initContainer', 'ephemeralContainer'];
/** Containers and init containers (Trivy's kubernetes.containers). */
export const CONTAINERS_AND_INIT: readonly ContainerKind[] = ['container', 'initContainer'];
/** Long-running application containers only. */
export const APP_CONTAINERS: readonly ContainerKind[] = ['container'];

/** Kinds with a pod spec that run a long-lived service (probes matter there, not in Jobs). */
export const SERVICE_WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
];

/** The pod spec a container belongs to (the one whose path is the longest prefix of the container's). */
export function podSpecOf(container: ContainerView, specs: readonly PodSpecView[]): PodSpecView | undefined {
  let best: PodSpecView | undefined;
  for (const spec of specs) {
    const isPrefix = spec.path.every((step, index) => container.path[index] === step);
    if (isPrefix && (!best || spec.path.length > best.path.length)) best = spec;
  }
  return best;
}

/** Run a check on each container of the kinds given; a single pass when there is none. */
export function checkContainers(
  object: KubernetesObjectView,
  context: KubernetesRuleContext,
  kinds: readonly ContainerKind[],
  check: (container: ContainerView, podSpec: PodSpecView) => CheckResult,
): CheckResult[] {
  const specs = context.podSpecs(object);
  const results: CheckResult[] = [];
  for (const container of context.containers(object)) {
    if (!kinds.includes(container.kind)) continue;
    const spec = podSpecOf(container, specs) ?? { spec: {}, path: [] };
    results.push(check(container, spec));
  }
  return resultsOrPass(results);
}

/** The containers of the kinds given that belong to one pod spec. */
export function containersOf(
  object: KubernetesObjectView,
  context: KubernetesRuleContext,
  podSpec: PodSpecView,
  kinds: readonly ContainerKind[],
): ContainerView[] {
  const specs = context.podSpecs(object);
  return context
    .containers(object)
    .filter(
      (container) =>
        kinds.includes(container.kind) &&
        podSpecOf(container, specs)?.path.join('.') === podSpec.path.join('.'),
    );
}

/** Run a check on each pod spec of the object; a single pass when there is none. */
export function checkPodSpecs(
  object: KubernetesObjectView,
  context: KubernetesRuleContext,
  check: (podSpec: PodSpecView) => CheckResult | CheckResult[],
): CheckResult[] {
  return resultsOrPass(context.podSpecs(object).flatMap((spec) => check(spec)));
}

/**
 * The path of the metadata that goes with a pod spec: the sibling `metadata` of a `spec` (Pod,
 * templates, Seldon componentSpecs), else the object's own metadata (KServe components).
 */
export function podMetadataPath(podSpec: PodSpecView): ObjectPath {
  return podSpec.path.at(-1) === 'spec' ? [...podSpec.path.slice(0, -1), 'metadata'] : ['metadata'];
}

/** The metadata that goes with a pod spec (annotations and labels live there). */
export function podMetadata(
  object: KubernetesObjectView,
  podSpec: PodSpecView,
): PlainObject | Unknown | undefined {
  return readObject(valueAt(object.object, podMetadataPath(podSpec)));
}

/** The annotations of a metadata object. */
export function annotationsOf(
  metadata: PlainObject | Unknown | undefined,
): PlainObject | Unknown | undefined {
  if (metadata === undefined || metadata === 'unknown') return metadata;
  return readObject(metadata.annotations);
}

/** The labels of a metadata object. */
export function labelsOf(metadata: PlainObject | Unknown | undefined): PlainObject | Unknown | undefined {
  if (metadata === undefined || metadata === 'unknown') return metadata;
  return readObject(metadata.labels);
}

/** A field of a security context as found, with its path; unknown when the context itself is a template. */
export interface SecurityField {
  value: unknown;
  path: ObjectPath | undefined;
  unknown: boolean;
  source: 'container' | 'pod' | 'none';
}

/** A field of the container's own securityContext. */
export function containerSecurityField(container: ContainerView, field: string): SecurityField {
  const context = container.container.securityContext;
  if (readObject(context) === 'unknown') {
    return {
      value: undefined,
      path: [...container.path, 'securityContext'],
      unknown: true,
      source: 'container',
    };
  }
  if (hasKey(context, field)) {
    return {
      value: (context as PlainObject)[field],
      path: [...container.path, 'securityContext', field],
      unknown: false,
      source: 'container',
    };
  }
  return { value: undefined, path: undefined, unknown: false, source: 'none' };
}

/** A field of the pod-level securityContext. */
export function podSecurityField(podSpec: PodSpecView, field: string): SecurityField {
  const context = podSpec.spec.securityContext;
  if (readObject(context) === 'unknown') {
    return { value: undefined, path: [...podSpec.path, 'securityContext'], unknown: true, source: 'pod' };
  }
  if (hasKey(context, field)) {
    return {
      value: (context as PlainObject)[field],
      path: [...podSpec.path, 'securityContext', field],
      unknown: false,
      source: 'pod',
    };
  }
  return { value: undefined, path: undefined, unknown: false, source: 'none' };
}

/**
 * The value a container runs with for a field present in both contexts (runAsUser, runAsNonRoot,
 * runAsGroup, seLinuxOptions, seccompProfile, windowsOptions, appArmorProfile): the container's own
 * setting wins, else the pod's applies.
 */
export function effectiveSecurityField(
  container: ContainerView,
  podSpec: PodSpecView,
  field: string,
): SecurityField {
  const own = containerSecurityField(container, field);
  if (own.unknown || own.source === 'container') return own;
  return podSecurityField(podSpec, field);
}
