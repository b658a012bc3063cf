// A server that listens on the IPv6 wildcard for a port but not on IPv4: IPv6 sockets are
// IPv6-only by default (nginx 1.3.4 and later), so IPv4 clients never reach this server.
import { listensOnPort, loadedServer, type LoadedListen } from '../listeners-config';
import { hasFlag, listenParam } from '../listeners-sockets';
import type { NginxRule } from './types';

/** Listen parameters that set options of the socket itself, which only one server may give. */
const SOCKET_OPTIONS = /^(backlog|rcvbuf|sndbuf|accept_filter|ipv6only|so_keepalive|fastopen|setfib)=|^(deferred|bind|reuseport)$/;

const protoOf = (l: LoadedListen): 'tcp' | 'udp' => (hasFlag(l.directive, 'udp') || hasFlag(l.directive, 'quic') ? 'udp' : 'tcp');
const isDefault = (l: LoadedListen): boolean => hasFlag(l.directive, 'default_server') || hasFlag(l.directive, 'default');

export const listenIpv6Only: NginxRule = {
  id: 'nginx/listen-ipv6-only',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A server that listens on [::] for a port without an IPv4 listen for it, leaving IPv4 clients out.',
  check(ctx, report) {
    for (const r of ctx.named('server')) {
      if (!r.node.children || r.data) continue;
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
        const samePort = listensOnPort(server.config, port, proto).filter((l) => l.server !== server);
        // ipv6only=off on any listen of [::]:port makes that one shared socket dual-stack.
        if (group.some((l) => listenParam(l.directive, 'ipv6only') === 'off')) continue;
        if (samePort.some((l) => l.bound.some((b) => b.family === 6 && b.addr === '*' && !b.v6only))) continue;

        const v4Others = samePort.filter((l) => l.bound.some((b) => b.family === 4 && b.addr === '*'));
        const d = wildcard.directive;
        const params = d.args.slice(1).map((a) => a.value).filter((p) => {
          if (p.startsWith('ipv6only=')) return false;
          if ((p === 'default_server' || p === 'default') && v4Others.some(isDefault)) return false;
          return !(v4Others.length && SOCKET_OPTIONS.test(p));
        });
        const v4 = `listen ${[String(port), ...params].join(' ')};`;
        const line = d.nameRange.start.line;
        const indent = /^[ \t]*/.exec(ctx.file.lines.lineText(line))![0];
        const atLineStart = ctx.file.lines.lineText(line).slice(0, d.nameRange.start.character).trim() === '';
        const insert = atLineStart ? { line, character: 0 } : d.nameRange.start;
        report({
          range: d.args[0].range,
          message: `This server listens on [::]:${port}${proto === 'udp' ? ' (UDP)' : ''} but on no IPv4 address for that port; IPv6 sockets accept only IPv6 since nginx 1.3.4, so IPv4 clients ${v4Others.length ? 'land on another server' : 'get "connection refused"'} (L3); add ${v4}`,
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
