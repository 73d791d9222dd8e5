import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { STORAGE_RULES } from './storage.js';

const bucket = (body: string) => `
resource "google_storage_bucket" "static" {
  name          = "example-bucket"
  location      = "EU"
  force_destroy = true
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-001',
    fail: [bucket(''), bucket('  uniform_bucket_level_access = false')],
    pass: [bucket('  uniform_bucket_level_access = true')],
    unknown: [`variable "ubla" {}\n${bucket('  uniform_bucket_level_access = var.ubla')}`],
  },
  {
    id: 'ILM-TF-GCP-002',
    fail: [bucket(''), bucket('  public_access_prevention = "inherited"')],
    pass: [bucket('  public_access_prevention = "enforced"')],
  },
  {
    id: 'ILM-TF-GCP-003',
    fail: [
      `resource "google_storage_bucket_iam_member" "member" {
  bucket = "example-bucket"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}`,
      `resource "google_storage_bucket_iam_binding" "binding" {
  bucket  = "example-bucket"
  role    = "roles/storage.objectViewer"
  members = ["user:jane@example.com", "allAuthenticatedUsers"]
}`,
    ],
    pass: [
      `resource "google_storage_bucket_iam_member" "member" {
  bucket = "example-bucket"
  role   = "roles/storage.objectViewer"
  member = "group:readers@example.com"
}`,
    ],
    unknown: [
      `variable "member" {}
resource "google_storage_bucket_iam_member" "member" {
  bucket = "example-bucket"
  role   = "roles/storage.objectViewer"
  member = var.member
}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-004',
    fail: [bucket(''), bucket('  versioning {\n    enabled = false\n  }')],
    pass: [bucket('  versioning {\n    enabled = true\n  }')],
  },
  {
    id: 'ILM-TF-GCP-005',
    fail: [bucket('')],
    pass: [bucket('  logging {\n    log_bucket = "access-logs-bucket"\n  }')],
  },
];

describe('Google Cloud Storage rules', () => {
  describeCaseCoverage(STORAGE_RULES, cases);
  describeRuleCases(STORAGE_RULES, cases);
});
