import { describe, expect, test } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { CLOUD_SQL_RULES, isPublicCidr } from './cloud-sql.js';

const instance = (version: string, settings: string) => `
resource "google_sql_database_instance" "main" {
  name             = "main-instance"
  database_version = "${version}"
  region           = "us-central1"
${settings}
}
`;

const settings = (body: string) => `  settings {
    tier = "db-f1-micro"
${body}
  }`;

const ipConfiguration = (body: string) => settings(`    ip_configuration {\n${body}\n    }`);

const flags = (...pairs: [string, string][]) =>
  settings(
    pairs
      .map(
        ([name, value]) => `    database_flags {\n      name  = "${name}"\n      value = "${value}"\n    }`,
      )
      .join('\n'),
  );

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-026',
    fail: [
      instance(
        'POSTGRES_15',
        ipConfiguration(
          '      authorized_networks {\n        name  = "all"\n        value = "0.0.0.0/0"\n      }',
        ),
      ),
    ],
    pass: [
      instance(
        'POSTGRES_15',
        ipConfiguration(
          '      authorized_networks {\n        name  = "office"\n        value = "203.0.113.0/24"\n      }',
        ),
      ),
      instance('POSTGRES_15', settings('')),
    ],
    unknown: [
      `variable "cidr" {}\n${instance('POSTGRES_15', ipConfiguration('      authorized_networks {\n        name  = "office"\n        value = var.cidr\n      }'))}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-027',
    fail: [
      instance('MYSQL_8_0', settings('')),
      instance(
        'MYSQL_8_0',
        ipConfiguration(
          '      ipv4_enabled = false\n      authorized_networks {\n        value = "203.0.113.0/24"\n      }',
        ),
      ),
    ],
    pass: [
      instance(
        'MYSQL_8_0',
        ipConfiguration(
          '      ipv4_enabled    = false\n      private_network = "projects/p/global/networks/default"',
        ),
      ),
      instance(
        'MYSQL_8_0',
        ipConfiguration(
          '      ipv4_enabled = false\n      authorized_networks {\n        value = "10.0.0.0/8"\n      }',
        ),
      ),
    ],
  },
  {
    id: 'ILM-TF-GCP-028',
    fail: [
      instance('POSTGRES_15', settings('')),
      instance('POSTGRES_15', ipConfiguration('      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"')),
      instance('POSTGRES_15', ipConfiguration('      require_ssl = false')),
    ],
    pass: [
      instance('POSTGRES_15', ipConfiguration('      ssl_mode = "ENCRYPTED_ONLY"')),
      instance('POSTGRES_15', ipConfiguration('      require_ssl = true')),
    ],
  },
  {
    id: 'ILM-TF-GCP-029',
    fail: [
      instance('POSTGRES_15', settings('')),
      instance('POSTGRES_15', settings('    backup_configuration {\n      enabled = false\n    }')),
    ],
    pass: [instance('POSTGRES_15', settings('    backup_configuration {\n      enabled = true\n    }'))],
  },
  {
    id: 'ILM-TF-GCP-030',
    fail: [instance('POSTGRES_15', settings('')), instance('POSTGRES_15', flags(['log_checkpoints', 'off']))],
    pass: [instance('POSTGRES_15', flags(['log_checkpoints', 'on'])), instance('MYSQL_8_0', settings(''))],
  },
  {
    id: 'ILM-TF-GCP-031',
    fail: [instance('POSTGRES_14', flags(['log_checkpoints', 'on']))],
    pass: [instance('POSTGRES_14', flags(['log_connections', 'on']))],
  },
  {
    id: 'ILM-TF-GCP-032',
    fail: [instance('POSTGRES_14', flags(['log_disconnections', 'off']))],
    pass: [instance('POSTGRES_14', flags(['log_disconnections', 'on']))],
  },
  {
    id: 'ILM-TF-GCP-033',
    fail: [instance('POSTGRES_14', settings(''))],
    pass: [instance('POSTGRES_14', flags(['log_lock_waits', 'on'], ['log_connections', 'on']))],
  },
  {
    id: 'ILM-TF-GCP-034',
    fail: [instance('POSTGRES_14', flags(['log_min_messages', 'verbose']))],
    pass: [
      instance('POSTGRES_14', flags(['log_min_messages', 'warning'])),
      instance('POSTGRES_14', settings('')),
    ],
  },
  {
    id: 'ILM-TF-GCP-035',
    fail: [instance('MYSQL_8_0', flags(['local_infile', 'on']))],
    pass: [
      instance('MYSQL_8_0', flags(['local_infile', 'off'])),
      instance('MYSQL_8_0', settings('')),
      instance('POSTGRES_14', flags(['local_infile', 'on'])),
    ],
  },
  {
    id: 'ILM-TF-GCP-036',
    fail: [instance('SQLSERVER_2019_STANDARD', flags(['cross db ownership chaining', 'on']))],
    pass: [instance('SQLSERVER_2019_STANDARD', flags(['cross db ownership chaining', 'off']))],
  },
  {
    id: 'ILM-TF-GCP-037',
    fail: [instance('SQLSERVER_2019_STANDARD', flags(['contained database authentication', 'on']))],
    pass: [instance('SQLSERVER_2019_STANDARD', settings(''))],
  },
];

describe('Cloud SQL rules', () => {
  describeCaseCoverage(CLOUD_SQL_RULES, cases);
  describeRuleCases(CLOUD_SQL_RULES, cases);

  test('isPublicCidr tells private from public ranges', () => {
    expect(isPublicCidr('0.0.0.0/0')).toBe(true);
    expect(isPublicCidr('203.0.113.7')).toBe(true);
    expect(isPublicCidr('10.1.0.0/16')).toBe(false);
    expect(isPublicCidr('172.16.5.0/24')).toBe(false);
    expect(isPublicCidr('172.32.0.0/16')).toBe(true);
    expect(isPublicCidr('192.168.0.0/8')).toBe(true);
  });
});
