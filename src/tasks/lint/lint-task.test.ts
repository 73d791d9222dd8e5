import { describe, expect, it } from 'vitest';
import type { Document, Example, Scored, StepContext } from '../../core/types.js';
import { boolAt, fail, PASS, UNKNOWN_RESULT, valueAt } from '../../iac/scan/terraform-values.js';
import type { KubernetesRule, TerraformRule } from '../../iac/scan/types.js';
import { buildLintExamples } from './build.js';
import { explain, labelFor, lintTarget } from './label.js';
import { scoreLint } from './metrics.js';
import { completionRecord, parseLintAnswer, renderLintAnswer } from './prompt.js';
import type { LintFinding, LintInput, LintTarget } from './types.js';

const finding = (severity: LintFinding['severity'], line = 1): LintFinding => ({
  rule_id: `R-${severity}`,
  severity,
  category: 'encryption',
  file: 'main.tf',
  line,
  resource: 'aws_s3_bucket.b',
  message: `${severity} problem`,
});

describe('lint labels', () => {
  it('is INSECURE when a finding reaches the threshold (HIGH by default, as Axon labels)', () => {
    expect(labelFor([])).toBe('SECURE');
    expect(labelFor([finding('MEDIUM')])).toBe('SECURE');
    expect(labelFor([finding('HIGH')])).toBe('INSECURE');
    expect(labelFor([finding('MEDIUM')], { threshold: 'MEDIUM' })).toBe('INSECURE');
    expect(explain([finding('LOW', 9), finding('CRITICAL', 3)], 'INSECURE')).toBe(
      'Insecure: CRITICAL R-CRITICAL at main.tf:3 (aws_s3_bucket.b): CRITICAL problem; LOW R-LOW at main.tf:9 (aws_s3_bucket.b): LOW problem.',
    );
  });

  it('renders and parses answers in chat (JSON) and completion form', () => {
    const target = lintTarget([finding('HIGH')]);
    expect(parseLintAnswer(renderLintAnswer(target).content as string)).toEqual(target);
    const record = completionRecord(
      { language: 'terraform', files: [{ path: 'main.tf', content: 'x = 1\n' }] },
      target,
    );
    expect(record.text).toBe(`${record.prompt}\n\n${record.completion}`);
    expect(parseLintAnswer(record.completion).label).toBe('INSECURE');
    expect(parseLintAnswer('This looks SECURE to me.').label).toBe('SECURE');
    expect(() => parseLintAnswer('no idea')).toThrow(/neither SECURE nor INSECURE/);
  });
});

describe('lint metrics (INSECURE positive)', () => {
  let next = 0;
  const pair = (
    predicted: 'SECURE' | 'INSECURE' | undefined,
    actual: 'SECURE' | 'INSECURE',
    language = 'terraform',
  ): Scored<LintTarget> => ({
    id: String(next++),
    prediction: predicted ? { label: predicted, findings: [], explanation: '' } : undefined,
    target: { label: actual, findings: [], explanation: '' },
    strata: { language, category: 'encryption' },
  });

  it('matches hand-computed values', () => {
    // tp 2, fp 1, fn 1, tn 1 → accuracy 3/5, precision 2/3, recall 2/3, F1 2/3
    const metrics = scoreLint([
      pair('INSECURE', 'INSECURE'),
      pair('INSECURE', 'INSECURE'),
      pair('INSECURE', 'SECURE'),
      pair('SECURE', 'INSECURE', 'kubernetes'),
      pair('SECURE', 'SECURE', 'kubernetes'),
    ]);
    expect(metrics.values).toMatchObject({
      accuracy: 0.6,
      true_positives: 2,
      false_positives: 1,
      false_negatives: 1,
      true_negatives: 1,
    });
    expect(metrics.values.precision).toBeCloseTo(2 / 3);
    expect(metrics.values.f1).toBeCloseTo(2 / 3);
    expect(metrics.by?.language?.kubernetes?.recall).toBe(0);
  });

  it('handles no positives, all wrong and failed predictions', () => {
    expect(scoreLint([pair('SECURE', 'SECURE')]).values).toMatchObject({
      accuracy: 1,
      precision: 0,
      recall: 0,
      f1: 0,
    });
    expect(scoreLint([pair('SECURE', 'INSECURE'), pair('INSECURE', 'SECURE')]).values).toMatchObject({
      accuracy: 0,
      f1: 0,
    });
    expect(scoreLint([pair(undefined, 'INSECURE')]).values).toMatchObject({
      recall: 0,
      parse_failure_rate: 1,
    });
  });
});

describe('buildLintExamples', () => {
  const versioning: TerraformRule = {
    id: 'ILM-TF-AWS-901',
    title: 'Versioning',
    severity: 'HIGH',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_s3_bucket'],
    remediation: 'Enable versioning.',
    references: [],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const enabled = boolAt(resource.values, ['versioning', 0, 'enabled']);
      if (enabled === 'unknown') return UNKNOWN_RESULT;
      return enabled ? PASS : fail(['versioning']);
    },
  };
  const privileged: KubernetesRule = {
    id: 'ILM-K8S-901',
    title: 'Privileged',
    severity: 'CRITICAL',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'No.',
    references: [],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check: (object, context) =>
      context
        .containers(object)
        .map(({ container, path }) =>
          valueAt(container as never, ['securityContext', 'privileged']) === true
            ? fail([...path, 'securityContext'])
            : PASS,
        ),
  };

  it('labels Terraform modules and Kubernetes files with the scanner and drops Helm templates', async () => {
    const documents: Document[] = Object.entries({
      'secure/main.tf': 'resource "aws_s3_bucket" "b" {\n  versioning {\n    enabled = true\n  }\n}\n',
      'insecure/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'k8s/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        privileged: true\n',
      'chart/templates/d.yaml': 'kind: {{ .Values.kind }}\n',
    }).map(([path, text]) => ({
      id: path,
      text,
      source: { kind: 'directory', repo: 'o/r', path, license: 'MIT' },
    }));
    const drops: string[] = [];
    const context: StepContext = { count: () => {}, drop: (_item, reason) => drops.push(reason) };
    async function* stream() {
      yield* documents;
    }
    const examples: Example<LintInput, LintTarget>[] = [];
    for await (const example of buildLintExamples({
      terraformRules: [versioning],
      kubernetesRules: [privileged],
    })(stream(), context))
      examples.push(example);
    expect(
      examples.map((example) => [example.source.path, example.target.label, example.strata.language]),
    ).toEqual([
      ['insecure', 'INSECURE', 'terraform'],
      ['secure', 'SECURE', 'terraform'],
      ['k8s/pod.yaml', 'INSECURE', 'kubernetes'],
    ]);
    expect(examples[2]!.target.findings[0]).toMatchObject({
      rule_id: 'ILM-K8S-901',
      line: 9,
      resource: 'Pod.default.p',
    });
    expect(drops).toEqual(['helm-template']);
  });

  it('writes inputs redacted line for line, labelled on the original text', async () => {
    const secret = 'Sup3rS3cretPw!';
    const key = 'AKIAQ3EGRTYWLK7MZX2P';
    const documents: Document[] = Object.entries({
      'db/main.tf': `resource "aws_s3_bucket" "b" {}\n\nresource "aws_db_instance" "d" {\n  password = "${secret}"\n}\n`,
      'keys/main.tf': `resource "aws_s3_bucket" "b" {}\nlocals {\n  pem = <<EOT\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\nEOT\n  id = "${key}"\n}\n`,
    }).map(([path, text]) => ({
      id: path,
      text,
      source: { kind: 'directory', repo: 'o/r', path, license: 'MIT' },
    }));
    const drops: string[] = [];
    const counts: Record<string, number> = {};
    const context: StepContext = {
      count: (name, n = 1) => {
        counts[name] = (counts[name] ?? 0) + n;
      },
      drop: (_item, reason) => drops.push(reason),
    };
    async function* stream() {
      yield* documents;
    }
    const examples: Example<LintInput, LintTarget>[] = [];
    for await (const example of buildLintExamples({ terraformRules: [versioning], kubernetesRules: [] })(
      stream(),
      context,
    ))
      examples.push(example);
    const text = JSON.stringify(examples);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(key);
    expect(examples.map((example) => example.source.path)).toEqual(['db']);
    expect(examples[0]!.input.files[0]!.content).toContain('password = "REDACTED_CREDS"');
    expect(examples[0]!.target).toMatchObject({
      label: 'INSECURE',
      findings: [{ rule_id: 'ILM-TF-AWS-901', line: 1 }],
    });
    // A private key collapses to one line, which would move the findings below it: that module is dropped.
    expect(drops).toEqual(['redaction-changed-lines']);
    expect(counts['redactions:credential_field']).toBe(1);
  });
});
