// Every rule the scanner runs. Adding a rule is one entry in its service file; adding a rule family is
// one line here. The registry checks itself when it loads: unique ids, complete metadata.

import type { KubernetesRule, RuleMetadata, TerraformRule } from '../types.js';
import { KUBERNETES_RULES } from './kubernetes/index.js';
import { AWS_RULES } from './terraform-aws/index.js';
import { AZURE_RULES } from './terraform-azure/index.js';
import { GOOGLE_RULES } from './terraform-google/index.js';

export const TERRAFORM_RULES: readonly TerraformRule[] = [...AWS_RULES, ...AZURE_RULES, ...GOOGLE_RULES];
export const ALL_KUBERNETES_RULES: readonly KubernetesRule[] = KUBERNETES_RULES;

/** Problems with a rule set: duplicate ids, missing metadata. Empty when it is complete. */
export function ruleSetProblems(rules: readonly RuleMetadata[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push(`${rule.id}: duplicate id`);
    seen.add(rule.id);
    if (!/^ILM-(TF-(AWS|AZURE|GCP)|K8S)-\d{3}$/.test(rule.id))
      problems.push(`${rule.id}: id does not follow ILM-TF-<CLOUD>-NNN / ILM-K8S-NNN`);
    if (!/^CWE-\d+$/.test(rule.cwe)) problems.push(`${rule.id}: cwe "${rule.cwe}" is not CWE-<n>`);
    if (!rule.title || !rule.remediation) problems.push(`${rule.id}: title and remediation are required`);
    if (rule.resourceTypes.length === 0) problems.push(`${rule.id}: no resource types`);
  }
  return problems;
}

const problems = ruleSetProblems([...TERRAFORM_RULES, ...ALL_KUBERNETES_RULES]);
if (problems.length > 0) throw new Error(`rule registry is incomplete:\n${problems.join('\n')}`);

/** `infralm rules --format json`: the catalogue with equivalents. */
export function ruleCatalogue(): {
  rules: {
    id: string;
    title: string;
    severity: string;
    category: string;
    cwe: string;
    resource_types: string[];
    equivalents: RuleMetadata['equivalents'];
  }[];
} {
  return {
    rules: [...TERRAFORM_RULES, ...ALL_KUBERNETES_RULES].map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      category: rule.category,
      cwe: rule.cwe,
      resource_types: rule.resourceTypes,
      equivalents: rule.equivalents,
    })),
  };
}
