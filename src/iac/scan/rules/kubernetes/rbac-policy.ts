// Reading the rules of a Role or ClusterRole, and the two ways tools match them: Trivy compares list
// entries literally, Checkov lets "*" stand for any API group, verb or resource.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesObjectView } from '../../types.js';
import { isPlainObject, readList, readStrings } from './manifest-values.js';

/** One entry of `rules` with its lists read. */
export interface PolicyRule {
  index: number;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  /** Whether the rule sets apiGroups at all (Checkov never matches a rule without it). */
  hasApiGroups: boolean;
}

/** The rules of a role; an entry is 'unknown' when one of its lists is templated. */
export function policyRules(object: KubernetesObjectView): (PolicyRule | 'unknown')[] | 'unknown' {
  const rules = readList(object.object.rules);
  if (rules === 'unknown') return 'unknown';
  return (rules ?? []).flatMap((rule, index): (PolicyRule | 'unknown')[] => {
    if (!isPlainObject(rule)) return [];
    const lists = ['apiGroups', 'resources', 'verbs', 'resourceNames'].map((key) => readStrings(rule[key]));
    if (lists.includes('unknown')) return ['unknown'];
    const [apiGroups, resources, verbs, resourceNames] = lists as (string[] | undefined)[];
    return [
      {
        index,
        apiGroups: apiGroups ?? [],
        resources: resources ?? [],
        verbs: verbs ?? [],
        resourceNames: resourceNames ?? [],
        hasApiGroups: apiGroups !== undefined,
      },
    ];
  });
}

/** Literal match of any entry against any of the values (Trivy). */
export function listsAny(entries: string[], values: readonly string[]): boolean {
  return entries.some((entry) => values.includes(entry));
}

/** Fail every rule the predicate selects (pointing at it); unknown rules are unknown, never failures. */
export function failMatchingRules(
  object: KubernetesObjectView,
  matches: (rule: PolicyRule) => boolean,
  message: string,
): CheckResult[] {
  const rules = policyRules(object);
  if (rules === 'unknown') return [UNKNOWN_RESULT];
  const results = rules.map((rule) => {
    if (rule === 'unknown') return UNKNOWN_RESULT;
    return matches(rule) ? fail(['rules', rule.index], message) : PASS;
  });
  return results.length > 0 ? results : [PASS];
}

/** Fail when one rule matches `first` and a later rule matches `second` (Trivy's two-rule checks). */
export function failRulePairs(
  object: KubernetesObjectView,
  first: (rule: PolicyRule) => boolean,
  second: (rule: PolicyRule) => boolean,
  message: string,
): CheckResult {
  const rules = policyRules(object);
  if (rules === 'unknown') return UNKNOWN_RESULT;
  let unknown = false;
  for (const [position, rule] of rules.entries()) {
    if (rule === 'unknown') {
      unknown = true;
      continue;
    }
    if (!first(rule)) continue;
    for (const later of rules.slice(position + 1)) {
      if (later === 'unknown') unknown = true;
      else if (second(later)) return fail(['rules', rule.index], message);
    }
  }
  return unknown ? UNKNOWN_RESULT : PASS;
}

/** An operation as Checkov describes one: API groups, verbs and resources that together allow it. */
export interface RbacOperation {
  apiGroups: readonly string[];
  verbs: readonly string[];
  resources: readonly string[];
}

/** Checkov's rule_can: each list matches by value or by "*"; "*\/sub" matches any resource's subresource. */
export function ruleCan(rule: PolicyRule, operation: RbacOperation): boolean {
  const valueOrWildcard = (entries: string[], values: readonly string[]) =>
    entries.some((entry) => entry === '*' || values.includes(entry));
  const resourceMatches = rule.resources.some(
    (granted) =>
      granted === '*' ||
      operation.resources.some(
        (wanted) =>
          granted === wanted ||
          (wanted.includes('/') && granted.includes('/') && granted === `*/${wanted.split('/')[1]}`),
      ),
  );
  return (
    rule.hasApiGroups &&
    valueOrWildcard(rule.apiGroups, operation.apiGroups) &&
    valueOrWildcard(rule.verbs, operation.verbs) &&
    resourceMatches
  );
}

/** Checkov's RBAC verdict: fail when, for every operation, some rule can perform it. */
export function failWhenAllOperationsGranted(
  object: KubernetesObjectView,
  operations: readonly RbacOperation[],
  message: string,
): CheckResult {
  const rules = policyRules(object);
  if (rules === 'unknown') return UNKNOWN_RESULT;
  const known = rules.filter((rule): rule is PolicyRule => rule !== 'unknown');
  const granting = operations.map((operation) => known.find((rule) => ruleCan(rule, operation)));
  if (granting.every((rule) => rule !== undefined)) {
    return fail(['rules', granting[0]?.index ?? 0], message);
  }
  return known.length < rules.length ? UNKNOWN_RESULT : PASS;
}
