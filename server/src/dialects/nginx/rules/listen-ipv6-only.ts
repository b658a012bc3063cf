// A server that listens on the IPv6 wildcard for a port but not on IPv4: IPv6 sockets are
// IPv6-only by default (nginx 1.3.4 and later), so IPv4 clients never reach this server.
import { listensOnPort, loadedServer, type LoadedConfig, type LoadedListen, type LoadedServer } from '../listeners-config';
import { Memo } from '../../../engine/memo';
import type { Directive } from '../../../engine/syntax';
import { hasFlag, listenParam } from '../listeners-sockets';
import type { NginxRule } from './types';

/** Listen parameters that set options of the socket itself, which only one server may give. */
const SOCKET_OPTIONS = /^(backlog|rcvbuf|sndbuf|accept_filter|ipv6only|so_keepalive|fastopen|setfib)=|^(deferred|bind|reuseport)$/;

const protoOf = (l: LoadedListen): 'tcp' | 'udp' => (hasFlag(l.directive, 'udp') || hasFlag(l.directive, 'quic') ? 'udp' : 'tcp');
const isDefault = (l: LoadedListen): boolean => hasFlag(l.directive, 'default_server') || hasFlag(l.directive, 'default');

/** Listens of a port counted per server, to ask about "the other servers" without a pass each time. */
class PerServer {
  private total = 0;
  private readonly byServer = new Map<LoadedServer, number>();
  add(l: LoadedListen): void {
    this.total++;
    this.byServer.set(l.server, (this.byServer.get(l.server) ?? 0) + 1);
  }
  /** How many of the listens belong to servers other than `server`. */
  count(server: LoadedServer): number {
    return this.total - (this.byServer.get(server) ?? 0);
  }
  other(server: LoadedServer): boolean {
    return this.count(server) > 0;
  }
}

interface PortSummary {
  /** Listens with a dual-stack IPv6 wildcard socket. */
  dualStack: PerServer;
  /** Listens with an IPv4 wildcard socket, and those of them that are default servers. */
  v4: PerServer;
  v4Default: PerServer;
}

const summaries = new Memo<LoadedConfig, Map<string, PortSummary>>();

function summary(config: LoadedConfig, port: number, proto: 'tcp' | 'udp'): PortSummary {
  let byKey = summaries.get(config);
  if (!byKey) summaries.set(config, (byKey = new Map()));
  const key = `${port}/${proto}`;
  let s = byKey.get(key);
  if (!s) {
    s = { dualStack: new PerServer(), v4: new PerServer(), v4Default: new PerServer() };
    for (const l of listensOnPort(config, port, proto)) {
      if (l.bound.some((b) => b.family === 6 && b.addr === '*' && !b.v6only)) s.dualStack.add(l);
      if (l.bound.some((b) => b.family === 4 && b.addr === '*')) {
        s.v4.add(l);
        if (isDefault(l)) s.v4Default.add(l);
      }
    }
    byKey.set(key, s);
  }
  return s;
}

/**
 * Whether a server block can have an IPv6 listen: one of its own is written in brackets (every
 * IPv6 address is), or an include may bring one. Most servers are answered here without the
 * config's listener index.
 */
function mayListenOnIpv6(server: Directive): boolean {
  for (const c of server.children!) {
    if (c.name === 'include') return true;
    if (c.name === 'listen' && c.args.length && c.args[0].value.charCodeAt(0) === 91 /* [ */) return true;
  }
  return false;
}

export const listenIpv6Only: NginxRule = {
  id: 'nginx/listen-ipv6-only',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A server that listens on [::] for a port without an IPv4 listen for it, leaving IPv4 clients out.',
  check(ctx, report) {
    for (const r of ctx.named('server')) {
      if (!r.node.children || r.data || !mayListenOnIpv6(r.node)) continue;
      const server = loadedServer(ctx.ws, r.node);
      // Only a group of IPv6 listens can leave IPv4 out.
      if (!server || !server.complete || !server.listens.some((l) => l.socket.ipv6)) continue;
      const groups = new Map<string, LoadedListen[]>();
      for (const l of server.listens) {
        if (l.implicit || l.socket.unix !== undefined || l.socket.port === undefined || Number.isNaN(l.socket.port)) continue;
        const key = `${l.socket.port}/${protoOf(l)}`;
        const g = groups.get(key);
        if (g) g.push(l);
        else groups.set(key, [l]);
      }
      for (const group of groups.values()) {
        if (!group.every((l) => l.socket.ipv6)) continue;
        const wildcard = group.find((l) => l.bound[0]?.addr === '*' && l.bound[0].family === 6);
        if (!wildcard || wildcard.path !== ctx.file.path) continue;
        const port = wildcard.socket.port!;
        const proto = protoOf(wildcard);
        // The other servers' listens on this port, summed up once per port.
        const samePort = summary(server.config, port, proto);
        // ipv6only=off on any listen of [::]:port makes that one shared socket dual-stack.
        if (group.some((l) => listenParam(l.directive, 'ipv6only') === 'off')) continue;
        if (samePort.dualStack.other(server)) continue;

        const v4Others = samePort.v4.count(server);
        const v4OtherDefault = samePort.v4Default.count(server) > 0;
        const d = wildcard.directive;
        const params = d.args.slice(1).map((a) => a.value).filter((p) => {
          if (p.startsWith('ipv6only=')) return false;
          if ((p === 'default_server' || p === 'default') && v4OtherDefault) return false;
          return !(v4Others && SOCKET_OPTIONS.test(p));
        });
        const v4 = `listen ${[String(port), ...params].join(' ')};`;
        const line = d.nameRange.start.line;
        const indent = /^[ \t]*/.exec(ctx.file.lines.lineText(line))![0];
        const atLineStart = ctx.file.lines.lineText(line).slice(0, d.nameRange.start.character).trim() === '';
        const insert = atLineStart ? { line, character: 0 } : d.nameRange.start;
        report({
          range: d.args[0].range,
          message: `This server listens on [::]:${port}${proto === 'udp' ? ' (UDP)' : ''} but on no IPv4 address for that port; IPv6 sockets accept only IPv6 since nginx 1.3.4, so IPv4 clients ${v4Others ? 'land on another server' : 'get "connection refused"'} (L3); add ${v4}`,
          fixes: [{
            title: `Add the IPv4 listen (${v4})`,
            preferred: true,
            edits: [{ path: ctx.file.path, range: { start: insert, end: insert }, newText: atLineStart ? `${indent}${v4}\n` : `${v4} ` }],
          }],
        });
      }
    }
  },
};
