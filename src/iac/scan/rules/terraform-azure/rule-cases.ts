// Table-driven rule tests: each case names a rule and Terraform snippets with the verdict they must get.

import { describe, expect, test } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';

export interface RuleCase {
  id: string;
  /** Snippets the rule must fail. */
  fail: string[];
  /** Snippets the rule must pass. */
  pass: string[];
  /** Snippets whose values the rule cannot know: never a failure. */
  unknown?: string[];
}

/** Registers one vitest block per rule: every fail, pass and unknown snippet checked against the rule. */
export function describeRuleCases(rules: readonly TerraformRule[], cases: readonly RuleCase[]): void {
  for (const ruleCase of cases) {
    const rule = rules.find((candidate) => candidate.id === ruleCase.id);
    describe(`${ruleCase.id} ${rule?.title ?? '(missing rule)'}`, () => {
      test('exists', () => expect(rule).toBeDefined());
      if (!rule) return;
      ruleCase.fail.forEach((snippet, index) => {
        test(`fails bad snippet #${index + 1}`, () =>
          expect(verdict(runTerraformRule(rule, snippet))).toBe('fail'));
      });
      ruleCase.pass.forEach((snippet, index) => {
        test(`passes good snippet #${index + 1}`, () =>
          expect(verdict(runTerraformRule(rule, snippet))).toBe('pass'));
      });
      (ruleCase.unknown ?? []).forEach((snippet, index) => {
        test(`answers unknown, never fail, for unknown snippet #${index + 1}`, () => {
          expect(verdict(runTerraformRule(rule, snippet))).toBe('unknown');
        });
      });
    });
  }
}

/** Every case must exercise at least one failing and one passing snippet, and cover every rule. */
export function describeCaseCoverage(rules: readonly TerraformRule[], cases: readonly RuleCase[]): void {
  test('every rule has failing and passing cases', () => {
    for (const rule of rules) {
      const ruleCase = cases.find((candidate) => candidate.id === rule.id);
      expect(ruleCase, rule.id).toBeDefined();
      expect(ruleCase?.fail.length, rule.id).toBeGreaterThan(0);
      expect(ruleCase?.pass.length, rule.id).toBeGreaterThan(0);
    }
  });
}
