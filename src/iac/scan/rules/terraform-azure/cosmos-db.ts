// Azure Cosmos DB account rules.

import type { TerraformRule } from '../../types.js';
import { expectBool } from './rule-support.js';

const COSMOS_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account';

export const COSMOS_DB_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-061',
    title: 'Cosmos DB account disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_cosmosdb_account'],
    remediation: 'Set public_network_access_enabled = false and use private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-private-endpoints',
      `${COSMOS_DOCS}#public_network_access_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_101'], trivy: [], kics: [] },
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
    id: 'ILM-TF-AZURE-062',
    title: 'Cosmos DB account blocks key-based metadata writes',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-269',
    resourceTypes: ['azurerm_cosmosdb_account'],
    remediation:
      'Set access_key_metadata_writes_enabled = false so account keys cannot change databases and containers.',
    references: [
      'https://learn.microsoft.com/en-us/azure/cosmos-db/role-based-access-control#prevent-sdk-changes',
      `${COSMOS_DOCS}#access_key_metadata_writes_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_132'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['access_key_metadata_writes_enabled'],
        false,
        'fail',
        'Account keys may change account metadata (the azurerm default).',
      );
    },
  },
];
