import type { KubernetesObject } from './parse-manifests.js';

/** What a manifest is about, read from its objects: used for prompts and for slicing. */
export interface ManifestFeatures {
  objects: { kind: string; name?: string; namespace?: string; apiVersion: string }[];
  images: string[];
  gpus: number;
  gpuResource?: string;
  replicas?: number;
  ports: number[];
  modelFormat?: string;
  storageUri?: string;
  runtime?: string;
}

export type IacType = 'kserve' | 'seldon' | 'k8s_workload' | 'k8s_config';

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'ReplicationController',
  'PyTorchJob',
  'TFJob',
  'MPIJob',
  'XGBoostJob',
  'PaddleJob',
  'JAXJob',
  'TrainJob',
  'RayCluster',
  'RayJob',
  'RayService',
  'Notebook',
  'SparkApplication',
  'Experiment',
  'Trial',
]);

const GPU_RESOURCE = /^(?:nvidia\.com\/(?:gpu|mig-[\w.-]+)|amd\.com\/gpu|gpu\.intel\.com\/[\w.-]+)$/;

/** Classify a manifest file into AutoMend's IaC types. */
export function classifyIacType(objects: { apiVersion: string; kind: string }[]): IacType {
  if (objects.some((o) => o.apiVersion.startsWith('serving.kserve.io/'))) return 'kserve';
  if (objects.some((o) => o.apiVersion.startsWith('machinelearning.seldon.io/'))) return 'seldon';
  if (objects.some((o) => WORKLOAD_KINDS.has(o.kind))) return 'k8s_workload';
  return 'k8s_config';
}

/** Kinds, names, images, GPU requests and model details of a set of Kubernetes objects. */
export function extractFeatures(objects: KubernetesObject[]): ManifestFeatures {
  const features: ManifestFeatures = { objects: [], images: [], gpus: 0, ports: [] };
  const images = new Set<string>();
  const ports = new Set<number>();
  for (const object of objects) {
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    features.objects.push({
      kind: object.kind,
      apiVersion: object.apiVersion,
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    });
    const spec = object.spec as Record<string, unknown> | undefined;
    if (spec && typeof spec.replicas === 'number' && features.replicas === undefined) {
      features.replicas = spec.replicas;
    }
    walk(object, 0, { remaining: 200_000 }, (key, value, parent) => {
      if (key === 'image' && typeof value === 'string' && value.length < 300) images.add(value);
      else if (
        (key === 'containerPort' || (key === 'port' && parent && 'targetPort' in parent)) &&
        typeof value === 'number'
      ) {
        ports.add(value);
      } else if ((key === 'limits' || key === 'requests') && value && typeof value === 'object') {
        for (const [resource, amount] of Object.entries(value as Record<string, unknown>)) {
          if (!GPU_RESOURCE.test(resource)) continue;
          const count = Number(amount);
          // limits and requests of one container name the same GPUs; count the larger once.
          if (Number.isFinite(count) && count > 0) {
            if (key === 'limits' || !(parent && 'limits' in parent)) features.gpus += count;
            features.gpuResource ??= resource;
          }
        }
      } else if (key === 'modelFormat' && value && typeof value === 'object') {
        const name = (value as Record<string, unknown>).name;
        if (typeof name === 'string') features.modelFormat ??= name;
      } else if ((key === 'storageUri' || key === 'modelUri') && typeof value === 'string') {
        features.storageUri ??= value;
      } else if ((key === 'runtime' || key === 'implementation') && typeof value === 'string') {
        features.runtime ??= value;
      }
    });
  }
  features.images = [...images];
  features.ports = [...ports].sort((a, b) => a - b);
  return features;
}

function walk(
  value: unknown,
  depth: number,
  budget: { remaining: number },
  visit: (key: string, value: unknown, parent: Record<string, unknown> | undefined) => void,
): void {
  // Real manifests nest a dozen levels; the bounds guard against alias bombs (shared subtrees).
  if (depth > 40 || budget.remaining-- <= 0 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, budget, visit);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    visit(key, record[key], record);
    walk(record[key], depth + 1, budget, visit);
  }
}
