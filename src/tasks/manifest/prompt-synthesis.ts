import type { IacType, ManifestFeatures } from '../../iac/kubernetes/manifest-features.js';

// Prompts say what the manifest does, from its content (kinds, names, images, GPUs, models), so a
// model learns to map specific requests to specific manifests. The filename prompt of AutoMend is
// the fallback when the content has nothing to say. Template choice is a seeded hash of the record
// id: the same input and seed always give the same prompt.

export type PromptType = 'inference' | 'gpu' | 'deploy' | 'service' | 'config' | 'filename';

export interface SynthesizedPrompt {
  text: string;
  type: PromptType;
}

/** A deterministic 32-bit hash (FNV-1a) of a string and a seed. */
export function seededHash(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const pick = <T>(options: readonly T[], key: string, seed: number): T =>
  options[seededHash(key, seed) % options.length]!;

const KIND_ARTICLE = (kind: string) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');

/** Build the user instruction for a manifest from its features, or from its filename. */
export function synthesizePrompt(
  features: ManifestFeatures,
  context: { id: string; path: string; iacType: IacType; seed: number },
): SynthesizedPrompt {
  const main = features.objects.find((o) => o.name) ?? features.objects[0];
  if (!main) return filenamePrompt(context.path, context.id, context.seed);
  const key = `${context.id}:${context.path}`;
  const seed = context.seed;
  const named = main.name ? ` named ${main.name}` : '';
  const namespace = main.namespace ?? features.objects.find((o) => o.namespace)?.namespace;
  const inNamespace = namespace ? ` in the ${namespace} namespace` : '';
  const others = describeOthers(features, main);
  const image = features.images[0];

  if (context.iacType === 'kserve' || context.iacType === 'seldon') {
    const platform = context.iacType === 'kserve' ? 'KServe' : 'Seldon Core';
    const model = features.modelFormat ? ` ${features.modelFormat}` : '';
    const from = features.storageUri ? ` from ${features.storageUri}` : '';
    const runtime = features.runtime ? ` using the ${features.runtime} runtime` : '';
    const gpu = features.gpus > 0 ? ` with ${gpuPhrase(features)}` : '';
    const templates = [
      `Deploy a ${platform} ${main.kind}${named}${inNamespace} that serves a${model} model${from}${runtime}${gpu}.`,
      `Create the ${platform} ${main.kind}${named}${inNamespace} to serve the${model} model${from}${runtime}${gpu}.`,
      `I need ${platform} inference for the${model} model${from}: write the ${main.kind}${named}${inNamespace}${runtime}${gpu}.`,
    ];
    return { text: tidy(pick(templates, key, seed) + others), type: 'inference' };
  }
  if (features.gpus > 0) {
    const running = image ? ` running ${image}` : '';
    const templates = [
      `Deploy ${KIND_ARTICLE(main.kind)} ${main.kind}${named}${inNamespace}${running} with ${gpuPhrase(features)}.`,
      `Schedule the GPU workload${named}${inNamespace} as ${KIND_ARTICLE(main.kind)} ${main.kind}${running}, requesting ${gpuPhrase(features)}.`,
      `Apply the GPU serving configuration for ${main.name ?? main.kind}${inNamespace}: ${main.kind}${running}, ${gpuPhrase(features)}.`,
    ];
    return { text: tidy(pick(templates, key, seed) + others), type: 'gpu' };
  }
  if (context.iacType === 'k8s_workload') {
    const running = image ? ` running ${image}` : '';
    const replicas =
      features.replicas !== undefined
        ? ` with ${features.replicas} replica${features.replicas === 1 ? '' : 's'}`
        : '';
    const templates = [
      `Deploy ${KIND_ARTICLE(main.kind)} ${main.kind}${named}${inNamespace}${running}${replicas}.`,
      `Create the ${main.kind}${named}${inNamespace}${running}${replicas}.`,
      `Write a Kubernetes ${main.kind}${named}${running}${replicas}${inNamespace}.`,
    ];
    return { text: tidy(pick(templates, key, seed) + others), type: 'deploy' };
  }
  if (
    main.kind === 'Service' ||
    main.kind === 'Ingress' ||
    main.kind === 'Gateway' ||
    main.kind === 'VirtualService'
  ) {
    const ports =
      features.ports.length > 0
        ? ` on port${features.ports.length > 1 ? 's' : ''} ${features.ports.join(', ')}`
        : '';
    const templates = [
      `Expose ${main.name ?? 'the application'}${inNamespace} with ${KIND_ARTICLE(main.kind)} ${main.kind}${ports}.`,
      `Create the ${main.kind}${named}${inNamespace}${ports}.`,
    ];
    return { text: tidy(pick(templates, key, seed) + others), type: 'service' };
  }
  const templates = [
    `Apply the ${main.kind}${named}${inNamespace}.`,
    `Create ${KIND_ARTICLE(main.kind)} ${main.kind}${named}${inNamespace}.`,
    `Write the Kubernetes ${main.kind}${named} (${main.apiVersion})${inNamespace}.`,
  ];
  return { text: tidy(pick(templates, key, seed) + others), type: 'config' };
}

/** AutoMend's prompt from the filename: `gpu-model-server.yaml` → "Apply the GPU serving configuration: gpu model server." */
export function filenamePrompt(path: string, id: string, seed: number): SynthesizedPrompt {
  const base = (path.split('/').at(-1) ?? path).replace(/\.(ya?ml)$/i, '');
  const words = base.replace(/[-_.]+/g, ' ').trim() || 'manifest';
  const lower = words.toLowerCase();
  let text: string;
  if (/\bgpu\b/.test(lower)) text = `Apply the GPU serving configuration: ${words}.`;
  else if (/\b(prod|production|deploy|deployment)\b/.test(lower))
    text = `Deploy the production configuration: ${words}.`;
  else
    text = pick(
      [`Apply the Kubernetes configuration: ${words}.`, `Apply the manifest for ${words}.`],
      id,
      seed,
    );
  return { text, type: 'filename' };
}

function gpuPhrase(features: ManifestFeatures): string {
  const vendor = features.gpuResource?.startsWith('amd.com')
    ? 'AMD'
    : features.gpuResource?.includes('intel')
      ? 'Intel'
      : 'NVIDIA';
  return `${features.gpus} ${vendor} GPU${features.gpus === 1 ? '' : 's'}`;
}

function describeOthers(features: ManifestFeatures, main: ManifestFeatures['objects'][number]): string {
  const rest = features.objects.filter((o) => o !== main);
  if (rest.length === 0) return '';
  const counts = new Map<string, number>();
  for (const object of rest) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
  const parts = [...counts]
    .slice(0, 5)
    .map(([kind, n]) => (n === 1 ? `${KIND_ARTICLE(kind)} ${kind}` : `${n} ${kind}s`));
  const more = counts.size > 5 ? ' and more' : '';
  return ` Include ${joinList(parts)}${more} as well.`;
}

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s+\./g, '.').trim();
}
