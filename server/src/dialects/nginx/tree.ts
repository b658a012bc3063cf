// The nginx parser's tree nodes. A 10k-line config has some 20,000 directives and arguments; as
// plain objects each carried two or three Range and Position objects, which made most of the
// parse's garbage. Here a node keeps its positions as numbers and builds `range`, `nameRange` and
// `bodyRange` on first read (then keeps them, so a node always returns the same object). The
// properties stay readable and writable, so every consumer of `Directive` and `Arg` works as is.
import type { Arg, Directive, Position, Range } from '../../engine/syntax';

function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export class NginxArg implements Arg {
  private rangeMemo: Range | undefined = undefined;

  constructor(
    public text: string,
    public value: string,
    public quoted: boolean,
    /** Start and end of the argument as line and character (0-based). */
    readonly startLine: number,
    readonly startChar: number,
    readonly endLine: number,
    readonly endChar: number,
  ) {}

  get range(): Range {
    return (this.rangeMemo ??= makeRange(this.startLine, this.startChar, this.endLine, this.endChar));
  }

  set range(range: Range) {
    this.rangeMemo = range;
  }
}

export class NginxDirective implements Directive {
  children: Directive[] | undefined = undefined;
  opaque: boolean | undefined = undefined;
  /** Where the body's `{` stands; -1 when the directive has no body. */
  bodyLine = -1;
  bodyChar = -1;
  private nameRangeMemo: Range | undefined = undefined;
  private rangeMemo: Range | undefined = undefined;
  private bodyRangeMemo: Range | undefined = undefined;

  constructor(
    public name: string,
    public args: Arg[],
    public parent: Directive | undefined,
    readonly nameLine: number,
    readonly nameChar: number,
    readonly nameEndLine: number,
    readonly nameEndChar: number,
    /** End of the statement: its `;`, or the `}` of its body (the `{` until that is read). */
    public endLine: number,
    public endChar: number,
  ) {}

  get nameRange(): Range {
    return (this.nameRangeMemo ??= makeRange(this.nameLine, this.nameChar, this.nameEndLine, this.nameEndChar));
  }

  set nameRange(range: Range) {
    this.nameRangeMemo = range;
  }

  /** The whole statement; its start is the same object as `nameRange.start`. */
  get range(): Range {
    return (this.rangeMemo ??= { start: this.nameRange.start, end: { line: this.endLine, character: this.endChar } });
  }

  set range(range: Range) {
    this.rangeMemo = range;
  }

  get bodyRange(): Range | undefined {
    if (this.bodyRangeMemo || this.bodyLine < 0) return this.bodyRangeMemo;
    return (this.bodyRangeMemo = makeRange(this.bodyLine, this.bodyChar, this.endLine, this.endChar));
  }

  set bodyRange(range: Range | undefined) {
    this.bodyRangeMemo = range;
  }

  /** Sets the end of the statement and, for a block, where its body opened. */
  close(end: Position, bodyStart?: Position): void {
    this.endLine = end.line;
    this.endChar = end.character;
    if (bodyStart) {
      this.bodyLine = bodyStart.line;
      this.bodyChar = bodyStart.character;
    }
  }
}
