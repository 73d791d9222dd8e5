import { describe, expect, it } from 'vitest';
import type { ManifestFeatures } from '../../iac/kubernetes/manifest-features.js';
import { filenamePrompt, synthesizePrompt } from './prompt-synthesis.js';

const base: ManifestFeatures = { objects: [], images: [], gpus: 0, ports: [] };

describe('synthesizePrompt', () => {
  it('describes KServe services by model, storage and GPUs', () => {
    const prompt = synthesizePrompt(
      {
        ...base,
        objects: [
          {
            kind: 'InferenceService',
            apiVersion: 'serving.kserve.io/v1beta1',
            name: 'iris',
            namespace: 'ml',
          },
        ],
        modelFormat: 'sklearn',
        storageUri: 'gs://b/m',
        gpus: 1,
        gpuResource: 'nvidia.com/gpu',
      },
      { id: 'a', path: 'x.yaml', iacType: 'kserve', seed: 1 },
    );
    expect(prompt.type).toBe('inference');
    for (const part of ['KServe', 'iris', 'ml namespace', 'sklearn', 'gs://b/m', '1 NVIDIA GPU'])
      expect(prompt.text).toContain(part);
  });
  it('is deterministic for a seed and varies templates across records', () => {
    const features = {
      ...base,
      objects: [{ kind: 'Deployment', apiVersion: 'apps/v1', name: 'web' }],
      images: ['nginx:1.27'],
    };
    const make = (id: string, seed: number) =>
      synthesizePrompt(features, { id, path: 'web.yaml', iacType: 'k8s_workload', seed }).text;
    expect(make('r1', 7)).toBe(make('r1', 7));
    const texts = new Set(Array.from({ length: 30 }, (_, index) => make(`r${index}`, 7)));
    expect(texts.size).toBeGreaterThan(1);
    for (const text of texts) expect(text).toContain('nginx:1.27');
  });
  it("falls back to AutoMend's filename prompt", () => {
    expect(filenamePrompt('deploy/gpu-model-server.yaml', 'id', 1).text).toBe(
      'Apply the GPU serving configuration: gpu model server.',
    );
    expect(filenamePrompt('prod-deployment.yaml', 'id', 1).text).toBe(
      'Deploy the production configuration: prod deployment.',
    );
    expect(synthesizePrompt(base, { id: 'x', path: 'a/b.yml', iacType: 'k8s_config', seed: 1 }).type).toBe(
      'filename',
    );
  });
});
