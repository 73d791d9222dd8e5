import { describe, expect, test } from 'vitest';
import { AZURE_RULES } from './index.js';

describe('AZURE_RULES', () => {
  test('has at least 40 rules with unique, contiguous ILM-TF-AZURE ids', () => {
    expect(AZURE_RULES.length).toBeGreaterThanOrEqual(40);
    const ids = AZURE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ids.map((_, index) => `ILM-TF-AZURE-${String(index + 1).padStart(3, '0')}`));
  });

  test('every rule has complete metadata', () => {
    for (const rule of AZURE_RULES) {
      expect(rule.cwe, rule.id).toMatch(/^CWE-\d+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(10);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const reference of rule.references) expect(reference, rule.id).toMatch(/^https:\/\//);
      expect(rule.resourceTypes.length, rule.id).toBeGreaterThan(0);
      for (const type of rule.resourceTypes) expect(type, rule.id).toMatch(/^azurerm_/);
    }
  });

  test('equivalents use each tool\u2019s id format', () => {
    for (const rule of AZURE_RULES) {
      for (const id of rule.equivalents.checkov) expect(id, rule.id).toMatch(/^CKV2?_AZURE_\d+$/);
      for (const id of rule.equivalents.trivy)
        expect(id, rule.id).toMatch(/^(AVD-AZU-\d{4}|azure-[a-z0-9-]+)$/);
      for (const id of rule.equivalents.kics) expect(id, rule.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test('no Checkov id is claimed by two rules', () => {
    const claimed = AZURE_RULES.flatMap((rule) => rule.equivalents.checkov);
    expect(new Set(claimed).size).toBe(claimed.length);
  });
});
