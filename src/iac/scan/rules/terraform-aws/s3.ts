// S3 bucket rules. A bucket's settings live inline (legacy blocks) or in separate resources
// (aws_s3_bucket_versioning, _logging, _server_side_encryption_configuration, _public_access_block,
// _acl, _policy) that point at it by reference or by name; both are read, as Checkov's graph checks
// and Trivy's adapter do. A companion that might point at the bucket but cannot be resolved makes the
// answer unknown, never a failure.

import type { ValueObject } from '../../../terraform/eval/value.js';
import { fail, PASS, stringAt, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule, TerraformRuleContext } from '../../types.js';
import {
  allows,
  conditionValues,
  hasAnyPrincipal,
  type PolicyDocument,
  policyDocumentAt,
} from './policy-documents.js';
import { relatedResources } from './related-resources.js';
import { blockList, combine, NOT_APPLICABLE, requireTrue, same, stringListAt } from './rule-helpers.js';

const S3_DOCS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide';

function companions(context: TerraformRuleContext, bucket: TerraformResourceView, type: string) {
  return relatedResources(context, bucket, type, 'bucket', 'bucket');
}

interface EncryptionDefault {
  algorithm: string | 'unknown' | undefined;
  kmsKey: string | 'unknown' | undefined;
}

/** The apply_server_side_encryption_by_default blocks of the bucket, inline and separate; 'unknown' when unreadable. */
function encryptionDefaults(
  bucket: TerraformResourceView,
  context: TerraformRuleContext,
): { defaults: EncryptionDefault[]; undecided: boolean } | 'unknown' {
  const defaults: EncryptionDefault[] = [];
  const read = (ruleBlocks: ValueObject[] | 'unknown'): boolean => {
    if (ruleBlocks === 'unknown') return false;
    for (const rule of ruleBlocks) {
      const byDefault = blockList(rule, ['apply_server_side_encryption_by_default']);
      if (byDefault === 'unknown') return false;
      for (const block of byDefault) {
        defaults.push({
          algorithm: stringAt(block, ['sse_algorithm']),
          kmsKey: stringAt(block, ['kms_master_key_id']),
        });
      }
    }
    return true;
  };
  const inline = blockList(bucket.values, ['server_side_encryption_configuration']);
  if (inline === 'unknown') return 'unknown';
  for (const configuration of inline) if (!read(blockList(configuration, ['rule']))) return 'unknown';
  const related = companions(context, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
  for (const configuration of related.matches)
    if (!read(blockList(configuration.values, ['rule']))) return 'unknown';
  return { defaults, undecided: related.undecided };
}

const VALID_ALGORITHMS = ['aes256', 'aws:kms', 'aws:kms:dsse'];
const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

function algorithmCheck(
  bucket: TerraformResourceView,
  context: TerraformRuleContext,
  accepted: readonly string[],
  message: string,
): CheckResult {
  const found = encryptionDefaults(bucket, context);
  if (found === 'unknown') return UNKNOWN_RESULT;
  if (
    found.defaults.some(
      (item) => typeof item.algorithm === 'string' && accepted.includes(item.algorithm.toLowerCase()),
    )
  )
    return PASS;
  if (found.defaults.some((item) => item.algorithm === 'unknown') || found.undecided) return UNKNOWN_RESULT;
  return fail(found.defaults.length > 0 ? ['server_side_encryption_configuration'] : undefined, message);
}

/** The bucket's canned ACLs: inline `acl` and every aws_s3_bucket_acl pointing at it. */
function cannedAcls(bucket: TerraformResourceView, context: TerraformRuleContext) {
  const acls: (string | 'unknown')[] = [];
  const inline = stringAt(bucket.values, ['acl']);
  if (inline !== undefined) acls.push(inline);
  const related = companions(context, bucket, 'aws_s3_bucket_acl');
  const grants: ValueObject[] = [];
  let grantsUnknown = false;
  const inlineGrants = blockList(bucket.values, ['grant']);
  if (inlineGrants === 'unknown') grantsUnknown = true;
  else grants.push(...inlineGrants);
  for (const acl of related.matches) {
    const value = stringAt(acl.values, ['acl']);
    if (value !== undefined) acls.push(value);
    const policies = blockList(acl.values, ['access_control_policy']);
    if (policies === 'unknown') {
      grantsUnknown = true;
      continue;
    }
    for (const policy of policies) {
      const policyGrants = blockList(policy, ['grant']);
      if (policyGrants === 'unknown') {
        grantsUnknown = true;
        continue;
      }
      for (const grant of policyGrants) {
        const grantees = blockList(grant, ['grantee']);
        if (grantees === 'unknown') {
          grantsUnknown = true;
          continue;
        }
        for (const grantee of grantees)
          grants.push({ ...grantee, permissions: [valueAt(grant, ['permission']) ?? null] });
      }
    }
  }
  return { acls, grants, grantsUnknown, undecided: related.undecided };
}

const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';

function publicAclCheck(
  bucket: TerraformResourceView,
  context: TerraformRuleContext,
  publicAcls: readonly string[],
  publicPermissions: readonly string[],
  message: string,
): CheckResult {
  const found = cannedAcls(bucket, context);
  const inline = stringAt(bucket.values, ['acl']);
  for (const acl of found.acls) {
    if (acl !== 'unknown' && publicAcls.includes(acl.toLowerCase())) {
      return fail(inline === acl ? ['acl'] : undefined, `${message} (canned ACL "${acl}")`);
    }
  }
  for (const grant of found.grants) {
    const uri = stringAt(grant, ['uri']);
    if (uri !== ALL_USERS_URI) continue;
    const permissions = stringListAt(grant, ['permissions']);
    if (permissions?.known.some((permission) => publicPermissions.includes(permission.toUpperCase()))) {
      return fail(undefined, `${message} (grant to AllUsers)`);
    }
  }
  if (found.acls.includes('unknown') || found.grantsUnknown || found.undecided) return UNKNOWN_RESULT;
  return PASS;
}

/** Every policy document that applies to the bucket: inline `policy` and aws_s3_bucket_policy resources. */
function bucketPolicies(
  bucket: TerraformResourceView,
  context: TerraformRuleContext,
): { documents: PolicyDocument[]; unknown: boolean } {
  const documents: PolicyDocument[] = [];
  let unknown = false;
  const add = (document: PolicyDocument | 'unknown' | undefined) => {
    if (document === 'unknown') unknown = true;
    else if (document !== undefined) {
      documents.push(document);
      if (document.incomplete) unknown = true;
    }
  };
  add(policyDocumentAt(bucket, 'policy', context));
  const related = companions(context, bucket, 'aws_s3_bucket_policy');
  for (const policy of related.matches) add(policyDocumentAt(policy, 'policy', context));
  if (related.undecided) unknown = true;
  return { documents, unknown };
}

/** True when a log-delivery bucket (Trivy's exemption: SSE-KMS is not supported for log destinations). */
function isLogBucket(bucket: TerraformResourceView, context: TerraformRuleContext): boolean | 'unknown' {
  const found = cannedAcls(bucket, context);
  if (found.acls.some((acl) => acl !== 'unknown' && acl.toLowerCase() === 'log-delivery-write')) return true;
  for (const grant of found.grants) {
    if (stringAt(grant, ['uri']) !== 'http://acs.amazonaws.com/groups/s3/LogDelivery') continue;
    const permissions = stringListAt(grant, ['permissions']);
    if (permissions?.known.some((permission) => ['WRITE', 'FULL_CONTROL'].includes(permission.toUpperCase())))
      return true;
  }
  const policies = bucketPolicies(bucket, context);
  for (const document of policies.documents) {
    for (const statement of document.statements) {
      if (allows(statement) !== true || statement.principals === 'unknown' || !statement.principals) continue;
      const logging = statement.principals.some(
        (principal) =>
          principal.type.toLowerCase() === 'service' &&
          principal.identifiers.known.includes('logging.s3.amazonaws.com'),
      );
      if (logging && statement.actions.known.some((action) => action.toLowerCase() === 's3:putobject'))
        return true;
    }
  }
  return found.acls.includes('unknown') || found.grantsUnknown || policies.unknown ? 'unknown' : false;
}

function publicAccessBlockSetting(attribute: string, what: string) {
  return (resource: TerraformResourceView): CheckResult =>
    requireTrue(
      resource.values,
      [attribute],
      `Public access block does not set ${attribute} = true (${what})`,
    );
}

export const S3_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-001',
    title: 'S3 bucket has server-side encryption configured',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Add an aws_s3_bucket_server_side_encryption_configuration (or the legacy server_side_encryption_configuration block) with sse_algorithm "aws:kms" or "AES256".',
    references: [`${S3_DOCS}/bucket-encryption.html`],
    equivalents: same({ trivy: ['AVD-AWS-0088'] }),
    check: (bucket, context) =>
      algorithmCheck(bucket, context, VALID_ALGORITHMS, 'Bucket has no server-side encryption configuration'),
  },
  {
    id: 'ILM-TF-AWS-002',
    title: 'S3 bucket is encrypted with KMS by default',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Set sse_algorithm = "aws:kms" (or "aws:kms:dsse") in the bucket server-side encryption configuration.',
    references: [`${S3_DOCS}/UsingKMSEncryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_145'] }),
    check: (bucket, context) =>
      algorithmCheck(bucket, context, KMS_ALGORITHMS, 'Bucket default encryption does not use SSE-KMS'),
  },
  {
    id: 'ILM-TF-AWS-003',
    title: 'S3 bucket encryption uses a customer-managed KMS key',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Set kms_master_key_id to a customer-managed KMS key in the bucket encryption configuration (log-delivery buckets are exempt: they only support SSE-S3).',
    references: [`${S3_DOCS}/UsingKMSEncryption.html`],
    equivalents: same({ trivy: ['AVD-AWS-0132'] }),
    check(bucket, context) {
      const found = encryptionDefaults(bucket, context);
      if (found === 'unknown') return UNKNOWN_RESULT;
      if (
        found.defaults.some(
          (item) => typeof item.kmsKey === 'string' && item.kmsKey !== 'unknown' && item.kmsKey.trim() !== '',
        )
      )
        return PASS;
      if (found.defaults.some((item) => item.kmsKey === 'unknown') || found.undecided) return UNKNOWN_RESULT;
      const logBucket = isLogBucket(bucket, context);
      if (logBucket === true) return NOT_APPLICABLE;
      if (logBucket === 'unknown') return UNKNOWN_RESULT;
      return fail(undefined, 'Bucket is not encrypted with a customer-managed KMS key');
    },
  },
  {
    id: 'ILM-TF-AWS-004',
    title: 'S3 bucket has versioning enabled',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Add an aws_s3_bucket_versioning resource with versioning_configuration { status = "Enabled" }.',
    references: [`${S3_DOCS}/Versioning.html`],
    equivalents: same({ checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] }),
    check(bucket, context) {
      const results: CheckResult[] = [];
      const inline = blockList(bucket.values, ['versioning']);
      if (inline === 'unknown') results.push(UNKNOWN_RESULT);
      else for (const block of inline) results.push(requireTrue(block, ['enabled'], ''));
      const related = companions(context, bucket, 'aws_s3_bucket_versioning');
      for (const versioning of related.matches) {
        const configurations = blockList(versioning.values, ['versioning_configuration']);
        if (configurations === 'unknown') results.push(UNKNOWN_RESULT);
        else
          for (const configuration of configurations) {
            const status = stringAt(configuration, ['status']);
            results.push(status === 'unknown' ? UNKNOWN_RESULT : status === 'Enabled' ? PASS : fail());
          }
      }
      if (results.some((result) => result.status === 'pass')) return PASS;
      if (results.some((result) => result.status === 'unknown') || related.undecided) return UNKNOWN_RESULT;
      return fail(
        inline !== 'unknown' && inline.length > 0 ? ['versioning', 0, 'enabled'] : undefined,
        'Bucket versioning is not enabled',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-005',
    title: 'S3 bucket has access logging enabled',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Add an aws_s3_bucket_logging resource (or a logging block) that delivers access logs to a log bucket.',
    references: [`${S3_DOCS}/ServerLogs.html`],
    equivalents: same({ checkov: ['CKV_AWS_18'], trivy: ['AVD-AWS-0089'] }),
    check(bucket, context) {
      const inline = blockList(bucket.values, ['logging']);
      if (inline === 'unknown') return UNKNOWN_RESULT;
      if (inline.length > 0) return PASS;
      const related = companions(context, bucket, 'aws_s3_bucket_logging');
      if (related.matches.length > 0) return PASS;
      // Trivy's exemption: the log-delivery target bucket itself.
      const acl = stringAt(bucket.values, ['acl']);
      if (acl === 'log-delivery-write') return PASS;
      if (acl === 'unknown' || related.undecided) return UNKNOWN_RESULT;
      return fail(undefined, 'Bucket has no access logging');
    },
  },
  {
    id: 'ILM-TF-AWS-006',
    title: 'S3 bucket has a public access block',
    severity: 'LOW',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_s3_bucket'],
    remediation: 'Add an aws_s3_bucket_public_access_block for the bucket with all four settings true.',
    references: [`${S3_DOCS}/access-control-block-public-access.html`],
    equivalents: same({ trivy: ['AVD-AWS-0094'] }),
    check(bucket, context) {
      const related = companions(context, bucket, 'aws_s3_bucket_public_access_block');
      if (related.matches.length > 0) return PASS;
      if (related.undecided) return UNKNOWN_RESULT;
      return fail(undefined, 'Bucket has no aws_s3_bucket_public_access_block');
    },
  },
  {
    id: 'ILM-TF-AWS-007',
    title: 'S3 public access block blocks public ACLs',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_s3_bucket_public_access_block'],
    remediation: 'Set block_public_acls = true.',
    references: [`${S3_DOCS}/access-control-block-public-access.html`],
    equivalents: same({ checkov: ['CKV_AWS_53'] }),
    check: publicAccessBlockSetting('block_public_acls', 'PUTs with public ACLs are accepted'),
  },
  {
    id: 'ILM-TF-AWS-008',
    title: 'S3 public access block blocks public bucket policies',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_s3_bucket_public_access_block'],
    remediation: 'Set block_public_policy = true.',
    references: [`${S3_DOCS}/access-control-block-public-access.html`],
    equivalents: same({ checkov: ['CKV_AWS_54'] }),
    check: publicAccessBlockSetting('block_public_policy', 'public bucket policies are accepted'),
  },
  {
    id: 'ILM-TF-AWS-009',
    title: 'S3 public access block ignores public ACLs',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_s3_bucket_public_access_block'],
    remediation: 'Set ignore_public_acls = true.',
    references: [`${S3_DOCS}/access-control-block-public-access.html`],
    equivalents: same({ checkov: ['CKV_AWS_55'] }),
    check: publicAccessBlockSetting('ignore_public_acls', 'existing public ACLs still apply'),
  },
  {
    id: 'ILM-TF-AWS-010',
    title: 'S3 public access block restricts public buckets',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['aws_s3_bucket_public_access_block'],
    remediation: 'Set restrict_public_buckets = true.',
    references: [`${S3_DOCS}/access-control-block-public-access.html`],
    equivalents: same({ checkov: ['CKV_AWS_56'] }),
    check: publicAccessBlockSetting('restrict_public_buckets', 'a public policy still grants access'),
  },
  {
    id: 'ILM-TF-AWS-011',
    title: 'S3 bucket ACL does not allow public read access',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-732',
    resourceTypes: ['aws_s3_bucket'],
    remediation: 'Use the "private" canned ACL (or disable ACLs with object ownership BucketOwnerEnforced).',
    references: [`${S3_DOCS}/acl-overview.html`],
    equivalents: same({ checkov: ['CKV_AWS_20'] }),
    check: (bucket, context) =>
      publicAclCheck(
        bucket,
        context,
        ['public-read', 'public-read-write', 'authenticated-read', 'website'],
        ['READ', 'READ_ACP', 'WRITE', 'WRITE_ACP', 'FULL_CONTROL'],
        'Bucket ACL allows public read access',
      ),
  },
  {
    id: 'ILM-TF-AWS-012',
    title: 'S3 bucket ACL does not allow public write access',
    severity: 'CRITICAL',
    category: 'access-control',
    cwe: 'CWE-732',
    resourceTypes: ['aws_s3_bucket'],
    remediation: 'Never use the "public-read-write" canned ACL or WRITE grants to AllUsers.',
    references: [`${S3_DOCS}/acl-overview.html`],
    equivalents: same({ checkov: ['CKV_AWS_57'] }),
    check: (bucket, context) =>
      publicAclCheck(
        bucket,
        context,
        ['public-read-write'],
        ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'],
        'Bucket ACL allows public write access',
      ),
  },
  {
    id: 'ILM-TF-AWS-013',
    title: 'S3 bucket policy denies requests without TLS',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Attach a bucket policy with a Deny statement for all principals conditioned on "aws:SecureTransport" = "false".',
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html'],
    equivalents: same({}),
    check(bucket, context) {
      const policies = bucketPolicies(bucket, context);
      for (const document of policies.documents) {
        for (const statement of document.statements) {
          if (allows(statement) !== false) continue;
          const secure = conditionValues(statement, 'aws:SecureTransport');
          if (
            secure !== undefined &&
            secure !== 'unknown' &&
            secure.known.some((value) => value.toLowerCase() === 'false')
          )
            return PASS;
          const tls = conditionValues(statement, 's3:TlsVersion');
          if (tls !== undefined && tls !== 'unknown' && tls.known.length > 0) return PASS;
        }
      }
      if (policies.unknown) return UNKNOWN_RESULT;
      return fail(
        undefined,
        policies.documents.length === 0
          ? 'Bucket has no policy, so plain HTTP requests are accepted'
          : 'Bucket policy does not deny requests made without TLS (aws:SecureTransport = false)',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-014',
    title: 'S3 bucket versioning requires MFA delete',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-308',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_versioning'],
    remediation:
      'Enable MFA delete (mfa_delete = "Enabled" with the root account MFA device) on versioned buckets.',
    references: [`${S3_DOCS}/MultiFactorAuthenticationDelete.html`],
    equivalents: same({}),
    check(resource) {
      if (resource.type === 'aws_s3_bucket') {
        const blocks = blockList(resource.values, ['versioning']);
        if (blocks === 'unknown') return UNKNOWN_RESULT;
        return combine(
          blocks.map((block, index) => {
            const enabled = requireTrue(block, ['enabled'], '');
            if (enabled.status !== 'pass') return enabled.status === 'unknown' ? UNKNOWN_RESULT : PASS;
            const mfa = requireTrue(block, ['mfa_delete'], '');
            return mfa.status === 'fail'
              ? fail(['versioning', index, 'mfa_delete'], 'Bucket versioning does not require MFA delete')
              : mfa;
          }),
        );
      }
      const configurations = blockList(resource.values, ['versioning_configuration']);
      if (configurations === 'unknown') return UNKNOWN_RESULT;
      return combine(
        configurations.map((configuration, index) => {
          const status = stringAt(configuration, ['status']);
          if (status === 'unknown') return UNKNOWN_RESULT;
          if (status !== 'Enabled') return PASS;
          const mfa = stringAt(configuration, ['mfa_delete']);
          if (mfa === 'unknown') return UNKNOWN_RESULT;
          return mfa === 'Enabled'
            ? PASS
            : fail(
                ['versioning_configuration', index, 'mfa_delete'],
                'Bucket versioning does not require MFA delete',
              );
        }),
      );
    },
  },
  {
    id: 'ILM-TF-AWS-015',
    title: 'S3 bucket object lock configuration is enabled',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['aws_s3_bucket'],
    remediation:
      'Set object_lock_enabled = "Enabled" in the object_lock_configuration block (or remove the disabled block).',
    references: [`${S3_DOCS}/object-lock.html`],
    equivalents: same({ checkov: ['CKV_AWS_143'] }),
    check(bucket) {
      const blocks = blockList(bucket.values, ['object_lock_configuration']);
      if (blocks === 'unknown') return UNKNOWN_RESULT;
      if (blocks.length === 0) return NOT_APPLICABLE;
      const enabled = stringAt(blocks[0]!, ['object_lock_enabled']);
      if (enabled === 'unknown') return UNKNOWN_RESULT;
      return enabled === 'Enabled'
        ? PASS
        : fail(
            ['object_lock_configuration', 0, 'object_lock_enabled'],
            'Object lock configuration is not enabled',
          );
    },
  },
  {
    id: 'ILM-TF-AWS-016',
    title: 'S3 bucket policy does not grant access to any principal',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-732',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_policy'],
    remediation:
      'Name the principals that need access; never Allow Principal "*" without a restricting Condition.',
    references: [`${S3_DOCS}/example-bucket-policies.html`],
    equivalents: same({}),
    check(resource, context) {
      const document = policyDocumentAt(resource, 'policy', context);
      if (document === undefined) return NOT_APPLICABLE;
      if (document === 'unknown') return UNKNOWN_RESULT;
      let unknown = document.incomplete && document.statements.length === 0;
      for (const statement of document.statements) {
        const allowed = allows(statement);
        const anyone = hasAnyPrincipal(statement.principals);
        const unconditioned =
          statement.conditions === 'unknown' ? 'unknown' : statement.conditions.length === 0;
        if (allowed === true && anyone === true && unconditioned === true) {
          return fail(['policy'], 'Bucket policy allows any principal (*) without a condition');
        }
        if (allowed !== false && anyone !== false && unconditioned !== false) unknown = true;
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
];
