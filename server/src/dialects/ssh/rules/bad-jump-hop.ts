// Malformed ProxyJump hops. ssh -G checks every hop of every ProxyJump line, active or not, and
// refuses the whole file ("Invalid ProxyJump") for an empty hop or user, a bad port, a `/` after
// the host, an IPv6 address without brackets, or an ssh:// address with a path or an invalid
// host name. What it accepts but surely was not meant (`none` inside a list, `[]`) is a warning.
import { jumpHops } from '../hosts-jump';
import type { SshRule } from './types';

export const sshBadJumpHop: SshRule = {
  id: 'ssh/bad-jump-hop',
  language: 'ssh_config',
  layer: 4,
  severity: 'error',
  summary: 'A malformed ProxyJump hop (empty host, bad port, ssh:// with a path): ssh refuses the whole configuration.',
  check(ctx, report) {
    const hops = jumpHops(ctx);
    /** Hops per ProxyJump line, counted when a `none` hop needs it. */
    let count: Map<unknown, number> | undefined;
    const hopsOf = (line: unknown) => {
      if (!count) {
        count = new Map();
        for (const h of hops) count.set(h.line, (count.get(h.line) ?? 0) + 1);
      }
      return count.get(line)!;
    };
    for (const h of hops) {
      const value = h.arg.value;
      if (h.hop.error) {
        report({
          range: h.range,
          message: `ssh refuses this ProxyJump hop (${h.hop.error}) and with it the whole configuration, so no connection starts (L4); write it as [user@]host[:port] or ssh://[user@]host[:port].`,
        });
        continue;
      }
      if (h.hop.host.toLowerCase() === 'none' && !h.hop.user && h.hop.port === undefined && hopsOf(h.line) > 1) {
        report({
          range: h.range,
          severity: 'warning',
          message: `\`none\` only turns ProxyJump off when it stands alone; inside the list \`${value}\` ssh takes it as a jump host named "none" and the connection fails there (L4); remove it from the list.`,
        });
      } else if (!h.hop.host) {
        report({
          range: h.range,
          severity: 'warning',
          message: 'This hop has an empty host name between brackets, which ssh accepts but cannot connect to (L4); write the jump host inside the brackets.',
        });
      }
    }
  },
};
