// Azure network security group rules: inbound access from the Internet.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, type Path, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule } from '../../types.js';
import { ABSENT, readBlocks, readString, readStrings, UNREADABLE } from './rule-support.js';

type Truth = boolean | 'unknown';

/** Source prefixes meaning "anywhere" (Checkov's list, plus the CIDR spellings of it). */
const INTERNET_SOURCES = new Set(['*', '0.0.0.0', '0.0.0.0/0', '<nw>/0', '/0', 'internet', 'any', '::/0']);

interface SecurityRule {
  values: Value;
  path: Path;
}

/** The rules of a standalone azurerm_network_security_rule or of a group's security_rule blocks. */
function securityRules(resource: TerraformResourceView): SecurityRule[] | typeof UNREADABLE {
  if (resource.type === 'azurerm_network_security_rule') return [{ values: resource.values, path: [] }];
  const blocks = readBlocks(resource.values, ['security_rule']);
  if (blocks === UNREADABLE) return UNREADABLE;
  return blocks.map((block, index) => ({ values: block, path: ['security_rule', index] }));
}

function stringEquals(values: Value, name: string, accepted: readonly string[]): Truth {
  const reading = readString(values, [name]);
  if (reading === UNREADABLE) return 'unknown';
  if (reading === ABSENT) return false;
  return accepted.includes(reading.trim().toLowerCase());
}

/** Whether the single and list forms of an attribute pair contain a matching entry. */
function anyEntry(values: Value, single: string, plural: string, matches: (entry: string) => boolean): Truth {
  const one = readString(values, [single]);
  const many = readStrings(values, [plural]);
  const entries = [...(typeof one === 'string' ? [one] : []), ...(Array.isArray(many) ? many : [])];
  if (entries.some(matches)) return true;
  return one === UNREADABLE || many === UNREADABLE ? 'unknown' : false;
}

function portInRange(range: string, port: number): boolean {
  const trimmed = range.trim();
  if (trimmed === '*') return true;
  const bounds = /^(\d+)\s*-\s*(\d+)$/.exec(trimmed);
  if (bounds) return Number(bounds[1]) <= port && port <= Number(bounds[2]);
  return /^\d+$/.test(trimmed) && Number(trimmed) === port;
}

function conjunction(truths: readonly Truth[]): Truth {
  if (truths.includes(false)) return false;
  return truths.includes('unknown') ? 'unknown' : true;
}

interface ExposureQuery {
  protocols: readonly string[];
  /** The destination port that must be open; undefined for "any port". */
  port?: number;
  message: string;
}

/** Fails every inbound allow rule that opens the queried protocol/port to the Internet. */
function checkExposure(resource: TerraformResourceView, query: ExposureQuery): CheckResult[] {
  const rules = securityRules(resource);
  if (rules === UNREADABLE) return [UNKNOWN_RESULT];
  const results = rules.map(({ values, path }): CheckResult => {
    const port = query.port;
    const exposed = conjunction([
      stringEquals(values, 'access', ['allow']),
      stringEquals(values, 'direction', ['inbound']),
      stringEquals(values, 'protocol', query.protocols),
      port === undefined
        ? true
        : anyEntry(values, 'destination_port_range', 'destination_port_ranges', (range) =>
            portInRange(range, port),
          ),
      anyEntry(values, 'source_address_prefix', 'source_address_prefixes', (prefix) =>
        INTERNET_SOURCES.has(prefix.trim().toLowerCase()),
      ),
    ]);
    if (exposed === 'unknown') return UNKNOWN_RESULT;
    if (!exposed) return PASS;
    const sourcePath =
      readString(values, ['source_address_prefix']) === ABSENT
        ? 'source_address_prefixes'
        : 'source_address_prefix';
    return fail([...path, sourcePath], query.message);
  });
  const failures = results.filter((result) => result.status === 'fail');
  if (failures.length > 0) return failures;
  return results.some((result) => result.status === 'unknown') ? [UNKNOWN_RESULT] : [PASS];
}

const NSG_TYPES = ['azurerm_network_security_rule', 'azurerm_network_security_group'];
const NSG_REFERENCES = [
  'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview',
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule',
];

export const NETWORK_SECURITY_GROUP_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-043',
    title: 'Network security group does not allow RDP (3389) from the Internet',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: NSG_TYPES,
    remediation:
      'Restrict source_address_prefix(es) of rules opening port 3389 to known ranges, or use Azure Bastion.',
    references: [...NSG_REFERENCES, 'https://learn.microsoft.com/en-us/azure/bastion/bastion-overview'],
    equivalents: {
      checkov: ['CKV_AZURE_9'],
      trivy: ['AVD-AZU-0048', 'azure-network-disable-rdp-from-internet'],
      kics: [],
    },
    check(resource) {
      return checkExposure(resource, {
        protocols: ['tcp', '*'],
        port: 3389,
        message: 'RDP (3389) is open to the Internet.',
      });
    },
  },
  {
    id: 'ILM-TF-AZURE-044',
    title: 'Network security group does not allow SSH (22) from the Internet',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: NSG_TYPES,
    remediation:
      'Restrict source_address_prefix(es) of rules opening port 22 to known ranges, or use Azure Bastion.',
    references: NSG_REFERENCES,
    equivalents: {
      checkov: ['CKV_AZURE_10'],
      trivy: ['AVD-AZU-0050', 'azure-network-ssh-blocked-from-internet'],
      kics: [],
    },
    check(resource) {
      return checkExposure(resource, {
        protocols: ['tcp', '*'],
        port: 22,
        message: 'SSH (22) is open to the Internet.',
      });
    },
  },
  {
    id: 'ILM-TF-AZURE-045',
    title: 'Network security group does not allow UDP from the Internet',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: NSG_TYPES,
    remediation: 'Restrict the source of inbound UDP rules to known ranges.',
    references: NSG_REFERENCES,
    equivalents: { checkov: ['CKV_AZURE_77'], trivy: [], kics: [] },
    check(resource) {
      return checkExposure(resource, { protocols: ['udp'], message: 'UDP is open to the Internet.' });
    },
  },
  {
    id: 'ILM-TF-AZURE-046',
    title: 'Network security group does not allow HTTP (80) from the Internet',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-319',
    resourceTypes: NSG_TYPES,
    remediation: 'Serve HTTPS instead, or restrict the source of rules opening port 80.',
    references: NSG_REFERENCES,
    equivalents: { checkov: ['CKV_AZURE_160'], trivy: [], kics: [] },
    check(resource) {
      return checkExposure(resource, {
        protocols: ['tcp', '*'],
        port: 80,
        message: 'HTTP (80) is open to the Internet.',
      });
    },
  },
];
