// StrictHostKeyChecking no/off for every host (global part, `Host *`, `Match all`): ssh accepts
// an unknown host key without asking and, for a changed key, only warns and goes on. With
// UserKnownHostsFile /dev/null nothing is ever remembered, so every key is new and accepted
// silently; accept-new with /dev/null is just as blind. A man in the middle is never noticed.
import { deleteLines } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import type { Line } from '../analysis';
import { everywhereFirst, everywhereLabel } from '../hosts-scope';
import type { SshRule } from './types';

const DISABLED = new Set(['no', 'off', 'false']);
const nowhere = (l: Line | undefined) => !!l?.node.args.length && l.node.args.every((a) => a.value === '/dev/null' || a.value.toLowerCase() === 'none');

export const sshHostKeyCheckingDisabled: SshRule = {
  id: 'ssh/host-key-checking-disabled',
  language: 'ssh_config',
  layer: 6,
  severity: 'warning',
  summary: 'StrictHostKeyChecking no (or known hosts in /dev/null) for every host: any host key is accepted, so a man in the middle goes unnoticed.',
  check(ctx, report) {
    const shk = everywhereFirst(ctx, 'stricthostkeychecking');
    const ukh = everywhereFirst(ctx, 'userknownhostsfile');
    const value = shk?.node.args[0]?.value.toLowerCase();
    const blind = nowhere(ukh);
    if (shk && value && DISABLED.has(value)) {
      const arg = shk.node.args[0];
      const fixes: Fix[] = [{ title: 'Use accept-new (record new keys, refuse changed ones)', edits: [{ path: ctx.file.path, range: arg.range, newText: 'accept-new' }], preferred: !blind }];
      if (blind) {
        fixes.unshift({
          title: 'Use accept-new and keep a known_hosts file',
          edits: [{ path: ctx.file.path, range: arg.range, newText: 'accept-new' }, deleteLines(ctx.file, ukh!.node.range.start.line)],
          preferred: true,
        });
      }
      report({
        range: shk.node.range,
        message: blind
          ? `StrictHostKeyChecking ${arg.value} with UserKnownHostsFile /dev/null ${everywhereLabel(shk)} accepts whatever host key a server presents, every time, so a man in the middle is never noticed (L6); use accept-new with a real known_hosts file, and disable checking only in the Host blocks of throwaway machines.`
          : `StrictHostKeyChecking ${arg.value} ${everywhereLabel(shk)} accepts unknown host keys without asking and only warns when a known key changes, so a man in the middle goes unnoticed (L6); use accept-new, and disable checking only in the Host blocks of throwaway machines.`,
        related: blind ? [{ path: ctx.file.path, range: ukh!.node.range, message: 'known hosts go nowhere' }] : undefined,
        fixes,
      });
      return;
    }
    if (blind && value === 'accept-new') {
      report({
        range: ukh!.node.range,
        message: `UserKnownHostsFile ${ukh!.node.args.map((a) => a.text).join(' ')} ${everywhereLabel(ukh!)} never remembers a key, so with StrictHostKeyChecking accept-new every host key counts as new and is accepted, and a man in the middle is never noticed (L6); keep a real known_hosts file.`,
        related: [{ path: ctx.file.path, range: shk!.node.range, message: 'accept-new accepts every new key' }],
        fixes: [{ title: 'Remove this UserKnownHostsFile line', edits: [deleteLines(ctx.file, ukh!.node.range.start.line)], preferred: true }],
      });
    }
  },
};
