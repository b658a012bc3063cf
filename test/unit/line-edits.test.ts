// Whole-line edits used by the quick fixes of every dialect: no empty line stays behind, added lines break as the file does.
import { describe, expect, it } from 'vitest';
import { deleteLines, lineBreakOf } from '../../server/src/engine/line-edits';
import { LineIndex } from '../../server/src/engine/text';
import { applyEdits } from '../support/apply-edits';

const PATH = '/ws/file.conf';
const file = (text: string) => ({ path: PATH, lines: new LineIndex(text) });
const afterDeleting = (text: string, first: number, last = first) => applyEdits(text, [deleteLines(file(text), first, last)]);
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('deleteLines', () => {
  it('removes a middle line with its line break', () => {
    expect(deleteLines(file('a\nbb\nc\n'), 1)).toEqual({ path: PATH, range: range(1, 0, 2, 0), newText: '' });
    expect(afterDeleting('a\nbb\nc\n', 1)).toBe('a\nc\n');
    expect(afterDeleting('a\nbb\nc', 1)).toBe('a\nc');
  });

  it('removes the last line before a trailing newline up to the next (empty) line', () => {
    expect(deleteLines(file('a\nbb\n'), 1)).toEqual({ path: PATH, range: range(1, 0, 2, 0), newText: '' });
    expect(afterDeleting('a\nbb\n', 1)).toBe('a\n');
  });

  it('removes the last line without a trailing newline together with the line break before it', () => {
    expect(deleteLines(file('a\nbb'), 1)).toEqual({ path: PATH, range: range(0, 1, 1, 2), newText: '' });
    expect(afterDeleting('a\nbb', 1)).toBe('a');
    expect(afterDeleting('a\n\nbb', 2)).toBe('a\n');
  });

  it('empties a one-line file, with or without its line break', () => {
    expect(deleteLines(file('only'), 0)).toEqual({ path: PATH, range: range(0, 0, 0, 4), newText: '' });
    expect(afterDeleting('only', 0)).toBe('');
    expect(afterDeleting('only\n', 0)).toBe('');
    expect(afterDeleting('only\r\n', 0)).toBe('');
  });

  it('takes CRLF line breaks whole', () => {
    expect(afterDeleting('a\r\nbb\r\nc\r\n', 1)).toBe('a\r\nc\r\n');
    expect(afterDeleting('a\r\nbb\r\n', 1)).toBe('a\r\n');
    expect(deleteLines(file('a\r\nbb'), 1)).toEqual({ path: PATH, range: range(0, 1, 1, 2), newText: '' });
    expect(afterDeleting('a\r\nbb', 1)).toBe('a');
    expect(afterDeleting('a\rbb\rc', 1)).toBe('a\rc');
  });

  it('removes a span of lines the same way', () => {
    expect(afterDeleting('a\nb\nc\nd\n', 1, 2)).toBe('a\nd\n');
    expect(afterDeleting('a\nb\nc', 1, 2)).toBe('a');
    expect(afterDeleting('b\nc', 0, 1)).toBe('');
  });
});

describe('lineBreakOf', () => {
  it('uses CRLF when the file has any, else LF', () => {
    expect(lineBreakOf({ text: 'a\r\nb\r\n' })).toBe('\r\n');
    expect(lineBreakOf({ text: 'a\nb\r\nc\n' })).toBe('\r\n');
    expect(lineBreakOf({ text: 'a\nb\n' })).toBe('\n');
    expect(lineBreakOf({ text: '' })).toBe('\n');
  });
});
