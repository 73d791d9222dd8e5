import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { makeObject, TerraformSet, toJsonValue, UNKNOWN, type Value, valuesEqual } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);
const object = (entries: Record<string, Value>): Value => makeObject(Object.entries(entries));

describe('encoding functions (documentation examples)', () => {
  it.each([
    ['base64decode', ['SGVsbG8gV29ybGQ='], 'Hello World'],
    ['base64encode', ['Hello World'], 'SGVsbG8gV29ybGQ='],
    ['base64gzip', ['test'], 'H4sIAAAAAAAA/ypJLS4BAAAA//8BAAD//wx+f9gEAAAA'],
    ['jsonencode', [object({ hello: 'world' })], '{"hello":"world"}'],
    ['jsondecode', ['true'], true],
    ['textencodebase64', ['Hello World', 'UTF-16LE'], 'SABlAGwAbABvACAAVwBvAHIAbABkAA=='],
    ['textdecodebase64', ['SABlAGwAbABvACAAVwBvAHIAbABkAA==', 'UTF-16LE'], 'Hello World'],
    ['textencodebase64', ["abc123!?$*&()'-=@~", 'CP936'], 'YWJjMTIzIT8kKiYoKSctPUB+'],
    ['urlencode', ['Hello World!'], 'Hello+World%21'],
    ['urlencode', ['☃'], '%E2%98%83'],
    ['urlencode', ['foo:bar@localhost?foo=bar&bar=baz'], 'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz'],
    ['yamldecode', ['true'], true],
    ['yamlencode', [object({ a: 'b', c: 'd' })], '"a": "b"\n"c": "d"\n'],
    ['yamlencode', [object({ foo: [1, 2, 3], bar: 'baz' })], '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n'],
    [
      'yamlencode',
      [object({ foo: [1, object({ a: 'b', c: 'd' }), 3], bar: 'baz' })],
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    ],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  it('decodes documents into objects and tuples', () => {
    expect(call('jsondecode', '{"hello": "world"}')).toEqual(object({ hello: 'world' }));
    expect(call('yamldecode', 'hello: world')).toEqual(object({ hello: 'world' }));
    expect(call('yamldecode', '{a: &foo [1, 2, 3], b: *foo}')).toEqual(
      object({ a: [1, 2, 3], b: [1, 2, 3] }),
    );
    expect(call('csvdecode', 'a,b,c\n1,2,3\n4,5,6')).toEqual([
      object({ a: '1', b: '2', c: '3' }),
      object({ a: '4', b: '5', c: '6' }),
    ]);
  });
});

describe('jsonencode matches Go encoding/json', () => {
  it('sorts keys, escapes HTML characters and prints numbers without exponents', () => {
    expect(call('jsonencode', object({ b: 1e21, a: '<&>', c: [1.5, null, true], d: 1e-7 }))).toBe(
      '{"a":"\\u003c\\u0026\\u003e","b":1000000000000000000000,"c":[1.5,null,true],"d":0.0000001}',
    );
    expect(call('jsonencode', 'tab\t\u0001\u2028')).toBe('"tab\\t\\u0001\\u2028"');
    expect(call('jsonencode', TerraformSet.of(['b', 'a']))).toBe('["a","b"]');
    expect(call('jsonencode', null)).toBe('null');
  });

  it('is unknown when any part of the value is unknown', () => {
    expect(call('jsonencode', object({ a: [UNKNOWN] }))).toBe(UNKNOWN);
    expect(call('yamlencode', [UNKNOWN])).toBe(UNKNOWN);
    expect(call('jsondecode', UNKNOWN)).toBe(UNKNOWN);
  });

  it('reports Go-style syntax errors and duplicate keys', () => {
    expect(() => call('jsondecode', '{x}')).toThrow(
      "invalid character 'x' looking for beginning of object key string",
    );
    expect(() => call('jsondecode', '[1,]')).toThrow("invalid character ']' looking for beginning of value");
    expect(() => call('jsondecode', '{"a":1}x')).toThrow("invalid character 'x' after top-level value");
    expect(() => call('jsondecode', '')).toThrow('unexpected end of JSON input');
    expect(() => call('jsondecode', '{"a":1,"a":2}')).toThrow('duplicate "a" property in JSON object');
  });

  const jsonValue = fc.letrec<{ value: Value }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .map((number) => (Object.is(number, -0) ? 0 : number)),
      fc.string({ unit: 'grapheme' }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc
        .dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 4 })
        .map((record) => makeObject(Object.entries(record))),
    ),
  })).value;

  it('jsondecode(jsonencode(x)) == x and agrees with JSON.parse', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const encoded = call('jsonencode', value) as string;
        expect(valuesEqual(call('jsondecode', encoded), value)).toBe(true);
        expect(JSON.parse(encoded)).toEqual(toJsonValue(value));
      }),
    );
  });

  it('yamlencode output parses back to the same value (with the yaml package and with yamldecode)', () => {
    const yamlString = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc
        .array(fc.constantFrom('a', ' ', '\n', '\t', '"', '\\', '#', ':', '-', '\r', 'é', '😀', "'"), {
          maxLength: 12,
        })
        .map((parts) => parts.join('')),
      fc.string({ minLength: 70, maxLength: 200 }),
    );
    const yamlValue = fc.letrec<{ value: Value }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc
          .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
          .map((number) => (Object.is(number, -0) ? 0 : number)),
        yamlString,
        fc.array(tie('value'), { maxLength: 4 }),
        fc
          .dictionary(yamlString, tie('value'), { maxKeys: 4 })
          .map((record) => makeObject(Object.entries(record))),
      ),
    })).value;
    fc.assert(
      fc.property(yamlValue, (value) => {
        const encoded = call('yamlencode', value) as string;
        expect(parseYaml(encoded)).toEqual(toJsonValue(value));
        expect(valuesEqual(call('yamldecode', encoded), value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('yamlencode matches go-cty-yaml', () => {
  it.each([
    [true, 'true\n...\n'],
    [null, 'null\n...\n'],
    [0, '0\n...\n'],
    ['', '""\n'],
    ['hello', '"hello"\n'],
    [[], '[]\n'],
    [makeObject(), '{}\n'],
    ['multi\nline\n', '|\n  multi\n  line\n'],
    ['multi\nline', '|-\n  multi\n  line\n'],
    ['keep\n\n', '|+\n  keep\n\n'],
    [' lead\nx', '|2-\n   lead\n  x\n'],
    ['trailing \nspace', '"trailing \\nspace"\n'],
    ['emoji 😀', '"emoji \\U0001F600"\n'],
    [object({ x: 'a\nb', y: [], z: makeObject() }), '"x": |-\n  a\n  b\n"y": []\n"z": {}\n'],
    [[[1, 2], [3]], '- - 1\n  - 2\n- - 3\n'],
    [object({ 'a\nb': 1 }), '? |-\n  a\n  b\n: 1\n'],
  ] as [Value, string][])('yamlencode(%j)', (value, expected) => {
    expect(call('yamlencode', value)).toBe(expected);
  });

  it('folds long double-quoted strings at column 80 like libyaml', () => {
    const long = 'word '.repeat(30).trim();
    const encoded = call('yamlencode', object({ key: long })) as string;
    expect(encoded.split('\n').length).toBeGreaterThan(2);
    expect(parseYaml(encoded)).toEqual({ key: long });
  });
});

describe('yamldecode follows go-cty-yaml scalar resolution', () => {
  it('resolves YAML 1.1 scalars', () => {
    expect(
      call('yamldecode', 'a: yes\nb: 0x1F\nc: 1_000\nd: 2001-12-14\ne: ~\nf: "true"\ng: 0b101\nh: Off'),
    ).toEqual(
      object({ a: true, b: '0x1F', c: 1000, d: '2001-12-14T00:00:00Z', e: null, f: 'true', g: 5, h: false }),
    );
    expect(call('yamldecode', '')).toBe(null);
  });

  it('rejects what Terraform rejects', () => {
    expect(() => call('yamldecode', 'a: 1\n---\nb: 2')).toThrow('unexpected extra content after value');
    expect(() => call('yamldecode', '{a: !not-supported foo}')).toThrow('unsupported tag "!not-supported"');
    expect(() => call('yamldecode', 'a: .nan')).toThrow('floating point NaN is not supported');
  });
});

describe('base64, gzip, csv and character sets', () => {
  it('gzips in Go framing and round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const encoded = call('base64gzip', text) as string;
        expect(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')).toBe(text);
        expect(call('base64decode', call('base64encode', text))).toBe(text);
      }),
    );
  });

  it('rejects bad base64 and non-UTF-8 results without echoing the input', () => {
    expect(() => call('base64decode', 'dfg')).toThrow('failed to decode base64 data');
    expect(() => call('base64decode', 'secretvalue!')).not.toThrow(/secretvalue/);
    expect(() => call('base64decode', 'whee')).toThrow(
      'the result of decoding the provided string is not valid UTF-8',
    );
    expect(call('base64decode', 'SGVs\nbG8=')).toBe('Hello');
  });

  it('decodes quoted and multi-line CSV fields and reports Go errors', () => {
    expect(call('csvdecode', 'a,"b ""x"""\r\n"multi\nline",2\n\n')).toEqual([
      object({ a: 'multi\nline', 'b "x"': '2' }),
    ]);
    expect(call('csvdecode', 'a,b\n')).toEqual([]);
    expect(() => call('csvdecode', 'a,b\n1')).toThrow('CSV parse error on line 2: wrong number of fields');
    expect(() => call('csvdecode', 'a,b\n1,x"y')).toThrow(
      'CSV parse error on line 2: bare " in non-quoted-field',
    );
    expect(() => call('csvdecode', '')).toThrow('missing header line');
  });

  it('handles IANA character sets', () => {
    expect(call('textencodebase64', 'é', 'ISO-8859-1')).toBe('6Q==');
    expect(call('textdecodebase64', 'grGC8YLJgr+CzQ==', 'Shift_JIS')).toBe('こんにちは');
    expect(() => call('textencodebase64', 'x', 'NOT-EXISTS')).toThrow(
      '"NOT-EXISTS" is not a supported IANA encoding name or alias in this Terraform version',
    );
    expect(() => call('textencodebase64', 'é', 'US-ASCII')).toThrow('cannot be represented in US-ASCII');
    expect(() => call('textdecodebase64', '<invalid base64>', 'UTF-8')).toThrow(
      'the given value is has an invalid base64 symbol at offset 0',
    );
  });
});
