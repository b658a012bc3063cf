// OpenVPN config parser, following OpenVPN's own line reader (options.c parse_line): one option
// per line; `#` or `;` at the start of a token begins a comment; double quotes and backslash
// escapes as OpenVPN reads them (single quotes take everything literally); a leading `--` is
// dropped. `<ca>` ... `</ca>` inline blocks are kept opaque, `<connection>` blocks hold options,
// and the quoted argument of `push` is itself parsed as options, with ranges inside the quotes.
// It never throws.
import type { Arg, Comment, Directive, ParseProblem, ParseResult, Position } from '../../engine/syntax';

export const INLINE_TAGS = new Set([
  'ca', 'cert', 'key', 'tls-auth', 'tls-crypt', 'tls-crypt-v2', 'dh', 'extra-certs', 'pkcs12',
  'secret', 'auth-user-pass', 'http-proxy-user-pass', 'peer-fingerprint', 'crl-verify',
]);

interface Token {
  text: string;
  value: string;
  start: number;
  end: number;
  quoted: boolean;
  unterminated?: '"' | "'";
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 11 || c === 12 || c === 13;

/** Splits one line into parameters the way OpenVPN does; offsets are relative to `from`. */
export function splitLine(text: string, from: number, to: number): { tokens: Token[]; comment?: { start: number; end: number } } {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const c = text[i];
    if (c === '#' || c === ';') return { tokens, comment: { start: i, end: to } };
    const start = i;
    let value = '';
    let quoted = false;
    let quote = '';
    if (c === '"' || c === "'") {
      quote = c;
      quoted = true;
      i++;
    }
    let closed = !quote;
    while (i < to) {
      const ch = text[i];
      if (quote === "'") {
        if (ch === "'") {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
        continue;
      }
      if (ch === '\\' && i + 1 < to) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (quote === '"' && ch === '"') {
        closed = true;
        i++;
        break;
      }
      if (!quote && isSpace(text.charCodeAt(i))) break;
      value += ch;
      i++;
    }
    const tok: Token = { text: text.slice(start, i), value, start, end: i, quoted };
    if (!closed) tok.unterminated = quote as '"' | "'";
    tokens.push(tok);
  }
  return { tokens };
}

export function parseOpenvpn(text: string): ParseResult {
  const tree: Directive[] = [];
  const problems: ParseProblem[] = [];
  const comments: Comment[] = [];
  // Line starts, for positions (LF, CRLF, lone CR).
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const pos = (line: number, offset: number): Position => ({ line, character: offset - starts[line] - (line === 0 ? bom : 0) });
  const lineEnd = (line: number) => {
    let e = line + 1 < starts.length ? starts[line + 1] : text.length;
    if (e > starts[line] && text.charCodeAt(e - 1) === 10) e--;
    if (e > starts[line] && text.charCodeAt(e - 1) === 13) e--;
    return e;
  };

  let connection: Directive | undefined;
  let line = 0;
  while (line < starts.length) {
    const from = starts[line] + (line === 0 ? bom : 0);
    const to = lineEnd(line);
    const { tokens, comment } = splitLine(text, from, to);
    if (comment) comments.push({ text: text.slice(comment.start, comment.end), range: { start: pos(line, comment.start), end: pos(line, comment.end) } });
    if (!tokens.length) {
      line++;
      continue;
    }
    const first = tokens[0];
    const tag = /^<(\/?)([A-Za-z0-9-]+)>$/.exec(first.value);
    if (tag && !first.quoted) {
      const closing = tag[1] === '/';
      const name = tag[2].toLowerCase();
      const nameRange = { start: pos(line, first.start), end: pos(line, first.end) };
      if (name === 'connection') {
        if (closing) {
          if (connection) {
            connection.range = { start: connection.range.start, end: nameRange.end };
            connection.bodyRange = { start: connection.bodyRange!.start, end: nameRange.end };
            connection = undefined;
          } else problems.push({ code: 'openvpn/syntax', severity: 'error', range: nameRange, message: 'A </connection> with no <connection> before it: OpenVPN refuses the file; remove it.' });
        } else {
          if (connection) problems.push({ code: 'openvpn/syntax', severity: 'error', range: connection.nameRange, message: 'This <connection> block is not closed before the next one starts: OpenVPN refuses the file; add </connection>.' });
          connection = { name: 'connection', nameRange, args: [], range: { start: nameRange.start, end: nameRange.end }, children: [], bodyRange: { start: nameRange.start, end: nameRange.end } };
          tree.push(connection);
        }
        line++;
        continue;
      }
      if (!closing) {
        // An inline file: everything up to </tag> is data.
        const close = `</${tag[2]}>`;
        let end = line + 1;
        // openvpn only looks at the start of the line: `</ca> trailing words` still closes the block.
        while (end < starts.length && !text.slice(starts[end], lineEnd(end)).trimStart().startsWith(close)) end++;
        const node: Directive = { name: name, nameRange, args: [], range: { start: nameRange.start, end: nameRange.end }, children: [], opaque: true };
        if (end >= starts.length) {
          problems.push({ code: 'openvpn/syntax', severity: 'error', range: nameRange, message: `The inline block <${tag[2]}> is never closed: OpenVPN reads the rest of the file as its content and refuses it; add ${close}.` });
          const last = starts.length - 1;
          node.range = { start: nameRange.start, end: pos(last, lineEnd(last)) };
          node.bodyRange = node.range;
          end = starts.length;
        } else {
          const closeStart = text.indexOf(close, starts[end]);
          node.range = { start: nameRange.start, end: pos(end, closeStart + close.length) };
          node.bodyRange = node.range;
        }
        add(node);
        line = end + 1;
        continue;
      }
      problems.push({ code: 'openvpn/syntax', severity: 'error', range: nameRange, message: `A closing ${first.value} with no opening tag: OpenVPN refuses the file; remove it.` });
      line++;
      continue;
    }
    const node = toDirective(tokens, line);
    add(node);
    if (node.name.toLowerCase() === 'push' && node.args.length) pushChildren(node, tokens[1], line);
    line++;
  }
  if (connection) problems.push({ code: 'openvpn/syntax', severity: 'error', range: connection.nameRange, message: 'This <connection> block is never closed: OpenVPN refuses the file; add </connection>.' });
  return { tree, problems, comments };

  function add(node: Directive) {
    if (connection) {
      node.parent = connection;
      connection.children!.push(node);
      connection.range = { start: connection.range.start, end: node.range.end };
      connection.bodyRange = { start: connection.bodyRange!.start, end: node.range.end };
    } else tree.push(node);
  }

  function toDirective(tokens: Token[], ln: number, offset = 0): Directive {
    const [head, ...rest] = tokens;
    for (const t of tokens) {
      if (t.unterminated) {
        problems.push({ code: 'openvpn/syntax', severity: 'error', range: { start: pos(ln, t.start + offset), end: pos(ln, t.end + offset) },
          message: `No closing ${t.unterminated === '"' ? 'double' : 'single'} quote: OpenVPN refuses the file; add the closing quote.` });
      }
    }
    // `--option` on a config line means the same as `option`.
    const dashes = !head.quoted && head.value.startsWith('--') ? 2 : 0;
    const args: Arg[] = rest.map((t) => ({ text: t.text, value: t.value, quoted: t.quoted, range: { start: pos(ln, t.start + offset), end: pos(ln, t.end + offset) } }));
    return {
      name: head.value.slice(dashes),
      nameRange: { start: pos(ln, head.start + offset + dashes), end: pos(ln, head.end + offset) },
      args,
      range: { start: pos(ln, head.start + offset), end: args.length ? args[args.length - 1].range.end : pos(ln, head.end + offset) },
    };
  }

  /** Parses the quoted argument of `push` as an option line, with positions inside the quotes. */
  function pushChildren(node: Directive, arg: Token, ln: number) {
    if (!arg.quoted) return;
    const innerStart = arg.start + 1;
    const innerEnd = arg.unterminated ? arg.end : arg.end - 1;
    const { tokens } = splitLine(text, innerStart, innerEnd);
    if (!tokens.length) return;
    const child = toDirective(tokens, ln);
    child.parent = node;
    node.children = [child];
  }
}
