#!/usr/bin/env node
// Records what the real Terraform CLI plans for each case under
// src/dataset/plan/__fixtures__/terraform-cases/<case>/ into <case>/expected.json:
// the (address, actions) of every resource change, or the error summaries when Terraform rejects it.
// The cases use only Terraform's built-in provider (terraform_data), so no download is needed.
//   node scripts/record-terraform-plans.js [case...]      (needs `terraform` on PATH)
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../src/dataset/plan/__fixtures__/terraform-cases/', import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(root)
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('terraform is not on PATH');
  process.exit(1);
}
const terraformVersion = JSON.parse(version.stdout).terraform_version;
const environment = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };

for (const name of names) {
  const work = mkdtempSync(join(tmpdir(), 'tf-record-'));
  const caseDirectory = join(root, name);
  const run = (args) =>
    spawnSync('terraform', args, { cwd: work, encoding: 'utf8', env: environment, timeout: 120_000 });
  // A case with a before/ folder is planned against a real prior state: before/ is applied first
  // (terraform_data needs no provider download), addresses in taint.txt are tainted, and the state
  // is recorded next to the case as terraform.tfstate.
  if (existsSync(join(caseDirectory, 'before'))) {
    cpSync(join(caseDirectory, 'before'), work, { recursive: true });
    run(['init', '-backend=false', '-input=false', '-no-color']);
    const applied = run(['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color']);
    if (applied.status !== 0) throw new Error(`${name}: apply of before/ failed: ${applied.stderr}`);
    if (existsSync(join(caseDirectory, 'taint.txt'))) {
      for (const address of readFileSync(join(caseDirectory, 'taint.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        run(['taint', '-lock=false', address]);
      }
    }
    for (const entry of readdirSync(work))
      if (entry.endsWith('.tf') || entry.endsWith('.tfvars')) rmSync(join(work, entry));
    copyFileSync(join(work, 'terraform.tfstate'), join(caseDirectory, 'terraform.tfstate'));
  }
  cpSync(caseDirectory, work, {
    recursive: true,
    filter: (source) =>
      !/(expected\.json|terraform\.tfstate|taint\.txt)$/.test(source) && !/[\\/]before([\\/]|$)/.test(source),
  });
  const diagnostics = (result) =>
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return undefined;
        }
      })
      .filter((entry) => entry?.type === 'diagnostic' && entry.diagnostic.severity === 'error')
      .map((entry) => ({
        summary: entry.diagnostic.summary,
        ...(entry.diagnostic.range
          ? { filename: entry.diagnostic.range.filename, line: entry.diagnostic.range.start.line }
          : {}),
      }));
  const init = run(['init', '-backend=false', '-input=false', '-no-color', '-json']);
  let expected;
  if (init.status !== 0) {
    expected = { errors: diagnostics(init) };
  } else {
    const plan = run(['plan', '-out=recorded.plan', '-input=false', '-lock=false', '-no-color', '-json']);
    if (plan.status !== 0) {
      expected = { errors: diagnostics(plan) };
    } else {
      const show = run(['show', '-json', 'recorded.plan']);
      const document = JSON.parse(show.stdout);
      expected = {
        resource_changes: (document.resource_changes ?? []).map((change) => ({
          address: change.address,
          actions: change.change.actions,
          ...(change.action_reason ? { action_reason: change.action_reason } : {}),
        })),
      };
    }
  }
  writeFileSync(
    join(root, name, 'expected.json'),
    `${JSON.stringify({ terraform_version: terraformVersion, ...expected }, null, 2)}\n`,
  );
  console.log(
    `${name}: ${expected.errors ? `rejected (${expected.errors.map((error) => error.summary).join('; ')})` : `${expected.resource_changes.length} changes`}`,
  );
  rmSync(work, { recursive: true, force: true });
}
