// A LocalForward or DynamicForward that listens on every interface of the client machine: an
// explicit `*`, empty, 0.0.0.0 or :: bind address, or no bind address while the client's
// GatewayPorts yes is in effect for the host. Anyone who reaches the machine can use the tunnel
// (or the SOCKS proxy) into the network behind the server.
import type { Directive } from '../../../engine/syntax';
import { clientGatewayPorts, clientView, forwardsCleared, hostLabel, listenText, type ClientForward } from '../forwarding-client';
import type { SshRule } from './types';

const WILDCARDS = new Set(['', '*', '0.0.0.0', '::']);

function use(f: ClientForward): string {
  if (f.spec.kind === 'dynamic') return 'this SOCKS proxy to reach anything the server can reach';
  const t = f.spec.target;
  return `the tunnel to ${t?.socket ?? `${t?.host}:${t?.port}`}`;
}

export const forwardExposed: SshRule = {
  id: 'ssh/forward-exposed',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'A LocalForward or DynamicForward listening on all interfaces, so other machines can use the tunnel or SOCKS proxy.',
  check(ctx, report) {
    const view = clientView(ctx);
    for (const f of view.forwards) {
      if (f.spec.kind === 'remote' || f.spec.listen.socket !== undefined || f.spec.listen.port === undefined) continue;
      // Without a ClearAllForwardings line anywhere, no host drops the forward.
      const hosts = view.sets('clearallforwardings') ? view.hostsOf(f.line.section).filter((h) => !forwardsCleared(h)) : undefined;
      if (hosts && !hosts.length) continue;
      const arg = f.line.node.args[0];
      const port = f.spec.listen.port;
      // Built when reported (most forwards are not).
      const fixes = () => [{
        title: `Listen on 127.0.0.1:${port} only`,
        edits: [{ path: ctx.file.path, range: arg.range, newText: `127.0.0.1:${port}` }],
        preferred: true,
      }];
      const host = f.spec.listen.host;
      if (host !== undefined && WILDCARDS.has(host)) {
        report({
          range: arg.range,
          message: `This ${f.line.node.name} listens on all interfaces (\`${listenText(f)}\`), so anyone who can reach this machine can use ${use(f)} (L4); bind it to 127.0.0.1 unless other machines are meant to use it.`,
          fixes: fixes(),
        });
        continue;
      }
      if (host !== undefined || !view.sets('gatewayports')) continue;
      const open = (hosts ?? view.hostsOf(f.line.section)).find(clientGatewayPorts);
      if (!open) continue;
      const gp: Directive = open.first('gatewayports')!;
      const label = hostLabel(open);
      report({
        range: arg.range,
        message: `This ${f.line.node.name} has no bind address and GatewayPorts yes (line ${gp.range.start.line + 1}) is in effect${label ? ` for ${label}` : ''}, so it listens on all interfaces and anyone who can reach this machine can use ${use(f)} (L4); bind it to 127.0.0.1 or set GatewayPorts no.`,
        fixes: fixes(),
        related: [{ path: ctx.file.path, range: gp.range, message: 'GatewayPorts yes makes forwards without a bind address listen on all interfaces' }],
      });
    }
  },
};
