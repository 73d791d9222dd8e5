import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runKubernetesRule } from '../../../../test-support/scan-harness.js';
import { KUBERNETES_RULE_CONTEXT } from '../../kubernetes-model.js';
import { type Category, SEVERITIES } from '../../types.js';
import { KUBERNETES_RULES } from './index.js';
import { container, deployment, manifest } from './test-manifests.js';

const CATEGORIES: readonly Category[] = [
  'encryption',
  'network',
  'iam',
  'logging',
  'secrets',
  'backup',
  'access-control',
  'availability',
  'container',
  'rbac',
  'supply-chain',
  'general',
];
const KICS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Kubernetes rule catalogue', () => {
  it('numbers rules ILM-K8S-001.. without gaps or duplicates', () => {
    const ids = KUBERNETES_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ids.map((_, index) => `ILM-K8S-${String(index + 1).padStart(3, '0')}`));
    expect(ids.length).toBeGreaterThanOrEqual(65);
  });

  it('gives every rule complete metadata', () => {
    for (const rule of KUBERNETES_RULES) {
      expect(rule.cwe, rule.id).toMatch(/^CWE-\d+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(10);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const reference of rule.references) expect(reference, rule.id).toMatch(/^https:\/\//);
      expect(SEVERITIES, rule.id).toContain(rule.severity);
      expect(CATEGORIES, rule.id).toContain(rule.category);
      expect(rule.resourceTypes.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('writes equivalent ids in each tool’s own format', () => {
    for (const { id, equivalents } of KUBERNETES_RULES) {
      for (const checkov of equivalents.checkov) expect(checkov, id).toMatch(/^CKV_K8S_\d+$/);
      for (const trivy of equivalents.trivy) expect(trivy, id).toMatch(/^(AVD-KSV-\d{4}|KSV\d{3})$/);
      for (const kics of equivalents.kics) expect(kics, id).toMatch(KICS_ID);
    }
    const claimed = KUBERNETES_RULES.flatMap(({ equivalents }) => [
      ...equivalents.checkov,
      ...equivalents.trivy,
      ...equivalents.kics,
    ]);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it('passes every pod rule on a hardened Deployment', () => {
    const hardened = deployment({
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        container({
          image:
            'registry.example.com/shop/app:1.4.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 8080 }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }),
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    });
    const failing = KUBERNETES_RULES.filter((rule) =>
      runKubernetesRule(rule, hardened).some((entry) =>
        entry.results.some((result) => result.status === 'fail'),
      ),
    ).map((rule) => rule.id);
    expect(failing).toEqual([]);
  });

  it('fails the classic insecure Pod on the host-level rules', () => {
    const insecure = manifest({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug' },
      spec: {
        hostPID: true,
        hostNetwork: true,
        containers: [{ name: 'shell', image: 'ubuntu', securityContext: { privileged: true } }],
        volumes: [{ name: 'root', hostPath: { path: '/' } }],
      },
    });
    const failing = new Set(
      KUBERNETES_RULES.filter((rule) =>
        runKubernetesRule(rule, insecure).some((entry) =>
          entry.results.some((result) => result.status === 'fail'),
        ),
      ).map((rule) => rule.id),
    );
    for (const id of [
      'ILM-K8S-001',
      'ILM-K8S-031',
      'ILM-K8S-033',
      'ILM-K8S-036',
      'ILM-K8S-038',
      'ILM-K8S-044',
      'ILM-K8S-054',
    ]) {
      expect(failing.has(id), id).toBe(true);
    }
  });

  it('never throws on malformed objects, and answers pass, fail or unknown', () => {
    const kinds = [
      'Pod',
      'Deployment',
      'CronJob',
      'InferenceService',
      'Role',
      'ClusterRole',
      'RoleBinding',
      'Service',
      'Ingress',
      'ServiceAccount',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue(), fc.jsonValue(), (kind, spec, extra) => {
        const object = {
          apiVersion: 'v1',
          kind,
          metadata: { name: 'x' },
          spec: kind === 'Deployment' ? { template: { spec } } : spec,
          rules: extra,
          subjects: extra,
        } as Record<string, unknown>;
        const view = {
          kind,
          apiVersion: 'v1',
          name: 'x',
          namespace: 'default',
          object,
          file: 'x.yaml',
          document: 0,
        };
        for (const rule of KUBERNETES_RULES) {
          const outcome = rule.check(view, KUBERNETES_RULE_CONTEXT);
          for (const result of Array.isArray(outcome) ? outcome : [outcome]) {
            expect(['pass', 'fail', 'unknown']).toContain(result.status);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
