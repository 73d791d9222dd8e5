import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../types.js';
import { AWS_RULES } from './index.js';

const folder = dirname(fileURLToPath(import.meta.url));

describe('AWS_RULES', () => {
  it('has at least 85 rules with unique, contiguous ILM-TF-AWS-NNN ids', () => {
    expect(AWS_RULES.length).toBeGreaterThanOrEqual(85);
    const ids = AWS_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id, index) => {
      expect(id).toBe(`ILM-TF-AWS-${String(index + 1).padStart(3, '0')}`);
    });
  });

  it('gives every rule complete metadata', () => {
    for (const rule of AWS_RULES) {
      expect(rule.cwe, rule.id).toMatch(/^CWE-\d+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(10);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const reference of rule.references) expect(reference, rule.id).toMatch(/^https:\/\//);
      expect(SEVERITIES, rule.id).toContain(rule.severity);
      expect(rule.resourceTypes.length, rule.id).toBeGreaterThan(0);
      for (const type of rule.resourceTypes) expect(type, rule.id).toMatch(/^aws_[a-z0-9_]+$/);
    }
  });

  it('names equivalents in each tool own id format', () => {
    for (const rule of AWS_RULES) {
      for (const id of rule.equivalents.checkov) expect(id, rule.id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of rule.equivalents.trivy) expect(id, rule.id).toMatch(/^AVD-AWS-\d{4}$/);
      for (const id of rule.equivalents.kics)
        expect(id, rule.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    // One reference check maps to one rule: two rules claiming the same check would split its results.
    const claimed = AWS_RULES.flatMap((rule) => [
      ...rule.equivalents.checkov,
      ...rule.equivalents.trivy,
      ...rule.equivalents.kics,
    ]);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it('has failing and passing test cases for every rule in this folder', () => {
    const tests = readdirSync(folder)
      .filter((name) => name.endsWith('.test.ts') && name !== 'index.test.ts')
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('\n');
    for (const rule of AWS_RULES) {
      expect(tests, rule.id).toMatch(new RegExp(`id: '${rule.id}',\\s*failing:`));
    }
  });
});
