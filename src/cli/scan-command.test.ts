import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/infralm.js', import.meta.url));

function infralm(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'infralm-scan-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'infra/main.tf',
    [
      'resource "aws_security_group" "admin" {',
      '  name = "admin"',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  write('infra/broken.tf', 'resource "aws_s3_bucket" "x" {\n  bucket = \n}\n');
  write(
    'k8s/pod.yaml',
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: nginx:1.27',
      '      securityContext:',
      '        privileged: true',
      '',
    ].join('\n'),
  );
  return root;
}

interface RuleEntry {
  id: string;
  severity: string;
  resource_types: string[];
  equivalents: { checkov: string[]; trivy: string[]; kics: string[] };
}

describe('infralm rules', () => {
  it('lists at least 150 Terraform and 60 Kubernetes rules with unique ids and equivalents', () => {
    const { code, stdout } = infralm(['rules', '--format', 'json']);
    expect(code).toBe(0);
    const rules = JSON.parse(stdout).rules as RuleEntry[];
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    expect(rules.filter((rule) => rule.id.startsWith('ILM-TF-')).length).toBeGreaterThanOrEqual(150);
    expect(rules.filter((rule) => rule.id.startsWith('ILM-K8S-')).length).toBeGreaterThanOrEqual(60);
    for (const rule of rules)
      expect(Object.keys(rule.equivalents).sort()).toEqual(['checkov', 'kics', 'trivy']);
  });
});

describe('infralm scan', () => {
  const rules = JSON.parse(infralm(['rules', '--format', 'json']).stdout).rules as RuleEntry[];
  const ruleFor = (checkov: string) => rules.find((rule) => rule.equivalents.checkov.includes(checkov));

  it('prints the JSON contract, with paths relative to PATH, located findings and broken files as errors', () => {
    const root = project();
    const { code, stdout } = infralm(['scan', root, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.files_scanned).toBe(3);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ file: 'infra/broken.tf', line: 2 });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining([
          'rule_id',
          'severity',
          'category',
          'cwe',
          'file',
          'line',
          'column',
          'resource',
          'attribute',
          'message',
        ]),
      );
    }
    const ssh = ruleFor('CKV_AWS_24');
    expect(ssh, 'a rule equivalent to Checkov CKV_AWS_24 (SSH open to the world)').toBeDefined();
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule_id: ssh!.id,
        file: 'infra/main.tf',
        resource: 'aws_security_group.admin',
      }),
    );
    const privileged = ruleFor('CKV_K8S_16');
    expect(privileged, 'a rule equivalent to Checkov CKV_K8S_16 (privileged container)').toBeDefined();
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule_id: privileged!.id,
        file: 'k8s/pod.yaml',
        line: 10,
        resource: 'Pod.default.web',
      }),
    );
  });

  it('exits 1 with --fail-on when a finding reaches the severity, and writes SARIF and JUnit', () => {
    const root = project();
    expect(infralm(['scan', root, '--fail-on', 'high', '--format', 'json']).code).toBe(1);
    const sarif = JSON.parse(infralm(['scan', root, '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(infralm(['scan', root, '--format', 'junit']).stdout).toMatch(/^<\?xml/);
    expect(infralm(['scan', join(root, 'k8s'), '--format', 'text']).stdout).toContain('pod.yaml:10');
  });

  it("imports another scanner's report into the same shape, mapping its ids to ours", () => {
    const root = mkdtempSync(join(tmpdir(), 'infralm-import-'));
    // Hand-built in Checkov's documented `-o json` format.
    writeFileSync(
      join(root, 'checkov.json'),
      JSON.stringify({
        check_type: 'kubernetes',
        results: {
          passed_checks: [],
          failed_checks: [
            {
              check_id: 'CKV_K8S_16',
              check_name: 'Container should not be privileged',
              file_path: '/pod.yaml',
              file_line_range: [1, 10],
              resource: 'Pod.default.web',
              severity: null,
              guideline: '',
              check_class: 'checkov.kubernetes.checks.resource.k8s.PrivilegedContainers',
            },
          ],
          skipped_checks: [],
          parsing_errors: [],
        },
        summary: { passed: 0, failed: 1, skipped: 0, parsing_errors: 0, resource_count: 1 },
      }),
    );
    const { code, stdout } = infralm(['scan', '--import', join(root, 'checkov.json'), '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule_id: ruleFor('CKV_K8S_16')!.id,
      resource: 'Pod.default.web',
    });
  });
});
