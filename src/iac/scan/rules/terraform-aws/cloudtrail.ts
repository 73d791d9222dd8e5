// CloudTrail trail rules.

import type { TerraformRule } from '../../types.js';
import { forbidFalse, requireString, requireTrue, same } from './rule-helpers.js';

const TRAIL_DOCS = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide';

export const CLOUDTRAIL_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-062',
    title: 'CloudTrail trail covers all regions',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_cloudtrail'],
    remediation: 'Set is_multi_region_trail = true.',
    references: [`${TRAIL_DOCS}/receive-cloudtrail-log-files-from-multiple-regions.html`],
    equivalents: same({
      checkov: ['CKV_AWS_67'],
      trivy: ['AVD-AWS-0014'],
      kics: ['8173d5eb-96b5-4aa6-a71b-ecfa153c123d'],
    }),
    check: (trail) => requireTrue(trail.values, ['is_multi_region_trail'], 'Trail is not multi-region'),
  },
  {
    id: 'ILM-TF-AWS-063',
    title: 'CloudTrail log file validation is enabled',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-354',
    resourceTypes: ['aws_cloudtrail'],
    remediation: 'Set enable_log_file_validation = true.',
    references: [`${TRAIL_DOCS}/cloudtrail-log-file-validation-intro.html`],
    equivalents: same({
      checkov: ['CKV_AWS_36'],
      trivy: ['AVD-AWS-0016'],
      kics: ['52ffcfa6-6c70-4ea6-8376-d828d3961669'],
    }),
    check: (trail) =>
      requireTrue(trail.values, ['enable_log_file_validation'], 'Log file validation is not enabled'),
  },
  {
    id: 'ILM-TF-AWS-064',
    title: 'CloudTrail logs are encrypted with a KMS key',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_cloudtrail'],
    remediation: 'Set kms_key_id to a customer-managed KMS key ARN.',
    references: [`${TRAIL_DOCS}/encrypting-cloudtrail-log-files-with-aws-kms.html`],
    equivalents: same({ checkov: ['CKV_AWS_35'], trivy: ['AVD-AWS-0015'] }),
    check: (trail) =>
      requireString(trail.values, ['kms_key_id'], 'Trail logs are not encrypted with a KMS key'),
  },
  {
    id: 'ILM-TF-AWS-065',
    title: 'CloudTrail trail sends events to CloudWatch Logs',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_cloudtrail'],
    remediation:
      'Set cloud_watch_logs_group_arn (with cloud_watch_logs_role_arn) to deliver events to a log group.',
    references: [`${TRAIL_DOCS}/send-cloudtrail-events-to-cloudwatch-logs.html`],
    equivalents: same({ trivy: ['AVD-AWS-0162'] }),
    check: (trail) =>
      requireString(
        trail.values,
        ['cloud_watch_logs_group_arn'],
        'Trail is not integrated with CloudWatch Logs',
      ),
  },
  {
    id: 'ILM-TF-AWS-066',
    title: 'CloudTrail logging is not turned off',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_cloudtrail'],
    remediation: 'Remove enable_logging = false (logging is on by default).',
    references: [`${TRAIL_DOCS}/cloudtrail-turning-off-logging.html`],
    equivalents: same({ checkov: ['CKV_AWS_251'] }),
    check: (trail) => forbidFalse(trail.values, ['enable_logging'], 'Trail logging is turned off'),
  },
];
