// KMS key rules: rotation and key policies that grant to anyone.

import { fail, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { allows, hasAnyPrincipal, policyDocumentAt } from './policy-documents.js';
import { NOT_APPLICABLE, requireTrue, same } from './rule-helpers.js';

const KMS_DOCS = 'https://docs.aws.amazon.com/kms/latest/developerguide';

export const KMS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-046',
    title: 'KMS key has automatic rotation enabled',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_kms_key'],
    remediation: 'Set enable_key_rotation = true (symmetric encryption keys only).',
    references: [`${KMS_DOCS}/rotate-keys.html`],
    equivalents: same({ checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065'] }),
    check(key) {
      // Rotation exists only for symmetric encryption keys; signing, HMAC and asymmetric keys cannot rotate.
      const usage = stringAt(key.values, ['key_usage']);
      const spec = stringAt(key.values, ['customer_master_key_spec']);
      if (usage === 'SIGN_VERIFY' || usage === 'GENERATE_VERIFY_MAC') return NOT_APPLICABLE;
      if (spec !== undefined && spec !== 'unknown' && spec !== 'SYMMETRIC_DEFAULT') return NOT_APPLICABLE;
      const result = requireTrue(key.values, ['enable_key_rotation'], 'KMS key rotation is not enabled');
      return result.status === 'fail' && (usage === 'unknown' || spec === 'unknown')
        ? UNKNOWN_RESULT
        : result;
    },
  },
  {
    id: 'ILM-TF-AWS-047',
    title: 'KMS key policy does not grant access to any principal',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-732',
    resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
    remediation:
      'Name the accounts, roles or services in the key policy; never Allow Principal "*" without a condition.',
    references: [`${KMS_DOCS}/key-policies.html`],
    equivalents: same({}),
    check(resource, context) {
      const document = policyDocumentAt(resource, 'policy', context);
      if (document === undefined) return NOT_APPLICABLE;
      if (document === 'unknown') return UNKNOWN_RESULT;
      let unknown = false;
      for (const statement of document.statements) {
        const allowed = allows(statement);
        const anyone = hasAnyPrincipal(statement.principals);
        const unconditioned =
          statement.conditions === 'unknown' ? 'unknown' : statement.conditions.length === 0;
        if (allowed === true && anyone === true && unconditioned === true)
          return fail(['policy'], 'KMS key policy allows any principal (*) without a condition');
        if (allowed !== false && anyone !== false && unconditioned !== false) unknown = true;
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
];
