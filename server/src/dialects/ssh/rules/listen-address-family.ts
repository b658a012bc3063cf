// ListenAddress entries of the other address family than AddressFamily allows: sshd resolves
// ListenAddress with AddressFamily as the hint, so `AddressFamily inet` with an IPv6 address (or
// `inet6` with an IPv4 one, `0.0.0.0` and `::` included) fails with "bad addr or host ...
// (Address family for hostname not supported)": sshd -t rejects the file, whatever the order of
// the two lines, and the daemon does not start.
import { argSubRange } from '../hosts-jump';
import { parseListenAddress, serverListeners } from '../hosts-net';
import type { SshRule } from './types';

export const sshdListenAddressFamily: SshRule = {
  id: 'sshd/listen-address-family',
  language: 'sshd_config',
  layer: 3,
  severity: 'error',
  summary: 'A ListenAddress of the address family that AddressFamily excludes: sshd refuses the configuration.',
  check(ctx, report) {
    const lines = ctx.lines.filter((l) => l.key === 'listenaddress' && !l.section);
    if (!lines.length) return;
    const af = serverListeners(ctx).addressFamily;
    if (!af || (af.value !== 'inet' && af.value !== 'inet6')) return;
    const allowed = af.value === 'inet' ? 4 : 6;
    for (const l of lines) {
      const arg = l.node.args[0];
      const spec = arg && parseListenAddress(arg.value);
      if (!spec?.ip || spec.ip.family === allowed) continue;
      const fam = spec.ip.family === 4 ? 'IPv4' : 'IPv6';
      const other = allowed === 4 ? 'IPv4' : 'IPv6';
      report({
        range: argSubRange(arg, spec.hostStart, spec.hostEnd) ?? arg.range,
        message: `"${spec.host}" is an ${fam} address but \`AddressFamily ${af.value}\` only allows ${other}, so sshd cannot resolve it ("Address family for hostname not supported") and refuses to start (L3); use an ${other} address, or set AddressFamily any.`,
        related: [{ path: af.file.path, range: af.node.range, message: 'the AddressFamily that excludes it' }],
      });
    }
  },
};
