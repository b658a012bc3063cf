// Addresses for the sshd listener rules: IPv4/IPv6 literals, OpenSSH's addr_match_list() (CIDR
// for both families, wildcard patterns on the numeric text, `!` negation), ListenAddress parsing
// as servconf.c does it, and the listeners of a server (ListenAddress x Port, following Include).
import type { Directive } from '../../engine/syntax';
import type { SourceFile } from '../../engine/workspace';
import type { SshContext } from './analysis';
import { sshIncludesOf } from './includes';
import { matchPattern } from './patterns';

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  value: bigint;
}

export function parseIpv4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIpv6(input: string): bigint | undefined {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  let tail: bigint[] = [];
  const m = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (m) {
    const v4 = parseIpv4(m[2]);
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    s = m[1].endsWith('::') ? m[1] : m[1].slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (x: string) => (x === '' ? [] : x.split(':'));
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const total = head.length + rest.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const hex = (g: string) => BigInt(parseInt(g, 16));
  const groups = [...head.map(hex), ...Array<bigint>(8 - total).fill(0n), ...rest.map(hex), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(s: string): Ip | undefined {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(s);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** The text sshd compares patterns against (getnameinfo NI_NUMERICHOST; RFC 5952 for IPv6). */
export function ipText(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((b) => String((ip.value >> b) & 0xffn)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function inCidr(ip: Ip, cidr: string): boolean | 'invalid' {
  const slash = cidr.indexOf('/');
  const net = parseIp(cidr.slice(0, slash));
  const bitsText = cidr.slice(slash + 1);
  if (!net || !/^\d+$/.test(bitsText)) return 'invalid';
  const width = net.family === 4 ? 32 : 128;
  const bits = Number(bitsText);
  if (bits > width) return 'invalid';
  if (net.family !== ip.family) return false;
  const shift = BigInt(width - bits);
  return ip.value >> shift === net.value >> shift;
}

/** addr_match_list(): 1 when an entry matches, -1 when a negated entry matches, 0 otherwise. */
export function addrMatchList(ip: Ip, list: string): 1 | 0 | -1 {
  const text = ipText(ip);
  let result: 1 | 0 = 0;
  for (const raw of list.split(',')) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    const p = negated ? raw.slice(1) : raw;
    const hit = p.includes('/') ? inCidr(ip, p) === true : matchPattern(text, p);
    if (hit && negated) return -1;
    if (hit) result = 1;
  }
  return result;
}

/** Whether some address of a family could match the list (for wildcard listeners). */
export function familyCanMatch(list: string, family: Family): boolean {
  for (const raw of list.split(',')) {
    if (!raw || raw.startsWith('!')) continue;
    if (raw.includes('/')) {
      const net = parseIp(raw.slice(0, raw.indexOf('/')));
      if (!net || net.family === family) return true;
      continue;
    }
    const ip = parseIp(raw);
    if (ip ? ip.family === family : true) return true;
  }
  return false;
}

/** A ListenAddress argument as sshd reads it: host|IPv4|[IPv6]|IPv6 bare, optional :port. */
export interface ListenSpec {
  host: string;
  port?: number;
  ip?: Ip;
  /** Offsets of the host inside the argument value. */
  hostStart: number;
  hostEnd: number;
}

export function parseListenAddress(value: string): ListenSpec | undefined {
  let host = value;
  let port: number | undefined;
  let hostStart = 0;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return undefined;
    host = value.slice(1, close);
    hostStart = 1;
    const rest = value.slice(close + 1);
    if (rest) {
      if (!/^:\d+$/.test(rest)) return undefined;
      port = Number(rest.slice(1));
    }
  } else if (value.indexOf(':') !== value.lastIndexOf(':')) {
    host = value; // a bare IPv6 address, no port
  } else if (value.includes(':')) {
    const i = value.indexOf(':');
    host = value.slice(0, i);
    if (!/^\d+$/.test(value.slice(i + 1))) return undefined;
    port = Number(value.slice(i + 1));
  }
  return { host, port, ip: parseIp(host), hostStart, hostEnd: hostStart + host.length };
}

export interface Listener {
  /** undefined: any address of `family` (or of either family when that is undefined too). */
  ip?: Ip;
  family?: Family;
  /** A host name whose addresses are unknown here. */
  name?: string;
  port: number;
}

/** The sshd_config file whose Include brings this one in (itself when none does). */
export function sshdRoot(ctx: SshContext): SourceFile {
  let file = ctx.file;
  const seen = new Set([file.path]);
  for (let depth = 0; depth < 8; depth++) {
    const parent = ctx.ws.all().find((f) => f.language === 'sshd_config' && !seen.has(f.path) && sshIncludesOf(f, ctx.ws).some((i) => i.paths.includes(file.path)));
    if (!parent) break;
    seen.add(parent.path);
    file = parent;
  }
  return file;
}

/** The global lines of a server configuration in the order sshd reads them, Include followed. */
export function serverGlobalLines(ctx: SshContext, root: SourceFile): { file: SourceFile; node: Directive }[] {
  const out: { file: SourceFile; node: Directive }[] = [];
  const visiting = new Set<string>();
  const walk = (file: SourceFile) => {
    if (visiting.has(file.path) || visiting.size > 32) return;
    visiting.add(file.path);
    const includes = sshIncludesOf(file, ctx.ws);
    for (const d of file.parse.tree) {
      if (d.children) break; // everything after the first Match belongs to Match blocks
      out.push({ file, node: d });
      if (d.name.toLowerCase() !== 'include') continue;
      for (const inc of includes) {
        if (inc.directive !== d) continue;
        for (const p of inc.paths) {
          const f = ctx.ws.load(p, 'sshd_config');
          if (f) walk(f);
        }
      }
    }
    visiting.delete(file.path);
  };
  walk(root);
  return out;
}

export interface ServerListeners {
  listeners: Listener[];
  /** The first AddressFamily line, when there is one. */
  addressFamily?: { file: SourceFile; node: Directive; value: string };
  /** Whether any Port or ListenAddress line was found (else the defaults: port 22, all addresses). */
  explicitPorts: boolean;
}

export function serverListeners(ctx: SshContext): ServerListeners {
  const lines = serverGlobalLines(ctx, sshdRoot(ctx));
  const ports: number[] = [];
  const addrs: ListenSpec[] = [];
  let addressFamily: ServerListeners['addressFamily'];
  for (const l of lines) {
    const key = l.node.name.toLowerCase();
    const v = l.node.args[0]?.value;
    if (!v) continue;
    if (key === 'port' && /^\d+$/.test(v)) ports.push(Number(v));
    else if (key === 'listenaddress') {
      const spec = parseListenAddress(v);
      if (spec) addrs.push(spec);
    } else if (key === 'addressfamily' && !addressFamily) addressFamily = { ...l, value: v.toLowerCase() };
  }
  const fam: Family | undefined = addressFamily?.value === 'inet' ? 4 : addressFamily?.value === 'inet6' ? 6 : undefined;
  const allPorts = ports.length ? ports : [22];
  const listeners: Listener[] = [];
  if (!addrs.length) {
    for (const port of allPorts) {
      if (fam) listeners.push({ family: fam, port });
      else listeners.push({ family: 4, port }, { family: 6, port });
    }
  } else {
    for (const a of addrs) {
      for (const port of a.port !== undefined ? [a.port] : allPorts) {
        if (!a.ip) listeners.push({ name: a.host, port });
        else if (a.ip.value === 0n) listeners.push({ family: a.ip.family, port });
        else listeners.push({ ip: a.ip, family: a.ip.family, port });
      }
    }
  }
  return { listeners, addressFamily, explicitPorts: ports.length > 0 || addrs.some((a) => a.port !== undefined) };
}
