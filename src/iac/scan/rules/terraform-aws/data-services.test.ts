// Tests for the smaller service files: CloudWatch, DynamoDB, SQS/SNS, Lambda, ECR, VPC, ElastiCache,
// Redshift and OpenSearch.
import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { CLOUDWATCH_RULES } from './cloudwatch.js';
import { DYNAMODB_RULES } from './dynamodb.js';
import { ECR_RULES } from './ecr.js';
import { ELASTICACHE_RULES } from './elasticache.js';
import { LAMBDA_RULES } from './lambda.js';
import { OPENSEARCH_RULES } from './opensearch.js';
import { REDSHIFT_RULES } from './redshift.js';
import { SQS_SNS_RULES } from './sqs-sns.js';
import { VPC_RULES } from './vpc.js';

const RULES = [
  ...CLOUDWATCH_RULES,
  ...DYNAMODB_RULES,
  ...SQS_SNS_RULES,
  ...LAMBDA_RULES,
  ...ECR_RULES,
  ...VPC_RULES,
  ...ELASTICACHE_RULES,
  ...REDSHIFT_RULES,
  ...OPENSEARCH_RULES,
];
const rule = (id: string): TerraformRule => {
  const found = RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const resource = (type: string, body: string) => `resource "${type}" "r" {\n${body}\n}\n`;
const logGroup = (body: string) => resource('aws_cloudwatch_log_group', `  name = "app"\n${body}`);
const table = (body: string) =>
  resource(
    'aws_dynamodb_table',
    `  name = "t"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n${body}`,
  );
const lambda = (body: string) =>
  resource(
    'aws_lambda_function',
    `  function_name = "f"\n  role = "arn:aws:iam::111122223333:role/f"\n  runtime = "python3.12"\n  handler = "app.handler"\n${body}`,
  );
const repository = (body: string) => resource('aws_ecr_repository', `  name = "app"\n${body}`);
const replicationGroup = (body: string) =>
  resource(
    'aws_elasticache_replication_group',
    `  replication_group_id = "g"\n  description = "cache"\n${body}`,
  );
const redshift = (body: string) =>
  resource('aws_redshift_cluster', `  cluster_identifier = "dw"\n  node_type = "ra3.xlplus"\n${body}`);
const domain = (body: string) => resource('aws_opensearch_domain', `  domain_name = "search"\n${body}`);
const queuePolicy = (action: string) => `
resource "aws_sqs_queue" "q" {
  name              = "q"
  kms_master_key_id = "alias/app"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = ${action}, Resource = "*" }]
  })
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  {
    id: 'ILM-TF-AWS-081',
    failing: logGroup(''),
    passing: logGroup('  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"'),
  },
  { id: 'ILM-TF-AWS-082', failing: logGroup(''), passing: logGroup('  retention_in_days = 30') },
  {
    id: 'ILM-TF-AWS-083',
    failing: logGroup('  retention_in_days = 30'),
    passing: logGroup('  retention_in_days = 400'),
  },
  {
    id: 'ILM-TF-AWS-084',
    failing: table(''),
    passing: table('  point_in_time_recovery {\n    enabled = true\n  }'),
  },
  {
    id: 'ILM-TF-AWS-085',
    failing: table('  server_side_encryption {\n    enabled = true\n  }'),
    passing: table(
      '  server_side_encryption {\n    enabled     = true\n    kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-086',
    failing: resource('aws_dax_cluster', '  cluster_name = "dax"\n  node_type = "dax.r4.large"'),
    passing: resource(
      'aws_dax_cluster',
      '  cluster_name = "dax"\n  server_side_encryption {\n    enabled = true\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-087',
    failing: resource('aws_sqs_queue', '  name = "q"\n  sqs_managed_sse_enabled = false'),
    passing: resource('aws_sqs_queue', '  name = "q"\n  sqs_managed_sse_enabled = true'),
  },
  { id: 'ILM-TF-AWS-088', failing: queuePolicy('"sqs:*"'), passing: queuePolicy('["sqs:SendMessage"]') },
  {
    id: 'ILM-TF-AWS-089',
    failing: resource('aws_sns_topic', '  name = "t"'),
    passing: resource('aws_sns_topic', '  name = "t"\n  kms_master_key_id = "alias/aws/sns"'),
  },
  {
    id: 'ILM-TF-AWS-090',
    failing: resource('aws_sns_topic', '  name = "t"\n  kms_master_key_id = "alias/aws/sns"'),
    passing: resource('aws_sns_topic', '  name = "t"\n  kms_master_key_id = "alias/app-topics"'),
  },
  {
    id: 'ILM-TF-AWS-091',
    failing: lambda('  tracing_config {\n    mode = "PassThrough"\n  }'),
    passing: lambda('  tracing_config {\n    mode = "Active"\n  }'),
  },
  {
    id: 'ILM-TF-AWS-092',
    failing: lambda('  environment {\n    variables = { STAGE = "prod" }\n  }'),
    passing: lambda(
      '  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  environment {\n    variables = { STAGE = "prod" }\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-093',
    failing: lambda(''),
    passing: `resource "aws_sqs_queue" "dlq" {\n  name = "dlq"\n}\n${lambda('  dead_letter_config {\n    target_arn = aws_sqs_queue.dlq.arn\n  }')}`,
  },
  {
    id: 'ILM-TF-AWS-094',
    failing: resource(
      'aws_lambda_permission',
      '  action = "lambda:InvokeFunction"\n  function_name = "f"\n  principal = "s3.amazonaws.com"',
    ),
    passing: resource(
      'aws_lambda_permission',
      '  action = "lambda:InvokeFunction"\n  function_name = "f"\n  principal = "s3.amazonaws.com"\n  source_arn = "arn:aws:s3:::uploads"',
    ),
  },
  {
    id: 'ILM-TF-AWS-095',
    failing: repository(''),
    passing: repository('  image_scanning_configuration {\n    scan_on_push = true\n  }'),
  },
  {
    id: 'ILM-TF-AWS-096',
    failing: repository('  image_tag_mutability = "MUTABLE"'),
    passing: repository('  image_tag_mutability = "IMMUTABLE"'),
  },
  {
    id: 'ILM-TF-AWS-097',
    failing: repository('  encryption_configuration {\n    encryption_type = "AES256"\n  }'),
    passing: repository('  encryption_configuration {\n    encryption_type = "KMS"\n  }'),
  },
  {
    id: 'ILM-TF-AWS-098',
    failing: repository('  encryption_configuration {\n    encryption_type = "KMS"\n  }'),
    passing: repository(
      '  encryption_configuration {\n    encryption_type = "KMS"\n    kms_key = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-099',
    failing: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}',
    passing:
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_flow_log" "f" {\n  vpc_id = aws_vpc.main.id\n  traffic_type = "ALL"\n  log_destination = "arn:aws:s3:::flow-logs"\n  log_destination_type = "s3"\n}',
  },
  {
    id: 'ILM-TF-AWS-100',
    failing: replicationGroup('  at_rest_encryption_enabled = false'),
    passing: replicationGroup('  at_rest_encryption_enabled = true'),
  },
  {
    id: 'ILM-TF-AWS-101',
    failing: replicationGroup(''),
    passing: replicationGroup('  transit_encryption_enabled = true'),
  },
  {
    id: 'ILM-TF-AWS-102',
    failing: resource(
      'aws_elasticache_cluster',
      '  cluster_id = "c"\n  engine = "redis"\n  node_type = "cache.m5.large"',
    ),
    passing: resource(
      'aws_elasticache_cluster',
      '  cluster_id = "c"\n  engine = "redis"\n  node_type = "cache.m5.large"\n  snapshot_retention_limit = 5',
    ),
  },
  { id: 'ILM-TF-AWS-103', failing: redshift(''), passing: redshift('  encrypted = true') },
  {
    id: 'ILM-TF-AWS-104',
    failing: redshift('  encrypted = true'),
    passing: redshift('  encrypted = true\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"'),
  },
  {
    id: 'ILM-TF-AWS-105',
    failing: redshift(''),
    passing: redshift('  logging {\n    enable = true\n    bucket_name = "audit"\n  }'),
  },
  {
    id: 'ILM-TF-AWS-106',
    failing: redshift('  publicly_accessible = true'),
    passing: redshift('  publicly_accessible = false'),
  },
  {
    id: 'ILM-TF-AWS-107',
    failing: domain(''),
    passing: domain('  encrypt_at_rest {\n    enabled = true\n  }'),
  },
  {
    id: 'ILM-TF-AWS-108',
    failing: domain('  cluster_config {\n    instance_count = 3\n  }'),
    passing: domain(
      '  cluster_config {\n    instance_count = 3\n  }\n  node_to_node_encryption {\n    enabled = true\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-109',
    failing: domain('  domain_endpoint_options {\n    enforce_https = false\n  }'),
    passing: domain('  domain_endpoint_options {\n    enforce_https = true\n  }'),
  },
  {
    id: 'ILM-TF-AWS-110',
    failing: domain(
      '  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\n  }',
    ),
    passing: domain(
      '  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }',
    ),
  },
  {
    id: 'ILM-TF-AWS-111',
    failing: domain(
      '  log_publishing_options {\n    log_type = "INDEX_SLOW_LOGS"\n    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:slow"\n  }',
    ),
    passing: domain(
      '  log_publishing_options {\n    log_type = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:audit"\n  }',
    ),
  },
];

describe('data service rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('keeps 0 (never expire) as a retention of at least a year', () => {
    expect(judge('ILM-TF-AWS-083', logGroup('  retention_in_days = 0'))).toBe('pass');
  });

  it('checks node-to-node encryption only for multi-node domains', () => {
    expect(judge('ILM-TF-AWS-108', domain('  cluster_config {\n    instance_count = 1\n  }'))).toBe('pass');
  });

  it('is unknown, never failing, when a flow log may belong to the VPC', () => {
    const text = `variable "vpc_id" {}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id       = var.vpc_id
  traffic_type = "ALL"
}`;
    expect(judge('ILM-TF-AWS-099', text)).toBe('unknown');
    const other = `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\nresource "aws_flow_log" "f" {\n  vpc_id = aws_vpc.other.id\n}`;
    const outcomes = runTerraformRule(rule('ILM-TF-AWS-099'), other);
    expect(outcomes.find((outcome) => outcome.resource === 'aws_vpc.main')?.results[0]?.status).toBe('fail');
  });

  it('is unknown, never failing, for values known only after apply', () => {
    expect(
      judge(
        'ILM-TF-AWS-084',
        `variable "pitr" {}\n${table('  point_in_time_recovery {\n    enabled = var.pitr\n  }')}`,
      ),
    ).toBe('unknown');
    expect(judge('ILM-TF-AWS-096', `variable "m" {}\n${repository('  image_tag_mutability = var.m')}`)).toBe(
      'unknown',
    );
  });
});
