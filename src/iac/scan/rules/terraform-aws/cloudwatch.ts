// CloudWatch log group rules.

import { fail, numberAt, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { requireString, same } from './rule-helpers.js';

const LOGS_DOCS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs';

export const CLOUDWATCH_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-081',
    title: 'CloudWatch log group is encrypted with a KMS key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_cloudwatch_log_group'],
    remediation: 'Set kms_key_id to a customer-managed KMS key ARN.',
    references: [`${LOGS_DOCS}/encrypt-log-data-kms.html`],
    equivalents: same({ checkov: ['CKV_AWS_158'], trivy: ['AVD-AWS-0017'] }),
    check: (group) =>
      requireString(
        group.values,
        ['kms_key_id'],
        'Log group is not encrypted with a customer-managed KMS key',
      ),
  },
  {
    id: 'ILM-TF-AWS-082',
    title: 'CloudWatch log group sets a retention period',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-779',
    resourceTypes: ['aws_cloudwatch_log_group'],
    remediation: 'Set retention_in_days explicitly.',
    references: [`${LOGS_DOCS}/Working-with-log-groups-and-streams.html#SettingLogRetention`],
    equivalents: same({ checkov: ['CKV_AWS_66'] }),
    check(group) {
      const days = numberAt(group.values, ['retention_in_days']);
      if (days === 'unknown') return UNKNOWN_RESULT;
      return days === undefined ? fail(['retention_in_days'], 'Log group sets no retention period') : PASS;
    },
  },
  {
    id: 'ILM-TF-AWS-083',
    title: 'CloudWatch log group retains logs for at least a year',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-779',
    resourceTypes: ['aws_cloudwatch_log_group'],
    remediation: 'Set retention_in_days to 365 or more (0 keeps logs forever).',
    references: [`${LOGS_DOCS}/Working-with-log-groups-and-streams.html#SettingLogRetention`],
    equivalents: same({ checkov: ['CKV_AWS_338'] }),
    check(group) {
      const days = numberAt(group.values, ['retention_in_days']);
      if (days === 'unknown') return UNKNOWN_RESULT;
      if (days === undefined) return fail(['retention_in_days'], 'Log group sets no retention period');
      return days === 0 || days >= 365
        ? PASS
        : fail(['retention_in_days'], `Logs are kept only ${days} days`);
    },
  },
];
