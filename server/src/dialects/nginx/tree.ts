// The nginx parser's tree nodes. A 10k-line config has some 20,000 directives and arguments; as
// plain objects each carried two or three Range and Position objects, which made most of the
// parse's garbage. Here a node keeps its positions as numbers and builds `range`, `nameRange` and
// `bodyRange` on first read (then keeps them, so a node always returns the same object). The
// properties stay readable and writable, so every consumer of `Directive` and `Arg` works as is.
import type { Arg, Directive, Position, Range } from '../../engine/syntax';

function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

interface RangeMemo {
  name: Range | undefined;
  whole: Range | undefined;
  body: Range | undefined;
}

function newMemo(): RangeMemo {
  return { name: undefined, whole: undefined, body: undefined };
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
  /** The ranges built so far (one field for the three, since most nodes never build any). */
  private ranges: RangeMemo | undefined = undefined;

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
    const r = (this.ranges ??= newMemo());
    return (r.name ??= makeRange(this.nameLine, this.nameChar, this.nameEndLine, this.nameEndChar));
  }

  set nameRange(range: Range) {
    (this.ranges ??= newMemo()).name = range;
  }

  /** The whole statement; its start is the same object as `nameRange.start`. */
  get range(): Range {
    const r = (this.ranges ??= newMemo());
    return (r.whole ??= { start: this.nameRange.start, end: { line: this.endLine, character: this.endChar } });
  }

  set range(range: Range) {
    (this.ranges ??= newMemo()).whole = range;
  }

  get bodyRange(): Range | undefined {
    if (this.bodyLine < 0 && !this.ranges?.body) return undefined;
    const r = (this.ranges ??= newMemo());
    return (r.body ??= makeRange(this.bodyLine, this.bodyChar, this.endLine, this.endChar));
  }

  set bodyRange(range: Range | undefined) {
    (this.ranges ??= newMemo()).body = range;
  }

  /** Sets the end of the statement (for a block, its `}`). */
  close(end: Position): void {
    this.endLine = end.line;
    this.endChar = end.character;
  }
}
