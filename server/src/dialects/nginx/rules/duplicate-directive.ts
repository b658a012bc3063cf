// The same single-valued directive twice in one block: nginx stops with "is duplicate".
import type { Directive } from '../../../engine/syntax';
import { lexiconCandidates } from '../lexicon-scan';
import { encloses } from '../scope';
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
    // name, in a short list (blocks hold few of them) and past that in a map. The stack's
    // records are reused as it shrinks and grows again: one per nesting depth, not one per block.
    const open: OpenBlock[] = [];
    let depth = 0;
    const candidates = lexiconCandidates(ctx).singleValued;
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i];
      const parent = r.node.parent;
      while (depth && !encloses(open[depth - 1].block, parent)) depth--;
      let block = depth ? open[depth - 1] : undefined;
      if (!block || block.block !== parent) {
        block = open[depth] ??= { block: undefined, firsts: [], count: 0, byName: undefined };
        depth++;
        block.block = parent;
        block.firsts[0] = r.node;
        block.count = 1;
        block.byName = undefined;
      } else {
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
  /** The first directive of each name, in `firsts[0 .. count)` (the array is kept between blocks). */
  firsts: Directive[];
  count: number;
  byName: Map<string, Directive> | undefined;
}

/** The block's first directive named like `node`, or undefined after recording `node` as the first. */
function firstNamed(block: OpenBlock, node: Directive): Directive | undefined {
  if (block.byName) {
    const first = block.byName.get(node.name);
    if (!first) block.byName.set(node.name, node);
    return first;
  }
  const firsts = block.firsts;
  for (let i = 0; i < block.count; i++) if (firsts[i].name === node.name) return firsts[i];
  if (block.count < 16) firsts[block.count++] = node;
  else {
    block.byName = new Map();
    for (let i = 0; i < block.count; i++) block.byName.set(firsts[i].name, firsts[i]);
    block.byName.set(node.name, node);
  }
  return undefined;
}
