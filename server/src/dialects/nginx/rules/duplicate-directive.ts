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
    // Candidates (resolved, allowed, not data or templated, single-valued) come in document
    // order, so the blocks on the path to the current one form a stack, and a block whose body
    // has been left is never met again: each keeps the first single-valued directive of each
    // name, in a short list (blocks hold few of them) and past that in a map.
    const open: OpenBlock[] = [];
    const candidates = lexiconCandidates(ctx).singleValued;
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i];
      const parent = r.node.parent;
      while (open.length && !encloses(open[open.length - 1].block, parent)) open.pop();
      let block = open[open.length - 1];
      if (!block || block.block !== parent) open.push((block = { block: parent, firsts: [r.node], byName: undefined }));
      else {
        const first = firstNamed(block, r.node);
        if (!first) continue;
        report({
          range: r.node.nameRange,
          message: `"${r.node.name}" is already set in this block on line ${first.nameRange.start.line + 1}: nginx refuses the file as a duplicate. Keep one of them.`,
          related: [{ path: ctx.file.path, range: first.nameRange, message: 'first set here' }],
          fixes: [{ title: `Remove this "${r.node.name}"`, edits: [{ path: ctx.file.path, range: r.node.range, newText: '' }] }],
        });
      }
    }
  },
};

/** A block on the path to the current candidate (undefined: the file's top level). */
interface OpenBlock {
  block: Directive | undefined;
  firsts: Directive[];
  byName: Map<string, Directive> | undefined;
}

/** Whether `inner` stands in `outer`'s body (at any depth) or is `outer`. */
function encloses(outer: Directive | undefined, inner: Directive | undefined): boolean {
  if (!outer) return true;
  for (let b = inner; b; b = b.parent) if (b === outer) return true;
  return false;
}

/** The block's first directive named like `node`, or undefined after recording `node` as the first. */
function firstNamed(block: OpenBlock, node: Directive): Directive | undefined {
  if (block.byName) {
    const first = block.byName.get(node.name);
    if (!first) block.byName.set(node.name, node);
    return first;
  }
  for (const d of block.firsts) if (d.name === node.name) return d;
  if (block.firsts.length < 16) block.firsts.push(node);
  else block.byName = new Map([...block.firsts.map((d): [string, Directive] => [d.name, d]), [node.name, node]]);
  return undefined;
}
