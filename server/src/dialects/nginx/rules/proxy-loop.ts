// proxy_pass pointing back at the server's own listener: every request (or connection) is
// relayed into the same server again, until connections run out.
import type { Directive } from '../../../engine/syntax';
import type { Related } from '../../../engine/rules';
import type { NginxContext, ServerInfo } from '../analysis';
import type { ListenSocket } from '../listen';
import { childrenNamed, effective, enclosing } from '../scope';
import { passesOf, type PassInfo } from '../relay-targets';
import { configServers } from '../relay-graph';
import { defaultPort, isLoopback, targetSocketOrPort, upstreamLinesOf } from '../target';
import { configUpstreams, type Upstreams } from '../upstreams';
import { argValueOf } from '../tree';
import type { NginxRule } from './types';

interface Endpoint {
  host: string;
  port?: number;
  unix?: string;
  /** The upstream `server` line it comes from, when the target is a group. */
  via?: { node: Directive; path: string };
}

interface Listener {
  socket: ListenSocket;
  directive?: Directive;
}

/** Exact (non-wildcard, non-regex) server names, lower-cased. */
function exactNames(server: Directive): string[] {
  return childrenNamed(server, 'server_name').flatMap((d) => d.args.map((a) => a.value.toLowerCase())).filter((n) => n && !n.startsWith('~') && !n.includes('*') && !n.startsWith('$'));
}

/** Whether a wildcard server name (lower case: `*.example.com`, `.example.com`, `www.example.*`) matches `host`. */
function wildcardMatches(n: string, host: string): boolean {
  return (n.startsWith('*.') && host.endsWith(n.slice(1))) || (n.startsWith('.') && (host === n.slice(1) || host.endsWith(n))) || (n.endsWith('.*') && host.startsWith(n.slice(0, -1)));
}

function nameMatches(server: Directive, host: string): boolean {
  for (const d of childrenNamed(server, 'server_name')) {
    for (const a of d.args) {
      const n = a.value.toLowerCase();
      if (n === host || wildcardMatches(n, host)) return true;
    }
  }
  return false;
}

/** Whether a connection to `host` reaches a socket bound to `bound` on this machine. */
function reaches(bound: string, host: string, names: string[]): boolean {
  if (bound === '*') return (isLoopback(host) && !host.startsWith('[')) || names.includes(host);
  if (bound === '[::]') return host === '[::1]' || host === 'localhost' || names.includes(host);
  if (isLoopback(bound)) return isLoopback(host) && (host === 'localhost' || bound === 'localhost' || host.startsWith('[') === bound.startsWith('['));
  return bound === host;
}

function listenersOf(info: ServerInfo): Listener[] {
  if (info.listens.length) return info.listens.map((l) => ({ socket: l.socket, directive: l.directive }));
  // No listen at all: an http server listens on *:80.
  return info.family === 'http' ? [{ socket: { host: '*', port: 80, ipv6: false, params: new Set(), key: '*:80' } }] : [];
}

/** Where the pass sends its traffic: the target itself, or the server lines of the upstream it names. */
function endpointsOf(ctx: NginxContext, p: PassInfo, family: 'http' | 'stream', upstreams: Upstreams): Endpoint[] {
  const t = p.target;
  if (t.unix !== undefined) return [{ host: '', unix: t.unix }];
  if (t.port === undefined) {
    const groups = upstreams.get(t.host) ?? [];
    if (groups.length) {
      const out: Endpoint[] = [];
      for (const g of groups) {
        for (const { node: s, target: st } of upstreamLinesOf(ctx.ws, g.node)) {
          if (st.variable) continue;
          out.push({ host: st.host, port: st.port ?? (family === 'http' ? 80 : undefined), unix: st.unix, via: { node: s, path: g.file.path } });
        }
      }
      return out;
    }
  }
  return [{ host: t.host, port: t.port ?? defaultPort(t.scheme) }];
}

/** The ports (or unix paths) a server listens on, quic ones left out; a server without listen has *:80. */
function ownPortsOf(info: ServerInfo): (number | string)[] {
  if (!info.listens.length) return info.family === 'http' ? [80] : [];
  let n = 0;
  for (const l of info.listens) if (!l.socket.params.has('quic')) n++;
  const ports = new Array<number | string>(n);
  n = 0;
  for (const l of info.listens) if (!l.socket.params.has('quic')) ports[n++] = l.socket.unix ?? l.socket.port ?? NaN;
  return ports;
}

/** Per upstream map (one per configuration and family): every port or unix path its server lines reach; in the workspace (see Workspace.derived). */
const REACHED = {};
const newReached = () => new Map<Upstreams, Set<number | string>>();

const NO_NODES: readonly Directive[] = [];

/** The ports and unix paths of every endpoint an upstream of the map gives (as endpointsOf makes them). */
function upstreamsReach(ctx: NginxContext, upstreams: Upstreams, family: 'http' | 'stream'): Set<number | string> {
  const reachedByUpstreams = ctx.ws.derived(REACHED, newReached);
  let reached = reachedByUpstreams.get(upstreams);
  if (!reached) {
    reached = new Set();
    for (const groups of upstreams.values()) {
      // Only the socket or port of each line: parsing whole targets here is left to the few upstreams a pass names.
      for (const g of groups) {
        for (const s of g.node.children ?? NO_NODES) {
          const raw = s.name === 'server' ? argValueOf(s, 0) : undefined;
          if (raw !== undefined && !raw.includes('$')) reached.add(targetSocketOrPort(raw) ?? (family === 'http' ? 80 : NaN));
        }
      }
    }
    reachedByUpstreams.set(upstreams, reached);
  }
  return reached;
}

/**
 * Whether some endpoint of the pass (endpointsOf) is on a port (or unix path) of `ports`, the
 * server's own: most targets are not, and this tells so without building the endpoints.
 * `upstreamsMayReach` is false when no upstream line of the configuration reaches one of `ports`.
 */
function reachesOwnPort(ctx: NginxContext, p: PassInfo, family: 'http' | 'stream', upstreams: Upstreams, ports: (number | string)[], upstreamsMayReach: boolean): boolean {
  const t = p.target;
  if (t.unix !== undefined) return ports.includes(t.unix);
  if (t.port === undefined) {
    const groups = upstreams.get(t.host);
    if (groups?.length) {
      if (!upstreamsMayReach) return false;
      for (const g of groups) {
        for (const { target: st } of upstreamLinesOf(ctx.ws, g.node)) {
          if (!st.variable && ports.includes(st.unix ?? st.port ?? (family === 'http' ? 80 : NaN))) return true;
        }
      }
      return false;
    }
  }
  return ports.includes(t.port ?? defaultPort(t.scheme) ?? NaN);
}

/** The URI a location hands on unchanged: its prefix, for plain prefix and exact locations. */
function locationPrefix(loc: Directive): string | undefined {
  const a = loc.args.map((x) => x.value);
  if (a.length === 1 && !a[0].startsWith('@')) return a[0];
  if (a.length === 2 && (a[0] === '=' || a[0] === '^~')) return a[1];
  return undefined;
}

export const proxyLoop: NginxRule = {
  id: 'nginx/proxy-loop',
  language: 'nginx',
  layer: 4,
  severity: 'warning',
  summary: "proxy_pass whose target is the server's own listener, so traffic is relayed back into itself.",
  check(ctx, report) {
    let byPort: Map<number, ServerInfo[]> | undefined;
    const indexes = new Map<number, SocketIndex>();
    const onPort = (port: number): SocketIndex => {
      let index = indexes.get(port);
      if (!index) indexes.set(port, (index = socketIndex(serversOnPort(port))));
      return index;
    };
    const serversOnPort = (port: number): ServerInfo[] => {
      if (!byPort) {
        byPort = new Map();
        for (const s of configServers(ctx)) {
          if (s.family !== 'http') continue;
          const own = new Set(s.listens.length ? s.listens.filter((l) => !l.socket.params.has('quic')).map((l) => l.socket.port) : [80]);
          for (const p of own) {
            if (p === undefined) continue;
            const list = byPort.get(p);
            if (list) list.push(s);
            else byPort.set(p, [s]);
          }
        }
      }
      return byPort.get(port) ?? [];
    };
    // The server of the last pass, its ports (or unix paths), and whether an upstream line
    // reaches one of them: passes come server by server.
    let server: Directive | undefined;
    let info: ServerInfo | undefined;
    let ports: (number | string)[] = [];
    let upstreamsMayReach = false;
    let httpUpstreams: Upstreams | undefined;
    let streamUpstreams: Upstreams | undefined;
    for (const p of passesOf(ctx)) {
      if (p.node.name !== 'proxy_pass' || p.target.variable) continue;
      const block = enclosing(p.node, 'server');
      if (!block) continue;
      if (block !== server) {
        server = block;
        info = ctx.serverInfo(block);
        if (info && (info.family === 'http' || info.family === 'stream')) {
          ports = ownPortsOf(info);
          const upstreams = info.family === 'http' ? (httpUpstreams ??= configUpstreams(ctx, 'http')) : (streamUpstreams ??= configUpstreams(ctx, 'stream'));
          const reached = upstreamsReach(ctx, upstreams, info.family);
          upstreamsMayReach = ports.some((port) => reached.has(port));
        }
      }
      if (!info || (info.family !== 'http' && info.family !== 'stream')) continue;
      const family = info.family;
      const t = p.target;
      if (family === 'http' && t.scheme !== 'http' && t.scheme !== 'https') continue;
      const upstreams = family === 'http' ? httpUpstreams! : streamUpstreams!;
      if (!reachesOwnPort(ctx, p, family, upstreams, ports, upstreamsMayReach)) continue;
      const endpoints = endpointsOf(ctx, p, family, upstreams).filter((e) => ports.includes(e.unix ?? e.port ?? NaN));
      const own = { listeners: listenersOf(info).filter((l) => !l.socket.params.has('quic')) };
      let tls: boolean;
      if (family === 'http') {
        // Conditions and rewrites may send the relayed request elsewhere: not a certain loop.
        if (enclosing(p.node, 'if')) continue;
        const loc = enclosing(p.node, 'location');
        if (loc && childrenNamed(loc, 'rewrite').length) continue;
        if (t.path !== undefined && (!loc || locationPrefix(loc) !== t.path)) continue;
        tls = t.scheme === 'https';
      } else {
        tls = effective(p.node.parent, 'proxy_ssl')[0]?.args[0]?.value === 'on';
      }
      const names = family === 'http' ? exactNames(block) : [];
      let hit: { e: Endpoint; l: Listener } | undefined;
      for (const e of endpoints) {
        for (const l of own.listeners) {
          const s = l.socket;
          if (e.unix !== undefined ? s.unix !== e.unix : s.unix !== undefined || s.port !== e.port || !reaches(s.host, e.host, names)) continue;
          if (s.params.has('ssl') !== tls) continue;
          hit = { e, l };
          break;
        }
        if (hit) break;
      }
      if (!hit) continue;
      if (family === 'http' && !routedBack(p, info, hit.l.socket, hit.e.via ? t.host : hit.e.host, onPort(hit.l.socket.port ?? 80))) continue;
      const dest = hit.e.unix !== undefined ? `unix:${hit.e.unix}` : `${hit.e.host}:${hit.e.port}`;
      const listenAt = hit.l.directive ? `listen ${hit.l.directive.args.map((a) => a.value).join(' ')}, line ${hit.l.directive.nameRange.start.line + 1}` : 'the default listen *:80';
      const lead = hit.e.via ? `Upstream "${t.host}" sends this traffic to ${dest} (its server line ${hit.e.via.node.nameRange.start.line + 1}), which is` : `This proxy_pass sends its traffic to ${dest}, which is`;
      const effect =
        family === 'http'
          ? 'each request is relayed back into this same server, over and over, until nginx runs out of connections and clients get 500/502/504 errors (L4)'
          : 'each connection opens another connection to itself, over and over, until worker_connections run out (L4)';
      const related: Related[] = [];
      if (hit.l.directive) related.push({ path: ctx.file.path, range: hit.l.directive.args[0].range, message: 'the listener the traffic comes back to' });
      if (hit.e.via) related.push({ path: hit.e.via.path, range: hit.e.via.node.args[0].range, message: 'upstream server pointing back at this server' });
      report({
        range: p.arg.range,
        message: `${lead} this server's own listener (${listenAt}): ${effect}; point it at the backend's real address or port.`,
        related,
      });
    }
  },
};

/** A `:port` at the end of a Host header value. */
const PORT_SUFFIX = /:\d+$/;

/**
 * In http, the relayed request comes back on the socket and nginx picks a server by its Host
 * header. It comes back to this server when the header is passed through ($host), names this
 * server, or names no other server on the socket while this one is the default.
 */
function routedBack(p: PassInfo, info: ServerInfo, socket: ListenSocket, proxyHost: string, sharing: SocketIndex): boolean {
  const header = effective(p.node.parent, 'proxy_set_header').find((d) => d.args[0]?.value.toLowerCase() === 'host');
  let sent = proxyHost;
  if (header) {
    const v = header.args[1]?.value ?? '';
    if (v === '$host' || v === '$http_host') return true;
    if (v.includes('$')) return false;
    sent = v.toLowerCase().replace(PORT_SUFFIX, '');
  }
  if (nameMatches(info.node, sent)) return true;
  // The other servers on the socket (`sharing` without this one), through the socket's indexes:
  // a config where many servers loop back would otherwise compare each with all the others.
  if (sharing.otherMatches(info, sent)) return false;
  if (socket.params.has('default_server') || socket.params.has('default')) return true;
  // Without an explicit default, the first server on the socket is the default: decidable
  // when every other one is in this file.
  const explicit = sharing.defaultsOn(socket.port).some((o) => o.node !== info.node);
  return !explicit && sharing.othersAfter(info);
}

/** The http servers that share a port, with the lookups routedBack makes on them. */
interface SocketIndex {
  servers: ServerInfo[];
  /** Whether a server other than `info` has a server_name matching `host` (nameMatches). */
  otherMatches(info: ServerInfo, host: string): boolean;
  /** The servers with a default_server (or default) listen on `port`. */
  defaultsOn(port: number | undefined): ServerInfo[];
  /** Whether every server other than `info` stands in info's file, after it. */
  othersAfter(info: ServerInfo): boolean;
}

function startsBefore(a: Directive, b: Directive): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}

function socketIndex(servers: ServerInfo[]): SocketIndex {
  let exact: Map<string, ServerInfo[]> | undefined;
  let wild: { name: string; server: ServerInfo }[] | undefined;
  const defaults = new Map<number | undefined, ServerInfo[]>();
  let byPath: Map<string, ServerInfo[]> | undefined;
  const names = (): void => {
    exact = new Map();
    wild = [];
    for (const s of servers) {
      for (const d of childrenNamed(s.node, 'server_name')) {
        for (const a of d.args) {
          const n = a.value.toLowerCase();
          const list = exact.get(n);
          if (list) list.push(s);
          else exact.set(n, [s]);
          if (n.startsWith('*.') || n.startsWith('.') || n.endsWith('.*')) wild.push({ name: n, server: s });
        }
      }
    }
  };
  return {
    servers,
    otherMatches(info, host) {
      if (!exact) names();
      if (exact!.get(host)?.some((s) => s.node !== info.node)) return true;
      return wild!.some((w) => w.server.node !== info.node && wildcardMatches(w.name, host));
    },
    defaultsOn(port) {
      let list = defaults.get(port);
      if (!list) {
        list = servers.filter((o) => o.listens.some((l) => l.socket.port === port && (l.socket.params.has('default_server') || l.socket.params.has('default'))));
        defaults.set(port, list);
      }
      return list;
    },
    othersAfter(info) {
      if (!byPath) {
        // Per file, its servers in document order.
        byPath = new Map();
        for (const s of servers) {
          const list = byPath.get(s.path);
          if (list) list.push(s);
          else byPath.set(s.path, [s]);
        }
        for (const list of byPath.values()) list.sort((a, b) => (startsBefore(a.node, b.node) ? -1 : startsBefore(b.node, a.node) ? 1 : 0));
      }
      const own = byPath.get(info.path) ?? [];
      const self = own.filter((s) => s.node === info.node).length;
      const otherPaths = servers.length - own.length;
      if (otherPaths > 0) return false;
      if (own.length === self) return true;
      // The first other server of this file must come after this one.
      const first = own.find((s) => s.node !== info.node)!;
      return startsBefore(info.node, first.node);
    },
  };
}
