// BigQuery dataset and table rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { expectNonEmptyString, readBlocks, readString, UNREADABLE } from '../terraform-azure/rule-support.js';

const DATASET_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset';

export const BIGQUERY_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-058',
    title: 'BigQuery dataset is not publicly accessible',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['google_bigquery_dataset'],
    remediation:
      'Remove access blocks for allUsers/allAuthenticatedUsers; grant access to specific users, groups or views.',
    references: [
      'https://cloud.google.com/bigquery/docs/control-access-to-resources-iam',
      `${DATASET_DOCS}#access`,
    ],
    equivalents: { checkov: ['CKV_GCP_15'], trivy: [], kics: [] },
    check(resource) {
      const access = readBlocks(resource.values, ['access']);
      if (access === UNREADABLE) return UNKNOWN_RESULT;
      let unknown = false;
      for (const [index, entry] of access.entries()) {
        if ('special_group' in entry) {
          const group = readString(entry, ['special_group']);
          if (group === UNREADABLE) unknown = true;
          else if (group === 'allAuthenticatedUsers' || group === 'allUsers') {
            return fail(['access', index, 'special_group'], `The dataset is shared with ${group}.`);
          }
          continue;
        }
        // As Checkov reads it, an entry naming no user, group, domain or view grants to everyone
        // (this is how "allUsers" shows up, for example as iam_member = "allUsers").
        if (!['user_by_email', 'group_by_email', 'domain', 'view'].some((key) => key in entry)) {
          return fail(['access', index], 'An access entry names no user, group, domain or view.');
        }
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-059',
    title: 'BigQuery dataset is encrypted with a customer-managed key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['google_bigquery_dataset'],
    remediation: 'Add default_encryption_configuration { kms_key_name = google_kms_crypto_key.<name>.id }.',
    references: [
      'https://cloud.google.com/bigquery/docs/customer-managed-encryption',
      `${DATASET_DOCS}#default_encryption_configuration`,
    ],
    equivalents: { checkov: ['CKV_GCP_81'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['default_encryption_configuration']) === UNREADABLE)
        return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['default_encryption_configuration', 0, 'kms_key_name'],
        'The dataset uses a Google-managed key.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-060',
    title: 'BigQuery table is encrypted with a customer-managed key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['google_bigquery_table'],
    remediation: 'Add encryption_configuration { kms_key_name = google_kms_crypto_key.<name>.id }.',
    references: [
      'https://cloud.google.com/bigquery/docs/customer-managed-encryption',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table#encryption_configuration',
    ],
    equivalents: { checkov: ['CKV_GCP_80'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['encryption_configuration']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['encryption_configuration', 0, 'kms_key_name'],
        'The table uses a Google-managed key.',
      );
    },
  },
];
