// Azure SQL (MSSQL) server rules, and the database firewall rules shared by Azure database services.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBool,
  expectOneOf,
  readBlocks,
  readString,
  readStrings,
  referencingResources,
  UNREADABLE,
} from './rule-support.js';

const MSSQL_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server';

/** A firewall rule that opens the server to every IPv4 address (0.0.0.0 - 255.255.255.255). */
function allowsAllAddresses(values: Value): CheckResult {
  const start = readString(values, ['start_ip_address']);
  const end = readString(values, ['end_ip_address']);
  if (start === UNREADABLE || end === UNREADABLE) {
    // A known start that is not 0.0.0.0 settles it without the end address.
    return typeof start === 'string' && !isAnyAddress(start) ? PASS : UNKNOWN_RESULT;
  }
  if (start === ABSENT || end === ABSENT) return PASS;
  return isAnyAddress(start) && end === '255.255.255.255'
    ? fail(['start_ip_address'], 'The firewall rule allows every IPv4 address (0.0.0.0 - 255.255.255.255).')
    : PASS;
}

function isAnyAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '0.0.0.0/0';
}

export const SQL_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-026',
    title: 'Azure SQL server disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_mssql_server'],
    remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access',
      `${MSSQL_DOCS}#public_network_access_enabled`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_113'],
      trivy: ['AVD-AZU-0022', 'azure-database-no-public-access'],
      kics: [],
    },
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
    id: 'ILM-TF-AZURE-027',
    title: 'Azure SQL server requires TLS 1.2 or later',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: ['azurerm_mssql_server'],
    remediation: 'Set minimum_tls_version = "1.2".',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimal-tls-version',
      `${MSSQL_DOCS}#minimum_tls_version`,
    ],
    // Trivy reads an unset minimum_tls_version as "1.2"; Checkov requires it to be set. We follow Checkov.
    equivalents: { checkov: ['CKV_AZURE_52'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['minimum_tls_version'],
        ['1.2', '1.3'],
        'fail',
        'The server does not require TLS 1.2 or later.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-028',
    title: 'Azure SQL server has auditing enabled',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['azurerm_sql_server', 'azurerm_mssql_server'],
    remediation:
      'Add an azurerm_mssql_server_extended_auditing_policy whose server_id refers to the server (or an extended_auditing_policy block on azurerm v2).',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_23'],
      trivy: ['AVD-AZU-0027', 'azure-database-enable-audit'],
      kics: [],
    },
    check(resource, context) {
      const inline = readBlocks(resource.values, ['extended_auditing_policy']);
      if (inline === UNREADABLE) return UNKNOWN_RESULT;
      if (inline.length > 0) return PASS;
      if (
        resource.type === 'azurerm_mssql_server' &&
        referencingResources(
          context,
          resource,
          ['azurerm_mssql_server_extended_auditing_policy'],
          ['server_id'],
        ).length > 0
      ) {
        return PASS;
      }
      return fail(undefined, 'No extended auditing policy is attached to the server.');
    },
  },
  {
    id: 'ILM-TF-AZURE-029',
    title: 'Azure SQL security alert policy keeps every threat alert enabled',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['azurerm_mssql_server_security_alert_policy'],
    remediation: 'Remove disabled_alerts (or set it to []) so every threat detection type raises alerts.',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_security_alert_policy#disabled_alerts',
    ],
    equivalents: {
      checkov: ['CKV_AZURE_25'],
      trivy: ['AVD-AZU-0028', 'azure-database-all-threat-alerts-enabled'],
      kics: [],
    },
    check(resource) {
      const disabled = readStrings(resource.values, ['disabled_alerts']);
      if (disabled === UNREADABLE) return UNKNOWN_RESULT;
      if (disabled === ABSENT) return PASS;
      return disabled.filter((alert) => alert.trim() !== '').length > 0
        ? fail(['disabled_alerts'], `Threat alerts are disabled: ${disabled.join(', ')}.`)
        : PASS;
    },
  },
  {
    id: 'ILM-TF-AZURE-030',
    title: 'Azure SQL server has a Microsoft Entra ID administrator',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['azurerm_mssql_server', 'azurerm_sql_server'],
    remediation:
      'Add an azuread_administrator block (azurerm_mssql_server) or an azurerm_sql_active_directory_administrator for the server.',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-configure',
      `${MSSQL_DOCS}#azuread_administrator`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource, context) {
      const admin = readBlocks(resource.values, ['azuread_administrator']);
      if (admin === UNREADABLE) return UNKNOWN_RESULT;
      if (admin.length > 0) return PASS;
      const separate = [
        ...referencingResources(
          context,
          resource,
          ['azurerm_sql_active_directory_administrator'],
          ['server_name'],
          'name',
        ),
        ...referencingResources(
          context,
          resource,
          ['azurerm_sql_active_directory_administrator'],
          ['server_id'],
        ),
      ];
      return separate.length > 0
        ? PASS
        : fail(undefined, 'The server has no Microsoft Entra ID administrator.');
    },
  },
  {
    id: 'ILM-TF-AZURE-031',
    title: 'Database firewall rule does not allow every IPv4 address',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: [
      'azurerm_sql_firewall_rule',
      'azurerm_mssql_firewall_rule',
      'azurerm_postgresql_firewall_rule',
      'azurerm_mysql_firewall_rule',
      'azurerm_mariadb_firewall_rule',
    ],
    remediation: 'Restrict start_ip_address/end_ip_address to the client ranges that need access.',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule',
    ],
    equivalents: { checkov: ['CKV_AZURE_11'], trivy: [], kics: [] },
    check(resource) {
      return allowsAllAddresses(resource.values);
    },
  },
  {
    id: 'ILM-TF-AZURE-032',
    title: 'Flexible server firewall rule does not allow every IPv4 address',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: [
      'azurerm_postgresql_flexible_server_firewall_rule',
      'azurerm_mysql_flexible_server_firewall_rule',
    ],
    remediation: 'Restrict start_ip_address/end_ip_address to the client ranges that need access.',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-firewall-rules',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server_firewall_rule',
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      return allowsAllAddresses(resource.values);
    },
  },
];
