// The nginx parser's tree nodes. A 50k-line config has some 46,000 directives and 62,000
// arguments, and the tree outlives young-generation collections, which copy every object it
// holds: so objects are few and small. One parse keeps every position, and every argument's text, in a ParseTable (numbers in
// typed arrays, outside the JS heap); a directive is a small object pointing into it, and its
// `args`, `range`, `nameRange` and `bodyRange` are built on first read (then kept, so a node
// always returns the same object). The properties stay readable and writable, so every consumer
// of `Directive`, `Arg` and `Comment` works as is.
import type { Arg, Comment, Directive, Position, Range } from '../../engine/syntax';

function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

// A directive's slots in ParseTable.dirs.
const NAME_LINE = 0;
const NAME_CHAR = 1;
const NAME_END_LINE = 2;
const NAME_END_CHAR = 3;
const END_LINE = 4;
const END_CHAR = 5;
/** Where the body's `{` stands; -1 when the directive has no body. */
const BODY_LINE = 6;
const BODY_CHAR = 7;
/** Index of its first argument in the argument columns, and how many it has. */
const ARG_FROM = 8;
const ARG_COUNT = 9;
const OPAQUE = 10;
const DIR_SLOTS = 11;
// An argument's slots in ParseTable.argPos.
const ARG_SLOTS = 4;
/** Argument texts per chunk: 8192 pointers (64 KB) stay below V8's large-object size (128 KB). */
const TEXT_CHUNK_BITS = 13;
const TEXT_CHUNK = 1 << TEXT_CHUNK_BITS;
const TEXT_CHUNK_MASK = TEXT_CHUNK - 1;

/** Positions and argument texts of one parse, filled by the parser and read by the nodes. */
export class ParseTable {
  /** DIR_SLOTS numbers per directive. */
  dirs: Int32Array;
  /** Start line, start character, end line, end character of each argument. */
  argPos: Int32Array;
  /**
   * Each argument as written, in chunks of TEXT_CHUNK: a list grown by push copies itself as it
   * grows, and one list for them all would be a large object, whose fresh pages every parse
   * paid for in page faults. The last chunk's unused tail is cut off by `trim`.
   */
  private readonly argTexts: string[][] = [];
  /** The value of each argument whose value differs from its text (quoted or escaped). */
  argValue: Map<number, string> | undefined = undefined;
  /** Whether an unquoted argument has a value of its own (an escape in a word; rare). */
  private escapedWords = false;
  dirCount = 0;
  argCount = 0;

  /** `size`: the text's length, to size the columns once for the usual density of a config. */
  constructor(size: number) {
    this.dirs = new Int32Array(Math.max(64, size >> 5) * DIR_SLOTS);
    this.argPos = new Int32Array(Math.max(64, size >> 4) * ARG_SLOTS);
  }

  /** Drops the unused room of the last chunk of argument texts once the parse is done (in place, without a copy). */
  trim(): void {
    const used = this.argCount & TEXT_CHUNK_MASK;
    if (used) this.argTexts[this.argTexts.length - 1].length = used;
  }

  /** The text of argument `i` as written. */
  argText(i: number): string {
    return this.argTexts[i >> TEXT_CHUNK_BITS][i & TEXT_CHUNK_MASK];
  }

  /**
   * Adds a directive whose name spans the given positions, its arguments the ones added next;
   * returns its index. `endDirective` completes it.
   */
  addDirective(nameLine: number, nameChar: number, nameEndLine: number, nameEndChar: number): number {
    const id = this.dirCount++;
    let at = id * DIR_SLOTS;
    if (at + DIR_SLOTS > this.dirs.length) this.dirs = grown(this.dirs);
    const d = this.dirs;
    d[at++] = nameLine;
    d[at++] = nameChar;
    d[at++] = nameEndLine;
    d[at++] = nameEndChar;
    d[at++] = -1;
    d[at++] = -1;
    d[at++] = -1;
    d[at++] = -1;
    d[at++] = this.argCount;
    d[at++] = 0;
    d[at] = 0;
    return id;
  }

  /** Completes directive `id`: how many arguments it has, and where the statement ends. */
  endDirective(id: number, argCount: number, endLine: number, endChar: number): void {
    const at = id * DIR_SLOTS;
    this.dirs[at + ARG_COUNT] = argCount;
    this.dirs[at + END_LINE] = endLine;
    this.dirs[at + END_CHAR] = endChar;
  }

  /** Adds an argument; returns its index. */
  addArg(text: string, value: string, startLine: number, startChar: number, endLine: number, endChar: number): number {
    const i = this.argCount++;
    let at = i * ARG_SLOTS;
    if (at + ARG_SLOTS > this.argPos.length) this.argPos = grown(this.argPos);
    const p = this.argPos;
    p[at++] = startLine;
    p[at++] = startChar;
    p[at++] = endLine;
    p[at] = endChar;
    const slot = i & TEXT_CHUNK_MASK;
    if (slot === 0) this.argTexts.push(new Array(TEXT_CHUNK));
    this.argTexts[i >> TEXT_CHUNK_BITS][slot] = text;
    if (value !== text) {
      (this.argValue ??= new Map()).set(i, value);
      if (!startsWithQuote(text)) this.escapedWords = true;
    }
    return i;
  }

  argEndLine(i: number): number {
    return this.argPos[i * ARG_SLOTS + 2];
  }

  argEndChar(i: number): number {
    return this.argPos[i * ARG_SLOTS + 3];
  }

  nameEndLine(id: number): number {
    return this.dirs[id * DIR_SLOTS + NAME_END_LINE];
  }

  nameEndChar(id: number): number {
    return this.dirs[id * DIR_SLOTS + NAME_END_CHAR];
  }

  bodyLine(id: number): number {
    return this.dirs[id * DIR_SLOTS + BODY_LINE];
  }

  bodyChar(id: number): number {
    return this.dirs[id * DIR_SLOTS + BODY_CHAR];
  }

  setBody(id: number, line: number, character: number): void {
    this.dirs[id * DIR_SLOTS + BODY_LINE] = line;
    this.dirs[id * DIR_SLOTS + BODY_CHAR] = character;
  }

  setEnd(id: number, line: number, character: number): void {
    this.dirs[id * DIR_SLOTS + END_LINE] = line;
    this.dirs[id * DIR_SLOTS + END_CHAR] = character;
  }

  /** A directive's arguments as Arg objects (a new array). */
  argsOf(id: number): NginxArg[] {
    const from = this.dirs[id * DIR_SLOTS + ARG_FROM];
    const n = this.dirs[id * DIR_SLOTS + ARG_COUNT];
    const out: NginxArg[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const text = this.argText(i);
      out[k] = new NginxArg(text, this.valueOf(i, text), this, i);
    }
    return out;
  }

  /** The value of a directive's argument `k` (undefined: none), read from the table. */
  argValueAt(id: number, k: number): string | undefined {
    if (k >= this.dirs[id * DIR_SLOTS + ARG_COUNT]) return undefined;
    const i = this.dirs[id * DIR_SLOTS + ARG_FROM] + k;
    return this.valueOf(i, this.argText(i));
  }

  /** The value of argument `i`, whose text is `text`; most are unquoted words, and skip the lookup. */
  private valueOf(i: number, text: string): string {
    if (!this.escapedWords && !startsWithQuote(text)) return text;
    return this.argValue?.get(i) ?? text;
  }
}

/** Whether a token starts with a quote (quotes open only at a token's start). */
function startsWithQuote(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 34 || c === 39;
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class NginxArg implements Arg {
  private rangeMemo: Range | undefined = undefined;

  constructor(
    public text: string,
    public value: string,
    private readonly table: ParseTable,
    private readonly index: number,
  ) {}

  /**
   * A token that starts with a quote is a quoted one (quotes open only at a token's start). Read
   * from the text rather than kept in a field: a field cost 8 bytes on each of a lint's arguments.
   */
  get quoted(): boolean {
    return startsWithQuote(this.text);
  }

  get range(): Range {
    if (this.rangeMemo) return this.rangeMemo;
    const p = this.table.argPos;
    const at = this.index * ARG_SLOTS;
    return (this.rangeMemo = makeRange(p[at], p[at + 1], p[at + 2], p[at + 3]));
  }

  set range(range: Range) {
    this.rangeMemo = range;
  }
}

interface RangeMemo {
  name: Range | undefined;
  whole: Range | undefined;
  body: Range | undefined;
  /** `bodyRange` was set to undefined. */
  bodyCleared: boolean;
}

function newMemo(): RangeMemo {
  return { name: undefined, whole: undefined, body: undefined, bodyCleared: false };
}

export class NginxDirective implements Directive {
  children: Directive[] | undefined = undefined;
  /** The arguments once read (built from the table on first read). */
  private argList: Arg[] | undefined = undefined;
  /** The ranges built so far (one field for the three, since most nodes never build any). */
  private ranges: RangeMemo | undefined = undefined;

  constructor(
    public name: string,
    public parent: Directive | undefined,
    /** The parse's table and this directive's index in it. */
    readonly table: ParseTable,
    readonly id: number,
  ) {}

  get args(): Arg[] {
    return (this.argList ??= this.table.argsOf(this.id));
  }

  set args(args: Arg[]) {
    this.argList = args;
  }

  /** The value of argument `k` (undefined: none), without building `args`. */
  argValueAt(k: number): string | undefined {
    return this.argList ? this.argList[k]?.value : this.table.argValueAt(this.id, k);
  }

  /** How many arguments the directive has, without building them. */
  get argCount(): number {
    return this.argList ? this.argList.length : this.table.dirs[this.id * DIR_SLOTS + ARG_COUNT];
  }

  get opaque(): boolean | undefined {
    return this.table.dirs[this.id * DIR_SLOTS + OPAQUE] === 1 || undefined;
  }

  set opaque(opaque: boolean | undefined) {
    this.table.dirs[this.id * DIR_SLOTS + OPAQUE] = opaque ? 1 : 0;
  }

  get nameRange(): Range {
    const r = (this.ranges ??= newMemo());
    if (r.name) return r.name;
    const d = this.table.dirs;
    const at = this.id * DIR_SLOTS;
    return (r.name = makeRange(d[at + NAME_LINE], d[at + NAME_CHAR], d[at + NAME_END_LINE], d[at + NAME_END_CHAR]));
  }

  set nameRange(range: Range) {
    (this.ranges ??= newMemo()).name = range;
  }

  /** Whether `nameRange` has not been read or set yet, so the table's numbers are its start. */
  get nameFromTable(): boolean {
    return this.ranges?.name === undefined;
  }

  /** The whole statement; its start is the same object as `nameRange.start`. */
  get range(): Range {
    const r = (this.ranges ??= newMemo());
    if (r.whole) return r.whole;
    const d = this.table.dirs;
    const at = this.id * DIR_SLOTS;
    return (r.whole = { start: this.nameRange.start, end: { line: d[at + END_LINE], character: d[at + END_CHAR] } });
  }

  set range(range: Range) {
    (this.ranges ??= newMemo()).whole = range;
  }

  get bodyRange(): Range | undefined {
    const memo = this.ranges?.body;
    if (memo) return memo;
    // An assigned `undefined` sticks: the table's body is not read again.
    if (this.ranges?.bodyCleared) return undefined;
    const d = this.table.dirs;
    const at = this.id * DIR_SLOTS;
    if (d[at + BODY_LINE] < 0) return undefined;
    return ((this.ranges ??= newMemo()).body = makeRange(d[at + BODY_LINE], d[at + BODY_CHAR], d[at + END_LINE], d[at + END_CHAR]));
  }

  set bodyRange(range: Range | undefined) {
    const r = (this.ranges ??= newMemo());
    r.body = range;
    r.bodyCleared = range === undefined;
  }

  /** Sets the end of the statement (for a block, its `}`). */
  close(end: Position): void {
    this.table.setEnd(this.id, end.line, end.character);
  }
}

/** A comment (always on one line: it ends at the line break), its range built on first read. */
export class NginxComment implements Comment {
  private rangeMemo: Range | undefined = undefined;

  constructor(
    public text: string,
    private readonly line: number,
    private readonly startChar: number,
  ) {}

  get range(): Range {
    return (this.rangeMemo ??= makeRange(this.line, this.startChar, this.line, this.startChar + this.text.length));
  }

  set range(range: Range) {
    this.rangeMemo = range;
  }
}

/** How many arguments a directive has; for a parsed one, without building its `args`. */
export function argCountOf(node: Directive): number {
  return node instanceof NginxDirective ? node.argCount : node.args.length;
}

/** The value of a directive's argument `k` (undefined: none); for a parsed one, without building its `args`. */
export function argValueOf(node: Directive, k: number): string | undefined {
  return node instanceof NginxDirective ? node.argValueAt(k) : node.args[k]?.value;
}

/** The values of a directive's arguments; for a parsed one, without building its `args`. */
export function argValuesOf(node: Directive): string[] {
  const n = argCountOf(node);
  const values = new Array<string>(n);
  for (let k = 0; k < n; k++) values[k] = argValueOf(node, k)!;
  return values;
}

/** Whether a directive's name starts before another's; for two of one parse, without building their ranges. */
export function startsBefore(a: Directive, b: Directive): boolean {
  let aLine: number, aChar: number, bLine: number, bChar: number;
  if (a instanceof NginxDirective && b instanceof NginxDirective && a.table === b.table && a.nameFromTable && b.nameFromTable) {
    const d = a.table.dirs;
    aLine = d[a.id * DIR_SLOTS + NAME_LINE];
    aChar = d[a.id * DIR_SLOTS + NAME_CHAR];
    bLine = d[b.id * DIR_SLOTS + NAME_LINE];
    bChar = d[b.id * DIR_SLOTS + NAME_CHAR];
  } else {
    const x = a.nameRange.start;
    const y = b.nameRange.start;
    aLine = x.line;
    aChar = x.character;
    bLine = y.line;
    bChar = y.character;
  }
  return aLine < bLine || (aLine === bLine && aChar < bChar);
}

/**
 * How many directives each parse's tree holds, as the parser counted them (saves walking a large
 * tree to size an array). Kept beside the trees rather than in them, so that a node that outlives
 * its parse does not keep the tree's other top-level blocks alive.
 */
const treeSizes = new WeakMap<readonly Directive[], number>();

export function recordTreeSize(tree: readonly Directive[], size: number): void {
  treeSizes.set(tree, size);
}

/** How many directives a tree holds: the parser's count for a whole parse, else by walking it. */
export function treeSizeOf(tree: readonly Directive[]): number {
  return treeSizes.get(tree) ?? countDirectives(tree);
}

/** How many directives `nodes[from..to)` and their descendants are. */
export function countDirectives(nodes: readonly Directive[], from = 0, to = nodes.length): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const children = nodes[i].children;
    if (children) n += countDirectives(children);
  }
  return n;
}
