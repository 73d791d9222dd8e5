import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capabilityName,
  isTruthy,
  readBoolean,
  readNumber,
  readString,
  readStrings,
  valueAt,
} from './manifest-values.js';

describe('manifest value readers', () => {
  it('keeps absent apart from unknown', () => {
    expect(readBoolean(undefined)).toBeUndefined();
    expect(readBoolean(null)).toBeUndefined();
    expect(readBoolean('{{ .Values.flag }}')).toBe('unknown');
    expect(readBoolean({ nested: true })).toBe('unknown');
    expect(readNumber('1000')).toBe(1000);
    expect(readNumber('1Gi')).toBe('unknown');
    expect(readStrings(['a', '{{ .Values.b }}'])).toBe('unknown');
    expect(readStrings(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('reads every templated string as unknown', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('{{ ', '${'), fc.string(), (before, marker, after) => {
        const value = `${before}${marker}${after}`;
        expect(readString(value)).toBe('unknown');
        expect(readStrings([value])).toBe('unknown');
        expect(readBoolean(value)).toBe('unknown');
      }),
    );
  });

  it('reads integers written as numbers or strings alike', () => {
    fc.assert(
      fc.property(fc.integer(), (number) => {
        expect(readNumber(number)).toBe(number);
        expect(readNumber(String(number))).toBe(number);
      }),
    );
  });

  it('follows paths through objects and lists only', () => {
    const root = { spec: { containers: [{ name: 'a' }] } };
    expect(valueAt(root, ['spec', 'containers', 0, 'name'])).toBe('a');
    expect(valueAt(root, ['spec', 'containers', 'name'])).toBeUndefined();
    expect(valueAt(root, ['spec', 'toString'])).toBeUndefined();
  });

  it('judges presence like Python and names capabilities without CAP_', () => {
    expect([isTruthy({}), isTruthy([]), isTruthy(''), isTruthy(0), isTruthy({ a: 1 })]).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(capabilityName('cap_net_raw')).toBe('NET_RAW');
  });
});
