// Cloud SQL (google_sql_database_instance) rules: network exposure, TLS, backups and database flags.

import type { Value, ValueObject } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformRule } from '../../types.js';
import { ABSENT, readBlocks, readBool, readString, UNREADABLE } from '../terraform-azure/rule-support.js';

const SQL_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance';
const FLAGS_DOCS = 'https://cloud.google.com/sql/docs/postgres/flags';

type Engine = 'POSTGRES' | 'MYSQL' | 'SQLSERVER';

/** Whether the instance runs the engine: true/false, or 'unknown' when database_version is unknown. */
function runsEngine(values: Value, engine: Engine): boolean | 'unknown' {
  const version = readString(values, ['database_version']);
  if (version === UNREADABLE) return 'unknown';
  return version !== ABSENT && version.toUpperCase().includes(engine);
}

interface Flag {
  name: string | typeof UNREADABLE;
  value: string | typeof UNREADABLE | typeof ABSENT;
  index: number;
}

/** The database_flags of settings[0]; UNREADABLE when a dynamic block cannot be expanded. */
function databaseFlags(settings: ValueObject): Flag[] | typeof UNREADABLE {
  const blocks = readBlocks(settings, ['database_flags']);
  if (blocks === UNREADABLE) return UNREADABLE;
  return blocks.map((block, index) => {
    const name = readString(block, ['name']);
    return { name: name === ABSENT ? '' : name, value: readString(block, ['value']), index };
  });
}

/**
 * A PostgreSQL flag that must be explicitly "on" (Checkov and Trivy both fail an unset flag, and an
 * instance without settings).
 */
function requirePostgresFlag(values: Value, flag: string): CheckResult {
  const engine = runsEngine(values, 'POSTGRES');
  if (engine === 'unknown') return UNKNOWN_RESULT;
  if (!engine) return PASS;
  const settings = readBlocks(values, ['settings']);
  if (settings === UNREADABLE) return UNKNOWN_RESULT;
  const first = settings[0];
  if (!first) return fail(['settings'], `The ${flag} flag is not set to "on".`);
  const flags = databaseFlags(first);
  if (flags === UNREADABLE) return UNKNOWN_RESULT;
  if (flags.some((candidate) => candidate.name === flag && candidate.value === 'on')) return PASS;
  const unreadable = flags.some(
    (candidate) =>
      candidate.name === UNREADABLE || (candidate.name === flag && candidate.value === UNREADABLE),
  );
  if (unreadable) return UNKNOWN_RESULT;
  const set = flags.find((candidate) => candidate.name === flag);
  return fail(
    set ? ['settings', 0, 'database_flags', set.index, 'value'] : ['settings', 0, 'database_flags'],
    `The ${flag} flag is not set to "on".`,
  );
}

/** A flag that must not be explicitly "on" for the engine (unset passes). */
function forbidFlagOn(values: Value, engine: Engine, flag: string, message: string): CheckResult {
  const runs = runsEngine(values, engine);
  if (runs === 'unknown') return UNKNOWN_RESULT;
  if (!runs) return PASS;
  const settings = readBlocks(values, ['settings']);
  if (settings === UNREADABLE) return UNKNOWN_RESULT;
  const first = settings[0];
  if (!first) return PASS;
  const flags = databaseFlags(first);
  if (flags === UNREADABLE) return UNKNOWN_RESULT;
  const enabled = flags.find((candidate) => candidate.name === flag && candidate.value === 'on');
  if (enabled) return fail(['settings', 0, 'database_flags', enabled.index, 'value'], message);
  const unreadable = flags.some(
    (candidate) =>
      candidate.name === UNREADABLE || (candidate.name === flag && candidate.value === UNREADABLE),
  );
  return unreadable ? UNKNOWN_RESULT : PASS;
}

/** The authorized_networks blocks of settings[0].ip_configuration[0]. */
function authorizedNetworks(
  values: Value,
): { value: string | typeof UNREADABLE | typeof ABSENT; index: number }[] | typeof UNREADABLE {
  for (const path of [['settings'], ['settings', 0, 'ip_configuration']]) {
    if (readBlocks(values, path) === UNREADABLE) return UNREADABLE;
  }
  const blocks = readBlocks(values, ['settings', 0, 'ip_configuration', 0, 'authorized_networks']);
  if (blocks === UNREADABLE) return UNREADABLE;
  return blocks.map((block, index) => ({ value: readString(block, ['value']), index }));
}

const NETWORK_PATH = ['settings', 0, 'ip_configuration', 0, 'authorized_networks'];

/** Whether an IPv4 CIDR reaches beyond private, loopback and link-local space. */
export function isPublicCidr(cidr: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!match) return cidr.trim() === '::/0';
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const privateRanges: [number, number][] = [
    [0x0a000000, 8],
    [0xac100000, 12],
    [0xc0a80000, 16],
    [0x7f000000, 8],
    [0xa9fe0000, 16],
  ];
  return !privateRanges.some(([base, bits]) => {
    if (prefix < bits) return false;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (address & mask) >>> 0 === base;
  });
}

function flagRule(id: string, flag: string, checkov: string, trivy: string[], title: string): TerraformRule {
  return {
    id,
    title,
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_sql_database_instance'],
    remediation: `Add settings { database_flags { name = "${flag}", value = "on" } }.`,
    references: [`${FLAGS_DOCS}`, `${SQL_DOCS}#database_flags`],
    equivalents: { checkov: [checkov], trivy, kics: [] },
    check(resource) {
      return requirePostgresFlag(resource.values, flag);
    },
  };
}

export const CLOUD_SQL_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-026',
    title: 'Cloud SQL instance does not authorize 0.0.0.0/0',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_sql_database_instance'],
    remediation:
      'Remove authorized_networks entries ending in /0; use private IP or the Cloud SQL Auth Proxy.',
    references: [
      'https://cloud.google.com/sql/docs/mysql/authorize-networks',
      `${SQL_DOCS}#authorized_networks`,
    ],
    equivalents: { checkov: ['CKV_GCP_11'], trivy: [], kics: [] },
    check(resource) {
      const networks = authorizedNetworks(resource.values);
      if (networks === UNREADABLE) return UNKNOWN_RESULT;
      const open = networks.find(
        (network) => typeof network.value === 'string' && network.value.endsWith('/0'),
      );
      if (open)
        return fail(
          [...NETWORK_PATH, open.index, 'value'],
          'The instance accepts connections from any IP address.',
        );
      return networks.some((network) => network.value === UNREADABLE) ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-027',
    title: 'Cloud SQL instance has no public IP and no public authorized networks',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_sql_database_instance'],
    remediation:
      'Set settings { ip_configuration { ipv4_enabled = false, private_network = ... } } and remove public authorized_networks.',
    references: ['https://cloud.google.com/sql/docs/mysql/configure-private-ip', `${SQL_DOCS}#ipv4_enabled`],
    equivalents: {
      checkov: [],
      trivy: ['AVD-GCP-0017', 'google-sql-no-public-access'],
      kics: [],
    },
    check(resource) {
      const networks = authorizedNetworks(resource.values);
      if (networks === UNREADABLE) return UNKNOWN_RESULT;
      const publicNetwork = networks.find(
        (network) => typeof network.value === 'string' && isPublicCidr(network.value),
      );
      if (publicNetwork) {
        return fail(
          [...NETWORK_PATH, publicNetwork.index, 'value'],
          'The instance accepts connections from public addresses.',
        );
      }
      const ipv4 = readBool(resource.values, ['settings', 0, 'ip_configuration', 0, 'ipv4_enabled']);
      if (ipv4 === UNREADABLE) return UNKNOWN_RESULT;
      // ipv4_enabled defaults to true: an instance gets a public IP unless it is switched off.
      if (ipv4 !== false) {
        return fail(
          ['settings', 0, 'ip_configuration', 0, 'ipv4_enabled'],
          'The instance has a public IPv4 address.',
        );
      }
      return networks.some((network) => network.value === UNREADABLE) ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-028',
    title: 'Cloud SQL instance requires SSL/TLS for connections',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['google_sql_database_instance'],
    remediation:
      'Set settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } } (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED; require_ssl = true on google provider < v6).',
    references: ['https://cloud.google.com/sql/docs/postgres/configure-ssl-instance', `${SQL_DOCS}#ssl_mode`],
    equivalents: {
      checkov: ['CKV_GCP_6'],
      trivy: ['AVD-GCP-0015', 'google-sql-encrypt-in-transit-data'],
      kics: [],
    },
    check(resource) {
      for (const path of [['settings'], ['settings', 0, 'ip_configuration']]) {
        if (readBlocks(resource.values, path) === UNREADABLE) return UNKNOWN_RESULT;
      }
      const mode = readString(resource.values, ['settings', 0, 'ip_configuration', 0, 'ssl_mode']);
      if (mode === UNREADABLE) return UNKNOWN_RESULT;
      // ssl_mode replaces require_ssl; when it is set, it alone decides (as Trivy reads it).
      if (mode !== ABSENT && mode !== '') {
        return mode === 'ENCRYPTED_ONLY' || mode === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'
          ? PASS
          : fail(['settings', 0, 'ip_configuration', 0, 'ssl_mode'], 'Unencrypted connections are allowed.');
      }
      const requireSsl = readBool(resource.values, ['settings', 0, 'ip_configuration', 0, 'require_ssl']);
      if (requireSsl === UNREADABLE) return UNKNOWN_RESULT;
      return requireSsl === true
        ? PASS
        : fail(['settings', 0, 'ip_configuration', 0, 'require_ssl'], 'Unencrypted connections are allowed.');
    },
  },
  {
    id: 'ILM-TF-GCP-029',
    title: 'Cloud SQL instance has automated backups enabled',
    severity: 'MEDIUM',
    category: 'backup',
    cwe: 'CWE-693',
    resourceTypes: ['google_sql_database_instance'],
    remediation: 'Add settings { backup_configuration { enabled = true } }.',
    references: [
      'https://cloud.google.com/sql/docs/mysql/backup-recovery/backups',
      `${SQL_DOCS}#backup_configuration`,
    ],
    equivalents: { checkov: ['CKV_GCP_14'], trivy: [], kics: [] },
    check(resource) {
      for (const path of [['settings'], ['settings', 0, 'backup_configuration']]) {
        if (readBlocks(resource.values, path) === UNREADABLE) return UNKNOWN_RESULT;
      }
      const enabled = readBool(resource.values, ['settings', 0, 'backup_configuration', 0, 'enabled']);
      if (enabled === UNREADABLE) return UNKNOWN_RESULT;
      return enabled === true
        ? PASS
        : fail(['settings', 0, 'backup_configuration', 0, 'enabled'], 'Automated backups are not enabled.');
    },
  },
  flagRule(
    'ILM-TF-GCP-030',
    'log_checkpoints',
    'CKV_GCP_51',
    ['AVD-GCP-0025', 'google-sql-pg-log-checkpoints'],
    'Cloud SQL PostgreSQL logs checkpoints (log_checkpoints = on)',
  ),
  flagRule(
    'ILM-TF-GCP-031',
    'log_connections',
    'CKV_GCP_52',
    ['AVD-GCP-0016', 'google-sql-pg-log-connections'],
    'Cloud SQL PostgreSQL logs connections (log_connections = on)',
  ),
  flagRule(
    'ILM-TF-GCP-032',
    'log_disconnections',
    'CKV_GCP_53',
    ['AVD-GCP-0022', 'google-sql-pg-log-disconnections'],
    'Cloud SQL PostgreSQL logs disconnections (log_disconnections = on)',
  ),
  flagRule(
    'ILM-TF-GCP-033',
    'log_lock_waits',
    'CKV_GCP_54',
    ['AVD-GCP-0020', 'google-sql-pg-log-lock-waits'],
    'Cloud SQL PostgreSQL logs lock waits (log_lock_waits = on)',
  ),
  {
    id: 'ILM-TF-GCP-034',
    title: 'Cloud SQL PostgreSQL log_min_messages is a valid severity',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_sql_database_instance'],
    remediation: 'Set log_min_messages to a valid level such as "warning" (or remove the flag).',
    references: [FLAGS_DOCS, `${SQL_DOCS}#database_flags`],
    equivalents: { checkov: ['CKV_GCP_55'], trivy: [], kics: [] },
    check(resource) {
      const valid = [
        'fatal',
        'panic',
        'log',
        'error',
        'warning',
        'notice',
        'info',
        'debug1',
        'debug2',
        'debug3',
        'debug4',
        'debug5',
      ];
      const engine = runsEngine(resource.values, 'POSTGRES');
      if (engine === 'unknown') return UNKNOWN_RESULT;
      if (!engine) return PASS;
      const settings = readBlocks(resource.values, ['settings']);
      if (settings === UNREADABLE) return UNKNOWN_RESULT;
      const first = settings[0];
      if (!first) return PASS;
      const flags = databaseFlags(first);
      if (flags === UNREADABLE) return UNKNOWN_RESULT;
      for (const flag of flags) {
        if (flag.name !== 'log_min_messages') continue;
        if (flag.value === UNREADABLE) return UNKNOWN_RESULT;
        if (flag.value === ABSENT || !valid.includes(flag.value)) {
          return fail(
            ['settings', 0, 'database_flags', flag.index, 'value'],
            'log_min_messages is not a valid severity.',
          );
        }
      }
      return PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-035',
    title: 'Cloud SQL MySQL has local_infile off',
    severity: 'HIGH',
    category: 'general',
    cwe: 'CWE-73',
    resourceTypes: ['google_sql_database_instance'],
    remediation: 'Set the local_infile database flag to "off" (or remove it).',
    references: ['https://cloud.google.com/sql/docs/mysql/flags', `${SQL_DOCS}#database_flags`],
    equivalents: {
      checkov: ['CKV_GCP_50'],
      trivy: ['AVD-GCP-0026', 'google-sql-mysql-no-local-infile'],
      kics: [],
    },
    check(resource) {
      return forbidFlagOn(
        resource.values,
        'MYSQL',
        'local_infile',
        'LOAD DATA LOCAL can read client files: local_infile is on.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-036',
    title: "Cloud SQL SQL Server has 'cross db ownership chaining' off",
    severity: 'MEDIUM',
    category: 'access-control',
    cwe: 'CWE-269',
    resourceTypes: ['google_sql_database_instance'],
    remediation: 'Set the "cross db ownership chaining" database flag to "off".',
    references: ['https://cloud.google.com/sql/docs/sqlserver/flags', `${SQL_DOCS}#database_flags`],
    // Trivy fails an unset flag too; Checkov only an explicit "on". We follow Checkov.
    equivalents: { checkov: ['CKV_GCP_58'], trivy: [], kics: [] },
    check(resource) {
      return forbidFlagOn(
        resource.values,
        'SQLSERVER',
        'cross db ownership chaining',
        'Cross-database ownership chaining is on.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-037',
    title: "Cloud SQL SQL Server has 'contained database authentication' off",
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['google_sql_database_instance'],
    remediation: 'Set the "contained database authentication" database flag to "off".',
    references: ['https://cloud.google.com/sql/docs/sqlserver/flags', `${SQL_DOCS}#database_flags`],
    equivalents: { checkov: ['CKV_GCP_59'], trivy: [], kics: [] },
    check(resource) {
      return forbidFlagOn(
        resource.values,
        'SQLSERVER',
        'contained database authentication',
        'Contained database authentication is on.',
      );
    },
  },
];
