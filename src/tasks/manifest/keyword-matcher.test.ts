import { describe, expect, it } from 'vitest';
import { isHelmTemplate } from '../../iac/kubernetes/helm-template.js';
import { createKeywordMatcher } from './keyword-matcher.js';

describe('createKeywordMatcher', () => {
  const match = createKeywordMatcher(['nvidia.com/gpu', 'ray', 'KServe']);
  it('matches whole words case-insensitively', () => {
    expect(match('limits:\n  nvidia.com/gpu: 1')).toBe('nvidia.com/gpu');
    expect(match('apiVersion: ray.io/v1\nkind: RayCluster')).toBe('ray');
    expect(match('apiVersion: serving.kserve.io/v1beta1')).toBe('kserve');
  });
  it('does not match inside other words', () => {
    expect(match('items: array\ncolor: gray\nxrays: 3')).toBeUndefined();
  });
  it('is linear on a 200 KB adversarial line (complexity guard, not a benchmark)', () => {
    const started = performance.now();
    expect(match('ra'.repeat(100_000))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('isHelmTemplate', () => {
  it('recognises Helm template actions', () => {
    expect(isHelmTemplate('replicas: {{ .Values.replicas }}\n')).toBe(true);
    expect(isHelmTemplate('{{- if .Values.enabled }}\nkind: Service\n{{- end }}\n')).toBe(true);
    expect(isHelmTemplate('labels:\n  {{- include "chart.labels" . | nindent 4 }}\n')).toBe(true);
    expect(isHelmTemplate('name: {{ template "x.fullname" . }}\n')).toBe(true);
  });
  it('keeps manifests whose braces are data (Prometheus and Argo templates)', () => {
    expect(isHelmTemplate('annotations:\n  description: "Pod {{ $labels.pod }} is down"\n')).toBe(false);
    expect(isHelmTemplate('args: ["{{inputs.parameters.message}}"]\n')).toBe(false);
    expect(isHelmTemplate('kind: Deployment\n')).toBe(false);
  });
  it('is linear on a 200 KB line of braces (complexity guard)', () => {
    const started = performance.now();
    expect(isHelmTemplate('{{ x '.repeat(40_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
