// A file that includes itself, directly or through other files: nginx reads it again and
// again until it crashes, so it never starts.
import { posix } from 'node:path';
import { includeCycles } from '../relay-graph';
import type { NginxRule } from './types';

export const includeCycle: NginxRule = {
  id: 'nginx/include-cycle',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'An include that leads back to a file already being included.',
  check(ctx, report) {
    for (const c of includeCycles(ctx.ws)) {
      if (c.path !== ctx.file.path) continue;
      const names = c.chain.map((p) => posix.basename(p));
      const label = new Set(names).size === new Set(c.chain).size ? names : c.chain;
      const arg = c.directive.args[0];
      report({
        range: arg?.range ?? c.directive.nameRange,
        message: `This include closes a loop (${label.join(' → ')}): nginx reads the same files over and over until it crashes, so it never starts and nothing listens (L4); remove this include, or include the shared file from one place only.`,
        fixes: [{ title: 'Remove this include', edits: [{ path: ctx.file.path, range: c.directive.range, newText: '' }] }],
      });
    }
  },
};
