// Security group rules across the four ways Terraform writes them: inline ingress/egress blocks of
// aws_security_group (and aws_default_security_group), aws_security_group_rule, and the
// aws_vpc_security_group_ingress_rule / _egress_rule resources. Each is read into one shape first.

import type { ValueObject } from '../../../terraform/eval/value.js';
import { fail, numberAt, PASS, type Path, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule } from '../../types.js';
import {
  blockList,
  combine,
  isWorldCidr,
  listIncludes,
  NOT_APPLICABLE,
  type StringList,
  same,
  stringListAt,
} from './rule-helpers.js';

const SG_DOCS = 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html';

/** One security group rule, wherever it was written. */
export interface NormalizedRule {
  direction: 'ingress' | 'egress';
  fromPort: number | 'unknown' | undefined;
  toPort: number | 'unknown' | undefined;
  protocol: string | 'unknown' | undefined;
  cidrs: StringList;
  /** Path of the rule (inline block) or [] for a rule resource. */
  path: Path;
  /** Path of the CIDR attribute to point a finding at. */
  cidrPath: Path;
  description: string | 'unknown' | undefined;
}

function mergeLists(...lists: (StringList | undefined)[]): StringList {
  return {
    known: lists.flatMap((list) => list?.known ?? []),
    unknown: lists.some((list) => list?.unknown === true),
  };
}

function ruleFromBlock(block: ValueObject, direction: 'ingress' | 'egress', path: Path): NormalizedRule {
  const ipv4 = stringListAt(block, ['cidr_blocks']);
  const ipv6 = stringListAt(block, ['ipv6_cidr_blocks']);
  return {
    direction,
    fromPort: numberAt(block, ['from_port']),
    toPort: numberAt(block, ['to_port']),
    protocol: stringAt(block, ['protocol']),
    cidrs: mergeLists(ipv4, ipv6),
    path,
    cidrPath: [...path, ipv4 && (ipv4.known.length > 0 || ipv4.unknown) ? 'cidr_blocks' : 'ipv6_cidr_blocks'],
    description: stringAt(block, ['description']),
  };
}

/** The rules a resource declares in one direction; 'unknown' when a dynamic block cannot be expanded. */
export function rulesOf(
  resource: TerraformResourceView,
  direction: 'ingress' | 'egress',
): NormalizedRule[] | 'unknown' {
  const values = resource.values;
  switch (resource.type) {
    case 'aws_security_group':
    case 'aws_default_security_group': {
      const blocks = blockList(values, [direction]);
      if (blocks === 'unknown') return 'unknown';
      return blocks.map((block, index) => ruleFromBlock(block, direction, [direction, index]));
    }
    case 'aws_security_group_rule': {
      const type = stringAt(values, ['type']);
      if (type === 'unknown') return 'unknown';
      return type === direction ? [ruleFromBlock(values, direction, [])] : [];
    }
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      const own = resource.type === 'aws_vpc_security_group_ingress_rule' ? 'ingress' : 'egress';
      if (own !== direction) return [];
      const ipv4 = stringListAt(values, ['cidr_ipv4']);
      const ipv6 = stringListAt(values, ['cidr_ipv6']);
      return [
        {
          direction,
          fromPort: numberAt(values, ['from_port']),
          toPort: numberAt(values, ['to_port']),
          protocol: stringAt(values, ['ip_protocol']),
          cidrs: mergeLists(ipv4, ipv6),
          path: [],
          cidrPath: [ipv4 ? 'cidr_ipv4' : 'cidr_ipv6'],
          description: stringAt(values, ['description']),
        },
      ];
    }
    default:
      return [];
  }
}

const ALL_PROTOCOLS = new Set(['-1', 'all']);
const PORT_PROTOCOLS = new Set(['tcp', 'udp', '6', '17']);

/** The port range a rule opens: 'all', a range, 'none' (ICMP and other port-less protocols), or 'unknown'. */
export function portRange(rule: NormalizedRule): 'all' | 'none' | 'unknown' | { from: number; to: number } {
  const protocol = rule.protocol;
  if (protocol === 'unknown') return 'unknown';
  const normalized = protocol?.toLowerCase();
  if (normalized !== undefined && ALL_PROTOCOLS.has(normalized)) return 'all';
  if (normalized !== undefined && !PORT_PROTOCOLS.has(normalized)) return 'none';
  const { fromPort: from, toPort: to } = rule;
  if (from === 'unknown' || to === 'unknown') return 'unknown';
  if (from === undefined || to === undefined) return 'unknown';
  // As Checkov reads them: 0-0 and -1 stand for every port.
  if ((from === 0 && to === 0) || from === -1 || to === -1) return 'all';
  if (from <= 0 && to >= 65535) return 'all';
  return { from, to };
}

/** True, false or 'unknown': the rule opens `port`. */
export function opensPort(rule: NormalizedRule, port: number): boolean | 'unknown' {
  const range = portRange(rule);
  if (range === 'unknown') return 'unknown';
  if (range === 'none') return false;
  if (range === 'all') return true;
  return range.from <= port && port <= range.to;
}

/** True, false or 'unknown': the rule admits (or reaches) every address. */
export function isOpenToWorld(rule: NormalizedRule): boolean | 'unknown' {
  return listIncludes(rule.cidrs, isWorldCidr);
}

const INGRESS_TYPES = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
];

/** A check over every ingress (or egress) rule of a resource: `violates` decides one rule. */
function eachRule(
  direction: 'ingress' | 'egress',
  violates: (rule: NormalizedRule) => boolean | 'unknown',
  message: (rule: NormalizedRule) => string,
) {
  return (resource: TerraformResourceView): CheckResult | CheckResult[] => {
    const rules = rulesOf(resource, direction);
    if (rules === 'unknown') return UNKNOWN_RESULT;
    if (
      rules.length === 0 &&
      resource.type !== 'aws_security_group' &&
      resource.type !== 'aws_default_security_group'
    )
      return NOT_APPLICABLE;
    const failures: CheckResult[] = [];
    let unknown = false;
    for (const rule of rules) {
      const verdict = violates(rule);
      if (verdict === true) failures.push(fail(rule.cidrPath, message(rule)));
      else if (verdict === 'unknown') unknown = true;
    }
    if (failures.length > 0) return failures;
    return unknown ? UNKNOWN_RESULT : PASS;
  };
}

function both(first: boolean | 'unknown', second: () => boolean | 'unknown'): boolean | 'unknown' {
  if (first === false) return false;
  const next = second();
  if (next === false) return false;
  return first === true && next === true ? true : 'unknown';
}

function worldOnPort(port: number) {
  return (rule: NormalizedRule) => both(isOpenToWorld(rule), () => opensPort(rule, port));
}

/** Remote administration and data-store ports that should never face the internet (SSH/RDP have their own rules). */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [20, 'FTP data'],
  [21, 'FTP'],
  [23, 'Telnet'],
  [135, 'MS RPC'],
  [137, 'NetBIOS'],
  [138, 'NetBIOS'],
  [139, 'NetBIOS'],
  [445, 'SMB'],
  [1433, 'MS SQL'],
  [1521, 'Oracle'],
  [2375, 'Docker API'],
  [2376, 'Docker API (TLS)'],
  [2379, 'etcd'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM (TLS)'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [10250, 'kubelet'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
]);

function sensitivePortsOpened(rule: NormalizedRule): number[] | 'unknown' {
  const range = portRange(rule);
  if (range === 'unknown') return 'unknown';
  if (range === 'none' || range === 'all') return [];
  return [...SENSITIVE_PORTS.keys()].filter((port) => range.from <= port && port <= range.to);
}

const DEFAULT_DESCRIPTION = 'Managed by Terraform';

function describedResult(description: string | 'unknown' | undefined, path: Path, what: string): CheckResult {
  if (description === 'unknown') return UNKNOWN_RESULT;
  if (description === undefined || description.trim() === '') return fail(path, `${what} has no description`);
  if (description === DEFAULT_DESCRIPTION)
    return fail(path, `${what} uses the default description "${DEFAULT_DESCRIPTION}"`);
  return PASS;
}

export const SECURITY_GROUP_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-017',
    title: 'Security group does not allow SSH (22) from the internet',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: INGRESS_TYPES,
    remediation:
      'Restrict the source CIDR of port 22 to known ranges, or use SSM Session Manager instead of SSH.',
    references: [
      SG_DOCS,
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
    ],
    equivalents: same({ checkov: ['CKV_AWS_24'] }),
    check: eachRule('ingress', worldOnPort(22), () => 'Ingress from 0.0.0.0/0 or ::/0 reaches SSH port 22'),
  },
  {
    id: 'ILM-TF-AWS-018',
    title: 'Security group does not allow RDP (3389) from the internet',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: INGRESS_TYPES,
    remediation:
      'Restrict the source CIDR of port 3389 to known ranges, or reach hosts through a bastion or VPN.',
    references: [
      SG_DOCS,
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14',
    ],
    equivalents: same({ checkov: ['CKV_AWS_25'] }),
    check: eachRule(
      'ingress',
      worldOnPort(3389),
      () => 'Ingress from 0.0.0.0/0 or ::/0 reaches RDP port 3389',
    ),
  },
  {
    id: 'ILM-TF-AWS-019',
    title: 'Security group does not allow all ports from the internet',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: INGRESS_TYPES,
    remediation: 'Open only the ports the service needs, and only to the CIDRs that need them.',
    references: [SG_DOCS],
    equivalents: same({}),
    check: eachRule(
      'ingress',
      (rule) =>
        both(isOpenToWorld(rule), () => {
          const range = portRange(rule);
          return range === 'unknown' ? 'unknown' : range === 'all';
        }),
      () => 'Ingress from 0.0.0.0/0 or ::/0 on all ports',
    ),
  },
  {
    id: 'ILM-TF-AWS-020',
    title: 'Security group does not expose administration or database ports to the internet',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: INGRESS_TYPES,
    remediation:
      'Keep Telnet, SMB, RPC, WinRM, VNC, Docker, etcd, kubelet and database ports private; reach them through a VPN or bastion.',
    references: [
      SG_DOCS,
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    ],
    equivalents: same({}),
    check: eachRule(
      'ingress',
      (rule) =>
        both(isOpenToWorld(rule), () => {
          const ports = sensitivePortsOpened(rule);
          return ports === 'unknown' ? 'unknown' : ports.length > 0;
        }),
      (rule) => {
        const ports = sensitivePortsOpened(rule);
        const named =
          ports === 'unknown'
            ? []
            : ports.slice(0, 3).map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`);
        return `Ingress from 0.0.0.0/0 or ::/0 reaches ${named.join(', ')}`;
      },
    ),
  },
  {
    id: 'ILM-TF-AWS-021',
    title: 'Security group does not allow HTTP (80) from the internet',
    severity: 'LOW',
    category: 'network',
    cwe: 'CWE-319',
    resourceTypes: INGRESS_TYPES,
    remediation:
      'Serve public traffic through HTTPS on a load balancer; keep port 80 closed or redirect-only.',
    references: [SG_DOCS],
    equivalents: same({ checkov: ['CKV_AWS_260'] }),
    check: eachRule('ingress', worldOnPort(80), () => 'Ingress from 0.0.0.0/0 or ::/0 reaches HTTP port 80'),
  },
  {
    id: 'ILM-TF-AWS-022',
    title: 'Security group does not allow unrestricted egress',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_egress_rule'],
    remediation:
      'Limit egress to the destinations and ports the workload needs (VPC endpoints, proxies, known CIDRs).',
    references: [SG_DOCS],
    equivalents: same({ trivy: ['AVD-AWS-0104'] }),
    check: eachRule('egress', isOpenToWorld, () => 'Egress to 0.0.0.0/0 or ::/0'),
  },
  {
    id: 'ILM-TF-AWS-023',
    title: 'Security group has a description',
    severity: 'LOW',
    category: 'general',
    cwe: 'CWE-1053',
    resourceTypes: ['aws_security_group'],
    remediation:
      'Set a description that says what the group is for (not the default "Managed by Terraform").',
    references: [SG_DOCS],
    equivalents: same({ trivy: ['AVD-AWS-0099'] }),
    check: (group) =>
      describedResult(stringAt(group.values, ['description']), ['description'], 'Security group'),
  },
  {
    id: 'ILM-TF-AWS-024',
    title: 'Security group rules have descriptions',
    severity: 'LOW',
    category: 'general',
    cwe: 'CWE-1053',
    resourceTypes: [
      'aws_security_group',
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
    ],
    remediation: 'Give every ingress and egress rule a description of the traffic it allows.',
    references: [SG_DOCS],
    equivalents: same({ trivy: ['AVD-AWS-0124'] }),
    check(resource) {
      const ingress = rulesOf(resource, 'ingress');
      const egress = rulesOf(resource, 'egress');
      if (ingress === 'unknown' || egress === 'unknown') return UNKNOWN_RESULT;
      const results = [...ingress, ...egress].map((rule) =>
        describedResult(rule.description, [...rule.path, 'description'], 'Security group rule'),
      );
      const failures = results.filter((result) => result.status === 'fail');
      return failures.length > 0 ? failures : combine(results);
    },
  },
  {
    id: 'ILM-TF-AWS-025',
    title: 'Default security group restricts all traffic',
    severity: 'LOW',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_default_security_group'],
    remediation:
      'Declare aws_default_security_group without ingress or egress blocks so the default group allows nothing.',
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
    equivalents: same({ trivy: ['AVD-AWS-0173'] }),
    check(group) {
      const ingress = rulesOf(group, 'ingress');
      const egress = rulesOf(group, 'egress');
      if (ingress !== 'unknown' && ingress.length > 0)
        return fail(['ingress'], 'Default security group has ingress rules');
      if (egress !== 'unknown' && egress.length > 0)
        return fail(['egress'], 'Default security group has egress rules');
      return ingress === 'unknown' || egress === 'unknown' ? UNKNOWN_RESULT : PASS;
    },
  },
];
