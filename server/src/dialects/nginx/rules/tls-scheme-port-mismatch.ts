// TLS sent to a port that carries plaintext, or plaintext sent to a TLS port: proxy_pass
// https://host:80, proxy_pass http://host:443, grpc_pass likewise, stream proxy_ssl to port 80.
import type { Fix } from '../../../engine/rules';
import { tlsPasses } from '../tls-passes';
import { describeReach, targetPortsAllIn } from '../tls-reach';
import { flagOn, HTTP_PLAIN_PORTS, inherited, schemeRange, STREAM_PLAIN_PORTS, TLS_PORTS } from '../tls-scope';
import type { NginxRule } from './types';

const PROXY_SSL = ['proxy_ssl'];
const TLS_SCHEMES: Record<string, string> = { https: 'http', grpcs: 'grpc' };
const PLAIN_SCHEMES: Record<string, string> = { http: 'https', grpc: 'grpcs' };

export const tlsSchemePortMismatch: NginxRule = {
  id: 'nginx/tls-scheme-port-mismatch',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'TLS sent to a port that normally carries plaintext (https://host:80), or plaintext sent to a TLS port (http://host:443).',
  check(ctx, report) {
    for (const pass of tlsPasses(ctx).all) {
      const { node: d, family, target } = pass;
      if (family === 'http') {
        const scheme = target.scheme ?? (d.name === 'grpc_pass' ? 'grpc' : undefined);
        if (!scheme) continue;
        const tls = scheme in TLS_SCHEMES;
        if (!tls && !(scheme in PLAIN_SCHEMES)) continue;
        const reach = targetPortsAllIn(ctx, target, 'http', tls ? HTTP_PLAIN_PORTS : TLS_PORTS);
        if (!reach) continue;
        const where = describeReach(target, reach);
        const other = tls ? TLS_SCHEMES[scheme] : PLAIN_SCHEMES[scheme];
        const range = target.scheme ? schemeRange(pass.arg, scheme) : undefined;
        const fixes: Fix[] = [];
        if (range) fixes.push({ title: `Use ${other}://`, edits: [{ path: ctx.file.path, range, newText: other }], preferred: true });
        else if (!target.scheme && !tls) {
          const at = pass.arg.range.start;
          if (pass.arg.range.start.line === pass.arg.range.end.line && !pass.arg.quoted) fixes.push({ title: `Use ${other}://`, edits: [{ path: ctx.file.path, range: { start: at, end: at }, newText: `${other}://` }], preferred: true });
        }
        report({
          range: pass.arg.range,
          message: tls
            ? `${d.name} starts a TLS handshake (${scheme}://) with ${where}, which normally serves plaintext: the backend reads the ClientHello as a garbled request and every request fails with a TLS "wrong version number" error (L6); use ${other}:// or the backend's TLS port.`
            : `${d.name} sends plaintext (${scheme}://) to ${where}, which normally expects a TLS handshake: the backend answers with a TLS alert or a "plain HTTP request was sent to HTTPS port" error, so every request fails (L6); use ${other}:// or the backend's plaintext port.`,
          fixes,
        });
      } else if (family === 'stream' && d.name === 'proxy_pass') {
        const reach = targetPortsAllIn(ctx, target, 'stream', STREAM_PLAIN_PORTS);
        if (!reach) continue;
        const branches = inherited(ctx, d, PROXY_SSL);
        const on = branches.find((b) => flagOn(b) && !b.unresolved);
        if (!on || branches.some((b) => !flagOn(b))) continue;
        const where = describeReach(target, reach);
        const ssl = on.found[0];
        report({
          range: pass.arg.range,
          message: `proxy_ssl on makes this stream proxy open a TLS handshake with ${where}, where the protocol starts in plaintext: the backend never completes the handshake and the connection is dropped (L6); turn proxy_ssl off for this server or point it at the backend's TLS port.`,
          related: [{ path: ssl.path, range: ssl.directive.range, message: 'proxy_ssl on is set here' }],
        });
      }
    }
  },
};
