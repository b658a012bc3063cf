// An HTTP proxy carries only an outgoing TCP connection (CONNECT): openvpn refuses `http-proxy`
// for a connection entry whose protocol is UDP or a TCP listener. Checked per entry, since each
// `remote ... PROTO` or `<connection>` block has its own protocol.
import type { Range } from '../../../engine/syntax';
import { connectionEntries, type ConnectionEntry } from '../transport-model';
import type { OpenvpnRule } from './types';

function refused(e: ConnectionEntry, serverRole: boolean): boolean {
  if (e.proto.family === 'udp') return true;
  return e.proto.role === 'server' || (!e.proto.role && serverRole);
}

export const httpProxyNeedsTcp: OpenvpnRule = {
  id: 'openvpn/http-proxy-needs-tcp',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'An `http-proxy` for a connection over UDP (or a TCP listener): openvpn refuses it, since the proxy carries outgoing TCP only.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    const serverRole = ctx.kind === 'server';
    const seen = new Set<string>();
    for (const e of connectionEntries(ctx)) {
      if (!e.httpProxy || !refused(e, serverRole)) continue;
      const proxy = e.httpProxy;
      const range: Range = e.protoFrom?.range ?? proxy.nameRange;
      const key = `${range.start.line}:${range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const what = e.proto.family === 'udp' ? `UDP${e.protoFrom ? '' : ' (the default)'}` : `\`${e.proto.text}\``;
      const fixes = e.protoFrom
        ? [{ title: 'Use TCP', edits: [{ path: ctx.file.path, range: e.protoFrom.range, newText: e.protoFrom.node.name === 'remote' ? 'tcp' : 'tcp-client' }], preferred: true }]
        : [{ title: 'Add `proto tcp-client`', edits: [{ path: ctx.file.path, range: { start: { line: proxy.range.start.line, character: 0 }, end: { line: proxy.range.start.line, character: 0 } }, newText: 'proto tcp-client\n' }], preferred: true }];
      report({
        range,
        message: `This connection${e.host ? ` to ${e.host}` : ''} uses ${what} but goes through the HTTP proxy on line ${proxy.range.start.line + 1}, which can only carry an outgoing TCP connection, so openvpn refuses the config (L4); use \`proto tcp-client\` (and a TCP port on the server) or a \`socks-proxy\`.`,
        related: [{ path: ctx.file.path, range: proxy.range, message: 'the HTTP proxy' }],
        fixes,
      });
    }
  },
};
