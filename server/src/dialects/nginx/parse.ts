// Error-tolerant nginx tokenizer and parser. It follows nginx's own tokenizer rules
// (ngx_conf_file.c): words end at whitespace, `;` or `{`; `#` starts a comment only at the
// start of a token; quotes open only at the start of a token; `\` escapes in and out of quotes.
// It never throws: every problem becomes a ParseProblem with an exact range, and parsing goes on.
// The tokenizer is a charCode loop that keeps the current token in fields (no token objects):
// positions and arguments go to the parse's table, and only directives, the children arrays
// and comments are allocated (see tree.ts).
import type { Comment, Directive, ParseProblem, ParseResult, Position, Range } from '../../engine/syntax';
import { countDirectives, NginxComment, NginxDirective, ParseTable, recordTreeSize } from './tree';

export interface NginxParseOptions {
  /**
   * Called when a word starts a new line in the middle of a statement. Returning true treats it
   * as the start of a new directive (the previous one lacks its `;`). Used with known directive
   * names so that a forgotten `;` is reported on its own line instead of swallowing the next one.
   */
  startsDirective?: (word: string, parent: string | undefined) => boolean;
}

/**
 * How deep blocks may nest before their contents are skipped. Real configs nest a few levels;
 * nginx itself crashes somewhere past a few thousand, and the analysis walks trees recursively,
 * so a pathological file is cut here rather than allowed to exhaust the stack.
 */
export const MAX_BLOCK_DEPTH = 500;

/** Words up to this length are shared through a small table (see `word`). */
const MAX_INTERNED = 40;
/**
 * Texts from this length on share their words: a large tree outlives young-generation
 * collections, which copy every string it holds, so fewer strings pay for the lookups; in a
 * small text the lookups cost more than the strings.
 */
const INTERN_FROM = 1 << 19;
/** V8 copies shorter slices of a string; longer ones point into it. */
const SLICE_MIN = 13;
const INTERN_MASK = 16383;
const interned: (string | undefined)[] = new Array(INTERN_MASK + 1).fill(undefined);

/**
 * The table slot of the `n`-character word at `at`, from its length and four of its characters
 * (a hash of every character cost more than the occasional collision, which only means a miss).
 */
function internSlot(text: string, at: number, n: number): number {
  let h = Math.imul(n ^ text.charCodeAt(at), 0x9e3779b1);
  h = Math.imul(h ^ text.charCodeAt(at + (n >> 1)), 0x9e3779b1);
  h = Math.imul(h ^ text.charCodeAt(at + n - 1), 0x9e3779b1);
  h = Math.imul(h ^ text.charCodeAt(at + n - 2), 0x9e3779b1);
  return (h ^ (h >>> 15)) & INTERN_MASK;
}

/**
 * The string to keep for the word `raw`, found at `from`..`to` of `text`. Configs repeat the same
 * words (names, ports, `$host`, ...): the string of the last word in the same slot with the same
 * text is kept, and the fresh slice dies young (comparing with === was cheaper than comparing the
 * text character by character before slicing).
 */
function internWord(text: string, from: number, to: number, raw: string): string {
  const n = to - from;
  const slot = internSlot(text, from, n);
  const known = interned[slot];
  if (known === raw) return known;
  // V8 makes a slice of 13 characters or more a view into the whole text: the table keeps a copy
  // of its own instead, so that it never holds on to old texts. Long words with digits
  // (addresses, numbered names) are mostly one-offs and are not kept at all.
  if (n < SLICE_MIN) interned[slot] = raw;
  else if (!hasDigit(text, from, to)) interned[slot] = raw = (' ' + raw).slice(1);
  return raw;
}

/**
 * Where the run of plain word characters from `pos` ends: most characters are none of
 * whitespace, `;`, `{` and `\`, and one test finds them.
 */
function plainEnd(text: string, pos: number, len: number): number {
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c > 32 && c !== 59 && c !== 123 && c !== 92) pos++;
    else break;
  }
  return pos;
}

/** Whether a character ends a word (whitespace that separates tokens, or `;`). */
function endsWord(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 59;
}

/** Whether `text` has a digit between `from` and `to`. */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Token kinds. */
const WORD = 0;
const SEMI = 1;
const OPEN = 2;
const CLOSE = 3;
const EOF = 4;

/** Lua blocks hold Lua code, not nginx directives; their body is skipped as a whole. */
export function isOpaqueBlockName(name: string): boolean {
  return name.endsWith('_by_lua_block') || name === 'lua_block';
}

export function parseNginx(text: string, options: NginxParseOptions = {}): ParseResult {
  return new NginxParser(text, options).parse();
}

/** The character an escape `\x` stands for (\" \' \\ \t \r \n), or undefined when it stays as written. */
function unescape(n: number): string | undefined {
  switch (n) {
    case 34:
      return '"';
    case 39:
      return "'";
    case 92:
      return '\\';
    case 116:
      return '\t';
    case 114:
      return '\r';
    case 110:
      return '\n';
    default:
      return undefined;
  }
}

class NginxParser {
  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private lastTokenLine = -1;
  private readonly problems: ParseProblem[] = [];
  private readonly comments: Comment[] = [];
  private readonly table: ParseTable;
  private readonly intern: boolean;
  /** How many directives were dropped from the tree with the contents of a stray `{`. */
  private dropped = 0;

  // The current token (next() returns its kind): where it starts and ends, and for a word its
  // text. Positions are kept as numbers, as the tree's nodes keep them.
  private startLine = 0;
  private startChar = 0;
  private endLine = 0;
  private endChar = 0;
  private tokText = '';
  private tokValue = '';
  /** True when no other token precedes it on its line. */
  private firstOnLine = false;

  constructor(
    private readonly text: string,
    private readonly options: NginxParseOptions,
  ) {
    this.table = new ParseTable(text.length);
    this.intern = text.length >= INTERN_FROM;
  }

  parse(): ParseResult {
    // The directives of every open block, innermost last: a block's children are copied out at
    // their exact size when it closes (arrays grown by push keep unused room), and what remains
    // at the end is the top level.
    const pending: Directive[] = [];
    // How many entries of `pending` are in use; entries past it are left over and overwritten
    // (shortening the array each time a block closed cost some 3% of parsing a small file).
    let top = 0;
    if (this.text.charCodeAt(0) === 0xfeff) {
      this.problem('nginx/bom', 'error', this.here(), this.here(),
        'The file starts with a UTF-8 byte order mark, which nginx reads as part of the first directive name and rejects; save the file as UTF-8 without BOM.');
      // Editors hide the mark, so positions on the first line are counted without it.
      this.pos = 1;
      this.lineStart = 1;
    }
    const startsDirective = this.options.startsDirective;
    // The open blocks, innermost last, as parallel stacks (no object per block): each one's directive (which keeps where its `{` stands), where its children
    // start in `pending`, and for a `{` with no directive before it, where that brace stands.
    const blockNodes: (NginxDirective | undefined)[] = [undefined];
    const blockFroms: number[] = [0];
    const blockBraces: (Range | undefined)[] = [undefined];
    let block: NginxDirective | undefined = undefined;
    // The open statement: its index in the table (taken when its name is read, -1 when there is
    // none), its name, and how many arguments it has (the table's last `argc` ones). Plain locals,
    // not captured by a closure, so that the loop keeps them in registers.
    let stmt = -1;
    let name = '';
    let argc = 0;
    const table = this.table;

    for (;;) {
      const kind = this.next();
      if (kind === WORD) {
        if (stmt >= 0) {
          if (!this.firstOnLine || !startsDirective || !startsDirective(this.tokValue, block?.name)) {
            table.addArg(this.tokText, this.tokValue, this.startLine, this.startChar, this.endLine, this.endChar);
            argc++;
            continue;
          }
          pending[top++] = this.unterminated(stmt, name, block, argc);
          argc = 0;
        }
        name = this.tokValue;
        stmt = table.addDirective(this.startLine, this.startChar, this.endLine, this.endChar);
        continue;
      }
      if (kind === SEMI) {
        if (stmt < 0) {
          this.problem('nginx/syntax', 'error', this.tokenStart(), this.tokenEnd(), 'Unexpected ";" with no directive before it; remove it.');
          continue;
        }
        pending[top++] = this.finish(stmt, name, block, argc, this.endLine, this.endChar);
        stmt = -1;
        argc = 0;
        continue;
      }
      if (kind === OPEN) {
        if (stmt < 0) {
          const brace: Range = { start: this.tokenStart(), end: this.tokenEnd() };
          this.problem('nginx/syntax', 'error', brace.start, brace.end, 'Unexpected "{" with no directive name before it; add the block directive or remove the brace.');
          blockNodes.push((block = undefined));
          blockFroms.push(top);
          blockBraces.push(brace);
          continue;
        }
        const node = this.finish(stmt, name, block, argc, this.endLine, this.endChar);
        stmt = -1;
        argc = 0;
        table.setBody(node.id, this.startLine, this.startChar);
        pending[top++] = node;
        if (isOpaqueBlockName(node.name)) {
          node.children = [];
          this.skipLuaBody(node);
        } else if (blockNodes.length > MAX_BLOCK_DEPTH) {
          node.children = [];
          this.skipDeepBody(node);
        } else {
          blockNodes.push((block = node));
          blockFroms.push(top);
          blockBraces.push(undefined);
        }
        continue;
      }
      if (kind === CLOSE) {
        if (stmt >= 0) {
          pending[top++] = this.unterminated(stmt, name, block, argc);
          stmt = -1;
          argc = 0;
        }
        if (blockNodes.length === 1) {
          this.problem('nginx/syntax', 'error', this.tokenStart(), this.tokenEnd(), 'Unexpected "}" that closes no block; remove it or add the block it was meant to close.');
          continue;
        }
        blockBraces.pop();
        this.countDropped(blockNodes[blockNodes.length - 1], pending, blockFroms[blockFroms.length - 1], top);
        top = closeBlock(blockNodes.pop(), blockFroms.pop()!, this.endLine, this.endChar, pending, top);
        block = blockNodes[blockNodes.length - 1];
        continue;
      }
      // End of file.
      if (stmt >= 0) pending[top++] = this.unterminated(stmt, name, block, argc);
      while (blockNodes.length > 1) {
        const node = blockNodes.pop();
        const brace = braceOf(node, blockBraces.pop());
        this.problem('nginx/syntax', 'error', brace.start, brace.end,
          `The block${node ? ` "${node.name}"` : ''} opened here is never closed; add the missing "}".`);
        this.countDropped(node, pending, blockFroms[blockFroms.length - 1], top);
        top = closeBlock(node, blockFroms.pop()!, this.endLine, this.endChar, pending, top);
      }
      pending.length = top;
      table.trim();
      recordTreeSize(pending, table.dirCount - this.dropped);
      return { tree: pending, problems: this.problems, comments: this.comments };
    }
  }

  /** Counts the directives a stray `{` (no `node`) drops when it closes: its entries of `pending` and their descendants. */
  private countDropped(node: NginxDirective | undefined, pending: Directive[], from: number, top: number): void {
    if (!node) this.dropped += countDirectives(pending, from, top);
  }

  /** Ends statement `stmt` (`argc` arguments) at the given position and makes its node. */
  private finish(stmt: number, name: string, parent: NginxDirective | undefined, argc: number, endLine: number, endChar: number): NginxDirective {
    this.table.endDirective(stmt, argc, endLine, endChar);
    return new NginxDirective(name, parent, this.table, stmt);
  }

  /** Ends a statement that lacks its `;` (at its last token) and reports it. */
  private unterminated(stmt: number, name: string, parent: NginxDirective | undefined, argc: number): NginxDirective {
    const table = this.table;
    const last = table.argCount - 1;
    const line = argc ? table.argEndLine(last) : table.nameEndLine(stmt);
    const character = argc ? table.argEndChar(last) : table.nameEndChar(stmt);
    this.problem('nginx/syntax', 'error', { line, character }, { line, character }, `Missing ";" after "${name}"; nginx reads on into the next line and refuses the file.`);
    return this.finish(stmt, name, parent, argc, line, character);
  }

  // ---- tokenizer ---------------------------------------------------------------------------

  private here(): Position {
    return { line: this.line, character: this.pos - this.lineStart };
  }

  private problem(code: string, severity: ParseProblem['severity'], start: Position, end: Position, message: string): void {
    this.problems.push({ code, severity, message, range: { start, end } });
  }

  /** Advances over one character, keeping line bookkeeping right for LF, CRLF and lone CR. */
  private advance(): void {
    // Never past the end: the Lua skipper advances over an unterminated string's closing quote,
    // which put the end-of-file position one character beyond the last line.
    if (this.pos >= this.text.length) return;
    const c = this.text.charCodeAt(this.pos++);
    if (c === 10 || (c === 13 && this.text.charCodeAt(this.pos) !== 10)) {
      this.line++;
      this.lineStart = this.pos;
    }
  }

  private markLine(): boolean {
    const first = this.lastTokenLine !== this.line;
    this.lastTokenLine = this.line;
    return first;
  }

  /** Reads the next token into the current-token fields and returns its kind. */
  private next(): number {
    const text = this.text;
    const len = text.length;
    let pos = this.pos;
    // Whitespace and comments.
    for (;;) {
      if (pos >= len) {
        this.pos = pos;
        return this.simple(EOF, 0);
      }
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 12 || c === 11) {
        pos++;
      } else if (c === 10) {
        pos++;
        this.line++;
        this.lineStart = pos;
      } else if (c === 13) {
        pos++;
        if (text.charCodeAt(pos) !== 10) {
          this.line++;
          this.lineStart = pos;
        }
      } else if (c === 35 /* # */) {
        const from = pos;
        while (pos < len) {
          const d = text.charCodeAt(pos);
          if (d === 10 || d === 13) break;
          pos++;
        }
        this.comments.push(new NginxComment(text.slice(from, pos), this.line, from - this.lineStart));
      } else break;
    }
    this.pos = pos;
    const c = text.charCodeAt(pos);
    if (c === 59) return this.simple(SEMI, 1);
    if (c === 123) return this.simple(OPEN, 1);
    if (c === 125) return this.simple(CLOSE, 1);
    if (c === 34 || c === 39) return this.quoted(c);
    return this.word();
  }

  private tokenStart(): Position {
    return { line: this.startLine, character: this.startChar };
  }

  private tokenEnd(): Position {
    return { line: this.endLine, character: this.endChar };
  }

  private simple(kind: number, width: number): number {
    const line = this.line;
    const character = this.pos - this.lineStart;
    this.firstOnLine = this.lastTokenLine !== line;
    this.lastTokenLine = line;
    this.pos += width;
    this.startLine = this.endLine = line;
    this.startChar = character;
    this.endChar = character + width;
    return kind;
  }

  /**
   * Reads a word. The common word (no escape, no `${`, no unusual control character) is
   * scanned here; `wordFrom` takes over at the first character that needs more. Kept small so
   * that it is inlined into the parse loop (a call per word cost some 9% of parsing).
   */
  private word(): number {
    const text = this.text;
    const len = text.length;
    let pos = this.pos;
    const startOffset = pos;
    this.startLine = this.line;
    this.startChar = pos - this.lineStart;
    this.firstOnLine = this.markLine();
    pos = plainEnd(text, pos, len);
    if (pos < len && !endsWord(text.charCodeAt(pos))) return this.wordFrom(startOffset, pos);
    return this.endWord(startOffset, pos, undefined, pos);
  }

  /** Reads on the word that starts at `startOffset` from `pos`, where a character needs more than a scan. */
  private wordFrom(startOffset: number, pos: number): number {
    const text = this.text;
    const len = text.length;
    // Undefined until an escape is met: then the unescaped text up to `chunk`.
    let value: string | undefined;
    let chunk = startOffset;
    // Where the last escape pair ends: the character before it was escaped, not a `$`.
    let escapeEnd = -1;
    for (;;) {
      pos = plainEnd(text, pos, len);
      if (pos >= len) break;
      const c = text.charCodeAt(pos);
      if (endsWord(c)) break;
      if (c === 123) {
        // `${name}` keeps its braces inside the word, as nginx does (a word never starts with `{`).
        if (text.charCodeAt(pos - 1) !== 36 || escapeEnd === pos) break;
        pos++;
        continue;
      }
      if (c === 92 && pos + 1 < len) {
        // As in nginx, `\` takes the next character into the word, a line break included
        // (stopping before it left the `\` unconsumed, and a `\` at the end of a line looped
        // forever). Only \" \' \\ \t \r \n are unescaped; any other pair stays as written,
        // as nginx keeps it (regexes such as `\.php$`).
        const n = text.charCodeAt(pos + 1);
        const unescaped = unescape(n);
        if (unescaped !== undefined) {
          value = (value ?? '') + text.slice(chunk, pos) + unescaped;
          chunk = pos + 2;
        }
        pos++;
        // An escaped CRLF is taken whole, so the word never ends between its CR and LF.
        if (n === 13 && text.charCodeAt(pos + 1) === 10) pos++;
        // Counts an escaped line break.
        const d = text.charCodeAt(pos++);
        if (d === 10 || (d === 13 && text.charCodeAt(pos) !== 10)) {
          this.line++;
          this.lineStart = pos;
        }
        escapeEnd = pos;
        continue;
      }
      pos++;
    }
    return this.endWord(startOffset, pos, value, chunk);
  }

  /**
   * Ends the word at `pos`: its text, and its value (`value`, the unescaped text up to `chunk`,
   * then the rest as written; undefined when nothing was unescaped).
   */
  private endWord(startOffset: number, pos: number, value: string | undefined, chunk: number): number {
    const text = this.text;
    this.pos = pos;
    let raw = text.slice(startOffset, pos);
    if (this.intern && value === undefined && pos - startOffset <= MAX_INTERNED) raw = internWord(text, startOffset, pos, raw);
    this.tokText = raw;
    this.tokValue = value === undefined ? raw : value + text.slice(chunk, pos);
    this.endLine = this.line;
    this.endChar = pos - this.lineStart;
    return WORD;
  }

  private quoted(quote: number): number {
    const text = this.text;
    const len = text.length;
    const start = this.here();
    const startOffset = this.pos;
    this.startLine = start.line;
    this.startChar = start.character;
    this.firstOnLine = this.markLine();
    const startLine = this.line;
    this.pos++;
    let value = '';
    let chunk = this.pos;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === quote) {
        value += text.slice(chunk, this.pos);
        this.pos++;
        this.tokText = text.slice(startOffset, this.pos);
        this.tokValue = value;
        this.endLine = this.line;
        this.endChar = this.pos - this.lineStart;
        this.checkSpaceAfterQuote();
        return WORD;
      }
      if (c === 92 /* \ */ && this.pos + 1 < len) {
        const unescaped = unescape(text.charCodeAt(this.pos + 1));
        if (unescaped !== undefined) {
          value += text.slice(chunk, this.pos) + unescaped;
          this.pos += 2;
          chunk = this.pos;
          continue;
        }
      }
      this.advance();
    }
    // Unterminated: report from the quote to the end of its line, and resume on the next line.
    this.pos = startOffset;
    this.line = startLine;
    this.lineStart = startOffset - start.character;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === 10 || c === 13) break;
      this.pos++;
    }
    const end = this.here();
    this.problem('nginx/syntax', 'error', start, end, `Unterminated ${quote === 34 ? 'double' : 'single'} quote: nothing closes it before the end of the file; add the closing quote.`);
    const raw = text.slice(startOffset, this.pos);
    this.tokText = raw;
    this.tokValue = raw.slice(1);
    this.endLine = end.line;
    this.endChar = end.character;
    return WORD;
  }

  /** nginx requires whitespace, `;`, `{` or `)` right after a closing quote. */
  private checkSpaceAfterQuote(): void {
    if (this.pos >= this.text.length) return;
    const c = this.text.charCodeAt(this.pos);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 59 || c === 123 || c === 41 || c === 125) return;
    const at = this.here();
    this.problem('nginx/syntax', 'error', at, { line: at.line, character: at.character + 1 },
      `Unexpected "${this.text[this.pos]}" right after a closing quote; nginx needs a space or ";" here.`);
  }

  /**
   * Skips the body of a block nested deeper than MAX_BLOCK_DEPTH up to its matching `}` (tokens
   * are read as usual, so quotes and comments count), and reports that it is not checked.
   */
  private skipDeepBody(node: NginxDirective): void {
    node.opaque = true;
    const brace = braceOf(node, undefined);
    this.problem('nginx/syntax', 'warning', brace.start, brace.end,
      `Blocks nested more than ${MAX_BLOCK_DEPTH} deep, so what this "${node.name}" holds is not checked; flatten the nesting (a config this deep is almost always generated by mistake).`);
    let depth = 1;
    for (;;) {
      const kind = this.next();
      if (kind === OPEN) depth++;
      else if (kind === CLOSE && --depth === 0) {
        node.table.setEnd(node.id, this.endLine, this.endChar);
        return;
      } else if (kind === EOF) {
        this.problem('nginx/syntax', 'error', brace.start, brace.end, `The block "${node.name}" opened here is never closed; add the missing "}".`);
        node.table.setEnd(node.id, this.endLine, this.endChar);
        return;
      }
    }
  }

  /** Skips a Lua body up to its matching `}`, honouring Lua strings and comments. */
  private skipLuaBody(node: NginxDirective): void {
    node.opaque = true;
    const text = this.text;
    const len = text.length;
    let depth = 1;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        this.pos++;
        node.close(this.here());
        this.lastTokenLine = this.line;
        return;
      } else if (c === 34 || c === 39) {
        this.advance();
        while (this.pos < len && text.charCodeAt(this.pos) !== c) {
          if (text.charCodeAt(this.pos) === 92) this.advance();
          this.advance();
        }
      } else if (c === 45 && text.charCodeAt(this.pos + 1) === 45) {
        this.pos += 2;
        const level = this.longBracketLevel();
        if (level >= 0) this.skipLongBracket(level);
        else while (this.pos < len && text.charCodeAt(this.pos) !== 10 && text.charCodeAt(this.pos) !== 13) this.pos++;
        continue;
      } else if (c === 91) {
        const level = this.longBracketLevel();
        if (level >= 0) {
          this.skipLongBracket(level);
          continue;
        }
      }
      this.advance();
    }
    const end = this.here();
    const brace = braceOf(node, undefined);
    this.problem('nginx/syntax', 'error', brace.start, brace.end, `The Lua block "${node.name}" opened here is never closed; add the missing "}".`);
    node.close(end);
  }

  /** At `[`, returns the level of a Lua long bracket (`[[` is 0, `[=[` is 1), or -1. */
  private longBracketLevel(): number {
    if (this.text.charCodeAt(this.pos) !== 91) return -1;
    let i = this.pos + 1;
    while (this.text.charCodeAt(i) === 61) i++;
    return this.text.charCodeAt(i) === 91 ? i - this.pos - 1 : -1;
  }

  private skipLongBracket(level: number): void {
    const close = ']' + '='.repeat(level) + ']';
    for (let i = 0; i < level + 2; i++) this.advance();
    while (this.pos < this.text.length && !this.text.startsWith(close, this.pos)) this.advance();
    for (let i = 0; i < close.length && this.pos < this.text.length; i++) this.advance();
  }
}

/**
 * Ends a block at the given position and hands it its children, the entries of `pending` from
 * `from` to `top` (a stray `{`'s contents, with no node, are dropped); returns the new `top`.
 */
function closeBlock(node: NginxDirective | undefined, from: number, endLine: number, endChar: number, pending: Directive[], top: number): number {
  if (node) {
    node.children = pending.slice(from, top);
    node.table.setEnd(node.id, endLine, endChar);
  }
  return from;
}

/** The `{` that opened a block: a stray one's own range, or the one its directive keeps. */
function braceOf(node: NginxDirective | undefined, brace: Range | undefined): Range {
  if (brace) return brace;
  node = node!;
  const line = node.table.bodyLine(node.id);
  const character = node.table.bodyChar(node.id);
  return { start: { line, character }, end: { line, character: character + 1 } };
}
