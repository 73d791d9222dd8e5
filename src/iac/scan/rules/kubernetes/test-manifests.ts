// Manifest builders and small assertions shared by the Kubernetes rule tests (no test runner here).

import { stringify } from 'yaml';
import { runKubernetesRule, verdict } from '../../../../test-support/scan-harness.js';
import type { KubernetesRule } from '../../types.js';

type Fields = Record<string, unknown>;
export type Verdict = ReturnType<typeof verdict>;
/** One test case: rule id, what it shows, the manifest, the expected verdict. */
export type RuleCase = [id: string, description: string, yaml: string, expected: Verdict];

/** Several objects as one multi-document YAML text. */
export function manifest(...objects: Fields[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

/** A container with a pinned image, extended by the fields given. */
export function container(fields: Fields = {}): Fields {
  return { name: 'app', image: 'registry.example.com/team/app:1.4.2', ...fields };
}

/** A Pod in the "apps" namespace. */
export function pod(spec: Fields, metadata: Fields = {}): string {
  return manifest({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'apps', ...metadata },
    spec,
  });
}

/** A Pod with one container built from the fields given, plus pod-level fields. */
export function podWith(containerFields: Fields, specFields: Fields = {}, metadata: Fields = {}): string {
  return pod({ containers: [container(containerFields)], ...specFields }, metadata);
}

/** A Deployment whose pod template has the spec and template metadata given. */
export function deployment(spec: Fields, templateMetadata: Fields = {}): string {
  return manifest({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' }, ...templateMetadata }, spec },
    },
  });
}

/** A CronJob running the pod spec given. */
export function cronJob(spec: Fields): string {
  return manifest({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'apps' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', ...spec } } } },
    },
  });
}

/** A KServe InferenceService with a framework predictor container. */
export function inferenceService(predictor: Fields): string {
  return manifest({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'iris', namespace: 'models' },
    spec: { predictor },
  });
}

/** A Role (or ClusterRole) with the rules given. */
export function role(rules: Fields[], kind: 'Role' | 'ClusterRole' = 'Role'): string {
  return manifest({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'Role' ? { name: 'reader', namespace: 'apps' } : { name: 'reader' },
    rules,
  });
}

/** The rule with this id (throws when the list has none, so a typo fails the test). */
export function ruleById(rules: readonly KubernetesRule[], id: string): KubernetesRule {
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** The verdict of a rule on a manifest. */
export function outcome(rules: readonly KubernetesRule[], id: string, yaml: string): Verdict {
  return verdict(runKubernetesRule(ruleById(rules, id), yaml));
}

/** The attribute paths of the failures of a rule on a manifest. */
export function failurePaths(
  rules: readonly KubernetesRule[],
  id: string,
  yaml: string,
): (string | number)[][] {
  return runKubernetesRule(ruleById(rules, id), yaml)
    .flatMap((entry) => entry.results)
    .flatMap((result) => (result.status === 'fail' ? [result.attribute ?? []] : []));
}

/** Rules of the list that lack a failing or a passing case. */
export function uncoveredRules(rules: readonly KubernetesRule[], cases: readonly RuleCase[]): string[] {
  return rules
    .filter(
      (rule) =>
        !cases.some(([id, , , expected]) => id === rule.id && expected === 'fail') ||
        !cases.some(([id, , , expected]) => id === rule.id && expected === 'pass'),
    )
    .map((rule) => rule.id);
}
