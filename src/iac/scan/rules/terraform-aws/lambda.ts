// Lambda function and permission rules.

import { fail, PASS, stringAt, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { blockList, NOT_APPLICABLE, requireString, same } from './rule-helpers.js';

const LAMBDA_DOCS = 'https://docs.aws.amazon.com/lambda/latest/dg';

export const LAMBDA_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-091',
    title: 'Lambda function has active X-Ray tracing',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_lambda_function'],
    remediation: 'Add tracing_config { mode = "Active" }.',
    references: [`${LAMBDA_DOCS}/services-xray.html`],
    equivalents: same({ trivy: ['AVD-AWS-0066'] }),
    check(lambda) {
      const mode = stringAt(lambda.values, ['tracing_config', 0, 'mode']);
      if (mode === 'unknown') return UNKNOWN_RESULT;
      return mode === 'Active' ? PASS : fail(['tracing_config', 0, 'mode'], 'X-Ray tracing is not active');
    },
  },
  {
    id: 'ILM-TF-AWS-092',
    title: 'Lambda environment variables are encrypted with a KMS key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_lambda_function'],
    remediation: 'Set kms_key_arn to a customer-managed key when the function has environment variables.',
    references: [`${LAMBDA_DOCS}/configuration-envvars-encryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_173'] }),
    check(lambda) {
      const environment = blockList(lambda.values, ['environment']);
      if (environment === 'unknown') return UNKNOWN_RESULT;
      if (environment.length === 0) return NOT_APPLICABLE;
      return requireString(
        lambda.values,
        ['kms_key_arn'],
        'Environment variables are not encrypted with a customer-managed key',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-093',
    title: 'Lambda function has a dead-letter queue',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-755',
    resourceTypes: ['aws_lambda_function'],
    remediation: 'Add dead_letter_config { target_arn = aws_sqs_queue.dlq.arn }.',
    references: [`${LAMBDA_DOCS}/invocation-async-retain-records.html#invocation-dlq`],
    equivalents: same({ checkov: ['CKV_AWS_116'] }),
    check: (lambda) =>
      requireString(
        lambda.values,
        ['dead_letter_config', 0, 'target_arn'],
        'Function has no dead-letter queue',
      ),
  },
  {
    id: 'ILM-TF-AWS-094',
    title: 'Lambda permission for an AWS service names a source ARN',
    severity: 'CRITICAL',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_lambda_permission'],
    remediation: 'Set source_arn to the bucket, rule or API that may invoke the function.',
    references: [`${LAMBDA_DOCS}/access-control-resource-based.html`],
    equivalents: same({ trivy: ['AVD-AWS-0067'] }),
    check(permission) {
      const principal = stringAt(permission.values, ['principal']);
      if (principal === 'unknown') return UNKNOWN_RESULT;
      if (principal === undefined || !principal.endsWith('.amazonaws.com')) return NOT_APPLICABLE;
      const source = valueAt(permission.values, ['source_arn']);
      if (source === undefined || source === null || source === '') {
        return fail(['source_arn'], `Any ${principal} resource, in any account, may invoke the function`);
      }
      return typeof source === 'string'
        ? PASS
        : requireString(permission.values, ['source_arn'], 'No source ARN');
    },
  },
];
