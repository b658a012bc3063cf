// Error-tolerant nginx tokenizer and parser. It follows nginx's own tokenizer rules
// (ngx_conf_file.c): words end at whitespace, `;` or `{`; `#` starts a comment only at the
// start of a token; quotes open only at the start of a token; `\` escapes in and out of quotes.
// It never throws: every problem becomes a ParseProblem with an exact range, and parsing goes on.
import type { Arg, Comment, Directive, ParseProblem, ParseResult, Position, Range } from '../../engine/syntax';

export interface NginxParseOptions {
  /**
   * Called when a word starts a new line in the middle of a statement. Returning true treats it
   * as the start of a new directive (the previous one lacks its `;`). Used with known directive
   * names so that a forgotten `;` is reported on its own line instead of swallowing the next one.
   */
  startsDirective?: (word: string, parent: string | undefined) => boolean;
}

type TokenKind = 'word' | ';' | '{' | '}' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  value: string;
  quoted: boolean;
  start: Position;
  end: Position;
  startOffset: number;
  /** True when no other token precedes it on its line. */
  firstOnLine: boolean;
}

interface OpenStatement {
  name: Token;
  args: Token[];
}

interface OpenBlock {
  node: Directive | undefined;
  children: Directive[];
  brace: Range;
}

/** Lua blocks hold Lua code, not nginx directives; their body is skipped as a whole. */
export function isOpaqueBlockName(name: string): boolean {
  return name.endsWith('_by_lua_block') || name === 'lua_block';
}

export function parseNginx(text: string, options: NginxParseOptions = {}): ParseResult {
  return new NginxParser(text, options).parse();
}

class NginxParser {
  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private lastTokenLine = -1;
  private readonly problems: ParseProblem[] = [];
  private readonly comments: Comment[] = [];

  constructor(
    private readonly text: string,
    private readonly options: NginxParseOptions,
  ) {}

  parse(): ParseResult {
    const tree: Directive[] = [];
    if (this.text.charCodeAt(0) === 0xfeff) {
      this.problem('nginx/bom', 'error', this.here(), this.here(),
        'The file starts with a UTF-8 byte order mark, which nginx reads as part of the first directive name and rejects; save the file as UTF-8 without BOM.');
      // Editors hide the mark, so positions on the first line are counted without it.
      this.pos = 1;
      this.lineStart = 1;
    }
    const stack: OpenBlock[] = [{ node: undefined, children: tree, brace: this.rangeAt(this.here(), this.here()) }];
    let stmt: OpenStatement | undefined;

    for (;;) {
      const tok = this.next();
      const block = stack[stack.length - 1];
      if (tok.kind === 'word') {
        if (!stmt) {
          stmt = { name: tok, args: [] };
        } else if (tok.firstOnLine && this.options.startsDirective?.(tok.value, block.node?.name)) {
          this.missingSemicolon(stmt);
          block.children.push(this.finish(stmt, block.node, lastEnd(stmt)));
          stmt = { name: tok, args: [] };
        } else {
          stmt.args.push(tok);
        }
        continue;
      }
      if (tok.kind === ';') {
        if (!stmt) {
          this.problem('nginx/syntax', 'error', tok.start, tok.end, 'Unexpected ";" with no directive before it; remove it.');
          continue;
        }
        block.children.push(this.finish(stmt, block.node, tok.end));
        stmt = undefined;
        continue;
      }
      if (tok.kind === '{') {
        const brace = this.rangeAt(tok.start, tok.end);
        if (!stmt) {
          this.problem('nginx/syntax', 'error', tok.start, tok.end, 'Unexpected "{" with no directive name before it; add the block directive or remove the brace.');
          stack.push({ node: undefined, children: [], brace });
          continue;
        }
        const node = this.finish(stmt, block.node, tok.end);
        node.children = [];
        block.children.push(node);
        stmt = undefined;
        if (isOpaqueBlockName(node.name)) {
          this.skipLuaBody(node, brace);
        } else {
          stack.push({ node, children: node.children, brace });
        }
        continue;
      }
      if (tok.kind === '}') {
        if (stmt) {
          this.missingSemicolon(stmt);
          block.children.push(this.finish(stmt, block.node, lastEnd(stmt)));
          stmt = undefined;
        }
        if (stack.length === 1) {
          this.problem('nginx/syntax', 'error', tok.start, tok.end, 'Unexpected "}" that closes no block; remove it or add the block it was meant to close.');
          continue;
        }
        const closed = stack.pop()!;
        this.closeBlock(closed, tok.end);
        continue;
      }
      // End of file.
      if (stmt) {
        this.missingSemicolon(stmt);
        block.children.push(this.finish(stmt, block.node, lastEnd(stmt)));
      }
      while (stack.length > 1) {
        const open = stack.pop()!;
        this.problem('nginx/syntax', 'error', open.brace.start, open.brace.end,
          `The block${open.node ? ` "${open.node.name}"` : ''} opened here is never closed; add the missing "}".`);
        this.closeBlock(open, tok.end);
      }
      return { tree, problems: this.problems, comments: this.comments };
    }
  }

  private closeBlock(open: OpenBlock, end: Position): void {
    if (!open.node) return;
    open.node.range = { start: open.node.range.start, end };
    open.node.bodyRange = { start: open.brace.start, end };
  }

  private finish(stmt: OpenStatement, parent: Directive | undefined, end: Position): Directive {
    const node: Directive = {
      name: stmt.name.value,
      nameRange: this.rangeAt(stmt.name.start, stmt.name.end),
      args: stmt.args.map(toArg),
      range: this.rangeAt(stmt.name.start, end),
    };
    if (parent) node.parent = parent;
    return node;
  }

  private missingSemicolon(stmt: OpenStatement): void {
    const last = stmt.args.length ? stmt.args[stmt.args.length - 1] : stmt.name;
    this.problem('nginx/syntax', 'error', last.end, last.end,
      `Missing ";" after "${stmt.name.value}"; nginx reads on into the next line and refuses the file.`);
  }

  // ---- tokenizer ---------------------------------------------------------------------------

  private here(): Position {
    return { line: this.line, character: this.pos - this.lineStart };
  }

  private rangeAt(start: Position, end: Position): Range {
    return { start, end };
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

  private next(): Token {
    const text = this.text;
    const len = text.length;
    // Whitespace and comments.
    for (;;) {
      if (this.pos >= len) return this.simple('eof', 0);
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
        this.advance();
        continue;
      }
      if (c === 35 /* # */) {
        const start = this.here();
        const from = this.pos;
        while (this.pos < len) {
          const d = text.charCodeAt(this.pos);
          if (d === 10 || d === 13) break;
          this.pos++;
        }
        this.comments.push({ text: text.slice(from, this.pos), range: { start, end: this.here() } });
        continue;
      }
      break;
    }
    const c = text.charCodeAt(this.pos);
    if (c === 59) return this.simple(';', 1);
    if (c === 123) return this.simple('{', 1);
    if (c === 125) return this.simple('}', 1);
    if (c === 34 || c === 39) return this.quoted(c);
    return this.word();
  }

  private simple(kind: TokenKind, width: number): Token {
    const start = this.here();
    const startOffset = this.pos;
    const firstOnLine = this.markLine();
    this.pos += width;
    const value = kind === 'eof' ? '' : kind;
    return { kind, text: value, value, quoted: false, start, end: this.here(), startOffset, firstOnLine };
  }

  private markLine(): boolean {
    const first = this.lastTokenLine !== this.line;
    this.lastTokenLine = this.line;
    return first;
  }

  private word(): Token {
    const text = this.text;
    const len = text.length;
    const start = this.here();
    const startOffset = this.pos;
    const firstOnLine = this.markLine();
    let value = '';
    let chunk = this.pos;
    let variable = false;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === 123 /* { */ && variable) {
        // `${name}` keeps its braces inside the word, as nginx does.
        this.pos++;
        variable = false;
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 59 || c === 123) break;
      variable = c === 36; /* $ */
      if (c === 92 /* \ */ && this.pos + 1 < len) {
        // As in nginx, `\` takes the next character into the word, a line break included
        // (stopping before it left the `\` unconsumed, and a `\` at the end of a line looped
        // forever). Only \" \' \\ \t \r \n are unescaped; any other pair stays as written,
        // as nginx keeps it (regexes such as `\.php$`).
        const n = text[this.pos + 1];
        const unescaped = n === '"' || n === "'" || n === '\\' ? n : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'n' ? '\n' : undefined;
        if (unescaped !== undefined) {
          value += text.slice(chunk, this.pos) + unescaped;
          chunk = this.pos + 2;
        }
        this.pos++;
        // An escaped CRLF is taken whole, so the word never ends between its CR and LF.
        if (n === '\r' && text.charCodeAt(this.pos + 1) === 10) this.pos++;
        this.advance(); // counts an escaped line break
        continue;
      }
      this.pos++;
    }
    value += text.slice(chunk, this.pos);
    return { kind: 'word', text: text.slice(startOffset, this.pos), value, quoted: false, start, end: this.here(), startOffset, firstOnLine };
  }

  private quoted(quote: number): Token {
    const text = this.text;
    const len = text.length;
    const start = this.here();
    const startOffset = this.pos;
    const firstOnLine = this.markLine();
    const startLine = this.line;
    this.pos++;
    let value = '';
    let chunk = this.pos;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === quote) {
        value += text.slice(chunk, this.pos);
        this.pos++;
        const tok: Token = { kind: 'word', text: text.slice(startOffset, this.pos), value, quoted: true, start, end: this.here(), startOffset, firstOnLine };
        this.checkSpaceAfterQuote();
        return tok;
      }
      if (c === 92 /* \ */ && this.pos + 1 < len) {
        const n = text[this.pos + 1];
        const unescaped = n === '"' || n === "'" || n === '\\' ? n : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'n' ? '\n' : undefined;
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
    return { kind: 'word', text: raw, value: raw.slice(1), quoted: true, start, end, startOffset, firstOnLine };
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

  /** Skips a Lua body up to its matching `}`, honouring Lua strings and comments. */
  private skipLuaBody(node: Directive, brace: Range): void {
    node.opaque = true;
    const text = this.text;
    const len = text.length;
    let depth = 1;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        this.pos++;
        const end = this.here();
        node.range = { start: node.range.start, end };
        node.bodyRange = { start: brace.start, end };
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
    this.problem('nginx/syntax', 'error', brace.start, brace.end, `The Lua block "${node.name}" opened here is never closed; add the missing "}".`);
    node.range = { start: node.range.start, end };
    node.bodyRange = { start: brace.start, end };
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

function toArg(tok: Token): Arg {
  return { text: tok.text, value: tok.value, range: { start: tok.start, end: tok.end }, quoted: tok.quoted };
}

function lastEnd(stmt: OpenStatement): Position {
  return (stmt.args.length ? stmt.args[stmt.args.length - 1] : stmt.name).end;
}
