// `ssl_protocols` (and the proxy/grpc/uwsgi variants) that enable SSLv2, SSLv3, TLSv1 or TLSv1.1.
import type { NginxRule } from './types';

const DIRECTIVES = new Set(['ssl_protocols', 'proxy_ssl_protocols', 'grpc_ssl_protocols', 'uwsgi_ssl_protocols']);
const NAMES = [...DIRECTIVES];
const WEAK = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1']);

export const weakTlsProtocols: NginxRule = {
  id: 'nginx/weak-tls-protocols',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'TLS protocol lists that still enable SSLv2, SSLv3, TLSv1 or TLSv1.1.',
  check(ctx, report) {
    for (const r of ctx.namedAny(NAMES)) {
      const d = r.node;
      if (r.data || d.children || !d.args.length) continue;
      const weak = d.args.filter((a) => WEAK.has(a.value.toLowerCase()));
      if (!weak.length) continue;
      const first = weak[0].range.start;
      const last = weak[weak.length - 1].range.end;
      const names = weak.map((a) => a.value).join(', ');
      const side = d.name === 'ssl_protocols' ? 'clients' : 'the backend';
      const all = { start: d.args[0].range.start, end: d.args[d.args.length - 1].range.end };
      report({
        range: { start: first, end: last },
        message: `${d.name} still enables ${names}: these versions are broken and current browsers and OpenSSL 3 refuse them, so a handshake with ${side} either fails or settles on a weak protocol (L6); allow only TLSv1.2 TLSv1.3.`,
        fixes: [{ title: `Allow only TLSv1.2 and TLSv1.3`, edits: [{ path: ctx.file.path, range: all, newText: 'TLSv1.2 TLSv1.3' }], preferred: true }],
      });
    }
  },
};
