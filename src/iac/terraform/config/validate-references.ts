// The reference checks `terraform validate` makes before any planning: every var/local/module/
// resource/data reference names something declared, and each/count appear only where they exist.
// They apply to every block, including resources that end up with no instances.

import type { Body, Diagnostic, Expression } from '../hcl/ast.js';
import type { LoadedModule, UnresolvedModule } from './load-module-tree.js';
import { literalString, resourceKey } from './module-config.js';
import { expressionReferences, type Reference } from './references.js';

interface Context {
  count: boolean;
  each: boolean;
  /** Names bound by dynamic block iterators. */
  bound: ReadonlySet<string>;
}

const BUILTIN_ROOTS = new Set(['path', 'terraform', 'self', 'ephemeral']);
const NO_META: Context = { count: false, each: false, bound: new Set() };

/** Describes a module for messages: "the root module" or "module.a.module.b". */
export function describeModule(path: string[]): string {
  return path.length === 0 ? 'the root module' : path.map((name) => `module.${name}`).join('.');
}

/** Reference diagnostics for one loaded module. */
export function validateReferences(module: LoadedModule): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const declarations = module.declarations;
  const where = describeModule(module.path);
  const check = (expression: Expression | undefined, context: Context) => {
    if (!expression) return;
    for (const reference of expressionReferences(expression)) {
      if (context.bound.has(reference.root)) continue;
      const problem = checkReference(reference, context);
      if (problem) diagnostics.push({ severity: 'error', ...problem, range: reference.range });
    }
  };
  const checkBody = (body: Body, context: Context) => {
    for (const attribute of body.attributes) check(attribute.expression, context);
    for (const block of body.blocks) {
      if (block.type !== 'dynamic') {
        checkBody(block.body, context);
        continue;
      }
      const forEach = block.body.attributes.find((attribute) => attribute.name === 'for_each');
      check(forEach?.expression, context);
      const iteratorAttribute = block.body.attributes.find((attribute) => attribute.name === 'iterator');
      const iterator =
        (iteratorAttribute &&
          (iteratorAttribute.expression.type === 'variable'
            ? iteratorAttribute.expression.name
            : literalString(iteratorAttribute.expression))) ||
        block.labels[0] ||
        '';
      const inner: Context = { ...context, bound: new Set([...context.bound, iterator]) };
      for (const attribute of block.body.attributes) {
        if (attribute.name !== 'for_each' && attribute.name !== 'iterator')
          check(attribute.expression, inner);
      }
      for (const content of block.body.blocks) checkBody(content.body, inner);
    }
  };

  const checkReference = (
    reference: Reference,
    context: Context,
  ): Omit<Diagnostic, 'severity'> | undefined => {
    const [first, second] = reference.names;
    switch (reference.root) {
      case 'var':
        if (first === undefined)
          return invalidReference(
            'The "var" object cannot be accessed directly. Instead, access one of its attributes.',
          );
        if (declarations.variables.has(first)) return undefined;
        return {
          summary: 'Reference to undeclared input variable',
          detail: `An input variable with the name "${first}" has not been declared. This variable can be declared with a variable "${first}" {} block.`,
        };
      case 'local':
        if (first === undefined)
          return invalidReference(
            'The "local" object cannot be accessed directly. Instead, access one of its attributes.',
          );
        if (declarations.locals.has(first)) return undefined;
        return {
          summary: 'Reference to undeclared local value',
          detail: `A local value with the name "${first}" has not been declared.`,
        };
      case 'module': {
        if (first === undefined)
          return invalidReference(
            'The "module" object cannot be accessed directly. Instead, access one of its attributes.',
          );
        if (!declarations.moduleCalls.has(first))
          return {
            summary: 'Reference to undeclared module',
            detail: `No module call named "${first}" is declared in ${where}.`,
          };
        const child = module.children.get(first);
        if (
          second !== undefined &&
          child &&
          !isUnresolved(child) &&
          !child.declarations.outputs.has(second)
        ) {
          const call = declarations.moduleCalls.get(first)!;
          if (!call.count && !call.forEach)
            return {
              summary: 'Unsupported attribute',
              detail: `This object does not have an attribute named "${second}".`,
            };
        }
        return undefined;
      }
      case 'data':
        if (first === undefined || second === undefined)
          return invalidReference(
            'The "data" object must be followed by two attribute names: the data source type and the resource name.',
          );
        if (declarations.resources.has(resourceKey('data', first, second))) return undefined;
        return {
          summary: 'Reference to undeclared resource',
          detail: `A data resource "${first}" "${second}" has not been declared in ${where}.`,
        };
      case 'each':
        if (context.each) return undefined;
        return {
          summary: 'Reference to "each" in context without for_each',
          detail:
            'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.',
        };
      case 'count':
        if (context.count) return undefined;
        return {
          summary: 'Reference to "count" in non-counted context',
          detail:
            'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.',
        };
      default:
        if (BUILTIN_ROOTS.has(reference.root)) return undefined;
        if (first === undefined)
          return invalidReference(
            'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.',
          );
        if (declarations.resources.has(resourceKey('managed', reference.root, first))) return undefined;
        return {
          summary: 'Reference to undeclared resource',
          detail: `A managed resource "${reference.root}" "${first}" has not been declared in ${where}.`,
        };
    }
  };

  for (const variable of declarations.variables.values()) {
    for (const validation of variable.validations) {
      check(validation.condition, NO_META);
      check(validation.errorMessage, NO_META);
    }
  }
  for (const local of declarations.locals.values()) check(local.expression, NO_META);
  for (const output of declarations.outputs.values()) {
    check(output.expression, NO_META);
    for (const dependency of output.dependsOn) check(dependency, NO_META);
  }
  for (const resource of declarations.resources.values()) {
    check(resource.count?.expression, NO_META);
    check(resource.forEach?.expression, NO_META);
    const context: Context = {
      count: resource.count !== undefined,
      each: resource.forEach !== undefined,
      bound: new Set(),
    };
    checkBody(resource.body, context);
    for (const dependency of resource.dependsOn) check(dependency, NO_META);
  }
  for (const call of declarations.moduleCalls.values()) {
    check(call.count?.expression, NO_META);
    check(call.forEach?.expression, NO_META);
    const context: Context = {
      count: call.count !== undefined,
      each: call.forEach !== undefined,
      bound: new Set(),
    };
    for (const argument of call.arguments) check(argument.expression, context);
    for (const dependency of call.dependsOn) check(dependency, NO_META);
    // The call's arguments are the child's input variables: no others, and every required one.
    const child = module.children.get(call.name);
    if (!child || isUnresolved(child)) continue;
    const given = new Set(call.arguments.map((argument) => argument.name));
    for (const argument of call.arguments) {
      if (child.declarations.variables.has(argument.name)) continue;
      diagnostics.push({
        severity: 'error',
        summary: 'Unsupported argument',
        detail: `An argument named "${argument.name}" is not expected here.`,
        range: argument.nameRange,
      });
    }
    for (const variable of child.declarations.variables.values()) {
      if (variable.default !== undefined || given.has(variable.name)) continue;
      diagnostics.push({
        severity: 'error',
        summary: 'Missing required argument',
        detail: `The argument "${variable.name}" is required, but no definition was found.`,
        range: call.declarationRange,
      });
    }
  }
  return diagnostics;
}

function invalidReference(detail: string): Omit<Diagnostic, 'severity'> {
  return { summary: 'Invalid reference', detail };
}

function isUnresolved(module: LoadedModule | UnresolvedModule): module is UnresolvedModule {
  return 'unresolved' in module;
}
