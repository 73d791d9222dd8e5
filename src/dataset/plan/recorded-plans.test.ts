import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  resource_changes?: { address: string; actions: string[]; action_reason?: string }[];
  errors?: { summary: string; filename?: string; line?: number }[];
}

const pairs = (changes: { address: string; actions: string[] }[]) =>
  changes.map((change) => `${change.address} ${change.actions.join('+')}`).sort();

describe('static planner against plans recorded from Terraform', () => {
  for (const name of readdirSync(cases).sort()) {
    const recorded = JSON.parse(readFileSync(join(cases, name, 'expected.json'), 'utf8')) as Recorded;
    it(name, () => {
      const statePath = join(cases, name, 'terraform.tfstate');
      const result = planDirectory(join(cases, name), existsSync(statePath) ? { state: statePath } : {});
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      if (recorded.errors) {
        expect(errors.length, 'Terraform rejected this configuration').toBeGreaterThan(0);
        expect(result.resource_changes).toEqual([]);
        // Terraform's first error summary is among ours.
        expect(errors.map((error) => error.summary)).toContain(recorded.errors[0]!.summary);
        return;
      }
      expect(errors.map((error) => `${error.summary}: ${error.detail}`)).toEqual([]);
      // Update against replace needs the provider schema: where the planner says so (undecided), an
      // `update` it predicts may be Terraform's update or replace; everything else must match exactly.
      const undecided = new Set(result.undecided.map((entry) => entry.address));
      const recordedChanges = (recorded.resource_changes ?? []).map((change) =>
        undecided.has(change.address) &&
        ['update', 'delete+create', 'create+delete'].includes(change.actions.join('+'))
          ? { address: change.address, actions: ['update'] }
          : change,
      );
      expect(
        pairs(
          result.resource_changes.map((change) => ({
            address: change.address,
            actions: change.change.actions,
          })),
        ),
      ).toEqual(pairs(recordedChanges));
      for (const change of recorded.resource_changes ?? []) {
        if (!change.action_reason || undecided.has(change.address)) continue;
        expect(
          result.resource_changes.find((item) => item.address === change.address)?.action_reason,
          change.address,
        ).toBe(change.action_reason);
      }
      // The same order as terraform show -json, too.
      expect(result.resource_changes.map((change) => change.address)).toEqual(
        (recorded.resource_changes ?? []).map((change) => change.address),
      );
    });
  }
});
