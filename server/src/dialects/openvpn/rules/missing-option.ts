// Options openvpn requires once TLS is on, whose absence makes it refuse the config when it
// cross-checks the options (these errors carry no line number): a CA to verify the peer (ca,
// capath or peer-fingerprint, or a pkcs12 bundle), DH parameters on a TLS server (`dh none`
// for ECDH only), and our own certificate with its key (a client may use auth-user-pass instead,
// but never one of cert/key alone).
import { lineBreakOf } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import type { OptionLine } from '../analysis';
import type { OpenvpnRule } from './types';

export const openvpnMissingOption: OpenvpnRule = {
  id: 'openvpn/missing-option',
  language: 'openvpn',
  layer: 6,
  severity: 'error',
  summary: 'A TLS config without the CA, DH parameters, certificate or key openvpn requires, so openvpn refuses to start.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    const tops = ctx.lines.filter((l) => !l.pushed && !l.connection);
    const has = (name: string) => tops.some((l) => l.node.name === name);
    if (has('secret')) return;
    const first = (names: string[]): OptionLine | undefined => tops.find((l) => names.includes(l.node.name));
    const serverBy = first(['server', 'server-bridge', 'tls-server']);
    const clientBy = first(['client', 'tls-client']);
    const by = serverBy ?? clientBy;
    if (!by || (serverBy && clientBy)) return; // both roles: wrong-file-kind reports it
    const at = by.node.nameRange;
    const server = !!serverBy;
    const token = has('pkcs11-id') || has('pkcs11-id-management') || has('cryptoapicert');
    if (!has('ca') && !has('capath') && !has('peer-fingerprint') && !has('pkcs12')) {
      report({
        range: at,
        message: `This TLS ${server ? 'server' : 'client'} has no CA to check the peer's certificate against (ca, capath or peer-fingerprint), so openvpn refuses to start (L6); add \`ca ca.crt\` or an inline <ca> block.`,
      });
    }
    if (server && !has('dh')) {
      const end = by.node.range.end;
      const fixes: Fix[] = [{ title: 'Add `dh none` (ECDH key exchange only)', edits: [{ path: ctx.file.path, range: { start: end, end }, newText: `${lineBreakOf(ctx.file)}dh none` }] }];
      report({ range: at, message: 'A TLS server needs Diffie-Hellman parameters, so without a dh line openvpn refuses to start (L6); add `dh dh.pem`, or `dh none` to use only elliptic-curve key exchange.', fixes });
    }
    // Clients without certificates (or with optional ones) need a way to check passwords.
    const relax = tops.find((l) => (l.node.name === 'verify-client-cert' && ['none', 'optional'].includes(l.node.args[0]?.value ?? ''))
      || l.node.name === 'auth-user-pass-optional' || l.node.name === 'username-as-common-name');
    if (server && relax && !has('auth-user-pass-verify') && !has('management-client-auth') && !has('plugin')) {
      report({
        range: relax.node.nameRange,
        layer: 7,
        message: `${relax.node.name}${relax.node.name === 'verify-client-cert' ? ` ${relax.node.args[0]?.value}` : ''} needs something that checks client passwords (auth-user-pass-verify, a plugin or management-client-auth), so openvpn refuses to start (L7); add one of them.`,
      });
    }
    if (has('pkcs12') || token) return;
    const cert = has('cert') || has('management-external-cert');
    const key = has('key') || has('management-external-key');
    if (cert !== key) {
      report({ range: at, message: `${cert ? 'A certificate without its key' : 'A key without its certificate'}: openvpn needs cert and key together and refuses to start (L6); add the missing ${cert ? 'key' : 'cert'} line.` });
    } else if (!cert && server) {
      report({ range: at, message: 'A TLS server needs its own certificate and key (or a pkcs12 bundle), so openvpn refuses to start (L6); add cert and key lines.' });
    } else if (!cert && !has('auth-user-pass')) {
      report({ range: at, message: 'This client has no way to authenticate (no cert/key, pkcs12 or auth-user-pass), so openvpn refuses to start (L6); add its certificate and key, or auth-user-pass.' });
    }
  },
};
