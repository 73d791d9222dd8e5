import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { BIGQUERY_RULES } from './bigquery.js';

const dataset = (body: string) => `
resource "google_bigquery_dataset" "dataset" {
  dataset_id = "example_dataset"
  location   = "EU"
${body}
}
`;

const table = (body: string) => `
resource "google_bigquery_table" "table" {
  dataset_id = "example_dataset"
  table_id   = "example_table"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-058',
    fail: [
      dataset('  access {\n    role          = "READER"\n    special_group = "allAuthenticatedUsers"\n  }'),
      dataset('  access {\n    role       = "READER"\n    iam_member = "allUsers"\n  }'),
    ],
    pass: [
      dataset(''),
      dataset(
        '  access {\n    role          = "OWNER"\n    user_by_email = "owner@example.com"\n  }\n  access {\n    role          = "READER"\n    special_group = "projectReaders"\n  }',
      ),
    ],
    unknown: [
      `variable "group" {}\n${dataset('  access {\n    role          = "READER"\n    special_group = var.group\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-059',
    fail: [dataset('')],
    pass: [
      `resource "google_kms_crypto_key" "key" {
  name     = "bq"
  key_ring = "ring"
}
${dataset('  default_encryption_configuration {\n    kms_key_name = google_kms_crypto_key.key.id\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-060',
    fail: [table('')],
    pass: [
      table(
        '  encryption_configuration {\n    kms_key_name = "projects/p/locations/eu/keyRings/r/cryptoKeys/k"\n  }',
      ),
    ],
  },
];

describe('BigQuery rules', () => {
  describeCaseCoverage(BIGQUERY_RULES, cases);
  describeRuleCases(BIGQUERY_RULES, cases);
});
