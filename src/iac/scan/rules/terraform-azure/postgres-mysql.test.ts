import { describe } from 'vitest';
import { POSTGRES_MYSQL_RULES } from './postgres-mysql.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const single = (type: 'azurerm_postgresql_server' | 'azurerm_mysql_server', body: string) => `
resource "${type}" "example" {
  name                = "example-server"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "GP_Gen5_4"
  version             = "11"
  storage_mb          = 640000
${body}
}
`;

const flexible = (
  type: 'azurerm_postgresql_flexible_server' | 'azurerm_mysql_flexible_server',
  body: string,
) => `
resource "${type}" "example" {
  name                = "example-flexible"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "GP_Standard_D4s_v3"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-033',
    fail: [
      single('azurerm_postgresql_server', ''),
      single('azurerm_postgresql_server', '  ssl_enforcement_enabled = false'),
    ],
    pass: [single('azurerm_postgresql_server', '  ssl_enforcement_enabled = true')],
    unknown: [
      `variable "ssl" {}\n${single('azurerm_postgresql_server', '  ssl_enforcement_enabled = var.ssl')}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-034',
    fail: [single('azurerm_mysql_server', '  ssl_enforcement_enabled = false')],
    pass: [single('azurerm_mysql_server', '  ssl_enforcement_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-035',
    fail: [
      single('azurerm_postgresql_server', ''),
      single('azurerm_postgresql_server', '  public_network_access_enabled = true'),
    ],
    pass: [single('azurerm_postgresql_server', '  public_network_access_enabled = false')],
  },
  {
    id: 'ILM-TF-AZURE-036',
    fail: [single('azurerm_mysql_server', '')],
    pass: [single('azurerm_mysql_server', '  public_network_access_enabled = false')],
  },
  {
    id: 'ILM-TF-AZURE-037',
    fail: [
      single('azurerm_postgresql_server', ''),
      single('azurerm_postgresql_server', '  ssl_minimal_tls_version_enforced = "TLS1_1"'),
    ],
    pass: [single('azurerm_postgresql_server', '  ssl_minimal_tls_version_enforced = "TLS1_2"')],
  },
  {
    id: 'ILM-TF-AZURE-038',
    fail: [single('azurerm_mysql_server', '  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"')],
    pass: [single('azurerm_mysql_server', '  ssl_minimal_tls_version_enforced = "TLS1_2"')],
  },
  {
    id: 'ILM-TF-AZURE-039',
    fail: [single('azurerm_postgresql_server', '')],
    pass: [single('azurerm_postgresql_server', '  geo_redundant_backup_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-040',
    fail: [flexible('azurerm_postgresql_flexible_server', '  geo_redundant_backup_enabled = false')],
    pass: [
      flexible('azurerm_postgresql_flexible_server', '  geo_redundant_backup_enabled = true'),
      flexible(
        'azurerm_postgresql_flexible_server',
        '  create_mode = "Replica"\n  source_server_id = "primary-id"',
      ),
    ],
  },
  {
    id: 'ILM-TF-AZURE-041',
    fail: [
      flexible('azurerm_mysql_flexible_server', ''),
      single('azurerm_mysql_server', '  geo_redundant_backup_enabled = false'),
    ],
    pass: [flexible('azurerm_mysql_flexible_server', '  geo_redundant_backup_enabled = true')],
  },
  {
    id: 'ILM-TF-AZURE-042',
    fail: [
      flexible('azurerm_postgresql_flexible_server', ''),
      flexible('azurerm_mysql_flexible_server', '  public_network_access_enabled = true'),
    ],
    pass: [
      flexible('azurerm_postgresql_flexible_server', '  public_network_access_enabled = false'),
      `resource "azurerm_subnet" "db" {
  name                 = "db"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.0.2.0/24"]
}
${flexible('azurerm_postgresql_flexible_server', '  delegated_subnet_id = azurerm_subnet.db.id')}`,
    ],
  },
];

describe('Azure PostgreSQL and MySQL rules', () => {
  describeCaseCoverage(POSTGRES_MYSQL_RULES, cases);
  describeRuleCases(POSTGRES_MYSQL_RULES, cases);
});
