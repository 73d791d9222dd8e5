// Google Cloud Storage bucket rules.

import { UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import {
  expectBool,
  expectNonEmptyString,
  expectOneOf,
  readBlocks,
  UNREADABLE,
} from '../terraform-azure/rule-support.js';
import { publicMembers } from './iam-members.js';

const BUCKET_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket';

export const STORAGE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-001',
    title: 'Storage bucket uses uniform bucket-level access',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['google_storage_bucket'],
    remediation: 'Set uniform_bucket_level_access = true and manage access with IAM only (no object ACLs).',
    references: [
      'https://cloud.google.com/storage/docs/uniform-bucket-level-access',
      `${BUCKET_DOCS}#uniform_bucket_level_access`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_29'],
      trivy: ['AVD-GCP-0002', 'google-storage-enable-ubla'],
      kics: ['bb0db090-5509-4853-a827-75ced0b3caa0'],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['uniform_bucket_level_access'],
        true,
        'fail',
        'Object ACLs can grant access: uniform bucket-level access is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-002',
    title: 'Storage bucket enforces public access prevention',
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['google_storage_bucket'],
    remediation: 'Set public_access_prevention = "enforced".',
    references: [
      'https://cloud.google.com/storage/docs/public-access-prevention',
      `${BUCKET_DOCS}#public_access_prevention`,
    ],
    equivalents: { checkov: ['CKV_GCP_114'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['public_access_prevention'],
        ['enforced'],
        'fail',
        'Public access prevention is not enforced.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-003',
    title: 'Storage bucket IAM does not grant access to allUsers or allAuthenticatedUsers',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'],
    remediation:
      'Grant bucket roles to specific users, groups or service accounts, never allUsers/allAuthenticatedUsers.',
    references: [
      'https://cloud.google.com/storage/docs/access-control/making-data-public',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam',
    ],
    equivalents: {
      checkov: ['CKV_GCP_28'],
      trivy: ['AVD-GCP-0001', 'google-storage-no-public-access'],
      kics: [],
    },
    check(resource) {
      return publicMembers(resource.values, 'The bucket is readable by the public.');
    },
  },
  {
    id: 'ILM-TF-GCP-004',
    title: 'Storage bucket has object versioning enabled',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['google_storage_bucket'],
    remediation: 'Add versioning { enabled = true }.',
    references: ['https://cloud.google.com/storage/docs/object-versioning', `${BUCKET_DOCS}#versioning`],
    equivalents: { checkov: ['CKV_GCP_78'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['versioning']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['versioning', 0, 'enabled'],
        true,
        'fail',
        'Object versioning is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-005',
    title: 'Storage bucket has access logging',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_storage_bucket'],
    remediation: 'Add logging { log_bucket = "<another bucket>" }.',
    references: ['https://cloud.google.com/storage/docs/access-logs', `${BUCKET_DOCS}#logging`],
    equivalents: { checkov: ['CKV_GCP_62'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['logging']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['logging', 0, 'log_bucket'],
        'Bucket access is not logged.',
      );
    },
  },
];
