import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../../tasks/plan/memory-files.js';
import { loadModuleTree } from '../terraform/config/load-module-tree.js';
import { scanKubernetesText, scanTerraformTree } from './scan-engine.js';
import { findSuppressionComments, matchSuppression } from './suppressions.js';
import { boolAt, fail, PASS, UNKNOWN_RESULT, valueAt } from './terraform-values.js';
import type { KubernetesRule, TerraformRule } from './types.js';

// Two small rules written here to exercise the engine (the real catalogue has its own tests).
const VERSIONING: TerraformRule = {
  id: 'ILM-TF-AWS-900',
  title: 'Versioning enabled',
  severity: 'MEDIUM',
  category: 'backup',
  cwe: 'CWE-693',
  resourceTypes: ['aws_s3_bucket'],
  remediation: 'Enable versioning.',
  references: [],
  equivalents: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'], kics: [] },
  check(resource) {
    const enabled = boolAt(resource.values, ['versioning', 0, 'enabled']);
    if (enabled === 'unknown') return UNKNOWN_RESULT;
    return enabled === true
      ? PASS
      : fail(['versioning', 0, 'enabled'], `${resource.address} has no versioning`);
  },
};

const PRIVILEGED: KubernetesRule = {
  id: 'ILM-K8S-900',
  title: 'Privileged container',
  severity: 'HIGH',
  category: 'container',
  cwe: 'CWE-250',
  resourceTypes: ['*'],
  remediation: 'Do not run privileged.',
  references: [],
  equivalents: { checkov: ['CKV_K8S_16'], trivy: ['AVD-KSV-0017'], kics: [] },
  check(object, context) {
    return context
      .containers(object)
      .map(({ container, path }) =>
        valueAt(container as never, ['securityContext', 'privileged']) === true
          ? fail([...path, 'securityContext', 'privileged'])
          : PASS,
      );
  },
};

const TODAY = '2026-11-23';

function scanTerraform(files: Record<string, string>, suppressions = true) {
  const reader = memoryFiles(files);
  return scanTerraformTree(loadModuleTree('.', reader), [VERSIONING], {
    today: TODAY,
    suppressions,
    files: reader,
    displayPath: (filename) => filename,
    readText: (filename) => files[filename],
  });
}

describe('scanTerraformTree', () => {
  it('locates a finding at the offending attribute, or at the block header when it is missing', () => {
    const { findings } = scanTerraform({
      'main.tf':
        'resource "aws_s3_bucket" "a" {\n  versioning {\n    enabled = false\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    });
    expect(
      findings.map((finding) => [finding.resource, finding.line, finding.column, finding.attribute]),
    ).toEqual([
      ['aws_s3_bucket.a', 3, 5, 'versioning.0.enabled'],
      ['aws_s3_bucket.b', 7, 1, 'versioning.0.enabled'],
    ]);
    expect(findings[0]).toMatchObject({
      rule_id: 'ILM-TF-AWS-900',
      severity: 'MEDIUM',
      file: 'main.tf',
      message: 'aws_s3_bucket.a has no versioning',
    });
  });

  it('never fails on an unknown value, and evaluates variables with their defaults', () => {
    const { findings } = scanTerraform({
      'main.tf':
        'variable "on" {\n  default = false\n}\nresource "aws_kms_key" "k" {}\nresource "aws_s3_bucket" "a" {\n  versioning {\n    enabled = aws_kms_key.k.enable_key_rotation\n  }\n}\nresource "aws_s3_bucket" "b" {\n  versioning {\n    enabled = var.on\n  }\n}\n',
    });
    expect(findings.map((finding) => finding.resource)).toEqual(['aws_s3_bucket.b']);
  });

  it('reports findings inside modules at the module file, with the module call location', () => {
    const { findings } = scanTerraform({
      'main.tf': 'module "store" {\n  source = "./store"\n  count  = 2\n}\n',
      'store/main.tf': 'resource "aws_s3_bucket" "this" {}\n',
    });
    expect(findings.map((finding) => finding.resource)).toEqual([
      'module.store[0].aws_s3_bucket.this',
      'module.store[1].aws_s3_bucket.this',
    ]);
    expect(findings[0]!.file).toBe('store/main.tf');
    expect(findings[0]!.module_calls).toEqual([{ file: 'main.tf', line: 1, column: 1 }]);
  });

  it('honours infralm, checkov and trivy suppressions, with expiry, unless suppressions are off', () => {
    const files = {
      'main.tf': [
        '# infralm:ignore:ILM-TF-AWS-900 archive bucket, versioning not wanted',
        'resource "aws_s3_bucket" "a" {}',
        'resource "aws_s3_bucket" "b" {',
        '  #checkov:skip=CKV_AWS_21:handled elsewhere',
        '}',
        '#trivy:ignore:AVD-AWS-0090:exp:2020-01-01',
        'resource "aws_s3_bucket" "c" {}',
        'resource "aws_s3_bucket" "d" { # infralm:ignore:ILM-TF-AWS-900 temporary exp:2099-12-31',
        '}',
        'resource "aws_s3_bucket" "e" {',
        '  #checkov:skip=CKV_AWS_999:another check',
        '}',
      ].join('\n'),
    };
    const { findings } = scanTerraform(files);
    const byResource = Object.fromEntries(
      findings.map((finding) => [finding.resource, finding.suppressed ?? null]),
    );
    expect(byResource).toEqual({
      'aws_s3_bucket.a': { reason: 'archive bucket, versioning not wanted', source: 'infralm' },
      'aws_s3_bucket.b': { reason: 'handled elsewhere', source: 'checkov' },
      'aws_s3_bucket.c': null, // expired
      'aws_s3_bucket.d': { reason: 'temporary', source: 'infralm', expires: '2099-12-31' },
      'aws_s3_bucket.e': null, // a Checkov id the rule does not declare
    });
    expect(scanTerraform(files, false).findings.every((finding) => finding.suppressed === undefined)).toBe(
      true,
    );
  });
});

describe('scanKubernetesText', () => {
  it('checks every pod-spec kind and locates the attribute in multi-document files', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: job',
      '              image: busybox:1.36',
      '              securityContext:',
      '                privileged: true',
    ].join('\n');
    const { findings, objects } = scanKubernetesText(yaml, 'cron.yaml', [PRIVILEGED], { today: TODAY });
    expect(objects).toBe(2);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      resource: 'CronJob.default.nightly',
      line: 18,
      column: 17,
      attribute: 'spec.jobTemplate.spec.template.spec.containers.0.securityContext.privileged',
    });
  });

  it('reports a broken document as an error and keeps scanning the others', () => {
    const yaml =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, securityContext: {privileged: true}}]}\n---\nkey: [unclosed\n';
    const { findings, errors } = scanKubernetesText(yaml, 'mixed.yaml', [PRIVILEGED], { today: TODAY });
    expect(findings).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBeGreaterThan(5);
  });
});

describe('suppression comments', () => {
  it('parses ids, reasons and expiry dates', () => {
    expect(
      findSuppressionComments(
        '# infralm:ignore:ILM-K8S-001 reason here exp:2030-01-02\n// trivy:ignore:AVD-KSV-0017\n',
      ),
    ).toEqual([
      { line: 1, source: 'infralm', id: 'ILM-K8S-001', reason: 'reason here', expires: '2030-01-02' },
      { line: 2, source: 'trivy', id: 'AVD-KSV-0017', reason: '' },
    ]);
    const comments = findSuppressionComments('#trivy:ignore:AVD-AWS-0090\n');
    const target = {
      ruleId: 'X',
      equivalents: { checkov: [], trivy: ['AVD-AWS-0090'], kics: [] },
      line: 2,
      blockStart: 2,
      blockEnd: 4,
    };
    expect(matchSuppression(comments, target, TODAY)?.source).toBe('trivy');
    expect(matchSuppression(comments, { ...target, line: 4, blockStart: 3 }, TODAY)).toBeUndefined();
  });
});
