import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planDirectory } from '../dataset/plan/plan-directory.js';
import { renderPlan } from './plan-command.js';

const BIN = fileURLToPath(new URL('../../bin/infralm.js', import.meta.url));

function moduleDirectory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'infralm-plan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const MAIN = `
variable "names" { type = list(string) }
variable "prefix" {
  type    = string
  default = "default"
}
variable "sizes" {
  type    = map(number)
  default = {}
}
resource "aws_s3_bucket" "b" {
  for_each = toset(var.names)
  bucket   = "\${var.prefix}-\${each.key}"
}
resource "aws_instance" "i" {
  for_each      = var.sizes
  instance_type = each.value > 1 ? "large" : "small"
  user_data     = <<-EOT
    #!/bin/sh
    echo \${upper(each.key)}
  EOT
  tags = { config = file("\${path.module}/files/app.conf") }
}
`;

describe('planDirectory', () => {
  it('loads terraform.tfvars, then *.auto.tfvars in lexical order, then --var-file and --var in order', () => {
    const root = moduleDirectory({
      'main.tf': MAIN,
      'terraform.tfvars': 'names = ["a"]\nprefix = "tfvars"\n',
      'b.auto.tfvars': 'prefix = "auto-b"\n',
      'a.auto.tfvars.json': '{"prefix": "auto-a", "sizes": {"web": 2}}',
      'extra.tfvars': 'names = ["x", "y"]\n',
      'files/app.conf': 'port=80',
    });
    const autoOnly = planDirectory(root);
    expect(autoOnly.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(autoOnly.resource_changes.map((change) => change.address)).toEqual([
      'aws_instance.i["web"]',
      'aws_s3_bucket.b["a"]',
    ]);
    // b.auto.tfvars comes after a.auto.tfvars.json, so its prefix wins.
    expect(autoOnly.resource_changes[1]!.change.after).toEqual({ bucket: 'auto-b-a' });
    expect(autoOnly.resource_changes[0]!.change.after).toEqual({
      instance_type: 'large',
      user_data: '#!/bin/sh\necho WEB\n',
      tags: { config: 'port=80' },
    });

    const given = planDirectory(root, {
      varFile: [join(root, 'extra.tfvars')],
      var: ['prefix=cli', 'sizes={db = 1}'],
    });
    expect(given.resource_changes.map((change) => change.address)).toEqual([
      'aws_instance.i["db"]',
      'aws_s3_bucket.b["x"]',
      'aws_s3_bucket.b["y"]',
    ]);
    expect(given.resource_changes[2]!.change.after).toEqual({ bucket: 'cli-y' });
    expect(renderPlan(given)).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
  });

  it('rejects a value for an undeclared variable on the command line', () => {
    const root = moduleDirectory({ 'main.tf': MAIN, 'files/app.conf': '' });
    const result = planDirectory(root, { var: ['names=["a"]', 'nope=1'] });
    expect(result.diagnostics.map((diagnostic) => diagnostic.summary)).toContain(
      'Value for undeclared variable',
    );
    expect(result.resource_changes).toEqual([]);
  });
});

describe('infralm plan (CLI)', () => {
  it('prints the plan as JSON and exits 0, and exits 1 with located diagnostics on a broken module', () => {
    const root = moduleDirectory({ 'main.tf': 'resource "null_resource" "n" {\n  count = 2\n}\n' });
    const ok = spawnSync(process.execPath, [BIN, 'plan', root, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const document = JSON.parse(ok.stdout);
    expect(document.format_version).toBe('1.2');
    expect(document.resource_changes.map((change: { address: string }) => change.address)).toEqual([
      'null_resource.n[0]',
      'null_resource.n[1]',
    ]);

    const broken = moduleDirectory({
      'main.tf': 'resource "null_resource" "n" {\n  triggers = var.missing\n}\n',
    });
    const failed = spawnSync(process.execPath, [BIN, 'plan', broken, '--json'], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    const diagnostics = JSON.parse(failed.stdout).diagnostics;
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      summary: 'Reference to undeclared input variable',
      range: { filename: 'main.tf', start: { line: 2, column: 14 } },
    });
    const human = spawnSync(process.execPath, [BIN, 'plan', broken], { encoding: 'utf8' });
    expect(human.stdout).toContain('Error: Reference to undeclared input variable');
    expect(human.stdout).toContain('on main.tf line 2');
  });
});
