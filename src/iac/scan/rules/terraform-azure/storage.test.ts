import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';
import { STORAGE_RULES } from './storage.js';

const account = (body: string) => `
resource "azurerm_storage_account" "example" {
  name                     = "examplestorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
${body}
}
`;

const hardened = `
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  infrastructure_encryption_enabled = true
  public_network_access_enabled     = false
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-001',
    fail: [account('  enable_https_traffic_only = false'), account('  https_traffic_only_enabled = false')],
    pass: [account(''), account('  https_traffic_only_enabled = true')],
    unknown: [`variable "https" {}\n${account('  https_traffic_only_enabled = var.https')}`],
  },
  {
    id: 'ILM-TF-AZURE-002',
    fail: [account(''), account('  min_tls_version = "TLS1_0"')],
    pass: [account('  min_tls_version = "TLS1_2"')],
    unknown: [`variable "tls" {}\n${account('  min_tls_version = var.tls')}`],
  },
  {
    id: 'ILM-TF-AZURE-003',
    fail: [
      account(''),
      account('  allow_nested_items_to_be_public = true'),
      account('  allow_blob_public_access = true'),
    ],
    pass: [account('  allow_nested_items_to_be_public = false')],
  },
  {
    id: 'ILM-TF-AZURE-004',
    fail: [
      account(''),
      account('  network_rules {\n    default_action = "Allow"\n  }'),
      `${account('')}
resource "azurerm_storage_account_network_rules" "rules" {
  storage_account_id = azurerm_storage_account.example.id
  default_action     = "Allow"
}`,
    ],
    pass: [
      account('  network_rules {\n    default_action = "Deny"\n    ip_rules       = ["203.0.113.0/24"]\n  }'),
      `${account('')}
resource "azurerm_storage_account_network_rules" "rules" {
  storage_account_id = azurerm_storage_account.example.id
  default_action     = "Deny"
}`,
    ],
    unknown: [`variable "action" {}\n${account('  network_rules {\n    default_action = var.action\n  }')}`],
  },
  {
    id: 'ILM-TF-AZURE-005',
    fail: [account(''), account('  infrastructure_encryption_enabled = false')],
    pass: [account('  infrastructure_encryption_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-006',
    fail: [
      account(''),
      account(`  queue_properties {
    logging {
      delete  = true
      read    = false
      write   = true
      version = "1.0"
    }
  }`),
    ],
    pass: [
      account(`  queue_properties {
    logging {
      delete                = true
      read                  = true
      write                 = true
      version               = "1.0"
      retention_policy_days = 10
    }
  }`),
      account('  account_kind = "BlobStorage"'),
      `${account('')}
resource "azurerm_storage_account_queue_properties" "queues" {
  storage_account_id = azurerm_storage_account.example.id
  logging {
    delete  = true
    read    = true
    write   = true
    version = "1.0"
  }
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-007',
    fail: [account(''), account('  shared_access_key_enabled = true')],
    pass: [account(hardened)],
  },
  {
    id: 'ILM-TF-AZURE-008',
    fail: [
      `resource "azurerm_storage_container" "c" {
  name                  = "content"
  storage_account_id    = "id"
  container_access_type = "blob"
}`,
    ],
    pass: [
      `resource "azurerm_storage_container" "c" {
  name               = "content"
  storage_account_id = "id"
}`,
      `resource "azurerm_storage_container" "c" {
  name                  = "content"
  storage_account_id    = "id"
  container_access_type = "private"
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-009',
    fail: [account(''), account('  public_network_access_enabled = true')],
    pass: [account('  public_network_access_enabled = false')],
  },
];

describe('Azure storage rules', () => {
  describeCaseCoverage(STORAGE_RULES, cases);
  describeRuleCases(STORAGE_RULES, cases);
});
