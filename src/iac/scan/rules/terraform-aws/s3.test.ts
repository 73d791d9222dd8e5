import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { S3_RULES } from './s3.js';

const rule = (id: string): TerraformRule => {
  const found = S3_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string | Record<string, string>) =>
  verdict(runTerraformRule(rule(id), text));

const bucket = (body = '') => `resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n${body}\n}\n`;

const kmsEncryption = `
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"
    }
  }
}`;

const aesEncryption = `
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = "my-bucket"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}`;

const publicAccessBlock = (settings: string) => `
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = aws_s3_bucket.b.id
${settings}
}`;

const allBlocked = `
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true`;

const cases: { id: string; failing: string; passing: string }[] = [
  { id: 'ILM-TF-AWS-001', failing: bucket(), passing: bucket() + aesEncryption },
  { id: 'ILM-TF-AWS-002', failing: bucket() + aesEncryption, passing: bucket() + kmsEncryption },
  { id: 'ILM-TF-AWS-003', failing: bucket() + aesEncryption, passing: bucket() + kmsEncryption },
  {
    id: 'ILM-TF-AWS-004',
    failing: bucket('  versioning {\n    enabled = false\n  }'),
    passing: `${bucket()}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
  },
  {
    id: 'ILM-TF-AWS-005',
    failing: bucket(),
    passing: `${bucket()}
resource "aws_s3_bucket_logging" "l" {
  bucket        = aws_s3_bucket.b.id
  target_bucket = "logs"
  target_prefix = "my-bucket/"
}`,
  },
  { id: 'ILM-TF-AWS-006', failing: bucket(), passing: bucket() + publicAccessBlock(allBlocked) },
  {
    id: 'ILM-TF-AWS-007',
    failing: bucket() + publicAccessBlock('  block_public_policy = true'),
    passing: bucket() + publicAccessBlock(allBlocked),
  },
  {
    id: 'ILM-TF-AWS-008',
    failing: bucket() + publicAccessBlock('  block_public_policy = false'),
    passing: bucket() + publicAccessBlock(allBlocked),
  },
  {
    id: 'ILM-TF-AWS-009',
    failing: bucket() + publicAccessBlock('  block_public_acls = true'),
    passing: bucket() + publicAccessBlock(allBlocked),
  },
  {
    id: 'ILM-TF-AWS-010',
    failing: bucket() + publicAccessBlock('  restrict_public_buckets = false'),
    passing: bucket() + publicAccessBlock(allBlocked),
  },
  {
    id: 'ILM-TF-AWS-011',
    failing: `${bucket()}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}`,
    passing: `${bucket()}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "private"
}`,
  },
  {
    id: 'ILM-TF-AWS-012',
    failing: bucket('  acl = "public-read-write"'),
    passing: bucket('  acl = "public-read"'),
  },
  {
    id: 'ILM-TF-AWS-013',
    failing: bucket(),
    passing: `${bucket()}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["\${aws_s3_bucket.b.arn}", "\${aws_s3_bucket.b.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}`,
  },
  {
    id: 'ILM-TF-AWS-014',
    failing: `${bucket()}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}`,
    passing: `${bucket()}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}`,
  },
  {
    id: 'ILM-TF-AWS-015',
    failing: bucket('  object_lock_configuration {\n    object_lock_enabled = "Disabled"\n  }'),
    passing: bucket('  object_lock_configuration {\n    object_lock_enabled = "Enabled"\n  }'),
  },
  {
    id: 'ILM-TF-AWS-016',
    failing: `${bucket()}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\${aws_s3_bucket.b.arn}/*" }]
}
POLICY
}`,
    passing: `${bucket()}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
    }]
  })
}`,
  },
];

describe('S3 rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('reads the legacy inline blocks too', () => {
    const inline = bucket(`  versioning {
    enabled = true
  }
  logging {
    target_bucket = "logs"
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }`);
    for (const id of ['ILM-TF-AWS-001', 'ILM-TF-AWS-002', 'ILM-TF-AWS-004', 'ILM-TF-AWS-005']) {
      expect(judge(id, inline), id).toBe('pass');
    }
  });

  it('matches a separate resource by bucket name, and ignores one for another bucket', () => {
    expect(judge('ILM-TF-AWS-001', bucket() + aesEncryption.replace('"my-bucket"', '"other-bucket"'))).toBe(
      'fail',
    );
    const twoBuckets = `${bucket()}
resource "aws_s3_bucket" "other" {
  bucket = "other"
}
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = aws_s3_bucket.other.id
}`;
    const outcomes = runTerraformRule(rule('ILM-TF-AWS-006'), twoBuckets);
    expect(outcomes.find((outcome) => outcome.resource === 'aws_s3_bucket.b')?.results[0]?.status).toBe(
      'fail',
    );
    expect(outcomes.find((outcome) => outcome.resource === 'aws_s3_bucket.other')?.results[0]?.status).toBe(
      'pass',
    );
  });

  it('is unknown, never failing, when a companion may point at the bucket', () => {
    const text = `variable "name" {}
${bucket()}
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = var.name
}`;
    expect(judge('ILM-TF-AWS-006', text)).toBe('unknown');
    expect(judge('ILM-TF-AWS-012', `variable "acl" {}\n${bucket('  acl = var.acl')}`)).toBe('unknown');
    expect(
      judge(
        'ILM-TF-AWS-007',
        `variable "on" {}\n${bucket()}${publicAccessBlock('  block_public_acls = var.on')}`,
      ),
    ).toBe('unknown');
  });

  it('follows an aws_iam_policy_document data source for the TLS policy', () => {
    const text = `${bucket()}
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.tls.json
}`;
    expect(judge('ILM-TF-AWS-013', text)).toBe('pass');
  });

  it('exempts log-delivery buckets from the customer-managed key rule', () => {
    const [outcome] = runTerraformRule(rule('ILM-TF-AWS-003'), bucket('  acl = "log-delivery-write"'));
    expect(outcome?.results).toEqual([]);
  });

  it('points the public access block finding at the attribute', () => {
    const [outcome] = runTerraformRule(
      rule('ILM-TF-AWS-008'),
      bucket() + publicAccessBlock('  block_public_policy = false'),
    );
    expect(outcome?.results[0]).toMatchObject({ status: 'fail', attribute: ['block_public_policy'] });
  });

  it('judges buckets inside modules with the companions of their module', () => {
    const files = {
      'main.tf': 'module "store" {\n  source = "./store"\n}\n',
      'store/main.tf': bucket() + publicAccessBlock(allBlocked),
    };
    expect(runTerraformRule(rule('ILM-TF-AWS-006'), files)).toEqual([
      { resource: 'module.store.aws_s3_bucket.b', results: [{ status: 'pass' }] },
    ]);
    const fromOutside = {
      'main.tf': `module "store" {
  source = "./store"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = module.store.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
      'store/main.tf': 'resource "aws_s3_bucket" "b" {}\noutput "id" {\n  value = aws_s3_bucket.b.id\n}\n',
    };
    expect(judge('ILM-TF-AWS-004', fromOutside)).toBe('unknown');
  });
});
