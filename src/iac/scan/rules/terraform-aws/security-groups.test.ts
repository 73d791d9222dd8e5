import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { SECURITY_GROUP_RULES } from './security-groups.js';

const rule = (id: string): TerraformRule => {
  const found = SECURITY_GROUP_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const group = (blocks: string, description = 'web tier') => `
resource "aws_security_group" "g" {
  name        = "g"
  description = "${description}"
${blocks}
}`;

const ingress = (
  from: number | string,
  to: number | string,
  cidr: string,
  protocol = 'tcp',
  description = 'rule',
) => `
  ingress {
    description = "${description}"
    from_port   = ${from}
    to_port     = ${to}
    protocol    = "${protocol}"
    cidr_blocks = ["${cidr}"]
  }`;

const cases: { id: string; failing: string; passing: string }[] = [
  {
    id: 'ILM-TF-AWS-017',
    failing: group(ingress(22, 22, '0.0.0.0/0')),
    passing: group(ingress(22, 22, '10.0.0.0/8')),
  },
  {
    id: 'ILM-TF-AWS-018',
    failing: `
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = "sg-123"
  cidr_ipv6         = "::/0"
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}`,
    passing: `
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = "sg-123"
  cidr_ipv4         = "192.168.0.0/16"
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}`,
  },
  {
    id: 'ILM-TF-AWS-019',
    failing: group(ingress(0, 0, '0.0.0.0/0', '-1')),
    passing: group(ingress(443, 443, '0.0.0.0/0')),
  },
  {
    id: 'ILM-TF-AWS-020',
    failing: group(ingress(5432, 5432, '0.0.0.0/0')),
    passing: group(ingress(5432, 5432, '10.1.0.0/16')),
  },
  {
    id: 'ILM-TF-AWS-021',
    failing: `
resource "aws_security_group_rule" "http" {
  type              = "ingress"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-123"
}`,
    passing: group(ingress(443, 443, '0.0.0.0/0')),
  },
  {
    id: 'ILM-TF-AWS-022',
    failing: group(`
  egress {
    description = "all out"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }`),
    passing: group(`
  egress {
    description = "to the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }`),
  },
  { id: 'ILM-TF-AWS-023', failing: group('', 'Managed by Terraform'), passing: group('') },
  {
    id: 'ILM-TF-AWS-024',
    failing: group(`
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }`),
    passing: group(ingress(443, 443, '10.0.0.0/8')),
  },
  {
    id: 'ILM-TF-AWS-025',
    failing: `
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}`,
    passing: `
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
}`,
  },
];

describe('security group rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('reads port ranges, all-protocol rules and IPv6 as the reference tools do', () => {
    expect(judge('ILM-TF-AWS-017', group(ingress(0, 65535, '0.0.0.0/0')))).toBe('fail');
    expect(judge('ILM-TF-AWS-017', group(ingress(0, 0, '0.0.0.0/0')))).toBe('fail');
    expect(judge('ILM-TF-AWS-017', group(ingress(1000, 2000, '0.0.0.0/0')))).toBe('pass');
    expect(judge('ILM-TF-AWS-017', group(ingress(443, 443, '0.0.0.0/0', '-1')))).toBe('fail');
    // ICMP "ports" are message types, not TCP ports.
    expect(judge('ILM-TF-AWS-017', group(ingress(8, 22, '0.0.0.0/0', 'icmp')))).toBe('pass');
    expect(
      judge(
        'ILM-TF-AWS-017',
        group(`
  ingress {
    description      = "ssh"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }`),
      ),
    ).toBe('fail');
  });

  it('leaves egress rule resources to the egress rule', () => {
    const egressRule = `
resource "aws_security_group_rule" "out" {
  type              = "egress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-123"
}`;
    const [outcome] = runTerraformRule(rule('ILM-TF-AWS-017'), egressRule);
    expect(outcome?.results).toEqual([]);
    expect(judge('ILM-TF-AWS-022', egressRule)).toBe('fail');
  });

  it('reports every violating inline block at its CIDR attribute', () => {
    const [outcome] = runTerraformRule(
      rule('ILM-TF-AWS-017'),
      group(ingress(443, 443, '10.0.0.0/8') + ingress(22, 22, '0.0.0.0/0')),
    );
    expect(outcome?.results).toEqual([
      { status: 'fail', attribute: ['ingress', 1, 'cidr_blocks'], message: expect.any(String) },
    ]);
  });

  it('is unknown, never failing, for CIDRs or ports only known after apply', () => {
    const fromVpc = `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_security_group_rule" "r" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [aws_vpc.v.cidr_block]
  security_group_id = "sg-123"
}`;
    expect(
      judge('ILM-TF-AWS-017', fromVpc.replace('[aws_vpc.v.cidr_block]', '[aws_vpc.v.ipv6_cidr_block]')),
    ).toBe('unknown');
    const dynamicPorts = `variable "port" {}\n${group(ingress('var.port', 'var.port', '0.0.0.0/0'))}`.replace(
      /"var\.port"/g,
      'var.port',
    );
    expect(judge('ILM-TF-AWS-020', dynamicPorts)).toBe('unknown');
  });
});
