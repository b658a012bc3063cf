// A forwarding setting in a scope where forwarding is off for every connection it applies to:
// PermitOpen, PermitListen and GatewayPorts under AllowTcpForwarding no (or the direction they
// need turned off), and any forwarding permission under DisableForwarding yes, which overrides
// them all. Only values that would open something are reported (PermitOpen none under
// AllowTcpForwarding no is belt and braces, not a mistake).
import { ineffectiveBecause, serverScopes } from '../forwarding-scope';
import type { SshRule } from './types';

const KEYS = new Set(['permitopen', 'permitlisten', 'gatewayports', 'allowstreamlocalforwarding', 'allowtcpforwarding', 'x11forwarding', 'allowagentforwarding']);

export const forwardingSettingIneffective: SshRule = {
  id: 'sshd/forwarding-setting-ineffective',
  language: 'sshd_config',
  layer: 4,
  severity: 'info',
  summary: 'A forwarding setting (PermitOpen, PermitListen, GatewayPorts, X11/agent/stream-local forwarding) where forwarding is turned off for the same connections.',
  check(ctx, report) {
    let scopes: ReturnType<typeof serverScopes> | undefined;
    for (const line of ctx.lines) {
      if (line.opener || !KEYS.has(line.key) || !line.node.args.length) continue;
      scopes ??= serverScopes(ctx);
      const why = ineffectiveBecause(scopes, line);
      if (!why) continue;
      const by = why.by.node;
      const scope = why.by.section ? ` (in Match ${why.by.section.args.map((a) => a.text).join(' ')})` : '';
      report({
        range: line.node.range,
        message: `${line.node.name} ${line.node.args.map((a) => a.text).join(' ')} has no effect because ${by.name} ${by.args.map((a) => a.text).join(' ')} on line ${by.range.start.line + 1}${scope} turns off ${why.what} for the same connections (L4); remove it, or enable forwarding in the scope where it is meant to apply.`,
        related: [{ path: ctx.file.path, range: by.range, message: `${by.name} turns forwarding off here` }],
      });
    }
  },
};
