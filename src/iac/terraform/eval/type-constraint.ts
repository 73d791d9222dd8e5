// Variable type constraints (`type = map(object({ a = optional(string, "x") }))`) and the conversion
// Terraform applies to a variable's value: it is what makes `set(string)` usable in for_each and a
// `list(string)` not, and what fills optional object attributes with their defaults.

import type { Expression, Range } from '../hcl/ast.js';
import { type EvaluationScope, evaluate, fail } from './evaluate.js';
import {
  convertToBool,
  convertToNumber,
  convertToString,
  isObjectValue,
  isUnknown,
  makeObject,
  sortedKeys,
  TerraformSet,
  typeName,
  UNKNOWN,
  type Value,
} from './value.js';

export type TypeConstraint =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: TypeConstraint }
  | { kind: 'tuple'; elements: TypeConstraint[] }
  | { kind: 'object'; attributes: Map<string, { type: TypeConstraint; optional: boolean; default?: Value }> };

export const ANY_TYPE: TypeConstraint = { kind: 'any' };

const NO_SCOPE: EvaluationScope = {
  resolve(root, _steps, range) {
    fail('Variables not allowed', `Variables may not be used here (found "${root}").`, range);
  },
  callFunction(name, _args, range) {
    fail('Function calls not allowed', `Functions may not be called here (found "${name}").`, range);
  },
};

/** Parses a type expression; throws EvaluationError with Terraform's wording on an invalid one. */
export function parseTypeConstraint(expression: Expression): TypeConstraint {
  if (expression.type === 'parentheses') return parseTypeConstraint(expression.expression);
  if (expression.type === 'variable') {
    switch (expression.name) {
      case 'any':
        return ANY_TYPE;
      case 'string':
      case 'number':
      case 'bool':
        return { kind: expression.name };
      case 'list':
      case 'set':
      case 'map':
        return { kind: expression.name, element: ANY_TYPE };
    }
    invalid(`The keyword "${expression.name}" is not a valid type specification.`, expression.range);
  }
  // Terraform 0.11 style quoted types are still accepted with a warning.
  if (
    expression.type === 'template' &&
    expression.parts.length === 1 &&
    expression.parts[0]!.type === 'text'
  ) {
    const text = expression.parts[0]!.value;
    if (text === 'string') return { kind: 'string' };
    if (text === 'list') return { kind: 'list', element: { kind: 'string' } };
    if (text === 'map') return { kind: 'map', element: { kind: 'string' } };
  }
  if (expression.type === 'call') {
    const [first] = expression.args;
    switch (expression.name) {
      case 'list':
      case 'set':
      case 'map':
        if (expression.args.length !== 1 || !first)
          invalid(
            `The ${expression.name} type constructor requires one argument specifying the element type.`,
            expression.range,
          );
        return { kind: expression.name, element: parseTypeConstraint(first) };
      case 'tuple':
        if (!first || first.type !== 'tuple')
          invalid(
            'The tuple type constructor requires one argument specifying the element types as a list.',
            expression.range,
          );
        return { kind: 'tuple', elements: first.items.map(parseTypeConstraint) };
      case 'object': {
        if (!first || first.type !== 'object')
          invalid(
            'The object type constructor requires one argument specifying the attribute types as a map.',
            expression.range,
          );
        const attributes = new Map<string, { type: TypeConstraint; optional: boolean; default?: Value }>();
        for (const item of first.items) {
          const key = evaluate(item.key, NO_SCOPE);
          if (typeof key !== 'string')
            invalid('Object constructor map keys must be attribute names.', item.key.range);
          const value = item.value;
          if (value.type === 'call' && value.name === 'optional') {
            if (value.args.length < 1 || value.args.length > 2)
              invalid(
                'Optional attribute modifier requires the attribute type and optionally a default value.',
                value.range,
              );
            const type = parseTypeConstraint(value.args[0]!);
            const fallback = value.args[1]
              ? convertToType(evaluate(value.args[1], NO_SCOPE), type, value.args[1].range)
              : undefined;
            attributes.set(key, {
              type,
              optional: true,
              ...(fallback !== undefined ? { default: fallback } : {}),
            });
          } else {
            attributes.set(key, { type: parseTypeConstraint(value), optional: false });
          }
        }
        return { kind: 'object', attributes };
      }
    }
    invalid(`Keyword "${expression.name}" is not a valid type constructor.`, expression.range);
  }
  invalid(
    'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
    expression.range,
  );
}

function invalid(detail: string, range: Range): never {
  fail('Invalid type specification', detail, range);
}

/** Terraform's rendering of a type, for error messages. */
export function describeType(type: TypeConstraint): string {
  switch (type.kind) {
    case 'any':
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${describeType(type.element)}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
  }
}

/** Converts a value to a type as Terraform does for variables; throws EvaluationError when it cannot. */
export function convertToType(
  value: Value,
  type: TypeConstraint,
  range: Range | undefined,
  path = '',
): Value {
  if (isUnknown(value) || type.kind === 'any') return value;
  if (value === null) return null;
  const mismatch = (expected: string): never =>
    fail(
      'Invalid value for input variable',
      `${path ? `${path}: ` : ''}${expected} required, but have ${typeName(value)}.`,
      range,
    );
  switch (type.kind) {
    case 'string': {
      const converted = convertToString(value);
      return converted === undefined ? mismatch('string') : converted;
    }
    case 'number': {
      const converted = convertToNumber(value);
      return converted === undefined ? mismatch('number') : converted;
    }
    case 'bool': {
      const converted = convertToBool(value);
      return converted === undefined ? mismatch('bool') : converted;
    }
    case 'list':
    case 'set': {
      const items = Array.isArray(value)
        ? value
        : value instanceof TerraformSet
          ? value.items
          : mismatch(describeType(type));
      const converted = items.map((item, index) =>
        convertToType(item, type.element, range, `${path}[${index}]`),
      );
      return type.kind === 'set' ? TerraformSet.of(converted) : converted;
    }
    case 'map': {
      if (!isObjectValue(value)) return mismatch(describeType(type));
      return makeObject(
        sortedKeys(value).map((key) => [
          key,
          convertToType(value[key]!, type.element, range, `${path}["${key}"]`),
        ]),
      );
    }
    case 'tuple': {
      const items = Array.isArray(value)
        ? value
        : value instanceof TerraformSet
          ? value.items
          : mismatch('tuple');
      if (items.length !== type.elements.length) mismatch(`tuple of ${type.elements.length} elements`);
      return items.map((item, index) =>
        convertToType(item, type.elements[index]!, range, `${path}[${index}]`),
      );
    }
    case 'object': {
      if (!isObjectValue(value)) return mismatch('object');
      const entries: [string, Value][] = [];
      for (const [name, attribute] of type.attributes) {
        if (!Object.hasOwn(value, name) || value[name] === null) {
          if (!attribute.optional && !Object.hasOwn(value, name))
            fail(
              'Invalid value for input variable',
              `${path ? `${path}: ` : ''}attribute "${name}" is required.`,
              range,
            );
          entries.push([name, attribute.default ?? null]);
          continue;
        }
        entries.push([
          name,
          convertToType(value[name]!, attribute.type, range, path ? `${path}.${name}` : name),
        ]);
      }
      return makeObject(entries);
    }
  }
}

/** The value a type conversion of an unknown gives: still unknown. */
export const UNKNOWN_OF_TYPE = UNKNOWN;
