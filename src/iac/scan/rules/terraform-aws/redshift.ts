// Redshift cluster rules.

import type { TerraformRule } from '../../types.js';
import { forbidTrue, requireString, requireTrue, same } from './rule-helpers.js';

const REDSHIFT_DOCS = 'https://docs.aws.amazon.com/redshift/latest/mgmt';

export const REDSHIFT_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-103',
    title: 'Redshift cluster is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_redshift_cluster'],
    remediation: 'Set encrypted = true (and kms_key_id for a customer-managed key).',
    references: [`${REDSHIFT_DOCS}/working-with-db-encryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_64'] }),
    check: (cluster) => requireTrue(cluster.values, ['encrypted'], 'Redshift cluster is not encrypted'),
  },
  {
    id: 'ILM-TF-AWS-104',
    title: 'Redshift cluster is encrypted with a customer-managed KMS key',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_redshift_cluster'],
    remediation: 'Set encrypted = true and kms_key_id to a customer-managed KMS key.',
    references: [`${REDSHIFT_DOCS}/working-with-db-encryption.html`],
    equivalents: same({ trivy: ['AVD-AWS-0084'] }),
    check(cluster) {
      const encrypted = requireTrue(cluster.values, ['encrypted'], 'Redshift cluster is not encrypted');
      if (encrypted.status !== 'pass') return encrypted;
      return requireString(
        cluster.values,
        ['kms_key_id'],
        'Redshift cluster does not use a customer-managed KMS key',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-105',
    title: 'Redshift cluster has audit logging',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_redshift_cluster'],
    remediation: 'Add logging { enable = true } (or an aws_redshift_logging resource).',
    references: [`${REDSHIFT_DOCS}/db-auditing.html`],
    equivalents: same({ checkov: ['CKV_AWS_71'] }),
    check: (cluster) =>
      requireTrue(cluster.values, ['logging', 0, 'enable'], 'Redshift audit logging is not enabled'),
  },
  {
    id: 'ILM-TF-AWS-106',
    title: 'Redshift cluster is not publicly accessible',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_redshift_cluster'],
    remediation: 'Set publicly_accessible = false.',
    references: [`${REDSHIFT_DOCS}/managing-clusters-vpc.html`],
    equivalents: same({}),
    check: (cluster) =>
      forbidTrue(cluster.values, ['publicly_accessible'], 'Redshift cluster is publicly accessible'),
  },
];
