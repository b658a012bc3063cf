// IPv4 subnet arithmetic for the routing rules: dotted quads, netmasks and CIDR prefixes,
// and whether two address ranges overlap or one contains the other. Addresses are unsigned
// 32-bit numbers; a network is the inclusive range [first, last] it covers.

export interface Ipv4Net {
  /** The network address (address & mask). */
  net: number;
  mask: number;
  /** Prefix length, or -1 when the mask is not contiguous. */
  bits: number;
  /** Set when the address had host bits outside the mask (e.g. 10.8.0.1 255.255.255.0). */
  hostBits: boolean;
}

/** Whole IPv4 address ranges, inclusive. */
export interface Ipv4Range {
  first: number;
  last: number;
}

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `a.b.c.d` as a number, or undefined (host names, IPv6, out-of-range parts). */
export function parseIpv4(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = QUAD.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n >>> 0;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The prefix length of a contiguous netmask, or -1. */
export function maskBits(mask: number): number {
  const inv = ~mask >>> 0;
  // A contiguous mask inverted is 2^k - 1.
  if ((inv & (inv + 1)) !== 0) return -1;
  return 32 - Math.log2(inv + 1);
}

export function bitsToMask(bits: number): number {
  return bits <= 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Whether a dotted quad is a contiguous netmask (255.255.255.0, not 10.8.0.9). */
export function isNetmask(text: string | undefined): boolean {
  const n = parseIpv4(text);
  return n !== undefined && maskBits(n) >= 0;
}

/**
 * A network from an address and a netmask (`10.8.0.0 255.255.255.0`), or from `a.b.c.d/nn`
 * when no netmask is given. A missing netmask means one host (/32), as in OpenVPN's route.
 */
export function parseNetwork(address: string | undefined, netmask?: string): Ipv4Net | undefined {
  if (!address) return undefined;
  let addrText = address;
  let mask: number | undefined;
  const slash = address.indexOf('/');
  if (slash >= 0 && netmask === undefined) {
    addrText = address.slice(0, slash);
    const bits = /^\d{1,2}$/.test(address.slice(slash + 1)) ? Number(address.slice(slash + 1)) : NaN;
    if (!(bits >= 0 && bits <= 32)) return undefined;
    mask = bitsToMask(bits);
  } else if (netmask === undefined) {
    mask = 0xffffffff;
  } else {
    mask = parseIpv4(netmask);
  }
  const addr = parseIpv4(addrText);
  if (addr === undefined || mask === undefined) return undefined;
  const net = (addr & mask) >>> 0;
  return { net, mask, bits: maskBits(mask), hostBits: net !== addr };
}

/** The addresses a network covers (for a non-contiguous mask: the span from lowest to highest). */
export function netRange(n: Ipv4Net): Ipv4Range {
  return { first: n.net, last: (n.net | (~n.mask >>> 0)) >>> 0 };
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether `outer` holds every address of `inner`. */
export function containsRange(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function sameRange(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first === b.first && a.last === b.last;
}

export function inRange(addr: number, r: Ipv4Range): boolean {
  return r.first <= addr && addr <= r.last;
}

/** `10.8.0.0/24` for messages; a range that is no network prints as `first-last`. */
export function formatRange(r: Ipv4Range): string {
  const size = r.last - r.first + 1;
  const bits = 32 - Math.log2(size);
  if (Number.isInteger(bits) && r.first % size === 0) return `${formatIpv4(r.first)}/${bits}`;
  return `${formatIpv4(r.first)}-${formatIpv4(r.last)}`;
}

/**
 * Whether two addresses form a pair Windows accepts on a net30 `dev tun` (the TAP driver's
 * rule): both in one /30, distinct, and neither the first nor the last address of that /30.
 */
export function isNet30Pair(local: number, remote: number): boolean {
  if (local === remote) return false;
  if ((local & ~3) >>> 0 !== (remote & ~3) >>> 0) return false;
  const l = local & 3;
  const r = remote & 3;
  return l !== 0 && l !== 3 && r !== 0 && r !== 3;
}
