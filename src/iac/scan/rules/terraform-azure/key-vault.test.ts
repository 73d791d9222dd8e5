import { describe } from 'vitest';
import { KEY_VAULT_RULES } from './key-vault.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const vault = (body: string) => `
resource "azurerm_key_vault" "example" {
  name                = "examplekeyvault"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
${body}
}
`;

const key = (body: string) => `
resource "azurerm_key_vault_key" "example" {
  name         = "generated-certificate"
  key_vault_id = "vault-id"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]
${body}
}
`;

const secret = (body: string) => `
resource "azurerm_key_vault_secret" "example" {
  name         = "secret-sauce"
  value        = "szechuan"
  key_vault_id = "vault-id"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-010',
    fail: [vault(''), vault('  purge_protection_enabled = false')],
    pass: [vault('  purge_protection_enabled = true')],
    unknown: [`variable "purge" {}\n${vault('  purge_protection_enabled = var.purge')}`],
  },
  {
    id: 'ILM-TF-AZURE-011',
    fail: [vault('  soft_delete_enabled = false')],
    pass: [vault(''), vault('  soft_delete_retention_days = 90')],
  },
  {
    id: 'ILM-TF-AZURE-012',
    fail: [
      vault(''),
      vault('  network_acls {\n    default_action = "Allow"\n    bypass         = "AzureServices"\n  }'),
    ],
    pass: [vault('  network_acls {\n    default_action = "Deny"\n    bypass         = "AzureServices"\n  }')],
  },
  {
    id: 'ILM-TF-AZURE-013',
    fail: [vault(''), vault('  enable_rbac_authorization = false')],
    pass: [vault('  enable_rbac_authorization = true'), vault('  rbac_authorization_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-014',
    fail: [key('  key_type = "RSA-HSM"')],
    pass: [
      key('  key_type = "RSA-HSM"\n  expiration_date = "2030-12-31T00:00:00Z"'),
      // A value computed at apply time is still set.
      key('  key_type = "RSA-HSM"\n  expiration_date = timeadd(timestamp(), "8760h")'),
    ],
    unknown: [`variable "expiry" {}\n${key('  key_type = "RSA"\n  expiration_date = var.expiry')}`],
  },
  {
    id: 'ILM-TF-AZURE-015',
    fail: [secret('')],
    pass: [secret('  expiration_date = "2030-12-31T00:00:00Z"')],
  },
  {
    id: 'ILM-TF-AZURE-016',
    fail: [secret(''), secret('  content_type = ""')],
    pass: [secret('  content_type = "password"')],
  },
  {
    id: 'ILM-TF-AZURE-017',
    fail: [key('  key_type = "RSA"')],
    pass: [key('  key_type = "RSA-HSM"'), key('  key_type = "EC-HSM"')],
  },
];

describe('Azure Key Vault rules', () => {
  describeCaseCoverage(KEY_VAULT_RULES, cases);
  describeRuleCases(KEY_VAULT_RULES, cases);
});
