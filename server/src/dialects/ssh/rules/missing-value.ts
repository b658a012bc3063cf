// A keyword with nothing after it: ssh and sshd stop at "no argument after keyword" and refuse the file.
import { lexiconIssues } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

function make(side: SshSide): SshRule {
  return {
    id: side === 'client' ? 'ssh/missing-value' : 'sshd/missing-value',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `A keyword without a value, which makes ${side === 'client' ? 'ssh' : 'sshd'} refuse the whole file.`,
    check(ctx, report) {
      for (const i of lexiconIssues(ctx)) if (i.category === 'missing-value') report(i);
    },
  };
}

export const sshMissingValue = make('client');
export const sshdMissingValue = make('server');
