// A Match line with an unknown criterion, a criterion without its value, or a malformed address list, which makes ssh or sshd refuse the whole file.
import { lexiconIssues } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  return {
    id: side === 'client' ? 'ssh/match-syntax' : 'sshd/match-syntax',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `A Match line with an unknown criterion, a criterion without its value, or a malformed address list, which makes ${tool} refuse the whole file.`,
    check(ctx, report) {
      for (const i of lexiconIssues(ctx)) if (i.category === 'match-syntax') report(i);
    },
  };
}

export const sshMatchSyntax = make('client');
export const sshdMatchSyntax = make('server');
