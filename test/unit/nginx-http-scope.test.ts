// nginx inheritance for the HTTP relay rules: the lookups a server's blocks share, unreadable
// includes on the way, and the edits that insert directive lines.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const MAIN = '/ws/nginx.conf';
const KEEPALIVE = 'nginx/upstream-keepalive-unused';
const UP = '    upstream app {\n        server 192.0.2.10:8080;\n        keepalive 16;\n    }\n';

function lint(files: Record<string, string> | string, rule: string): Finding[] {
  const ws = memoryWorkspace(typeof files === 'string' ? { [MAIN]: files } : files, 'nginx');
  return ws.analyze(MAIN).filter((f) => f.rule === rule);
}

const server = (body: string) => `events {}\nhttp {\n${UP}    server {\n        listen 80;\n${body}    }\n}\n`;
const lines = (f: Finding[]) => f.map((x) => x.range.start.line + 1);

describe('nginx lookups shared by the blocks of a server', () => {
  const inherited = '        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n';

  it('gives each sibling location its own answer, whichever asks first', () => {
    const own = '        location /a {\n            proxy_pass http://app;\n            proxy_set_header Host $host;\n        }\n';
    const bare = '        location /b {\n            proxy_pass http://app;\n        }\n';
    // The location with its own list loses the inherited Connection ""; its sibling keeps it.
    expect(lines(lint(server(inherited + own + bare), KEEPALIVE))).toEqual([12]);
    expect(lines(lint(server(inherited + bare + own), KEEPALIVE))).toEqual([15]);
  });

  it('treats what a level with an unreadable include inherits as unknown, and only there', () => {
    const text = server(
      '        location /a {\n            include /ws/missing.conf;\n            proxy_pass http://app;\n        }\n' +
        '        location /b {\n            proxy_pass http://app;\n        }\n',
    );
    expect(lines(lint(text, KEEPALIVE))).toEqual([14]);
  });

  it('reads a level through its include, and the levels outside it', () => {
    const files = {
      [MAIN]: server('        include /ws/proxy.conf;\n        location / {\n            proxy_pass http://app;\n        }\n'),
      '/ws/proxy.conf': 'proxy_http_version 1.1;\nproxy_set_header Connection "";\n',
    };
    expect(lint(files, KEEPALIVE)).toEqual([]);
    files['/ws/proxy.conf'] = 'proxy_http_version 1.1;\n';
    expect(lines(lint(files, KEEPALIVE))).toEqual([11]);
  });
});

describe('nginx edits that insert directive lines', () => {
  it('inserts on the same line when the directive does not start its line', () => {
    const f = lint(server('        location / { proxy_pass http://app; }\n'), KEEPALIVE);
    expect(f[0].fixes![0].edits.map((e) => [e.range.start, e.newText])).toEqual([
      [{ line: 8, character: 21 }, 'proxy_http_version 1.1; '],
      [{ line: 8, character: 21 }, 'proxy_set_header Connection ""; '],
    ]);
  });

  it('keeps the indentation, tabs included', () => {
    const text = `events {}\nhttp {\n${UP}\tserver {\n\t\tlisten 80;\n\t\tlocation / {\n  \t\tproxy_pass http://app;\n\t\t\tproxy_set_header Host $host;\n\t\t}\n\t}\n}\n`;
    const edits = lint(text, KEEPALIVE)[0].fixes![0].edits;
    expect(edits.map((e) => e.newText)).toEqual(['  \t\tproxy_http_version 1.1;\n', '\n\t\t\tproxy_set_header Connection "";']);
  });
});
