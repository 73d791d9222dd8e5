import { describe, expect, test } from 'vitest';
import {
  makeObject,
  STATIC_UNKNOWN,
  TerraformSet,
  UNKNOWN,
  type Value,
} from '../../../terraform/eval/value.js';
import {
  ABSENT,
  combine,
  expectBool,
  expectNonEmptyString,
  expectOneOf,
  forbidOneOf,
  readBlocks,
  readBool,
  readNumber,
  readString,
  readStrings,
  UNREADABLE,
} from './rule-support.js';

const values = makeObject([
  ['flag', true],
  ['text_flag', 'FALSE'],
  ['name', 'TLS1_2'],
  ['count', '42'],
  ['numbers', [1, 'two']],
  ['set', TerraformSet.of(['b', 'a'])],
  ['partly_unknown', ['a', UNKNOWN]],
  ['later', UNKNOWN],
  ['static', STATIC_UNKNOWN],
  ['nothing', null],
  ['object', makeObject([['inner', 'x']])],
  ['blocks', [makeObject([['enabled', false]])]],
]);

describe('readers keep absent, unreadable and known apart', () => {
  test('readBool', () => {
    expect(readBool(values, ['flag'])).toBe(true);
    expect(readBool(values, ['text_flag'])).toBe(false);
    expect(readBool(values, ['missing'])).toBe(ABSENT);
    expect(readBool(values, ['nothing'])).toBe(ABSENT);
    expect(readBool(values, ['later'])).toBe(UNREADABLE);
    expect(readBool(values, ['name'])).toBe(UNREADABLE);
  });

  test('readString and readNumber', () => {
    expect(readString(values, ['name'])).toBe('TLS1_2');
    expect(readString(values, ['flag'])).toBe('true');
    expect(readString(values, ['object'])).toBe(UNREADABLE);
    expect(readNumber(values, ['count'])).toBe(42);
    expect(readNumber(values, ['name'])).toBe(UNREADABLE);
  });

  test('readStrings reads lists and sets, and refuses partly unknown lists', () => {
    expect(readStrings(values, ['numbers'])).toEqual(['1', 'two']);
    expect(readStrings(values, ['set'])).toEqual(['a', 'b']);
    expect(readStrings(values, ['name'])).toEqual(['TLS1_2']);
    expect(readStrings(values, ['partly_unknown'])).toBe(UNREADABLE);
    expect(readStrings(values, ['missing'])).toBe(ABSENT);
  });

  test('readBlocks', () => {
    expect(readBlocks(values, ['blocks'])).toHaveLength(1);
    expect(readBlocks(values, ['missing'])).toEqual([]);
    expect(readBlocks(values, ['static'])).toBe(UNREADABLE);
  });
});

describe('result builders', () => {
  const status = (value: Value, build: (input: Value) => { status: string }) => build(value).status;

  test('expectBool judges absence as told and never fails an unknown', () => {
    expect(expectBool(values, ['flag'], true, 'fail', 'm').status).toBe('pass');
    expect(expectBool(values, ['missing'], true, 'fail', 'm').status).toBe('fail');
    expect(expectBool(values, ['missing'], true, 'pass', 'm').status).toBe('pass');
    expect(expectBool(values, ['later'], true, 'fail', 'm').status).toBe('unknown');
    expect(expectBool(values, ['blocks', 0, 'enabled'], true, 'pass', 'm')).toEqual({
      status: 'fail',
      attribute: ['blocks', 0, 'enabled'],
      message: 'm',
    });
  });

  test('expectOneOf and forbidOneOf', () => {
    expect(expectOneOf(values, ['name'], ['tls1_2'], 'fail', 'm', { ignoreCase: true }).status).toBe('pass');
    expect(expectOneOf(values, ['name'], ['tls1_2'], 'fail', 'm').status).toBe('fail');
    expect(forbidOneOf(values, ['name'], ['TLS1_2'], 'm').status).toBe('fail');
    expect(forbidOneOf(values, ['missing'], ['TLS1_2'], 'm').status).toBe('pass');
    expect(forbidOneOf(values, ['static'], ['TLS1_2'], 'm').status).toBe('unknown');
  });

  test('expectNonEmptyString: apply-time values are set, plan-time unknowns are unknown', () => {
    expect(status(values, (input) => expectNonEmptyString(input, ['later'], 'm'))).toBe('pass');
    expect(status(values, (input) => expectNonEmptyString(input, ['static'], 'm'))).toBe('unknown');
    expect(status(values, (input) => expectNonEmptyString(input, ['missing'], 'm'))).toBe('fail');
  });

  test('combine: a failure wins over unknown, unknown over pass', () => {
    const failed = { status: 'fail' as const, message: 'x' };
    expect(combine([{ status: 'pass' }, { status: 'unknown' }, failed])).toBe(failed);
    expect(combine([{ status: 'pass' }, { status: 'unknown' }]).status).toBe('unknown');
    expect(combine([{ status: 'pass' }]).status).toBe('pass');
  });
});
