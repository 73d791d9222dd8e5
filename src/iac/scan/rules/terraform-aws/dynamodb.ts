// DynamoDB table and DAX cluster rules.

import { fail, PASS, stringAt } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { requireTrue, same } from './rule-helpers.js';

const DYNAMODB_DOCS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide';

export const DYNAMODB_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-084',
    title: 'DynamoDB table has point-in-time recovery',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_dynamodb_table'],
    remediation: 'Add point_in_time_recovery { enabled = true }.',
    references: [`${DYNAMODB_DOCS}/PointInTimeRecovery.html`],
    equivalents: same({
      checkov: ['CKV_AWS_28'],
      trivy: ['AVD-AWS-0024'],
      kics: ['741f1291-47ac-4a85-a07b-3d32a9d6bd3e'],
    }),
    check: (table) =>
      requireTrue(
        table.values,
        ['point_in_time_recovery', 0, 'enabled'],
        'Point-in-time recovery is not enabled',
      ),
  },
  {
    id: 'ILM-TF-AWS-085',
    title: 'DynamoDB table is encrypted with a customer-managed KMS key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_dynamodb_table'],
    remediation: 'Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.table.arn }.',
    references: [`${DYNAMODB_DOCS}/EncryptionAtRest.html`],
    equivalents: same({ checkov: ['CKV_AWS_119'], trivy: ['AVD-AWS-0025'] }),
    check(table) {
      const enabled = requireTrue(
        table.values,
        ['server_side_encryption', 0, 'enabled'],
        'Table uses the AWS-owned key',
      );
      if (enabled.status !== 'pass') return enabled;
      const key = stringAt(table.values, ['server_side_encryption', 0, 'kms_key_arn']);
      if (key === 'unknown') return PASS;
      if (key === undefined || key.trim() === '' || key === 'alias/aws/dynamodb')
        return fail(
          ['server_side_encryption', 0, 'kms_key_arn'],
          'Table does not use a customer-managed KMS key',
        );
      return PASS;
    },
  },
  {
    id: 'ILM-TF-AWS-086',
    title: 'DAX cluster is encrypted at rest',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_dax_cluster'],
    remediation: 'Add server_side_encryption { enabled = true }.',
    references: [`${DYNAMODB_DOCS}/DAXEncryptionAtRest.html`],
    equivalents: same({ checkov: ['CKV_AWS_47'], trivy: ['AVD-AWS-0023'] }),
    check: (cluster) =>
      requireTrue(
        cluster.values,
        ['server_side_encryption', 0, 'enabled'],
        'DAX cluster is not encrypted at rest',
      ),
  },
];
