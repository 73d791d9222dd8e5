// ECR repository rules.

import { fail, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { requireOneOf, requireString, requireTrue, same } from './rule-helpers.js';

const ECR_DOCS = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide';

export const ECR_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-095',
    title: 'ECR repository scans images on push',
    severity: 'HIGH',
    category: 'supply-chain',
    cwe: 'CWE-1104',
    resourceTypes: ['aws_ecr_repository'],
    remediation: 'Add image_scanning_configuration { scan_on_push = true }.',
    references: [`${ECR_DOCS}/image-scanning.html`],
    equivalents: same({ checkov: ['CKV_AWS_163'], trivy: ['AVD-AWS-0030'] }),
    check: (repository) =>
      requireTrue(
        repository.values,
        ['image_scanning_configuration', 0, 'scan_on_push'],
        'Images are not scanned on push',
      ),
  },
  {
    id: 'ILM-TF-AWS-096',
    title: 'ECR repository tags are immutable',
    severity: 'HIGH',
    category: 'supply-chain',
    cwe: 'CWE-494',
    resourceTypes: ['aws_ecr_repository'],
    remediation: 'Set image_tag_mutability = "IMMUTABLE".',
    references: [`${ECR_DOCS}/image-tag-mutability.html`],
    equivalents: same({
      checkov: ['CKV_AWS_51'],
      trivy: ['AVD-AWS-0031'],
      kics: ['d1846b12-20c5-4d45-8798-fc35b79268eb'],
    }),
    check: (repository) =>
      requireOneOf(
        repository.values,
        ['image_tag_mutability'],
        ['IMMUTABLE'],
        'Image tags can be overwritten (MUTABLE)',
      ),
  },
  {
    id: 'ILM-TF-AWS-097',
    title: 'ECR repository is encrypted with KMS',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_ecr_repository'],
    remediation: 'Add encryption_configuration { encryption_type = "KMS" }.',
    references: [`${ECR_DOCS}/encryption-at-rest.html`],
    equivalents: same({ checkov: ['CKV_AWS_136'] }),
    check: (repository) =>
      requireOneOf(
        repository.values,
        ['encryption_configuration', 0, 'encryption_type'],
        ['KMS'],
        'Repository is not encrypted with KMS',
      ),
  },
  {
    id: 'ILM-TF-AWS-098',
    title: 'ECR repository is encrypted with a customer-managed KMS key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_ecr_repository'],
    remediation: 'Add encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.ecr.arn }.',
    references: [`${ECR_DOCS}/encryption-at-rest.html`],
    equivalents: same({ trivy: ['AVD-AWS-0033'] }),
    check(repository) {
      const type = stringAt(repository.values, ['encryption_configuration', 0, 'encryption_type']);
      if (type === 'unknown') return UNKNOWN_RESULT;
      if (type !== 'KMS')
        return fail(
          ['encryption_configuration'],
          'Repository is not encrypted with a customer-managed KMS key',
        );
      const key = requireString(
        repository.values,
        ['encryption_configuration', 0, 'kms_key'],
        'Repository uses the AWS-managed KMS key',
      );
      return key.status === 'pass' ? PASS : key;
    },
  },
];
