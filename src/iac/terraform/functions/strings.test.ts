import fc from 'fast-check';
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

describe('string functions (documentation examples)', () => {
  it.each([
    ['chomp', ['hello\n'], 'hello'],
    ['chomp', ['hello\r\n'], 'hello'],
    ['chomp', ['hello\n\n'], 'hello'],
    ['endswith', ['hello world', 'world'], true],
    ['endswith', ['hello world', 'hello'], false],
    ['format', ['Hello, %s!', 'Ander'], 'Hello, Ander!'],
    ['format', ['There are %d lights', 4], 'There are 4 lights'],
    ['indent', [2, '[\n  foo,\n  bar,\n]\n'], '[\n    foo,\n    bar,\n  ]\n  '],
    ['join', ['-', ['foo', 'bar', 'baz']], 'foo-bar-baz'],
    ['join', [', ', ['foo']], 'foo'],
    ['lower', ['HELLO'], 'hello'],
    ['lower', ['АЛЛО!'], 'алло!'],
    ['regex', ['[a-z]+', '53453453.345345aaabbbccc23454'], 'aaabbbccc'],
    ['replace', ['1 + 2 + 3', '+', '-'], '1 - 2 - 3'],
    ['replace', ['hello world', '/w.*d/', 'everybody'], 'hello everybody'],
    ['startswith', ['hello world', 'hello'], true],
    ['startswith', ['hello world', 'world'], false],
    ['strcontains', ['hello world', 'wor'], true],
    ['strcontains', ['hello world', 'wod'], false],
    ['strrev', ['hello'], 'olleh'],
    ['strrev', ['a ☃'], '☃ a'],
    ['substr', ['hello world', 1, 4], 'ello'],
    ['substr', ['🤔🤷', 0, 1], '🤔'],
    ['substr', ['hello world', -5, -1], 'world'],
    ['substr', ['hello world', 6, 10], 'world'],
    ['title', ['hello world'], 'Hello World'],
    ['trim', ['?!hello?!', '!?'], 'hello'],
    ['trim', ['foobar', 'far'], 'oob'],
    ['trim', ['   hello! world.!  ', '! '], 'hello! world.'],
    ['trimprefix', ['helloworld', 'hello'], 'world'],
    ['trimprefix', ['helloworld', 'cat'], 'helloworld'],
    ['trimsuffix', ['helloworld', 'world'], 'hello'],
    ['trimspace', ['  hello\n\n'], 'hello'],
    ['upper', ['hello'], 'HELLO'],
    ['upper', ['алло!'], 'АЛЛО!'],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  it('returns lists and objects from split, regex and regexall', () => {
    expect(call('split', ',', 'foo')).toEqual(['foo']);
    expect(call('split', ',', 'foo,bar,baz,')).toEqual(['foo', 'bar', 'baz', '']);
    expect(call('split', ',', '')).toEqual(['']);
    expect(call('regex', '(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)', '2019-02-01')).toEqual(['2019', '02', '01']);
    expect(
      call('regex', '^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?', 'https://terraform.io/docs/'),
    ).toEqual(
      makeObject([
        ['authority', 'terraform.io'],
        ['scheme', 'https'],
      ]),
    );
    expect(call('regexall', '[a-z]+', '1234abcd5678efgh9')).toEqual(['abcd', 'efgh']);
    expect(call('regexall', '[a-z]+', '123456789')).toEqual([]);
    expect(call('regex', '(a)|(b)', 'b')).toEqual([null, 'b']);
    expect(call('formatlist', 'Hello, %s!', ['Valentina', 'Ander', 'Olivia', 'Sam'])).toEqual([
      'Hello, Valentina!',
      'Hello, Ander!',
      'Hello, Olivia!',
      'Hello, Sam!',
    ]);
    expect(call('formatlist', '%s, %s!', 'Salutations', ['Valentina', 'Ander'])).toEqual([
      'Salutations, Valentina!',
      'Salutations, Ander!',
    ]);
  });
});

describe('format verbs', () => {
  it.each([
    ['%#v', ['hello'], '"hello"'],
    ['%#v', [true], 'true'],
    ['%#v', [1], '1'],
    ['%#v', [makeObject([['a', 1]])], '{"a":1}'],
    ['%#v', [[true]], '[true]'],
    ['%#v', [null], 'null'],
    ['%v', [1000000], '1e+06'],
    ['%v', [123456], '123456'],
    ['%v', [[1, 'a']], '[1,"a"]'],
    ['%q', ['<b>'], '"\\u003cb\\u003e"'],
    ['%t', ['true'], 'true'],
    ['%5s|%-5s|', ['a', 'b'], '    a|b    |'],
    ['%.3s', ['abcdef'], 'abc'],
    ['%05d|%+d|% d|%x|%X|%o|%b|%#x', [42, 5, 5, 255, 255, 8, 5, 255], '00042|+5| 5|ff|FF|10|101|0xff'],
    [
      '%.2f|%8.3f|%e|%E|%g',
      [3.14259, 2.5, 123456, 0.000123, 0.00001234],
      '3.14|   2.500|1.234560e+05|1.230000E-04|1.234e-05',
    ],
    ['%.1f %.1f %.0f %.0f', [0.25, 0.35, 0.5, 1.5], '0.2 0.3 0 2'],
    ['%[2]s %[1]s %s', ['a', 'b'], 'b a b'],
    ['100%%', [], '100%'],
    ['%s', [1.5], '1.5'],
    ['%d', ['12'], '12'],
  ] as [string, Value[], string][])('format(%j, %j) = %j', (format, args, expected) => {
    expect(call('format', format, ...args)).toBe(expected);
  });

  it('fails with cty wording', () => {
    expect(() => call('format', '%s')).toThrow(
      'Call to function "format" failed: not enough arguments for "%s" at 0: need index 1 but have 0 total.',
    );
    expect(() => call('format', '%d', 1.5)).toThrow(
      'unsupported value for "%d" at 0: an integer is required',
    );
    expect(() => call('format', '%z', 1)).toThrow(`unsupported format verb 'z' in "%z" at offset 0`);
    expect(() => call('format', '%s', null)).toThrow('null value cannot be formatted');
    expect(() => call('format', '%s', [1])).toThrow('string required');
    expect(() => call('formatlist', '%s %s', ['a'], ['b', 'c'])).toThrow(
      'argument 2 has length 2, which is inconsistent with argument 1 of length 1',
    );
  });

  it('agrees with Number.toFixed away from exact ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (integer, places) => {
        const value = integer / 997;
        expect(call('format', `%.${places}f`, value)).toBe(value.toFixed(places));
      }),
    );
  });
});

describe('string conversion and unknowns', () => {
  it('converts numbers and bools for string parameters', () => {
    expect(call('join', '-', [1, true])).toBe('1-true');
    expect(call('upper', 5)).toBe('5');
    expect(call('join', '-', TerraformSet.of(['b', 'a']))).toBe('a-b');
  });

  it('rejects collections and nulls for string parameters', () => {
    expect(() => call('upper', ['x'])).toThrow('Invalid value for "str" parameter: string required.');
    expect(() => call('upper', null)).toThrow(
      'Invalid value for "str" parameter: argument must not be null.',
    );
    expect(() => call('join', ',', ['a', null])).toThrow('element 1 is null; cannot concatenate null values');
  });

  it('propagates unknowns, keeping known formatlist elements', () => {
    expect(call('upper', UNKNOWN)).toBe(UNKNOWN);
    expect(call('join', '-', ['a', UNKNOWN])).toBe(UNKNOWN);
    expect(call('format', '%s-%s', 'a', UNKNOWN)).toBe(UNKNOWN);
    expect(call('formatlist', '%s!', ['a', UNKNOWN])).toEqual(['a!', UNKNOWN]);
    expect(call('regex', UNKNOWN, 'x')).toBe(UNKNOWN);
  });

  it('uses regex capture references in replace', () => {
    expect(call('replace', 'hello world', '/(\\w+) (\\w+)/', '$2 $1')).toBe('world hello');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's replacement syntax, not a JS template
    expect(call('replace', 'a-b', '/(?P<x>\\w)-(?P<y>\\w)/', '${y}${x}')).toBe('ba');
    expect(call('replace', 'abc', '', '-')).toBe('-a-b-c-');
    expect(() => call('regex', '(', 'x')).toThrow(
      'Invalid value for "pattern" parameter: invalid regexp pattern: missing closing )',
    );
    expect(() => call('regex', '(?P<a>x)(y)', 'xy')).toThrow(
      'cannot mix both named and unnamed capture groups',
    );
  });
});

describe('string properties', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });

  it('strrev is an involution and length counts graphemes', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(call('strrev', call('strrev', value))).toBe(value);
        expect(call('length', value)).toBe(
          [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)].length,
        );
      }),
    );
  });

  it('a regex replace of a quoted literal equals a plain replace', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (value, search, replacement) => {
          fc.pre(!search.includes('\\E') && !replacement.includes('$') && !search.startsWith('/'));
          expect(call('replace', value, `/\\Q${search}\\E/`, replacement)).toBe(
            call('replace', value, search, replacement),
          );
        },
      ),
    );
  });

  it('split then join restores the string', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 2 }),
        (value, separator) => {
          expect(call('join', separator, call('split', separator, value))).toBe(value);
        },
      ),
    );
  });
});
