// What a module tree holds and how hard it is to plan: providers used, counts of declarations and
// expansions, expression size, nesting depth, and one complexity score with buckets for strata.
//
// Complexity score (documented so that reports can be read and reproduced):
//   score = resources + data sources
//         + 3 × module calls                    (each call is a scope and often an expansion)
//         + 2 × expansions                      (count, for_each and dynamic blocks)
//         + expression nodes / 25, rounded down (how much there is to evaluate)
//         + 2 × (deepest block nesting − 1)
//         + 2 × module depth                    (levels of module calls below the root)
//   bucket: simple ≤ 10 < moderate ≤ 40 < complex

import type { ModuleTree } from '../config/load-module-tree.js';
import type { Body, Expression, TemplatePart } from '../hcl/ast.js';
import { providerSourceAddress, resourceProviderName } from '../plan/provider-address.js';

export type ComplexityBucket = 'simple' | 'moderate' | 'complex';

export interface ModuleSummary {
  /** Module call path from the root ('' for the root). */
  path: string;
  directory: string;
  files: number;
  resources: number;
  dataSources: number;
  moduleCalls: number;
  variables: number;
  outputs: number;
  locals: number;
  /** count, for_each (resources and module calls) and dynamic blocks. */
  expansions: number;
  expressionNodes: number;
  maxBlockDepth: number;
  providers: string[];
}

export interface TreeSummary {
  modules: ModuleSummary[];
  /** Provider addresses, from resource types and required_providers, sorted. */
  providers: string[];
  unresolvedModules: number;
  moduleDepth: number;
  complexity: number;
  bucket: ComplexityBucket;
}

/** Summarize a loaded module tree. */
export function summarizeModuleTree(tree: ModuleTree): TreeSummary {
  const modules = tree.modules.map((module): ModuleSummary => {
    const declarations = module.declarations;
    const providers = new Set<string>();
    for (const requirement of declarations.requiredProviders.values()) {
      providers.add(providerSourceAddress(requirement.source ?? requirement.localName));
    }
    let resources = 0;
    let dataSources = 0;
    let expansions = 0;
    for (const resource of declarations.resources.values()) {
      if (resource.mode === 'managed') resources++;
      else dataSources++;
      if (resource.count || resource.forEach) expansions++;
      providers.add(resourceProviderName(declarations, resource));
    }
    for (const call of declarations.moduleCalls.values()) if (call.count || call.forEach) expansions++;
    let expressionNodes = 0;
    let maxBlockDepth = 0;
    for (const file of module.files) {
      const walked = walkBody(file.body, 0);
      expressionNodes += walked.expressions;
      expansions += walked.dynamicBlocks;
      maxBlockDepth = Math.max(maxBlockDepth, walked.depth);
    }
    return {
      path: module.path.map((name) => `module.${name}`).join('.'),
      directory: module.directory,
      files: module.files.length,
      resources,
      dataSources,
      moduleCalls: declarations.moduleCalls.size,
      variables: declarations.variables.size,
      outputs: declarations.outputs.size,
      locals: declarations.locals.size,
      expansions,
      expressionNodes,
      maxBlockDepth,
      providers: [...providers].sort(),
    };
  });
  const sum = (pick: (module: ModuleSummary) => number) =>
    modules.reduce((total, module) => total + pick(module), 0);
  const moduleDepth = Math.max(0, ...tree.modules.map((module) => module.path.length));
  const maxBlockDepth = Math.max(1, ...modules.map((module) => module.maxBlockDepth));
  const complexity =
    sum((module) => module.resources + module.dataSources) +
    3 * sum((module) => module.moduleCalls) +
    2 * sum((module) => module.expansions) +
    Math.floor(sum((module) => module.expressionNodes) / 25) +
    2 * (maxBlockDepth - 1) +
    2 * moduleDepth;
  return {
    modules,
    providers: [...new Set(modules.flatMap((module) => module.providers))].sort(),
    unresolvedModules: tree.unresolved.length,
    moduleDepth,
    complexity,
    bucket: complexityBucket(complexity),
  };
}

/** The bucket of a complexity score. */
export function complexityBucket(score: number): ComplexityBucket {
  return score <= 10 ? 'simple' : score <= 40 ? 'moderate' : 'complex';
}

/** The short provider name of an address (registry.terraform.io/hashicorp/aws → aws), for strata. */
export function providerShortName(address: string): string {
  return address.split('/').at(-1) ?? address;
}

function walkBody(body: Body, depth: number): { expressions: number; depth: number; dynamicBlocks: number } {
  let expressions = 0;
  let deepest = depth;
  let dynamicBlocks = 0;
  for (const attribute of body.attributes) expressions += countNodes(attribute.expression);
  for (const block of body.blocks) {
    if (block.type === 'dynamic') dynamicBlocks++;
    const inner = walkBody(block.body, depth + 1);
    expressions += inner.expressions;
    deepest = Math.max(deepest, inner.depth);
    dynamicBlocks += inner.dynamicBlocks;
  }
  return { expressions, depth: deepest, dynamicBlocks };
}

function countNodes(expression: Expression): number {
  switch (expression.type) {
    case 'literal':
    case 'variable':
      return 1;
    case 'template':
      return 1 + countParts(expression.parts);
    case 'get-attr':
      return 1 + countNodes(expression.object);
    case 'index':
      return 1 + countNodes(expression.collection) + countNodes(expression.key);
    case 'splat':
      return 1 + countNodes(expression.source) + expression.steps.length;
    case 'call':
      return 1 + expression.args.reduce((total, argument) => total + countNodes(argument), 0);
    case 'conditional':
      return (
        1 +
        countNodes(expression.condition) +
        countNodes(expression.trueResult) +
        countNodes(expression.falseResult)
      );
    case 'binary':
      return 1 + countNodes(expression.left) + countNodes(expression.right);
    case 'unary':
      return 1 + countNodes(expression.operand);
    case 'tuple':
      return 1 + expression.items.reduce((total, item) => total + countNodes(item), 0);
    case 'object':
      return (
        1 + expression.items.reduce((total, item) => total + countNodes(item.key) + countNodes(item.value), 0)
      );
    case 'for':
      return (
        1 +
        countNodes(expression.collection) +
        countNodes(expression.valueExpression) +
        (expression.keyExpression ? countNodes(expression.keyExpression) : 0) +
        (expression.condition ? countNodes(expression.condition) : 0)
      );
    case 'parentheses':
      return countNodes(expression.expression);
  }
}

function countParts(parts: TemplatePart[]): number {
  let total = 0;
  for (const part of parts) {
    if (part.type === 'interpolation') total += countNodes(part.expression);
    else if (part.type === 'if')
      total += countNodes(part.condition) + countParts(part.then) + countParts(part.else);
    else if (part.type === 'for') total += countNodes(part.collection) + countParts(part.body);
  }
  return total;
}
