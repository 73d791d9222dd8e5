// IP network built-ins: cidrhost cidrnetmask cidrsubnet cidrsubnets (IPv4 and IPv6, BigInt arithmetic,
// go-cidr's semantics and error wording).

import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { type CidrPrefix, formatAddress, formatCidr, mask, parseCidr } from './ip-address.js';
import { requireWholeNumber } from './whole-number.js';

function requirePrefix(text: string, argumentIndex?: number): CidrPrefix {
  const prefix = parseCidr(text);
  if (prefix) return prefix;
  const detail = `invalid CIDR expression: invalid CIDR address: ${text}`;
  throw argumentIndex === undefined ? callProblem(detail) : argumentProblem(argumentIndex, detail);
}

/** go-cidr's HostBig: negative host numbers count back from the end of the range. */
export function cidrHost(prefixText: string, hostNumber: bigint): string {
  const prefix = requirePrefix(prefixText);
  const maximum = (1n << BigInt(prefix.bits - prefix.prefixLength)) - 1n;
  let number = hostNumber;
  let magnitude = hostNumber;
  if (hostNumber < 0n) {
    magnitude = -hostNumber - 1n;
    number = maximum - magnitude;
  }
  if (magnitude > maximum) {
    throw callProblem(`prefix of ${prefix.prefixLength} does not accommodate a host numbered ${number}`);
  }
  return formatAddress(prefix.network | number, prefix.bits);
}

/** go-cidr's SubnetBig. */
export function cidrSubnet(prefixText: string, newBits: number, netNumber: bigint): string {
  const prefix = requirePrefix(prefixText);
  const newLength = prefix.prefixLength + newBits;
  if (newBits < 0 || newLength > prefix.bits) {
    throw callProblem(`insufficient address space to extend prefix of ${prefix.prefixLength} by ${newBits}`);
  }
  const maximum = (1n << BigInt(newBits)) - 1n;
  if (netNumber < 0n || netNumber > maximum) {
    throw callProblem(`prefix extension of ${newBits} does not accommodate a subnet numbered ${netNumber}`);
  }
  const network = prefix.network | (netNumber << BigInt(prefix.bits - newLength));
  return formatCidr(network, newLength, prefix.bits);
}

/** Terraform's cidrsubnets: consecutive, aligned subnets of the given extensions. */
export function cidrSubnets(prefixText: string, extensions: number[]): string[] {
  const prefix = requirePrefix(prefixText, 0);
  if (extensions.length === 0) return [];
  const { bits } = prefix;
  const modulus = 1n << BigInt(bits);
  const hostMask = (length: number): bigint => (1n << BigInt(bits - length)) - 1n;
  const firstLength = (extensions[0] as number) + prefix.prefixLength;
  // go-cidr's PreviousSubnet: the block of the first length just below the base network.
  let current = {
    network: ((prefix.network - 1n + modulus) % modulus) & mask(bits, Math.min(firstLength, bits)),
    length: firstLength,
  };
  return extensions.map((extension, index) => {
    if (extension < 1) throw argumentProblem(index + 1, 'must extend prefix by at least one bit');
    if (extension > 32) throw argumentProblem(index + 1, 'may not extend prefix by more than 32 bits');
    const length = extension + prefix.prefixLength;
    if (length > bits) {
      throw argumentProblem(
        index + 1,
        `would extend prefix to ${length} bits, which is too long for an ${bits === 32 ? 'IPv4' : 'IPv6'} address`,
      );
    }
    // go-cidr's NextSubnet: the first aligned block of `length` after the end of `current`.
    const currentLast = current.network | hostMask(current.length);
    const aligned = currentLast & mask(bits, length);
    const after = ((aligned | hostMask(length)) + 1n) % modulus;
    const next = after & mask(bits, length);
    const contained = (next & mask(bits, prefix.prefixLength)) === prefix.network;
    if (after === 0n || !contained) {
      throw argumentProblem(
        index + 1,
        `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatCidr(current.network, current.length, bits)}`,
      );
    }
    current = { network: next, length };
    return formatCidr(next, length, bits);
  });
}

function bigWhole(value: number): bigint {
  return BigInt(requireWholeNumber(value));
}

/** The IP network built-ins. */
export const NETWORK_FUNCTIONS: TerraformFunction[] = [
  defineFunction({
    name: 'cidrhost',
    parameters: [
      { name: 'prefix', type: 'string' },
      { name: 'hostnum', type: 'number' },
    ],
    implementation: ([prefix, hostNumber]) => cidrHost(prefix as string, bigWhole(hostNumber as number)),
  }),
  defineFunction({
    name: 'cidrnetmask',
    parameters: [{ name: 'prefix', type: 'string' }],
    implementation: ([prefixText]) => {
      const prefix = requirePrefix(prefixText as string);
      if (prefix.bits !== 32)
        throw callProblem(`IPv6 addresses cannot have a netmask: ${prefixText as string}`);
      return formatAddress(mask(32, prefix.prefixLength), 32);
    },
  }),
  defineFunction({
    name: 'cidrsubnet',
    parameters: [
      { name: 'prefix', type: 'string' },
      { name: 'newbits', type: 'number' },
      { name: 'netnum', type: 'number' },
    ],
    implementation: ([prefix, newBits, netNumber]) =>
      cidrSubnet(prefix as string, requireWholeNumber(newBits as number), bigWhole(netNumber as number)),
  }),
  defineFunction({
    name: 'cidrsubnets',
    parameters: [{ name: 'prefix', type: 'string' }],
    variadic: { name: 'newbits', type: 'number' },
    implementation: ([prefix, ...newBits]) =>
      cidrSubnets(
        prefix as string,
        newBits.map((value, index) => {
          if (!Number.isInteger(value)) throw argumentProblem(index + 1, 'value must be a whole number');
          return value as number;
        }),
      ),
  }),
];
