// Every Google Cloud (google provider) Terraform rule, in id order.

import type { TerraformRule } from '../../types.js';
import { BIGQUERY_RULES } from './bigquery.js';
import { CLOUD_SQL_RULES } from './cloud-sql.js';
import { COMPUTE_INSTANCE_RULES } from './compute-instance.js';
import { DNS_RULES } from './dns.js';
import { GKE_CLUSTER_RULES } from './gke-cluster.js';
import { GKE_NODE_RULES } from './gke-nodes.js';
import { IAM_RULES } from './iam.js';
import { KMS_RULES } from './kms.js';
import { NETWORK_RULES } from './network.js';
import { STORAGE_RULES } from './storage.js';

export const GOOGLE_RULES: TerraformRule[] = [
  ...STORAGE_RULES,
  ...GKE_CLUSTER_RULES,
  ...GKE_NODE_RULES,
  ...CLOUD_SQL_RULES,
  ...COMPUTE_INSTANCE_RULES,
  ...NETWORK_RULES,
  ...KMS_RULES,
  ...IAM_RULES,
  ...BIGQUERY_RULES,
  ...DNS_RULES,
];
