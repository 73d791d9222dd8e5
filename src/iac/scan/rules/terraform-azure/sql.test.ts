import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';
import { SQL_RULES } from './sql.js';

const server = (body: string) => `
resource "azurerm_mssql_server" "example" {
  name                         = "mssqlserver"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "missadministrator"
  administrator_login_password = "thisIsKat11"
${body}
}
`;

const firewall = (type: string, start: string, end: string) => `
resource "${type}" "rule" {
  name             = "rule"
  server_id        = "server-id"
  start_ip_address = "${start}"
  end_ip_address   = "${end}"
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-026',
    fail: [server(''), server('  public_network_access_enabled = true')],
    pass: [server('  public_network_access_enabled = false')],
    unknown: [`variable "public" {}\n${server('  public_network_access_enabled = var.public')}`],
  },
  {
    id: 'ILM-TF-AZURE-027',
    fail: [server(''), server('  minimum_tls_version = "1.0"')],
    pass: [server('  minimum_tls_version = "1.2"')],
  },
  {
    id: 'ILM-TF-AZURE-028',
    fail: [server('')],
    pass: [
      `${server('')}
resource "azurerm_mssql_server_extended_auditing_policy" "audit" {
  server_id         = azurerm_mssql_server.example.id
  storage_endpoint  = "https://example.blob.core.windows.net/"
  retention_in_days = 90
}`,
      `resource "azurerm_sql_server" "legacy" {
  name                         = "legacy"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = "secret"
  extended_auditing_policy {
    storage_endpoint  = "https://example.blob.core.windows.net/"
    retention_in_days = 90
  }
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-029',
    fail: [
      `resource "azurerm_mssql_server_security_alert_policy" "alerts" {
  resource_group_name = "rg"
  server_name         = "mssqlserver"
  state               = "Enabled"
  disabled_alerts     = ["Sql_Injection", "Data_Exfiltration"]
}`,
    ],
    pass: [
      `resource "azurerm_mssql_server_security_alert_policy" "alerts" {
  resource_group_name = "rg"
  server_name         = "mssqlserver"
  state               = "Enabled"
}`,
      `resource "azurerm_mssql_server_security_alert_policy" "alerts" {
  resource_group_name = "rg"
  server_name         = "mssqlserver"
  state               = "Enabled"
  disabled_alerts     = []
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-030',
    fail: [server('')],
    pass: [
      server(
        '  azuread_administrator {\n    login_username = "AzureAD Admin"\n    object_id      = "00000000-0000-0000-0000-000000000000"\n  }',
      ),
    ],
  },
  {
    id: 'ILM-TF-AZURE-031',
    fail: [
      firewall('azurerm_mssql_firewall_rule', '0.0.0.0', '255.255.255.255'),
      `resource "azurerm_postgresql_firewall_rule" "rule" {
  name                = "rule"
  resource_group_name = "rg"
  server_name         = "server"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}`,
    ],
    pass: [
      firewall('azurerm_mssql_firewall_rule', '0.0.0.0', '0.0.0.0'),
      firewall('azurerm_mssql_firewall_rule', '203.0.113.10', '203.0.113.20'),
    ],
    unknown: [
      `variable "end" {}
resource "azurerm_mssql_firewall_rule" "rule" {
  name             = "rule"
  server_id        = "server-id"
  start_ip_address = "0.0.0.0"
  end_ip_address   = var.end
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-032',
    fail: [firewall('azurerm_postgresql_flexible_server_firewall_rule', '0.0.0.0', '255.255.255.255')],
    pass: [firewall('azurerm_mysql_flexible_server_firewall_rule', '10.0.0.1', '10.0.0.10')],
  },
];

describe('Azure SQL rules', () => {
  describeCaseCoverage(SQL_RULES, cases);
  describeRuleCases(SQL_RULES, cases);
});
