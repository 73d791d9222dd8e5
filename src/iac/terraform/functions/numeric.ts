// Numeric built-ins: abs ceil floor log max min parseint pow signum.

import { typeName, UNKNOWN, Unknown, type Value } from '../eval/value.js';
import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { requireWholeNumber } from './whole-number.js';

const unaryNumber = (name: string, operation: (value: number) => number): TerraformFunction =>
  defineFunction({
    name,
    parameters: [{ name: 'num', type: 'number' }],
    implementation: ([num]) => finite(operation(num as number)),
  });

/** A cty number cannot be NaN; Terraform would fail the call rather than produce one. */
function finite(value: number): number {
  if (Number.isNaN(value)) throw callProblem('the result is not a number');
  return value;
}

const extreme = (name: string, pick: (values: number[]) => number): TerraformFunction =>
  defineFunction({
    name,
    parameters: [],
    variadic: { name: 'numbers', type: 'number' },
    implementation: (numbers) => {
      if (numbers.length === 0) throw callProblem('must pass at least one number');
      return pick(numbers as number[]);
    },
  });

/** Go's big.Int.SetString(text, base) digit values: 0-9, then a-z (and A-Z for bases up to 36), then A-Z. */
function parseBigInteger(text: string, base: number): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith('+') || rest.startsWith('-')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let value = 0n;
  const bigBase = BigInt(base);
  for (const character of rest) {
    const code = character.charCodeAt(0);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (code >= 97 && code <= 122) digit = code - 97 + 10;
    else if (code >= 65 && code <= 90) digit = base <= 36 ? code - 65 + 10 : code - 65 + 36;
    else return undefined;
    if (digit >= base) return undefined;
    value = value * bigBase + BigInt(digit);
  }
  return negative ? -value : value;
}

/** The numeric built-ins. */
export const NUMERIC_FUNCTIONS: TerraformFunction[] = [
  unaryNumber('abs', Math.abs),
  unaryNumber('ceil', Math.ceil),
  unaryNumber('floor', Math.floor),
  defineFunction({
    name: 'log',
    parameters: [
      { name: 'num', type: 'number' },
      { name: 'base', type: 'number' },
    ],
    implementation: ([num, base]) => finite(Math.log(num as number) / Math.log(base as number)),
  }),
  extreme('max', (numbers) => Math.max(...numbers)),
  extreme('min', (numbers) => Math.min(...numbers)),
  defineFunction({
    name: 'parseint',
    parameters: [
      { name: 'number', type: 'any', allowUnknown: true },
      { name: 'base', type: 'number', allowUnknown: true },
    ],
    implementation: ([number, base]) => {
      if (!(number instanceof Unknown) && typeof number !== 'string') {
        throw argumentProblem(0, `first argument must be a string, not ${typeName(number as Value)}`);
      }
      if (number instanceof Unknown || base instanceof Unknown) return UNKNOWN;
      if (!Number.isInteger(base)) throw argumentProblem(1, 'value must be a whole number');
      const radix = base as number;
      if (radix < 2 || radix > 62)
        throw argumentProblem(1, 'base must be a whole number between 2 and 62 inclusive');
      const parsed = parseBigInteger(number as string, radix);
      if (parsed === undefined)
        throw argumentProblem(0, `cannot parse ${JSON.stringify(number)} as a base ${radix} integer`);
      return Number(parsed);
    },
  }),
  defineFunction({
    name: 'pow',
    parameters: [
      { name: 'num', type: 'number' },
      { name: 'power', type: 'number' },
    ],
    implementation: ([num, power]) => finite((num as number) ** (power as number)),
  }),
  defineFunction({
    name: 'signum',
    parameters: [{ name: 'num', type: 'number' }],
    implementation: ([num]) => Math.sign(requireWholeNumber(num as number)) || 0,
  }),
];
