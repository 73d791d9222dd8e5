// Cloud KMS crypto key rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { ABSENT, readString, referencingResources, UNREADABLE } from '../terraform-azure/rule-support.js';
import { iamMembers, PUBLIC_PRINCIPALS } from './iam-members.js';

const KEY_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key';
const ONE_DAY = 24 * 60 * 60;
const NINETY_DAYS = 90 * ONE_DAY;

export const KMS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-052',
    title: 'KMS crypto key rotates at least every 90 days',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['google_kms_crypto_key'],
    remediation: 'Set rotation_period = "7776000s" (90 days) or shorter, and at least one day.',
    references: ['https://cloud.google.com/kms/docs/key-rotation', `${KEY_DOCS}#rotation_period`],
    // Trivy passes a key without rotation_period; Checkov fails it. We follow Checkov.
    equivalents: { checkov: ['CKV_GCP_43'], trivy: [], kics: [] },
    check(resource) {
      const period = readString(resource.values, ['rotation_period']);
      if (period === UNREADABLE) return UNKNOWN_RESULT;
      if (period === ABSENT) return fail(['rotation_period'], 'The key is never rotated automatically.');
      const seconds = /^(\d+(?:\.\d+)?)s$/.exec(period.trim());
      if (!seconds) return UNKNOWN_RESULT;
      const value = Number(seconds[1]);
      return value >= ONE_DAY && value <= NINETY_DAYS
        ? PASS
        : fail(['rotation_period'], 'The key rotation period is not between 1 and 90 days.');
    },
  },
  {
    id: 'ILM-TF-GCP-053',
    title: 'KMS crypto key is not accessible to allUsers or allAuthenticatedUsers',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['google_kms_crypto_key'],
    remediation:
      'Remove allUsers/allAuthenticatedUsers from google_kms_crypto_key_iam_member/_binding resources of the key.',
    references: [
      'https://cloud.google.com/kms/docs/iam',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_kms_crypto_key_iam',
    ],
    equivalents: { checkov: ['CKV2_GCP_6'], trivy: [], kics: [] },
    check(resource, context) {
      const grants = referencingResources(
        context,
        resource,
        ['google_kms_crypto_key_iam_member', 'google_kms_crypto_key_iam_binding'],
        ['crypto_key_id'],
      );
      let unknown = false;
      for (const grant of grants) {
        const members = iamMembers(grant.values);
        if (members === UNREADABLE) unknown = true;
        else if (members !== ABSENT && members.some((member) => PUBLIC_PRINCIPALS.includes(member))) {
          return fail(undefined, `The key is granted to the public by ${grant.address}.`);
        }
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
];
