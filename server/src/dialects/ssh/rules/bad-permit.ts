// PermitOpen and PermitListen entries sshd cannot parse: it stops with "missing host" or "bad port number".
import { lexiconIssues } from '../lexicon-check';
import type { SshRule } from './types';

export const sshdBadPermit: SshRule = {
  id: 'sshd/bad-permit',
  language: 'sshd_config',
  layer: 4,
  severity: 'error',
  summary: 'A PermitOpen or PermitListen entry sshd cannot parse (no port, a port outside 1-65535, any/none mixed with entries), which makes sshd refuse the whole file.',
  check(ctx, report) {
    for (const i of lexiconIssues(ctx)) if (i.category === 'bad-permit') report(i);
  },
};
