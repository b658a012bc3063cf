// An Include of one file (no wildcard) that does not exist. ssh and sshd both skip it without a
// word (a glob that matches nothing is the same to them), so the settings meant to come from it
// silently never apply.
import { sshIncludesOf } from '../includes';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  return {
    id: side === 'client' ? 'ssh/include-not-found' : 'sshd/include-not-found',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 7,
    severity: 'info',
    summary: `An Include naming a file that does not exist; ${tool} skips it silently, so the settings in it never apply.`,
    check(ctx, report) {
      const home = ctx.ws.host.homeDir?.();
      for (const inc of sshIncludesOf(ctx.file, ctx.ws)) {
        if (inc.glob || inc.paths.length) continue;
        if (inc.pattern.startsWith('~') && !home) continue;
        const arg = inc.directive.args.find((a) => a.value === inc.pattern);
        report({
          range: arg?.range ?? inc.directive.nameRange,
          message: `Include "${inc.pattern}" finds no file: ${tool} skips it without a warning, so none of the settings meant to come from it apply; fix the path or create the file.`,
        });
      }
    },
  };
}

export const sshIncludeNotFound = make('client');
export const sshdIncludeNotFound = make('server');
