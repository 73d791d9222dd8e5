// Type conversion built-ins: tobool tolist tomap tonumber toset tostring, and the sensitivity functions
// (nonsensitive sensitive issensitive ephemeralasnull), which pass values through because the value
// model does not track sensitivity or ephemerality.

import {
  convertToNumber,
  isObjectValue,
  isWhollyKnown,
  makeObject,
  numberToString,
  sortedKeys,
  TerraformSet,
  typeName,
  UNKNOWN,
  Unknown,
  type Value,
} from '../eval/value.js';
import { sequenceItems, unifyValues } from './convert-argument.js';
import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem } from './function-call-error.js';

const conversion = (name: string, convert: (value: Value) => Value): TerraformFunction =>
  defineFunction({
    name,
    parameters: [{ name: 'v', type: 'any', allowNull: true }],
    implementation: ([value]) => (value === null ? null : convert(value as Value)),
  });

const passThrough = (name: string, parameter: string): TerraformFunction =>
  defineFunction({
    name,
    parameters: [{ name: parameter, type: 'any', allowNull: true, allowUnknown: true }],
    implementation: ([value]) => value as Value,
  });

function toList(value: Value): Value[] {
  const items = sequenceItems(value);
  const unified = items && unifyValues(items);
  if (!unified) throw argumentProblem(0, `cannot convert ${typeName(value)} to list of any single type`);
  return unified;
}

/** The conversion built-ins. */
export const CONVERSION_FUNCTIONS: TerraformFunction[] = [
  conversion('tobool', (value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      if (value === 'true' || value === 'false') return value === 'true';
      throw argumentProblem(
        0,
        `cannot convert ${JSON.stringify(value)} to bool; only the strings "true" or "false" are allowed`,
      );
    }
    throw argumentProblem(0, `cannot convert ${typeName(value)} to bool`);
  }),
  conversion('tolist', toList),
  conversion('tomap', (value) => {
    if (!isObjectValue(value))
      throw argumentProblem(0, `cannot convert ${typeName(value)} to map of any single type`);
    const keys = sortedKeys(value);
    const unified = unifyValues(keys.map((key) => value[key] as Value));
    if (!unified) throw argumentProblem(0, 'cannot convert object to map of any single type');
    return makeObject(keys.map((key, index) => [key, unified[index] as Value]));
  }),
  conversion('tonumber', (value) => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      const converted = convertToNumber(value);
      if (typeof converted === 'number') return converted;
      throw argumentProblem(
        0,
        `cannot convert ${JSON.stringify(value)} to number; given string must be a decimal representation of a number`,
      );
    }
    throw argumentProblem(0, `cannot convert ${typeName(value)} to number`);
  }),
  conversion('toset', (value) => {
    const items = toList(value);
    // A set with unknown members has unknown size and order; cty keeps them, this model cannot.
    if (!items.every(isWhollyKnown)) return UNKNOWN;
    return TerraformSet.of(items);
  }),
  conversion('tostring', (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return numberToString(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    throw argumentProblem(0, `cannot convert ${typeName(value)} to string`);
  }),
  passThrough('sensitive', 'value'),
  passThrough('nonsensitive', 'value'),
  passThrough('ephemeralasnull', 'value'),
  defineFunction({
    name: 'issensitive',
    parameters: [{ name: 'value', type: 'any', allowNull: true, allowUnknown: true }],
    implementation: ([value]) => (value instanceof Unknown ? UNKNOWN : false),
  }),
];
