// sshd's GatewayPorts yes for everyone: every user's remote forward listens on all interfaces of
// the server, whatever address the client asked for. clientspecified in a Match block for the
// users who need it keeps the rest on loopback.
import { ineffectiveBecause, narrows, serverScopes } from '../forwarding-scope';
import type { SshRule } from './types';

export const gatewayPortsOpen: SshRule = {
  id: 'sshd/gateway-ports-open',
  language: 'sshd_config',
  layer: 4,
  severity: 'warning',
  summary: 'GatewayPorts yes for every connection: all remote forwards listen on all interfaces of the server.',
  check(ctx, report) {
    for (const line of ctx.lines) {
      if (line.key !== 'gatewayports' || line.node.args[0]?.value.toLowerCase() !== 'yes') continue;
      if (line.section && narrows(line.section)) continue;
      const scopes = serverScopes(ctx);
      if (!scopes.isFirst(line) || ineffectiveBecause(scopes, line)) continue;
      report({
        range: line.node.range,
        message: `GatewayPorts yes applies to every user, so each remote forward (ssh -R) listens on all interfaces of this server whatever address the client asked for, and anyone who can reach the server can use those ports (L4); use clientspecified, ideally in a Match block for the users who publish ports.`,
        fixes: [{
          title: 'Change to GatewayPorts clientspecified',
          edits: [{ path: ctx.file.path, range: line.node.args[0].range, newText: 'clientspecified' }],
          preferred: true,
        }],
      });
    }
  },
};
