// ElastiCache rules.

import { fail, numberAt, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { NOT_APPLICABLE, requireTrue, same } from './rule-helpers.js';

const CACHE_DOCS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug';

export const ELASTICACHE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-100',
    title: 'ElastiCache replication group is encrypted at rest',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_elasticache_replication_group'],
    remediation: 'Set at_rest_encryption_enabled = true.',
    references: [`${CACHE_DOCS}/at-rest-encryption.html`],
    equivalents: same({
      checkov: ['CKV_AWS_29'],
      trivy: ['AVD-AWS-0045'],
      kics: ['76976de7-c7b1-4f64-a94f-90c1345914c2'],
    }),
    check: (group) =>
      requireTrue(group.values, ['at_rest_encryption_enabled'], 'Replication group is not encrypted at rest'),
  },
  {
    id: 'ILM-TF-AWS-101',
    title: 'ElastiCache replication group is encrypted in transit',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['aws_elasticache_replication_group'],
    remediation: 'Set transit_encryption_enabled = true.',
    references: [`${CACHE_DOCS}/in-transit-encryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_30'], trivy: ['AVD-AWS-0051'] }),
    check: (group) =>
      requireTrue(
        group.values,
        ['transit_encryption_enabled'],
        'Replication group is not encrypted in transit',
      ),
  },
  {
    id: 'ILM-TF-AWS-102',
    title: 'ElastiCache Redis cluster keeps snapshots',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_elasticache_cluster'],
    remediation: 'Set snapshot_retention_limit to at least 1 day.',
    references: [`${CACHE_DOCS}/backups-automatic.html`],
    equivalents: same({ trivy: ['AVD-AWS-0050'] }),
    check(cluster) {
      const engine = stringAt(cluster.values, ['engine']);
      const nodeType = stringAt(cluster.values, ['node_type']);
      if (engine === 'unknown' || nodeType === 'unknown') return UNKNOWN_RESULT;
      // t1.micro nodes cannot take snapshots.
      if (engine !== 'redis' || nodeType === 'cache.t1.micro') return NOT_APPLICABLE;
      const limit = numberAt(cluster.values, ['snapshot_retention_limit']);
      if (limit === 'unknown') return UNKNOWN_RESULT;
      return limit !== undefined && limit > 0
        ? PASS
        : fail(['snapshot_retention_limit'], 'Redis cluster keeps no automatic snapshots');
    },
  },
];
