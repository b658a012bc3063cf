// Quick-fix edits on whole lines, shared by the dialects: deleting lines, and the line break added lines use.
import type { TextEdit } from './rules';
import type { Position } from './syntax';
import type { LineIndex } from './text';

/**
 * Deletes lines `first` to `last` (0-based) with their line break, so no empty line stays in
 * their place. When they are the file's last lines and no line break follows them, the break
 * before them goes instead; a file of only these lines becomes empty.
 */
export function deleteLines(file: { path: string; lines: LineIndex }, first: number, last = first): TextEdit {
  const lines = file.lines;
  const lineEnd = (line: number): Position => ({ line, character: lines.lineEnd(line) - lines.starts[line] });
  const range =
    last + 1 < lines.lineCount
      ? { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }
      : { start: first > 0 ? lineEnd(first - 1) : { line: 0, character: 0 }, end: lineEnd(last) };
  return { path: file.path, range, newText: '' };
}

/** The line break a file's added lines use: CRLF when the file has any, else LF. */
export function lineBreakOf(file: { text: string }): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}
