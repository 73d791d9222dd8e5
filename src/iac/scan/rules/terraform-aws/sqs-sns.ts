// SQS queue and SNS topic rules.

import { fail, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { allows, policyDocumentAt } from './policy-documents.js';
import { listIncludes, NOT_APPLICABLE, requireString, same } from './rule-helpers.js';

export const SQS_SNS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-087',
    title: 'SQS queue is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_sqs_queue'],
    remediation: 'Set kms_master_key_id (SSE-KMS) or sqs_managed_sse_enabled = true (SSE-SQS).',
    references: [
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    ],
    equivalents: same({ checkov: ['CKV_AWS_27'], trivy: ['AVD-AWS-0096'] }),
    check(queue) {
      const key = stringAt(queue.values, ['kms_master_key_id']);
      if (key === 'unknown' || (key !== undefined && key.trim() !== '')) return PASS;
      const managed = stringAt(queue.values, ['sqs_managed_sse_enabled']);
      if (managed === 'true') return PASS;
      if (managed === 'unknown') return UNKNOWN_RESULT;
      return fail(['kms_master_key_id'], 'Queue is not encrypted');
    },
  },
  {
    id: 'ILM-TF-AWS-088',
    title: 'SQS queue policy does not allow all actions',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-732',
    resourceTypes: ['aws_sqs_queue', 'aws_sqs_queue_policy'],
    remediation:
      'Allow only the SQS actions the principals need (e.g. "sqs:SendMessage"), never "*" or "sqs:*".',
    references: [
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    ],
    equivalents: same({ trivy: ['AVD-AWS-0097'] }),
    check(resource, context) {
      const document = policyDocumentAt(resource, 'policy', context);
      if (document === undefined) return NOT_APPLICABLE;
      if (document === 'unknown') return UNKNOWN_RESULT;
      let unknown = document.incomplete;
      for (const statement of document.statements) {
        const allowed = allows(statement);
        const wildcard = listIncludes(
          statement.actions,
          (action) => action === '*' || action.toLowerCase() === 'sqs:*',
        );
        if (allowed === true && wildcard === true)
          return fail(['policy'], 'Queue policy allows all SQS actions');
        if (allowed !== false && wildcard !== false) unknown = true;
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-AWS-089',
    title: 'SNS topic is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_sns_topic'],
    remediation: 'Set kms_master_key_id to a KMS key.',
    references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
    equivalents: same({ checkov: ['CKV_AWS_26'], trivy: ['AVD-AWS-0095'] }),
    check: (topic) => requireString(topic.values, ['kms_master_key_id'], 'Topic is not encrypted'),
  },
  {
    id: 'ILM-TF-AWS-090',
    title: 'SNS topic is encrypted with a customer-managed KMS key',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_sns_topic'],
    remediation: 'Set kms_master_key_id to a customer-managed key instead of alias/aws/sns.',
    references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html'],
    equivalents: same({ trivy: ['AVD-AWS-0136'] }),
    check(topic) {
      const key = stringAt(topic.values, ['kms_master_key_id']);
      if (key === 'unknown') return UNKNOWN_RESULT;
      if (key === undefined || key.trim() === '') return NOT_APPLICABLE;
      return key === 'alias/aws/sns'
        ? fail(['kms_master_key_id'], 'Topic uses the AWS-managed key alias/aws/sns')
        : PASS;
    },
  },
];
