import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, formatFloatVerb, formatIntegerVerb, goFloatText } from './go-number-format.js';

describe("Go's big.Float text", () => {
  it.each([
    [1000000, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [1.5, 'g', -1, '1.5'],
    [123456, 'e', 6, '1.234560e+05'],
    [0, 'e', 2, '0.00e+00'],
    [1e21, 'f', -1, '1000000000000000000000'],
    [1e-7, 'f', -1, '0.0000001'],
    [2.5, 'f', 0, '2'],
    [3.5, 'f', 0, '4'],
    [-0.125, 'f', 2, '-0.12'],
    [99.99, 'f', 1, '100.0'],
    [123.456, 'g', 4, '123.5'],
    [1234567, 'g', 3, '1.23e+06'],
    [Number.POSITIVE_INFINITY, 'f', 2, '+Inf'],
  ] as [number, 'e' | 'f' | 'g', number, string][])(
    'Text(%j, %s, %j) = %j',
    (value, format, precision, expected) => {
      expect(goFloatText(value, format, precision)).toBe(expected);
    },
  );

  it('applies fmt flags and widths', () => {
    expect(formatFloatVerb(3.14259, 'f', { width: 8, precision: 3, zero: true })).toBe('0003.143');
    expect(formatFloatVerb(-1, 'f', { width: 8, precision: 1, zero: true })).toBe('-00001.0');
    expect(formatFloatVerb(2, 'g', { plus: true })).toBe('+2');
    expect(formatIntegerVerb(-42n, 'd', { width: 6, zero: true })).toBe('-00042');
    expect(formatIntegerVerb(42n, 'd', { width: 6, minus: true })).toBe('42    ');
    expect(formatIntegerVerb(255n, 'x', { sharp: true })).toBe('0xff');
    expect(formatIntegerVerb(7n, 'd', { precision: 3 })).toBe('007');
  });

  it('prints decimals that parse back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Number(decimalText(value))).toBe(value === 0 ? 0 : value);
        expect(decimalText(value)).not.toMatch(/e/);
      }),
    );
  });
});
