// Small edit helpers shared by the lexicon rules' quick fixes.
import { deleteLines } from '../../engine/line-edits';
import type { TextEdit } from '../../engine/rules';
import type { Directive, Range } from '../../engine/syntax';
import type { OpenvpnContext } from './analysis';

/** Deletes the whole line (or lines) a directive spans, line break included. */
export function deleteDirectiveLines(ctx: OpenvpnContext, node: Directive): TextEdit {
  return deleteLines(ctx.file, node.range.start.line, node.range.end.line);
}

/** Replaces the text of a directive from its name to its last argument. */
export function replaceDirective(ctx: OpenvpnContext, node: Directive, text: string): TextEdit {
  return { path: ctx.file.path, range: { start: node.nameRange.start, end: node.range.end }, newText: text };
}

export function replaceRange(ctx: OpenvpnContext, range: Range, text: string): TextEdit {
  return { path: ctx.file.path, range, newText: text };
}
