// RDS instance and Aurora cluster rules.

import { fail, numberAt, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule } from '../../types.js';
import {
  forbidTrue,
  NOT_APPLICABLE,
  requireString,
  requireTrue,
  same,
  stringListAt,
} from './rule-helpers.js';

const RDS_DOCS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide';
const AURORA_DOCS = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide';

/** True when the instance is a read replica (its storage settings come from the source). */
function isReplica(resource: TerraformResourceView): boolean | 'unknown' {
  const source = stringAt(resource.values, ['replicate_source_db']);
  if (source === 'unknown') return 'unknown';
  return source !== undefined && source.trim() !== '';
}

/** The engine when it is one of those IAM database authentication supports; undefined otherwise. */
function iamAuthEngine(resource: TerraformResourceView): 'yes' | 'no' | 'unknown' {
  const engine = stringAt(resource.values, ['engine']);
  if (engine === 'unknown') return 'unknown';
  return engine === 'mysql' || engine === 'postgres' ? 'yes' : 'no';
}

function logExports(resource: TerraformResourceView, message: string): CheckResult {
  const exports = stringListAt(resource.values, ['enabled_cloudwatch_logs_exports']);
  if (exports === undefined) return fail(['enabled_cloudwatch_logs_exports'], message);
  if (exports.known.length > 0) return PASS;
  return exports.unknown ? UNKNOWN_RESULT : fail(['enabled_cloudwatch_logs_exports'], message);
}

export const RDS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-026',
    title: 'RDS instance storage is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_db_instance'],
    remediation:
      'Set storage_encrypted = true (and kms_key_id for a customer-managed key). Read replicas inherit it.',
    references: [`${RDS_DOCS}/Overview.Encryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_16'], trivy: ['AVD-AWS-0080'] }),
    check(instance) {
      const replica = isReplica(instance);
      if (replica === true) return NOT_APPLICABLE;
      const result = requireTrue(
        instance.values,
        ['storage_encrypted'],
        'RDS instance storage is not encrypted',
      );
      return replica === 'unknown' && result.status === 'fail' ? UNKNOWN_RESULT : result;
    },
  },
  {
    id: 'ILM-TF-AWS-027',
    title: 'RDS cluster storage is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_rds_cluster'],
    remediation: 'Set storage_encrypted = true on the cluster (Aurora Serverless v1 is always encrypted).',
    references: [`${AURORA_DOCS}/Overview.Encryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_96'], kics: ['3199c26c-7871-4cb3-99c2-10a59244ce7f'] }),
    check(cluster) {
      const mode = stringAt(cluster.values, ['engine_mode']);
      if (mode === 'serverless') return PASS;
      const result = requireTrue(
        cluster.values,
        ['storage_encrypted'],
        'RDS cluster storage is not encrypted',
      );
      return mode === 'unknown' && result.status === 'fail' ? UNKNOWN_RESULT : result;
    },
  },
  {
    id: 'ILM-TF-AWS-028',
    title: 'RDS cluster is encrypted with a customer-managed KMS key',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_rds_cluster'],
    remediation: 'Set storage_encrypted = true and kms_key_id to a customer-managed KMS key.',
    references: [`${AURORA_DOCS}/Overview.Encryption.html`],
    equivalents: same({ trivy: ['AVD-AWS-0079'] }),
    check(cluster) {
      const encrypted = requireTrue(
        cluster.values,
        ['storage_encrypted'],
        'RDS cluster storage is not encrypted',
      );
      if (encrypted.status !== 'pass') return encrypted;
      return requireString(
        cluster.values,
        ['kms_key_id'],
        'RDS cluster does not use a customer-managed KMS key',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-029',
    title: 'RDS instance is not publicly accessible',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
    remediation: 'Set publicly_accessible = false and reach the database from inside the VPC.',
    references: [`${RDS_DOCS}/USER_VPC.WorkingWithRDSInstanceinaVPC.html`],
    equivalents: same({ checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0180'] }),
    check: (instance) =>
      forbidTrue(instance.values, ['publicly_accessible'], 'Database instance is publicly accessible'),
  },
  {
    id: 'ILM-TF-AWS-030',
    title: 'RDS automated backups are enabled',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
    remediation: 'Set backup_retention_period between 1 and 35 days (0 disables automated backups).',
    references: [`${RDS_DOCS}/USER_WorkingWithAutomatedBackups.html`],
    equivalents: same({ checkov: ['CKV_AWS_133'] }),
    check(database) {
      const period = numberAt(database.values, ['backup_retention_period']);
      if (period === 'unknown') return UNKNOWN_RESULT;
      if (period === undefined) return PASS;
      return period > 0 && period <= 35
        ? PASS
        : fail(['backup_retention_period'], `Backup retention period ${period} disables automated backups`);
    },
  },
  {
    id: 'ILM-TF-AWS-031',
    title: 'RDS backup retention is longer than the one-day default',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
    remediation: 'Set backup_retention_period explicitly to at least 2 days (7 or more for production).',
    references: [
      `${RDS_DOCS}/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention`,
    ],
    equivalents: same({ trivy: ['AVD-AWS-0077'] }),
    check(database) {
      const replica = database.type === 'aws_db_instance' ? isReplica(database) : false;
      if (replica === true) return NOT_APPLICABLE;
      const period = numberAt(database.values, ['backup_retention_period']);
      if (period === 'unknown' || replica === 'unknown') return UNKNOWN_RESULT;
      if (period !== undefined && period >= 2) return PASS;
      return fail(['backup_retention_period'], 'Backup retention period is at most 1 day');
    },
  },
  {
    id: 'ILM-TF-AWS-032',
    title: 'RDS instance has deletion protection',
    severity: 'MEDIUM',
    category: 'availability',
    cwe: 'CWE-693',
    resourceTypes: ['aws_db_instance'],
    remediation: 'Set deletion_protection = true.',
    references: [`${RDS_DOCS}/USER_DeleteInstance.html#USER_DeletionProtection`],
    equivalents: same({ checkov: ['CKV_AWS_293'], trivy: ['AVD-AWS-0177'] }),
    check: (instance) =>
      requireTrue(instance.values, ['deletion_protection'], 'RDS instance has no deletion protection'),
  },
  {
    id: 'ILM-TF-AWS-033',
    title: 'RDS cluster has deletion protection',
    severity: 'MEDIUM',
    category: 'availability',
    cwe: 'CWE-693',
    resourceTypes: ['aws_rds_cluster'],
    remediation: 'Set deletion_protection = true.',
    references: [`${AURORA_DOCS}/USER_DeleteCluster.html#USER_DeletionProtection`],
    equivalents: same({ checkov: ['CKV_AWS_139'], trivy: ['AVD-AWS-0343'] }),
    check: (cluster) =>
      requireTrue(cluster.values, ['deletion_protection'], 'RDS cluster has no deletion protection'),
  },
  {
    id: 'ILM-TF-AWS-034',
    title: 'RDS MySQL/PostgreSQL instance uses IAM database authentication',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['aws_db_instance'],
    remediation: 'Set iam_database_authentication_enabled = true.',
    references: [`${RDS_DOCS}/UsingWithRDS.IAMDBAuth.html`],
    equivalents: same({ checkov: ['CKV_AWS_161'], trivy: ['AVD-AWS-0176'] }),
    check(instance) {
      const engine = iamAuthEngine(instance);
      if (engine === 'no') return NOT_APPLICABLE;
      const result = requireTrue(
        instance.values,
        ['iam_database_authentication_enabled'],
        'RDS instance does not use IAM database authentication',
      );
      return engine === 'unknown' && result.status === 'fail' ? UNKNOWN_RESULT : result;
    },
  },
  {
    id: 'ILM-TF-AWS-035',
    title: 'RDS cluster uses IAM database authentication',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['aws_rds_cluster'],
    remediation: 'Set iam_database_authentication_enabled = true.',
    references: [`${AURORA_DOCS}/UsingWithRDS.IAMDBAuth.html`],
    equivalents: same({ checkov: ['CKV_AWS_162'] }),
    check: (cluster) =>
      requireTrue(
        cluster.values,
        ['iam_database_authentication_enabled'],
        'RDS cluster does not use IAM database authentication',
      ),
  },
  {
    id: 'ILM-TF-AWS-036',
    title: 'RDS instance exports logs to CloudWatch',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_db_instance'],
    remediation:
      'Set enabled_cloudwatch_logs_exports to the engine log types (e.g. ["audit", "error", "general", "slowquery"]).',
    references: [`${RDS_DOCS}/USER_LogAccess.Procedural.UploadtoCloudWatch.html`],
    equivalents: same({ checkov: ['CKV_AWS_129'] }),
    check: (instance) => logExports(instance, 'RDS instance exports no logs to CloudWatch'),
  },
  {
    id: 'ILM-TF-AWS-037',
    title: 'RDS cluster exports logs to CloudWatch',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_rds_cluster'],
    remediation:
      'Set enabled_cloudwatch_logs_exports (e.g. ["audit", "error", "general", "slowquery"] or ["postgresql"]).',
    references: [`${AURORA_DOCS}/publishing_cloudwatchlogs.html`],
    equivalents: same({ checkov: ['CKV_AWS_324'] }),
    check: (cluster) => logExports(cluster, 'RDS cluster exports no logs to CloudWatch'),
  },
  {
    id: 'ILM-TF-AWS-038',
    title: 'RDS instance is Multi-AZ',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-693',
    resourceTypes: ['aws_db_instance'],
    remediation: 'Set multi_az = true for production databases.',
    references: [`${RDS_DOCS}/Concepts.MultiAZ.html`],
    equivalents: same({ checkov: ['CKV_AWS_157'] }),
    check: (instance) => requireTrue(instance.values, ['multi_az'], 'RDS instance is not Multi-AZ'),
  },
  {
    id: 'ILM-TF-AWS-039',
    title: 'RDS instance gets minor version upgrades automatically',
    severity: 'LOW',
    category: 'general',
    cwe: 'CWE-1104',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
    remediation: 'Set auto_minor_version_upgrade = true.',
    references: [
      `${RDS_DOCS}/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades`,
    ],
    equivalents: same({ checkov: ['CKV_AWS_226'] }),
    check: (instance) =>
      requireTrue(
        instance.values,
        ['auto_minor_version_upgrade'],
        'Automatic minor version upgrades are not set',
      ),
  },
  {
    id: 'ILM-TF-AWS-040',
    title: 'RDS Performance Insights data is encrypted with a customer-managed key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
    remediation:
      'Set performance_insights_kms_key_id to a customer-managed KMS key when Performance Insights is enabled.',
    references: [`${RDS_DOCS}/USER_PerfInsights.access-control.html`],
    equivalents: same({ checkov: ['CKV_AWS_354'], trivy: ['AVD-AWS-0078'] }),
    check(instance) {
      const enabled = requireTrue(instance.values, ['performance_insights_enabled'], '');
      if (enabled.status === 'unknown') return UNKNOWN_RESULT;
      if (enabled.status === 'fail') return NOT_APPLICABLE;
      return requireString(
        instance.values,
        ['performance_insights_kms_key_id'],
        'Performance Insights is not encrypted with a customer-managed KMS key',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-041',
    title: 'RDS instance has enhanced monitoring',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
    remediation: 'Set monitoring_interval to 1, 5, 10, 15, 30 or 60 and a monitoring_role_arn.',
    references: [`${RDS_DOCS}/USER_Monitoring.OS.html`],
    equivalents: same({ checkov: ['CKV_AWS_118'] }),
    check(instance) {
      const interval = numberAt(instance.values, ['monitoring_interval']);
      if (interval === 'unknown') return UNKNOWN_RESULT;
      return interval !== undefined && [1, 5, 10, 15, 30, 60].includes(interval)
        ? PASS
        : fail(['monitoring_interval'], 'Enhanced monitoring is not enabled');
    },
  },
];
