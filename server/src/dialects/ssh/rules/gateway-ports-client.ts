// GatewayPorts yes in ssh_config for every host (global, `Host *` or `Match all`): each
// LocalForward and DynamicForward without a bind address, and every -L/-D typed on the command
// line, listens on all interfaces of the client machine.
import type { Directive } from '../../../engine/syntax';
import { clientView } from '../forwarding-client';
import { isWildcardOnly } from '../patterns';
import type { SshRule } from './types';

/** Whether a section applies to every host: none, `Host *`, `Match all`. */
export function appliesToAll(section: Directive | undefined): boolean {
  if (!section) return true;
  const args = section.args.map((a) => a.value);
  if (section.name.toLowerCase() === 'host') return isWildcardOnly(args);
  return args.length > 0 && args.every((a) => a.toLowerCase() === 'all');
}

export const gatewayPortsClient: SshRule = {
  id: 'ssh/gateway-ports-client',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'GatewayPorts yes for every host: local and dynamic forwards without a bind address listen on all interfaces.',
  check(ctx, report) {
    let view: ReturnType<typeof clientView> | undefined;
    for (const line of ctx.lines) {
      if (line.key !== 'gatewayports' || line.node.args[0]?.value.toLowerCase() !== 'yes') continue;
      if (!appliesToAll(line.section)) continue;
      view ??= clientView(ctx);
      // A later line for every host is shadowed by an earlier one: only the one in effect counts.
      if (view.anyHost().first('gatewayports') !== line.node) continue;
      const where = line.section ? `${line.section.name} ${line.section.args.map((a) => a.text).join(' ')}` : 'the global part';
      report({
        range: line.node.range,
        message: `GatewayPorts yes in ${where} applies to every host, so each LocalForward and DynamicForward without a bind address (and every -L/-D typed without one) listens on all interfaces and other machines can use the tunnels (L4); set it only in the Host block that needs it, or give those forwards an explicit bind address.`,
        fixes: [{
          title: 'Set GatewayPorts no',
          edits: [{ path: ctx.file.path, range: line.node.args[0].range, newText: 'no' }],
        }],
      });
    }
  },
};
