// Conversions between offsets and 0-based LSP positions, shared by every parser.
import type { Position, Range } from './syntax';

export class LineIndex {
  /**
   * Offset of the first character of each line. A typed array, of exactly one slot per line: its
   * numbers live outside the JS heap, so young-generation collections do not copy them.
   */
  readonly starts: Uint32Array;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + pos.character, this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line] ?? this.text.length, this.lineEnd(line));
  }
}

/**
 * Room for the line starts of the texts indexed so far, reused: they are found in one pass into
 * it and copied out at their exact count (counting them first cost a second pass over the text).
 */
let scratch: Uint32Array = new Uint32Array(1024);

/** The offset of the first character of each line (lines end at LF, CRLF or a lone CR). */
function lineStarts(text: string): Uint32Array {
  let n = 0;
  let starts = scratch;
  starts[0] = 0;
  if (text.indexOf('\r') < 0) {
    // The usual case: let indexOf find them.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (++n === starts.length) starts = grownScratch();
      starts[n] = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        if (++n === starts.length) starts = grownScratch();
        starts[n] = i + 1;
      }
    }
  }
  return starts.slice(0, n + 1);
}

/** Doubles the room of `scratch`, keeping what it holds. */
function grownScratch(): Uint32Array {
  const grown = new Uint32Array(scratch.length * 2);
  grown.set(scratch);
  return (scratch = grown);
}

export function contains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function rangeOf(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}
