import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { formatAddress, parseCidr } from './ip-address.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);

describe('network functions (documentation examples)', () => {
  it.each([
    ['cidrhost', ['10.12.112.0/20', 16], '10.12.112.16'],
    ['cidrhost', ['10.12.112.0/20', 268], '10.12.113.12'],
    ['cidrhost', ['fd00:fd12:3456:7890:00a2::/72', 34], 'fd00:fd12:3456:7890::22'],
    ['cidrnetmask', ['172.16.0.0/12'], '255.240.0.0'],
    ['cidrsubnet', ['172.16.0.0/12', 4, 2], '172.18.0.0/16'],
    ['cidrsubnet', ['10.1.2.0/24', 4, 15], '10.1.2.240/28'],
    ['cidrsubnet', ['fd00:fd12:3456:7890::/56', 16, 162], 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrsubnet', ['10.0.0.0/16', 8, 2], '10.0.2.0/24'],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toBe(expected);
  });

  it('allocates consecutive subnets', () => {
    expect(call('cidrsubnets', '10.1.0.0/16', 4, 4, 8, 4)).toEqual([
      '10.1.0.0/20',
      '10.1.16.0/20',
      '10.1.32.0/24',
      '10.1.48.0/20',
    ]);
    expect(call('cidrsubnets', 'fd00:fd12:3456:7890::/56', 16, 16, 16, 32)).toEqual([
      'fd00:fd12:3456:7800::/72',
      'fd00:fd12:3456:7800:100::/72',
      'fd00:fd12:3456:7800:200::/72',
      'fd00:fd12:3456:7800:300::/88',
    ]);
    expect(call('cidrsubnets', '10.0.0.0/8')).toEqual([]);
  });

  it('counts negative host numbers from the end and masks host bits of the prefix', () => {
    expect(call('cidrhost', '10.0.0.0/24', -1)).toBe('10.0.0.255');
    expect(call('cidrhost', '10.0.0.0/24', -256)).toBe('10.0.0.0');
    expect(call('cidrsubnet', '10.1.2.3/16', 8, 5)).toBe('10.1.5.0/24');
    expect(call('cidrhost', '010.001.0.0/16', 1)).toBe('10.1.0.1');
  });
});

describe('network errors', () => {
  it.each([
    [
      ['cidrsubnet', '10.0.0.0/23', 9, 512],
      'Call to function "cidrsubnet" failed: prefix extension of 9 does not accommodate a subnet numbered 512.',
    ],
    [['cidrsubnet', '10.0.0.0/30', 4, 0], 'insufficient address space to extend prefix of 30 by 4'],
    [['cidrhost', '10.0.0.0/24', 256], 'prefix of 24 does not accommodate a host numbered 256'],
    [['cidrhost', 'not-a-cidr', 1], 'invalid CIDR expression: invalid CIDR address: not-a-cidr'],
    [['cidrhost', '10.0.0.0/33', 1], 'invalid CIDR expression: invalid CIDR address: 10.0.0.0/33'],
    [['cidrnetmask', 'fd00::/8'], 'IPv6 addresses cannot have a netmask: fd00::/8'],
    [
      ['cidrsubnets', '10.0.0.0/30', 3],
      'Invalid value for "newbits" parameter: would extend prefix to 33 bits, which is too long for an IPv4 address.',
    ],
    [['cidrsubnets', '10.0.0.0/24', 0], 'must extend prefix by at least one bit'],
    [['cidrsubnets', 'fd00::/8', 33], 'may not extend prefix by more than 32 bits'],
    [
      ['cidrsubnets', '10.0.0.0/24', 1, 1, 1],
      'not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128/25',
    ],
    [['cidrhost', '10.0.0.0/24', 1.5], 'value must be a whole number'],
  ] as [Value[], string][])('%j fails', ([name, ...args], message) => {
    expect(() => call(name as string, ...args)).toThrow(message);
  });

  it('propagates unknowns', () => {
    expect(call('cidrsubnet', UNKNOWN, 8, 1)).toBe(UNKNOWN);
    expect(call('cidrsubnets', '10.0.0.0/16', 8, UNKNOWN)).toBe(UNKNOWN);
  });
});

describe('network properties', () => {
  const ipv4Prefix = fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 4, max: 24 }))
    .map(([address, length]) => {
      const parsed = parseCidr(`${formatAddress(BigInt(address), 32)}/${length}`);
      if (!parsed) throw new Error('unreachable');
      return { text: `${formatAddress(parsed.network, 32)}/${length}`, length, network: parsed.network };
    });

  it('cidrsubnet and cidrhost agree: host 0 of subnet k is host k·2^(free bits) of the parent', () => {
    fc.assert(
      fc.property(ipv4Prefix, fc.integer({ min: 1, max: 8 }), fc.nat(), (prefix, newBits, seed) => {
        const netNumber = seed % 2 ** newBits;
        const subnet = call('cidrsubnet', prefix.text, newBits, netNumber) as string;
        const hostBits = 32 - prefix.length - newBits;
        expect(call('cidrhost', subnet, 0)).toBe(call('cidrhost', prefix.text, netNumber * 2 ** hostBits));
        expect(call('cidrhost', subnet, -1)).toBe(
          call('cidrhost', prefix.text, (netNumber + 1) * 2 ** hostBits - 1),
        );
        expect(subnet.endsWith(`/${prefix.length + newBits}`)).toBe(true);
      }),
    );
  });

  it('cidrsubnets returns aligned, ascending, non-overlapping subnets inside the prefix', () => {
    fc.assert(
      fc.property(
        ipv4Prefix,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        (prefix, extensions) => {
          let subnets: string[];
          try {
            subnets = call('cidrsubnets', prefix.text, ...extensions) as string[];
          } catch (error) {
            expect((error as Error).message).toMatch(/not enough remaining address space|too long/);
            return;
          }
          let previousEnd = -1n;
          subnets.forEach((subnet, index) => {
            const parsed = parseCidr(subnet);
            expect(parsed?.prefixLength).toBe(prefix.length + (extensions[index] as number));
            const start = parsed?.network as bigint;
            const size = 1n << BigInt(32 - (parsed?.prefixLength as number));
            expect(start % size).toBe(0n);
            expect(start > previousEnd).toBe(true);
            expect(
              start >= prefix.network && start + size <= prefix.network + (1n << BigInt(32 - prefix.length)),
            ).toBe(true);
            previousEnd = start + size - 1n;
          });
        },
      ),
    );
  });

  it('formats IPv6 addresses as Go does (RFC 5952 zero compression)', () => {
    expect(formatAddress(0n, 128)).toBe('::');
    expect(formatAddress(1n, 128)).toBe('::1');
    expect(formatAddress(BigInt('0x20010db8000000010000000000000001'), 128)).toBe('2001:db8:0:1::1');
    expect(formatAddress(BigInt('0x20010db8000000000001000000000001'), 128)).toBe('2001:db8::1:0:0:1');
    expect(formatAddress(BigInt('0x00000000000000000000ffff0a000001'), 128)).toBe('10.0.0.1');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        const text = formatAddress(value, 128);
        fc.pre(!text.includes('.'));
        expect(parseCidr(`${text}/128`)?.network).toBe(value);
      }),
    );
  });
});
