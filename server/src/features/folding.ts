// Folding ranges from the syntax tree (blocks and sections) and from runs of comment lines.
import type { FoldingRange } from 'vscode-languageserver-types';
import type { Comment, Directive } from '../engine/syntax';

/**
 * `closedBlocks`: blocks end with a closing line of their own (nginx `}`), which stays visible;
 * sections (ssh `Host`) end at their last line, which folds with them.
 */
export function foldingRanges(tree: readonly Directive[], comments: readonly Comment[], closedBlocks = true): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (nodes: readonly Directive[]) => {
    for (const d of nodes) {
      if (d.children && d.range.end.line > d.range.start.line) {
        out.push({ startLine: d.range.start.line, endLine: closedBlocks ? Math.max(d.range.start.line, d.range.end.line - 1) : d.range.end.line });
      }
      if (d.children) visit(d.children);
    }
  };
  visit(tree);
  let runStart = -1;
  let last = -2;
  for (const c of comments) {
    const line = c.range.start.line;
    if (line !== last + 1) {
      if (runStart >= 0 && last > runStart) out.push({ startLine: runStart, endLine: last, kind: 'comment' });
      runStart = line;
    }
    last = line;
  }
  if (runStart >= 0 && last > runStart) out.push({ startLine: runStart, endLine: last, kind: 'comment' });
  return out;
}
