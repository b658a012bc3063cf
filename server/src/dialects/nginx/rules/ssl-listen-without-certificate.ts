// `listen ... ssl` (or `ssl on;`) with no ssl_certificate in effect: nginx refuses to start for the
// default server of a TLS socket and for stream servers; other http servers on the socket fall
// back to the default server's certificate.
import type { Report } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import { listenOf } from '../listen';
import { flagArg } from '../listeners-sockets';
import { familyAtResolution, flagOn, inherited, missing } from '../tls-scope';
import { anyHttpSsl, hasOther, httpSockets } from '../tls-sockets';
import type { NginxRule } from './types';

const SSL = ['ssl'];
const REJECT = ['ssl_reject_handshake'];
const CERTIFICATE = ['ssl_certificate'];
const FROM_SELF = { fromSelf: true };
const ADD = 'add ssl_certificate and ssl_certificate_key to this server (or to the http/stream block above it)';

export const sslListenWithoutCertificate: NginxRule = {
  id: 'nginx/ssl-listen-without-certificate',
  language: 'nginx',
  layer: 6,
  severity: 'error',
  summary: '`listen ... ssl` in a server that has no ssl_certificate in effect.',
  check(ctx, report) {
    // One finding per server: the most severe of its listeners.
    const perServer = new Map<Directive | undefined, Report>();
    const keep = (server: Directive | undefined, r: Report) => {
      const prev = perServer.get(server);
      if (!prev || (prev.severity !== 'error' && r.severity === 'error')) perServer.set(server, r);
    };

    let anySsl: boolean | undefined;
    for (const r of ctx.named('listen')) {
      const d = r.node;
      if (r.data || !d.args[0]) continue;
      // Without `ssl` here, only another http server's `ssl` on the same socket can make it TLS.
      const sslArg = flagArg(d, 'ssl');
      if (!sslArg && !(anySsl ??= anyHttpSsl(ctx))) continue;
      if (d.parent ? d.parent.name !== 'server' : ctx.context.bases[0]?.at(-1) !== 'server') continue;
      const family = familyAtResolution(ctx, r);
      if (family !== 'http' && family !== 'stream') continue;
      if (!sslArg && family !== 'http') continue;
      const socket = listenOf(d, family === 'http' ? 80 : NaN);
      if (!socket) continue;
      const users = family === 'http' ? httpSockets(ctx).get(socket.key) : undefined;
      if (!sslArg && !(users && hasOther(users.ssl, d.parent))) continue;

      if (family === 'http' && inherited(ctx, d, REJECT).some((b) => flagOn(b) || b.unresolved)) continue;
      const verdict = missing(inherited(ctx, d, CERTIFICATE), (b) => b.found.length > 0);
      if (!verdict) continue;
      const range = (sslArg ?? d.args[0]).range;
      const via = sslArg ? '' : ` (another server's "listen ${socket.key} ssl" makes this socket TLS)`;
      const hedge = verdict === 'open' ? ', unless the file that includes this one sets one at http/stream level' : '';

      if (family === 'stream') {
        keep(d.parent, {
          range,
          severity: verdict === 'certain' ? 'error' : 'warning',
          message: `This stream server listens with TLS on ${socket.key} but has no ssl_certificate in effect${hedge}: nginx refuses to start ("no ssl_certificate is defined"), so nothing listens at all (L6); ${ADD}.`,
        });
        continue;
      }

      // http: nginx only requires a certificate from the default server of each TLS socket.
      let isDefault: boolean | undefined;
      if (socket.params.has('default_server') || socket.params.has('default')) isDefault = true;
      else if (users && hasOther(users.defaults, d.parent)) isDefault = false;
      else if (d.parent && (!users || !hasOther(users.servers, d.parent))) isDefault = true;
      else if (users?.first && d.parent) isDefault = users.first === d.parent;
      if (isDefault) {
        keep(d.parent, {
          range,
          severity: verdict === 'certain' ? 'error' : 'warning',
          message: `This server is the default for TLS socket ${socket.key}${via} but has no ssl_certificate in effect${hedge}: nginx refuses to start ("no ssl_certificate is defined for the listen ... ssl directive"), so nothing listens (L6); ${ADD}, or set ssl_reject_handshake on.`,
        });
      } else {
        keep(d.parent, {
          range,
          severity: 'warning',
          message: `This server answers TLS on ${socket.key}${via} without a certificate of its own${hedge}: ${isDefault === false ? 'handshakes for its names get the default server\'s certificate, which clients reject as issued for another name' : 'if it is the default server for that socket nginx refuses to start, otherwise handshakes for its names get the default server\'s certificate and clients reject the name mismatch'} (L6); ${ADD}.`,
        });
      }
    }

    // `ssl on;` (deprecated) needs a certificate in every server it applies to.
    for (const s of ctx.servers()) {
      if (s.family !== 'http' || perServer.has(s.node)) continue;
      const ssl = inherited(ctx, s.node, SSL, FROM_SELF);
      const on = ssl.find((b) => flagOn(b) && !b.unresolved);
      if (!on) continue;
      if (inherited(ctx, s.node, REJECT, FROM_SELF).some((b) => flagOn(b) || b.unresolved)) continue;
      const verdict = missing(inherited(ctx, s.node, CERTIFICATE, FROM_SELF), (b) => b.found.length > 0);
      if (!verdict) continue;
      const own = on.found[0];
      const range = own.path === ctx.file.path && own.directive.parent === s.node ? own.directive.range : s.node.nameRange;
      perServer.set(s.node, {
        range,
        severity: verdict === 'certain' ? 'error' : 'warning',
        message: `"ssl on" makes this server speak TLS but it has no ssl_certificate in effect${verdict === 'open' ? ', unless the file that includes this one sets one at http level' : ''}: nginx refuses to start ("no ssl_certificate is defined for the ssl directive") (L6); ${ADD}, and prefer listen ... ssl over the deprecated "ssl on".`,
      });
    }

    for (const r of perServer.values()) report(r);
  },
};
