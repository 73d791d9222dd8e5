// IPv4 / IPv6 addresses and CIDR prefixes as big integers, parsed and printed the way Terraform's
// ipaddr package (Go's net, which also accepts zero-padded IPv4 octets as decimal) does.

/** A parsed CIDR prefix: the network address (host bits cleared) and its length. */
export interface CidrPrefix {
  bits: 32 | 128;
  network: bigint;
  prefixLength: number;
}

/** Parses `address/length` like Go's net.ParseCIDR; undefined when invalid. */
export function parseCidr(text: string): CidrPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const address = parseIpv4(addressText) ?? parseIpv6(addressText);
  if (address === undefined) return undefined;
  if (!/^[0-9]+$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (prefixLength > address.bits) return undefined;
  return { bits: address.bits, network: address.value & mask(address.bits, prefixLength), prefixLength };
}

/** The mask with the top `length` of `bits` bits set. */
export function mask(bits: number, length: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - length)) - 1n);
}

/** Prints an address like Go's net.IP.String (RFC 5952 for IPv6, dotted form for IPv4-mapped addresses). */
export function formatAddress(value: bigint, bits: 32 | 128): string {
  if (bits === 32) return formatIpv4(value);
  if (value >> 32n === 0xffffn) return formatIpv4(value & 0xffffffffn);
  const groups: number[] = [];
  for (let index = 7; index >= 0; index--) groups.push(Number((value >> BigInt(index * 16)) & 0xffffn));
  let bestStart = -1;
  let bestEnd = -1;
  for (let index = 0; index < 8; index++) {
    let end = index;
    while (end < 8 && groups[end] === 0) end++;
    if (end > index && end - index > bestEnd - bestStart) {
      bestStart = index;
      bestEnd = end;
      index = end;
    }
  }
  if (bestEnd - bestStart <= 1) {
    bestStart = -1;
    bestEnd = -1;
  }
  let out = '';
  for (let index = 0; index < 8; index++) {
    if (index === bestStart) {
      out += '::';
      index = bestEnd - 1;
      continue;
    }
    if (index > 0 && index !== bestEnd) out += ':';
    out += (groups[index] as number).toString(16);
  }
  return out;
}

/** Prints a prefix as `address/length`. */
export function formatCidr(network: bigint, prefixLength: number, bits: 32 | 128): string {
  return `${formatAddress(network, bits)}/${prefixLength}`;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function parseIpv4(text: string): { bits: 32; value: bigint } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9]+$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return { bits: 32, value };
}

function parseIpv6(text: string): { bits: 128; value: bigint } | undefined {
  let rest = text;
  let embedded: bigint | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon >= 0 && rest.slice(lastColon + 1).includes('.')) {
    const ipv4 = parseIpv4(rest.slice(lastColon + 1));
    if (!ipv4) return undefined;
    embedded = ipv4.value;
    rest = `${rest.slice(0, lastColon + 1)}0:0`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
    return groups.map((group) => Number.parseInt(group, 16));
  };
  const head = parseGroups(halves[0] as string);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  let value = groups.reduce((total, group) => (total << 16n) | BigInt(group), 0n);
  if (embedded !== undefined) value = (value & ~0xffffffffn) | embedded;
  return { bits: 128, value };
}
