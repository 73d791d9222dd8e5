import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { EKS_RULES } from './eks.js';
import { KMS_RULES } from './kms.js';

const rule = (id: string): TerraformRule => {
  const found = [...EKS_RULES, ...KMS_RULES].find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const eks = (vpcConfig: string, body = '') => `
resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
${vpcConfig}
  }
${body}
}`;

const keyPolicy = (principal: string) => `
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Use"
      Effect    = "Allow"
      Principal = ${principal}
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  {
    id: 'ILM-TF-AWS-042',
    failing: eks(''),
    passing: eks('    endpoint_public_access = false\n    endpoint_private_access = true'),
  },
  {
    id: 'ILM-TF-AWS-043',
    failing: eks('    public_access_cidrs = ["0.0.0.0/0"]'),
    passing: eks('    public_access_cidrs = ["203.0.113.0/24"]'),
  },
  {
    id: 'ILM-TF-AWS-044',
    failing: eks('', '  enabled_cluster_log_types = ["api", "audit"]'),
    passing: eks(
      '',
      '  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]',
    ),
  },
  {
    id: 'ILM-TF-AWS-045',
    failing: eks(''),
    passing: eks(
      '',
      `  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"
    }
  }`,
    ),
  },
  {
    id: 'ILM-TF-AWS-046',
    failing: 'resource "aws_kms_key" "k" {\n  description = "app"\n}',
    passing: 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}',
  },
  {
    id: 'ILM-TF-AWS-047',
    failing: keyPolicy('"*"'),
    passing: keyPolicy('{ AWS = "arn:aws:iam::111122223333:root" }'),
  },
];

describe('EKS and KMS rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('does not ask for rotation on signing or asymmetric keys', () => {
    const signing =
      'resource "aws_kms_key" "k" {\n  key_usage = "SIGN_VERIFY"\n  customer_master_key_spec = "RSA_2048"\n}';
    expect(runTerraformRule(rule('ILM-TF-AWS-046'), signing)[0]?.results).toEqual([]);
  });

  it('passes the CIDR rule when the public endpoint is off', () => {
    expect(judge('ILM-TF-AWS-043', eks('    endpoint_public_access = false'))).toBe('pass');
  });

  it('is unknown, never failing, for values known only after apply', () => {
    const text = `resource "aws_eip" "e" {}\n${eks(`    public_access_cidrs = ["\${aws_eip.e.public_ip}/32"]`)}`;
    expect(judge('ILM-TF-AWS-043', text)).toBe('unknown');
    expect(
      judge(
        'ILM-TF-AWS-046',
        'variable "rotate" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.rotate\n}',
      ),
    ).toBe('unknown');
  });
});
