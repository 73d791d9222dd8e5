import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeObject, TerraformSet, UNKNOWN, Unknown, type Value, valuesEqual } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);
const object = (entries: Record<string, Value>): Value => makeObject(Object.entries(entries));
const set = (...items: Value[]): TerraformSet => TerraformSet.of(items);

describe('collection functions (documentation examples)', () => {
  it.each([
    ['alltrue', [['true', true]], true],
    ['alltrue', [[true, false]], false],
    ['anytrue', [['true']], true],
    ['anytrue', [[true, false]], true],
    ['anytrue', [[]], false],
    ['chunklist', [['a', 'b', 'c', 'd', 'e'], 2], [['a', 'b'], ['c', 'd'], ['e']]],
    ['chunklist', [['a', 'b', 'c', 'd', 'e'], 1], [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['coalesce', ['a', 'b'], 'a'],
    ['coalesce', ['', 'b'], 'b'],
    ['coalesce', [1, 2], 1],
    [
      'coalescelist',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      ['a', 'b'],
    ],
    ['coalescelist', [[], ['c', 'd']], ['c', 'd']],
    ['compact', [['a', '', 'b', null, 'c']], ['a', 'b', 'c']],
    [
      'concat',
      [
        ['a', ''],
        ['b', 'c'],
      ],
      ['a', '', 'b', 'c'],
    ],
    ['contains', [['a', 'b', 'c'], 'a'], true],
    ['contains', [['a', 'b', 'c'], 'd'], false],
    ['distinct', [['a', 'b', 'a', 'c', 'd', 'b']], ['a', 'b', 'c', 'd']],
    ['element', [['a', 'b', 'c'], 1], 'b'],
    ['element', [['a', 'b', 'c'], 3], 'a'],
    ['element', [['a', 'b', 'c'], -1], 'c'],
    ['element', [['a', 'b', 'c'], -4], 'c'],
    ['flatten', [[['a', 'b'], [], ['c']]], ['a', 'b', 'c']],
    ['flatten', [[[['a', 'b'], []], ['c']]], ['a', 'b', 'c']],
    ['index', [['a', 'b', 'c'], 'b'], 1],
    ['keys', [object({ a: 1, c: 2, d: 3 })], ['a', 'c', 'd']],
    ['length', [[]], 0],
    ['length', [['a', 'b']], 2],
    ['length', [object({ a: 'b' })], 1],
    ['length', ['hello'], 5],
    ['length', ['👾🕹️'], 2],
    ['lookup', [object({ a: 'ay', b: 'bee' }), 'a', 'what?'], 'ay'],
    ['lookup', [object({ a: 'ay', b: 'bee' }), 'c', 'what?'], 'what?'],
    [
      'matchkeys',
      [['i-123', 'i-abc', 'i-def'], ['us-west', 'us-east', 'us-east'], ['us-east']],
      ['i-abc', 'i-def'],
    ],
    ['merge', [object({ a: 'b', c: 'd' }), object({ e: 'f', c: 'z' })], object({ a: 'b', c: 'z', e: 'f' })],
    [
      'merge',
      [object({ a: 'b' }), object({ a: [1, 2], c: 'z' }), object({ d: 3 })],
      object({ a: [1, 2], c: 'z', d: 3 }),
    ],
    ['one', [[]], null],
    ['one', [['hello']], 'hello'],
    ['one', [set('hello', 'hello')], 'hello'],
    ['range', [3], [0, 1, 2]],
    ['range', [1, 4], [1, 2, 3]],
    ['range', [1, 8, 2], [1, 3, 5, 7]],
    ['range', [1, 4, 0.5], [1, 1.5, 2, 2.5, 3, 3.5]],
    ['range', [4, 1], [4, 3, 2]],
    ['range', [10, 5, -2], [10, 8, 6]],
    ['reverse', [[1, 2, 3]], [3, 2, 1]],
    [
      'setintersection',
      [
        ['a', 'b'],
        ['b', 'c'],
        ['b', 'd'],
      ],
      set('b'),
    ],
    [
      'setsubtract',
      [
        ['a', 'b', 'c'],
        ['a', 'c'],
      ],
      set('b'),
    ],
    ['setunion', [['a', 'b'], ['b', 'c'], ['d']], set('d', 'b', 'c', 'a')],
    ['slice', [['a', 'b', 'c', 'd'], 1, 3], ['b', 'c']],
    ['sort', [['e', 'd', 'a', 'x']], ['a', 'd', 'e', 'x']],
    ['sum', [[10, 13, 6, 20]], 49],
    ['transpose', [object({ a: ['1', '2'], b: ['2', '3'] })], object({ 1: ['a'], 2: ['a', 'b'], 3: ['b'] })],
    ['values', [object({ a: 3, c: 2, d: 1 })], [3, 2, 1]],
    [
      'zipmap',
      [
        ['a', 'b'],
        [1, 2],
      ],
      object({ a: 1, b: 2 }),
    ],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(valuesEqual(call(name, ...args), expected)).toBe(true);
  });

  it('builds setproduct lists from lists and sets from sets', () => {
    expect(call('setproduct', ['development', 'staging', 'production'], ['app1', 'app2'])).toEqual([
      ['development', 'app1'],
      ['development', 'app2'],
      ['staging', 'app1'],
      ['staging', 'app2'],
      ['production', 'app1'],
      ['production', 'app2'],
    ]);
    expect(call('setproduct', [], ['a'])).toEqual([]);
    expect(call('setproduct', set('b', 'a'), ['x'])).toBeInstanceOf(TerraformSet);
  });
});

describe('collection conversion', () => {
  it('unifies mixed primitives to strings where Terraform does', () => {
    expect(call('distinct', [1, '1'])).toEqual(['1']);
    expect(call('sort', [10, 9, 1])).toEqual(['1', '10', '9']);
    expect(call('coalesce', '', 1)).toBe('1');
    expect(call('setunion', ['a'], [1])).toEqual(set('1', 'a'));
  });

  it('accepts sets and tuples where lists are expected', () => {
    expect(call('length', set('a', 'b'))).toBe(2);
    expect(call('flatten', [set('b', 'a'), ['c']])).toEqual(['a', 'b', 'c']);
    expect(call('reverse', set('a', 'b'))).toEqual(['b', 'a']);
    expect(call('compact', set('', 'x'))).toEqual(['x']);
  });
});

describe('collection errors', () => {
  it.each([
    [
      ['element', [], 0],
      'Call to function "element" failed: cannot use element function with an empty list.',
    ],
    [
      ['one', ['a', 'b']],
      'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.',
    ],
    [
      ['lookup', object({ a: 1 }), 'x'],
      'Invalid value for "inputMap" parameter: the given object has no attribute "x".',
    ],
    [
      ['slice', ['a'], 0, 2],
      'Invalid value for "end_index" parameter: end index must not be greater than the length of the list.',
    ],
    [['slice', ['a', 'b'], 2, 1], 'start index must not be greater than end index'],
    [['slice', set('a'), 0, 1], 'cannot slice a set'],
    [['index', ['a'], 'z'], 'item not found'],
    [['coalesce', 1, true], 'all arguments must have the same type'],
    [['coalesce', null, ''], 'no non-null, non-empty-string arguments'],
    [['merge', ['x']], 'arguments must be maps or objects, got "tuple"'],
    [['zipmap', ['a', 'b'], [1]], 'number of keys (2) does not match number of values (1)'],
    [['range', 1, 2, 0], 'Invalid value for "params" parameter: step must not be zero.'],
    [['range', 0, 2000], 'more than 1024 values were generated'],
    [['sum', []], 'cannot sum an empty list'],
    [['keys', 'x'], 'Invalid value for "inputMap" parameter: must have map or object type.'],
    [['concat', set('a')], 'all arguments must be lists or tuples; got set of string'],
    [['chunklist', ['a'], -1], 'the size argument must be positive'],
    [['length', 5], 'argument must be a string, a collection type, or a structural type'],
  ] as [Value[], string][])('%j fails', ([name, ...args], message) => {
    expect(() => call(name as string, ...args)).toThrow(message);
  });
});

describe('collection unknowns', () => {
  it('keeps results Terraform knows', () => {
    expect(call('length', [UNKNOWN, UNKNOWN])).toBe(2);
    expect(call('keys', object({ b: UNKNOWN, a: 1 }))).toEqual(['a', 'b']);
    expect(call('merge', object({ a: UNKNOWN }), object({ b: 1 }))).toEqual(object({ a: UNKNOWN, b: 1 }));
    expect(call('lookup', object({ a: UNKNOWN }), 'a')).toBe(UNKNOWN);
    expect(call('lookup', object({ a: 1, b: UNKNOWN }), 'a')).toBe(1);
    expect(call('element', [UNKNOWN, 'b'], 1)).toBe('b');
    expect(call('concat', [UNKNOWN], ['x'])).toEqual([UNKNOWN, 'x']);
    expect(call('coalesce', 'a', UNKNOWN)).toBe('a');
    expect(call('contains', [UNKNOWN, 'b'], 'b')).toBe(true);
    expect(call('values', object({ a: UNKNOWN }))).toEqual([UNKNOWN]);
    expect(call('flatten', [['a', new Unknown('string')]])).toHaveLength(2);
  });

  it('returns unknown where Terraform cannot know', () => {
    expect(call('length', UNKNOWN)).toBe(UNKNOWN);
    expect(call('keys', UNKNOWN)).toBe(UNKNOWN);
    expect(call('coalesce', UNKNOWN, 'a')).toBe(UNKNOWN);
    expect(call('contains', [UNKNOWN], 'x')).toBe(UNKNOWN);
    expect(call('distinct', ['a', UNKNOWN])).toBe(UNKNOWN);
    expect(call('sort', ['a', UNKNOWN])).toBe(UNKNOWN);
    expect(call('flatten', [['a'], UNKNOWN])).toBe(UNKNOWN);
    expect(call('element', ['a'], UNKNOWN)).toBe(UNKNOWN);
    expect(call('alltrue', [true, UNKNOWN])).toBe(UNKNOWN);
    expect(call('anytrue', [false, UNKNOWN])).toBe(UNKNOWN);
    expect(call('anytrue', [UNKNOWN, true])).toBe(true);
    expect(call('merge', UNKNOWN, object({ a: 1 }))).toBe(UNKNOWN);
    expect(call('lookup', object({ a: 1 }), UNKNOWN)).toBe(UNKNOWN);
    expect(call('setunion', ['a'], [UNKNOWN])).toBe(UNKNOWN);
  });
});

describe('collection properties', () => {
  const primitive = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }).map(String));
  const list = fc.array(primitive, { maxLength: 12 });

  it('distinct is idempotent, order-preserving and keeps every element', () => {
    fc.assert(
      fc.property(list, (items) => {
        const once = call('distinct', items) as Value[];
        expect(call('distinct', once)).toEqual(once);
        expect(new Set(once).size).toBe(once.length);
        expect(new Set(items)).toEqual(new Set(once));
        expect(once).toEqual(items.filter((item, index) => items.indexOf(item) === index));
      }),
    );
  });

  it('toset is idempotent and agrees with distinct up to order', () => {
    fc.assert(
      fc.property(list, (items) => {
        const once = call('toset', items) as TerraformSet;
        expect(valuesEqual(call('toset', once), once)).toBe(true);
        expect(once.size).toBe((call('distinct', items) as Value[]).length);
      }),
    );
  });

  it('flatten is idempotent and keeps every leaf in order', () => {
    const nested = fc.letrec<{ tree: Value }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, primitive, fc.array(tie('tree'), { maxLength: 4 })),
    })).tree;
    fc.assert(
      fc.property(fc.array(nested, { maxLength: 5 }), (items) => {
        const flat = call('flatten', items) as Value[];
        expect(call('flatten', flat)).toEqual(flat);
        const leaves = (value: Value): Value[] => (Array.isArray(value) ? value.flatMap(leaves) : [value]);
        expect(flat).toEqual(items.flatMap(leaves));
      }),
    );
  });

  it('sort returns a sorted permutation', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 3 }), { maxLength: 10 }), (items) => {
        const sorted = call('sort', items) as string[];
        expect([...sorted].sort()).toEqual([...items].sort());
        // Go sorts by UTF-8 bytes; Buffer.compare is an independent oracle for that order.
        for (let index = 1; index < sorted.length; index++) {
          expect(
            Buffer.compare(Buffer.from(sorted[index - 1] as string), Buffer.from(sorted[index] as string)),
          ).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('range has the expected length for integer steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 7 }),
        (start, span, step) => {
          const values = call('range', start, start + span, step) as number[];
          expect(values.length).toBe(Math.ceil(span / step));
          expect(values.every((value, index) => value === start + index * step)).toBe(true);
        },
      ),
    );
  });
});
