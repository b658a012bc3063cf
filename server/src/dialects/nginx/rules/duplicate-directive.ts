// The same single-valued directive twice in one block: nginx stops with "is duplicate".
import type { Directive } from '../../../engine/syntax';
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

export { isSingleValued } from '../lexicon-scan';

export const duplicateDirective: NginxRule = {
  id: 'nginx/duplicate-directive',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A single-valued directive set twice in the same block.',
  check(ctx, report) {
    // Per block, the first single-valued directive of each name: the directive itself while it
    // is the only one, then a short list (blocks hold few of them), then a map.
    const firstByBlock = new Map<readonly Directive[], Directive | Directive[] | Map<string, Directive>>();
    // Resolved, allowed, not data or templated, and single-valued.
    const candidates = lexiconCandidates(ctx).singleValued;
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i];
      const siblings = r.node.parent?.children ?? ctx.file.parse.tree;
      const name = r.node.name;
      const seen = firstByBlock.get(siblings);
      let first: Directive | undefined;
      if (!seen) {
        firstByBlock.set(siblings, r.node);
        continue;
      }
      if (seen instanceof Map) {
        first = seen.get(name);
        if (!first) {
          seen.set(name, r.node);
          continue;
        }
      } else if (Array.isArray(seen)) {
        first = seen.find((d) => d.name === name);
        if (!first) {
          if (seen.length < 16) seen.push(r.node);
          else firstByBlock.set(siblings, new Map([...seen.map((d): [string, Directive] => [d.name, d]), [name, r.node]]));
          continue;
        }
      } else if (seen.name === name) {
        first = seen;
      } else {
        firstByBlock.set(siblings, [seen, r.node]);
        continue;
      }
      report({
        range: r.node.nameRange,
        message: `"${r.node.name}" is already set in this block on line ${first.nameRange.start.line + 1}: nginx refuses the file as a duplicate. Keep one of them.`,
        related: [{ path: ctx.file.path, range: first.nameRange, message: 'first set here' }],
        fixes: [{ title: `Remove this "${r.node.name}"`, edits: [{ path: ctx.file.path, range: r.node.range, newText: '' }] }],
      });
    }
  },
};
