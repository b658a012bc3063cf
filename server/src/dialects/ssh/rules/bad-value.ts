// A value the keyword does not accept (a wrong yes/no word, an unknown enum value, a malformed time, number, size or algorithm, extra words), which makes ssh or sshd refuse the whole file.
import { lexiconIssues } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  return {
    id: side === 'client' ? 'ssh/bad-value' : 'sshd/bad-value',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `A value the keyword does not accept (a wrong yes/no word, an unknown enum value, a malformed time, number, size or algorithm, extra words), which makes ${tool} refuse the whole file.`,
    check(ctx, report) {
      for (const i of lexiconIssues(ctx)) if (i.category === 'bad-value') report(i);
    },
  };
}

export const sshBadValue = make('client');
export const sshdBadValue = make('server');
