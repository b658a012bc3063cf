// What a `listen` address means on the wire: the raw address/port split, the kind of address
// (loopback, wildcard, name, multicast ...), and the kernel sockets nginx binds for it, so that
// listeners of different servers and blocks can be compared for collisions.
import { Memo } from '../../engine/memo';
import type { Arg, Directive } from '../../engine/syntax';
import type { NginxContext } from './analysis';
import { isPortOnly, type ListenSocket } from './listen';
import { argValueOf } from './tree';

export interface ListenAddress {
  /** The host part as written ('' when only a port is given). */
  host: string;
  /** The port part as written, undefined when the address names no port. */
  portText?: string;
  unix?: string;
  ipv6: boolean;
}

/** Splits the first `listen` argument the way nginx does (IPv6 in brackets, else the last colon). */
export function splitListenAddress(addr: string): ListenAddress {
  if (isUnixPrefix(addr)) return { host: '', unix: addr.slice(5), ipv6: false };
  if (addr.startsWith('[')) {
    const close = addr.indexOf(']');
    if (close < 0) return { host: addr, ipv6: true };
    const rest = addr.slice(close + 1);
    return { host: addr.slice(0, close + 1).toLowerCase(), portText: rest.startsWith(':') ? rest.slice(1) : rest ? rest : undefined, ipv6: true };
  }
  if (isPortOnly(addr)) return { host: '', portText: addr, ipv6: false };
  const i = addr.lastIndexOf(':');
  if (i >= 0) return { host: addr.slice(0, i), portText: addr.slice(i + 1), ipv6: false };
  return { host: addr, ipv6: false };
}

/** /^unix:/i.test(addr), without a regular expression. */
function isUnixPrefix(addr: string): boolean {
  return addr.length >= 5 && (addr.charCodeAt(0) | 32) === 117 && (addr.charCodeAt(1) | 32) === 110 && (addr.charCodeAt(2) | 32) === 105 && (addr.charCodeAt(3) | 32) === 120 && addr.charCodeAt(4) === 58;
}

/** A valid TCP/UDP port as nginx reads it (1-65535), else undefined. */
export function validPort(text: string | undefined): number | undefined {
  if (text === undefined || !isPortOnly(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function ipv4Octets(host: string): number[] | undefined {
  const m = IPV4.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback', 'localhost.localdomain']);

export function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase());
}

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) or a loopback name. */
export function isLoopbackHost(host: string): boolean {
  // Every loopback form starts with l, i (names), 1 (127/8) or [ (IPv6): the wildcard and most
  // addresses are answered here without lower-casing or matching.
  const c = host.charCodeAt(0);
  if ((c | 32) !== 108 /* l */ && (c | 32) !== 105 /* i */ && c !== 49 /* 1 */ && c !== 91 /* [ */) return false;
  const h = host.toLowerCase();
  if (isLoopbackName(h)) return true;
  const o = ipv4Octets(h);
  if (o) return o[0] === 127;
  if (h === '[::1]' || h === '[0:0:0:0:0:0:0:1]') return true;
  const mapped = /^\[::ffff:(\d{1,3}(?:\.\d{1,3}){3})\]$/.exec(h);
  return !!mapped && ipv4Octets(mapped[1])?.[0] === 127;
}

export function isWildcardHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === '' || h === '*' || h === '0.0.0.0' || h === '[::]' || h === '[0:0:0:0:0:0:0:0]' || h === '[::0]';
}

export type AddressProblem = 'name' | 'multicast' | 'broadcast' | 'this-network' | 'reserved' | 'invalid-ipv4' | 'ipv6-multicast';

/** Why a host in `listen` is unlikely to be an address of this machine, or undefined. */
export function addressProblem(host: string): AddressProblem | undefined {
  const h = host.toLowerCase();
  if (isWildcardHost(h) || isLoopbackHost(h)) return undefined;
  if (h.startsWith('[')) return /^\[ff[0-9a-f]{2}:/.test(h) ? 'ipv6-multicast' : undefined;
  const o = ipv4Octets(h);
  if (o) {
    if (o.some((x) => x > 255)) return 'invalid-ipv4';
    if (o[0] === 0) return 'this-network';
    if (o[0] >= 224 && o[0] <= 239) return 'multicast';
    if (o.every((x) => x === 255)) return 'broadcast';
    if (o[0] >= 240) return 'reserved';
    return undefined;
  }
  if (/^[\d.]+$/.test(h)) return 'invalid-ipv4';
  return 'name';
}

/** The value of a `key=value` listen parameter, if present. */
export function listenParam(listen: Directive, key: string): string | undefined {
  const args = listen.args;
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    const i = a.value.indexOf('=');
    if (i > 0 && a.value.slice(0, i) === key) return a.value.slice(i + 1);
  }
  return undefined;
}

export function hasFlag(listen: Directive, flag: string): boolean {
  return flagArg(listen, flag) !== undefined;
}

/** The first parameter (after the address) that is exactly `flag`. */
export function flagArg(listen: Directive, flag: string): Arg | undefined {
  const args = listen.args;
  for (let i = 1; i < args.length; i++) if (args[i].value === flag) return args[i];
  return undefined;
}

/** One kernel socket nginx binds for a listen. */
export interface BoundSocket {
  proto: 'tcp' | 'udp' | 'unix';
  /** 4 or 6 for IP sockets, 0 for unix sockets and for names nginx resolves at start-up. */
  family: 0 | 4 | 6;
  /** '*' for the wildcard of its family, a normalised address, a host name, or a unix path. */
  addr: string;
  port: number;
  /** IPv6 wildcard that does not also accept IPv4 (the default since nginx 1.3.4). */
  v6only: boolean;
  reuseport: boolean;
}

/** The sockets a listen binds (localhost gives two); empty when the address is not understood. */
export function boundSockets(listen: Directive, socket: ListenSocket): BoundSocket[] {
  const udp = hasFlag(listen, 'udp') || hasFlag(listen, 'quic');
  const reuseport = hasFlag(listen, 'reuseport');
  if (socket.unix !== undefined) return [{ proto: 'unix', family: 0, addr: socket.unix, port: 0, v6only: false, reuseport }];
  const port = socket.port;
  if (port === undefined || Number.isNaN(port)) return [];
  const proto = udp ? 'udp' : 'tcp';
  const host = socket.host.toLowerCase();
  // Written out rather than spread from a shared base: same keys, in the same order.
  if (host === '*' || host === '' || host === '0.0.0.0') return [{ proto, port, reuseport, v6only: false, family: 4, addr: '*' }];
  if (host.startsWith('[')) {
    const wildcard = isWildcardHost(host);
    return [{ proto, port, reuseport, v6only: wildcard && listenParam(listen, 'ipv6only') !== 'off', family: 6, addr: wildcard ? '*' : host }];
  }
  if (isLoopbackName(host)) return [{ proto, port, reuseport, v6only: false, family: 4, addr: '127.0.0.1' }, { proto, port, reuseport, v6only: false, family: 6, addr: '[::1]' }];
  if (ipv4Octets(host)) return [{ proto, port, reuseport, v6only: false, family: 4, addr: host }];
  return [{ proto, port, reuseport, v6only: false, family: 0, addr: host }];
}

/** The same kernel socket (nginx compares listen addresses exactly within one block type). */
export function sameSocket(a: BoundSocket, b: BoundSocket): boolean {
  return a.proto === b.proto && a.port === b.port && a.family === b.family && a.addr === b.addr;
}

/**
 * Whether two sockets bound by one process collide: the same address, or a wildcard and an
 * address of its family on the same port (a dual-stack IPv6 wildcard covers IPv4 too). A host
 * name is taken to be an IPv4 address, so it collides with the IPv4 wildcard.
 */
export function socketsCollide(a: BoundSocket, b: BoundSocket): boolean {
  if (a.proto === 'unix' || b.proto === 'unix') return a.proto === b.proto && a.addr === b.addr;
  if (a.proto !== b.proto || a.port !== b.port) return false;
  if (a.family === b.family) return a.addr === b.addr || a.addr === '*' || b.addr === '*';
  const fa = a.family === 0 ? 4 : a.family;
  const fb = b.family === 0 ? 4 : b.family;
  if (fa === fb) return a.addr === '*' || b.addr === '*';
  const [v6, v4] = fa === 6 ? [a, b] : [b, a];
  return v6.addr === '*' && !v6.v6only && !!v4;
}

export function socketLabel(s: BoundSocket): string {
  if (s.proto === 'unix') return `unix:${s.addr}`;
  const addr = s.addr === '*' ? (s.family === 6 ? '[::]' : '*') : s.addr;
  return `${addr}:${s.port}${s.proto === 'udp' ? ' (UDP)' : ''}`;
}

/** Where a directive is, for messages: `line N` in the same file, else `path:N`. */
export function whereIs(path: string, node: Directive, from: string): string {
  const line = node.nameRange.start.line + 1;
  return path === from ? `line ${line}` : `${path}:${line}`;
}

/** The range of a listen parameter including the blank before it, for removing it. */
export function paramRemovalRange(listen: Directive, arg: Arg): Arg['range'] {
  const i = listen.args.indexOf(arg);
  const prev = i > 0 ? listen.args[i - 1] : undefined;
  return { start: prev ? prev.range.end : arg.range.start, end: arg.range.end };
}

/** A `listen` directive of the file being checked, with its family and split address. */
export interface FileListen {
  directive: Directive;
  family?: 'http' | 'stream' | 'mail';
  address: ListenAddress;
}

const fileListenCache = new Memo<NginxContext, FileListen[]>();

/** The listen directives of a file that stand in a server (or a server-level fragment). Shared: do not modify. */
export function fileListens(ctx: NginxContext): FileListen[] {
  let out = fileListenCache.get(ctx);
  if (out) return out;
  out = [];
  for (const r of ctx.named('listen')) {
    const d = r.node;
    const addr = argValueOf(d, 0);
    if (d.children || r.data || r.templated || r.allowed === false || addr === undefined) continue;
    const inServer = d.parent ? d.parent.name === 'server' : ctx.context.bases[0]?.at(-1) === 'server';
    if (!inServer || addr.includes('$')) continue;
    out.push({ directive: d, family: ctx.familyOfResolution(r), address: splitListenAddress(addr) });
  }
  fileListenCache.set(ctx, out);
  return out;
}
