// The layer-3 picture of one OpenVPN file for the routing rules: device type, topology, the
// address pool and tunnel subnet, kernel routes, pushed routes and iroutes, read by option name
// from the tree (not from the option table). Also the links between a server and its
// client-config-dir (ccd) files in both directions, and small edit helpers for quick fixes.
//
// Facts from OpenVPN 2.6 (helper.c, checked with the oracle where it can see them):
// - `topology` defaults to net30 for `server` (2.6.14 warns that net30 will be removed);
// - `server NET MASK` on dev tun: net30 hands out /30 pairs from NET+4 and adds the kernel route
//   NET/MASK itself; subnet hands out NET+2.. and pushes route-gateway NET+1;
// - `server` and an explicit `ifconfig-pool` are refused together;
// - in subnet topology and on dev tap, an ifconfig-push address outside NET/MASK is logged as
//   "violates tunnel network/netmask constraint" at connect time, and the client is let in anyway.
import { lineBreakOf } from '../../engine/line-edits';
import { Memo } from '../../engine/memo';
import { baseName } from '../../engine/paths';
import { posix } from 'node:path';
import type { TextEdit } from '../../engine/rules';
import type { Arg, Directive, Range } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { analyzeOpenvpn, fileKind, type OpenvpnContext, type OptionLine } from './analysis';
import { formatIpv4, formatRange, netRange, parseIpv4, parseNetwork, type Ipv4Net, type Ipv4Range } from './routing-net';

export type DevType = 'tun' | 'tap' | 'null';
export type Topology = 'net30' | 'p2p' | 'subnet';

export interface RouteEntry {
  /** The `route` / `iroute` option (for a pushed route: the option inside the quotes). */
  line: OptionLine;
  /** The `push` line holding it, for pushed routes. */
  push?: Directive;
  net: Ipv4Net;
  range: Ipv4Range;
  /** From the network argument to the netmask argument (or the network alone). */
  target: Range;
  gateway?: Arg;
}

export interface Pool {
  /** The `server`, `server-bridge` or `ifconfig-pool` line. */
  node: Directive;
  /** The addresses handed to clients (for `server`: its whole subnet). */
  range: Ipv4Range;
  /** The subnet clients share on the tunnel, when known (`server`, `server-bridge`, `ifconfig` in subnet/tap). */
  subnet?: Ipv4Range;
  subnetMask?: number;
}

export interface RoutingView {
  dev?: DevType;
  topology: Topology;
  /** The `topology` line in effect (the last one), if written. */
  topologyLine?: OptionLine;
  pool?: Pool;
  /** `route` lines of this file (not pushed). */
  routes: RouteEntry[];
  /** `push "route ..."` lines. */
  pushedRoutes: RouteEntry[];
  /** `iroute` lines (ccd files). */
  iroutes: RouteEntry[];
}

const views = new Memo<OpenvpnContext, RoutingView>();

export function cidr(r: Ipv4Range): string {
  return formatRange(r);
}

function last(ctx: OpenvpnContext, name: string): OptionLine | undefined {
  const all = ctx.all(name);
  return all[all.length - 1];
}

function devType(ctx: OpenvpnContext): DevType | undefined {
  const explicit = last(ctx, 'dev-type')?.node.args[0]?.value;
  const name = explicit ?? last(ctx, 'dev')?.node.args[0]?.value;
  if (!name) return undefined;
  if (name.startsWith('tun')) return 'tun';
  if (name.startsWith('tap')) return 'tap';
  if (name === 'null') return 'null';
  return undefined;
}

function routeEntry(line: OptionLine): RouteEntry | undefined {
  const [network, netmask, gateway] = line.node.args;
  if (!network) return undefined;
  // `route NET default` and a missing netmask both mean one host.
  const mask = netmask && netmask.value !== 'default' ? netmask.value : undefined;
  const net = parseNetwork(network.value, mask ?? '255.255.255.255');
  if (!net || net.bits < 0) return undefined;
  const end = netmask ? netmask.range.end : network.range.end;
  return {
    line,
    push: line.pushed ? line.node.parent : undefined,
    net,
    range: netRange(net),
    target: { start: network.range.start, end },
    gateway: line.node.name === 'iroute' ? undefined : gateway,
  };
}

function poolOf(ctx: OpenvpnContext, dev: DevType | undefined, topology: Topology): Pool | undefined {
  const server = last(ctx, 'server');
  if (server) {
    const net = parseNetwork(server.node.args[0]?.value, server.node.args[1]?.value);
    if (!net || net.bits < 0) return undefined;
    const range = netRange(net);
    return { node: server.node, range, subnet: range, subnetMask: net.mask };
  }
  const bridge = last(ctx, 'server-bridge');
  if (bridge) {
    const [ip, mask, start, end] = bridge.node.args.map((a) => a.value);
    const net = parseNetwork(ip, mask);
    const first = parseIpv4(start);
    const lastAddr = parseIpv4(end);
    if (!net || net.bits < 0 || first === undefined || lastAddr === undefined || first > lastAddr) return undefined;
    return { node: bridge.node, range: { first, last: lastAddr }, subnet: netRange(net), subnetMask: net.mask };
  }
  const pool = last(ctx, 'ifconfig-pool');
  if (pool) {
    const first = parseIpv4(pool.node.args[0]?.value);
    const lastAddr = parseIpv4(pool.node.args[1]?.value);
    if (first === undefined || lastAddr === undefined || first > lastAddr) return undefined;
    const result: Pool = { node: pool.node, range: { first, last: lastAddr } };
    const ifc = last(ctx, 'ifconfig');
    if (ifc && (dev === 'tap' || topology === 'subnet')) {
      const net = parseNetwork(ifc.node.args[0]?.value, ifc.node.args[1]?.value);
      if (net && net.bits >= 0) {
        result.subnet = netRange(net);
        result.subnetMask = net.mask;
      }
    }
    return result;
  }
  return undefined;
}

/** The routing picture of a file, computed once per analysis. */
export function routingView(ctx: OpenvpnContext): RoutingView {
  const hit = views.get(ctx);
  if (hit) return hit;
  const dev = devType(ctx);
  const topologyLine = last(ctx, 'topology');
  const t = topologyLine?.node.args[0]?.value;
  const topology: Topology = t === 'subnet' || t === 'p2p' ? t : 'net30';
  const routes: RouteEntry[] = [];
  const pushedRoutes: RouteEntry[] = [];
  const iroutes: RouteEntry[] = [];
  for (const line of ctx.lines) {
    const name = line.node.name;
    if (name !== 'route' && name !== 'iroute') continue;
    const entry = routeEntry(line);
    if (!entry) continue;
    if (name === 'iroute') {
      if (!line.pushed) iroutes.push(entry);
    } else (line.pushed ? pushedRoutes : routes).push(entry);
  }
  const view: RoutingView = { dev, topology, topologyLine, pool: poolOf(ctx, dev, topology), routes, pushedRoutes, iroutes };
  views.set(ctx, view);
  return view;
}

/** Whether a server's own `route` sends its packets into the tunnel (no gateway, vpn_gateway, or one on the tunnel). */
export function intoTunnel(r: RouteEntry, view: RoutingView): boolean {
  const gw = r.gateway?.value;
  if (!gw || gw === 'vpn_gateway' || gw === 'default') return true;
  const addr = parseIpv4(gw);
  const subnet = view.pool?.subnet ?? view.pool?.range;
  return addr !== undefined && !!subnet && subnet.first <= addr && addr <= subnet.last;
}

// ---- server <-> client-config-dir files ----

/** The absolute client-config-dir of a server file (relative paths from the file's folder), without a trailing slash. */
export function ccdDir(ctx: OpenvpnContext): string | undefined {
  const dir = ctx.first('client-config-dir')?.node.args[0]?.value;
  if (!dir) return undefined;
  const abs = posix.normalize(posix.isAbsolute(dir) ? dir : posix.join(posix.dirname(ctx.file.path), dir));
  return abs.length > 1 && abs.endsWith('/') ? abs.slice(0, -1) : abs;
}

const ccdCache = new Memo<OpenvpnContext, SourceFile[]>();

/**
 * Every ccd file of a server: those the workspace holds plus those on disk in the folder, so that
 * one opened ccd file does not hide the others. Empty when the folder is unknown or missing.
 */
export function serverCcdFiles(ctx: OpenvpnContext): SourceFile[] {
  const hit = ccdCache.get(ctx);
  if (hit) return hit;
  const dir = ccdDir(ctx);
  const out = new Map<string, SourceFile>();
  if (dir) {
    for (const f of ctx.ccdFiles()) out.set(f.path, f);
    for (const p of ctx.ws.host.glob(`${dir}/*`)) {
      if (out.has(p) || p.slice(dir.length + 1).includes('/')) continue;
      const f = ctx.ws.load(p, 'openvpn');
      if (f && f.language === 'openvpn') out.set(p, f);
    }
  }
  const files = [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
  ccdCache.set(ctx, files);
  return files;
}

/** The servers of each ccd file, in the workspace (see Workspace.derived). */
const CCD_SERVERS = {};
const MARKER = /^[ \t]*(?:--)?client-config-dir[ \t]/m;
const CONFIG_NAME = /\.(?:conf|ovpn)$/;

/**
 * For a ccd file: the server configs whose client-config-dir is this file's folder. Looks at the
 * workspace first, then at the *.conf and *.ovpn files next to the ccd folder on disk (only those
 * that name a client-config-dir are read as OpenVPN).
 */
export function serversOfCcd(ctx: OpenvpnContext): SourceFile[] {
  return ctx.ws.derivedOf(CCD_SERVERS, ctx.file, () => findServersOfCcd(ctx));
}

function findServersOfCcd(ctx: OpenvpnContext): SourceFile[] {
  const file = ctx.file;
  const ws = ctx.ws;
  const dir = posix.dirname(file.path);
  const matches = (f: SourceFile) => f !== file && f.language === 'openvpn' && fileKind(f) === 'server' && ccdDir(analyzeOpenvpn(f, ws)) === dir;
  let servers = ws.all().filter(matches);
  if (!servers.length) servers = fromDisk(ws, dir).filter(matches);
  servers.sort((a, b) => a.path.localeCompare(b.path));
  return servers;
}

function fromDisk(ws: Workspace, ccd: string): SourceFile[] {
  const parent = posix.dirname(ccd);
  if (parent === ccd) return [];
  const out: SourceFile[] = [];
  for (const p of ws.host.glob(`${parent}/*`)) {
    if (ws.get(p) || !CONFIG_NAME.test(p)) continue;
    const text = ws.host.readFile(p);
    if (text === undefined || !MARKER.test(text)) continue;
    const f = ws.load(p, 'openvpn');
    if (f) out.push(f);
  }
  return out;
}

/** The client name a ccd file stands for (its file name; DEFAULT applies to clients without one). */
export function ccdName(file: SourceFile): string {
  return baseName(file.path);
}

/** A short label for a ccd file relative to its server, e.g. `ccd/alice`. */
export function ccdLabel(file: SourceFile): string {
  const parts = file.path.split('/');
  return parts.slice(-2).join('/');
}

// ---- edits ----

/** Appends a line at the end of a file. */
export function appendLine(file: SourceFile, text: string): TextEdit {
  const lines = file.lines;
  const lastLine = lines.lineCount - 1;
  const end = { line: lastLine, character: lines.lineEnd(lastLine) - lines.starts[lastLine] };
  const nl = lineBreakOf(file);
  const endsWithBreak = file.text.length === 0 || /\r?\n$|\r$/.test(file.text);
  return { path: file.path, range: { start: end, end }, newText: endsWithBreak ? `${text}${nl}` : `${nl}${text}` };
}

/** Inserts a line after the given (0-based) line of a file. */
export function insertAfterLine(file: SourceFile, line: number, text: string): TextEdit {
  const lines = file.lines;
  const at = { line, character: lines.lineEnd(line) - lines.starts[line] };
  return { path: file.path, range: { start: at, end: at }, newText: `${lineBreakOf(file)}${text}` };
}

/** `NET MASK` as OpenVPN writes a route target. */
export function routeArgs(r: Ipv4Range): string {
  const size = r.last - r.first + 1;
  return `${formatIpv4(r.first)} ${formatIpv4((~(size - 1)) >>> 0)}`;
}

// ---- pushed options ----

/** The options a file pushes, by name (`push "dhcp-option DNS ..."` gives `dhcp-option`). */
export function pushedOptions(ctx: OpenvpnContext, name: string): OptionLine[] {
  return ctx.lines.filter((l) => l.pushed && l.node.name === name);
}

/** Whether a line sets a DNS server: `dhcp-option DNS|DNS6 addr` or `dns server N address addr`. */
export function isDnsServer(line: OptionLine): boolean {
  const [a0, a1, a2] = line.node.args.map((a) => a.value);
  if (line.node.name === 'dhcp-option') return (a0 === 'DNS' || a0 === 'DNS6') && !!a1;
  if (line.node.name === 'dns') return a0 === 'server' && a2 === 'address';
  return false;
}

/** Where to point at a file in `related`: its first line of one of `names`, else its first option, else its start. */
export function anchor(ctx: OpenvpnContext, ...names: string[]): Range {
  for (const n of names) {
    const l = ctx.first(n);
    if (l) return l.node.range;
  }
  return ctx.lines[0]?.node.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
