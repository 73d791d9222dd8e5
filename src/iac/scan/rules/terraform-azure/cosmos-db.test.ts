import { describe } from 'vitest';
import { COSMOS_DB_RULES } from './cosmos-db.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const account = (body: string) => `
resource "azurerm_cosmosdb_account" "db" {
  name                = "cosmos-db"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-061',
    fail: [account(''), account('  public_network_access_enabled = true')],
    pass: [account('  public_network_access_enabled = false')],
    unknown: [`variable "public" {}\n${account('  public_network_access_enabled = var.public')}`],
  },
  {
    id: 'ILM-TF-AZURE-062',
    fail: [account(''), account('  access_key_metadata_writes_enabled = true')],
    pass: [account('  access_key_metadata_writes_enabled = false')],
  },
];

describe('Azure Cosmos DB rules', () => {
  describeCaseCoverage(COSMOS_DB_RULES, cases);
  describeRuleCases(COSMOS_DB_RULES, cases);
});
