import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { EC2_RULES } from './ec2.js';
import { ELB_RULES } from './elb.js';

const rule = (id: string): TerraformRule => {
  const found = [...EC2_RULES, ...ELB_RULES].find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const instance = (body: string) => `
resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
${body}
}`;
const imdsv2 = '  metadata_options {\n    http_tokens = "required"\n  }';
const encryptedRoot = '  root_block_device {\n    encrypted = true\n  }';

const listener = (body: string) => `
resource "aws_lb_listener" "l" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/a/1"
  port              = 443
${body}
}`;
const forward =
  '  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:tg"\n  }';
const balancer = (body: string) => `
resource "aws_lb" "alb" {
  name               = "alb"
  load_balancer_type = "application"
${body}
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  {
    id: 'ILM-TF-AWS-067',
    failing: instance('  metadata_options {\n    http_tokens = "optional"\n  }'),
    passing: instance(imdsv2),
  },
  {
    id: 'ILM-TF-AWS-068',
    failing: instance(''),
    passing: instance(
      `${encryptedRoot}\n  ebs_block_device {\n    device_name = "/dev/sdb"\n    encrypted   = true\n  }`,
    ),
  },
  {
    id: 'ILM-TF-AWS-069',
    failing: 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size = 10\n}',
    passing:
      'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size = 10\n  encrypted = true\n}',
  },
  {
    id: 'ILM-TF-AWS-070',
    failing: 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  encrypted = true\n}',
    passing:
      'resource "aws_kms_key" "k" {}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n}',
  },
  {
    id: 'ILM-TF-AWS-071',
    failing: `
resource "aws_launch_template" "t" {
  name = "t"
  network_interfaces {
    associate_public_ip_address = true
  }
}`,
    passing: instance('  associate_public_ip_address = false'),
  },
  { id: 'ILM-TF-AWS-072', failing: instance(''), passing: instance('  monitoring = true') },
  {
    id: 'ILM-TF-AWS-073',
    failing: 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = false\n}',
    passing: 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}',
  },
  {
    id: 'ILM-TF-AWS-074',
    failing: listener(`  protocol = "HTTP"\n${forward}`),
    passing: listener(`  protocol = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }`),
  },
  {
    id: 'ILM-TF-AWS-075',
    failing: listener(`  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-2016-08"\n${forward}`),
    passing: listener(
      `  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n${forward}`,
    ),
  },
  { id: 'ILM-TF-AWS-076', failing: balancer(''), passing: balancer('  drop_invalid_header_fields = true') },
  {
    id: 'ILM-TF-AWS-077',
    failing: balancer('  access_logs {\n    bucket = "logs"\n  }'),
    passing: balancer('  access_logs {\n    bucket  = "logs"\n    enabled = true\n  }'),
  },
  {
    id: 'ILM-TF-AWS-078',
    failing: 'resource "aws_elb" "c" {\n  name = "c"\n}',
    passing: 'resource "aws_elb" "c" {\n  name = "c"\n  access_logs {\n    bucket = "logs"\n  }\n}',
  },
  { id: 'ILM-TF-AWS-079', failing: balancer(''), passing: balancer('  enable_deletion_protection = true') },
  { id: 'ILM-TF-AWS-080', failing: balancer('  internal = false'), passing: balancer('  internal = true') },
];

describe('EC2 and load balancer rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('fails an instance without metadata_options and passes a disabled metadata endpoint', () => {
    expect(judge('ILM-TF-AWS-067', instance(''))).toBe('fail');
    expect(
      judge('ILM-TF-AWS-067', instance('  metadata_options {\n    http_endpoint = "disabled"\n  }')),
    ).toBe('pass');
  });

  it('points at the unencrypted device and trusts snapshot-restored devices', () => {
    const [outcome] = runTerraformRule(
      rule('ILM-TF-AWS-068'),
      instance(
        `${encryptedRoot}\n  ebs_block_device {\n    device_name = "/dev/sdb"\n    encrypted = false\n  }`,
      ),
    );
    expect(outcome?.results).toEqual([
      { status: 'fail', attribute: ['ebs_block_device', 0, 'encrypted'], message: expect.any(String) },
    ]);
    expect(
      judge(
        'ILM-TF-AWS-068',
        instance(
          `${encryptedRoot}\n  ebs_block_device {\n    device_name = "/dev/sdb"\n    snapshot_id = "snap-1"\n  }`,
        ),
      ),
    ).toBe('pass');
  });

  it('does not judge the TLS policy of plain TCP listeners or header handling of network load balancers', () => {
    expect(
      runTerraformRule(rule('ILM-TF-AWS-075'), listener(`  protocol = "TCP"\n${forward}`))[0]?.results,
    ).toEqual([]);
    expect(
      runTerraformRule(rule('ILM-TF-AWS-076'), balancer('').replace('"application"', '"network"'))[0]
        ?.results,
    ).toEqual([]);
  });

  it('is unknown, never failing, for values known only after apply', () => {
    expect(
      judge('ILM-TF-AWS-074', `variable "protocol" {}\n${listener(`  protocol = var.protocol\n${forward}`)}`),
    ).toBe('unknown');
    expect(
      judge(
        'ILM-TF-AWS-069',
        'variable "e" {}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  encrypted = var.e\n}',
      ),
    ).toBe('unknown');
  });
});
