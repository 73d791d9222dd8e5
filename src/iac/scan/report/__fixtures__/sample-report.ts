// A small hand-made scan report for the renderer tests: four rules (one with no findings), findings
// in two files, one suppressed, one inside a module, one with text that needs escaping, two errors.

import type { Finding, RuleMetadata } from '../../types.js';
import type { ScanReport } from '../scan-report.js';

export const S3_ENCRYPTION: RuleMetadata = {
  id: 'ILM-TF-AWS-001',
  title: 'S3 bucket without server-side encryption',
  severity: 'HIGH',
  category: 'encryption',
  cwe: 'CWE-311',
  resourceTypes: ['aws_s3_bucket'],
  remediation: 'Add a server_side_encryption_configuration block or an aws_s3_bucket_server_side_encryption_configuration resource.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html'],
  equivalents: { checkov: ['CKV_AWS_19'], trivy: ['AVD-AWS-0088'], kics: ['6726dcc0-5ff5-459d-b473-a780bef7665c'] },
};

export const PUBLIC_SECURITY_GROUP: RuleMetadata = {
  id: 'ILM-TF-AWS-002',
  title: 'Security group open to the internet on SSH',
  severity: 'CRITICAL',
  category: 'network',
  cwe: 'CWE-284',
  resourceTypes: ['aws_security_group', 'aws_security_group_rule'],
  remediation: 'Restrict cidr_blocks to known ranges.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html'],
  equivalents: { checkov: ['CKV_AWS_24'], trivy: ['AVD-AWS-0107'], kics: [] },
};

export const PRIVILEGED_CONTAINER: RuleMetadata = {
  id: 'ILM-K8S-001',
  title: 'Privileged container',
  severity: 'MEDIUM',
  category: 'container',
  cwe: 'CWE-250',
  resourceTypes: ['*'],
  remediation: 'Set securityContext.privileged to false.',
  references: [],
  equivalents: { checkov: ['CKV_K8S_16'], trivy: ['AVD-KSV-0017'], kics: ['dd29336b-fe57-445b-a26e-e6aa867ae609'] },
};

export const LOGGING: RuleMetadata = {
  id: 'ILM-TF-AWS-003',
  title: 'CloudTrail without log file validation',
  severity: 'LOW',
  category: 'logging',
  cwe: 'CWE-354',
  resourceTypes: ['aws_cloudtrail'],
  remediation: 'Set enable_log_file_validation = true.',
  references: ['not a url'],
  equivalents: { checkov: ['CKV_AWS_36'], trivy: ['AVD-AWS-0016'], kics: [] },
};

export const SAMPLE_RULES: RuleMetadata[] = [S3_ENCRYPTION, PUBLIC_SECURITY_GROUP, PRIVILEGED_CONTAINER, LOGGING];

function finding(rule: RuleMetadata, fields: Partial<Finding> & Pick<Finding, 'file' | 'line' | 'column' | 'resource'>): Finding {
  return {
    rule_id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    cwe: rule.cwe,
    attribute: '',
    message: rule.title,
    remediation: rule.remediation,
    equivalents: rule.equivalents,
    ...fields,
  };
}

export const SAMPLE_FINDINGS: Finding[] = [
  // Deliberately out of order: renderers sort.
  finding(PRIVILEGED_CONTAINER, {
    file: 'k8s/deploy.yaml',
    line: 21,
    column: 13,
    resource: 'Deployment.default.web',
    attribute: 'spec.template.spec.containers.0.securityContext.privileged',
    message: 'container "web" runs privileged <root> & "unconfined"\nsecond line \u001b[31m',
  }),
  finding(S3_ENCRYPTION, { file: 'main.tf', line: 12, column: 1, resource: 'aws_s3_bucket.logs' }),
  finding(PUBLIC_SECURITY_GROUP, {
    file: 'main.tf',
    line: 30,
    column: 5,
    resource: 'aws_security_group.ssh',
    attribute: 'ingress.0.cidr_blocks',
    message: 'ingress allows 0.0.0.0/0 on port 22',
  }),
  finding(S3_ENCRYPTION, {
    file: 'modules/store/main.tf',
    line: 3,
    column: 1,
    resource: 'module.store.aws_s3_bucket.this',
    module_calls: [{ file: 'main.tf', line: 40, column: 1 }],
  }),
  finding(S3_ENCRYPTION, {
    file: 'main.tf',
    line: 50,
    column: 1,
    resource: 'aws_s3_bucket.public_site',
    suppressed: { reason: 'static website, public by design', source: 'main.tf:49', expires: '2030-01-01' },
  }),
];

export function sampleReport(): ScanReport {
  return {
    findings: SAMPLE_FINDINGS.map((entry) => ({ ...entry })),
    files_scanned: 5,
    errors: [
      { file: 'broken.tf', line: 7, column: 3, message: 'Unclosed configuration block' },
      { file: 'k8s/bad.yaml', message: 'YAML does not parse' },
    ],
    rules: SAMPLE_RULES,
    tool: { name: 'InfraLM', version: '0.1.0', informationUri: 'https://example.org/infralm' },
  };
}
