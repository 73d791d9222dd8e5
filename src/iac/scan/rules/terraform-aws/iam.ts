// IAM rules: over-broad policy statements (JSON policies on IAM resources and
// aws_iam_policy_document data sources), policies attached to users, public trust policies and the
// account password policy.

import { fail, numberAt, PASS, type Path, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule, TerraformRuleContext } from '../../types.js';
import {
  allows,
  dataDocumentStatements,
  hasAnyPrincipal,
  type PolicyDocument,
  type PolicyStatement,
  policyDocumentAt,
} from './policy-documents.js';
import { listIncludes, NOT_APPLICABLE, requireTrue, same, stringListAt } from './rule-helpers.js';

const IAM_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

/** IAM resources that hold a JSON policy, and the attribute that holds it. */
const POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_ssoadmin_permission_set_inline_policy: 'inline_policy',
};

type Tri = boolean | 'unknown';

function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.every((value) => value === true) ? true : 'unknown';
}

const isStar = (item: string) => item === '*';
const isServiceWildcard = (item: string) => /^[a-z0-9-]+:\*$/i.test(item);

/** Judges every statement; fails on the first violating one, unknown when one might violate. */
function judgeStatements(
  document: PolicyDocument,
  violates: (statement: PolicyStatement) => Tri,
  pathOf: (statement: PolicyStatement) => Path,
  message: string,
): CheckResult {
  let unknown = document.incomplete;
  for (const statement of document.statements) {
    const verdict = violates(statement);
    if (verdict === true) return fail(pathOf(statement), message);
    if (verdict === 'unknown') unknown = true;
  }
  return unknown ? UNKNOWN_RESULT : PASS;
}

/** A rule body over the JSON policy of an IAM resource; data-source policies are left to the data rules. */
function jsonPolicyCheck(violates: (statement: PolicyStatement) => Tri, message: string) {
  return (resource: TerraformResourceView, context: TerraformRuleContext): CheckResult | CheckResult[] => {
    const attribute = POLICY_ATTRIBUTES[resource.type] ?? 'policy';
    const document = policyDocumentAt(resource, attribute, context, { followData: false });
    if (document === undefined) return NOT_APPLICABLE;
    if (document === 'unknown') return UNKNOWN_RESULT;
    if (document.source === 'data') return NOT_APPLICABLE;
    return judgeStatements(document, violates, () => [attribute], message);
  };
}

/** A rule body over an aws_iam_policy_document data source. */
function dataPolicyCheck(violates: (statement: PolicyStatement) => Tri, message: string) {
  return (resource: TerraformResourceView): CheckResult =>
    judgeStatements(
      dataDocumentStatements(resource.values),
      violates,
      (statement) => [...statement.path, 'actions'],
      message,
    );
}

const grantsAdmin = (statement: PolicyStatement) =>
  and(allows(statement), listIncludes(statement.actions, isStar), listIncludes(statement.resources, isStar));
const grantsAllActions = (statement: PolicyStatement) =>
  and(allows(statement), listIncludes(statement.actions, isStar));
const grantsServiceWildcard = (statement: PolicyStatement) =>
  and(allows(statement), listIncludes(statement.actions, isServiceWildcard));

function passwordLength(minimum: number, path: string, message: string) {
  return (policy: TerraformResourceView): CheckResult => {
    const value = numberAt(policy.values, [path]);
    if (value === 'unknown') return UNKNOWN_RESULT;
    return value !== undefined && value >= minimum ? PASS : fail([path], message);
  };
}

const PASSWORD_DOCS = `${IAM_DOCS}/id_credentials_passwords_account-policy.html`;

export const IAM_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-048',
    title: 'IAM policy does not grant full administrative privileges ("*" on "*")',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: Object.keys(POLICY_ATTRIBUTES),
    remediation:
      'Grant only the actions and resources the principal needs; never Action "*" on Resource "*".',
    references: [`${IAM_DOCS}/best-practices.html#grant-least-privilege`],
    equivalents: same({ checkov: ['CKV_AWS_62'] }),
    check: jsonPolicyCheck(grantsAdmin, 'Policy allows Action "*" on Resource "*" (full administrator)'),
  },
  {
    id: 'ILM-TF-AWS-049',
    title: 'IAM policy document does not grant full administrative privileges ("*" on "*")',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: ['aws_iam_policy_document'],
    remediation:
      'Grant only the actions and resources the principal needs; never actions ["*"] on resources ["*"].',
    references: [`${IAM_DOCS}/best-practices.html#grant-least-privilege`],
    equivalents: same({ checkov: ['CKV_AWS_1'] }),
    check: dataPolicyCheck(
      grantsAdmin,
      'Policy document allows actions "*" on resources "*" (full administrator)',
    ),
  },
  {
    id: 'ILM-TF-AWS-050',
    title: 'IAM policy does not allow all actions ("*")',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: Object.keys(POLICY_ATTRIBUTES),
    remediation: 'List the actions the principal needs instead of "*".',
    references: [`${IAM_DOCS}/best-practices.html#grant-least-privilege`],
    equivalents: same({ checkov: ['CKV_AWS_63'] }),
    check: jsonPolicyCheck(grantsAllActions, 'Policy allows Action "*"'),
  },
  {
    id: 'ILM-TF-AWS-051',
    title: 'IAM policy document does not allow all actions ("*")',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: ['aws_iam_policy_document'],
    remediation: 'List the actions the principal needs instead of "*".',
    references: [`${IAM_DOCS}/best-practices.html#grant-least-privilege`],
    equivalents: same({ checkov: ['CKV_AWS_49'] }),
    check: dataPolicyCheck(grantsAllActions, 'Policy document allows actions "*"'),
  },
  {
    id: 'ILM-TF-AWS-052',
    title: 'IAM policy does not allow every action of a service ("service:*")',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: [...Object.keys(POLICY_ATTRIBUTES), 'aws_iam_policy_document'],
    remediation: 'Replace "service:*" with the specific actions needed (e.g. "s3:GetObject").',
    references: [`${IAM_DOCS}/best-practices.html#grant-least-privilege`],
    equivalents: same({}),
    check: (resource, context) =>
      resource.type === 'aws_iam_policy_document'
        ? dataPolicyCheck(grantsServiceWildcard, 'Policy document allows every action of a service')(resource)
        : jsonPolicyCheck(grantsServiceWildcard, 'Policy allows every action of a service')(
            resource,
            context,
          ),
  },
  {
    id: 'ILM-TF-AWS-053',
    title: 'IAM policies are attached to groups or roles, not users',
    severity: 'LOW',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_policy_attachment'],
    remediation: 'Attach policies to groups or roles and add users to groups.',
    references: [`${IAM_DOCS}/best-practices.html#use-groups-for-permissions`],
    equivalents: same({ checkov: ['CKV_AWS_40'] }),
    check(resource) {
      if (resource.type !== 'aws_iam_policy_attachment')
        return fail(['user'], 'Policy is attached directly to a user');
      const users = stringListAt(resource.values, ['users']);
      if (users === undefined) return PASS;
      if (users.known.length > 0) return fail(['users'], 'Policy is attached directly to users');
      return users.unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-AWS-054',
    title: 'IAM role trust policy does not allow any principal to assume it',
    severity: 'CRITICAL',
    category: 'iam',
    cwe: 'CWE-284',
    resourceTypes: ['aws_iam_role'],
    remediation: 'Name the accounts, roles or services that may assume the role; never Principal "*".',
    references: [`${IAM_DOCS}/id_roles_terms-and-concepts.html#term_trust-policy`],
    equivalents: same({ checkov: ['CKV_AWS_60'] }),
    check(role, context) {
      const document = policyDocumentAt(role, 'assume_role_policy', context);
      if (document === undefined) return NOT_APPLICABLE;
      if (document === 'unknown') return UNKNOWN_RESULT;
      return judgeStatements(
        document,
        (statement) => and(allows(statement), hasAnyPrincipal(statement.principals)),
        () => ['assume_role_policy'],
        'Trust policy allows any principal (*) to assume the role',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-055',
    title: 'IAM password policy requires at least 14 characters',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set minimum_password_length = 14 or more.',
    references: [PASSWORD_DOCS],
    equivalents: same({
      checkov: ['CKV_AWS_10'],
      trivy: ['AVD-AWS-0063'],
      kics: ['1bc1c685-e593-450e-88fb-19db4c82aa1d'],
    }),
    check: passwordLength(
      14,
      'minimum_password_length',
      'Password policy allows passwords shorter than 14 characters',
    ),
  },
  {
    id: 'ILM-TF-AWS-056',
    title: 'IAM password policy prevents reuse of the last 24 passwords',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set password_reuse_prevention = 24.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_13'] }),
    check: passwordLength(
      24,
      'password_reuse_prevention',
      'Password policy allows reusing one of the last 24 passwords',
    ),
  },
  {
    id: 'ILM-TF-AWS-057',
    title: 'IAM password policy requires a lowercase letter',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set require_lowercase_characters = true.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_11'], trivy: ['AVD-AWS-0058'] }),
    check: (policy) =>
      requireTrue(
        policy.values,
        ['require_lowercase_characters'],
        'Password policy does not require lowercase letters',
      ),
  },
  {
    id: 'ILM-TF-AWS-058',
    title: 'IAM password policy requires a number',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set require_numbers = true.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_12'], trivy: ['AVD-AWS-0059'] }),
    check: (policy) =>
      requireTrue(policy.values, ['require_numbers'], 'Password policy does not require numbers'),
  },
  {
    id: 'ILM-TF-AWS-059',
    title: 'IAM password policy requires a symbol',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set require_symbols = true.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_14'], trivy: ['AVD-AWS-0060'] }),
    check: (policy) =>
      requireTrue(policy.values, ['require_symbols'], 'Password policy does not require symbols'),
  },
  {
    id: 'ILM-TF-AWS-060',
    title: 'IAM password policy requires an uppercase letter',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-521',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set require_uppercase_characters = true.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_15'], trivy: ['AVD-AWS-0061'] }),
    check: (policy) =>
      requireTrue(
        policy.values,
        ['require_uppercase_characters'],
        'Password policy does not require uppercase letters',
      ),
  },
  {
    id: 'ILM-TF-AWS-061',
    title: 'IAM password policy expires passwords within 90 days',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-262',
    resourceTypes: ['aws_iam_account_password_policy'],
    remediation: 'Set max_password_age to 90 or less.',
    references: [PASSWORD_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_9'] }),
    check(policy) {
      const age = numberAt(policy.values, ['max_password_age']);
      if (age === 'unknown') return UNKNOWN_RESULT;
      if (age === undefined)
        return fail(['max_password_age'], 'Password policy sets no maximum password age');
      return age <= 90
        ? PASS
        : fail(['max_password_age'], `Passwords expire after ${age} days (more than 90)`);
    },
  },
];
