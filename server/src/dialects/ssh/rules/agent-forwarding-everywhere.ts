// ForwardAgent turned on for every host (global part, `Host *`, `Match all`): every server you log
// in to, and anyone with root there, can use your keys through the forwarded agent while you are
// connected. Forward the agent only to the hosts that need it.
import { deleteLines } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import { everywhereFirst, everywhereLabel } from '../hosts-scope';
import type { SshRule } from './types';

const OFF = new Set(['no', 'false']);

export const sshAgentForwardingEverywhere: SshRule = {
  id: 'ssh/agent-forwarding-everywhere',
  language: 'ssh_config',
  layer: 7,
  severity: 'warning',
  summary: 'ForwardAgent on for every host: each server you log in to can use your keys while you are connected.',
  check(ctx, report) {
    const l = everywhereFirst(ctx, 'forwardagent');
    const arg = l?.node.args[0];
    if (!l || !arg || OFF.has(arg.value.toLowerCase())) return;
    const fixes: Fix[] = [
      { title: 'Set ForwardAgent no (then enable it in the Host blocks that need it)', edits: [{ path: ctx.file.path, range: arg.range, newText: 'no' }], preferred: true },
      { title: 'Remove this ForwardAgent line', edits: [deleteLines(ctx.file, l.node.range.start.line)] },
    ];
    report({
      range: l.node.range,
      message: `ForwardAgent is on ${everywhereLabel(l)}, so every server you connect to (and whoever has root there) can use your agent's keys to log in elsewhere as you (L7); set it only in the Host blocks that really need agent forwarding.`,
      fixes,
    });
  },
};
