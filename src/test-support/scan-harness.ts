// Runs one rule on a Terraform or Kubernetes snippet, the way the scanner does, for rule tests.
import { KUBERNETES_RULE_CONTEXT, parseKubernetesFile } from '../iac/scan/kubernetes-model.js';
import { buildTerraformScanModel } from '../iac/scan/terraform-model.js';
import type { CheckResult, KubernetesRule, TerraformResourceView, TerraformRule } from '../iac/scan/types.js';
import { loadModuleTree } from '../iac/terraform/config/load-module-tree.js';
import { memoryFiles } from '../tasks/plan/memory-files.js';

export interface RuleOutcome {
  resource: string;
  results: CheckResult[];
}

/** The rule's results on every resource of its types in a Terraform module ({'main.tf': text} or text). */
export function runTerraformRule(rule: TerraformRule, files: Record<string, string> | string): RuleOutcome[] {
  const reader = memoryFiles(typeof files === 'string' ? { 'main.tf': files } : files);
  const model = buildTerraformScanModel(loadModuleTree('.', reader), reader);
  const errors = model.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.some((error) => error.summary !== 'No value for required variable')) {
    throw new Error(
      `snippet does not evaluate: ${errors.map((error) => `${error.summary}: ${error.detail}`).join('; ')}`,
    );
  }
  return model.resources
    .filter((resource: TerraformResourceView) => rule.resourceTypes.includes(resource.type))
    .map((resource) => {
      const outcome = rule.check(resource, model.context);
      return { resource: resource.address, results: Array.isArray(outcome) ? outcome : [outcome] };
    });
}

/** The rule's results on every object of a YAML text whose kind it covers ('*' = any kind with a pod spec). */
export function runKubernetesRule(rule: KubernetesRule, yaml: string): RuleOutcome[] {
  const parsed = parseKubernetesFile(yaml, 'test.yaml');
  if (parsed.errors.length > 0) throw new Error(`snippet does not parse: ${parsed.errors[0]!.message}`);
  return parsed.objects
    .filter(
      ({ view }) =>
        rule.resourceTypes.includes(view.kind) ||
        (rule.resourceTypes.includes('*') && KUBERNETES_RULE_CONTEXT.podSpecs(view).length > 0),
    )
    .map(({ view }) => {
      const outcome = rule.check(view, KUBERNETES_RULE_CONTEXT);
      return {
        resource: `${view.kind}.${view.namespace}.${view.name}`,
        results: Array.isArray(outcome) ? outcome : [outcome],
      };
    });
}

/** 'fail' when any result fails, 'unknown' when none fails but one is unknown, else 'pass'. */
export function verdict(outcomes: RuleOutcome[]): 'fail' | 'pass' | 'unknown' | 'not-applicable' {
  if (outcomes.length === 0) return 'not-applicable';
  const results = outcomes.flatMap((outcome) => outcome.results);
  if (results.some((result) => result.status === 'fail')) return 'fail';
  if (results.some((result) => result.status === 'unknown')) return 'unknown';
  return 'pass';
}
