// Azure Database for PostgreSQL and MySQL rules (single servers and flexible servers).

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBool,
  expectOneOf,
  isAppliedLater,
  readBool,
  readString,
  UNREADABLE,
} from './rule-support.js';

const PROVIDER_DOCS = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources';

const SSL_TRIVY = ['AVD-AZU-0020', 'azure-database-enable-ssl-enforcement'];
const PUBLIC_TRIVY = ['AVD-AZU-0022', 'azure-database-no-public-access'];

export const POSTGRES_MYSQL_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-033',
    title: 'PostgreSQL server enforces SSL connections',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['azurerm_postgresql_server'],
    remediation: 'Set ssl_enforcement_enabled = true.',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-ssl-connection-security',
      `${PROVIDER_DOCS}/postgresql_server#ssl_enforcement_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_29'], trivy: SSL_TRIVY, kics: [] },
    check(resource) {
      return expectBool(resource.values, ['ssl_enforcement_enabled'], true, 'fail', 'SSL is not enforced.');
    },
  },
  {
    id: 'ILM-TF-AZURE-034',
    title: 'MySQL server enforces SSL connections',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['azurerm_mysql_server'],
    remediation: 'Set ssl_enforcement_enabled = true.',
    references: [
      'https://learn.microsoft.com/en-us/azure/mysql/single-server/concepts-ssl-connection-security',
      `${PROVIDER_DOCS}/mysql_server#ssl_enforcement_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_28'], trivy: SSL_TRIVY, kics: [] },
    check(resource) {
      return expectBool(resource.values, ['ssl_enforcement_enabled'], true, 'fail', 'SSL is not enforced.');
    },
  },
  {
    id: 'ILM-TF-AZURE-035',
    title: 'PostgreSQL server disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_postgresql_server'],
    remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-data-access-and-security-private-link',
      `${PROVIDER_DOCS}/postgresql_server#public_network_access_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_68'], trivy: PUBLIC_TRIVY, kics: [] },
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
    id: 'ILM-TF-AZURE-036',
    title: 'MySQL server disables public network access',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_mysql_server'],
    remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/mysql/single-server/concepts-data-access-security-private-link',
      `${PROVIDER_DOCS}/mysql_server#public_network_access_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_53'], trivy: PUBLIC_TRIVY, kics: [] },
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
    id: 'ILM-TF-AZURE-037',
    title: 'PostgreSQL server requires TLS 1.2',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: ['azurerm_postgresql_server'],
    remediation: 'Set ssl_minimal_tls_version_enforced = "TLS1_2".',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/single-server/how-to-tls-configurations',
      `${PROVIDER_DOCS}/postgresql_server#ssl_minimal_tls_version_enforced`,
    ],
    // Trivy reads an unset value as TLS1_2; Checkov requires it explicitly. We follow Checkov.
    equivalents: { checkov: ['CKV_AZURE_147'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['ssl_minimal_tls_version_enforced'],
        ['TLS1_2'],
        'fail',
        'The server does not require TLS 1.2.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-038',
    title: 'MySQL server requires TLS 1.2',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: ['azurerm_mysql_server'],
    remediation: 'Set ssl_minimal_tls_version_enforced = "TLS1_2".',
    references: [
      'https://learn.microsoft.com/en-us/azure/mysql/single-server/how-to-tls-configurations',
      `${PROVIDER_DOCS}/mysql_server#ssl_minimal_tls_version_enforced`,
    ],
    equivalents: { checkov: ['CKV_AZURE_54'], trivy: [], kics: [] },
    check(resource) {
      return expectOneOf(
        resource.values,
        ['ssl_minimal_tls_version_enforced'],
        ['TLS1_2'],
        'fail',
        'The server does not require TLS 1.2.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-039',
    title: 'PostgreSQL server has geo-redundant backups',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_postgresql_server'],
    remediation: 'Set geo_redundant_backup_enabled = true (it can only be chosen at creation).',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-backup',
      `${PROVIDER_DOCS}/postgresql_server#geo_redundant_backup_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_102'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['geo_redundant_backup_enabled'],
        true,
        'fail',
        'Backups are not geo-redundant.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-040',
    title: 'PostgreSQL flexible server has geo-redundant backups',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_postgresql_flexible_server'],
    remediation: 'Set geo_redundant_backup_enabled = true (it can only be chosen at creation).',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore',
      `${PROVIDER_DOCS}/postgresql_flexible_server#geo_redundant_backup_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_136'], trivy: [], kics: [] },
    check(resource) {
      // Replicas cannot have geo-redundant backups.
      const mode = readString(resource.values, ['create_mode']);
      if (mode === UNREADABLE) return UNKNOWN_RESULT;
      if (mode === 'Replica') return PASS;
      return expectBool(
        resource.values,
        ['geo_redundant_backup_enabled'],
        true,
        'fail',
        'Backups are not geo-redundant.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-041',
    title: 'MySQL server has geo-redundant backups',
    severity: 'LOW',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_mysql_server', 'azurerm_mysql_flexible_server'],
    remediation: 'Set geo_redundant_backup_enabled = true (it can only be chosen at creation).',
    references: [
      'https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-backup-restore',
      `${PROVIDER_DOCS}/mysql_flexible_server#geo_redundant_backup_enabled`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['geo_redundant_backup_enabled'],
        true,
        'fail',
        'Backups are not geo-redundant.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-042',
    title: 'PostgreSQL/MySQL flexible server is not reachable from the public network',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'],
    remediation:
      'Deploy the server into a delegated subnet (delegated_subnet_id + private_dns_zone_id) or set public_network_access_enabled = false and use private endpoints.',
    references: [
      'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking',
      `${PROVIDER_DOCS}/postgresql_flexible_server#public_network_access_enabled`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const publicAccess = readBool(resource.values, ['public_network_access_enabled']);
      if (publicAccess === false) return PASS;
      if (publicAccess === true) {
        return fail(['public_network_access_enabled'], 'Public network access is enabled.');
      }
      if (publicAccess === UNREADABLE) return UNKNOWN_RESULT;
      // Unset: the server is private exactly when it is injected into a delegated subnet.
      const subnet = readString(resource.values, ['delegated_subnet_id']);
      if (subnet === ABSENT)
        return fail(undefined, 'The server has a public endpoint (no delegated subnet).');
      if (subnet === UNREADABLE && !isAppliedLater(resource.values.delegated_subnet_id))
        return UNKNOWN_RESULT;
      return PASS;
    },
  },
];
