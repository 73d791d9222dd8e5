import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { FunctionCallError } from './function-call-error.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);

describe('numeric functions (documentation examples)', () => {
  it.each([
    ['abs', [23], 23],
    ['abs', [0], 0],
    ['abs', [-12.4], 12.4],
    ['ceil', [5], 5],
    ['ceil', [5.1], 6],
    ['floor', [5], 5],
    ['floor', [4.9], 4],
    ['log', [50, 10], 1.6989700043360185],
    ['log', [16, 2], 4],
    ['max', [12, 54, 3], 54],
    ['min', [12, 54, 3], 3],
    ['pow', [3, 2], 9],
    ['pow', [4, 0], 1],
    ['signum', [-13], -1],
    ['signum', [0], 0],
    ['signum', [344], 1],
    ['parseint', ['100', 10], 100],
    ['parseint', ['FF', 16], 255],
    ['parseint', ['-10', 16], -16],
    ['parseint', ['1011111011101111', 2], 48879],
    ['parseint', ['aA', 62], 656],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toBe(expected);
  });
});

describe('numeric argument conversion and errors', () => {
  it('accepts numeric strings for number parameters', () => {
    expect(call('max', '3', 1)).toBe(3);
    expect(call('abs', '-2.5')).toBe(2.5);
  });

  it('rejects non-numeric strings with cty wording', () => {
    expect(() => call('abs', 'x')).toThrow('Invalid value for "num" parameter: a number is required.');
    expect(() => call('abs', true)).toThrow('Invalid value for "num" parameter: number required.');
  });

  it('reports parseint failures against the right parameter', () => {
    expect(() => call('parseint', '12', 2)).toThrow(
      'Invalid value for "number" parameter: cannot parse "12" as a base 2 integer.',
    );
    expect(() => call('parseint', '12', 1)).toThrow(
      'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.',
    );
    expect(() => call('parseint', 12, 10)).toThrow('first argument must be a string, not number');
  });

  it('fails max/min without arguments and signum on fractions, like Terraform', () => {
    expect(() => call('min')).toThrow('Call to function "min" failed: must pass at least one number.');
    expect(() => call('signum', 0.5)).toThrow(FunctionCallError);
  });

  it('propagates unknowns', () => {
    expect(call('abs', UNKNOWN)).toBe(UNKNOWN);
    expect(call('max', 1, UNKNOWN)).toBe(UNKNOWN);
    expect(call('parseint', UNKNOWN, 10)).toBe(UNKNOWN);
    expect(call('parseint', '10', UNKNOWN)).toBe(UNKNOWN);
  });

  it('parseint inverts toString for every base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 2, max: 36 }),
        (value, base) => {
          expect(call('parseint', value.toString(base), base)).toBe(value);
        },
      ),
    );
  });
});
