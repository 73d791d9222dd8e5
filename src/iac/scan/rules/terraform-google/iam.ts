// Project, folder and organization IAM rules, and service account keys.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { ABSENT, readString, referencingResources, UNREADABLE } from '../terraform-azure/rule-support.js';
import { iamMembers } from './iam-members.js';

const PROJECT_IAM = ['google_project_iam_member', 'google_project_iam_binding'];
const IAM_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam';

export const IAM_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-054',
    title: 'Project IAM does not grant basic roles (owner, editor, viewer)',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-250',
    resourceTypes: PROJECT_IAM,
    remediation:
      'Grant predefined or custom roles scoped to the task instead of roles/owner, roles/editor or roles/viewer.',
    references: ['https://cloud.google.com/iam/docs/understanding-roles#basic', IAM_DOCS],
    equivalents: { checkov: ['CKV_GCP_117'], trivy: [], kics: [] },
    check(resource) {
      const role = readString(resource.values, ['role']);
      if (role === UNREADABLE) return UNKNOWN_RESULT;
      return role !== ABSENT && ['roles/owner', 'roles/editor', 'roles/viewer'].includes(role)
        ? fail(['role'], `The basic role ${role} is granted at project level.`)
        : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-055',
    title: 'Owner or editor is not granted directly to user accounts',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-250',
    resourceTypes: [
      ...PROJECT_IAM,
      'google_folder_iam_member',
      'google_folder_iam_binding',
      'google_organization_iam_member',
      'google_organization_iam_binding',
    ],
    remediation:
      'Grant least-privilege roles to groups instead of roles/owner or roles/editor to individual users.',
    references: ['https://cloud.google.com/iam/docs/using-iam-securely', IAM_DOCS],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const role = readString(resource.values, ['role']);
      if (role === UNREADABLE) return UNKNOWN_RESULT;
      if (role === ABSENT || !['roles/owner', 'roles/editor'].includes(role)) return PASS;
      const members = iamMembers(resource.values);
      if (members === UNREADABLE) return UNKNOWN_RESULT;
      if (members === ABSENT) return PASS;
      return members.some((member) => member.startsWith('user:'))
        ? fail(['role'], `${role} is granted directly to a user account.`)
        : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-056',
    title: 'Service Account User / Token Creator is not granted at project level',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: PROJECT_IAM,
    remediation:
      'Grant roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator on specific service accounts.',
    references: ['https://cloud.google.com/iam/docs/service-account-permissions', IAM_DOCS],
    equivalents: {
      checkov: ['CKV_GCP_41'],
      trivy: ['AVD-GCP-0011', 'google-iam-no-project-level-service-account-impersonation'],
      kics: [],
    },
    check(resource) {
      const role = readString(resource.values, ['role']);
      if (role === UNREADABLE) return UNKNOWN_RESULT;
      return role !== ABSENT &&
        ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'].includes(role)
        ? fail(['role'], 'Principals can impersonate every service account of the project.')
        : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-057',
    title: 'Service account has no user-managed keys',
    severity: 'MEDIUM',
    category: 'secrets',
    cwe: 'CWE-798',
    resourceTypes: ['google_service_account'],
    remediation:
      'Remove google_service_account_key resources; use Workload Identity, impersonation or attached service accounts.',
    references: [
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_key',
    ],
    equivalents: { checkov: ['CKV2_GCP_3'], trivy: [], kics: [] },
    check(resource, context) {
      const keys = referencingResources(
        context,
        resource,
        ['google_service_account_key'],
        ['service_account_id'],
      );
      return keys.length > 0
        ? fail(
            undefined,
            `The service account has user-managed keys (${keys.map((key) => key.address).join(', ')}).`,
          )
        : PASS;
    },
  },
];
