// Every AWS Terraform rule, in id order.

import type { TerraformRule } from '../../types.js';
import { CLOUDTRAIL_RULES } from './cloudtrail.js';
import { CLOUDWATCH_RULES } from './cloudwatch.js';
import { DYNAMODB_RULES } from './dynamodb.js';
import { EC2_RULES } from './ec2.js';
import { ECR_RULES } from './ecr.js';
import { EKS_RULES } from './eks.js';
import { ELASTICACHE_RULES } from './elasticache.js';
import { ELB_RULES } from './elb.js';
import { IAM_RULES } from './iam.js';
import { KMS_RULES } from './kms.js';
import { LAMBDA_RULES } from './lambda.js';
import { OPENSEARCH_RULES } from './opensearch.js';
import { RDS_RULES } from './rds.js';
import { REDSHIFT_RULES } from './redshift.js';
import { S3_RULES } from './s3.js';
import { SECURITY_GROUP_RULES } from './security-groups.js';
import { SQS_SNS_RULES } from './sqs-sns.js';
import { VPC_RULES } from './vpc.js';

export const AWS_RULES: TerraformRule[] = [
  ...S3_RULES,
  ...SECURITY_GROUP_RULES,
  ...RDS_RULES,
  ...EKS_RULES,
  ...KMS_RULES,
  ...IAM_RULES,
  ...CLOUDTRAIL_RULES,
  ...EC2_RULES,
  ...ELB_RULES,
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
