// An http listener on 443/8443/9443 without `ssl` (clients speak TLS to a plaintext socket), and a
// server with its own ssl_certificate whose listeners never speak TLS (the certificate is unused).
import type { Directive } from '../../../engine/syntax';
import type { NginxContext } from '../analysis';
import { listenOf, type ListenSocket } from '../listen';
import { familyAt, flagOn, HTTPS_LISTEN_PORTS, inherited, levelDirectives } from '../tls-scope';
import { anyHttpSsl, hasOther, httpSockets } from '../tls-sockets';
import type { NginxRule } from './types';

/** Whether another server of the same config makes this socket TLS (nginx ORs `ssl` over a socket). */
function tlsViaOther(ctx: NginxContext, self: Directive | undefined, socket: ListenSocket): boolean {
  // Without any `ssl` among them, no server of the config makes a socket TLS.
  if (!anyHttpSsl(ctx)) return false;
  const users = httpSockets(ctx).get(socket.key);
  return !!users && hasOther(users.ssl, self);
}

const SSL = ['ssl'];
const FROM_SELF = { fromSelf: true };
const FROM_PARENT = { fromSelf: false };

/** `ssl on;` (deprecated) in effect for a server. */
function sslOn(ctx: NginxContext, at: Directive, fromSelf: boolean): boolean {
  return inherited(ctx, at, SSL, fromSelf ? FROM_SELF : FROM_PARENT).some((b) => flagOn(b) || b.unresolved);
}

export const tlsPortWithoutSsl: NginxRule = {
  id: 'nginx/tls-port-without-ssl',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'An HTTPS port (443, 8443) listened on without `ssl`, or a server certificate that no TLS listener uses.',
  check(ctx, report) {
    const flagged = new Set<Directive | undefined>();

    // Part 1: plaintext listeners on HTTPS ports.
    for (const r of ctx.named('listen')) {
      const d = r.node;
      if (r.data || !d.args[0] || !d.args[0].value.endsWith('443') || familyAt(ctx, d) !== 'http') continue;
      if (d.parent ? d.parent.name !== 'server' : ctx.context.bases[0]?.at(-1) !== 'server') continue;
      const socket = listenOf(d, 80);
      if (!socket || socket.port === undefined || !HTTPS_LISTEN_PORTS.has(socket.port)) continue;
      if (socket.params.has('ssl') || socket.params.has('quic')) continue;
      if (sslOn(ctx, d, false) || tlsViaOther(ctx, d.parent, socket)) continue;
      const at = d.args[0].range.end;
      flagged.add(d.parent);
      report({
        range: d.args[0].range,
        message: `listen ${d.args[0].value} has no "ssl" parameter, so this server speaks plain HTTP on a port where clients open with a TLS handshake: browsers report "wrong version number" or "record too long" and nothing loads (L6); add ssl (listen ${d.args[0].value} ssl;) together with a certificate.`,
        fixes: [{ title: 'Add the "ssl" parameter', edits: [{ path: ctx.file.path, range: { start: at, end: at }, newText: ' ssl' }], preferred: true }],
      });
    }

    // Part 2: a server's own certificate that no TLS listener uses. A file with neither a
    // certificate nor an include has none in any of its servers.
    if (!ctx.named('ssl_certificate').length && !ctx.named('include').length) return;
    for (const s of ctx.servers()) {
      if (flagged.has(s.node) || (s.family !== 'http' && s.family !== 'stream')) continue;
      if (!s.node.children?.some((c) => c.name === 'ssl_certificate' || c.name === 'include')) continue;
      const level = levelDirectives(ctx, ctx.file, s.node.children ?? []);
      if (level.unresolved) continue;
      const cert = level.items.find((i) => i.directive.name === 'ssl_certificate');
      if (!cert) continue;
      const listens = level.items.filter((i) => i.directive.name === 'listen').map((i) => listenOf(i.directive, s.family === 'http' ? 80 : NaN));
      if (listens.some((l) => !l || l.params.has('ssl') || l.params.has('quic'))) continue;
      if (s.family === 'stream' && !listens.length) continue;
      if (s.family === 'http' && (sslOn(ctx, s.node, true) || listens.some((l) => tlsViaOther(ctx, s.node, l!)))) continue;
      const range = cert.path === ctx.file.path ? cert.directive.nameRange : s.node.nameRange;
      report({
        range,
        message: `This ${s.family} server sets ssl_certificate, but none of its listen directives has the "ssl" parameter: it only speaks plaintext, the certificate is never presented, and clients that expect TLS here fail their handshake (L6); add ssl to the listen that should carry TLS (for example listen 443 ssl;).`,
      });
    }
  },
};
