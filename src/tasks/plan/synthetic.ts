import { loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import { staticPlan } from '../../iac/terraform/plan/static-plan.js';
import type { AddressCategory } from './error-analysis.js';
import { memoryFiles } from './memory-files.js';
import { normalizeTarget } from './prompt.js';
import type { PlanInput, PlanTarget } from './types.js';

// Synthetic edge cases for the plan task: small modules built from templates (count = 0, for_each
// over maps and sets, nested and expanded modules, conditionals, dynamic blocks, deferred data reads),
// labelled by the static planner. Deterministic for a seed.

export interface SyntheticExample {
  template: string;
  input: PlanInput;
  target: PlanTarget;
}

type Random = () => number;

/** mulberry32: a small, fast, seedable generator (deterministic across platforms). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'web',
  'api',
  'logs',
  'data',
  'cache',
  'queue',
  'worker',
  'edge',
  'audit',
  'backup',
  'metrics',
  'auth',
];
const RESOURCES: [string, string][] = [
  ['aws_s3_bucket', 'bucket'],
  ['aws_iam_role', 'name'],
  ['aws_sqs_queue', 'name'],
  ['google_storage_bucket', 'name'],
  ['azurerm_resource_group', 'name'],
  ['aws_security_group', 'name'],
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const integer = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const names = (random: Random, count: number) => {
  const pool = [...NAMES];
  const out: string[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
};

/** A template: the categories it exercises and a generator of module files. */
interface Template {
  name: string;
  categories: AddressCategory[];
  files(random: Random): Record<string, string>;
}

export const TEMPLATES: Template[] = [
  {
    name: 'count-conditional',
    categories: ['count_index', 'plain'],
    files(random) {
      const [type, attribute] = pick(random, RESOURCES);
      const enabled = random() < 0.5;
      const count = integer(random, 1, 4);
      return {
        'main.tf': `variable "enabled" {\n  type    = bool\n  default = ${enabled}\n}\n\nresource "${type}" "this" {\n  count = var.enabled ? ${count} : 0\n  ${attribute} = "item-\${count.index}"\n}\n`,
      };
    },
  },
  {
    name: 'for-each-map',
    categories: ['for_each_key'],
    files(random) {
      const [type, attribute] = pick(random, RESOURCES);
      const keys = names(random, integer(random, 1, 4));
      const entries = keys.map((key) => `    ${key} = "${key}-${integer(random, 1, 99)}"`).join('\n');
      return {
        'main.tf': `locals {\n  items = {\n${entries}\n  }\n}\n\nresource "${type}" "each" {\n  for_each = local.items\n  ${attribute} = each.value\n}\n`,
      };
    },
  },
  {
    name: 'for-each-set',
    categories: ['for_each_key'],
    files(random) {
      const [type, attribute] = pick(random, RESOURCES);
      const keys = names(random, integer(random, 1, 4));
      const list = [...keys, ...(random() < 0.5 ? [keys[0]!] : [])].map((key) => `"${key}"`).join(', ');
      return {
        'main.tf': `variable "names" {\n  type    = list(string)\n  default = [${list}]\n}\n\nresource "${type}" "named" {\n  for_each = toset(var.names)\n  ${attribute} = "\${each.key}-x"\n}\n`,
      };
    },
  },
  {
    name: 'nested-modules',
    categories: ['nested_module', 'module_count', 'module_for_each', 'count_index'],
    files(random) {
      const [type, attribute] = pick(random, RESOURCES);
      const outer = integer(random, 1, 3);
      const keys = names(random, integer(random, 1, 3))
        .map((key) => `"${key}"`)
        .join(', ');
      return {
        'main.tf': `module "stack" {\n  source = "./modules/stack"\n  count  = ${outer}\n  prefix = "s\${count.index}"\n}\n`,
        'modules/stack/main.tf': `variable "prefix" {\n  type = string\n}\n\nmodule "unit" {\n  source   = "../unit"\n  for_each = toset([${keys}])\n  name     = "\${var.prefix}-\${each.key}"\n}\n`,
        'modules/unit/main.tf': `variable "name" {\n  type = string\n}\n\nresource "${type}" "this" {\n  ${attribute} = var.name\n}\n`,
      };
    },
  },
  {
    name: 'module-for-each-map',
    categories: ['module_for_each', 'count_index'],
    files(random) {
      const [type, attribute] = pick(random, RESOURCES);
      const keys = names(random, integer(random, 1, 3));
      const entries = keys.map((key) => `    ${key} = ${integer(random, 0, 3)}`).join('\n');
      return {
        'main.tf': `locals {\n  sizes = {\n${entries}\n  }\n}\n\nmodule "group" {\n  source   = "./group"\n  for_each = local.sizes\n  size     = each.value\n}\n`,
        'group/main.tf': `variable "size" {\n  type = number\n}\n\nresource "${type}" "member" {\n  count = var.size\n  ${attribute} = "m\${count.index}"\n}\n`,
      };
    },
  },
  {
    name: 'dynamic-blocks',
    categories: ['plain'],
    files(random) {
      const ports = Array.from({ length: integer(random, 0, 3) }, () => integer(random, 20, 9000));
      return {
        'main.tf': `variable "ports" {\n  type    = list(number)\n  default = [${ports.join(', ')}]\n}\n\nresource "aws_security_group" "sg" {\n  name = "sg"\n\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value\n      to_port   = ingress.value\n      protocol  = "tcp"\n    }\n  }\n}\n`,
      };
    },
  },
  {
    name: 'data-read',
    categories: ['data_read', 'plain'],
    files(random) {
      const deferred = random() < 0.6;
      return {
        'main.tf': `resource "aws_instance" "app" {\n  ami           = "ami-0123456789"\n  instance_type = "t3.micro"\n}\n\ndata "aws_instance" "app" {\n  instance_id = ${deferred ? 'aws_instance.app.id' : '"i-0abc"'}\n}\n`,
      };
    },
  },
];

/** Label a module's files with the static planner (throws when it cannot plan them exactly). */
export function labelWithStaticPlanner(files: Record<string, string>): PlanTarget {
  const reader = memoryFiles(files);
  const result = staticPlan(loadModuleTree('.', reader), { files: reader });
  const problem = result.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (problem) throw new Error(`synthetic module does not plan: ${problem.summary}: ${problem.detail}`);
  if (result.undecided.length > 0)
    throw new Error(`synthetic module is not decidable: ${result.undecided[0]!.reason}`);
  return normalizeTarget({
    resource_changes: result.resource_changes.map((change) => ({
      address: change.address,
      actions: change.change.actions,
    })),
  });
}

/**
 * `count` synthetic examples. With `weights` (per category, e.g. missed rates from an error analysis)
 * templates are drawn in proportion to how much of what they exercise was missed.
 */
export function generateSynthetic(
  count: number,
  seed: number,
  weights?: Partial<Record<AddressCategory, number>>,
): SyntheticExample[] {
  const random = seededRandom(seed);
  const templateWeights = TEMPLATES.map((template) =>
    weights ? template.categories.reduce((sum, category) => sum + (weights[category] ?? 0), 0) : 1,
  );
  const total = templateWeights.reduce((sum, weight) => sum + weight, 0);
  const examples: SyntheticExample[] = [];
  for (let index = 0; index < count; index++) {
    let draw = random() * (total > 0 ? total : TEMPLATES.length);
    let chosen = TEMPLATES[TEMPLATES.length - 1]!;
    for (const [position, template] of TEMPLATES.entries()) {
      draw -= total > 0 ? templateWeights[position]! : 1;
      if (draw < 0) {
        chosen = template;
        break;
      }
    }
    const files = chosen.files(random);
    examples.push({
      template: chosen.name,
      input: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
      target: labelWithStaticPlanner(files),
    });
  }
  return examples;
}
