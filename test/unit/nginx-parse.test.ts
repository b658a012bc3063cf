// The nginx parser: exact 0-based ranges in awkward inputs, and recovery from broken ones.
import { describe, expect, it } from 'vitest';
import { nginxDialect } from '../../server/src/dialects/nginx/index';
import { walk, type Directive, type Range } from '../../server/src/engine/syntax';
import { argValueOf } from '../../server/src/dialects/nginx/tree';
import { MAX_BLOCK_DEPTH } from '../../server/src/dialects/nginx/parse';
import { memoryWorkspace } from '../support/memory-host';

const parse = (text: string) => nginxDialect.parse(text);
const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const all = (text: string): Directive[] => [...walk(parse(text).tree)];

describe('nginx parser ranges', () => {
  it('gives exact ranges for names and arguments, with tabs', () => {
    const { tree, problems } = parse('http {\n\tserver {\n\t\tlisten\t80 default_server;\n\t}\n}\n');
    expect(problems).toEqual([]);
    const listen = tree[0].children![0].children![0];
    expect(listen.name).toBe('listen');
    expect(listen.nameRange).toEqual(r(2, 2, 2, 8));
    expect(listen.args.map((a) => a.range)).toEqual([r(2, 9, 2, 11), r(2, 12, 2, 26)]);
    expect(listen.range).toEqual(r(2, 2, 2, 27));
    expect(tree[0].range).toEqual(r(0, 0, 4, 1));
    expect(tree[0].bodyRange).toEqual(r(0, 5, 4, 1));
  });

  it('counts CRLF and lone CR as one line break each', () => {
    const crlf = all('events {}\r\nhttp {\r\n  gzip on;\r\n}\r\n');
    expect(crlf.find((d) => d.name === 'gzip')!.nameRange).toEqual(r(2, 2, 2, 6));
    const cr = all('events {}\rhttp {\r  gzip on;\r}\r');
    expect(cr.find((d) => d.name === 'gzip')!.args[0].range).toEqual(r(2, 7, 2, 9));
  });

  it('reports a BOM and counts first-line positions without it', () => {
    const { tree, problems } = parse('\uFEFFevents {}\n');
    expect(problems.map((p) => p.code)).toEqual(['nginx/bom']);
    expect(tree[0].name).toBe('events');
    expect(tree[0].nameRange).toEqual(r(0, 0, 0, 6));
  });

  it('unquotes strings, keeps escapes, and ranges include the quotes', () => {
    const d = all(`add_header X-Note "a \\"quoted\\" word; {x}" 'it\\'s';`)[0];
    expect(d.args.map((a) => a.value)).toEqual(['X-Note', 'a "quoted" word; {x}', "it's"]);
    expect(d.args[1].range).toEqual(r(0, 18, 0, 42));
    expect(d.args[1].quoted).toBe(true);
  });

  it('treats # as a comment only at the start of a token', () => {
    const { tree, comments } = parse('set $a foo#bar; # real comment\n');
    expect(tree[0].args.map((a) => a.value)).toEqual(['$a', 'foo#bar']);
    expect(comments.map((c) => c.text)).toEqual(['# real comment']);
    expect(comments[0].range).toEqual(r(0, 16, 0, 30));
  });

  it('keeps ${VAR} placeholders inside one word', () => {
    const d = all('listen ${PORT} ssl;')[0];
    expect(d.args.map((a) => a.value)).toEqual(['${PORT}', 'ssl']);
  });

  it('reads regex locations with {} quantifiers inside quotes', () => {
    const { tree, problems } = parse('location ~ "^/a{2,3}/(\\d{4})$" {\n  return 204;\n}\n');
    expect(problems).toEqual([]);
    expect(tree[0].args[1].value).toBe('^/a{2,3}/(\\d{4})$');
    expect(tree[0].children!.map((c) => c.name)).toEqual(['return']);
  });

  it('keeps Lua block bodies opaque, with braces in strings and comments', () => {
    const text = 'location / {\n  content_by_lua_block {\n    local t = { a = "}" } -- }\n    ngx.say([[ } ]])\n  }\n  return 200;\n}\n';
    const { tree, problems } = parse(text);
    expect(problems).toEqual([]);
    const loc = tree[0];
    expect(loc.children!.map((c) => c.name)).toEqual(['content_by_lua_block', 'return']);
    expect(loc.children![0].opaque).toBe(true);
    expect(loc.children![0].children).toEqual([]);
    expect(loc.children![0].range).toEqual(r(1, 2, 4, 3));
  });

  it('links children to their parents', () => {
    const listen = all('http { server { listen 80; } }').find((d) => d.name === 'listen')!;
    expect(listen.parent?.name).toBe('server');
    expect(listen.parent?.parent?.name).toBe('http');
  });
});

describe('nginx parser recovery', () => {
  it('reports a missing ";" at the end of the line and keeps the next directive', () => {
    const { tree, problems } = parse('server {\n  listen 80\n  server_name a.test;\n}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].range).toEqual(r(1, 11, 1, 11));
    expect(problems[0].message).toContain('Missing ";"');
    expect(tree[0].children!.map((c) => c.name)).toEqual(['listen', 'server_name']);
  });

  it('reports a missing ";" before "}"', () => {
    const { problems } = parse('events { worker_connections 10 }');
    expect(problems).toHaveLength(1);
    expect(problems[0].range).toEqual(r(0, 30, 0, 30));
  });

  it('reports an unclosed block at its opening brace', () => {
    const { tree, problems } = parse('http {\n  server {\n    listen 80;\n');
    expect(problems.map((p) => p.range)).toEqual([r(1, 9, 1, 10), r(0, 5, 0, 6)]);
    expect(tree[0].children![0].children![0].name).toBe('listen');
  });

  it('reports a stray "}" and goes on', () => {
    const { tree, problems } = parse('events {}\n}\nhttp {}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].range).toEqual(r(1, 0, 1, 1));
    expect(tree.map((d) => d.name)).toEqual(['events', 'http']);
  });

  it('reports an unterminated quote on its line and parses the following lines', () => {
    const { tree, problems } = parse('add_header X "oops;\nhttp {}\n');
    expect(problems.some((p) => p.message.startsWith('Unterminated') && p.range.start.line === 0 && p.range.start.character === 13)).toBe(true);
    expect(tree.some((d) => d.name === 'http')).toBe(true);
  });

  it('reports a character glued to a closing quote, as nginx does', () => {
    const { problems } = parse('return 200 "a"-b;');
    expect(problems).toHaveLength(1);
    expect(problems[0].range).toEqual(r(0, 14, 0, 15));
  });

  it('does not split multi-line arguments that are not directive names', () => {
    const { tree, problems } = parse("log_format main '$remote_addr'\n    '$status';\n");
    expect(problems).toEqual([]);
    expect(tree[0].args).toHaveLength(3);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '{', '}', ';', '"', "'", '\\', '{{{{', '}}}}', 'a "b', 'x_by_lua_block {', 'a { "', '\uFEFF', '\r\r\n\n']) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe('argValueOf', () => {
  it('reads argument values from the parse as `args` gives them, before and after they are built', () => {
    const text = 'proxy_set_header "X-A b" \'c\\\'d\' e\\ f;\nhttp { server { listen 80; } }\nempty;\n';
    for (const build of [false, true]) {
      for (const d of all(text)) {
        const fresh = all(text).find((x) => x.name === d.name)!;
        if (build) void fresh.args;
        for (let k = 0; k <= d.args.length; k++) expect([d.name, k, argValueOf(fresh, k)]).toEqual([d.name, k, d.args[k]?.value]);
      }
    }
    const edited = all(text)[0];
    edited.args = [edited.args[1]];
    expect(argValueOf(edited, 0)).toBe(all(text)[0].args[1].value);
    expect(argValueOf(edited, 1)).toBeUndefined();
  });
});

describe('nginx parser depth limit', () => {
  const nested = (n: number, closes = n) => `http {\nserver {\n${'location /a {\n'.repeat(n)}return 204;\n${'}\n'.repeat(closes)}}\n}\nevents {}\n`;
  const depthOf = (nodes: readonly Directive[]): number => {
    let deepest = 0;
    for (const stack: [Directive, number][] = nodes.map((d) => [d, 1]); stack.length; ) {
      const [d, k] = stack.pop()!;
      deepest = Math.max(deepest, k);
      for (const c of d.children ?? []) stack.push([c, k + 1]);
    }
    return deepest;
  };

  it('keeps blocks nested more than MAX_BLOCK_DEPTH deep out of the tree, with a warning, and reads on after them', () => {
    const { tree, problems } = parse(nested(MAX_BLOCK_DEPTH + 100));
    expect(depthOf(tree)).toBe(MAX_BLOCK_DEPTH + 1);
    expect(problems).toHaveLength(1);
    expect(problems[0].severity).toBe('warning');
    expect(problems[0].message).toContain(`nested more than ${MAX_BLOCK_DEPTH} deep`);
    // The block that opened past the limit (the root, http, server and 498 locations are open).
    expect(problems[0].range.start.line).toBe(MAX_BLOCK_DEPTH);
    expect(tree.map((d) => d.name)).toEqual(['http', 'events']);
    // Exactly MAX_BLOCK_DEPTH blocks (http, server and the locations) are all read.
    expect(parse(nested(MAX_BLOCK_DEPTH - 2)).problems).toEqual([]);
  });

  it('reports a skipped block that is never closed', () => {
    const { problems } = parse(nested(MAX_BLOCK_DEPTH + 10, MAX_BLOCK_DEPTH + 5));
    expect(problems.some((p) => p.severity === 'error' && /never closed/.test(p.message))).toBe(true);
  });

  it('lints a file nested thousands deep without exhausting the stack', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': nested(20000) });
    const findings = ws.analyze('/ws/nginx.conf');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });
});
