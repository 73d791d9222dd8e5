// Collection built-ins: alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct
// element flatten index keys length lookup matchkeys merge one range reverse setintersection setproduct
// setsubtract setunion slice sort sum transpose values zipmap.

import {
  isObjectValue,
  isWhollyKnown,
  makeObject,
  sortedKeys,
  TerraformSet,
  typeName,
  UNKNOWN,
  Unknown,
  type Value,
  type ValueObject,
  valueKey,
  valuesEqual,
} from '../eval/value.js';
import { sequenceItems, unifyValues } from './convert-argument.js';
import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { shortestDecimal } from './go-number-format.js';
import { graphemeCount } from './grapheme.js';
import { isWholeNumber, WHOLE_NUMBER_MESSAGE } from './whole-number.js';

/** Go's sort.Strings order: by UTF-8 bytes, i.e. by code point. */
export function compareCodePoints(left: string, right: string): number {
  const leftPoints = Array.from(left, (character) => character.codePointAt(0) as number);
  const rightPoints = Array.from(right, (character) => character.codePointAt(0) as number);
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let index = 0; index < length; index++) {
    const difference = (leftPoints[index] as number) - (rightPoints[index] as number);
    if (difference !== 0) return difference;
  }
  return leftPoints.length - rightPoints.length;
}

/** Decimal places of a number's shortest form (0.25 → 2). */
function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const decimal = shortestDecimal(value);
  return Math.max(decimal.digits.length - decimal.exponent, 0);
}

/** Removes binary floating-point noise the 512-bit arithmetic Terraform uses would not have. */
function roundToPlaces(value: number, places: number): number {
  if (!Number.isFinite(value) || places > 20) return value;
  return Number(value.toFixed(places));
}

function requireIndex(value: number, prefix: string): number {
  if (!isWholeNumber(value)) throw callProblem(`${prefix}${WHOLE_NUMBER_MESSAGE}`);
  return value;
}

/** An unknown whose type hint says it is a primitive, so flatten() may keep it as an element. */
function isPrimitiveUnknown(value: Unknown): boolean {
  return value.typeHint === 'string' || value.typeHint === 'number' || value.typeHint === 'bool';
}

function flattenInto(items: readonly Value[], out: Value[]): boolean {
  for (const item of items) {
    if (item instanceof Unknown) {
      if (!isPrimitiveUnknown(item)) return false;
      out.push(item);
      continue;
    }
    const nested = sequenceItems(item);
    if (nested === undefined) out.push(item);
    else if (!flattenInto(nested, out)) return false;
  }
  return true;
}

function setOperation(
  name: string,
  parameters: { first: string; rest: string; variadic: boolean },
  combine: (sets: Value[][]) => Value[],
): TerraformFunction {
  return defineFunction({
    name,
    parameters: parameters.variadic
      ? [{ name: parameters.first, type: 'set' }]
      : [
          { name: parameters.first, type: 'set' },
          { name: parameters.rest, type: 'set' },
        ],
    ...(parameters.variadic ? { variadic: { name: parameters.rest, type: 'set' as const } } : {}),
    implementation: (args) => {
      const sets = args as Value[][];
      // Unknown elements make set membership unknowable (cty would keep them as unknown members).
      if (!sets.every((set) => set.every(isWhollyKnown))) return UNKNOWN;
      const unified = unifyValues(sets.flat());
      if (unified === undefined) throw callProblem('given sets must all have compatible element types');
      let offset = 0;
      const converted = sets.map((set) => {
        const slice = unified.slice(offset, offset + set.length);
        offset += set.length;
        return slice;
      });
      return TerraformSet.of(combine(converted));
    },
  });
}

const keyed = (values: readonly Value[]): Set<string> => new Set(values.map(valueKey));

/** The collection built-ins. */
export const COLLECTION_FUNCTIONS: TerraformFunction[] = [
  defineFunction({
    name: 'alltrue',
    parameters: [{ name: 'list', type: 'list(bool)' }],
    implementation: ([list]) => {
      for (const item of list as Value[]) {
        if (item instanceof Unknown) return UNKNOWN;
        if (item !== true) return false;
      }
      return true;
    },
  }),
  defineFunction({
    name: 'anytrue',
    parameters: [{ name: 'list', type: 'list(bool)' }],
    implementation: ([list]) => {
      let anyUnknown = false;
      for (const item of list as Value[]) {
        if (item instanceof Unknown) anyUnknown = true;
        else if (item === true) return true;
      }
      return anyUnknown ? UNKNOWN : false;
    },
  }),
  defineFunction({
    name: 'chunklist',
    parameters: [
      { name: 'list', type: 'list' },
      { name: 'size', type: 'number' },
    ],
    implementation: ([list, size]) => {
      const items = list as Value[];
      if (items.length === 0) return [];
      const chunkSize = requireIndex(size as number, 'invalid index: ');
      if (chunkSize < 0) throw callProblem('the size argument must be positive');
      if (chunkSize === 0) return [items];
      const chunks: Value[] = [];
      for (let start = 0; start < items.length; start += chunkSize)
        chunks.push(items.slice(start, start + chunkSize));
      return chunks;
    },
  }),
  defineFunction({
    name: 'coalesce',
    parameters: [],
    variadic: { name: 'vals', type: 'any', allowNull: true, allowUnknown: true },
    implementation: (args) => {
      const unified = unifyValues(args);
      if (unified === undefined) throw callProblem('all arguments must have the same type');
      const isString = args.some((arg) => typeof arg === 'string');
      for (const arg of unified) {
        if (arg instanceof Unknown) return UNKNOWN;
        if (arg === null || (isString && arg === '')) continue;
        return arg;
      }
      throw callProblem('no non-null, non-empty-string arguments');
    },
  }),
  defineFunction({
    name: 'coalescelist',
    parameters: [],
    variadic: { name: 'vals', type: 'any', allowNull: true, allowUnknown: true },
    implementation: (args) => {
      if (args.length === 0) throw callProblem('at least one argument is required');
      for (const arg of args) {
        if (arg instanceof Unknown) break;
        if (arg !== null && !Array.isArray(arg))
          throw callProblem('coalescelist arguments must be lists or tuples');
      }
      for (const arg of args) {
        if (arg instanceof Unknown) return UNKNOWN;
        if (Array.isArray(arg) && arg.length > 0) return arg;
      }
      throw callProblem('no non-null arguments');
    },
  }),
  defineFunction({
    name: 'compact',
    parameters: [{ name: 'list', type: 'list(string)' }],
    implementation: ([list]) => {
      const items = list as Value[];
      if (!items.every(isWhollyKnown)) return UNKNOWN;
      return items.filter((item) => item !== null && item !== '');
    },
  }),
  defineFunction({
    name: 'concat',
    parameters: [],
    variadic: { name: 'seqs', type: 'any' },
    implementation: (args) => {
      if (args.length === 0) throw callProblem('at least one argument is required');
      return args.flatMap((arg, index) => {
        if (!Array.isArray(arg))
          throw argumentProblem(index, `all arguments must be lists or tuples; got ${typeName(arg)}`);
        return arg as Value[];
      });
    },
  }),
  defineFunction({
    name: 'contains',
    parameters: [
      { name: 'list', type: 'any' },
      { name: 'value', type: 'any' },
    ],
    implementation: ([list, value]) => {
      const items = sequenceItems(list as Value);
      if (items === undefined) throw callProblem('argument must be list, tuple, or set');
      if (items.length === 0) return false;
      if (!isWhollyKnown(value as Value)) return UNKNOWN;
      let anyUnknown = false;
      for (const item of items) {
        if (!isWhollyKnown(item)) anyUnknown = true;
        else if (valuesEqual(item, value as Value)) return true;
      }
      return anyUnknown ? UNKNOWN : false;
    },
  }),
  defineFunction({
    name: 'distinct',
    parameters: [{ name: 'list', type: 'list' }],
    implementation: ([list]) => {
      const items = list as Value[];
      if (!items.every(isWhollyKnown)) return UNKNOWN;
      const seen = new Set<string>();
      return items.filter((item) => {
        const key = valueKey(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  }),
  defineFunction({
    name: 'element',
    parameters: [
      { name: 'list', type: 'any' },
      { name: 'index', type: 'number' },
    ],
    implementation: ([list, index]) => {
      const position = requireIndex(index as number, 'invalid index: ');
      if (!Array.isArray(list)) throw callProblem(`cannot read elements from ${typeName(list as Value)}`);
      const items = list as Value[];
      if (items.length === 0) throw callProblem('cannot use element function with an empty list');
      // Current Terraform wraps negative indexes too: -1 is the last element.
      return items[((position % items.length) + items.length) % items.length] as Value;
    },
  }),
  defineFunction({
    name: 'flatten',
    parameters: [{ name: 'list', type: 'any' }],
    implementation: ([list]) => {
      const items = sequenceItems(list as Value);
      if (items === undefined) throw callProblem('can only flatten lists, sets and tuples');
      const out: Value[] = [];
      return flattenInto(items, out) ? out : UNKNOWN;
    },
  }),
  defineFunction({
    name: 'index',
    parameters: [
      { name: 'list', type: 'any' },
      { name: 'value', type: 'any' },
    ],
    implementation: ([list, value]) => {
      if (!Array.isArray(list)) throw callProblem('argument must be a list or tuple');
      const items = list as Value[];
      if (items.length === 0) throw callProblem('cannot search an empty list');
      for (const [position, item] of items.entries()) {
        if (!isWhollyKnown(item) || !isWhollyKnown(value as Value)) return UNKNOWN;
        if (valuesEqual(item, value as Value)) return position;
      }
      throw callProblem('item not found');
    },
  }),
  defineFunction({
    name: 'keys',
    parameters: [{ name: 'inputMap', type: 'any', allowUnknown: true }],
    implementation: ([map]) => {
      if (map instanceof Unknown) return UNKNOWN;
      if (!isObjectValue(map as Value)) throw argumentProblem(0, 'must have map or object type');
      return sortedKeys(map as ValueObject);
    },
  }),
  defineFunction({
    name: 'length',
    parameters: [{ name: 'value', type: 'any', allowUnknown: true }],
    implementation: ([value]) => {
      if (value instanceof Unknown) return UNKNOWN;
      if (typeof value === 'string') return graphemeCount(value);
      const items = sequenceItems(value as Value);
      if (items !== undefined) return items.length;
      if (isObjectValue(value as Value)) return Object.keys(value as ValueObject).length;
      throw callProblem('argument must be a string, a collection type, or a structural type');
    },
  }),
  defineFunction({
    name: 'lookup',
    parameters: [
      { name: 'inputMap', type: 'any', allowUnknown: true },
      { name: 'key', type: 'string', allowUnknown: true },
    ],
    variadic: { name: 'default', type: 'any', allowNull: true, allowUnknown: true },
    implementation: ([map, key, ...defaults]) => {
      if (defaults.length > 1)
        throw callProblem(`lookup() takes two or three arguments, got ${defaults.length + 2}`);
      if (!(map instanceof Unknown) && !isObjectValue(map as Value)) {
        throw argumentProblem(0, 'lookup() requires a map as the first argument');
      }
      if (map instanceof Unknown || key instanceof Unknown) return UNKNOWN;
      const object = map as ValueObject;
      if ((key as string) in object) return object[key as string] as Value;
      if (defaults.length === 1) return defaults[0] as Value;
      throw argumentProblem(0, `the given object has no attribute ${JSON.stringify(key)}`);
    },
  }),
  defineFunction({
    name: 'matchkeys',
    parameters: [
      { name: 'values', type: 'list' },
      { name: 'keys', type: 'list' },
      { name: 'searchset', type: 'list' },
    ],
    implementation: ([valuesArgument, keysArgument, searchArgument]) => {
      const values = valuesArgument as Value[];
      const keysList = keysArgument as Value[];
      const search = searchArgument as Value[];
      const unified = unifyValues([...keysList, ...search]);
      if (unified === undefined) throw callProblem('keys and searchset must be of the same type');
      if (values.length !== keysList.length) throw callProblem('length of keys and values should be equal');
      if (search.length === 0) return [];
      if (!values.every(isWhollyKnown) || !keysList.every(isWhollyKnown)) return UNKNOWN;
      const convertedKeys = unified.slice(0, keysList.length);
      const convertedSearch = unified.slice(keysList.length);
      const output: Value[] = [];
      for (const [position, key] of convertedKeys.entries()) {
        for (const candidate of convertedSearch) {
          // cty gives up with an empty list as soon as a comparison is unknown.
          if (!isWhollyKnown(candidate)) return [];
          if (valuesEqual(key, candidate)) {
            output.push(values[position] as Value);
            break;
          }
        }
      }
      return output;
    },
  }),
  defineFunction({
    name: 'merge',
    parameters: [],
    variadic: { name: 'maps', type: 'any', allowNull: true },
    implementation: (args) => {
      const entries: [string, Value][] = [];
      let allNull = true;
      for (const arg of args) {
        if (arg === null) continue;
        if (!isObjectValue(arg))
          throw callProblem(`arguments must be maps or objects, got ${JSON.stringify(typeName(arg))}`);
        allNull = false;
        for (const key of sortedKeys(arg)) entries.push([key, arg[key] as Value]);
      }
      return allNull ? null : makeObject(entries);
    },
  }),
  defineFunction({
    name: 'one',
    parameters: [{ name: 'list', type: 'any' }],
    implementation: ([list]) => {
      const items = sequenceItems(list as Value);
      if (items === undefined || items.length > 1) {
        throw argumentProblem(0, 'must be a list, set, or tuple value with either zero or one elements');
      }
      return items.length === 0 ? null : (items[0] as Value);
    },
  }),
  defineFunction({
    name: 'range',
    parameters: [],
    variadic: { name: 'params', type: 'number' },
    implementation: (args) => {
      const numbers = args as number[];
      let start: number;
      let end: number;
      let step: number;
      if (numbers.length === 1) {
        [start, end, step] = [0, numbers[0] as number, (numbers[0] as number) < 0 ? -1 : 1];
      } else if (numbers.length === 2) {
        [start, end] = numbers as [number, number];
        step = end < start ? -1 : 1;
      } else if (numbers.length === 3) {
        [start, end, step] = numbers as [number, number, number];
      } else {
        throw callProblem('must have one, two, or three arguments');
      }
      if (step === 0) throw argumentProblem(2, 'step must not be zero');
      const down = step < 0;
      if (down && end > start) throw argumentProblem(1, 'end must be less than start when step is negative');
      if (!down && end < start)
        throw argumentProblem(1, 'end must be greater than start when step is positive');
      const places = Math.max(decimalPlaces(start), decimalPlaces(step));
      const values: number[] = [];
      for (let index = 0; ; index++) {
        const value = roundToPlaces(start + index * step, places);
        if (down ? value <= end : value >= end) break;
        if (values.length >= 1024) {
          throw callProblem(
            'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
          );
        }
        values.push(value);
      }
      return values;
    },
  }),
  defineFunction({
    name: 'reverse',
    parameters: [{ name: 'list', type: 'any' }],
    implementation: ([list]) => {
      const items = sequenceItems(list as Value);
      if (items === undefined) {
        throw argumentProblem(0, `can only reverse list or tuple values, not ${typeName(list as Value)}`);
      }
      return [...items].reverse();
    },
  }),
  setOperation('setintersection', { first: 'first_set', rest: 'other_sets', variadic: true }, (sets) => {
    const [first = [], ...others] = sets;
    const otherKeys = others.map(keyed);
    return first.filter((item) => otherKeys.every((keys) => keys.has(valueKey(item))));
  }),
  defineFunction({
    name: 'setproduct',
    parameters: [],
    variadic: { name: 'sets', type: 'any' },
    implementation: (args) => {
      if (args.length < 2) throw callProblem('at least two arguments are required');
      let allLists = true;
      const columns = args.map((arg, index) => {
        if (arg instanceof TerraformSet) {
          allLists = false;
          return arg.items;
        }
        if (!Array.isArray(arg)) throw argumentProblem(index, 'a set or a list is required');
        const unified = unifyValues(arg as Value[]);
        if (unified === undefined) throw argumentProblem(index, 'all elements must be of the same type');
        return unified;
      });
      let product: Value[][] = [[]];
      for (const column of columns)
        product = product.flatMap((prefix) => column.map((item) => [...prefix, item]));
      if (allLists) return product;
      if (!product.every((tuple) => tuple.every(isWhollyKnown))) return UNKNOWN;
      return TerraformSet.of(product);
    },
  }),
  setOperation('setsubtract', { first: 'a', rest: 'b', variadic: false }, ([first = [], second = []]) => {
    const remove = keyed(second);
    return first.filter((item) => !remove.has(valueKey(item)));
  }),
  setOperation('setunion', { first: 'first_set', rest: 'other_sets', variadic: true }, (sets) => sets.flat()),
  defineFunction({
    name: 'slice',
    parameters: [
      { name: 'list', type: 'any' },
      { name: 'start_index', type: 'number' },
      { name: 'end_index', type: 'number' },
    ],
    implementation: ([list, startArgument, endArgument]) => {
      if (list instanceof TerraformSet) {
        throw argumentProblem(
          0,
          'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important',
        );
      }
      if (!Array.isArray(list)) throw argumentProblem(0, 'must be a list or tuple value');
      const items = list as Value[];
      const start = startArgument as number;
      const end = endArgument as number;
      if (!isWholeNumber(start)) throw argumentProblem(1, `invalid start index: ${WHOLE_NUMBER_MESSAGE}`);
      if (start < 0) throw argumentProblem(1, 'start index must not be less than zero');
      if (start > items.length)
        throw argumentProblem(1, 'start index must not be greater than the length of the list');
      if (!isWholeNumber(end)) throw argumentProblem(2, `invalid end index: ${WHOLE_NUMBER_MESSAGE}`);
      if (end < 0) throw argumentProblem(2, 'end index must not be less than zero');
      if (end > items.length)
        throw argumentProblem(2, 'end index must not be greater than the length of the list');
      if (start > end) throw argumentProblem(1, 'start index must not be greater than end index');
      return items.slice(start, end);
    },
  }),
  defineFunction({
    name: 'sort',
    parameters: [{ name: 'list', type: 'list(string)' }],
    implementation: ([list]) => {
      const items = list as Value[];
      if (!items.every(isWhollyKnown)) return UNKNOWN;
      items.forEach((item, position) => {
        if (item === null)
          throw callProblem(`given list element ${position} is null; a null string cannot be sorted`);
      });
      return [...(items as string[])].sort(compareCodePoints);
    },
  }),
  defineFunction({
    name: 'sum',
    parameters: [{ name: 'list', type: 'any' }],
    implementation: ([list]) => {
      const items = sequenceItems(list as Value);
      if (items === undefined && !isObjectValue(list as Value))
        throw argumentProblem(0, 'cannot sum noniterable');
      const length = items?.length ?? Object.keys(list as ValueObject).length;
      if (length === 0) throw argumentProblem(0, 'cannot sum an empty list');
      if (items === undefined) {
        throw argumentProblem(0, `argument must be list, set, or tuple. Received ${typeName(list as Value)}`);
      }
      if (!items.every(isWhollyKnown)) return UNKNOWN;
      let total = 0;
      let places = 0;
      let sawPositiveInfinity = false;
      let sawNegativeInfinity = false;
      for (const item of items) {
        const number =
          typeof item === 'string' && /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(item)
            ? Number(item)
            : item;
        if (typeof number !== 'number')
          throw argumentProblem(0, 'argument must be list, set, or tuple of number values');
        if (number === Number.POSITIVE_INFINITY) sawPositiveInfinity = true;
        if (number === Number.NEGATIVE_INFINITY) sawNegativeInfinity = true;
        places = Math.max(places, decimalPlaces(number));
        total += number;
      }
      if (sawPositiveInfinity && sawNegativeInfinity)
        throw callProblem("can't compute sum of opposing infinities");
      return roundToPlaces(total, places);
    },
  }),
  defineFunction({
    name: 'transpose',
    parameters: [{ name: 'values', type: 'map(list(string))' }],
    implementation: ([map]) => {
      const object = map as ValueObject;
      if (!isWhollyKnown(object)) return UNKNOWN;
      const transposed = new Map<string, string[]>();
      for (const key of sortedKeys(object)) {
        const list = object[key];
        if (!Array.isArray(list)) throw callProblem('input must be a map of lists of strings');
        for (const item of list as Value[]) {
          if (typeof item !== 'string') throw callProblem('input must be a map of lists of strings');
          const keysForItem = transposed.get(item) ?? [];
          keysForItem.push(key);
          transposed.set(item, keysForItem);
        }
      }
      return makeObject([...transposed].map(([key, list]) => [key, list.sort(compareCodePoints)]));
    },
  }),
  defineFunction({
    name: 'values',
    parameters: [{ name: 'values', type: 'any' }],
    implementation: ([map]) => {
      if (!isObjectValue(map as Value)) throw callProblem('values() requires a map as the first argument');
      const object = map as ValueObject;
      return sortedKeys(object).map((key) => object[key] as Value);
    },
  }),
  defineFunction({
    name: 'zipmap',
    parameters: [
      { name: 'keys', type: 'list(string)' },
      { name: 'values', type: 'any' },
    ],
    implementation: ([keysArgument, valuesArgument]) => {
      if (!Array.isArray(valuesArgument))
        throw argumentProblem(1, 'values argument must be a list or tuple value');
      const keysList = keysArgument as Value[];
      const valuesList = valuesArgument as Value[];
      if (!keysList.every(isWhollyKnown)) return UNKNOWN;
      if (keysList.length !== valuesList.length) {
        throw callProblem(
          `number of keys (${keysList.length}) does not match number of values (${valuesList.length})`,
        );
      }
      const entries: [string, Value][] = [];
      keysList.forEach((key, position) => {
        if (key === null) throw callProblem(`keys list has null value at index ${position}`);
        entries.push([key as string, valuesList[position] as Value]);
      });
      return makeObject(entries);
    },
  }),
];
