// A port outside 1-65535 or not a number (Port, ListenAddress), which makes ssh or sshd refuse the whole file.
import { lexiconIssues } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  return {
    id: side === 'client' ? 'ssh/port-range' : 'sshd/port-range',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `A port outside 1-65535 or not a number (${side === 'client' ? 'Port' : 'Port, ListenAddress'}), which makes ${tool} refuse the whole file.`,
    check(ctx, report) {
      for (const i of lexiconIssues(ctx)) if (i.category === 'port-range') report(i);
    },
  };
}

export const sshPortRange = make('client');
export const sshdPortRange = make('server');
