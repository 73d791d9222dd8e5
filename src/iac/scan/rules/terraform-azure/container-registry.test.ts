import { describe } from 'vitest';
import { CONTAINER_REGISTRY_RULES } from './container-registry.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const registry = (body: string) => `
resource "azurerm_container_registry" "acr" {
  name                = "containerRegistry1"
  resource_group_name = "rg"
  location            = "westeurope"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-058',
    fail: [registry('  sku = "Basic"\n  admin_enabled = true')],
    pass: [registry('  sku = "Basic"'), registry('  sku = "Basic"\n  admin_enabled = false')],
    unknown: [`variable "admin" {}\n${registry('  sku = "Basic"\n  admin_enabled = var.admin')}`],
  },
  {
    id: 'ILM-TF-AZURE-059',
    fail: [
      registry('  sku = "Premium"'),
      registry('  sku = "Premium"\n  public_network_access_enabled = true'),
    ],
    pass: [registry('  sku = "Premium"\n  public_network_access_enabled = false')],
  },
  {
    id: 'ILM-TF-AZURE-060',
    fail: [registry('  sku = "Standard"\n  anonymous_pull_enabled = true')],
    pass: [registry('  sku = "Premium"'), registry('  sku = "Basic"\n  anonymous_pull_enabled = true')],
  },
];

describe('Azure Container Registry rules', () => {
  describeCaseCoverage(CONTAINER_REGISTRY_RULES, cases);
  describeRuleCases(CONTAINER_REGISTRY_RULES, cases);
});
