// The references an expression makes (`var.x`, `local.y`, `module.m.out`, `aws_s3_bucket.b`,
// `data.t.n`, `each.key`, `count.index`, ...), found without evaluating it. Names bound by `for`
// expressions and template `for` directives are not references.

import type { Expression, Range, TemplatePart } from '../hcl/ast.js';

export interface Reference {
  /** The root name: var, local, module, data, each, count, self, path, terraform, or a resource type. */
  root: string;
  /** The attribute names that follow the root (as far as they are static), e.g. ['x'] for var.x. */
  names: string[];
  range: Range;
}

/** Every reference in an expression, in source order. */
export function expressionReferences(expression: Expression): Reference[] {
  const found: Reference[] = [];
  walk(expression, new Set(), found);
  return found;
}

function walk(expression: Expression, bound: ReadonlySet<string>, found: Reference[]): void {
  switch (expression.type) {
    case 'literal':
      return;
    case 'variable':
    case 'get-attr':
    case 'index': {
      // Collect the static attribute chain down to the root; index keys are expressions of their own.
      const names: string[] = [];
      let node: Expression = expression;
      while (node.type === 'get-attr' || node.type === 'index') {
        if (node.type === 'get-attr') names.unshift(node.name);
        else {
          walk(node.key, bound, found);
          // `a[0].b` keeps only `a` as static; the chain after an index is per element.
          names.length = 0;
        }
        node = node.type === 'get-attr' ? node.object : node.collection;
      }
      if (node.type === 'variable') {
        if (!bound.has(node.name)) found.push({ root: node.name, names, range: expression.range });
      } else {
        walk(node, bound, found);
      }
      return;
    }
    case 'splat':
      walk(expression.source, bound, found);
      walkSplatSteps(expression.steps, bound, found);
      return;
    case 'call':
      for (const argument of expression.args) walk(argument, bound, found);
      return;
    case 'conditional':
      walk(expression.condition, bound, found);
      walk(expression.trueResult, bound, found);
      walk(expression.falseResult, bound, found);
      return;
    case 'binary':
      walk(expression.left, bound, found);
      walk(expression.right, bound, found);
      return;
    case 'unary':
      walk(expression.operand, bound, found);
      return;
    case 'parentheses':
      walk(expression.expression, bound, found);
      return;
    case 'tuple':
      for (const item of expression.items) walk(item, bound, found);
      return;
    case 'object':
      for (const item of expression.items) {
        walk(item.key, bound, found);
        walk(item.value, bound, found);
      }
      return;
    case 'template':
      walkParts(expression.parts, bound, found);
      return;
    case 'for': {
      walk(expression.collection, bound, found);
      const inner = new Set(bound);
      inner.add(expression.valueVariable);
      if (expression.keyVariable) inner.add(expression.keyVariable);
      if (expression.keyExpression) walk(expression.keyExpression, inner, found);
      walk(expression.valueExpression, inner, found);
      if (expression.condition) walk(expression.condition, inner, found);
      return;
    }
  }
}

function walkSplatSteps(
  steps: Extract<Expression, { type: 'splat' }>['steps'],
  bound: ReadonlySet<string>,
  found: Reference[],
): void {
  for (const step of steps) {
    if (step.type === 'index') walk(step.key, bound, found);
    else if (step.type === 'splat') walkSplatSteps(step.steps, bound, found);
  }
}

function walkParts(parts: TemplatePart[], bound: ReadonlySet<string>, found: Reference[]): void {
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        break;
      case 'interpolation':
        walk(part.expression, bound, found);
        break;
      case 'if':
        walk(part.condition, bound, found);
        walkParts(part.then, bound, found);
        walkParts(part.else, bound, found);
        break;
      case 'for': {
        walk(part.collection, bound, found);
        const inner = new Set(bound);
        inner.add(part.valueVariable);
        if (part.keyVariable) inner.add(part.keyVariable);
        walkParts(part.body, inner, found);
        break;
      }
    }
  }
}
