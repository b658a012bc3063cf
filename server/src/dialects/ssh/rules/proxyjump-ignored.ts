// ProxyJump and ProxyCommand share one slot: whichever ssh obtains first wins and the other is
// ignored. A ProxyJump after a ProxyCommand for the same hosts (earlier in the block, in the global
// part, or in an earlier section that covers this one) never applies, and the reverse. Measured
// with ssh -G 9.2: any ProxyCommand (even `none`) blocks a later ProxyJump; a ProxyJump blocks a
// later ProxyCommand unless it is `ProxyJump none`.
import type { Line } from '../analysis';
import { clientScopes, lineLabel } from '../hosts-scope';
import { firstWins } from './duplicate-setting';
import { proxyBlockers } from './shadowed-setting';
import type { SshRule } from './types';

const PROXY = ['proxyjump', 'proxycommand'];
const NAME: Record<string, string> = { proxyjump: 'ProxyJump', proxycommand: 'ProxyCommand' };

export const sshProxyjumpIgnored: SshRule = {
  id: 'ssh/proxyjump-ignored',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'A ProxyJump that never applies because a ProxyCommand was obtained first for the same hosts (or the reverse).',
  check(ctx, report) {
    const scopes = clientScopes(ctx);
    for (const l of ctx.lines) {
      if (!PROXY.includes(l.key) || !firstWins(l, 'client')) continue;
      if (!l.first) continue; // a repeat: duplicate-setting
      const other = l.key === 'proxyjump' ? 'proxycommand' : 'proxyjump';
      const accept = proxyBlockers(l);
      let winners: Line[] | undefined = scopes.mayBeCovered(l) ? scopes.coveredBy(l, PROXY, accept) : undefined;
      if (winners && winners.every((w) => w.key === l.key)) continue; // shadowed by its own keyword
      if (!winners) {
        const before = scopes.firstBeside(l, other);
        if (!before || before.node.range.start.line > l.node.range.start.line || !accept(before)) continue;
        winners = [before];
      }
      const blockers = winners.filter((w) => w.key === other);
      const me = NAME[l.key];
      const them = NAME[other];
      const from = blockers.map((w) => (w.section === l.section ? `line ${w.node.range.start.line + 1} of this block` : lineLabel(w))).join(' and ');
      report({
        range: l.node.range,
        message: `This ${me} never applies: ${them} on ${from} is obtained first for these hosts and the two share one slot, so ssh connects the way that ${them} says (L4); remove one of them, or put the one you mean first.`,
        related: blockers.map((w) => ({ path: ctx.file.path, range: w.node.range, message: `the ${them} obtained first` })),
      });
    }
  },
};
