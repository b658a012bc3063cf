// A relay target with no port where nginx has no default to use: stream proxy_pass, stream
// upstream servers, and fastcgi/uwsgi/scgi/grpc/memcached_pass ("no port in upstream").
import type { Directive } from '../../../engine/syntax';
import { enclosing } from '../scope';
import { isUpstreamName, passesOf, upstreamServersOf } from '../relay-targets';
import { isIpAddress, isLoopback, type Target } from '../target';
import type { NginxContext } from '../analysis';
import type { NginxRule } from './types';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** http passes besides proxy_pass: none of them has a default port in nginx. */
const PORTLESS_HTTP = new Set(['fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);

/**
 * A host that cannot be an upstream name: an address, localhost, or a dotted DNS name.
 * Single-word names without an upstream are left to nginx/undefined-upstream.
 */
function plainHost(t: Target): boolean {
  return isIpAddress(t.host) || isLoopback(t.host) || t.host.includes('.');
}

/** The one port a stream server listens on, as a likely backend port for a pass-through relay. */
function listenPort(ctx: NginxContext, node: Directive): number | undefined {
  const server = enclosing(node, 'server');
  if (!server) return undefined;
  const ports = new Set(ctx.serverInfo(server)?.listens.map((l) => l.socket.port).filter((p): p is number => p !== undefined && !Number.isNaN(p)));
  return ports.size === 1 ? [...ports][0] : undefined;
}

export const targetWithoutPort: NginxRule = {
  id: 'nginx/target-without-port',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A stream relay target, stream upstream server or fastcgi/uwsgi/scgi/grpc/memcached target without a port.',
  check(ctx, report) {
    for (const p of passesOf(ctx)) {
      const t = p.target;
      if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host) continue;
      const stream = p.node.name === 'proxy_pass' && p.families.includes('stream') && !SCHEME.test(p.arg.value);
      const http = PORTLESS_HTTP.has(p.node.name) && p.families.includes('http');
      if (!stream && !http) continue;
      if (!plainHost(t) || isUpstreamName(ctx, stream ? 'stream' : 'http', t.host)) continue;
      const port = stream ? listenPort(ctx, p.node) : undefined;
      const where = stream ? 'a stream (L4) relay' : `${p.node.name}`;
      const example = port !== undefined ? `${p.arg.value}:${port}` : `${p.arg.value}:PORT`;
      report({
        range: p.arg.range,
        message: `"${p.arg.value}" names no port, and ${where} has no default port to fall back on: nginx refuses the file ("no port in upstream") and nothing is relayed (L4); add the backend's port (${example}).`,
        fixes: port !== undefined ? [{ title: `Add port ${port} (the port this server listens on)`, edits: [{ path: ctx.file.path, range: p.arg.range, newText: `${p.arg.value}:${port}` }] }] : undefined,
      });
    }
    for (const s of upstreamServersOf(ctx, 'stream')) {
      const t = s.target;
      if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host) continue;
      report({
        range: s.arg.range,
        message: `Upstream server "${s.arg.value}" names no port, and a stream (L4) upstream has no default port: nginx refuses the file ("no port in upstream") and nothing is relayed; add the backend's port (${s.arg.value}:PORT).`,
      });
    }
  },
};
