import { describe } from 'vitest';
import { AKS_RULES } from './aks.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const cluster = (body: string) => `
resource "azurerm_kubernetes_cluster" "example" {
  name                = "example-aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "exampleaks1"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-018',
    fail: [cluster(''), cluster('  api_server_access_profile {\n    authorized_ip_ranges = []\n  }')],
    pass: [
      cluster('  private_cluster_enabled = true'),
      cluster('  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }'),
      cluster('  api_server_authorized_ip_ranges = ["203.0.113.0/24"]'),
    ],
    unknown: [
      `variable "ranges" {}\n${cluster('  api_server_access_profile {\n    authorized_ip_ranges = var.ranges\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-019',
    fail: [cluster(''), cluster('  private_cluster_enabled = false')],
    pass: [cluster('  private_cluster_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-020',
    fail: [
      cluster('  role_based_access_control_enabled = false'),
      cluster('  role_based_access_control {\n    enabled = false\n  }'),
    ],
    pass: [cluster(''), cluster('  role_based_access_control_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-021',
    fail: [cluster(''), cluster('  azure_policy_enabled = false')],
    pass: [
      cluster('  azure_policy_enabled = true'),
      cluster('  addon_profile {\n    azure_policy {\n      enabled = true\n    }\n  }'),
    ],
  },
  {
    id: 'ILM-TF-AZURE-022',
    fail: [cluster(''), cluster('  network_profile {\n    network_plugin = "kubenet"\n  }')],
    pass: [cluster('  network_profile {\n    network_plugin = "azure"\n    network_policy = "calico"\n  }')],
  },
  {
    id: 'ILM-TF-AZURE-023',
    fail: [cluster(''), cluster('  local_account_disabled = false')],
    pass: [cluster('  local_account_disabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-024',
    fail: [cluster(''), cluster('  addon_profile {\n    oms_agent {\n      enabled = false\n    }\n  }')],
    pass: [
      cluster('  oms_agent {\n    log_analytics_workspace_id = "workspace-id"\n  }'),
      cluster('  addon_profile {\n    oms_agent {\n      enabled = true\n    }\n  }'),
    ],
  },
  {
    id: 'ILM-TF-AZURE-025',
    fail: [cluster(''), cluster('  disk_encryption_set_id = ""')],
    pass: [
      `resource "azurerm_disk_encryption_set" "des" {
  name                = "des"
  location            = "westeurope"
  resource_group_name = "rg"
  key_vault_key_id    = "key-id"
}
${cluster('  disk_encryption_set_id = azurerm_disk_encryption_set.des.id')}`,
    ],
  },
];

describe('Azure AKS rules', () => {
  describeCaseCoverage(AKS_RULES, cases);
  describeRuleCases(AKS_RULES, cases);
});
