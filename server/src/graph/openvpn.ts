// OpenVPN in the relay graph: each server (address, proto, port) with its tunnel subnet, its own
// routes and the routes it pushes; the clients of its client-config-dir with their iroutes; and
// each client config's tunnel to its paired server (by port and proto), or to the remote as written.
import { posix } from 'node:path';
import type { Range } from '../engine/syntax';
import type { SourceFile } from '../engine/workspace';
import { analyzeOpenvpn, type OpenvpnContext } from '../dialects/openvpn/analysis';
import { ccdLabel, ccdName, intoTunnel, pushedOptions, routingView, serverCcdFiles, type RouteEntry } from '../dialects/openvpn/routing-view';
import { formatRange } from '../dialects/openvpn/routing-net';
import { connectionEntries, isWildcardHost, lastOf, type ConnectionEntry } from '../dialects/openvpn/transport-model';
import { headRange, type GraphBuilder } from './builder';
import type { GraphNode, HopProtocol, SourceRef } from './model';

/** Where a VPN server listens, so other configs (an nginx stream relay, a client) can join to it. */
export interface VpnEndpoint {
  node: GraphNode;
  path: string;
  /** The `local` address, when set (else every address). */
  host?: string;
  port: number;
  proto: 'udp' | 'tcp';
}

export function wholeFile(file: SourceFile): Range {
  return file.lines.range(0, file.text.length);
}

function entryRanges(file: SourceFile, e: ConnectionEntry): SourceRef[] {
  const out: SourceRef[] = [];
  if (e.remote) out.push({ path: file.path, range: headRange(e.remote) });
  if (e.portFrom) out.push({ path: file.path, range: e.portFrom.range });
  if (e.protoFrom) out.push({ path: file.path, range: e.protoFrom.range });
  return out;
}

/** Adds one OpenVPN server file (with its ccd files); returns where it listens. */
export function addOpenvpnServer(b: GraphBuilder, ctx: OpenvpnContext): VpnEndpoint {
  const file = ctx.file;
  const rel = b.rel(file.path);
  const here = (range: Range): SourceRef => ({ path: file.path, range });
  b.group = b.groupOf(file.path);
  const entry = connectionEntries(ctx)[0];
  const local = lastOf(ctx, 'local')?.args[0]?.value;
  const host = local && !isWildcardHost(local) ? local : undefined;
  const port = Number(entry.localPort) || 1194;
  const proto = entry.proto.family;
  const anchor = ctx.first('server')?.node ?? ctx.first('port')?.node ?? ctx.first('proto')?.node;
  const server = b.node(
    { id: `ovpn-server:${rel}`, kind: 'vpn-server', label: `OpenVPN ${proto} ${host ?? '*'}:${port}`, detail: posix.basename(rel), side: 1, ...(anchor ? { source: here(headRange(anchor)) } : {}) },
    { ranges: entryRanges(file, entry).concat(entry.localPortFrom ? [here(headRange(entry.localPortFrom))] : []), scopes: [here(wholeFile(file))] },
  );
  const view = routingView(ctx);
  const subnet = (cidr: string, detail: string) => b.node({ id: `ovpn-subnet:${rel}:${cidr}`, kind: 'subnet', label: cidr, detail, side: 3 });
  const pool = view.pool?.subnet ?? view.pool?.range;
  if (pool && view.pool) {
    const s = subnet(formatRange(pool), 'VPN tunnel subnet');
    b.hop({ from: server.id, to: s.id, layer: 3, protocol: 'ip', kind: 'route', label: 'tunnel subnet', source: here(headRange(view.pool.node)) });
  }
  const route = (r: RouteEntry, label: string) => {
    const s = subnet(formatRange(r.range), 'routed network');
    const line = r.push ?? r.line.node;
    b.hop({ from: server.id, to: s.id, layer: 3, protocol: 'ip', kind: 'route', label, source: here(headRange(line)) }, { ranges: [here(r.target)] });
  };
  for (const r of view.routes) route(r, intoTunnel(r, view) ? 'route into the tunnel' : `route via ${r.gateway?.value}`);
  for (const r of view.pushedRoutes) route(r, 'route pushed to clients');
  // redirect-gateway sends all of a client's traffic through the server.
  for (const line of pushedOptions(ctx, 'redirect-gateway').slice(0, 1)) {
    const s = subnet('0.0.0.0/0', 'all other traffic');
    b.hop({ from: server.id, to: s.id, layer: 3, protocol: 'ip', kind: 'route', label: 'redirect-gateway pushed to clients', source: here(headRange(line.node.parent ?? line.node)) });
  }
  const tunnel = { layer: 4 as const, protocol: proto as HopProtocol, port, kind: 'vpn-tunnel' as const, bidirectional: true };
  for (const ccd of serverCcdFiles(ctx)) {
    const cctx = analyzeOpenvpn(ccd, ctx.ws);
    const crel = b.rel(ccd.path);
    const first = ccd.parse.tree[0];
    const node = b.node(
      { id: `ovpn-ccd:${crel}`, kind: 'vpn-client', label: ccdName(ccd), detail: `client, ${ccdLabel(ccd)}`, side: 2, ...(first ? { source: { path: ccd.path, range: headRange(first) } } : {}) },
      { scopes: [{ path: ccd.path, range: wholeFile(ccd) }] },
    );
    b.hop({ from: server.id, to: node.id, ...tunnel, label: 'tunnel' });
    for (const r of routingView(cctx).iroutes) {
      const s = subnet(formatRange(r.range), 'routed network');
      b.hop({ from: node.id, to: s.id, layer: 3, protocol: 'ip', kind: 'iroute', label: 'iroute', source: { path: ccd.path, range: headRange(r.line.node) } });
    }
  }
  return { node: server, path: file.path, host, port, proto };
}

/** Adds one OpenVPN client file: a tunnel per connection entry, to the paired server when one matches. */
export function addOpenvpnClient(b: GraphBuilder, ctx: OpenvpnContext, servers: readonly VpnEndpoint[]): void {
  const file = ctx.file;
  const rel = b.rel(file.path);
  b.group = b.groupOf(file.path);
  const peers = new Set(ctx.peers().map((p) => p.path));
  const candidates = servers.filter((s) => peers.has(s.path));
  const first = ctx.first('client')?.node ?? file.parse.tree[0];
  const client = b.node(
    { id: `ovpn-client:${rel}`, kind: 'vpn-client', label: rel.slice(rel.lastIndexOf('/') + 1).replace(/\.(conf|ovpn)$/, ''), detail: 'OpenVPN client', side: 0, ...(first ? { source: { path: file.path, range: headRange(first) } } : {}) },
    { scopes: [{ path: file.path, range: wholeFile(file) }] },
  );
  for (const e of connectionEntries(ctx)) {
    if (!e.host) continue;
    const port = Number(e.port) || 1194;
    // The paired server when it listens on that port (the proto may differ: that is a finding to show).
    // An address on both sides that differs rules a server out (a name may resolve to anything).
    const host = e.host;
    const fits = candidates.filter((s) => !s.host || !/^[\d.]+$|:/.test(host) || s.host === host);
    const match = fits.length === 1 ? fits[0] : fits.find((s) => s.port === port && s.proto === e.proto.family) ?? fits.find((s) => s.port === port);
    const to =
      match?.node ??
      b.node({ id: `ovpn-remote:${rel}:${e.host}:${port}`, kind: 'vpn-server', label: `${e.host}:${port}`, detail: 'OpenVPN server (config not in the workspace)', side: 1 });
    const ranges = entryRanges(file, e);
    b.hop({ from: client.id, to: to.id, layer: 4, protocol: e.proto.family, port, kind: 'vpn-tunnel', bidirectional: true, label: `remote ${e.host}`, ...(ranges[0] ? { source: ranges[0] } : {}) }, { ranges });
  }
}
