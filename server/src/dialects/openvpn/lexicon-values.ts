// Argument values of single options, judged the way openvpn 2.6 judges them. A problem is an
// error when openvpn refuses the file over it (ENUM_CHECKED, RANGES, the addresses it parses
// while reading, or a route/iroute that certainly cannot be installed) and a warning when openvpn
// takes the value but does something else than intended (atoi turns words into 0, ports wrap).
import { isIPv6 } from 'node:net';
import type { Fix } from '../../engine/rules';
import type { Arg, Range, Severity } from '../../engine/syntax';
import { ENUM_CHECKED, RANGES } from './lexicon-facts';
import type { LexLine } from './lexicon-lines';
import { bitsToMask, formatIpv4, maskBits, parseIpv4 } from './routing-net';

export interface ValueProblem {
  range: Range;
  message: string;
  severity: Severity;
  fixes?: Fix[];
}

// ---- address helpers ---------------------------------------------------------------------

/** Looks like someone meant an IPv4 address (digits and dots only). */
const ipv4ish = (s: string) => /^[\d.]+$/.test(s);
/** A host name openvpn would try to resolve. */
const hostname = (s: string) => /^(?=.*[a-z_])[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(s);
/** Words openvpn accepts in place of a route address or gateway. */
const ROUTE_WORDS = new Set(['vpn_gateway', 'net_gateway', 'remote_host']);

function ipv6Prefix(s: string): { addr: string; bits?: number } | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(s);
  if (!m || !isIPv6(m[1])) return undefined;
  const bits = m[2] === undefined ? undefined : Number(m[2]);
  if (bits !== undefined && bits > 128) return undefined;
  return { addr: m[1], bits };
}

const isInt = (s: string) => /^[+-]?\d+$/.test(s);

// ---- the checks --------------------------------------------------------------------------

type Push = (p: ValueProblem) => void;

interface Env {
  /** `allow-pull-fqdn` is set: ifconfig and route-gateway may be names. */
  fqdn: boolean;
  /** The device is a tun (for the server /29 limit). */
  tun: boolean;
  path: string;
}

function enumIndex(l: LexLine): number {
  const spec = l.spec!;
  return spec.args.findIndex((k) => k === 'enum' || k === 'proto');
}

/** Which of `values` the word might have meant (case or a close spelling). */
function closest(word: string, values: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower) ?? values.find((v) => v.startsWith(lower) || lower.startsWith(v));
}

function checkEnum(l: LexLine, env: Env, push: Push): void {
  const spec = l.spec!;
  const values = spec.values;
  const at = enumIndex(l);
  if (!values || at < 0) return;
  if (NO_ENUM_CHECK.has(spec.name)) return;
  const variadic = at === spec.args.length - 1 && spec.maxArgs > spec.args.length;
  const end = variadic ? l.args.length : Math.min(l.args.length, at + 1);
  const checked = ENUM_CHECKED.has(spec.name);
  for (let i = at; i < end; i++) {
    const a = l.args[i];
    if (!a || values.includes(a.value)) continue;
    if (spec.name === 'remote' && i === 2 && /^(tcp|udp)[46]?$/.test(a.value)) continue;
    if (spec.name === 'route-gateway') continue;
    const near = closest(a.value, values);
    const list = values.length <= 8 ? values.join(', ') : `${values.slice(0, 8).join(', ')}, ...`;
    const fixes: Fix[] | undefined = near ? [{ title: `Change to "${near}"`, preferred: true, edits: [{ path: env.path, range: a.range, newText: near }] }] : undefined;
    push({
      range: a.range,
      severity: checked ? 'error' : 'warning',
      message: checked
        ? `"${a.value}" is not a ${spec.name} value, so openvpn refuses the file (L${spec.layer}); use one of ${list}${near ? ` (probably ${near})` : ''}.`
        : `"${a.value}" is not a ${spec.name} value: openvpn only notices when it uses it, and then fails (L${spec.layer}); use one of ${list}.`,
      fixes,
    });
  }
}

/** Enum lists that are only hints for completion (no fixed set on this platform, or checked elsewhere). */
const NO_ENUM_CHECK = new Set(['genkey', 'http-proxy', 'http-proxy-override', 'ip-win32', 'route-method', 'windows-driver', 'dhcp-option', 'dns', 'auth-gen-token', 'static-challenge', 'script-security', 'server-bridge', 'tls-version-min', 'management-external-key']);

const PORT_AT: Readonly<Record<string, number>> = {
  port: 0, lport: 0, rport: 0, remote: 1, 'http-proxy': 1, 'http-proxy-override': 1, 'socks-proxy': 1, management: 1, 'port-share': 1,
};

function checkPort(l: LexLine, push: Push): void {
  const at = PORT_AT[l.name];
  const a = at === undefined ? undefined : l.args[at];
  if (!a) return;
  const v = a.value;
  if (l.name === 'management' && v === 'unix') return;
  const what = l.name === 'remote' ? 'remote port' : `${l.name} port`;
  if (isInt(v)) {
    const n = Number(v);
    if (n >= 1 && n <= 65535) return;
    if (n === 0) {
      push({ range: a.range, severity: 'warning', message: `Port 0 is not a real ${what}: openvpn lets the system pick a random one (or fails to connect to it), so the peer cannot know it (L4); use 1-65535.` });
    } else {
      const wraps = n > 65535 ? ` it wraps to ${n % 65536}` : ' it is not used as written';
      push({ range: a.range, severity: 'warning', message: `${v} is outside 1-65535: openvpn takes it without complaint but${wraps}, so the peer listens or connects elsewhere (L4); use a port from 1 to 65535.` });
    }
    return;
  }
  if (/^[a-z][a-z0-9-]*$/i.test(v)) return; // a service name from /etc/services, such as openvpn or https
  push({ range: a.range, severity: 'warning', message: `"${v}" is neither a port number nor a service name: openvpn fails when it resolves the ${what}, so no connection starts (L4); use a number from 1 to 65535.` });
}

const NUMBER_WORDS: Readonly<Record<string, readonly string[]>> = {
  'resolv-retry': ['infinite'],
  route: ['default'],
  'route-metric': ['default'],
};

function checkNumbers(l: LexLine, push: Push): void {
  const spec = l.spec!;
  if (spec.name === 'route' || spec.name === 'auth-gen-token' || spec.name === 'keying-material-exporter') return;
  for (let i = 0; i < l.args.length; i++) {
    const kind = spec.args[Math.min(i, spec.args.length - 1)];
    if (kind !== 'number' && kind !== 'time') continue;
    const a = l.args[i];
    if (isInt(a.value) || NUMBER_WORDS[spec.name]?.includes(a.value)) continue;
    if (spec.name === 'pkcs11-private-mode' && /^[0-9a-f]+$/i.test(a.value)) continue;
    push({ range: a.range, severity: 'warning', message: `"${a.value}" is not a number: openvpn reads it as 0 without a word, which ${spec.name === 'verb' ? 'silences the log' : 'turns the setting off or makes it meaningless'} (L${spec.layer}); write a whole number.` });
  }
}

function checkRanges(l: LexLine, push: Push): void {
  for (const [i, min, max] of RANGES[l.name] ?? []) {
    const a = l.args[i];
    if (!a || !isInt(a.value)) continue;
    const n = Number(a.value);
    if (n >= min && n <= max) continue;
    const span = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
    push({ range: a.range, severity: 'error', message: `${l.name} must be ${span}, so openvpn refuses ${a.value} and the file (L${l.spec!.layer}); use a value ${span}.` });
  }
  if (l.name === 'keying-material-exporter' && l.args[0] && !l.args[0].value.startsWith('EXPORTER')) {
    push({ range: l.args[0].range, severity: 'error', message: 'The keying-material-exporter label must start with EXPORTER, so openvpn refuses the file (L6); rename the label.' });
  }
}

/** One IPv4 argument: an error when openvpn itself parses it and refuses it. */
function ipv4Arg(a: Arg | undefined, role: string, layer: number, push: Push, opts: { names?: boolean; words?: Set<string>; runtime?: boolean } = {}): number | undefined {
  if (!a) return undefined;
  const n = parseIpv4(a.value);
  if (n !== undefined) return n;
  if (opts.words?.has(a.value)) return undefined;
  if (opts.names && !ipv4ish(a.value) && hostname(a.value)) return undefined;
  push({
    range: a.range,
    severity: 'error',
    message: opts.runtime
      ? `"${a.value}" is not an IPv4 address, so openvpn cannot install this ${role} when the tunnel comes up (L${layer}); write a dotted quad such as 10.8.0.0.`
      : `"${a.value}" is not an IPv4 address, so openvpn refuses the file (L${layer}); write the ${role} as a dotted quad such as 10.8.0.1.`,
  });
  return undefined;
}

function netmaskArg(a: Arg | undefined, layer: number, push: Push, runtime: boolean, words?: Set<string>): number | undefined {
  if (!a || words?.has(a.value)) return undefined;
  const n = parseIpv4(a.value);
  if (n === undefined) {
    const bits = /^\/?(\d{1,2})$/.exec(a.value);
    const fix = bits && Number(bits[1]) <= 32 ? formatIpv4(bitsToMask(Number(bits[1]))) : undefined;
    push({
      range: a.range,
      severity: 'error',
      message: `"${a.value}" is not a netmask: openvpn wants a dotted mask here, ${runtime ? 'so this route never gets installed' : 'so it refuses the file'} (L${layer}); write it like 255.255.255.0.`,
      fixes: fix ? [{ title: `Change to ${fix}`, preferred: true, edits: [{ path: '', range: a.range, newText: fix }] }] : undefined,
    });
    return undefined;
  }
  if (maskBits(n) < 0) {
    push({ range: a.range, severity: 'error', message: `${a.value} is not a contiguous netmask (its one bits have gaps), so ${runtime ? 'the route cannot be installed' : 'openvpn refuses it'} (L${layer}); use a mask like 255.255.255.0.` });
    return undefined;
  }
  return n;
}

function hostBits(net: Arg, network: number, mask: number, what: string, push: Push, severity: Severity, consequence: string): void {
  if ((network & ~mask) >>> 0 === 0) return;
  const base = formatIpv4((network & mask) >>> 0);
  push({
    range: net.range,
    severity,
    message: `${net.value} has host bits set for netmask ${formatIpv4(mask)}: ${consequence} (L3); the ${what} is ${base}.`,
    fixes: [{ title: `Change to ${base}`, preferred: true, edits: [{ path: '', range: net.range, newText: base }] }],
  });
}

function ipv6Arg(a: Arg | undefined, role: string, push: Push, opts: { prefix?: 'required' | 'optional' | 'none'; bits?: [number, number]; runtime?: boolean } = {}): void {
  if (!a) return;
  const p = ipv6Prefix(a.value);
  const how = opts.runtime ? 'openvpn cannot install it when the tunnel comes up' : 'openvpn refuses the file';
  if (!p || (opts.prefix === 'none' && p.bits !== undefined)) {
    push({ range: a.range, severity: 'error', message: `"${a.value}" is not an IPv6 ${opts.prefix === 'none' ? 'address' : 'address/prefix'}, so ${how} (L3); write the ${role} like ${opts.prefix === 'none' ? 'fd00:8::1' : 'fd00:8::/64'}.` });
    return;
  }
  if (opts.bits && p.bits !== undefined && (p.bits < opts.bits[0] || p.bits > opts.bits[1])) {
    push({ range: a.range, severity: 'error', message: `The ${role} prefix /${p.bits} is outside /${opts.bits[0]} to /${opts.bits[1]}, so openvpn refuses the file (L3); use a prefix length in that range.` });
  }
}

const ROUTE_GATEWAY_WORDS = new Set(['vpn_gateway', 'net_gateway', 'remote_host', 'default']);

function checkAddresses(l: LexLine, env: Env, push: Push): void {
  const a = l.args;
  const layer = l.spec!.layer;
  switch (l.name) {
    case 'ifconfig':
      ipv4Arg(a[0], 'local tunnel address', layer, push, { names: env.fqdn });
      ipv4Arg(a[1], 'peer address or netmask', layer, push, { names: env.fqdn });
      break;
    case 'route-gateway':
      if (a[0]?.value !== 'dhcp') ipv4Arg(a[0], 'route gateway', layer, push, { names: env.fqdn, words: ROUTE_WORDS });
      break;
    case 'route': {
      const net = ipv4Arg(a[0], 'route', layer, push, { names: true, words: ROUTE_WORDS, runtime: true });
      const mask = netmaskArg(a[1], layer, push, true, new Set(['default']));
      if (a[2]) ipv4Arg(a[2], 'route gateway', layer, push, { names: true, words: ROUTE_GATEWAY_WORDS, runtime: true });
      if (a[3] && a[3].value !== 'default' && !isInt(a[3].value)) push({ range: a[3].range, severity: 'error', message: `The route metric "${a[3].value}" is not a number, so openvpn cannot install the route (L3); write a whole number.` });
      if (net !== undefined && mask !== undefined) hostBits(a[0], net, mask, 'network', push, 'warning', 'openvpn still adds a route, but for the network the mask selects, not the address written');
      break;
    }
    case 'iroute': {
      const net = ipv4Arg(a[0], 'client subnet', layer, push, { runtime: false });
      const mask = a[1] ? netmaskArg(a[1], layer, push, false) : 0xffffffff;
      if (net !== undefined && mask !== undefined) hostBits(a[0], net, mask, 'network', push, 'error', 'openvpn rejects this iroute, so packets for that subnet never reach the client');
      break;
    }
    case 'server': {
      const net = ipv4Arg(a[0], 'tunnel network', layer, push);
      const mask = netmaskArg(a[1], layer, push, false);
      if (net !== undefined && mask !== undefined) {
        hostBits(a[0], net, mask, 'network', push, 'error', 'openvpn refuses this network/netmask pair');
        const bits = maskBits(mask);
        if (env.tun && bits > 29) push({ range: a[1].range, severity: 'error', message: `A /${bits} tunnel is too small for a dev tun server, so openvpn refuses the file (L3); use 255.255.255.248 (/29) or a larger subnet.` });
      }
      break;
    }
    case 'server-bridge':
      if (a.length === 4) {
        ipv4Arg(a[0], 'bridge address', layer, push);
        netmaskArg(a[1], layer, push, false);
        ipv4Arg(a[2], 'pool start', layer, push);
        ipv4Arg(a[3], 'pool end', layer, push);
      } else if (a.length === 1 && a[0].value !== 'nogw') {
        push({ range: a[0].range, severity: 'error', message: `With one argument server-bridge only takes "nogw", so openvpn refuses "${a[0].value}" (L2); give the bridge address, netmask and pool, or nogw.` });
      }
      break;
    case 'ifconfig-pool': {
      const s = ipv4Arg(a[0], 'pool start', layer, push);
      const e = ipv4Arg(a[1], 'pool end', layer, push);
      if (a[2]) netmaskArg(a[2], layer, push, false);
      if (s !== undefined && e !== undefined && s > e) push({ range: a[1].range, severity: 'error', message: `The pool ends (${a[1].value}) before it starts (${a[0].value}), so openvpn refuses the file (L3); swap the two addresses.` });
      break;
    }
    case 'ifconfig-push':
      ipv4Arg(a[0], 'client tunnel address', layer, push, { names: true });
      ipv4Arg(a[1], 'peer address or netmask', layer, push, { names: true });
      break;
    case 'ifconfig-push-constraint':
      ipv4Arg(a[0], 'network', layer, push, { names: true });
      netmaskArg(a[1], layer, push, false);
      break;
    case 'client-nat':
      ipv4Arg(a[1], 'network', layer, push);
      netmaskArg(a[2], layer, push, false);
      ipv4Arg(a[3], 'alias', layer, push);
      break;
    case 'server-ipv6':
      ipv6Arg(a[0], 'IPv6 tunnel network', push, { prefix: 'required', bits: [64, 124] });
      break;
    case 'ifconfig-ipv6-pool':
      ipv6Arg(a[0], 'IPv6 pool', push, { prefix: 'optional', bits: [64, 124] });
      break;
    case 'ifconfig-ipv6':
      ipv6Arg(a[0], 'IPv6 tunnel address', push, { prefix: 'optional', bits: [64, 124] });
      ipv6Arg(a[1], 'IPv6 peer address', push, { prefix: 'none' });
      break;
    case 'ifconfig-ipv6-push':
      ipv6Arg(a[0], 'client IPv6 address', push, { prefix: 'optional' });
      if (a[1]) ipv6Arg(a[1], 'IPv6 peer address', push, { prefix: 'none' });
      break;
    case 'route-ipv6':
      ipv6Arg(a[0], 'IPv6 route', push, { prefix: 'optional', runtime: true });
      if (a[1] && a[1].value !== 'default') ipv6Arg(a[1], 'IPv6 gateway', push, { prefix: 'none', runtime: true });
      break;
    case 'iroute-ipv6':
      ipv6Arg(a[0], 'client IPv6 subnet', push, { prefix: 'optional' });
      break;
    case 'route-ipv6-gateway':
      ipv6Arg(a[0], 'IPv6 gateway', push, { prefix: 'none' });
      break;
  }
}

const DNS_SERVER_KEYS = new Set(['address', 'resolve-domains', 'exclude-domains', 'dnssec', 'transport', 'sni']);

function checkSpecial(l: LexLine, push: Push): void {
  const a = l.args;
  const word = (i: number, ok: readonly string[], what: string, layer: number) => {
    const x = a[i];
    if (x && !ok.includes(x.value)) push({ range: x.range, severity: 'error', message: `"${x.value}" is not a valid ${what}, so openvpn refuses the file (L${layer}); use ${ok.map((v) => `"${v}"`).join(' or ')}.` });
  };
  switch (l.name) {
    case 'tls-version-min':
      word(0, ['1.0', '1.1', '1.2', '1.3'], 'TLS version', 6);
      word(1, ['or-highest'], 'tls-version-min flag', 6);
      break;
    case 'auth-gen-token':
      for (const x of a.slice(1)) {
        if (!isInt(x.value) && x.value !== 'external-auth') push({ range: x.range, severity: 'error', message: `"${x.value}" is neither a lifetime in seconds nor external-auth, so openvpn refuses the file (L7); remove it.` });
      }
      break;
    case 'management-external-key':
      for (const x of a) if (!['nopadding', 'pkcs1', 'pss', 'digest'].includes(x.value)) push({ range: x.range, severity: 'error', message: `"${x.value}" is not a management-external-key flag, so openvpn refuses the file (L7); use nopadding, pkcs1, pss or digest.` });
      break;
    case 'dns': {
      const kind = a[0]?.value;
      if (kind === 'search-domains') break;
      if (kind !== 'server') {
        if (a[0]) push({ range: a[0].range, severity: 'error', message: `"${a[0].value}" is not a dns setting, so openvpn refuses the file (L3); use \`dns server N ...\` or \`dns search-domains ...\`.` });
        break;
      }
      if (a[1] && !(isInt(a[1].value) && Math.abs(Number(a[1].value)) <= 128)) push({ range: a[1].range, severity: 'error', message: `The dns server priority "${a[1].value}" is not a number from -128 to 127, so openvpn refuses the file (L3); number the servers 0, 1, ...` });
      const key = a[2];
      if (!key) break;
      if (!DNS_SERVER_KEYS.has(key.value)) {
        push({ range: key.range, severity: 'error', message: `"${key.value}" is not a dns server setting, so openvpn refuses the file (L3); use address, resolve-domains, dnssec, transport or sni.` });
      } else if (key.value === 'dnssec') word(3, ['yes', 'no', 'optional'], 'dnssec mode', 3);
      else if (key.value === 'transport') word(3, ['plain', 'DoH', 'DoT'], 'DNS transport', 3);
      break;
    }
    case 'dhcp-option': {
      const t = a[0];
      const known = l.spec!.values ?? [];
      if (t && !known.includes(t.value)) {
        const near = known.find((v) => v.toLowerCase() === t.value.toLowerCase());
        push({
          range: t.range,
          severity: 'warning',
          message: `"${t.value}" is not a dhcp-option type: Windows clients reject it and the scripts that apply DNS on Linux and macOS ignore it, so the setting is lost (L3); ${near ? `write ${near}` : 'use DNS, DOMAIN, DOMAIN-SEARCH, WINS or another known type'}.`,
          fixes: near ? [{ title: `Change to ${near}`, preferred: true, edits: [{ path: '', range: t.range, newText: near }] }] : undefined,
        });
      }
      break;
    }
  }
}

export interface ValueEnv {
  fqdn: boolean;
  tun: boolean;
}

/** Every value problem of one option line. */
export function valueProblems(l: LexLine, env: ValueEnv, path: string): ValueProblem[] {
  if (!l.spec || l.spec.status === 'removed' || l.line.inline) return [];
  const out: ValueProblem[] = [];
  const push: Push = (p) => {
    if (p.fixes) for (const f of p.fixes) for (const e of f.edits) if (!e.path) e.path = path;
    out.push(p);
  };
  const e: Env = { ...env, path };
  checkEnum(l, e, push);
  checkPort(l, push);
  checkNumbers(l, push);
  checkRanges(l, push);
  checkAddresses(l, e, push);
  checkSpecial(l, push);
  return out;
}
