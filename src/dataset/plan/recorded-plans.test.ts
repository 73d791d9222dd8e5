import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planDirectory } from './plan-directory.js';

// Each case under __fixtures__/terraform-cases was planned by the real Terraform CLI (1.11.4, built-in
// provider only) with scripts/record-terraform-plans.js; expected.json is what it printed. The static
// planner must give the same set of (address, actions) — or flag every configuration Terraform rejected.
const cases = fileURLToPath(new URL('./__fixtures__/terraform-cases/', import.meta.url));

interface Recorded {
  terraform_version: string;
  resource_changes?: { address: string; actions: string[] }[];
  errors?: { summary: string; filename?: string; line?: number }[];
}

const pairs = (changes: { address: string; actions: string[] }[]) =>
  changes.map((change) => `${change.address} ${change.actions.join('+')}`).sort();

describe('static planner against plans recorded from Terraform', () => {
  for (const name of readdirSync(cases).sort()) {
    const recorded = JSON.parse(readFileSync(join(cases, name, 'expected.json'), 'utf8')) as Recorded;
    it(name, () => {
      const result = planDirectory(join(cases, name));
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      if (recorded.errors) {
        expect(errors.length, 'Terraform rejected this configuration').toBeGreaterThan(0);
        expect(result.resource_changes).toEqual([]);
        // Terraform's first error summary is among ours.
        expect(errors.map((error) => error.summary)).toContain(recorded.errors[0]!.summary);
        return;
      }
      expect(errors.map((error) => `${error.summary}: ${error.detail}`)).toEqual([]);
      expect(
        pairs(
          result.resource_changes.map((change) => ({
            address: change.address,
            actions: change.change.actions,
          })),
        ),
      ).toEqual(pairs(recorded.resource_changes ?? []));
      // The same order as terraform show -json, too.
      expect(result.resource_changes.map((change) => change.address)).toEqual(
        (recorded.resource_changes ?? []).map((change) => change.address),
      );
    });
  }
});
