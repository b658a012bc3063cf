// A management interface listening on a network address: without a password file anyone who
// reaches the port controls the VPN (kill clients, read the status, change settings); with one,
// the password still crosses the network in clear text.
import { isLoopbackHost, isWildcardHost } from '../transport-model';
import type { OpenvpnRule } from './types';

export const managementExposed: OpenvpnRule = {
  id: 'openvpn/management-exposed',
  language: 'openvpn',
  layer: 4,
  severity: 'warning',
  summary: 'A `management` listener on a non-loopback address, without a password file or on all interfaces.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    // With management-client, openvpn connects out to the address instead of listening.
    if (ctx.first('management-client')) return;
    for (const l of ctx.all('management')) {
      const [addr, port, pw] = l.node.args;
      if (!addr || !port || port.value === 'unix') continue;
      const host = addr.value;
      if (isLoopbackHost(host)) continue;
      const everywhere = isWildcardHost(host);
      const where = everywhere ? 'on all interfaces' : `on ${host}`;
      const fixes = [{
        title: 'Listen on 127.0.0.1 only',
        edits: [{ path: ctx.file.path, range: addr.range, newText: '127.0.0.1' }],
        preferred: true,
      }];
      if (!pw) {
        report({
          range: addr.range,
          message: `The management interface listens ${where} (port ${port.value}) without a password file, so anyone who reaches the port can disconnect clients, read the status and reconfigure the VPN (L4); bind it to 127.0.0.1 or a unix socket and add a password file.`,
          fixes,
        });
      } else if (everywhere) {
        report({
          range: addr.range,
          message: `The management interface listens on all interfaces (port ${port.value}), and its password travels in clear text, so anyone on the path can take it and control the VPN (L4); bind it to 127.0.0.1 or a unix socket and reach it over SSH.`,
          fixes,
        });
      } else {
        report({
          range: addr.range,
          severity: 'info',
          message: `The management interface listens on ${host} (port ${port.value}) and its password travels in clear text (L4); prefer 127.0.0.1 or a unix socket reached over SSH.`,
          fixes,
        });
      }
    }
  },
};
