// LocalForward, RemoteForward and DynamicForward specs ssh cannot parse ("Bad forwarding specification").
import { lexiconIssues } from '../lexicon-check';
import type { SshRule } from './types';

export const sshBadForward: SshRule = {
  id: 'ssh/bad-forward',
  language: 'ssh_config',
  layer: 4,
  severity: 'error',
  summary: 'A LocalForward, RemoteForward or DynamicForward spec ssh cannot parse (bad port, missing target, too many parts), which makes ssh refuse the whole file.',
  check(ctx, report) {
    for (const i of lexiconIssues(ctx)) if (i.category === 'bad-forward') report(i);
  },
};
