// TLS mode without tls-crypt, tls-crypt-v2 or tls-auth: the control channel answers any packet,
// so the port shows up in scans and floods reach the TLS stack before any key check.
import { controlChannel, peerContexts, tlsRole } from '../transport-model';
import type { OpenvpnRule } from './types';

export const noControlChannelProtection: OpenvpnRule = {
  id: 'openvpn/no-control-channel-protection',
  language: 'openvpn',
  layer: 5,
  severity: 'warning',
  summary: 'TLS mode without tls-crypt, tls-crypt-v2 or tls-auth, so the control channel answers anyone.',
  check(ctx, report) {
    if (ctx.kind === 'ccd' || ctx.first('secret')) return;
    const role = tlsRole(ctx);
    if (!role) return;
    if (!controlChannel(ctx).modes.has('none')) return;
    if (role === 'server') {
      const anchor = ctx.first('server')?.node ?? ctx.first('server-bridge')?.node ?? ctx.first('tls-server')?.node ?? ctx.first('mode')?.node;
      if (!anchor) return;
      report({
        range: anchor.range,
        message: 'The control channel has no tls-crypt or tls-auth key, so the server answers every packet with a TLS handshake: scanners find it and floods reach the TLS stack before any client is checked (L5); add `tls-crypt` with a shared key (or `tls-crypt-v2` with per-client keys) on both sides.',
      });
      return;
    }
    // A server in the workspace that does protect its control channel is reported as a pairing error.
    if (peerContexts(ctx).some((p) => controlChannel(p).lines.length)) return;
    // key-direction without tls-auth: a template whose key is appended when it is issued.
    if (ctx.first('key-direction')) return;
    const anchor = ctx.first('client')?.node ?? ctx.first('tls-client')?.node;
    if (!anchor) return;
    report({
      range: anchor.range,
      severity: 'info',
      message: 'This client uses no tls-crypt or tls-auth key, so its server must answer unauthenticated TLS handshakes from anyone (L5); if the server supports it, add the server\'s `tls-crypt` key here.',
    });
  },
};
