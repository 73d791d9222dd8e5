// Azure Key Vault, key and secret rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBool,
  expectNonEmptyString,
  expectOneOf,
  readBool,
  UNREADABLE,
} from './rule-support.js';

const VAULT_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault';

export const KEY_VAULT_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-010',
    title: 'Key vault has purge protection enabled',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_key_vault'],
    remediation: 'Set purge_protection_enabled = true.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection',
      `${VAULT_DOCS}#purge_protection_enabled`,
    ],
    // Trivy's AVD-AZU-0016 also fails a protected vault whose soft_delete_retention_days is unset
    // (the provider default is 90), so it is not listed.
    equivalents: { checkov: ['CKV_AZURE_110'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['purge_protection_enabled'],
        true,
        'fail',
        'Purge protection is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-011',
    title: 'Key vault does not disable soft delete',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_key_vault'],
    remediation:
      'Remove soft_delete_enabled = false (azurerm v2) and keep soft_delete_retention_days at the default 90 days or more than 7.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview',
      `${VAULT_DOCS}#soft_delete_retention_days`,
    ],
    equivalents: { checkov: ['CKV_AZURE_111'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(resource.values, ['soft_delete_enabled'], true, 'pass', 'Soft delete is disabled.');
    },
  },
  {
    id: 'ILM-TF-AZURE-012',
    title: 'Key vault network ACLs deny access by default',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_key_vault'],
    remediation:
      'Add network_acls { default_action = "Deny", bypass = "AzureServices" } and allow only required networks.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/general/network-security',
      `${VAULT_DOCS}#network_acls`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_109'],
      trivy: ['AVD-AZU-0013', 'azure-keyvault-specify-network-acl'],
      kics: [],
    },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['network_acls', 0, 'default_action'],
        ['Deny'],
        'fail',
        'The key vault does not deny network access by default.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-013',
    title: 'Key vault uses Azure RBAC for data-plane authorization',
    severity: 'LOW',
    category: 'rbac',
    cwe: 'CWE-285',
    resourceTypes: ['azurerm_key_vault'],
    remediation:
      'Set rbac_authorization_enabled = true (azurerm v4.42+) or enable_rbac_authorization = true (azurerm v3) and grant access with role assignments instead of access policies.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide',
      `${VAULT_DOCS}#rbac_authorization_enabled`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const current = readBool(resource.values, ['rbac_authorization_enabled']);
      const legacy = readBool(resource.values, ['enable_rbac_authorization']);
      if (current === true || legacy === true) return PASS;
      if (current === UNREADABLE || legacy === UNREADABLE) return UNKNOWN_RESULT;
      const path = current !== ABSENT ? ['rbac_authorization_enabled'] : ['enable_rbac_authorization'];
      return fail(path, 'The key vault authorizes data-plane access with access policies, not Azure RBAC.');
    },
  },
  {
    id: 'ILM-TF-AZURE-014',
    title: 'Key vault key has an expiration date',
    severity: 'MEDIUM',
    category: 'secrets',
    cwe: 'CWE-324',
    resourceTypes: ['azurerm_key_vault_key'],
    remediation: 'Set expiration_date (RFC 3339) and rotate the key before it expires.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#expiration_date',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_40'],
      trivy: ['AVD-AZU-0014', 'azure-keyvault-ensure-key-expiry'],
      kics: [],
    },
    check(resource) {
      return expectNonEmptyString(resource.values, ['expiration_date'], 'The key has no expiration date.');
    },
  },
  {
    id: 'ILM-TF-AZURE-015',
    title: 'Key vault secret has an expiration date',
    severity: 'MEDIUM',
    category: 'secrets',
    cwe: 'CWE-324',
    resourceTypes: ['azurerm_key_vault_secret'],
    remediation: 'Set expiration_date (RFC 3339) and rotate the secret before it expires.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_secret#expiration_date',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_41'],
      trivy: ['AVD-AZU-0017', 'azure-keyvault-ensure-secret-expiry'],
      kics: [],
    },
    check(resource) {
      return expectNonEmptyString(resource.values, ['expiration_date'], 'The secret has no expiration date.');
    },
  },
  {
    id: 'ILM-TF-AZURE-016',
    title: 'Key vault secret declares a content type',
    severity: 'LOW',
    category: 'secrets',
    cwe: 'CWE-1059',
    resourceTypes: ['azurerm_key_vault_secret'],
    remediation: 'Set content_type (for example "password" or "connection-string") to describe the secret.',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_secret#content_type',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_114'],
      trivy: ['AVD-AZU-0015', 'azure-keyvault-content-type-for-secret'],
      kics: [],
    },
    check(resource) {
      return expectNonEmptyString(resource.values, ['content_type'], 'The secret has no content type.');
    },
  },
  {
    id: 'ILM-TF-AZURE-017',
    title: 'Key vault key is backed by an HSM',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['azurerm_key_vault_key'],
    remediation: 'Use key_type = "RSA-HSM" or "EC-HSM" (Premium SKU vaults).',
    references: [
      'https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#key_type',
    ],
    equivalents: { checkov: ['CKV_AZURE_112'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['key_type'],
        ['RSA-HSM', 'EC-HSM'],
        'fail',
        'The key is software-protected, not HSM-backed.',
      );
    },
  },
];
