// Terraform's automatic conversion of function arguments to parameter types (cty's convert package, reduced
// to what the plain-JS value model can tell apart).

import {
  convertToBool,
  convertToNumber,
  convertToString,
  isObjectValue,
  makeObject,
  sortedKeys,
  TerraformSet,
  Unknown,
  type Value,
  type ValueObject,
} from '../eval/value.js';

/** The parameter types the built-ins declare. `list`, `set` and `map` mean "of any single type". */
export type ParameterType =
  | 'any'
  | 'string'
  | 'number'
  | 'bool'
  | 'list'
  | 'list(string)'
  | 'list(number)'
  | 'list(bool)'
  | 'set'
  | 'map'
  | 'map(list(string))';

/** A value that does not conform to a parameter type; the message is cty's mismatch wording. */
export class ConversionProblem extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ConversionProblem';
  }
}

/** Converts an argument to a parameter type. Collection types come back as plain element arrays / objects. */
export function convertArgument(value: Value, type: ParameterType): Value {
  if (value instanceof Unknown || value === null || type === 'any') return value;
  switch (type) {
    case 'string':
      return convertPrimitive(value, 'string');
    case 'number':
      return convertPrimitive(value, 'number');
    case 'bool':
      return convertPrimitive(value, 'bool');
    case 'list':
    case 'set':
      return convertSequence(value, undefined, `${type} of any single type required`);
    case 'list(string)':
      return convertSequence(value, 'string', 'list of string required');
    case 'list(number)':
      return convertSequence(value, 'number', 'list of number required');
    case 'list(bool)':
      return convertSequence(value, 'bool', 'list of bool required');
    case 'map':
      return convertMap(value);
    case 'map(list(string))':
      return convertMapOfStringLists(value);
  }
}

/** The elements of a list, tuple or set; undefined for anything else. */
export function sequenceItems(value: Value): readonly Value[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof TerraformSet) return value.items;
  return undefined;
}

/**
 * Unifies the element types of a collection as cty does for `list(any)`: mixed primitives become strings
 * when a string is among them; number with bool, or primitives with collections, cannot unify.
 */
export function unifyValues(values: readonly Value[]): Value[] | undefined {
  const kinds = new Set<string>();
  for (const value of values) {
    if (value === null || value instanceof Unknown) continue;
    kinds.add(kindOf(value));
  }
  if (kinds.size <= 1) return [...values];
  const primitive = [...kinds].every((kind) => kind === 'string' || kind === 'number' || kind === 'bool');
  if (!primitive) return undefined;
  if (!kinds.has('string')) return undefined;
  return values.map((value) =>
    value === null || value instanceof Unknown ? value : convertPrimitive(value, 'string'),
  );
}

function kindOf(value: Value): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value) || value instanceof TerraformSet) return 'sequence';
  return 'object';
}

function convertPrimitive(value: Value, type: 'string' | 'number' | 'bool'): Value {
  if (value === null || value instanceof Unknown) return value;
  if (type === 'string') {
    const converted = convertToString(value);
    if (converted === undefined) throw new ConversionProblem('string required');
    return converted;
  }
  if (type === 'number') {
    const converted = convertToNumber(value);
    if (converted === undefined) {
      throw new ConversionProblem(typeof value === 'string' ? 'a number is required' : 'number required');
    }
    return converted;
  }
  const converted = convertToBool(value);
  if (converted === undefined) {
    throw new ConversionProblem(typeof value === 'string' ? 'a bool is required' : 'bool required');
  }
  return converted;
}

function convertSequence(
  value: Value,
  elementType: 'string' | 'number' | 'bool' | undefined,
  requirement: string,
): Value {
  const items = sequenceItems(value);
  if (items === undefined) throw new ConversionProblem(requirement);
  if (elementType === undefined) {
    const unified = unifyValues(items);
    if (unified === undefined) throw new ConversionProblem(requirement);
    return unified;
  }
  return items.map((item, index) => {
    try {
      return convertPrimitive(item, elementType);
    } catch (error) {
      if (error instanceof ConversionProblem)
        throw new ConversionProblem(`element ${index}: ${error.message}`);
      throw error;
    }
  });
}

function convertMap(value: Value): ValueObject {
  if (!isObjectValue(value)) throw new ConversionProblem('map of any single type required');
  const keys = sortedKeys(value);
  const unified = unifyValues(keys.map((key) => value[key] as Value));
  if (unified === undefined) throw new ConversionProblem('map of any single type required');
  return makeObject(keys.map((key, index) => [key, unified[index] as Value]));
}

function convertMapOfStringLists(value: Value): ValueObject {
  if (!isObjectValue(value)) throw new ConversionProblem('map of list of string required');
  return makeObject(
    sortedKeys(value).map((key) => {
      const element = value[key] as Value;
      if (element === null || element instanceof Unknown) return [key, element];
      try {
        return [key, convertSequence(element, 'string', 'list of string required')];
      } catch (error) {
        if (error instanceof ConversionProblem)
          throw new ConversionProblem(`element ${JSON.stringify(key)}: ${error.message}`);
        throw error;
      }
    }),
  );
}
