import { describe, expect, it } from 'vitest';
import { sha256 } from '../../core/hash.js';
import type { Document } from '../../core/types.js';
import { findSensitive } from '../../quality/redact.js';
import { createManifestPreparer, type PrepareOptions, stripHeaderComments } from './build.js';

const OPTIONS: PrepareOptions = {
  minBytes: 200,
  maxBytes: 204_800,
  extensions: ['.yaml', '.yml'],
  licenses: ['MIT', 'Apache-2.0', 'BSD-3-Clause'],
  keywords: { enabled: true, terms: ['nvidia.com/gpu', 'kserve', 'seldon', 'kubeflow', 'ray', 'vllm'] },
  promptSeed: 42,
  stripHeaderComments: true,
  minhash: { numPermutations: 64, shingleSize: 5 },
};

const GPU_DEPLOYMENT = `# Copyright 2024 Example Authors
# SPDX-License-Identifier: Apache-2.0
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm-server
  namespace: llm
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          resources:
            limits:
              nvidia.com/gpu: 2
`;

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: vllm-server
  namespace: llm
spec:
  ports:
    - port: 8000
      targetPort: 8000
`;

function document(text: string, overrides: Partial<Document['source']> = {}): Document {
  return {
    id: sha256(text),
    text,
    source: {
      kind: 'directory',
      repo: 'acme/llm',
      path: 'deploy/vllm.yaml',
      license: 'Apache-2.0',
      ...overrides,
    },
  };
}

const prepare = createManifestPreparer(OPTIONS);
const reason = (text: string, source: Partial<Document['source']> = {}, options = OPTIONS) => {
  const outcome = createManifestPreparer(options)(document(text, source));
  return 'drop' in outcome ? outcome.drop.reason : 'kept';
};

describe('manifest gates', () => {
  it('keeps a multi-document stream as one file with several objects', () => {
    const outcome = prepare(document(GPU_DEPLOYMENT + SERVICE));
    if (!('keep' in outcome)) throw new Error(`dropped: ${JSON.stringify(outcome.drop)}`);
    const candidate = outcome.keep;
    expect(candidate.strata.iac_type).toBe('k8s_workload');
    expect(candidate.strata.prompt_type).toBe('gpu');
    expect(candidate.instruction).toContain('vllm-server');
    expect(candidate.instruction).toContain('2 NVIDIA GPUs');
    expect(candidate.instruction).toContain('Service');
    expect(candidate.manifest.startsWith('apiVersion: apps/v1')).toBe(true); // header comment stripped
    expect(candidate.group).toBe('acme/llm');
    expect(Buffer.from(candidate.signature, 'base64').byteLength).toBe(64 * 4);
  });

  it('drops by extension, size, licence, Helm, keyword, parse and shape, each with its own reason', () => {
    expect(reason(GPU_DEPLOYMENT, { path: 'deploy/vllm.json' })).toBe('extension');
    expect(reason('apiVersion: v1\nkind: Pod\n# vllm\n')).toBe('size-too-small');
    expect(reason(`${GPU_DEPLOYMENT}#${'x'.repeat(204_800)}\n`)).toBe('size-too-large');
    expect(reason(GPU_DEPLOYMENT, { license: undefined })).toBe('license-missing');
    expect(reason(GPU_DEPLOYMENT, { license: 'GPL-3.0' })).toBe('license-not-permissive');
    expect(reason(GPU_DEPLOYMENT.replace('replicas: 2', 'replicas: {{ .Values.replicas }}'))).toBe(
      'helm-template',
    );
    expect(reason(GPU_DEPLOYMENT.replaceAll('vllm', 'web').replace('nvidia.com/gpu', 'cpu'))).toBe(
      'no-ml-keyword',
    );
    expect(reason(`${GPU_DEPLOYMENT}  bad: [unclosed\n`)).toBe('yaml-parse-error');
    expect(reason(`# kubeflow notes\nitems:\n${'  - just a list of things\n'.repeat(10)}`)).toBe(
      'not-kubernetes',
    );
    // Parsed, with both key names in the text but no object having both.
    expect(reason(`# kubeflow\napiVersion: v1\n---\nkind: Pod\nnote: ${'x'.repeat(200)}\n`)).toBe(
      'not-kubernetes',
    );
  });

  it('decides not-kubernetes from the text before parsing when a key name is missing altogether', () => {
    // Unparseable, but without `apiVersion` anywhere it cannot be Kubernetes: the cheaper verdict wins.
    const broken = `# kubeflow notes\nkind: Pod\nbad: [unclosed\n${'# padding\n'.repeat(30)}`;
    expect(reason(broken)).toBe('not-kubernetes');
    expect(reason(broken.replace('kind: Pod', 'apiVersion: v1\nkind: Pod'))).toBe('yaml-parse-error');
    const outcome = prepare(document(broken));
    expect('drop' in outcome && outcome.drop.detail).toBe('no apiVersion or kind key in the text');
  });

  it('names the file, line and problem of a parse error', () => {
    const outcome = prepare(document(`${GPU_DEPLOYMENT}  bad: [unclosed\n`));
    expect('drop' in outcome && outcome.drop.detail).toMatch(/^deploy\/vllm\.yaml:\d+:\d+: .+/);
  });

  it('switches the keyword gate off for a general Kubernetes dataset', () => {
    const plain = GPU_DEPLOYMENT.replaceAll('vllm', 'web').replace('nvidia.com/gpu', 'cpu');
    expect(reason(plain, {}, { ...OPTIONS, keywords: { ...OPTIONS.keywords, enabled: false } })).toBe('kept');
  });

  it('redacts before labelling and keeps CIDRs and image tags', () => {
    const text = `${GPU_DEPLOYMENT}          env:
            - name: DB_PASSWORD
              value: hunter2hunter2
            - name: UPSTREAM
              value: http://10.1.2.3:8080/
            - name: OWNER
              value: ops@example.com
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow
spec:
  ingress:
    - from:
        - ipBlock:
            cidr: 10.0.0.0/16
`;
    const outcome = prepare(document(text));
    if (!('keep' in outcome)) throw new Error(JSON.stringify(outcome.drop));
    const { manifest, redactions } = outcome.keep;
    expect(manifest).not.toContain('hunter2');
    expect(manifest).not.toContain('10.1.2.3');
    expect(manifest).not.toContain('ops@example.com');
    expect(manifest).toContain('cidr: 10.0.0.0/16');
    expect(manifest).toContain('vllm/vllm-openai:v0.6.3');
    expect(manifest).toContain('IPV4_REDACTED');
    expect(manifest).toContain('REDACTED_EMAIL');
    expect(Object.values(redactions).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic: the same document gives the same candidate', () => {
    expect(JSON.stringify(prepare(document(GPU_DEPLOYMENT)))).toBe(
      JSON.stringify(createManifestPreparer(OPTIONS)(document(GPU_DEPLOYMENT))),
    );
  });
});

describe('redaction of what is kept', () => {
  it('redacts the kept text only: a header that is dropped is neither redacted nor counted', () => {
    const text = GPU_DEPLOYMENT.replace('# Copyright 2024 Example Authors', '# Maintainer: ops@example.com');
    const outcome = prepare(document(text));
    if (!('keep' in outcome)) throw new Error('dropped');
    expect(outcome.keep.manifest).not.toContain('ops@example.com');
    expect(outcome.keep.redactions).toEqual({});
  });

  it('keeps only manifests the detector finds nothing in when it reports no redactions (validate relies on it)', () => {
    const bodies = [
      GPU_DEPLOYMENT,
      `${GPU_DEPLOYMENT}          env:\n            - name: DB_PASSWORD\n              value: hunter2hunter2\n`,
      `# token: abcdefabcdefabcdef\n${GPU_DEPLOYMENT}`,
      `${GPU_DEPLOYMENT}  annotations:\n    owner: ops@example.com # vllm\n`,
    ];
    for (const text of bodies) {
      const outcome = prepare(document(text));
      if (!('keep' in outcome)) throw new Error(`dropped: ${JSON.stringify(outcome.drop)}`);
      const clean = Object.keys(outcome.keep.redactions).length === 0;
      if (clean) expect(findSensitive(outcome.keep.manifest)).toEqual([]);
    }
  });
});

describe('stripHeaderComments', () => {
  it('removes only the leading comment block', () => {
    expect(stripHeaderComments('# a\n\n# b\nkind: Pod # keep\n# keep too\n')).toBe(
      'kind: Pod # keep\n# keep too\n',
    );
    expect(stripHeaderComments('kind: Pod\n')).toBe('kind: Pod\n');
    expect(stripHeaderComments('# only comments\n')).toBe('# only comments\n');
  });
});
