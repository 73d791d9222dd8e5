import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyIacType, extractFeatures } from './manifest-features.js';
import { kubernetesObjects, parseYamlStream } from './parse-manifests.js';

function objectsOf(text: string) {
  const parsed = parseYamlStream(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return kubernetesObjects(parsed.documents);
}

describe('parseYamlStream', () => {
  it('reads every document of a --- stream and expands Lists', () => {
    const objects = objectsOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# comment only\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n',
    );
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'ConfigMap']);
  });
  it('accepts application tags such as !reference', () => {
    expect(parseYamlStream('script: !reference [.setup, script]\n').ok).toBe(true);
  });
  it('reports line and column of a syntax error', () => {
    expect(parseYamlStream('a: 1\nb: [1, 2\n')).toMatchObject({ ok: false, line: 3 });
  });
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => typeof parseYamlStream(text).ok === 'boolean'),
    );
  });
});

describe('extractFeatures and classifyIacType', () => {
  it('reads a KServe InferenceService', () => {
    const objects = objectsOf(`apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: sklearn-iris, namespace: kserve-test}
spec:
  predictor:
    model:
      modelFormat: {name: sklearn}
      storageUri: gs://kfserving-examples/models/sklearn/1.0/model
      resources:
        limits: {nvidia.com/gpu: "1"}
        requests: {nvidia.com/gpu: "1"}
`);
    const features = extractFeatures(objects);
    expect(classifyIacType(features.objects)).toBe('kserve');
    expect(features).toMatchObject({
      modelFormat: 'sklearn',
      gpus: 1,
      storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model',
    });
    expect(features.objects[0]).toMatchObject({ name: 'sklearn-iris', namespace: 'kserve-test' });
  });
  it('classifies Seldon, workloads and config', () => {
    expect(classifyIacType([{ apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment' }])).toBe(
      'seldon',
    );
    expect(
      classifyIacType([
        { apiVersion: 'v1', kind: 'Service' },
        { apiVersion: 'apps/v1', kind: 'Deployment' },
      ]),
    ).toBe('k8s_workload');
    expect(classifyIacType([{ apiVersion: 'v1', kind: 'ConfigMap' }])).toBe('k8s_config');
  });
  it('counts GPUs per container once and collects images and ports', () => {
    const objects = objectsOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - {name: a, image: "nvcr.io/nvidia/tritonserver:24.01-py3", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 2}}}
        - {name: b, image: busybox, resources: {requests: {nvidia.com/gpu: 1}}}
`);
    const features = extractFeatures(objects);
    expect(features).toMatchObject({
      gpus: 3,
      replicas: 3,
      ports: [8000],
      images: ['nvcr.io/nvidia/tritonserver:24.01-py3', 'busybox'],
    });
  });
  it('stays bounded on an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++)
      bomb.push(
        `${'b'.repeat(level)}: &${'b'.repeat(level)} [${Array(10)
          .fill(`*${level === 1 ? 'a' : 'b'.repeat(level - 1)}`)
          .join(', ')}]`,
      );
    const objects = objectsOf(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${bomb.map((line) => `  ${line}`).join('\n')}\n`,
    );
    expect(extractFeatures(objects).objects).toHaveLength(1);
  });
});
