// A keyword in a Host/Match block that an earlier section has already set for every host this
// block matches (the global part, `Host *`, `Match all`, or a Host pattern covering this one):
// ssh keeps the first value it obtains, so this block's value never applies.
import type { Line } from '../analysis';
import { clientScopes, lineLabel, valueOf } from '../hosts-scope';
import { firstWins } from './duplicate-setting';
import type { SshRule } from './types';

const PROXY = ['proxyjump', 'proxycommand'];

/** For ProxyJump/ProxyCommand: what is obtained first among both (ProxyJump none does not stop ProxyCommand). */
export function proxyBlockers(l: Line): (x: Line) => boolean {
  return l.key === 'proxycommand' ? (x) => x.key === 'proxycommand' || x.node.args[0]?.value.toLowerCase() !== 'none' : () => true;
}

export const sshShadowedSetting: SshRule = {
  id: 'ssh/shadowed-setting',
  language: 'ssh_config',
  layer: 7,
  severity: 'warning',
  summary: 'A Host block setting that an earlier, broader section (global, Host *, Match all) already sets: it never applies.',
  check(ctx, report) {
    const scopes = clientScopes(ctx);
    for (const l of ctx.lines) {
      if (!l.section || !firstWins(l, 'client')) continue;
      if (!l.first) continue; // a repeat in the block: duplicate-setting
      if (!scopes.mayBeCovered(l)) continue;
      const proxy = PROXY.includes(l.key);
      const winners = proxy ? scopes.coveredBy(l, PROXY, proxyBlockers(l)) : scopes.coveredBy(l, [l.key]);
      if (!winners || winners.some((w) => w.key !== l.key)) continue; // the other proxy keyword: proxyjump-ignored
      const same = winners.every((w) => valueOf(w) === valueOf(l));
      const name = l.spec!.name;
      const from = winners.map(lineLabel).join(' and ');
      report({
        range: l.node.range,
        severity: same ? 'info' : 'warning',
        layer: l.spec!.layer,
        message: same
          ? `\`${name}\` here repeats the value ${from} already gives every host of this block; the line is redundant and can go.`
          : `\`${name}\` here never applies: ${from} sets it first for every host this block matches, and ssh keeps the first value it obtains (L${l.spec!.layer}); ${
              winners.some((w) => !w.section) ? 'move the global line into a `Host *` block at the end of the file' : 'move this block above that section, or narrow the earlier one'
            }.`,
        related: winners.map((w) => ({ path: ctx.file.path, range: w.node.range, message: `the ${name} line obtained first` })),
      });
    }
  },
};
