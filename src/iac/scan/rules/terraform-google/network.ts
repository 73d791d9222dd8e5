// VPC firewall and subnetwork rules.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformRule } from '../../types.js';
import {
  ABSENT,
  readBlocks,
  readBool,
  readString,
  readStrings,
  UNREADABLE,
} from '../terraform-azure/rule-support.js';

const FIREWALL_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall';
const ANY_ADDRESS = new Set(['0.0.0.0/0', '::/0', '0.0.0.0', '::', '*']);

/** Whether a ports entry ("22", "20-30") covers the port. */
function portCovered(entry: string, port: number): boolean {
  const bounds = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(entry);
  if (bounds) return Number(bounds[1]) <= port && port <= Number(bounds[2]);
  return /^\s*\d+\s*$/.test(entry) && Number(entry) === port;
}

/**
 * Checkov's reading of a firewall opening a port to the world: an allow block listing the port
 * (protocol and direction aside) and "0.0.0.0/0" among source_ranges. An allow block without ports
 * is not counted, as Checkov does not count it.
 */
function portOpenToWorld(values: Value, port: number, message: string): CheckResult {
  const allows = readBlocks(values, ['allow']);
  if (allows === UNREADABLE) return UNKNOWN_RESULT;
  let portOpen: boolean | 'unknown' = false;
  for (const allow of allows) {
    const ports = readStrings(allow, ['ports']);
    if (ports === UNREADABLE) portOpen = portOpen === true ? true : 'unknown';
    else if (ports !== ABSENT && ports.some((entry) => portCovered(entry, port))) portOpen = true;
  }
  if (portOpen === false) return PASS;
  const sources = readStrings(values, ['source_ranges']);
  if (sources === UNREADABLE) return UNKNOWN_RESULT;
  const world = sources !== ABSENT && sources.some((source) => source === '0.0.0.0/0' || source === '::/0');
  if (!world) return PASS;
  return portOpen === true ? fail(['source_ranges'], message) : UNKNOWN_RESULT;
}

export const NETWORK_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-048',
    title: 'Firewall does not allow SSH (22) from 0.0.0.0/0',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_compute_firewall'],
    remediation:
      'Restrict source_ranges of rules opening port 22 (for example to 35.235.240.0/20 for IAP TCP forwarding).',
    references: ['https://cloud.google.com/iap/docs/using-tcp-forwarding', FIREWALL_DOCS],
    equivalents: { checkov: ['CKV_GCP_2'], trivy: [], kics: [] },
    check(resource) {
      return portOpenToWorld(resource.values, 22, 'SSH (22) is open to the Internet.');
    },
  },
  {
    id: 'ILM-TF-GCP-049',
    title: 'Firewall does not allow RDP (3389) from 0.0.0.0/0',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_compute_firewall'],
    remediation: 'Restrict source_ranges of rules opening port 3389 (for example to IAP TCP forwarding).',
    references: ['https://cloud.google.com/iap/docs/using-tcp-forwarding', FIREWALL_DOCS],
    equivalents: { checkov: ['CKV_GCP_3'], trivy: [], kics: [] },
    check(resource) {
      return portOpenToWorld(resource.values, 3389, 'RDP (3389) is open to the Internet.');
    },
  },
  {
    id: 'ILM-TF-GCP-050',
    title: 'Firewall does not allow ingress from any IP address',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_compute_firewall'],
    remediation:
      'Replace 0.0.0.0/0 in source_ranges with the ranges that need access, or scope the rule with source/target tags.',
    references: ['https://cloud.google.com/firewall/docs/firewalls', FIREWALL_DOCS],
    equivalents: {
      checkov: [],
      trivy: ['AVD-GCP-0027', 'google-compute-no-public-ingress'],
      kics: [],
    },
    check(resource) {
      const values = resource.values;
      const direction = readString(values, ['direction']);
      const disabled = readBool(values, ['disabled']);
      const allows = readBlocks(values, ['allow']);
      if (direction === UNREADABLE || disabled === UNREADABLE || allows === UNREADABLE) return UNKNOWN_RESULT;
      if (
        (direction !== ABSENT && direction.toUpperCase() === 'EGRESS') ||
        disabled === true ||
        allows.length === 0
      ) {
        return PASS;
      }
      // Tags narrow the rule to tagged instances, as Trivy reads it.
      for (const name of ['source_tags', 'target_tags', 'source_service_accounts']) {
        const entries = readStrings(values, [name]);
        if (entries === UNREADABLE) return UNKNOWN_RESULT;
        if (entries !== ABSENT && entries.length > 0) return PASS;
      }
      const sources = readStrings(values, ['source_ranges']);
      if (sources === UNREADABLE) return UNKNOWN_RESULT;
      // An ingress rule with no source at all applies to every source.
      if (sources === ABSENT || sources.length === 0) {
        return fail(undefined, 'The firewall rule has no source restriction, so it admits any IP address.');
      }
      return sources.some((source) => ANY_ADDRESS.has(source.trim()))
        ? fail(['source_ranges'], 'The firewall rule admits traffic from any IP address.')
        : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-051',
    title: 'Subnetwork has VPC flow logs enabled',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_compute_subnetwork'],
    remediation:
      'Add log_config { aggregation_interval = "INTERVAL_5_SEC", flow_sampling = 0.5, metadata = "INCLUDE_ALL_METADATA" }.',
    references: [
      'https://cloud.google.com/vpc/docs/using-flow-logs',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_subnetwork#log_config',
    ],
    equivalents: {
      checkov: ['CKV_GCP_26'],
      trivy: ['AVD-GCP-0029', 'google-compute-enable-vpc-flow-logs'],
      kics: ['40430747-442d-450a-a34f-dc57149f4609'],
    },
    check(resource) {
      const purpose = readString(resource.values, ['purpose']);
      if (purpose === UNREADABLE) return UNKNOWN_RESULT;
      // Proxy-only subnets cannot have flow logs.
      if (
        purpose !== ABSENT &&
        ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'].includes(purpose)
      ) {
        return PASS;
      }
      const logConfig = readBlocks(resource.values, ['log_config']);
      if (logConfig === UNREADABLE) return UNKNOWN_RESULT;
      return logConfig.length > 0 ? PASS : fail(['log_config'], 'VPC flow logs are not enabled.');
    },
  },
];
