// One parser for ssh_config and sshd_config, following OpenSSH's line reader: a keyword, then
// whitespace and at most one `=`, then arguments split the way argv_split() splits them (double
// or single quotes, backslash escapes, `#` at the start of an argument ends the line).
// `Host` and `Match` open a section that runs to the next `Host`/`Match` or the end of the file,
// whatever the indentation. It never throws.
import type { Arg, Comment, Directive, ParseProblem, ParseResult, Position } from '../../engine/syntax';

export interface SshParseOptions {
  /** Keywords (lower case) that open a section: `host` and `match` for ssh_config, `match` for sshd. */
  sections: ReadonlySet<string>;
}

// Character codes the line reader looks at.
const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const EQUALS = 61;
const BACKSLASH = 92;

/** Blanks between words: space, tab, form feed and vertical tab. */
const isSpace = (c: number) => c === SPACE || c === TAB || c === FF || c === VT;

const at = (line: number, character: number): Position => ({ line, character });

/**
 * Keywords as written, by a hash of their characters: a file repeats a few dozen of them, so the
 * lines share one string each instead of a copy per line.
 */
const keywords = new Map<number, string>();

/** The text [from, to) of `src`, reusing the string of an earlier identical keyword. */
function keyword(src: string, from: number, to: number, hash: number): string {
  const known = keywords.get(hash);
  if (known !== undefined && known.length === to - from) {
    let same = true;
    for (let k = 0; k < known.length && same; k++) same = known.charCodeAt(k) === src.charCodeAt(from + k);
    if (same) return known;
  }
  // A copy, not a slice: the table outlives this text and must not keep it alive.
  let name = '';
  for (let k = from; k < to; k++) name += src[k];
  if (keywords.size >= 4096) keywords.clear();
  keywords.set(hash, name);
  return name;
}

export function parseSsh(text: string, options: SshParseOptions): ParseResult {
  const tree: Directive[] = [];
  const problems: ParseProblem[] = [];
  const comments: Comment[] = [];
  const sections = options.sections;
  // Only names as long as a section keyword need lower-casing to be looked up.
  let sectionLengths = 0;
  let longSections = false;
  for (const s of sections) {
    if (s.length < 31) sectionLengths |= 1 << s.length;
    else longSections = true;
  }
  let section: Directive | undefined;
  /** The current line's arguments and the current section's lines, copied out at exact size. */
  const argBuf: Arg[] = [];
  const kids: Directive[] = [];
  let line = 0;
  let pos = 0;
  const len = text.length;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;

  for (;;) {
    // One physical line: [pos, end) without its line break.
    let end = pos;
    let c = 0;
    while (end < len && (c = text.charCodeAt(end)) !== LF && c !== CR) end++;
    parseLine(pos, end, line, pos);
    if (end >= len) break;
    pos = end + (c === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    line++;
  }
  if (section) closeSection(section);
  return { tree, problems, comments };

  function parseLine(from: number, to: number, ln: number, startOfLine: number) {
    const src = text;
    // Trailing whitespace never counts (OpenSSH strips it, form feeds included).
    while (to > from && isSpace(src.charCodeAt(to - 1))) to--;
    let i = from;
    while (i < to && isSpace(src.charCodeAt(i))) i++;
    if (i >= to) return;
    if (src.charCodeAt(i) === HASH) {
      comments.push({ text: src.slice(i, to), range: { start: at(ln, i - startOfLine), end: at(ln, to - startOfLine) } });
      return;
    }
    // Keyword: up to whitespace or `=` (a quoted keyword keeps its quotes out of the name).
    const kwStart = i;
    let name: string;
    if (src.charCodeAt(i) === DQUOTE) {
      i++;
      const nameStart = i;
      while (i < to && src.charCodeAt(i) !== DQUOTE) i++;
      name = src.slice(nameStart, i);
      if (i < to) i++;
    } else {
      let c: number;
      let h = 0;
      while (i < to && !isSpace((c = src.charCodeAt(i))) && c !== EQUALS) {
        h = (h * 31 + c) | 0;
        i++;
      }
      name = keyword(src, kwStart, i, h);
    }
    const kwEnd = i;
    while (i < to && isSpace(src.charCodeAt(i))) i++;
    if (i < to && src.charCodeAt(i) === EQUALS) {
      i++;
      while (i < to && isSpace(src.charCodeAt(i))) i++;
    }
    while (i < to) {
      while (i < to && isSpace(src.charCodeAt(i))) i++;
      if (i >= to) break;
      if (src.charCodeAt(i) === HASH) {
        comments.push({ text: src.slice(i, to), range: { start: at(ln, i - startOfLine), end: at(ln, to - startOfLine) } });
        break;
      }
      const aStart = i;
      // Plain words (no quotes, no escapes) are the common case: their value is their text.
      let c = 0;
      while (i < to && (c = src.charCodeAt(i)) !== SPACE && c !== TAB && c !== DQUOTE && c !== SQUOTE && c !== BACKSLASH) i++;
      let value: string;
      let quoted = false;
      let quote = 0;
      if (i >= to || c === SPACE || c === TAB) value = src.slice(aStart, i);
      else {
        // argv_split(): quotes open and close anywhere in the word, backslash escapes.
        value = src.slice(aStart, i);
        let run = i;
        for (; i < to; i++) {
          c = src.charCodeAt(i);
          if (c === BACKSLASH && i + 1 < to) {
            const n = src.charCodeAt(i + 1);
            if (n === SQUOTE || n === DQUOTE || n === BACKSLASH || (!quote && n === SPACE)) {
              value += src.slice(run, i);
              run = i + 1;
              i++;
              continue;
            }
            continue;
          }
          if (!quote && (c === SPACE || c === TAB)) break;
          if (!quote && (c === DQUOTE || c === SQUOTE)) {
            value += src.slice(run, i);
            run = i + 1;
            quote = c;
            quoted = true;
            continue;
          }
          if (quote && c === quote) {
            value += src.slice(run, i);
            run = i + 1;
            quote = 0;
            continue;
          }
        }
        value += src.slice(run, i);
      }
      if (quote) {
        problems.push({ code: 'ssh/syntax', severity: 'error', range: { start: at(ln, aStart - startOfLine), end: at(ln, to - startOfLine) },
          message: 'Unterminated quote: ssh and sshd reject the whole line ("invalid quotes"); add the closing quote.' });
      }
      const argText = quoted || value.length !== i - aStart ? src.slice(aStart, i) : value;
      argBuf.push({ text: argText, value, quoted, range: { start: at(ln, aStart - startOfLine), end: at(ln, i - startOfLine) } });
    }
    // Positions are plain values never written to, so the ranges share them.
    const nameRange = { start: at(ln, kwStart - startOfLine), end: at(ln, kwEnd - startOfLine) };
    const args = argBuf.length ? argBuf.slice() : [];
    argBuf.length = 0;
    const range = { start: nameRange.start, end: args.length ? args[args.length - 1].range.end : nameRange.end };
    // Each node is created with all its properties at once (no shape changes later).
    if ((name.length < 31 ? (sectionLengths & (1 << name.length)) !== 0 : longSections) && sections.has(name.toLowerCase())) {
      if (section) closeSection(section);
      section = { name, nameRange, args, range, children: [] };
      tree.push(section);
      return;
    }
    if (section) kids.push({ name, nameRange, args, range, parent: section });
    else tree.push({ name, nameRange, args, range });
  }

  /** Gives the section its lines (collected in `kids`) and extends its range over them. */
  function closeSection(s: Directive) {
    if (!kids.length) return;
    s.children = kids.slice();
    kids.length = 0;
    s.range = { start: s.range.start, end: s.children[s.children.length - 1].range.end };
  }
}
