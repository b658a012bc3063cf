// Data-channel ciphers without authenticated encryption (CBC with a separate HMAC, or none),
// and ciphers OpenSSL 3 only ships in its legacy provider (BF, CAST5, DES, RC2, IDEA, SEED):
// openvpn 2.6 refuses a data-ciphers list naming them unless `providers legacy default` loads it.
import type { TextEdit } from '../../../engine/rules';
import { cipherItems, dataCiphers, isAead, isLegacyCipher, legacyProvider, tlsRole } from '../transport-model';
import type { OpenvpnRule } from './types';

export const nonAeadCipher: OpenvpnRule = {
  id: 'openvpn/non-aead-cipher',
  language: 'openvpn',
  layer: 6,
  severity: 'warning',
  summary: 'A data-channel cipher that is not AEAD (CBC, none), or a legacy cipher openvpn 2.6 on OpenSSL 3 refuses.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    const legacyOk = legacyProvider(ctx);
    for (const l of ctx.lines) {
      const d = l.node;
      if (l.pushed || l.inline || (d.name !== 'data-ciphers' && d.name !== 'ncp-ciphers')) continue;
      const items = cipherItems(d);
      const keep = items.filter((c) => isAead(c.name));
      const arg = d.args[0];
      const fix: TextEdit[] | undefined = keep.length && keep.length < items.length && arg
        ? [{ path: ctx.file.path, range: arg.range, newText: keep.map((c) => (c.optional ? `?${c.name}` : c.name)).join(':') }]
        : undefined;
      const fixes = fix ? [{ title: 'Keep only the AEAD ciphers', edits: fix }] : undefined;
      for (const c of items) {
        if (isAead(c.name)) continue;
        if (c.name.toLowerCase() === 'none') {
          report({ range: c.range, message: `\`none\` in ${d.name} lets a peer negotiate no encryption at all, so tunnel traffic can cross the network in clear text (L6); remove it.`, fixes });
        } else if (isLegacyCipher(c.name) && !legacyOk && !c.optional) {
          report({
            range: c.range,
            severity: 'error',
            message: `${c.name} is only in OpenSSL 3's legacy provider, so openvpn 2.6 refuses this ${d.name} list and does not start (L6); remove it and use AES-256-GCM, AES-128-GCM or CHACHA20-POLY1305.`,
            fixes,
          });
        } else {
          report({
            range: c.range,
            message: `${c.name} is not an AEAD cipher (it needs a separate HMAC, is slower and is deprecated for the data channel), and a peer that negotiates it gets weaker protection (L6); list only AES-256-GCM, AES-128-GCM or CHACHA20-POLY1305.`,
            fixes,
          });
        }
      }
    }
    // --cipher: used directly only in peer-to-peer TLS mode; with client/server it only matters
    // when data-ciphers lists it. Static-key (--secret) mode cannot use AEAD ciphers at all.
    if (ctx.first('secret')) return;
    const role = tlsRole(ctx);
    const listed = dataCiphers(ctx);
    for (const l of ctx.all('cipher')) {
      const arg = l.node.args[0];
      if (!arg || isAead(arg.value)) continue;
      if (arg.value.toLowerCase() === 'none') {
        report({ range: arg.range, message: '`cipher none` disables encryption where it applies, so tunnel traffic crosses the network in clear text (L6); remove it.' });
        continue;
      }
      const negotiating = role === 'server' || !!ctx.first('client') || !!ctx.first('pull');
      if (negotiating) {
        // Named in data-ciphers: reported there.
        if (listed.line && listed.list.includes(arg.value.toUpperCase())) continue;
        report({
          range: arg.range,
          severity: 'info',
          message: `OpenVPN 2.6 negotiates the data cipher from data-ciphers and ignores \`cipher ${arg.value}\` unless the list names it, so this line only misleads (L6); remove it, or set \`data-ciphers-fallback\` if a peer older than 2.4 must connect.`,
        });
      } else {
        report({
          range: arg.range,
          message: `${arg.value} is not an AEAD cipher, so this peer-to-peer tunnel uses CBC with a separate HMAC, which is deprecated (L6); use AES-256-GCM on both ends.`,
          fixes: [{ title: 'Use AES-256-GCM', edits: [{ path: ctx.file.path, range: arg.range, newText: 'AES-256-GCM' }] }],
        });
      }
    }
  },
};
