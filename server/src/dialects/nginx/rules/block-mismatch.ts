// A block directive written without `{}` or a simple directive given a block.
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

export const blockMismatch: NginxRule = {
  id: 'nginx/block-mismatch',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A block directive without a block, or a simple directive followed by a block.',
  check(ctx, report) {
    for (const r of lexiconCandidates(ctx).blockMismatch) {
      const spec = r.spec;
      if (!spec || r.data || r.templated || r.allowed === false) continue;
      const hasBlock = !!r.node.children;
      if (spec.isBlock && !hasBlock) {
        report({ range: r.node.nameRange, message: `"${spec.name}" opens a block but has none: nginx refuses the file. Add "{ ... }" after its arguments.` });
      } else if (!spec.isBlock && hasBlock) {
        report({ range: r.node.nameRange, message: `"${spec.name}" is a simple directive, not a block: nginx refuses the file. End it with ";" and move the braces' content to the enclosing block.` });
      }
    }
  },
};
