import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { IAM_RULES } from './iam.js';

const rule = (id: string): TerraformRule => {
  const found = IAM_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const policy = (action: string, resource: string) => `
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${action}, Resource = ${resource} }]
  })
}`;
const documentSource = (actions: string, resources: string) => `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ${actions}
    resources = ${resources}
  }
}`;
const passwordPolicy = (body: string) => `
resource "aws_iam_account_password_policy" "strict" {
${body}
}`;
const strictPassword = `  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  require_uppercase_characters   = true
  max_password_age               = 90`;

const trust = (principal: string) => `
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ${principal} }]
}
JSON
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  { id: 'ILM-TF-AWS-048', failing: policy('"*"', '"*"'), passing: policy('"*"', '"arn:aws:s3:::bucket/*"') },
  {
    id: 'ILM-TF-AWS-049',
    failing: documentSource('["*"]', '["*"]'),
    passing: documentSource('["s3:GetObject"]', '["*"]'),
  },
  {
    id: 'ILM-TF-AWS-050',
    failing: policy('["*"]', '"arn:aws:s3:::bucket/*"'),
    passing: policy('["s3:GetObject"]', '"*"'),
  },
  {
    id: 'ILM-TF-AWS-051',
    failing: documentSource('["*"]', '["arn:aws:s3:::b"]'),
    passing: documentSource('["s3:ListBucket"]', '["arn:aws:s3:::b"]'),
  },
  {
    id: 'ILM-TF-AWS-052',
    failing: policy('"s3:*"', '"*"'),
    passing: policy('["s3:GetObject", "s3:PutObject"]', '"*"'),
  },
  {
    id: 'ILM-TF-AWS-053',
    failing:
      'resource "aws_iam_user_policy_attachment" "a" {\n  user       = "alice"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}',
    passing:
      'resource "aws_iam_policy_attachment" "a" {\n  name       = "a"\n  groups     = ["readers"]\n  users      = []\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}',
  },
  {
    id: 'ILM-TF-AWS-054',
    failing: trust('{ "AWS": "*" }'),
    passing: trust('{ "Service": "ec2.amazonaws.com" }'),
  },
  {
    id: 'ILM-TF-AWS-055',
    failing: passwordPolicy('  minimum_password_length = 8'),
    passing: passwordPolicy(strictPassword),
  },
  {
    id: 'ILM-TF-AWS-056',
    failing: passwordPolicy('  password_reuse_prevention = 5'),
    passing: passwordPolicy(strictPassword),
  },
  { id: 'ILM-TF-AWS-057', failing: passwordPolicy(''), passing: passwordPolicy(strictPassword) },
  {
    id: 'ILM-TF-AWS-058',
    failing: passwordPolicy('  require_numbers = false'),
    passing: passwordPolicy(strictPassword),
  },
  { id: 'ILM-TF-AWS-059', failing: passwordPolicy(''), passing: passwordPolicy(strictPassword) },
  { id: 'ILM-TF-AWS-060', failing: passwordPolicy(''), passing: passwordPolicy(strictPassword) },
  {
    id: 'ILM-TF-AWS-061',
    failing: passwordPolicy('  max_password_age = 365'),
    passing: passwordPolicy(strictPassword),
  },
];

describe('IAM rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('reads heredoc policies with interpolated ARNs, keeping the rest decidable', () => {
    const text = `
resource "aws_s3_bucket" "b" {}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = <<JSON
{
  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "\${aws_s3_bucket.b.arn}" }]
}
JSON
}`;
    expect(judge('ILM-TF-AWS-050', text)).toBe('fail');
    // Whether the interpolated resource is "*" cannot be known: unknown, never a failure.
    expect(judge('ILM-TF-AWS-048', text)).toBe('unknown');
  });

  it('ignores Deny statements', () => {
    const deny = policy('"*"', '"*"').replace('Effect = "Allow"', 'Effect = "Deny"');
    expect(judge('ILM-TF-AWS-048', deny)).toBe('pass');
    expect(judge('ILM-TF-AWS-050', deny)).toBe('pass');
  });

  it('leaves policies built from a data source to the data source rule', () => {
    const text = `${documentSource('["*"]', '["*"]')}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}`;
    expect(runTerraformRule(rule('ILM-TF-AWS-048'), text)).toEqual([
      { resource: 'aws_iam_policy.p', results: [] },
    ]);
    expect(judge('ILM-TF-AWS-049', text)).toBe('fail');
  });

  it('follows a data source for trust policies', () => {
    const text = `
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}`;
    expect(judge('ILM-TF-AWS-054', text)).toBe('fail');
  });

  it('is unknown, never failing, when the policy text is only known after apply', () => {
    const text = `
variable "actions" {}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })
}`;
    expect(judge('ILM-TF-AWS-048', text)).toBe('unknown');
    expect(
      judge('ILM-TF-AWS-055', `variable "n" {}\n${passwordPolicy('  minimum_password_length = var.n')}`),
    ).toBe('unknown');
  });
});
