// Azure Storage account and container rules (azurerm v3/v4 attribute names).

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule, TerraformRuleContext } from '../../types.js';
import {
  ABSENT,
  combine,
  expectBool,
  expectOneOf,
  forbidOneOf,
  readBlocks,
  readBool,
  readString,
  referencingResources,
  UNREADABLE,
} from './rule-support.js';

const STORAGE_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account';

/** The separate network rules resources (azurerm_storage_account_network_rules) attached to an account. */
function attachedNetworkRules(
  account: TerraformResourceView,
  context: TerraformRuleContext,
): TerraformResourceView[] {
  return [
    ...referencingResources(
      context,
      account,
      ['azurerm_storage_account_network_rules'],
      ['storage_account_id'],
    ),
    ...referencingResources(
      context,
      account,
      ['azurerm_storage_account_network_rules'],
      ['storage_account_name'],
      'name',
    ),
  ];
}

function defaultActionDenies(values: Value, path: (string | number)[]): CheckResult {
  return expectOneOf(
    values,
    path,
    ['Deny'],
    'pass',
    'The network rules allow access by default; set default_action to "Deny".',
    {
      ignoreCase: true,
    },
  );
}

/** Queue logging must record delete, read and write requests. */
function queueLoggingComplete(values: Value, path: (string | number)[]): CheckResult {
  const logging = readBlocks(values, path);
  if (logging === UNREADABLE) return UNKNOWN_RESULT;
  const first = logging[0];
  if (!first) return fail(path, 'Queue service logging is not configured.');
  const readings = (['delete', 'read', 'write'] as const).map((operation) => readBool(first, [operation]));
  if (readings.some((reading) => reading === false || reading === ABSENT)) {
    return fail(path, 'Queue service logging does not record delete, read and write requests.');
  }
  return readings.includes(UNREADABLE) ? UNKNOWN_RESULT : PASS;
}

export const STORAGE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-001',
    title: 'Storage account accepts only secure transfer (HTTPS)',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['azurerm_storage_account'],
    remediation:
      'Set https_traffic_only_enabled = true (azurerm v4) or enable_https_traffic_only = true (azurerm v3), or leave the provider default (true).',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer',
      `${STORAGE_DOCS}#https_traffic_only_enabled`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_3', 'CKV_AZURE_60'],
      trivy: ['AVD-AZU-0008', 'azure-storage-enforce-https'],
      kics: [],
    },
    check(resource) {
      // v3 and v4 spell the attribute differently; either one set to false disables secure transfer.
      return combine([
        expectBool(
          resource.values,
          ['enable_https_traffic_only'],
          true,
          'pass',
          'Secure transfer is disabled.',
        ),
        expectBool(
          resource.values,
          ['https_traffic_only_enabled'],
          true,
          'pass',
          'Secure transfer is disabled.',
        ),
      ]);
    },
  },
  {
    id: 'ILM-TF-AZURE-002',
    title: 'Storage account requires TLS 1.2 or later',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: ['azurerm_storage_account'],
    remediation: 'Set min_tls_version = "TLS1_2".',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version',
      `${STORAGE_DOCS}#min_tls_version`,
    ],
    // Trivy treats an absent min_tls_version as TLS1_2 (the provider default); Checkov requires it
    // explicitly. We follow Checkov, so only Checkov's id is listed.
    equivalents: { checkov: ['CKV_AZURE_44'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['min_tls_version'],
        ['TLS1_2', 'TLS1_3'],
        'fail',
        'The storage account does not require TLS 1.2 or later.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-003',
    title: 'Storage account does not allow anonymous public access to blobs',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_storage_account'],
    remediation: 'Set allow_nested_items_to_be_public = false (the azurerm default is true).',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent',
      `${STORAGE_DOCS}#allow_nested_items_to_be_public`,
    ],
    equivalents: { checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'], trivy: [], kics: [] },
    check(resource) {
      const legacy = readBool(resource.values, ['allow_blob_public_access']);
      if (legacy === true) return fail(['allow_blob_public_access'], 'Blob public access is allowed.');
      return expectBool(
        resource.values,
        ['allow_nested_items_to_be_public'],
        false,
        'fail',
        'Containers and blobs in the account may be made public (allow_nested_items_to_be_public is not false).',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-004',
    title: 'Storage account network rules deny access by default',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_storage_account', 'azurerm_storage_account_network_rules'],
    remediation:
      'Add network_rules { default_action = "Deny" } (or an azurerm_storage_account_network_rules resource) and allow only the networks that need access.',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
      `${STORAGE_DOCS}#network_rules`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_35'],
      trivy: ['AVD-AZU-0012', 'azure-storage-default-action-deny'],
      kics: [],
    },
    check(resource, context) {
      if (resource.type === 'azurerm_storage_account_network_rules') {
        return defaultActionDenies(resource.values, ['default_action']);
      }
      const blocks = readBlocks(resource.values, ['network_rules']);
      if (blocks === UNREADABLE) return UNKNOWN_RESULT;
      if (blocks.length > 0) {
        return combine(
          blocks.map((_, index) =>
            defaultActionDenies(resource.values, ['network_rules', index, 'default_action']),
          ),
        );
      }
      // The separate network rules resource reports for itself.
      if (attachedNetworkRules(resource, context).length > 0) return PASS;
      return fail(
        ['network_rules'],
        'No network rules are defined, so the account is reachable from any network.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-005',
    title: 'Storage account has infrastructure (double) encryption enabled',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['azurerm_storage_account'],
    remediation: 'Set infrastructure_encryption_enabled = true when creating the account.',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable',
      `${STORAGE_DOCS}#infrastructure_encryption_enabled`,
    ],
    equivalents: {
      checkov: [],
      trivy: ['AVD-AZU-0061', 'azure-storage-infrastructure-encryption-enabled'],
      kics: ['d02793e5-b3b5-4cfa-b379-7a81d5bfe170'],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['infrastructure_encryption_enabled'],
        true,
        'fail',
        'Infrastructure encryption is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-006',
    title: 'Storage account logs queue service read, write and delete requests',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['azurerm_storage_account'],
    remediation:
      'Add queue_properties { logging { delete = true, read = true, write = true, version = "1.0" } } (or an azurerm_storage_account_queue_properties resource on azurerm v4).',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/storage-analytics-logging',
      `${STORAGE_DOCS}#queue_properties`,
    ],
    // Checkov's CKV_AZURE_33 passes every account that sets account_kind (its condition is always
    // true), and Trivy's check only looks for a logging block on accounts with queues: neither matches.
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource, context) {
      const kind = readString(resource.values, ['account_kind']);
      if (kind === UNREADABLE) return UNKNOWN_RESULT;
      // Only general-purpose accounts have a queue service.
      if (kind !== ABSENT && kind !== 'Storage' && kind !== 'StorageV2') return PASS;
      const inline = readBlocks(resource.values, ['queue_properties']);
      if (inline === UNREADABLE) return UNKNOWN_RESULT;
      if (inline.length > 0) return queueLoggingComplete(resource.values, ['queue_properties', 0, 'logging']);
      const separate = referencingResources(
        context,
        resource,
        ['azurerm_storage_account_queue_properties'],
        ['storage_account_id'],
      );
      if (separate.length > 0) {
        const results = separate.map((properties) => queueLoggingComplete(properties.values, ['logging']));
        return combine(results).status === 'fail'
          ? fail(
              ['queue_properties'],
              'Queue service logging does not record delete, read and write requests.',
            )
          : combine(results);
      }
      return fail(['queue_properties'], 'Queue service logging is not configured.');
    },
  },
  {
    id: 'ILM-TF-AZURE-007',
    title: 'Storage account disables Shared Key authorization',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['azurerm_storage_account'],
    remediation: 'Set shared_access_key_enabled = false and authorize requests with Microsoft Entra ID.',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent',
      `${STORAGE_DOCS}#shared_access_key_enabled`,
    ],
    equivalents: { checkov: ['CKV2_AZURE_40'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['shared_access_key_enabled'],
        false,
        'fail',
        'Shared Key (account key) authorization is allowed.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-008',
    title: 'Storage container is private',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_storage_container'],
    remediation: 'Set container_access_type = "private" (the default) or remove it.',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_34'],
      trivy: ['AVD-AZU-0007', 'azure-storage-no-public-access'],
      kics: [],
    },
    check(resource) {
      return forbidOneOf(
        resource.values,
        ['container_access_type'],
        ['blob', 'container'],
        'The container allows anonymous public read access.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-009',
    title: 'Storage account disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_storage_account'],
    remediation: 'Set public_network_access_enabled = false and reach the account through private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
      `${STORAGE_DOCS}#public_network_access_enabled`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['public_network_access_enabled'],
        false,
        'fail',
        'Public network access is enabled (the azurerm default).',
      );
    },
  },
];
