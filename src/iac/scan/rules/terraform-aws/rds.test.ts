import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { RDS_RULES } from './rds.js';

const rule = (id: string): TerraformRule => {
  const found = RDS_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const instance = (body: string) => `
resource "aws_db_instance" "db" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
${body}
}`;
const cluster = (body: string) => `
resource "aws_rds_cluster" "c" {
  cluster_identifier = "app"
  engine             = "aurora-postgresql"
${body}
}`;
const clusterInstance = (body: string) => `
resource "aws_rds_cluster_instance" "i" {
  cluster_identifier = "app"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
${body}
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  { id: 'ILM-TF-AWS-026', failing: instance(''), passing: instance('  storage_encrypted = true') },
  {
    id: 'ILM-TF-AWS-027',
    failing: cluster('  storage_encrypted = false'),
    passing: cluster('  storage_encrypted = true'),
  },
  {
    id: 'ILM-TF-AWS-028',
    failing: cluster('  storage_encrypted = true'),
    passing: cluster(
      '  storage_encrypted = true\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"',
    ),
  },
  {
    id: 'ILM-TF-AWS-029',
    failing: clusterInstance('  publicly_accessible = true'),
    passing: clusterInstance(''),
  },
  { id: 'ILM-TF-AWS-030', failing: instance('  backup_retention_period = 0'), passing: instance('') },
  {
    id: 'ILM-TF-AWS-031',
    failing: cluster('  backup_retention_period = 1'),
    passing: cluster('  backup_retention_period = 7'),
  },
  { id: 'ILM-TF-AWS-032', failing: instance(''), passing: instance('  deletion_protection = true') },
  {
    id: 'ILM-TF-AWS-033',
    failing: cluster('  deletion_protection = false'),
    passing: cluster('  deletion_protection = true'),
  },
  {
    id: 'ILM-TF-AWS-034',
    failing: instance(''),
    passing: instance('  iam_database_authentication_enabled = true'),
  },
  {
    id: 'ILM-TF-AWS-035',
    failing: cluster(''),
    passing: cluster('  iam_database_authentication_enabled = true'),
  },
  {
    id: 'ILM-TF-AWS-036',
    failing: instance('  enabled_cloudwatch_logs_exports = []'),
    passing: instance('  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]'),
  },
  {
    id: 'ILM-TF-AWS-037',
    failing: cluster(''),
    passing: cluster('  enabled_cloudwatch_logs_exports = ["postgresql"]'),
  },
  { id: 'ILM-TF-AWS-038', failing: instance('  multi_az = false'), passing: instance('  multi_az = true') },
  {
    id: 'ILM-TF-AWS-039',
    failing: clusterInstance('  auto_minor_version_upgrade = false'),
    passing: clusterInstance('  auto_minor_version_upgrade = true'),
  },
  {
    id: 'ILM-TF-AWS-040',
    failing: instance('  performance_insights_enabled = true'),
    passing: instance(
      '  performance_insights_enabled = true\n  performance_insights_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"',
    ),
  },
  {
    id: 'ILM-TF-AWS-041',
    failing: instance('  monitoring_interval = 0'),
    passing: instance('  monitoring_interval = 60'),
  },
];

describe('RDS rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('exempts read replicas from storage encryption and short retention', () => {
    const replica = instance('  replicate_source_db = "arn:aws:rds:us-east-1:111122223333:db:source"');
    expect(runTerraformRule(rule('ILM-TF-AWS-026'), replica)[0]?.results).toEqual([]);
    expect(runTerraformRule(rule('ILM-TF-AWS-031'), replica)[0]?.results).toEqual([]);
  });

  it('checks IAM authentication only for MySQL and PostgreSQL', () => {
    const oracle = instance('').replace('"postgres"', '"oracle-ee"');
    expect(runTerraformRule(rule('ILM-TF-AWS-034'), oracle)[0]?.results).toEqual([]);
  });

  it('passes Aurora Serverless v1 clusters, which are always encrypted', () => {
    expect(judge('ILM-TF-AWS-027', cluster('  engine_mode = "serverless"'))).toBe('pass');
  });

  it('is unknown, never failing, for values known only after apply', () => {
    const fromKey = `resource "aws_kms_key" "k" {}\n${cluster('  storage_encrypted = true\n  kms_key_id = aws_kms_key.k.arn')}`;
    expect(judge('ILM-TF-AWS-028', fromKey)).toBe('pass');
    const unknownFlag = `variable "public" {}\n${instance('  publicly_accessible = var.public')}`;
    expect(judge('ILM-TF-AWS-029', unknownFlag)).toBe('unknown');
    const unknownEngine = `variable "engine" {}\n${instance('').replace('"postgres"', 'var.engine')}`;
    expect(judge('ILM-TF-AWS-034', unknownEngine)).toBe('unknown');
  });
});
