// Azure Container Registry rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { expectBool, readBool, readString, UNREADABLE } from './rule-support.js';

const ACR_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry';

export const CONTAINER_REGISTRY_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-058',
    title: 'Container registry admin user is disabled',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-798',
    resourceTypes: ['azurerm_container_registry'],
    remediation: 'Remove admin_enabled = true and authenticate with Microsoft Entra identities or tokens.',
    references: [
      'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account',
      `${ACR_DOCS}#admin_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_137'], trivy: [], kics: ['b897dfbf-322c-45a8-b67c-1e698beeaa51'] },
    check(resource) {
      return expectBool(
        resource.values,
        ['admin_enabled'],
        false,
        'pass',
        'The registry admin user is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-059',
    title: 'Container registry disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_container_registry'],
    remediation: 'Set public_network_access_enabled = false (Premium SKU) and use private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks',
      `${ACR_DOCS}#public_network_access_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_139'], trivy: [], kics: [] },
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
  {
    id: 'ILM-TF-AZURE-060',
    title: 'Container registry disables anonymous pull',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_container_registry'],
    remediation: 'Remove anonymous_pull_enabled = true.',
    references: [
      'https://learn.microsoft.com/en-us/azure/container-registry/anonymous-pull-access',
      `${ACR_DOCS}#anonymous_pull_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_138'], trivy: [], kics: [] },
    check(resource) {
      // Anonymous pull exists only on the Standard and Premium SKUs.
      const sku = readString(resource.values, ['sku']);
      const anonymous = readBool(resource.values, ['anonymous_pull_enabled']);
      if (anonymous !== true) return anonymous === UNREADABLE ? UNKNOWN_RESULT : PASS;
      if (sku === UNREADABLE) return UNKNOWN_RESULT;
      return sku === 'Standard' || sku === 'Premium'
        ? fail(['anonymous_pull_enabled'], 'Anyone can pull images from the registry.')
        : PASS;
    },
  },
];
