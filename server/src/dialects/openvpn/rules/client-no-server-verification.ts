// A TLS client that checks only that the server's certificate comes from its CA: every
// certificate that CA signed passes, including other clients' certificates, so any client of the
// same VPN can impersonate the server. `remote-cert-tls client` checks for the wrong role.
import { tlsRole } from '../transport-model';
import type { OpenvpnRule } from './types';

/** Options that check the server's certificate beyond the CA signature. */
const VERIFIERS = ['verify-x509-name', 'peer-fingerprint', 'tls-verify', 'remote-cert-eku', 'remote-cert-ku'];

export const clientNoServerVerification: OpenvpnRule = {
  id: 'openvpn/client-no-server-verification',
  language: 'openvpn',
  layer: 6,
  severity: 'warning',
  summary: 'A TLS client that does not check that the peer holds a server certificate (no remote-cert-tls server, verify-x509-name, peer-fingerprint...).',
  check(ctx, report) {
    if (ctx.kind === 'ccd' || tlsRole(ctx) !== 'client' || ctx.first('secret')) return;
    const rct = ctx.all('remote-cert-tls');
    const wrong = rct.find((l) => l.node.args[0]?.value === 'client');
    if (wrong) {
      const arg = wrong.node.args[0];
      report({
        range: arg.range,
        message: '`remote-cert-tls client` makes this client demand a client certificate from the server, so a proper server certificate fails the handshake and another client\'s certificate passes (L6); use `remote-cert-tls server`.',
        fixes: [{ title: 'Check for a server certificate', edits: [{ path: ctx.file.path, range: arg.range, newText: 'server' }], preferred: true }],
      });
      return;
    }
    if (rct.length || VERIFIERS.some((n) => ctx.first(n))) return;
    if (ctx.all('ns-cert-type').some((l) => l.node.args[0]?.value === 'server')) return;
    const anchor = ctx.first('client')?.node ?? ctx.first('tls-client')?.node;
    if (!anchor) return;
    const line = anchor.range.start.line;
    const eol = ctx.file.lines.lineText(line).length;
    report({
      range: anchor.range,
      message: 'This client accepts any certificate signed by its CA as the server, including another client\'s, so a user of the same VPN can impersonate the server and read the traffic (L6); add `remote-cert-tls server` (and `verify-x509-name` for the server\'s name).',
      fixes: [{ title: 'Add `remote-cert-tls server`', edits: [{ path: ctx.file.path, range: { start: { line, character: eol }, end: { line, character: eol } }, newText: '\nremote-cert-tls server' }], preferred: true }],
    });
  },
};
