// A server that faces clients (a real server_name, TLS, or a stream proxy) but listens only on
// loopback: nothing outside the host can reach it.
import type { TextEdit } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import { isPortOnly, listenOf } from '../listen';
import { loadedServer } from '../listeners-config';
import { hasFlag, isLoopbackHost, isWildcardHost, splitListenAddress } from '../listeners-sockets';
import { childrenNamed, nearest } from '../scope';
import { isLoopback, parseTarget } from '../target';
import { argValueOf } from '../tree';
import type { NginxRule } from './types';

/** Names that say "this host only" or "any name". */
function isLocalName(name: string): boolean {
  const n = name.toLowerCase().replace(/^\*\./, '').replace(/^\./, '');
  return n === '' || n === '_' || n === 'localhost' || n.endsWith('.localhost') || isLoopbackHost(n) || isWildcardHost(n) || n === '[::1]' || n === '::1';
}

function frontDoor(node: Directive, family: string, names: string[], listens: Directive[]): string | undefined {
  const tls = listens.some((l) => hasFlag(l, 'ssl')) || childrenNamed(node, 'ssl').some((d) => d.args[0]?.value === 'on');
  if (family === 'http') {
    // A name that clients resolve from elsewhere: a dotted name or a regex, not a local alias.
    const real = names.find((n) => !isLocalName(n) && (n.startsWith('~') || n.replace(/^\.|\.$/g, '').includes('.')));
    if (real) return `serves "${real}"`;
    // Named only for this host (localhost): a local TLS endpoint is deliberate.
    if (names.some((n) => n !== '' && n !== '_')) return undefined;
    return tls ? 'terminates TLS' : undefined;
  }
  if (family === 'stream') {
    const proxy = childrenNamed(node, 'proxy_pass')[0];
    // A local port that wraps plain traffic in TLS towards a remote peer is an outbound tunnel.
    const outbound = childrenNamed(node, 'proxy_ssl').some((d) => d.args[0]?.value === 'on');
    // Relaying from one local port to another local service never involves another host.
    const target = proxy?.args[0] ? parseTarget(proxy.args[0].value) : undefined;
    const local = !!target && !target.variable && (target.unix !== undefined || isLoopback(target.host));
    if (proxy && !outbound && !local) return `relays to ${proxy.args[0]?.value ?? 'a backend'}`;
    return tls ? 'terminates TLS' : undefined;
  }
  return undefined;
}

/**
 * Whether a listen written in the block itself is not a loopback address (or cannot be read, which
 * leaves the server incomplete): then not every listen is on loopback, whatever includes add, and
 * the server is answered without the config's listener index.
 */
function ownListenOffLoopback(server: Directive): boolean {
  for (const c of server.children!) {
    if (c.name !== 'listen') continue;
    // A bare port (the usual form) listens on every address.
    const addr = argValueOf(c, 0);
    if (addr !== undefined && isPortOnly(addr)) return true;
    const socket = listenOf(c, 80);
    if (!socket || socket.unix !== undefined || !isLoopbackHost(socket.host)) return true;
  }
  return false;
}

export const listenLoopbackOnly: NginxRule = {
  id: 'nginx/listen-loopback-only',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A client-facing server (real server_name, TLS, or stream proxy) whose every listen is bound to loopback.',
  check(ctx, report) {
    for (const r of ctx.named('server')) {
      if (!r.node.children || r.data || ownListenOffLoopback(r.node)) continue;
      const server = loadedServer(ctx.ws, r.node);
      if (!server || !server.complete || !server.listens.length) continue;
      const listens = server.listens.map((l) => l.directive);
      if (server.listens.some((l) => l.implicit || l.socket.unix !== undefined || !l.bound.length || !isLoopbackHost(l.socket.host))) continue;
      // Behind a proxy on the same host: the loopback address is deliberate.
      if (listens.some((l) => hasFlag(l, 'proxy_protocol'))) continue;
      if (server.family === 'http' && (nearest(r.node, 'set_real_ip_from') || nearest(r.node, 'real_ip_header'))) continue;
      const why = frontDoor(r.node, server.family, server.names, listens);
      if (!why) continue;

      const here = server.listens.filter((l) => l.path === ctx.file.path);
      const first = here[0]?.directive;
      const ports = [...new Set(server.listens.map((l) => l.socket.port))];
      const example = `listen ${ports[0]};`;
      const bound = server.listens.map((l) => l.socket.key).join(', ');
      let fixes;
      if (here.length === server.listens.length) {
        const edits: TextEdit[] = [];
        const seen = new Set<string>();
        for (const l of server.listens) {
          const d = l.directive;
          const a = splitListenAddress(d.args[0].value);
          const port = l.socket.port;
          const text = a.ipv6 ? `[::]:${port}` : String(port);
          const key = `${text} ${hasFlag(d, 'udp') || hasFlag(d, 'quic') ? 'udp' : 'tcp'}`;
          if (seen.has(key)) edits.push({ path: ctx.file.path, range: d.range, newText: '' });
          else edits.push({ path: ctx.file.path, range: d.args[0].range, newText: text });
          seen.add(key);
        }
        fixes = [{ title: 'Listen on all addresses (drop the loopback address)', edits }];
      }
      report({
        range: first ? first.args[0].range : r.node.nameRange,
        message: `This server ${why} but listens only on loopback (${bound}), so only processes on this host can connect and clients elsewhere get "connection refused" (L3); if it should be reachable from other hosts, listen on the public address or on all addresses (${example}).`,
        fixes,
      });
    }
  },
};
