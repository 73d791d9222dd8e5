import { describe, expect, it } from 'vitest';
import { makeObject, TerraformSet, UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);
const object = (entries: Record<string, Value>): Value => makeObject(Object.entries(entries));

describe('conversion functions (documentation examples)', () => {
  it.each([
    ['tobool', [true], true],
    ['tobool', ['true'], true],
    ['tobool', [null], null],
    ['tolist', [['a', 'b', 'c']], ['a', 'b', 'c']],
    ['tolist', [['a', 'b', 3]], ['a', 'b', '3']],
    ['tomap', [object({ a: 1, b: 2 })], object({ a: 1, b: 2 })],
    ['tomap', [object({ a: 'foo', b: true })], object({ a: 'foo', b: 'true' })],
    ['tonumber', [1], 1],
    ['tonumber', ['1'], 1],
    ['tonumber', [null], null],
    ['toset', [['a', 'b', 'c']], TerraformSet.of(['a', 'b', 'c'])],
    ['toset', [['a', 'b', 3]], TerraformSet.of(['3', 'a', 'b'])],
    ['toset', [['c', 'b', 'b']], TerraformSet.of(['b', 'c'])],
    ['tostring', ['hello'], 'hello'],
    ['tostring', [1], '1'],
    ['tostring', [true], 'true'],
    ['tostring', [null], null],
    ['tolist', [TerraformSet.of(['b', 'a'])], ['a', 'b']],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  it.each([
    [
      ['tobool', 'no'],
      'Invalid value for "v" parameter: cannot convert "no" to bool; only the strings "true" or "false" are allowed.',
    ],
    [['tobool', 1], 'cannot convert number to bool'],
    [
      ['tonumber', 'no'],
      'cannot convert "no" to number; given string must be a decimal representation of a number',
    ],
    [['tostring', []], 'cannot convert tuple to string'],
    [['tolist', [1, true]], 'cannot convert tuple to list of any single type'],
    [['tomap', ['a']], 'cannot convert tuple to map of any single type'],
  ] as [Value[], string][])('%j fails', ([name, ...args], message) => {
    expect(() => call(name as string, ...args)).toThrow(message);
  });

  it('passes values through the sensitivity functions', () => {
    const value = object({ password: 'x' });
    expect(call('sensitive', value)).toBe(value);
    expect(call('nonsensitive', value)).toBe(value);
    expect(call('ephemeralasnull', value)).toBe(value);
    expect(call('issensitive', value)).toBe(false);
    expect(call('sensitive', UNKNOWN)).toBe(UNKNOWN);
  });

  it('keeps unknown elements in lists but not in sets', () => {
    expect(call('tostring', UNKNOWN)).toBe(UNKNOWN);
    expect(call('tolist', [UNKNOWN, 'a'])).toEqual([UNKNOWN, 'a']);
    expect(call('toset', [UNKNOWN, 'a'])).toBe(UNKNOWN);
  });
});
