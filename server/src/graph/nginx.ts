// nginx in the relay graph: each server block's listeners (address:port, TLS or not, http or
// stream) -> the upstream group or address each *_pass sends to -> each upstream server. TLS
// termination, passthrough (ssl_preread SNI routing) and re-encryption are marked on the hops.
import type { Layer } from '../engine/layers';
import { listenOf } from '../dialects/nginx/listen';
import { defaultPort, parseTarget, type Target } from '../dialects/nginx/target';
import { headRange, type GraphBuilder } from './builder';
import type { GraphNode, HopKind, HopProtocol, SourceRef, TlsMode } from './model';
import type { NginxConfig, PassSite, Placed, ServerBlock } from './nginx-config';

/** Finds the node of another config that listens on host:port (an OpenVPN server), for joins. */
export type EndpointLookup = (host: string, port: number, proto: 'tcp' | 'udp', fromPath: string) => GraphNode | undefined;

const PASS_PROTOCOL: Record<string, HopProtocol> = { grpc_pass: 'grpc', fastcgi_pass: 'fastcgi', uwsgi_pass: 'uwsgi', scgi_pass: 'scgi', memcached_pass: 'memcached' };

const at = (p: Placed): SourceRef => ({ path: p.path, range: headRange(p.node) });
const scope = (p: Placed): SourceRef => ({ path: p.path, range: p.node.range });

function on(server: ServerBlock, name: string): boolean {
  return server.settings.get(name)?.node.args[0]?.value === 'on';
}

interface Listener {
  node: GraphNode;
  tls: boolean;
  udp: boolean;
}

/**
 * The listeners of a server block: its listen lines grouped by how they take traffic (TLS or not,
 * UDP or TCP), so `listen 80` and `listen [::]:80` share a box but `listen 443 ssl` gets its own.
 */
function addListeners(b: GraphBuilder, config: NginxConfig, server: ServerBlock): Listener[] {
  const rel = b.rel(config.root.path);
  const sslOn = on(server, 'ssl');
  const groups = new Map<string, { tls: boolean; udp: boolean; keys: string[]; lines: Placed[] }>();
  for (const l of server.listens) {
    const socket = listenOf(l.node, server.family === 'http' ? 80 : NaN);
    const tls = !!socket?.params.has('ssl') || sslOn;
    const udp = !!(socket?.params.has('udp') || socket?.params.has('quic'));
    const key = `${tls}:${udp}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { tls, udp, keys: [], lines: [] }));
    const text = socket?.key ?? l.node.args[0]?.value ?? '?';
    if (!g.keys.includes(text)) g.keys.push(text);
    g.lines.push(l);
  }
  if (!groups.size) groups.set('default', { tls: sslOn, udp: false, keys: [server.family === 'http' ? '*:80' : '(no listen)'], lines: [] });
  const name = server.settings.get('server_name')?.node.args.map((a) => a.value).join(' ');
  return [...groups.values()].map((g) => {
    const label = g.keys.join(', ');
    const proto = server.family === 'http' ? (g.tls ? 'https' : 'http') : `stream ${g.udp ? 'udp' : 'tcp'}${g.tls ? ' + TLS' : ''}`;
    const source = g.lines[0] ? at(g.lines[0]) : { path: server.path, range: headRange(server.node) };
    const node = b.node(
      { id: `nginx-listen:${rel}:${server.family}:${label}${name ? `:${name}` : ''}`, kind: 'listener', label, detail: name ? `${proto} ${name}` : proto, side: 0, source },
      { ranges: g.lines.slice(1).map(at), scopes: [scope(server)] },
    );
    return { node, tls: g.tls, udp: g.udp };
  });
}

function targetText(t: Target, port: number | undefined): string {
  if (t.unix) return `unix:${t.unix}`;
  return port === undefined ? t.host : `${t.host}:${port}`;
}

interface Relay {
  b: GraphBuilder;
  config: NginxConfig;
  server: ServerBlock;
  listener: Listener;
  lookup: EndpointLookup;
}

/** The node a target address stands for: a VPN server listening there, else an upstream server node. */
function addressNode(r: Relay, t: Target, port: number | undefined, source: SourceRef, proto: 'tcp' | 'udp'): GraphNode {
  if (r.server.family === 'stream' && port !== undefined && !t.unix) {
    const joined = r.lookup(t.host, port, proto, r.config.root.path);
    if (joined) return joined;
  }
  const text = targetText(t, port);
  return r.b.node({ id: `nginx-server:${r.b.rel(r.config.root.path)}:${r.server.family}:${text}`, kind: 'upstream-server', label: text, side: 2, source });
}

/** The upstream group a target names, with hops to each of its servers. */
function upstreamNode(r: Relay, t: Target): GraphNode | undefined {
  if (t.port !== undefined || t.unix || t.variable) return undefined;
  const up = r.config.upstreams.get(`${r.server.family}:${t.host}`);
  if (!up) return undefined;
  const rel = r.b.rel(r.config.root.path);
  const id = `nginx-upstream:${rel}:${r.server.family}:${up.node.args[0].value}`;
  const fresh = !r.b.hasNode(id);
  const group = r.b.node({ id, kind: 'upstream-group', label: `upstream ${up.node.args[0].value}`, side: 1, source: at(up) }, { scopes: [scope(up)] });
  if (!fresh) return group;
  const proto = r.listener.udp ? 'udp' : 'tcp';
  for (const s of up.node.children ?? []) {
    if (s.name !== 'server' || !s.args[0]) continue;
    const member = parseTarget(s.args[0].value);
    const port = member.port ?? (member.unix ? undefined : r.server.family === 'http' ? 80 : undefined);
    const source = at({ node: s, path: up.path });
    const node = addressNode(r, member, port, source, proto);
    const flags = s.args.slice(1).map((a) => a.value).filter((v) => v === 'backup' || v === 'down');
    r.b.hop({ from: group.id, to: node.id, layer: 4, protocol: proto, port, kind: 'upstream-member', ...(flags.length ? { label: flags.join(' ') } : {}), source }, { scopes: [scope(up)] });
  }
  return group;
}

function tlsMode(listenerTls: boolean, upstreamTls: boolean, preread: boolean): TlsMode | undefined {
  if (listenerTls) return upstreamTls ? 'reencrypt' : 'terminate';
  if (upstreamTls) return 'originate';
  return preread ? 'passthrough' : undefined;
}

function addPass(r: Relay, pass: PassSite): void {
  const arg = pass.node.args[0];
  if (!arg) return;
  const source = at(pass);
  const scopes = [scope(r.server), ...pass.locations.map(scope)];
  const http = r.server.family === 'http';
  const t = parseTarget(arg.value);
  const location = pass.locations[pass.locations.length - 1]?.node.args.map((a) => a.value).join(' ');
  const proto: 'tcp' | 'udp' = r.listener.udp ? 'udp' : 'tcp';
  const upstreamTls = http ? t.scheme === 'https' || t.scheme === 'grpcs' : on(r.server, 'proxy_ssl');
  const preread = !http && on(r.server, 'ssl_preread');
  const tls = tlsMode(r.listener.tls, upstreamTls, preread);
  const protocol: HopProtocol = http ? (PASS_PROTOCOL[pass.node.name] ?? (upstreamTls ? 'https' : 'http')) : proto;
  const kind: HopKind = http ? 'proxy' : 'stream-proxy';
  const layer: Layer = http ? 7 : 4;
  const hop = (to: GraphNode, port: number | undefined, extra: { kind?: HopKind; layer?: Layer; protocol?: HopProtocol; label?: string; tls?: TlsMode } = {}, ranges: SourceRef[] = []) =>
    r.b.hop({ from: r.listener.node.id, to: to.id, layer, protocol, port, kind, ...(location ? { label: location } : {}), ...(tls ? { tls } : {}), ...extra, source }, { scopes, ranges });

  if (t.variable && !http) {
    const routed = mapTargets(r, arg.value);
    if (routed) {
      const sni = routed.source === '$ssl_preread_server_name';
      for (const entry of routed.entries) {
        const to = addressNode(r, entry.target, entry.target.port, entry.at, proto);
        const how = sni ? { kind: 'sni-route' as const, layer: 6 as const, protocol: 'tls' as const, label: entry.key, tls: r.listener.tls ? ('terminate' as const) : ('passthrough' as const) } : { label: `${routed.source} = ${entry.key}` };
        hop(to, entry.target.port, how, [entry.at]);
      }
      return;
    }
  }
  const group = upstreamNode(r, t);
  if (group) {
    hop(group, undefined);
    return;
  }
  const port = t.port ?? (http ? defaultPort(t.scheme ?? 'http') : undefined);
  const to = t.variable
    ? r.b.node({ id: `nginx-server:${r.b.rel(r.config.root.path)}:${r.server.family}:${arg.value}`, kind: 'upstream-server', label: arg.value, detail: 'chosen at run time', side: 2, source })
    : addressNode(r, t, port, source, proto);
  hop(to, port);
}

/** The entries of the `map` that sets a stream target variable: `map $ssl_preread_server_name $backend { ... }`. */
function mapTargets(r: Relay, value: string): { source: string; entries: { key: string; target: Target; at: SourceRef }[] } | undefined {
  if (!/^\$\w+$/.test(value)) return undefined;
  const map = r.config.maps.get(`${r.server.family}:${value}`);
  if (!map) return undefined;
  const entries: { key: string; target: Target; at: SourceRef }[] = [];
  for (const c of map.node.children ?? []) {
    if (!c.args[0] || c.name === 'hostnames' || c.name === 'volatile') continue;
    const target = parseTarget(c.args[0].value);
    if (target.variable) continue;
    entries.push({ key: c.name, target, at: at({ node: c, path: map.path }) });
  }
  return { source: map.node.args[0].value, entries };
}

/** Adds the relay graph of one nginx configuration. */
export function addNginx(b: GraphBuilder, config: NginxConfig, lookup: EndpointLookup): void {
  b.group = b.groupOf(config.root.path);
  for (const server of config.servers) {
    for (const listener of addListeners(b, config, server)) {
      const r: Relay = { b, config, server, listener, lookup };
      for (const pass of server.passes) addPass(r, pass);
    }
  }
}
