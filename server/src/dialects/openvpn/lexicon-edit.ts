// Small edit helpers shared by the lexicon rules' quick fixes.
import type { TextEdit } from '../../engine/rules';
import type { Directive, Range } from '../../engine/syntax';
import type { OpenvpnContext } from './analysis';

/** Deletes the whole line (or lines) a directive spans, line break included. */
export function deleteLines(ctx: OpenvpnContext, node: Directive): TextEdit {
  const first = node.range.start.line;
  const last = node.range.end.line;
  if (last + 1 < ctx.file.lines.lineCount) return { path: ctx.file.path, range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  // The last line: take the line break before it instead.
  const start = first > 0 ? { line: first - 1, character: ctx.file.lines.lineText(first - 1).length } : { line: 0, character: 0 };
  return { path: ctx.file.path, range: { start, end: { line: last, character: ctx.file.lines.lineText(last).length } }, newText: '' };
}

/** Replaces the text of a directive from its name to its last argument. */
export function replaceDirective(ctx: OpenvpnContext, node: Directive, text: string): TextEdit {
  return { path: ctx.file.path, range: { start: node.nameRange.start, end: node.range.end }, newText: text };
}

export function replaceRange(ctx: OpenvpnContext, range: Range, text: string): TextEdit {
  return { path: ctx.file.path, range, newText: text };
}

/** The line break the file uses. */
export function eol(ctx: OpenvpnContext): string {
  return ctx.file.text.includes('\r\n') ? '\r\n' : '\n';
}
