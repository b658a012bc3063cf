// A client that binds a fixed local port: `lport`, or (UDP without `nobind`) the default local
// port 1194 / the `port` value. A second instance on the same host, or an openvpn server there,
// then fails to bind, and NAT devices that keep the source port clash. `lport` with `nobind` is
// refused outright.
import { connectionEntries, isPullClient } from '../transport-model';
import type { OpenvpnRule } from './types';

export const clientFixedPort: OpenvpnRule = {
  id: 'openvpn/client-fixed-port',
  language: 'openvpn',
  layer: 4,
  severity: 'info',
  summary: 'A client that binds a fixed local port (lport, port, or UDP without nobind); lport with nobind is refused.',
  check(ctx, report) {
    if (ctx.kind !== 'client') return;
    const nobind = ctx.first('nobind')?.node;
    const lports = ctx.all('lport').filter((l) => !l.connection);
    if (nobind) {
      for (const l of lports) {
        const line = l.node.range.start.line;
        report({
          range: l.node.range,
          severity: 'error',
          message: `\`lport\` asks for a fixed local port while \`nobind\` (line ${nobind.range.start.line + 1}) says not to bind at all, so openvpn refuses the config (L4); remove \`lport\` and keep \`nobind\`.`,
          related: [{ path: ctx.file.path, range: nobind.range, message: 'nobind is set here' }],
          fixes: [{ title: 'Remove `lport`', edits: [{ path: ctx.file.path, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], preferred: true }],
        });
      }
      return;
    }
    if (ctx.first('bind') || ctx.first('local')) return;
    for (const l of lports) {
      report({
        range: l.node.range,
        message: `This client binds the fixed local port ${l.node.args[0]?.value ?? ''}, so a second instance (or a server) on this host cannot start and NAT mappings may collide (L4); use \`nobind\` and let the system pick a port.`,
        fixes: [{ title: 'Replace with `nobind`', edits: [{ path: ctx.file.path, range: l.node.range, newText: 'nobind' }], preferred: true }],
      });
    }
    // A peer-to-peer config binds on purpose: the other side sends to that port.
    if (lports.length || !isPullClient(ctx)) return;
    // UDP without a SOCKS proxy binds the local port (tcp-client and proxies do not).
    const entry = connectionEntries(ctx).find((e) => e.proto.family === 'udp' && !e.socksProxy && !e.httpProxy);
    if (!entry) return;
    const anchor = entry.localPortFrom ?? ctx.first('client')?.node ?? ctx.first('tls-client')?.node;
    if (!anchor) return;
    const line = anchor.range.start.line;
    const eol = ctx.file.lines.lineText(line).length;
    report({
      range: anchor.range,
      message: `Without \`nobind\` this UDP client binds local port ${entry.localPort}${entry.localPortFrom ? ` (from \`${entry.localPortFrom.name}\`)` : ' (the default)'}, so a second instance or a server on this host cannot start (L4); add \`nobind\`.`,
      fixes: [{ title: 'Add `nobind`', edits: [{ path: ctx.file.path, range: { start: { line, character: eol }, end: { line, character: eol } }, newText: '\nnobind' }], preferred: true }],
    });
  },
};
