// A relay target with no port where nginx has no default to use: stream proxy_pass (and the map
// values a `proxy_pass $var` takes), stream upstream servers, and fastcgi/uwsgi/scgi/grpc/memcached_pass
// ("no port in upstream").
import type { Directive } from '../../../engine/syntax';
import { enclosing } from '../scope';
import { inStream, isUpstreamName, passesOf, PORTLESS_PASSES, SCHEME_PREFIX, streamPassVariables, targetOf, upstreamServersOf, variableSites } from '../relay-targets';
import { isIpAddress, isLoopback, type Target } from '../target';
import type { NginxContext } from '../analysis';
import type { NginxRule } from './types';


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
  summary: 'A stream relay target (or a map value a stream proxy_pass takes as its target), stream upstream server or fastcgi/uwsgi/scgi/grpc/memcached target without a port.',
  check(ctx, report) {
    for (const p of passesOf(ctx)) {
      const t = p.target;
      if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host) continue;
      const stream = p.node.name === 'proxy_pass' && p.families.includes('stream') && !SCHEME_PREFIX.test(p.value);
      const http = PORTLESS_PASSES.has(p.node.name) && p.families.includes('http');
      if (!stream && !http) continue;
      if (!plainHost(t) || isUpstreamName(ctx, stream ? 'stream' : 'http', t.host)) continue;
      const port = stream ? listenPort(ctx, p.node) : undefined;
      const where = stream ? 'a stream (L4) relay' : `${p.node.name}`;
      const example = port !== undefined ? `${p.value}:${port}` : `${p.value}:PORT`;
      report({
        range: p.arg.range,
        message: `"${p.value}" names no port, and ${where} has no default port to fall back on: nginx refuses the file ("no port in upstream") and nothing is relayed (L4); add the backend's port (${example}).`,
        fixes: port !== undefined ? [{ title: `Add port ${port} (the port this server listens on)`, edits: [{ path: ctx.file.path, range: p.arg.range, newText: `${p.value}:${port}` }] }] : undefined,
      });
    }
    // A stream `proxy_pass $var` takes host and port from the variable's value: nginx -t cannot
    // check it, and each connection routed to a value without a port fails ("no port in upstream").
    for (const [name, pass] of streamPassVariables(ctx)) {
      for (const site of variableSites(ctx, name)) {
        if (site.path !== ctx.file.path || !inStream(ctx, site.path, site.node)) continue;
        const t = targetOf(site.value.value);
        if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host || isUpstreamName(ctx, 'stream', t.host)) continue;
        const port = pass.path === ctx.file.path ? listenPort(ctx, pass.node) : undefined;
        const example = port !== undefined ? `${site.value.value}:${port}` : `${site.value.value}:PORT`;
        report({
          range: site.value.range,
          message: `"${site.value.value}" names no port and no stream upstream, yet $${name} is the target of a stream (L4) proxy_pass, which has no default port: nginx accepts the file, but every connection routed to this value is closed at once ("no port in upstream") (L4); add the backend's port (${example}).`,
          related: [{ path: pass.path, range: pass.node.args[0].range, message: `$${name} chooses the backend of this stream proxy_pass` }],
          fixes: port !== undefined ? [{ title: `Add port ${port} (the port the relaying server listens on)`, edits: [{ path: ctx.file.path, range: site.value.range, newText: example }] }] : undefined,
        });
      }
    }
    for (const s of upstreamServersOf(ctx, 'stream')) {
      const t = s.target;
      if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host) continue;
      report({
        range: s.arg.range,
        message: `Upstream server "${s.value}" names no port, and a stream (L4) upstream has no default port: nginx refuses the file ("no port in upstream") and nothing is relayed; add the backend's port (${s.value}:PORT).`,
      });
    }
  },
};
