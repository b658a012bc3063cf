// Fixes and messages of the HTTP relay rules: edits that add directive lines next to a
// directive (with its indentation and line breaks), and where a directive is written.
import type { TextEdit } from '../../engine/rules';
import type { Directive } from '../../engine/syntax';
import type { SourceFile } from '../../engine/workspace';
import type { Placed } from './http-scope';

/**
 * An edit that inserts directive lines just before `node` (or before the block that holds it when
 * its parent is one of `climbOut`, e.g. `if`, where the directive is not allowed).
 */
export function insertBefore(file: SourceFile, node: Directive, lines: string | readonly string[], climbOut?: ReadonlySet<string>): TextEdit {
  let anchor = node;
  if (climbOut) while (anchor.parent && climbOut.has(anchor.parent.name)) anchor = anchor.parent;
  const pos = anchor.nameRange.start;
  const from = file.lines.starts[pos.line];
  // Only blanks before the directive: the new lines go above it, with the same indentation.
  if (from === undefined || firstNonBlank(file.text, from, file.lines.offset(pos)) < 0) {
    const before = lineStart(file, pos.line, pos.character);
    const eol = eolOf(file, pos.line);
    const newText = typeof lines === 'string' ? `${before}${lines}${eol}` : lines.map((l) => `${before}${l}${eol}`).join('');
    return { path: file.path, range: { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: 0 } }, newText };
  }
  return { path: file.path, range: { start: pos, end: pos }, newText: typeof lines === 'string' ? `${lines} ` : lines.map((l) => `${l} `).join('') };
}

/** The first `character` characters of a line (`lineText(line).slice(0, character)`). */
function lineStart(file: SourceFile, line: number, character: number): string {
  const from = file.lines.starts[line];
  if (from === undefined) return '';
  return file.text.slice(from, file.lines.offset({ line, character }));
}

/** The offset of the first character of `text[from, to)` that is not white space (as `\s`), or -1. */
function firstNonBlank(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return i;
  return -1;
}

/** Whether a UTF-16 code unit is white space as `\s` in a regular expression sees it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The line break the file uses at a line (CRLF or LF). */
function eolOf(file: SourceFile, line: number): string {
  return file.text.charCodeAt(file.lines.lineEnd(line)) === 13 ? '\r\n' : '\n';
}

/** An edit that inserts directive lines just after `node`, with its indentation. */
export function insertAfter(file: SourceFile, node: Directive, lines: string | readonly string[]): TextEdit {
  const start = node.nameRange.start;
  const from = file.lines.starts[start.line];
  let indent = '';
  if (from !== undefined) {
    // The leading blanks of the directive's line, up to the directive.
    const to = file.lines.offset(start);
    const text = firstNonBlank(file.text, from, to);
    indent = file.text.slice(from, text < 0 ? to : text);
  }
  const end = node.range.end;
  const eol = eolOf(file, end.line);
  return { path: file.path, range: { start: end, end }, newText: typeof lines === 'string' ? `${eol}${indent}${lines}` : lines.map((l) => `${eol}${indent}${l}`).join('') };
}

/** 1-based line of a placed directive, with the file name when it is another file. */
export function where(p: Placed, from: SourceFile): string {
  const line = p.node.nameRange.start.line + 1;
  if (p.file === from) return `line ${line}`;
  const base = p.file.path.split('/').pop();
  return `${base}:${line}`;
}
