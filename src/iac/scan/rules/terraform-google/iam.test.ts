import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { IAM_RULES } from './iam.js';

const member = (type: string, role: string, who: string) => `
resource "${type}" "grant" {
  ${type.startsWith('google_organization') ? 'org_id = "1234"' : type.startsWith('google_folder') ? 'folder = "folders/1234"' : 'project = "my-project"'}
  role    = "${role}"
  ${type.endsWith('_binding') ? `members = ["${who}"]` : `member = "${who}"`}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-054',
    fail: [
      member('google_project_iam_member', 'roles/editor', 'group:devs@example.com'),
      member('google_project_iam_binding', 'roles/viewer', 'user:a@example.com'),
    ],
    pass: [member('google_project_iam_member', 'roles/storage.objectViewer', 'group:devs@example.com')],
    unknown: [
      `variable "role" {}
resource "google_project_iam_member" "grant" {
  project = "my-project"
  role    = var.role
  member  = "group:devs@example.com"
}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-055',
    fail: [
      member('google_project_iam_member', 'roles/owner', 'user:jane@example.com'),
      member('google_organization_iam_binding', 'roles/editor', 'user:jane@example.com'),
    ],
    pass: [
      member('google_project_iam_member', 'roles/owner', 'group:admins@example.com'),
      member('google_folder_iam_member', 'roles/compute.viewer', 'user:jane@example.com'),
    ],
  },
  {
    id: 'ILM-TF-GCP-056',
    fail: [
      member('google_project_iam_member', 'roles/iam.serviceAccountUser', 'user:jane@example.com'),
      member('google_project_iam_binding', 'roles/iam.serviceAccountTokenCreator', 'group:ci@example.com'),
    ],
    pass: [member('google_project_iam_member', 'roles/logging.logWriter', 'user:jane@example.com')],
  },
  {
    id: 'ILM-TF-GCP-057',
    fail: [
      `resource "google_service_account" "app" {
  account_id = "app"
}
resource "google_service_account_key" "app" {
  service_account_id = google_service_account.app.name
}`,
    ],
    pass: [`resource "google_service_account" "app" {\n  account_id = "app"\n}`],
  },
];

describe('IAM rules', () => {
  describeCaseCoverage(IAM_RULES, cases);
  describeRuleCases(IAM_RULES, cases);
});
