// One parser for ssh_config and sshd_config, following OpenSSH's line reader: a keyword, then
// whitespace and at most one `=`, then arguments split the way argv_split() splits them (double
// or single quotes, backslash escapes, `#` at the start of an argument ends the line).
// `Host` and `Match` open a section that runs to the next `Host`/`Match` or the end of the file,
// whatever the indentation. It never throws.
import type { Arg, Comment, Directive, ParseProblem, ParseResult } from '../../engine/syntax';

export interface SshParseOptions {
  /** Keywords (lower case) that open a section: `host` and `match` for ssh_config, `match` for sshd. */
  sections: ReadonlySet<string>;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\f' || c === '\v';

export function parseSsh(text: string, options: SshParseOptions): ParseResult {
  const tree: Directive[] = [];
  const problems: ParseProblem[] = [];
  const comments: Comment[] = [];
  let section: Directive | undefined;
  let line = 0;
  let pos = 0;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  let lineStart = pos;

  while (pos <= text.length) {
    // One physical line: [pos, end) without its line break.
    let end = pos;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    parseLine(text, pos, end, line, lineStart);
    if (end >= text.length) break;
    pos = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
    line++;
    lineStart = pos;
  }
  if (section) closeSection(section);
  return { tree, problems, comments };

  function closeSection(s: Directive) {
    const last = s.children?.[s.children.length - 1];
    if (last) s.range = { start: s.range.start, end: last.range.end };
  }

  function parseLine(src: string, from: number, to: number, ln: number, startOfLine: number) {
    const ch = (i: number) => ({ line: ln, character: i - startOfLine });
    // Trailing whitespace never counts (OpenSSH strips it, form feeds included).
    while (to > from && isSpace(src[to - 1])) to--;
    let i = from;
    while (i < to && isSpace(src[i])) i++;
    if (i >= to) return;
    if (src[i] === '#') {
      comments.push({ text: src.slice(i, to), range: { start: ch(i), end: ch(to) } });
      return;
    }
    // Keyword: up to whitespace or `=` (a quoted keyword keeps its quotes out of the name).
    const kwStart = i;
    let name = '';
    if (src[i] === '"') {
      i++;
      while (i < to && src[i] !== '"') name += src[i++];
      if (i < to) i++;
    } else {
      while (i < to && !isSpace(src[i]) && src[i] !== '=') name += src[i++];
    }
    const kwEnd = i;
    while (i < to && isSpace(src[i])) i++;
    if (src[i] === '=') {
      i++;
      while (i < to && isSpace(src[i])) i++;
    }
    const args: Arg[] = [];
    while (i < to) {
      while (i < to && isSpace(src[i])) i++;
      if (i >= to) break;
      if (src[i] === '#') {
        comments.push({ text: src.slice(i, to), range: { start: ch(i), end: ch(to) } });
        break;
      }
      const aStart = i;
      let value = '';
      let quote = '';
      let quoted = false;
      for (; i < to; i++) {
        const c = src[i];
        if (c === '\\' && i + 1 < to) {
          const n = src[i + 1];
          if (n === "'" || n === '"' || n === '\\' || (!quote && n === ' ')) {
            value += n;
            i++;
            continue;
          }
          value += c;
          continue;
        }
        if (!quote && (c === ' ' || c === '\t')) break;
        if (!quote && (c === '"' || c === "'")) {
          quote = c;
          quoted = true;
          continue;
        }
        if (quote && c === quote) {
          quote = '';
          continue;
        }
        value += c;
      }
      if (quote) {
        problems.push({ code: 'ssh/syntax', severity: 'error', range: { start: ch(aStart), end: ch(to) },
          message: 'Unterminated quote: ssh and sshd reject the whole line ("invalid quotes"); add the closing quote.' });
      }
      args.push({ text: src.slice(aStart, i), value, quoted, range: { start: ch(aStart), end: ch(i) } });
    }
    const node: Directive = {
      name,
      nameRange: { start: ch(kwStart), end: ch(kwEnd) },
      args,
      range: { start: ch(kwStart), end: args.length ? args[args.length - 1].range.end : ch(kwEnd) },
    };
    if (options.sections.has(name.toLowerCase())) {
      if (section) closeSection(section);
      node.children = [];
      section = node;
      tree.push(node);
      return;
    }
    if (section) {
      node.parent = section;
      section.children!.push(node);
    } else tree.push(node);
  }
}
