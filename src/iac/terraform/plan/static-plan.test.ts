import { describe, expect, it } from 'vitest';
import { loadModuleTree, type ModuleFileReader } from '../config/load-module-tree.js';
import type { Value } from '../eval/value.js';
import { type PlanFileAccess, type PlanResult, staticPlan } from './static-plan.js';

// Expected addresses are written from Terraform's documentation of resource addressing
// (developer.hashicorp.com/terraform/cli/state/resource-addressing), count, for_each and modules.

/** An in-memory module tree: path → file text. */
function memoryFiles(files: Record<string, string>): ModuleFileReader & PlanFileAccess {
  const directories = new Map<string, Set<string>>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const directory = depth === 0 ? '.' : parts.slice(0, depth).join('/');
      const entries = directories.get(directory) ?? new Set<string>();
      entries.add(parts[depth]!);
      directories.set(directory, entries);
    }
  }
  const normalize = (path: string) => path.replace(/^\.\//, '');
  return {
    listDirectory: (directory) => {
      const entries = directories.get(directory === '' ? '.' : directory);
      return entries ? [...entries].sort() : undefined;
    },
    readFile: (path) => files[normalize(path)],
    readBytes: (path) => {
      const text = files[normalize(path)];
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
    listFiles: (directory) =>
      Object.keys(files)
        .filter((path) => path.startsWith(`${directory}/`))
        .map((path) => path.slice(directory.length + 1)),
  };
}

function plan(files: Record<string, string>, variables: Record<string, Value> = {}): PlanResult {
  const reader = memoryFiles(files);
  const tree = loadModuleTree('.', reader);
  return staticPlan(tree, { variables: new Map(Object.entries(variables)), files: reader });
}

function actions(result: PlanResult): string[] {
  return result.resource_changes.map((change) => `${change.address} ${change.change.actions.join(',')}`);
}

function errors(result: PlanResult): string[] {
  return result.diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => diagnostic.summary);
}

describe('staticPlan: expansion and addresses', () => {
  it('plans a single resource with its known values and provider', () => {
    const result = plan({
      'main.tf': `
resource "aws_s3_bucket" "logs" {
  bucket = "my-logs"
  tags   = { team = "infra" }
}`,
    });
    expect(errors(result)).toEqual([]);
    expect(result.resource_changes).toHaveLength(1);
    const change = result.resource_changes[0]!;
    expect(change).toMatchObject({
      address: 'aws_s3_bucket.logs',
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { bucket: 'my-logs', tags: { team: 'infra' } } },
    });
    expect(change).not.toHaveProperty('index');
    expect(change).not.toHaveProperty('module_address');
  });

  it('expands count into numbered instances and count = 0 into none', () => {
    const result = plan({
      'main.tf': `
variable "enabled" { default = false }
resource "aws_instance" "web" {
  count = 3
  ami   = "ami-123"
  tags  = { Name = "web-\${count.index}" }
}
resource "aws_eip" "ip" {
  count = var.enabled ? 1 : 0
}`,
    });
    expect(actions(result)).toEqual([
      'aws_instance.web[0] create',
      'aws_instance.web[1] create',
      'aws_instance.web[2] create',
    ]);
    expect(result.resource_changes[2]!.index).toBe(2);
    expect(result.resource_changes[1]!.change.after).toMatchObject({ tags: { Name: 'web-1' } });
  });

  it('expands for_each over a map and over a set of strings, with quoted keys', () => {
    const result = plan({
      'main.tf': `
locals {
  buckets = { logs = "private", site = "public-read" }
}
resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = "\${each.key}-bucket"
  acl      = each.value
}
resource "aws_iam_user" "u" {
  for_each = toset(["bob", "alice", "bob", "o\\"hara"])
  name     = each.key
}`,
    });
    expect(errors(result)).toEqual([]);
    expect(actions(result)).toEqual([
      'aws_iam_user.u["alice"] create',
      'aws_iam_user.u["bob"] create',
      'aws_iam_user.u["o\\"hara"] create',
      'aws_s3_bucket.b["logs"] create',
      'aws_s3_bucket.b["site"] create',
    ]);
    const site = result.resource_changes.find((change) => change.address === 'aws_s3_bucket.b["site"]')!;
    expect(site.index).toBe('site');
    expect(site.change.after).toEqual({ bucket: 'site-bucket', acl: 'public-read' });
  });

  it('addresses resources inside counted and for_each modules', () => {
    const result = plan({
      'main.tf': `
module "net" {
  source = "./modules/net"
  count  = 2
  name   = "net-\${count.index}"
}
module "app" {
  source   = "./modules/app"
  for_each = { blue = 1, green = 2 }
  replicas = each.value
}`,
      'modules/net/main.tf': `
variable "name" { type = string }
resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = var.name }
}
output "id" { value = aws_vpc.this.id }`,
      'modules/app/main.tf': `
variable "replicas" { type = number }
resource "aws_iam_role" "r" {
  count = var.replicas
  name  = "r\${count.index}"
}
module "inner" { source = "../inner" }`,
      'modules/inner/main.tf': `resource "null_resource" "x" {}`,
    });
    expect(errors(result)).toEqual([]);
    expect(actions(result)).toEqual([
      'module.app["blue"].aws_iam_role.r[0] create',
      'module.app["blue"].module.inner.null_resource.x create',
      'module.app["green"].aws_iam_role.r[0] create',
      'module.app["green"].aws_iam_role.r[1] create',
      'module.app["green"].module.inner.null_resource.x create',
      'module.net[0].aws_vpc.this create',
      'module.net[1].aws_vpc.this create',
    ]);
    const vpc = result.resource_changes.find((change) => change.address === 'module.net[1].aws_vpc.this')!;
    expect(vpc.module_address).toBe('module.net[1]');
    expect(vpc.change.after).toMatchObject({ tags: { Name: 'net-1' } });
    expect(result.resource_changes.find((change) => change.address.includes('inner'))!.provider_name).toBe(
      'registry.terraform.io/hashicorp/null',
    );
  });

  it('uses variable defaults, given values and their types (set(string) works in for_each)', () => {
    const files = {
      'main.tf': `
variable "names" {
  type    = set(string)
  default = ["a", "b"]
}
variable "size" { type = number }
resource "aws_instance" "i" {
  for_each      = var.names
  instance_type = var.size > 2 ? "large" : "small"
}`,
    };
    expect(actions(plan(files, { size: '3' }))).toEqual([
      'aws_instance.i["a"] create',
      'aws_instance.i["b"] create',
    ]);
    expect(plan(files, { size: 1, names: ['z'] }).resource_changes[0]!.change.after).toEqual({
      instance_type: 'small',
    });
    expect(errors(plan(files))).toEqual(['No value for required variable']);
  });

  it('renders nested and dynamic blocks as lists, and splats and for expressions', () => {
    const result = plan({
      'main.tf': `
variable "ports" { default = [22, 443] }
resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
  egress { from_port = 0 }
}
resource "aws_instance" "a" { count = 2 }
output "ids" { value = aws_instance.a[*].id }
output "upper" { value = [for p in var.ports : p * 2 if p > 100] }`,
    });
    expect(errors(result)).toEqual([]);
    const sg = result.resource_changes.find((change) => change.address === 'aws_security_group.sg')!;
    expect(sg.change.after).toEqual({
      name: 'sg',
      ingress: [
        { from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'] },
        { from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] },
      ],
      egress: [{ from_port: 0 }],
    });
  });

  it('marks values known only after apply as unknown, never guessed', () => {
    const result = plan({
      'main.tf': `
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = cidrsubnet(aws_vpc.v.cidr_block, 8, 1)
}`,
    });
    const subnet = result.resource_changes.find((change) => change.address === 'aws_subnet.s')!;
    expect(subnet.change.after).toEqual({ vpc_id: null, cidr_block: '10.0.1.0/24' });
    expect(subnet.change.after_unknown).toEqual({ vpc_id: true });
  });
});

describe('staticPlan: data sources', () => {
  it('reads data sources with known arguments during planning and defers the others', () => {
    const result = plan({
      'main.tf': `
data "aws_ami" "ubuntu" { most_recent = true }
resource "aws_instance" "i" { ami = data.aws_ami.ubuntu.id }
data "aws_instance" "after" { instance_id = aws_instance.i.id }
data "aws_caller_identity" "me" { depends_on = [aws_instance.i] }
data "http" "stamp" { url = "https://example.org/\${timestamp()}" }`,
    });
    expect(errors(result)).toEqual([]);
    // Terraform lists data sources before managed resources (recorded: data-read-deferred).
    expect(actions(result)).toEqual([
      'data.aws_caller_identity.me read',
      'data.aws_instance.after read',
      'data.http.stamp read',
      'aws_instance.i create',
    ]);
    const reason = (address: string) =>
      result.resource_changes.find((change) => change.address === address)!.action_reason;
    // A reference to a managed resource with pending changes defers the read, whatever it reads
    // (recorded: data-depends-on-known-attribute); an unknown from elsewhere is "config unknown".
    expect(reason('data.aws_instance.after')).toBe('read_because_dependency_pending');
    expect(reason('data.aws_caller_identity.me')).toBe('read_because_dependency_pending');
    expect(reason('data.http.stamp')).toBe('read_because_config_unknown');
  });

  it('calls a count that depends on a data source undecided, not an error', () => {
    const result = plan({
      'main.tf': `
data "aws_availability_zones" "az" {}
resource "aws_subnet" "s" { count = length(data.aws_availability_zones.az.names) }
resource "aws_vpc" "v" {}`,
    });
    expect(errors(result)).toEqual([]);
    expect(actions(result)).toEqual(['aws_vpc.v create']);
    expect(result.undecided.map((entry) => entry.address)).toEqual(['aws_subnet.s']);
  });
});

describe('staticPlan: configurations Terraform rejects', () => {
  const rejected: [string, Record<string, string>, string][] = [
    [
      'an undeclared variable',
      { 'main.tf': 'resource "a_b" "c" { x = var.nope }' },
      'Reference to undeclared input variable',
    ],
    [
      'an undeclared local',
      { 'main.tf': 'output "o" { value = local.nope }' },
      'Reference to undeclared local value',
    ],
    [
      'an undeclared resource',
      { 'main.tf': 'output "o" { value = aws_s3_bucket.nope.id }' },
      'Reference to undeclared resource',
    ],
    [
      'an undeclared module',
      { 'main.tf': 'output "o" { value = module.nope.x }' },
      'Reference to undeclared module',
    ],
    [
      'a missing local module',
      { 'main.tf': 'module "m" { source = "./missing" }' },
      'Unreadable module directory',
    ],
    [
      'a duplicate resource',
      { 'main.tf': 'resource "a_b" "c" {}\nresource "a_b" "c" {}' },
      'Duplicate resource "a_b" configuration',
    ],
    [
      'for_each over a list',
      { 'main.tf': 'resource "a_b" "c" { for_each = ["x"] }' },
      'Invalid for_each argument',
    ],
    ['a negative count', { 'main.tf': 'resource "a_b" "c" { count = -1 }' }, 'Invalid count argument'],
    [
      'a count known only after apply',
      { 'main.tf': 'resource "a_b" "x" {}\nresource "a_b" "c" { count = length(a_b.x.list) }' },
      'Invalid count argument',
    ],
    [
      'for_each keys known only after apply',
      { 'main.tf': 'resource "a_b" "x" { count = 2 }\nresource "a_b" "c" { for_each = toset(a_b.x[*].id) }' },
      'Invalid for_each argument',
    ],
    [
      'each outside for_each',
      { 'main.tf': 'resource "a_b" "c" { name = each.key }' },
      'Reference to "each" in context without for_each',
    ],
    [
      'an unexpected module argument',
      { 'main.tf': 'module "m" {\n source = "./m"\n nope = 1\n}', 'm/main.tf': '' },
      'Unsupported argument',
    ],
    [
      'an unknown function',
      { 'main.tf': 'resource "a_b" "c" { x = nosuch(1) }' },
      'Call to unknown function',
    ],
    ['a syntax error', { 'main.tf': 'resource "a_b" "c" {\n  x = \n}' }, 'Invalid expression'],
  ];
  for (const [what, files, summary] of rejected) {
    it(`flags ${what} and plans nothing`, () => {
      const result = plan(files);
      expect(errors(result)).toContain(summary);
      expect(result.resource_changes).toEqual([]);
      const error = result.diagnostics.find((diagnostic) => diagnostic.summary === summary)!;
      if (summary !== 'Unreadable module directory' || error.range)
        expect(error.range?.filename).toMatch(/\.tf$/);
    });
  }
});

describe('staticPlan: modules from the .terraform cache', () => {
  it('records a registry module as unresolved, and loads it when terraform init cached it', () => {
    const main =
      'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\nresource "aws_eip" "e" {}';
    const unresolved = plan({ 'main.tf': main });
    expect(errors(unresolved)).toEqual([]);
    expect(actions(unresolved)).toEqual(['aws_eip.e create']);
    expect(unresolved.undecided.map((entry) => entry.address)).toEqual(['module.vpc']);

    const cached = plan({
      'main.tf': main,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'vpc',
            Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws',
            Dir: '.terraform/modules/vpc',
          },
        ],
      }),
      '.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "this" {}',
    });
    expect(actions(cached)).toEqual(['aws_eip.e create', 'module.vpc.aws_vpc.this create']);
  });
});

describe('summarizeModuleTree', () => {
  it('counts declarations, expansions and providers and scores complexity as documented', async () => {
    const { summarizeModuleTree } = await import('../analysis/module-summary.js');
    const reader = memoryFiles({
      'main.tf': `
terraform {
  required_providers {
    google = { source = "hashicorp/google" }
  }
}
resource "aws_instance" "a" { count = 2 }
data "aws_ami" "x" {}
module "m" {
  source = "./m"
}`,
      'm/main.tf': `
resource "azurerm_resource_group" "g" {
  dynamic "tag" {
    for_each = {}
    content {}
  }
}`,
    });
    const summary = summarizeModuleTree(loadModuleTree('.', reader));
    expect(summary.providers).toEqual([
      'registry.terraform.io/hashicorp/aws',
      'registry.terraform.io/hashicorp/azurerm',
      'registry.terraform.io/hashicorp/google',
    ]);
    expect(
      summary.modules.map((module) => [
        module.path,
        module.resources,
        module.dataSources,
        module.moduleCalls,
        module.expansions,
      ]),
    ).toEqual([
      ['', 1, 1, 1, 1],
      ['module.m', 1, 0, 0, 1],
    ]);
    expect(summary.moduleDepth).toBe(1);
    // 3 resources/data + 3×1 call + 2×2 expansions + floor(nodes/25)=0 + 2×(depth 3−1) + 2×1 module depth
    expect(summary.complexity).toBe(3 + 3 + 4 + 0 + 4 + 2);
    expect(summary.bucket).toBe('moderate');
  });
});

describe('staticPlan: newer language features', () => {
  it('accepts references to ephemeral resources (known to Terraform while planning, not to us)', () => {
    const result = plan({
      'main.tf': `
ephemeral "aws_secretsmanager_secret_version" "db" {
  secret_id = "db-password"
}
resource "aws_db_instance" "d" {
  password_wo = ephemeral.aws_secretsmanager_secret_version.db.secret_string
}`,
    });
    expect(errors(result)).toEqual([]);
    expect(actions(result)).toEqual(['aws_db_instance.d create']);
  });
});
